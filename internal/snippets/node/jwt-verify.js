'use strict';
// Verifies a Messenger JWT (intercom_user_jwt), signed HS256 with the
// Messenger API secret: the alg must be HS256 (never "none"), the signature
// must match, and exp, when present, must be ahead (seconds since 1970).
// Returns the claims JSON as signed, or null.
// TypeScript: (token: string, messengerSecret: string): string | null.
const crypto = require('crypto');

function verifyMessengerJwt(token, messengerSecret) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  let alg, claims, json;
  try {
    alg = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).alg;
    json = Buffer.from(payload, 'base64url').toString('utf8');
    claims = JSON.parse(json);
  } catch (err) {
    return null;
  }
  if (alg !== 'HS256') return null;
  const expected = Buffer.from(crypto.createHmac('sha256', messengerSecret).update(`${header}.${payload}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return null;
  if ('exp' in claims && !(typeof claims.exp === 'number' && claims.exp > Math.floor(Date.now() / 1000))) {
    return null; // expired, or not a time: exp counts seconds, Date.now() milliseconds
  }
  return json;
}

module.exports = { verifyMessengerJwt };

// node jwt-verify.js < token.txt  (secret in INTERCOM_SECRET): prints the
// claims, or invalid.
if (require.main === module) {
  const claims = verifyMessengerJwt(require('fs').readFileSync(0, 'utf8').trim(), process.env.INTERCOM_SECRET);
  console.log(claims ?? 'invalid');
  process.exitCode = claims === null ? 1 : 0;
}
