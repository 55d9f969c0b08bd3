package crypto

// CodeInfo documents one diagnosis code: its usual severity, what it means in
// general, and the general fix. A Diagnosis carries the message and fix
// specific to one input; CodeInfo is what a README table or a help screen
// shows.
type CodeInfo struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Meaning  string   `json:"meaning"`
	Fix      string   `json:"fix"`
}

// Codes returns every diagnosis code the engine reports, grouped by payload:
// unreadable sheet users, normalisations, sheet users, then digests.
func Codes() []CodeInfo {
	out := make([]CodeInfo, 0, len(codeOrder))
	for _, code := range codeOrder {
		out = append(out, codeBook[code])
	}
	return out
}

// LookupCode returns the documentation of a code, and whether it is known.
func LookupCode(code string) (CodeInfo, bool) {
	info, ok := codeBook[code]
	return info, ok
}

// diag makes a diagnosis of a code with the code's severity.
func diag(code, message, fix string) Diagnosis {
	return Diagnosis{Code: code, Severity: codeBook[code].Severity, Message: message, Fix: fix}
}

var codeOrder = []string{
	// What cannot be read at all.
	"empty_input", "base64_invalid", "too_short", "body_invalid_json", "form_invalid", "user_missing", "user_not_encrypted",
	// What was read after a normalisation.
	"json_string", "json_unescaped", "percent_decoded", "from_form_body", "from_json_body", "from_intercom_data",
	"plus_as_space", "whitespace_removed", "url_safe_alphabet", "padding_added", "padding_fixed", "base64_trailing_bits", "bom_removed",
	// Sheet users and digests alike.
	"no_secret", "wrong_profile", "wrong_role", "secret_whitespace", "secret_hex_decoded",
	// Sheet users.
	"auth_failed", "key_hex_digest", "key_raw_secret", "tag_first", "nonce_16", "not_json",
	// Identity verification digests.
	"match", "digest_mismatch", "identifier_missing", "digest_not_hex", "digest_length", "uppercase_hex", "digest_base64",
	"wrong_algorithm", "data_whitespace", "email_case", "identifier_choice", "swapped_key_message",
}

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
	fixNoSecret      = "Add a profile for the secret this payload needs, or pass --secret-env or --secret-file."

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
)

