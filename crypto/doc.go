// Package crypto is sealpeek's pure core: it reads the payloads an Intercom
// integration sends and receives, opens and seals them, computes their digests
// and explains why one does not match.
//
// It knows nothing of terminals, files or flags. Bytes and resolved secrets go
// in; results and diagnoses come out. Secrets never leave it except as a
// [Fingerprint].
//
// The formats it handles are described in PROTOCOLS.md:
//
//   - a sheet user: base64(IV 12 ‖ AES-256-GCM ciphertext ‖ tag 16), keyed with
//     SHA-256 of the OAuth client secret ([NewSheetCipher], [DecodeSheetUser]);
//   - an identity verification digest (user_hash): lowercase hex
//     HMAC-SHA256(secret, identifier) ([UserHash]).
package crypto
