package crypto

import "sync"

// CodeInfo documents one diagnosis code: its usual severity, what it means in
// general, the general fix, and the payloads that report it. A Diagnosis
// carries the message and fix specific to one input; CodeInfo is what a
// README table or a help screen shows.
type CodeInfo struct {
	Code     Code     `json:"code"`
	Severity Severity `json:"severity"`
	Meaning  string   `json:"meaning"`
	Fix      string   `json:"fix"`
	Payloads []string `json:"payloads"` // among PayloadSheet, PayloadUserHash, PayloadSignature, PayloadJWT, PayloadCapture, PayloadSecret
}

// What a code is about, as CodeInfo.Payloads names it.
const (
	PayloadSheet     = "sheet user" // decrypt, and the sheet user of a capture
	PayloadUserHash  = "user_hash"  // hmac, and the user_hash of a capture
	PayloadSignature = "signature"  // X-Hub-Signature and X-Body-Signature
	PayloadJWT       = "jwt"        // the Messenger JWT
	PayloadCapture   = "capture"    // reading a pasted request, body, snippet or curl command
	PayloadSecret    = "secret"     // a secret as stored, whatever it is used for
)

// Codes returns every diagnosis code the core reports, grouped: unreadable
// sheet users, normalisations, findings any payload can bring, sheet users,
// digests, signatures, JWTs, reading captures, then secrets as stored.
func Codes() []CodeInfo {
	codes := codeBook()
	out := make([]CodeInfo, 0, len(codes.order))
	for _, code := range codes.order {
		out = append(out, codes.info[code])
	}
	return out
}

// LookupCode returns the documentation of a code, and whether it is known.
func LookupCode(code Code) (CodeInfo, bool) {
	info, ok := codeBook().info[code]
	return info, ok
}

// diag makes a diagnosis of a code with the code's severity.
func diag(code Code, message, fix string) Diagnosis {
	return Diagnosis{Code: code, Severity: codeInfo(code).Severity, Message: message, Fix: fix}
}

// standard makes a diagnosis of a code with the code's severity and fix.
func standard(code Code, message string) Diagnosis {
	return diag(code, message, codeInfo(code).Fix)
}

// codes is the documentation of every code, and the order of Codes.
type codes struct {
	info  map[Code]CodeInfo
	order []Code
}

// codeInfo is the documentation of code.
func codeInfo(code Code) CodeInfo { return codeBook().info[code] }

