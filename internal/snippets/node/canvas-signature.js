'use strict';
// Verifies X-Body-Signature of a Canvas Kit request (and of the uninstall and
// health-check webhooks): the lowercase hex HMAC-SHA256 of the raw request
// body, keyed with the app's OAuth client secret, without prefix.
// Express: app.post('/canvas', express.raw({type: '*/*'}), ...) and pass
// req.body (a Buffer). Never JSON.stringify(req.body): other whitespace, key
// order or escapes give another signature.
// TypeScript: (rawBody: Buffer, header: string, clientSecret: string): boolean.
const crypto = require('crypto');

function canvasSignatureValid(rawBody, header, clientSecret) {
  const expected = Buffer.from(crypto.createHmac('sha256', clientSecret).update(rawBody).digest('hex'));
  const given = Buffer.from(header || '');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected); // it throws on unequal lengths
}

module.exports = { canvasSignatureValid };

// node canvas-signature.js < body.json  (INTERCOM_SECRET, and the header's
// value in SIGNATURE): prints valid or invalid.
if (require.main === module) {
  const rawBody = require('fs').readFileSync(0); // the bytes as received
  const valid = canvasSignatureValid(rawBody, process.env.SIGNATURE, process.env.INTERCOM_SECRET);
  console.log(valid ? 'valid' : 'invalid');
  process.exitCode = valid ? 0 : 1;
}
