'use strict';
// Identity verification: user_hash = lowercase hex HMAC-SHA256 of the
// identifier (the user_id when you send one, else the email), keyed with the
// identity verification secret of the platform (web, iOS or Android).
// TypeScript: (identifier: string | Buffer, identitySecret: string): string.
const crypto = require('crypto');

function userHash(identifier, identitySecret) {
  return crypto.createHmac('sha256', identitySecret).update(identifier).digest('hex'); // key first; lowercase hex
}

module.exports = { userHash };

// node user-hash.js < id.txt  (secret in INTERCOM_SECRET): prints the user_hash.
// The identifier is hashed byte for byte, except that ONE trailing newline is
// removed (the one echo adds); anything else, spaces included, is hashed.
if (require.main === module) {
  let identifier = require('fs').readFileSync(0);
  if (identifier.length > 0 && identifier[identifier.length - 1] === 0x0a) identifier = identifier.subarray(0, -1);
  console.log(userHash(identifier, process.env.INTERCOM_SECRET));
}