// Fixes the engine gives whatever the input, shared by the messages it
// builds and the documentation.
const (
	fixRawDigestKey  = "Derive the key as the raw 32-byte digest on both sides: PHP hash('sha256', $secret, true) or openssl_digest($secret, 'sha256', true); Node createHash('sha256').update(secret).digest() without 'hex'; Ruby Digest::SHA256.digest(secret); Python hashlib.sha256(secret).digest()."
	fixHashTheSecret = "Hash the secret into the key: key = SHA-256(secret) as 32 raw bytes. PHP's openssl_encrypt pads a short key with zeros and cuts a long one without a word, so passing the secret itself raises no error."
	fixTagLast       = "Lay the data out as IV ‖ ciphertext ‖ tag: Node Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]); PHP $iv . $ciphertext . $tag; and read the tag as the last 16 bytes."
	fixTwelveByteIV  = "Use a 12-byte IV, as AES-GCM intends: Node randomBytes(12); PHP random_bytes(openssl_cipher_iv_length('aes-256-gcm')), which is 12; Ruby cipher.random_iv; and read the first 12 bytes as the IV."
	fixNotJSON       = "The sender sealed something other than the user's JSON: check what its code passes to the cipher (an object must be JSON-encoded first, e.g. json_encode or JSON.stringify)."
	fixAuthFailed    = "Check which OAuth client secret the app that sent this uses (Developer Hub › your app › Basic information), that the whole value was copied, and that the payload was not changed or cut."
	fixTrimSecret    = "Remove the whitespace around the stored secret (the profile, the secret file, the environment variable) and trim it where your code reads it: PHP trim(), Node .trim(), Ruby .strip, Python .strip()."
	fixSenderNewline = "Trim the secret where the code that made this reads it: a file written with echo ends in a newline (use echo -n or printf), and a secret read from a file needs .trim() / .strip()."
	fixSecretAsText  = "Use the secret's characters as they are: no hex2bin(), pack('H*'), Buffer.from(secret, 'hex') or bytes.fromhex() before using it."
	fixNoSecret      = "Add a profile for the secret this payload needs, or give that secret for this check alone."

	fixHMACSHA256       = "Use HMAC-SHA256: PHP hash_hmac('sha256', $userId, $secret); Node createHmac('sha256', secret).update(userId).digest('hex'); Ruby OpenSSL::HMAC.hexdigest('SHA256', secret, user_id); Python hmac.new(secret, user_id, hashlib.sha256).hexdigest(); Java Mac.getInstance(\"HmacSHA256\")."
	fixLowercaseHex     = "Lowercase the hex digest: Java String.format(\"%02x\", b) or HexFormat.of().formatHex(h); C# Convert.ToHexString(h).ToLowerInvariant(); or .toLowerCase() on the result."
	fixHexNotBase64     = "Encode the digest as lowercase hex: Node .digest('hex') not .digest('base64'); PHP hash_hmac('sha256', $userId, $secret) not base64_encode(hash_hmac(..., true)); Ruby OpenSSL::HMAC.hexdigest not Base64.strict_encode64(OpenSSL::HMAC.digest(...)); Python .hexdigest()."
	fixWholeDigest      = "Send the whole 64-character HMAC-SHA256 hex digest: check the column width or string slicing where it is stored, and that the algorithm is SHA-256."
	fixDigestNotHex     = "Give the digest exactly as the app sends it to Intercom: 64 lowercase hex characters, without prefix, quotes or other text."
	fixSwappedArguments = "Pass the secret as the key and the identifier as the message: PHP hash_hmac('sha256', $userId, $secret) takes the data first and the key last; Node createHmac('sha256', secret).update(userId); Ruby OpenSSL::HMAC.hexdigest('SHA256', secret, user_id); Python hmac.new(secret, user_id, hashlib.sha256)."
	fixEmailCase        = "Hash the email exactly as it is sent to Intercom: normalise its case once (e.g. lowercase it) before both hashing it and sending it."
	fixUserIDFirst      = "Hash the user_id whenever the Messenger is given one (it takes precedence); hash the email only for users without a user_id."
	fixSendHashedUserID = "Send the user_id you hashed to Intercom as well (user_id in intercomSettings, or the SDK's user attributes), or hash the email when no user_id is sent."
	fixDataNewline      = "Hash exactly the identifier sent to Intercom: a newline crept in (shell echo without -n, a line read from a file or standard input); use echo -n or printf '%s', or trim before hashing."
	fixDataTrimmed      = "Hash and send the same identifier: trim it once, before both hashing it and sending it to Intercom, so the whitespace is in neither or in both."
	fixDigestMismatch   = "Hash exactly the identifier sent to Intercom (the user_id when one is sent, else the email) with the identity verification secret of this workspace and platform."
	fixIdentifierNeeded = "Send a user_id or an email with the user_hash: Intercom checks the digest against the user_id, or the email when there is no user_id."

	fixBodyReserialized = "Verify the raw bytes, not JSON.stringify(req.body): take the body before any JSON parsing (Express: express.raw({type: 'application/json'}); Flask: request.get_data(); PHP: file_get_contents('php://input')) and capture it the same way."
	fixBodyNewline      = "Verify the raw bytes exactly as received: a newline added or removed (an editor saving the capture, echo, a logger) changes the signature; save captures without a final newline, or paste the whole request so its Content-Length tells where the body ends."
)

