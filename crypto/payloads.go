package crypto

import "strings"

// payloadKind is one row of the table of payloads a secret makes: the role
// of the secret it needs, how it is made (for keyed digests, the algorithms
// and the secret forms tried; sheet users have sheetVariants) and how
// messages and fixes speak of it. The engine reads everything that differs
// between payloads from here, so one search and one set of findings serve
// them all.
type payloadKind struct {
	role        Role
	name        string // what people call it: "sheet user", "user_hash", "X-Hub-Signature"
	indefinite  string // the name with its indefinite article: "a sheet user", "an X-Hub-Signature"
	definite    string // the name as a sentence's subject: "the sheet user", "X-Hub-Signature"
	pronoun     string // how messages refer to it after naming it: "it", or its name again where "it" would be unclear
	named       bool   // whether messages name it rather than call it "it": one part of a capture among others
	subject     string // the value received, as a sentence's subject: "the expected digest", "X-Hub-Signature"
	verb        string // what it does when a secret reproduces it: "opens", "matches", "verifies"
	notVerb     string // the same, denied: "does not open"
	reproduced  string // "opened by", "made with", "signed with"
	maker       string // the code that made it, which made the mistake: "the sealing code", "the server"
	rightSecret string // the secret it needs, for people
	rule        string // what Intercom does, for people

	// How a keyed digest is made and read; unused for sheet users.
	algorithms  []digestAlgorithm // [0] is the one the payload needs; the others are mistakes
	secretForms []secretForm      // the mistakes about the secret, in the order tried
	swapped     bool              // whether key and message may have been swapped
	plain       bool              // whether plain hashes of secret and data, and longer HMACs cut short, are tried
	// base64SecretCode, when set, names the base64-decoded secret's
	// mistake for this payload (JWTs: jwt_secret_base64).
	base64SecretCode Code
	dataNoun         string // what is hashed, "body"; "" for an identifier, which names itself
	prefix           string // the algorithm prefix the value carries, "sha1="
	readsPrefixes    bool   // whether algorithm prefixes are read off the value (signature headers)
	caseNote         string // what lowercase hex is to this payload, for uppercase_hex
	notDigest        Code   // the code of a value that is no digest: digest_not_hex, signature_malformed

	// chosenRoleSeverity is the severity of wrong_role when the secret of
	// the wrong role is the one chosen (or none was chosen) and it works.
	chosenRoleSeverity Severity
	// suspectExplains says whether, when nothing reproduces the payload, a
	// suspect secret tried first (an access token, a chosen secret of
	// another role) is the diagnosis, an error in place of the mismatch;
	// otherwise it is a warning beside it.
	suspectExplains bool
	// fixes are this payload's fixes where they say more than the
	// registry's, by code.
	fixes map[Code]string
}

// diag makes a diagnosis of a code with the kind's fix for it, else the
// registry's.
func (k *payloadKind) diag(code Code, message string) Diagnosis {
	fix, ok := k.fixes[code]
	if !ok {
		fix = codeInfo(code).Fix
	}
	return diag(code, message, fix)
}

// allSecretForms are the mistakes about the secret that user_hash and
// signatures try, the commonest first.
var allSecretForms = []secretForm{secretTrimmed, secretNewline, secretCRLF, secretHexDecoded, secretBase64Decoded, secretUnquoted, secretQuoted, secretKeyValue}

var (
	sheetPayload = payloadKind{
		role: RoleOAuth, name: "sheet user", indefinite: "a sheet user", definite: "the sheet user", pronoun: "it", verb: "opens", notVerb: "does not open",
		reproduced: "opened by", maker: "the sealing code", rightSecret: "the app's OAuth client secret",
		rule:               "Intercom seals sheet users with the app's OAuth client secret",
		chosenRoleSeverity: SeverityWarn,
		fixes: map[Code]string{
			CodeWrongRole:    "If your own code sealed this, key it with SHA-256 of the app's OAuth client secret, as Intercom does; if it is the Rails gem's encrypted-mode payload (window.intercomEncryptedPayload), the identity verification secret is right and this finding does not apply.",
			CodeWrongProfile: "Use the secret of the profile that opens it for payloads from this app, or check which workspace's app sent it: each app has its own OAuth client secret.",
		},
	}
	userHashPayload = payloadKind{
		role: RoleIdentity, name: "user_hash", indefinite: "a user_hash", definite: "the user_hash", pronoun: "it", subject: "the expected digest",
		verb: "matches", notVerb: "does not match", reproduced: "made with", maker: "the server",
		rightSecret: "the identity verification secret of the workspace and platform",
		rule:        "Intercom checks user_hash with the identity verification secret of the workspace and platform",
		algorithms:  append(hmacAlgorithms[:len(hmacAlgorithms):len(hmacAlgorithms)], algoLegacySHA1),
		secretForms: allSecretForms, swapped: true, plain: true,
		caseNote:           "Intercom's docs use lowercase, and whether it accepts other cases is not confirmed",
		notDigest:          CodeDigestNotHex,
		chosenRoleSeverity: SeverityError,
		fixes: map[Code]string{
			CodeWrongRole:    "Compute user_hash with the identity verification secret (Settings › Security › Identity verification, one per platform), not with the OAuth client secret or the Messenger API secret.",
			CodeWrongProfile: "Make the server compute user_hash with the secret of the workspace and platform the Messenger talks to: each has its own identity verification secret.",
		},
	}
	hubSignaturePayload  = signaturePayload(HeaderHubSignature, algoHMACSHA1, "webhooks")
	bodySignaturePayload = signaturePayload(HeaderBodySignature, algoHMACSHA256, "Canvas Kit requests and app webhooks")
	jwtPayload           = payloadKind{
		role: RoleMessenger, name: "Messenger JWT", indefinite: "a Messenger JWT", definite: "the token", pronoun: "the token", named: true, subject: "the signature",
		verb: "verifies", notVerb: "does not verify", reproduced: "signed with", maker: "the signing code",
		rightSecret: "the Messenger API secret", rule: "Messenger JWTs are signed with the Messenger API secret",
		secretForms:        []secretForm{secretTrimmed, secretNewline, secretCRLF, secretHexDecoded, secretBase64Decoded},
		base64SecretCode:   CodeJWTSecretBase64,
		dataNoun:           "header and claims",
		chosenRoleSeverity: SeverityError, suspectExplains: true,
		fixes: map[Code]string{
			CodeWrongRole:    "Sign and verify Messenger JWTs with the Messenger API secret (role messenger), not the OAuth client or identity verification secret.",
			CodeWrongProfile: "Sign with the Messenger API secret of the workspace the app talks to (Settings › Messenger › Security), or choose that workspace's profile.",
		},
	}
)

