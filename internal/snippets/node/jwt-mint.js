'use strict';
// Makes a Messenger JWT (intercom_user_jwt): HS256, keyed with the Messenger
// API secret's text as it is (not base64-decoded). The claims need user_id;
// times (exp, iat) are seconds: Math.floor(Date.now() / 1000) + 3600.
// TypeScript: (claims: Record<string, unknown>, messengerSecret: string): string.
const crypto = require('crypto');

function mintMessengerJwt(claims, messengerSecret) {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url'); // base64url, no padding
  const signature = crypto.createHmac('sha256', messengerSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

module.exports = { mintMessengerJwt };

// node jwt-mint.js < claims.json  (secret in INTERCOM_SECRET): prints the token.
if (require.main === module) {
  const claims = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  console.log(mintMessengerJwt(claims, process.env.INTERCOM_SECRET));
}
