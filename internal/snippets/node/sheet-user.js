'use strict';
// Opens the encrypted user of an Intercom open-sheet request (the "user" of
// intercom_data): base64( IV 12 bytes | AES-256-GCM ciphertext | tag 16 bytes ).
// The key is the raw 32-byte SHA-256 of the app's OAuth client secret.
// Returns the user JSON, or null when the tag does not check: then the user
// was not sealed by Intercom with this secret, and must not be trusted.
// TypeScript: the same code, typed (encoded: string, clientSecret: string): string | null.
const crypto = require('crypto');

function openSheetUser(encoded, clientSecret) {
  const data = Buffer.from(encoded, 'base64');
  if (data.length < 12 + 16) return null;
  const key = crypto.createHash('sha256').update(clientSecret).digest(); // no 'hex': 32 raw bytes
  const iv = data.subarray(0, 12);
  const tag = data.subarray(data.length - 16); // the buffer's length, not the string's
  const ciphertext = data.subarray(12, data.length - 16);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8'); // final() checks the tag
  } catch (err) {
    return null; // "Unsupported state or unable to authenticate data": the tag does not match
  }
}

module.exports = { openSheetUser };

// node sheet-user.js < user.txt  (secret in INTERCOM_SECRET): prints the user.
if (require.main === module) {
  const user = openSheetUser(require('fs').readFileSync(0, 'utf8').trim(), process.env.INTERCOM_SECRET);
  console.log(user ?? 'invalid');
  process.exitCode = user === null ? 1 : 0;
}