// signaturePayload is the row of a signature header: the HMAC of the raw
// body that right names, with the OAuth client secret, sent by what.
func signaturePayload(header string, right digestAlgorithm, what string) payloadKind {
	algorithms := []digestAlgorithm{right}
	for _, a := range hmacAlgorithms {
		if a != right {
			algorithms = append(algorithms, a)
		}
	}
	prefix := ""
	if right == algoHMACSHA1 {
		prefix = digestAlgorithms[right].prefix
	}
	want := plural(2*digestAlgorithms[right].size, "lowercase hex digit")
	if prefix != "" {
		want = "'" + prefix + "' and " + want
	}
	return payloadKind{
		role: RoleOAuth, name: header, indefinite: "an " + header, definite: header, pronoun: header, named: true, subject: header,
		verb: "matches", notVerb: "does not match", reproduced: "made with", maker: "the signing code",
		rightSecret: "the app's OAuth client secret", rule: "Intercom signs " + what + " with the app's OAuth client secret",
		algorithms:  algorithms,
		secretForms: allSecretForms, swapped: true, plain: true,
		dataNoun: "body", prefix: prefix, readsPrefixes: true,
		caseNote:           "Intercom sends lowercase hex, and a check that compares the text rejects any other case",
		notDigest:          CodeSignatureMalformed,
		chosenRoleSeverity: SeverityError, suspectExplains: true,
		fixes: map[Code]string{
			CodeWrongAlgorithm:     "Use HMAC-SHA1 for X-Hub-Signature ('sha1=' and hex) and HMAC-SHA256 for X-Body-Signature (bare hex), over the raw body, keyed with the OAuth client secret.",
			CodeDigestBase64:       "Encode the digest as lowercase hex (Node: .digest('hex'); PHP: hash_hmac(…, false); Ruby: OpenSSL::HMAC.hexdigest), not base64.",
			CodeDigestLength:       "Copy the whole value again; " + header + " is " + want + ".",
			CodeSignatureMalformed: "Copy the header's value again from the raw request; " + header + " is " + want + ".",
			CodeWrongRole:          "Sign and verify with the OAuth client secret (role oauth), not the identity verification or Messenger API secret.",
			CodeWrongProfile:       "Verify with the secret of the profile that made it, or check which workspace's app sent this request: each app has its own OAuth client secret.",
		},
	}
}

// signaturePayloadFor returns the row of a signature header, named
// case-insensitively; any other header is checked as X-Body-Signature is,
// under its own name.
func signaturePayloadFor(header string) (*payloadKind, bool) {
	switch {
	case strings.EqualFold(header, HeaderHubSignature):
		return &hubSignaturePayload, true
	case strings.EqualFold(header, HeaderBodySignature):
		return &bodySignaturePayload, true
	}
	k := bodySignaturePayload
	k.name, k.indefinite, k.definite, k.pronoun, k.subject = header, "a "+header, header, header, header
	k.rule = "this request is taken to be signed as X-Body-Signature is"
	return &k, false
}

// jwtPayloads are the rows of Messenger JWTs by the HMAC their header names:
// the signature is checked under that algorithm (jwt_alg says when it is not
// HS256).
var jwtPayloads = func() map[string]*payloadKind {
	rows := map[string]*payloadKind{}
	for alg, a := range map[string]digestAlgorithm{"HS256": algoHMACSHA256, "HS384": algoHMACSHA384, "HS512": algoHMACSHA512} {
		k := jwtPayload
		k.algorithms = []digestAlgorithm{a}
		rows[alg] = &k
	}
	return rows
}()
