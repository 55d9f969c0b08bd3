// Package crypto is sealpeek's pure core: it reads the payloads an Intercom
// integration sends and receives, opens, seals, signs and verifies them, and
// explains why one does not match.
//
// It knows nothing of terminals, files, flags or the environment. Bytes and
// resolved secrets go in; results and diagnoses come out. Secrets never leave
// it except as a [Fingerprint]. The formats are described in docs/protocols.md.
//
// # Secrets
//
// A [Secret] is a value with a name and labels: its [Role] (the OAuth client
// secret, an identity verification secret, the Messenger API secret), its
// workspace and platform. A [Keyring] holds the secrets to try, derives each
// one's keys once, and orders them for a payload: the chosen one first, then
// those of the payload's role ([Keyring.Order]). [CheckSecretHygiene] and
// [CheckDistinctSecrets] look at secrets as stored.
//
// # Payloads
//
//   - Sheet users: base64(IV 12 ‖ AES-256-GCM ciphertext ‖ tag 16), keyed with
//     SHA-256 of the OAuth client secret. [DecodeSheetUser] reads one however
//     it was pasted (URL-safe, unpadded, wrapped, escaped, or inside a JSON or
//     form body) and notes every normalisation; [SplitSealed], [NewSheetCipher]
//     and [EncodeSheetUser] take it apart and make one; [InspectSheetUser]
//     opens it with a keyring.
//   - Identity verification digests (user_hash): lowercase hex
//     HMAC-SHA256(secret, identifier). [UserHash] makes one; [CheckUserHash]
//     checks one over bare data, [CheckIdentity] over the user_id or email
//     Intercom would use.
//   - Request signatures: X-Hub-Signature (sha1= and hex HMAC-SHA1 of the raw
//     body) and X-Body-Signature (hex HMAC-SHA256). [SignatureValue] makes one;
//     [CheckSignature] checks one.
//   - Messenger JWTs (intercom_user_jwt): HS256 with the Messenger API secret.
//     [CheckJWT] decodes one and checks its signature and claims.
//   - Captures: what a person pastes, a raw request, headers and body, a curl
//     command, an intercomSettings snippet or a bare token. [Detect] tells
//     which at a glance; [ReadCapture] finds the parts, keeping the body byte
//     for byte, and decides what kind of payload they hold; [InspectCapture]
//     and [VerifyCapture] check every part of it. The reading itself, which
//     is no cryptography, is the package internal/reader's; every reader
//     there takes time linear in its input, so no paste can stall a check.
//
// # Diagnoses
//
// Every check reports [Diagnosis] values, most important first: a stable code,
// a [Severity], a message about this input and a fix. When a payload does not
// open or match, the engine tries the mistakes people make, cheapest first,
// with every secret, and reports the first that reproduces it. One search
// serves every payload; a table of payload kinds says what differs (the role
// a secret needs, the algorithms, the forms of the secret and of the data
// tried), and a table of variants lists the mistakes: for sheet users the
// key's derivation and the data's layout, for digests, signatures and JWTs
// the algorithm, the secret's form (trimmed, with a newline, hex- or
// base64-decoded), the data's form (another identifier, a re-serialised body)
// and the way the value is written (letter case, base64, sha1= prefix). Any
// finding comes with the same companions: another profile than the chosen one
// (wrong_profile), a secret of another role (wrong_role), an access token
// (access_token_as_secret). [Codes] documents every code, with its severity,
// meaning, fix and the payloads that report it; [LookupCode] finds one.
package crypto