// codeBook documents every code; diag takes severities from it, so a code's
// severity is written once.
var codeBook = func() map[string]CodeInfo {
	book := map[string]CodeInfo{}
	add := func(code string, severity Severity, meaning, fix string) {
		book[code] = CodeInfo{Code: code, Severity: severity, Meaning: meaning, Fix: fix}
	}
	input := func(code, meaning string) { add(code, SeverityError, meaning, inputFixes[code]) }
	note := func(code, meaning string) { add(code, SeverityInfo, meaning, noteFixes[code]) }

	input("empty_input", "Nothing was pasted, or the field that should hold the user is empty.")
	input("base64_invalid", "The sheet user is not base64 in any accepted form; the message names the first bad character and its offset.")
	input("too_short", "The decoded user is shorter than the 28 bytes of a 12-byte IV and a 16-byte tag; the message names its length.")
	input("body_invalid_json", "The pasted body, or the JSON in its intercom_data, is not a JSON object; the message names the offset.")
	input("form_invalid", "The input looks like a form body but cannot be URL-decoded.")
	input("user_missing", "The body holds no encrypted user: no user field, and no intercom_data holding one.")
	input("user_not_encrypted", "The user field is a plain JSON object, as in submit-sheet requests: there is nothing to decrypt.")

	note("json_string", "The value was pasted as a JSON string, quotes and escapes included; they were removed.")
	note("json_unescaped", "JSON escapes such as \\/ and \\u002b were decoded: the value was copied from JSON-encoded text.")
	note("percent_decoded", "Percent-escapes such as %2B and %3D were decoded: the value was copied from a URL or a form body.")
	note("from_form_body", "The input is a form body; the user was read from its intercom_data (or user) field.")
	note("from_json_body", "The input is a JSON body; the user was read from it.")
	note("from_intercom_data", "The user was read from the JSON held in the body's intercom_data field.")
	note("plus_as_space", "Spaces in a form body's value were turned back into '+', which an unescaped '+' decodes to.")
	note("whitespace_removed", "Line breaks and spaces inside the base64 were removed (Ruby's Base64.encode64 wraps every 60 characters).")
	note("url_safe_alphabet", "The value uses the URL-safe base64 alphabet ('-' and '_'); it was read as such.")
	note("padding_added", "The base64 '=' padding was missing and was added.")
	note("padding_fixed", "The base64 '=' padding was wrong and was corrected.")
	note("base64_trailing_bits", "The last base64 character carried bits that no encoder sets; they were ignored.")
	note("bom_removed", "A byte-order mark (U+FEFF) started the input and was removed.")

	add("no_secret", SeverityError, "There is no secret to try.", fixNoSecret)
	add("wrong_profile", SeverityError, "Another profile than the chosen one opens the sheet user or made the digest; the message names both, with their role, workspace or platform where they differ.",
		"Use the secret of the profile named, or check which workspace's app (and, for user_hash, which platform) the payload comes from: each has its own secret.")
	add("wrong_role", SeverityError, "The secret that opens or made the payload, or the chosen one, has the wrong role: sheet users use the OAuth client secret, user_hash the identity verification secret. A warning when the chosen secret itself opens a sheet user, which the Rails gem's encrypted mode legitimately keys with the identity secret.",
		"Use a secret of the role the payload needs: the app's OAuth client secret for sheet users, the platform's identity verification secret for user_hash.")
	add("secret_whitespace", SeverityError, "It opens or matches only once whitespace around the secret is removed (the stored secret has some the real one lacks), or once a newline is added (the sender's secret has one).", fixTrimSecret)
	add("secret_hex_decoded", SeverityError, "It opens or matches only when the secret is hex-decoded to bytes before use.", fixSecretAsText)

	add("auth_failed", SeverityError, "The GCM tag does not verify with the chosen secret (or any), and none of the mistakes sealpeek tries explains it.", fixAuthFailed)
	add("key_hex_digest", SeverityError, "It opens when the key is the first 32 characters of the hex text of SHA-256(secret) instead of the 32 raw bytes: the openssl_digest(..., false) / .digest('hex') mistake.", fixRawDigestKey)
	add("key_raw_secret", SeverityError, "It opens when the secret itself, zero-padded or cut to 32 bytes, is the key: the SHA-256 step was skipped.", fixHashTheSecret)
	add("tag_first", SeverityError, "It opens when the 16-byte tag follows the IV instead of ending the data.", fixTagLast)
	add("nonce_16", SeverityError, "It opens with a 16-byte IV instead of 12.", fixTwelveByteIV)
	add("not_json", SeverityWarn, "It opens, but the plaintext is not JSON; the plaintext is still shown.", fixNotJSON)

	add("match", SeverityInfo, "The expected digest matches HMAC-SHA256 of the identifier with the chosen (or, none chosen, some) identity verification secret.", "Nothing to fix.")
	add("digest_mismatch", SeverityError, "The expected digest matches no HMAC-SHA256 of the identifier with any secret, and none of the mistakes sealpeek tries explains it.", fixDigestMismatch)
	add("identifier_missing", SeverityError, "There is neither a user_id nor an email to check the digest against.", fixIdentifierNeeded)
	add("digest_not_hex", SeverityError, "The expected digest is neither hex nor the base64 of a digest; the message names the first character that is not a hex digit and its offset.", fixDigestNotHex)
	add("digest_length", SeverityError, "The expected digest is hex but not 64 characters long (40 suggests SHA-1; a prefix of the right digest, truncation); the message names the length.", fixWholeDigest)
	add("uppercase_hex", SeverityWarn, "The expected digest is right but for letter case: Intercom's docs use lowercase hex, and whether it compares case-insensitively is not confirmed.", fixLowercaseHex)
	add("digest_base64", SeverityError, "The expected value is the base64 of the digest instead of its lowercase hex.", fixHexNotBase64)
	add("wrong_algorithm", SeverityError, "The expected digest is HMAC with SHA-1, SHA-384, SHA-512 or MD5, or the legacy hex(SHA1(secret + identifier)) of Secure Mode before December 2012; the message names it.", fixHMACSHA256)
	add("data_whitespace", SeverityError, "It matches the identifier with surrounding whitespace or a trailing newline removed or added (echo without -n).", fixDataNewline)
	add("email_case", SeverityError, "It matches the email in another letter case.", fixEmailCase)
	add("identifier_choice", SeverityError, "It matches the other identifier: the email where a user_id is sent (and takes precedence), or a user_id that is not sent.", fixUserIDFirst)
	add("swapped_key_message", SeverityError, "It matches HMAC-SHA256 with the identifier as the key and the secret as the message.", fixSwappedArguments)
	return book
}()