// codeBook documents every code; diag takes severities from it, so a code's
// severity is written once, and standard takes fixes from it. It is made on
// first use, not when the program starts: a command that diagnoses nothing
// (version, help) never builds it.
var codeBook = sync.OnceValue(func() codes {
	book := map[Code]CodeInfo{}
	var codeOrder []Code
	var payloads []string
	about := func(p ...string) { payloads = p }
	add := func(code Code, severity Severity, meaning, fix string) {
		book[code] = CodeInfo{Code: code, Severity: severity, Meaning: meaning, Fix: fix, Payloads: payloads}
		codeOrder = append(codeOrder, code)
	}
	input := func(code Code, meaning, fix string) { add(code, SeverityError, meaning, fix) }
	note := func(code Code, meaning, fix string) { add(code, SeverityInfo, meaning, fix) }

	// What cannot be read at all.
	about(PayloadSheet, PayloadCapture)
	input(CodeEmptyInput, "Nothing was pasted, or the field that should hold the user is empty.",
		"Paste the user value of an open-sheet request, the whole JSON or form body, or the user data to hash.")
	about(PayloadSheet)
	input(CodeBase64Invalid, "The sheet user is not base64 in any accepted form; the message names the first bad character and its offset.",
		"Copy the value again from the raw request; if it came from a log, make sure nothing was cut, wrapped with markers or mixed with other text.")
	input(CodeTooShort, "The decoded user is shorter than the 28 bytes of a 12-byte IV and a 16-byte tag; the message names its length.",
		"The value was cut short or is not a sheet user: copy the whole user field of the request.")
	input(CodeBodyInvalidJSON, "The pasted body, or the JSON in its intercom_data, is not a JSON object; the message names the offset.",
		"Paste the body exactly as received, or only its user value.")
	input(CodeFormInvalid, "The input looks like a form body but cannot be URL-decoded.",
		"Paste the form body exactly as received (application/x-www-form-urlencoded), or only its user value.")
	input(CodeUserMissing, "The body holds no encrypted user: no user field, and no intercom_data holding one.",
		"Paste the open-sheet request body, whose intercom_data holds the encrypted user, or the user value itself.")
	input(CodeUserNotEncrypted, "The user field is a plain JSON object, as in submit-sheet requests: there is nothing to decrypt.",
		"Submit-sheet requests send the user as plain JSON: there is nothing to decrypt. Use the open-sheet request's user.")

	// What was read after a normalisation.
	note(CodeJSONString, "The value was pasted as a JSON string, quotes and escapes included; they were removed.",
		"Nothing to fix; sealpeek removed the quotes. Your code should read the parsed JSON value, not its source text.")
	note(CodeJSONUnescaped, "JSON escapes such as \\/ and \\u002b were decoded: the value was copied from JSON-encoded text.",
		"Nothing to fix here; if your code reads the value from a log or JSON text, parse it as JSON first.")
	note(CodePercentDecoded, "Percent-escapes such as %2B and %3D were decoded: the value was copied from a URL or a form body.",
		"Nothing to fix here; if your code reads the raw body, URL-decode the form fields before base64-decoding.")
	note(CodeFromFormBody, "The input is a form body; the user was read from its intercom_data (or user) field.",
		"Nothing to fix; your code should parse the form body and the JSON in intercom_data to reach the user.")
	note(CodeFromJSONBody, "The input is a JSON body; the user was read from it.",
		"Nothing to fix; your code should take the user field of the parsed body.")
	note(CodeFromIntercomData, "The user was read from the JSON held in the body's intercom_data field.",
		"Nothing to fix; your code should parse intercom_data as JSON and take its user field.")
	note(CodePlusAsSpace, "Spaces in a form body's value were turned back into '+', which an unescaped '+' decodes to.",
		"If your code received spaces, the body was decoded twice or the '+' was never escaped: decode the form body exactly once.")
	note(CodeWhitespaceRemoved, "Line breaks and spaces inside the base64 were removed (Ruby's Base64.encode64 wraps every 60 characters).",
		"Strip line breaks before decoding (Ruby: Base64.strict_encode64 / strict_decode64; Java: MIME decoder or remove \\n).")
	note(CodeURLSafeAlphabet, "The value uses the URL-safe base64 alphabet ('-' and '_'); it was read as such.",
		"Decode with the URL-safe alphabet, or convert '-' to '+' and '_' to '/' first.")
	note(CodePaddingAdded, "The base64 '=' padding was missing and was added.",
		"Use a decoder that accepts missing padding, or append '=' to a multiple of 4 characters.")
	note(CodePaddingFixed, "The base64 '=' padding was wrong and was corrected.",
		"Copy the value again: its '=' padding was altered.")
	note(CodeBase64TrailingBits, "The last base64 character carries bits that no encoder sets; they were ignored.",
		"Copy the value again: its last characters were changed or cut, or it was not made by a base64 encoder.")
	note(CodeBOMRemoved, "A byte-order mark (U+FEFF) started the input and was removed.",
		"Save the file without a byte-order mark (UTF-8 without BOM), or strip U+FEFF before decoding.")

	// Findings any payload can bring.
	about(PayloadSheet, PayloadUserHash, PayloadSignature, PayloadJWT)
	add(CodeNoSecret, SeverityError, "There is no secret to try.", fixNoSecret)
	add(CodeWrongProfile, SeverityError, "Another profile than the chosen one opens the sheet user or made the digest, signature or token; the message names both, with their role, workspace or platform where they differ.",
		"Use the secret of the profile named, or check which workspace's app (and, for user_hash, which platform) the payload comes from: each has its own secret.")
	add(CodeWrongRole, SeverityError, "The secret that opens or made the payload, or the chosen one, has the wrong role: sheet users and signatures use the OAuth client secret, user_hash the identity verification secret, Messenger JWTs the Messenger API secret. A warning when the chosen secret itself opens a sheet user, which the Rails gem's encrypted mode legitimately keys with the identity secret, and beside auth_failed or digest_mismatch, where it is the likely cause but unproven.",
		"Use a secret of the role the payload needs: the app's OAuth client secret for sheet users and signatures, the platform's identity verification secret for user_hash, the Messenger API secret for JWTs.")
	add(CodeSecretWhitespace, SeverityError, "It opens or matches only once whitespace around the secret is removed (the stored secret has some the real one lacks), or once a newline is added (the sender's secret has one).", fixTrimSecret)
	add(CodeSecretHexDecoded, SeverityError, "It opens or matches only when the secret is hex-decoded to bytes before use.", fixSecretAsText)
	about(PayloadSheet, PayloadUserHash, PayloadSignature, PayloadJWT, PayloadSecret)
	add(CodeAccessTokenAsSecret, SeverityError, "The secret is an Intercom access token (base64 of \"tok:…\", so it starts dG9rO), which calls the REST API and signs nothing: as stored, as the secret that made a payload, or as the one tried first when nothing matches (a warning beside auth_failed or digest_mismatch).",
		"Use the secret the payload needs, not an access token: the app's OAuth client secret (Developer Hub, Basic information) for sheet users and signatures, the identity verification secret for user_hash, the Messenger API secret for JWTs.")

	// Sheet users.
	about(PayloadSheet)
	add(CodeAuthFailed, SeverityError, "The GCM tag does not verify with the chosen secret (or any), and none of the mistakes sealpeek tries explains it; the message names the families tried and the nearest miss (a secret whose key turns the first block into text, so the data was changed or cut).", fixAuthFailed)
	add(CodeKeyHexDigest, SeverityError, "It opens when the key is the first 32 characters of the hex text of SHA-256(secret) instead of the 32 raw bytes: the openssl_digest(..., false) / .digest('hex') mistake.", fixRawDigestKey)
	add(CodeKeyRawSecret, SeverityError, "It opens when the secret itself, zero-padded or cut to 32 bytes, is the key: the SHA-256 step was skipped.", fixHashTheSecret)
	add(CodeTagFirst, SeverityError, "It opens when the 16-byte tag follows the IV instead of ending the data.", fixTagLast)
	add(CodeNonce16, SeverityError, "It opens with a 16-byte IV instead of 12.", fixTwelveByteIV)
	add(CodeNotJSON, SeverityWarn, "It opens, but the plaintext is not JSON; the plaintext is still shown.", fixNotJSON)

	// Identity verification digests, and what signatures share with them.
	about(PayloadUserHash, PayloadSignature, PayloadJWT)
	add(CodeMatch, SeverityInfo, "The digest, signature or token matches what the chosen (or, none chosen, some) secret of the payload's role makes, the way Intercom makes it.", "Nothing to fix.")
	about(PayloadUserHash)
	add(CodeDigestMismatch, SeverityError, "The expected digest matches no HMAC-SHA256 of the identifier with any secret, and none of the mistakes sealpeek tries, alone or two at once, explains it; the message names the families tried and what the digest's length says of its algorithm.", fixDigestMismatch)
	add(CodeIdentifierMissing, SeverityError, "There is neither a user_id nor an email to check the digest against.", fixIdentifierNeeded)
	add(CodeDigestNotHex, SeverityError, "The expected digest is neither hex nor the base64 of a digest; the message names the first character that is not a hex digit and its offset.", fixDigestNotHex)
	about(PayloadUserHash, PayloadSignature)
	add(CodeDigestLength, SeverityError, "The digest is hex but not as long as the payload's (64 characters for HMAC-SHA256, 40 for HMAC-SHA1): a prefix of the right digest (truncation), or another algorithm's length; the message names the length.", fixWholeDigest)
	add(CodeUppercaseHex, SeverityWarn, "The digest is right but for letter case: Intercom writes lowercase hex, and whether it compares user_hash case-insensitively is not confirmed.", fixLowercaseHex)
	add(CodeDigestBase64, SeverityError, "The value is the base64 of the digest instead of its lowercase hex.", fixHexNotBase64)
	about(PayloadUserHash, PayloadSignature, PayloadSheet)
	add(CodeWrongAlgorithm, SeverityError, "The digest is made with another HMAC than the payload's (SHA-1, SHA-256, SHA-384, SHA-512 or MD5), or is the legacy hex(SHA1(secret + identifier)) of Secure Mode before December 2012; a sheet user's key is SHA-1 of the secret, zero-padded, instead of SHA-256; the message names it.", fixHMACSHA256)
	about(PayloadUserHash, PayloadSignature)
	about(PayloadUserHash)
	add(CodeDataWhitespace, SeverityError, "It matches the identifier with surrounding whitespace or a trailing newline removed or added (echo without -n).", fixDataNewline)
	add(CodeEmailCase, SeverityError, "It matches the email in another letter case.", fixEmailCase)
	add(CodeIdentifierChoice, SeverityError, "It matches the other identifier: the email where a user_id is sent (and takes precedence), or a user_id that is not sent.", fixUserIDFirst)
	add(CodeSwappedKeyMessage, SeverityError, "It matches HMAC-SHA256 with the identifier as the key and the secret as the message.", fixSwappedArguments)

	// Signatures of requests.
	about(PayloadSignature)
	add(CodeSignaturePrefix, SeverityError, "X-Hub-Signature without its sha1= prefix, with it twice, or misspelt; or X-Body-Signature with a prefix.",
		"Put sha1= exactly once before the hex digest of X-Hub-Signature, and nothing before that of X-Body-Signature.")
	add(CodeBodyReserialized, SeverityError, "The signature matches the body re-encoded (compact, pretty-printed, keys sorted, '/' or non-ASCII escaped or not) or with a trailing newline added or removed, not the bytes as given.", fixBodyReserialized)
	add(CodeSignatureMalformed, SeverityError, "The value is empty, only a prefix, or not a digest: the message names the first character that is neither hex nor base64 and its offset.",
		"Copy the header's value again from the raw request: X-Hub-Signature is sha1= and 40 lowercase hex digits, X-Body-Signature 64 lowercase hex digits.")
	add(CodeSignatureMismatch, SeverityError, "No secret and none of the mistakes sealpeek tries, alone or two at once, reproduces the signature; the message names the families tried and what the digest's length says of its algorithm.",
		"Check that the body is the raw bytes as received (not re-serialised, cut or re-encoded) and that the secret is the OAuth client secret of the app that sent it.")

	// Messenger JWTs.
	about(PayloadJWT)
	add(CodeJWTMalformed, SeverityError, "Not three base64url parts, '=' padding, a standard-base64 character, a part that is not a JSON object, or a time claim that is not a number; the message names the part and offset.",
		"Copy the whole token again: three base64url parts joined by dots (header.claims.signature), with nothing cut, wrapped or added.")
	add(CodeJWTAlg, SeverityError, "The header's alg is none, missing, or not HS256; the message says when the token does verify under its own alg.",
		"Sign the token with HS256 and the Messenger API secret (e.g. jwt.sign(claims, secret, {algorithm: 'HS256'})).")
	add(CodeJWTSignature, SeverityError, "The HS256 signature verifies with no secret: the token was edited after signing, or signed with another secret.",
		"Sign the exact header and claims sent, with the Messenger API secret of this workspace, and do not edit the token afterwards.")
	add(CodeJWTSignatureForm, SeverityError, "The signature is the right HS256 MAC, but not written as JWT requires: base64url without padding, in its one canonical form.",
		"Encode the MAC as base64url without '=' padding: Node mac.toString('base64url'); PHP rtrim(strtr(base64_encode($mac), '+/', '-_'), '='); Python base64.urlsafe_b64encode(mac).rstrip(b'='); Ruby Base64.urlsafe_encode64(mac, padding: false); or let a JWT library sign.")
	add(CodeJWTSecretBase64, SeverityError, "It verifies only with the secret base64-decoded first (jwt.io's \"secret base64 encoded\" box).",
		"Sign with the secret's text as the HMAC key, without base64-decoding it.")
	add(CodeJWTExpired, SeverityError, "The exp claim has passed; the message says how long ago.",
		"Issue a fresh token for each page load or session, with exp a little ahead (e.g. now + 1 hour), and check the signing server's clock.")
	add(CodeJWTNotYetValid, SeverityError, "The nbf claim is in the future (a warning when only iat is); the message says how long until.",
		"Set nbf and iat to the signing time (or leave nbf out), and check the signing server's clock.")
	add(CodeJWTTimeMilliseconds, SeverityError, "exp, nbf or iat is in milliseconds (Date.now()), not seconds.",
		"Divide by 1000: use Math.floor(Date.now() / 1000), not Date.now().")
	add(CodeJWTMissingUserID, SeverityError, "There is no non-empty user_id claim, which Intercom requires; the message mentions sub when that is where the id went.",
		"Put the user's id in a user_id claim (a string), the same user_id the Messenger is booted with.")

	// Reading captures.
	about(PayloadCapture)
	add(CodeNotSigned, SeverityInfo, "An open-sheet request carries no signature header, as expected; its user is checked.",
		"Nothing to fix: the GCM tag of the user is what proves the request came from Intercom.")
	add(CodeSignatureMissing, SeverityWarn, "A webhook or Canvas Kit body without its signature header.",
		"Paste the whole request with its headers, or give the signature header that came with the body, e.g. 'X-Hub-Signature: sha1=…'.")
	add(CodeNothingToVerify, SeverityWarn, "No signature, sheet user, user_hash or JWT was found to verify (a Canvas Kit response, a snippet without user_hash).",
		"Paste a whole captured request (with its signature header), an open-sheet body, an intercomSettings snippet or a JWT.")
	input(CodeHeaderInvalid, "A header given separately is not 'Name: value'.",
		"Write the header as 'Name: value', e.g. 'X-Hub-Signature: sha1=…'.")
	input(CodeSnippetInvalid, "The object of an intercomSettings snippet or Intercom('boot', …) call cannot be read; the message names the offset.",
		"Paste the snippet as the page received it (view the page source), from intercomSettings to its closing brace.")
	input(CodeCurlInvalid, "The curl command cannot be read (an unclosed quote, a body sealpeek cannot take byte for byte); the message names the offset.",
		"Copy the request again with Copy as cURL (bash), or paste the raw request or its body instead.")
	input(CodeInputInvalid, "The input could not be read; the message says why.",
		"Paste the request, body, snippet or value you want to inspect, as received.")
	note(CodeNoBlankLine, "A line that is not a header ended the headers, with no blank line after them; the body was taken to start there.",
		"Check that the body starts where the request's body starts: a header line must be followed by a blank line.")
	note(CodeHeaderReplaced, "A header given separately replaced the one of the same name in the paste.",
		"Nothing to fix, if the header given separately is the one received.")
	note(CodeBodyTrimmed, "Bytes past the Content-Length (an editor's final newline, the next request of a log) were left out of the body.",
		"Nothing to fix: the Content-Length says where the body ends.")
	note(CodeBodyShort, "The body is shorter than its Content-Length: it was probably cut when copied.",
		"Copy the whole body again: the signature is over every byte the Content-Length announces.")
	note(CodeNotChunked, "Transfer-Encoding says chunked but the body is not chunk framing, so it was taken as already joined.",
		"Nothing to fix, if the body shown is the body received.")
	note(CodeChunksJoined, "The chunks of a chunked body were joined; the signature is over the joined body.",
		"Nothing to fix: the signature is over the joined body.")
	note(CodeFromCurl, "The request was read from a curl command: the body is its data argument, exactly as curl sends it.",
		"Nothing to fix, if the curl command was copied from the request received (its data argument is the body, byte for byte).")
	note(CodeSettingsExpression, "A value of the snippet is an expression (such as currentUser.id), not a literal.",
		"Paste the snippet as the page received it (view the page source), with the values filled in.")
	note(CodeSignaturesSkipped, "More signature headers than a request carries were pasted; the first ones were checked.",
		"Paste one request at a time: a request carries one signature header of each kind.")

	// Secrets as stored (CheckSecretHygiene, CheckDistinctSecrets).
	about(PayloadSecret)
	add(CodeSecretSurroundingWhitespace, SeverityError, "The secret starts or ends with whitespace or a newline (after the one trailing newline a file or command may have), which no Intercom secret has.",
		"Copy the secret again without the whitespace; a file or command may end with one newline, which sealpeek trims, but nothing else.")
	add(CodeAppIDAsSecret, SeverityError, "The secret is 8 lowercase letters and digits: the shape of a workspace app_id, which is public.",
		"Use the secret the role needs, not the app_id.")
	add(CodeAPIKeyAsSecret, SeverityError, "The secret is a mobile SDK API key (android_sdk-…, ios_sdk-…), which the app ships to phones.",
		"Use the identity verification secret of that platform, not its SDK API key.")
	add(CodeDuplicateSecret, SeverityWarn, "Two profiles hold the same secret, though test and production, and each platform, have their own.",
		"Copy the right secret into the later profile, or remove it if it is an alias.")

	// The mistakes found in the field, in code written the way developers
	// get it wrong (issue 14). Kept together so that the codes added by
	// others merge cleanly around them.
	about(PayloadUserHash)
	add(CodeIdentifierNumberForm, SeverityError, "It matches the numeric user_id written another way: with a decimal part (4217.0 from a float column), or with leading zeros added or removed.",
		"Hash the user_id exactly as it is sent to Intercom, as the same string: convert a number once (e.g. String(id), str(int(id)), strval($id)) and use that text for both.")
	add(CodeIdentifierJSONEncoded, SeverityError, "It matches the identifier JSON-encoded, quotes included (JSON.stringify(email), json_encode($id), json.dumps(email)), or without the quotes the given one has.",
		"Hash the identifier's characters, not its JSON text: pass the string itself to the HMAC, not JSON.stringify(value) / json_encode($value) / json.dumps(value).")
	add(CodeIdentifiersJoined, SeverityError, "It matches the user_id and the email joined into one string, in either order, with or without a separator.",
		"Hash one identifier only: the user_id when it is sent (it takes precedence), else the email.")
	about(PayloadUserHash, PayloadSignature)
	add(CodePlainHash, SeverityError, "It matches a plain hash of the secret and the data concatenated (SHA-256(secret + data) or SHA-256(data + secret)), not an HMAC.",
		"Use an HMAC, not a hash of the concatenation: PHP hash_hmac('sha256', $data, $secret); Node createHmac('sha256', secret).update(data); Ruby OpenSSL::HMAC.hexdigest('SHA256', secret, data); Python hmac.new(secret, data, hashlib.sha256); Java Mac.getInstance(\"HmacSHA256\").")
	add(CodeHMACTruncated, SeverityError, "It matches a longer HMAC (SHA-384 or SHA-512) cut to the length the payload's digest has.",
		"Use the HMAC the payload needs (HMAC-SHA256 for user_hash and X-Body-Signature, HMAC-SHA1 for X-Hub-Signature) instead of cutting a longer one to fit.")
	add(CodeSecretBase64Decoded, SeverityError, "It matches only when the secret is base64-decoded to bytes before use.",
		"Use the secret's characters as they are: no base64_decode(), Buffer.from(secret, 'base64'), Base64.decode64 or b64decode() before using it.")
	add(CodeSecretQuoted, SeverityError, "It matches only once the quotes around the secret are removed (the stored secret keeps them) or added (the sender's does): a .env file or docker --env-file keeps quotes some loaders strip.",
		"Store and use the secret without quotes: in a .env file read by a loader that keeps them (docker --env-file, systemd EnvironmentFile), write NAME=value with no quotes, or strip them where the code reads it.")
	add(CodeSecretKeyValue, SeverityError, "The stored secret is a whole NAME=value line (copied from a .env file); it matches only with the value after '='.",
		"Store only the value after '=' as the secret, not the whole NAME=value line.")
	add(CodeDigestBase64Hex, SeverityError, "The value is the base64 of the digest's hex text (88 characters for SHA-256), not the hex itself: the hex was base64-encoded again.",
		"Send the hex digest as it is: PHP hash_hmac(...) without base64_encode(); Node .digest('hex') without Buffer.from(...).toString('base64'); Ruby hexdigest without Base64.")
	add(CodeDigestLeadingZeros, SeverityError, "The value is the right digest written without its leading zeros (Java new BigInteger(1, h).toString(16), Python hex(int)): shorter than the digest by the zeros it lost.",
		"Write each byte as two hex digits: Java HexFormat.of().formatHex(h) or String.format(\"%064x\", new BigInteger(1, h)); Python h.hex(); never a number's toString(16).")
	about(PayloadSignature)
	add(CodeBodyBOM, SeverityError, "The signature matches the body with a byte-order mark (U+FEFF) added or removed: an editor or a logger changed the bytes.",
		"Verify the raw bytes as received: save or log the body without adding or stripping a byte-order mark (UTF-8 without BOM), and never decode and re-encode it before checking.")
	add(CodeBodyMojibake, SeverityError, "The signature matches the body with its UTF-8 read as ISO-8859-1 and encoded again (mojibake: 'é' becomes 'Ã©'), or the reverse.",
		"Keep the body as bytes from the socket to the HMAC: do not decode it as Latin-1 (PHP utf8_encode, Java new String(bytes, ISO_8859_1), Python .decode('latin-1')) before hashing.")
	about(PayloadSheet)
	add(CodeSheetBase64Twice, SeverityError, "The decoded user is itself base64 text: the sealed bytes were base64-encoded twice.",
		"Base64-encode IV ‖ ciphertext ‖ tag once: PHP base64_encode($iv . $ciphertext . $tag) where openssl_encrypt is given OPENSSL_RAW_DATA; Node Buffer.concat([...]).toString('base64') of the raw buffers.")
	add(CodeSheetCiphertextBase64, SeverityError, "Between the IV and the tag is base64 text, not ciphertext bytes: PHP's openssl_encrypt without OPENSSL_RAW_DATA returns base64, which was then concatenated.",
		"Pass OPENSSL_RAW_DATA to openssl_encrypt so it returns raw bytes: openssl_encrypt($json, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag), then base64_encode($iv . $ciphertext . $tag).")
	add(CodeSheetCBC, SeverityError, "It opens as AES-256-CBC with a 16-byte IV and PKCS#7 padding, which has no tag: sheet users are AES-256-GCM.",
		"Seal with AES-256-GCM, not CBC: PHP openssl_encrypt($json, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag) with a 12-byte IV; Node createCipheriv('aes-256-gcm', key, iv); then IV ‖ ciphertext ‖ tag.")
	add(CodeSheetAES128, SeverityError, "It opens as AES-128-GCM with the first 16 bytes of the key: the sealing code chose a 128-bit cipher, which cuts the key.",
		"Use AES-256-GCM with the whole 32-byte key: 'aes-256-gcm' in PHP, Node and Ruby, AESGCM(key) with all 32 bytes in Python, a 32-byte SecretKeySpec in Java.")
	add(CodeSheetShortTag, SeverityError, "It opens with a GCM tag shorter than 16 bytes (12 or 8) ending the data: e.g. Java's GCMParameterSpec(96, iv), or a tag length passed to openssl_encrypt.",
		"Use a 16-byte (128-bit) GCM tag: Java new GCMParameterSpec(128, iv); PHP openssl_encrypt(..., $tag, '', 16); Python the default AESGCM tag.")
	add(CodeSheetAssociatedData, SeverityError, "It opens only with associated data (an id of the enclosing body: workspace_id, app_id or component_id) authenticated beside the plaintext; Intercom uses none.",
		"Seal without associated data: no setAAD / updateAAD / auth_data, and None as AESGCM's associated_data.")
	add(CodePlaintextJSONTwice, SeverityWarn, "It opens, but the plaintext is a JSON string whose text is JSON: the user was JSON-encoded twice before sealing.",
		"JSON-encode the user once: seal json_encode($user) / JSON.stringify(user), not the encoding of a string that is already JSON.")
	add(CodeUserTruncated, SeverityError, "The user looks cut: its base64 needed padding or had stray bits, or the first block decrypts to text with a secret while the tag does not verify, so the end of the data is missing or changed.",
		"Copy the whole user again from the raw request: a log line, a column or a terminal cut it; the GCM tag is its last 16 bytes, so nothing opens without them.")

	// The developer's app's answer to a request forwarded to it (app.go): held to
	// app_test.go and listen's tests, as the input is a request and an answer.
	about(PayloadCapture)
	add(CodeAppRejectedValid, SeverityError, "The app answered 4xx to a request whose signature verifies: its verification code rejects genuine requests.",
		"Check the app's verification against the raw body bytes as received (before any JSON parsing), with HMAC-SHA1 and the OAuth client secret of the app that sent it, compared in constant time with the whole header value, sha1= included.")
	add(CodeAppAcceptedInvalid, SeverityError, "The app answered 2xx to a request whose signature is wrong or missing: it does not check signatures, so anyone can send it requests it takes for Intercom's.",
		"Make the app verify the signature header of every request before acting on it, and answer 401 when it is missing or does not match the HMAC of the raw body with the app's OAuth client secret.")
	return codes{info: book, order: codeOrder}
})
