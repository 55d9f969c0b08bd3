'use strict';
// Verifies X-Hub-Signature of an Intercom webhook: "sha1=" and the lowercase
// hex HMAC-SHA1 of the raw request body, keyed with the app's OAuth client
// secret. Express: app.post('/webhook', express.raw({type: '*/*'}), ...) and
// pass req.body (a Buffer). Never JSON.stringify(req.body): other whitespace,
// key order or escapes give another signature.
// TypeScript: (rawBody: Buffer, header: string, clientSecret: string): boolean.
const crypto = require('crypto');

function webhookSignatureValid(rawBody, header, clientSecret) {
  const expected = Buffer.from('sha1=' + crypto.createHmac('sha1', clientSecret).update(rawBody).digest('hex'));
  const given = Buffer.from(header || '');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected); // it throws on unequal lengths
}

module.exports = { webhookSignatureValid };

// node webhook-signature.js < body.json  (INTERCOM_SECRET, and the header's
// value in SIGNATURE): prints valid or invalid.
if (require.main === module) {
  const rawBody = require('fs').readFileSync(0); // the bytes as received
  const valid = webhookSignatureValid(rawBody, process.env.SIGNATURE, process.env.INTERCOM_SECRET);
  console.log(valid ? 'valid' : 'invalid');
  process.exitCode = valid ? 0 : 1;
}
