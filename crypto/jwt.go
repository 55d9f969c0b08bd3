package crypto

import (
	"bytes"
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The Messenger JWT (intercom_user_jwt) is checked with the standard library
// rather than a JWT library: sealpeek must show every intermediate step (which
// part is malformed and where, the signature each profile computes, the
// variants a sender may have used), and a library answers only valid or not.
// It never accepts "alg": "none": the only signatures it verifies are HMACs,
// and only HS256 passes.

// JWTHeaderName names a JWT's signature in a SignatureCheck.
const JWTHeaderName = "intercom_user_jwt"

// JWTReport is everything sealpeek learned about a Messenger JWT.
type JWTReport struct {
	Token     string          // the token as checked, surrounding whitespace and quotes removed
	Header    json.RawMessage // the decoded header, nil when it is not a JSON object
	Claims    json.RawMessage // the decoded claims, nil when they are not a JSON object
	Alg       string          // the header's alg, "" when absent
	Signature *SignatureCheck // nil when the signature could not be checked (alg none, malformed)
	UserID    string          // the user_id claim as text
	HasUserID bool
	ExpiresAt *time.Time // exp, nbf and iat, when they are numbers of seconds
	NotBefore *time.Time
	IssuedAt  *time.Time
	Diagnoses []Diagnosis
}

// OK reports whether the token would be accepted: well formed, HS256, signed
// with the chosen secret (or any, with none chosen), in its validity window,
// and carrying a user_id.
func (r *JWTReport) OK() bool {
	if r.Signature == nil || !r.Signature.Match {
		return false
	}
	for _, d := range r.Diagnoses {
		if d.Severity != SeverityInfo {
			return false
		}
	}
	return true
}

// jwtHashes are the HMAC algorithms a JWT header may name.
var jwtHashes = map[string]sigHash{"HS256": sigHashes[1], "HS384": sigHashes[2], "HS512": sigHashes[3]}

// CheckJWT decodes a Messenger JWT, verifies its signature with the keyring's
// secrets (the chosen one first, then those of role messenger) and checks its
// claims as of now.
func CheckJWT(token string, ring *Keyring, chosen string, now time.Time) *JWTReport {
	r := &JWTReport{Token: strings.Trim(strings.TrimSpace(token), `"'`)}
	parts := strings.Split(r.Token, ".")
	if len(parts) != 3 {
		r.malformed(jwtPartsMessage(len(parts)))
	}
	var header, claims map[string]any
	if len(parts) >= 1 {
		r.Header, header = r.decodePart(parts[0], "header", 0)
	}
	if len(parts) == 5 {
		// An encrypted JWE: its parts are not claims and a signature.
		sortDiagnoses(r.Diagnoses)
		return r
	}
	if len(parts) >= 2 {
		r.Claims, claims = r.decodePart(parts[1], "claims", len(parts[0])+1)
	}
	if header != nil {
		r.checkAlg(header)
	}
	if len(parts) == 3 && header != nil {
		if h, ok := jwtHashes[r.Alg]; ok {
			r.verify(parts, h, ring, chosen)
		}
	}
	if claims != nil {
		r.checkClaims(claims, now)
	}
	if r.OK() {
		r.add(standard("match", fmt.Sprintf("the token verifies as HS256 with %s and carries user_id %q%s", ring.Secret(r.Signature.SecretAt).Label(), r.UserID, r.expiryNote(now))))
	}
	sortDiagnoses(r.Diagnoses)
	return r
}

func (r *JWTReport) add(d Diagnosis) { r.Diagnoses = append(r.Diagnoses, d) }

func (r *JWTReport) malformed(message string) {
	r.add(standard("jwt_malformed", message))
}

func jwtPartsMessage(n int) string {
	switch n {
	case 1:
		return "the token has no '.': a JWT is three base64url parts, header.claims.signature"
	case 5:
		return "the token has 5 parts: it is an encrypted JWE, but Intercom expects a signed JWT of three parts, header.claims.signature"
	}
	return fmt.Sprintf("the token has %d parts separated by '.'; a JWT has three: header.claims.signature", n)
}

// decodePart decodes one base64url part into a JSON object, saying which part
// is wrong and where. offset is where the part starts in the token.
func (r *JWTReport) decodePart(part, name string, offset int) (json.RawMessage, map[string]any) {
	if part == "" {
		r.malformed(fmt.Sprintf("the %s part (at offset %d) is empty", name, offset))
		return nil, nil
	}
	text := part
	if i := strings.IndexByte(part, '='); i >= 0 {
		r.malformed(fmt.Sprintf("the %s part has '=' padding at offset %d: JWT parts are base64url without padding", name, offset+i))
		text = strings.TrimRight(part, "=")
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; !isBase64URLByte(c) {
			hint := ""
			if c == '+' || c == '/' {
				hint = " (standard base64; JWTs use base64url, '-' and '_')"
			}
			r.malformed(fmt.Sprintf("the %s part is not base64url: %s at offset %d%s", name, quoteChar(r.Token, offset+i), offset+i, hint))
			text = strings.NewReplacer("+", "-", "/", "_").Replace(text)
			break
		}
	}
	raw, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil {
		if len(text)%4 == 1 {
			r.malformed(fmt.Sprintf("the %s part is %d characters, a length no base64url encoding produces: a character is missing or extra", name, len(text)))
		}
		return nil, nil
	}
	var fields map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&fields); err != nil || fields == nil {
		r.malformed(fmt.Sprintf("the %s part decodes to %d bytes that are not a JSON object", name, len(raw)))
		return nil, nil
	}
	return json.RawMessage(raw), fields
}

// checkAlg accepts HS256 only, and says what else was found.
func (r *JWTReport) checkAlg(header map[string]any) {
	alg, isString := header["alg"].(string)
	r.Alg = alg
	var message string
	switch {
	case !isString:
		message = "the header has no alg (or it is not a string): Messenger JWTs are HS256"
	case strings.EqualFold(alg, "none"):
		message = fmt.Sprintf("the header's alg is %q: an unsigned token, which Intercom rejects and sealpeek never accepts", alg)
	case alg == "HS256":
		return
	default:
		message = fmt.Sprintf("the header's alg is %q, but Messenger JWTs are HS256", alg)
	}
	r.add(standard("jwt_alg", message))
}

// verify checks the signature over "header.claims" with each secret, and
// when none matches as stored, with the secret as a sender may have read it.
func (r *JWTReport) verify(parts []string, h sigHash, ring *Keyring, chosen string) {
	check := &SignatureCheck{Header: JWTHeaderName, Algorithm: "HMAC-SHA256", Expected: parts[2], SecretAt: -1, Chosen: ring.Find(chosen)}
	r.Signature = check
	if ring.Len() == 0 {
		r.add(Diagnosis{Code: "no_secret", Severity: SeverityError,
			Message: "no secret to verify the token with",
			Fix:     "Add a profile with role messenger (the Messenger API secret), or pass --secret-env or --secret-file."})
		return
	}
	signed := []byte(parts[0] + "." + parts[1])
	got, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[2], "="))
	if err != nil {
		r.malformed(fmt.Sprintf("the signature part is not base64url (at offset %d)", len(parts[0])+len(parts[1])+2))
		got = nil
	}
	order := ring.Order(chosen, RoleMessenger)
	check.SecretAt = order[0]
	type found struct {
		at  int
		how string // "" as stored, else how the secret was changed
		key []byte
	}
	var match *found
	try := func(at int, key []byte, how string) bool {
		if got != nil && hmac.Equal(h.mac(key, signed), got) {
			match = &found{at, how, key}
		}
		return match != nil
	}
search:
	for pass := 0; pass < 3; pass++ {
		for _, i := range order {
			value := ring.Secret(i).Value
			switch pass {
			case 0:
				if try(i, value, "") {
					break search
				}
			case 1:
				for _, form := range sigSecretForms(value) {
					if try(i, form.value, form.how) {
						break search
					}
				}
			case 2:
				if key, ok := captureDecodeBase64(strings.TrimSpace(string(value))); ok && len(key) >= 16 && try(i, key, "base64") {
					break search
				}
			}
		}
	}
	if match != nil {
		check.SecretAt = match.at
	}
	secret := ring.Secret(check.SecretAt)
	check.Computed = base64.RawURLEncoding.EncodeToString(sigHashes[1].mac(secret.Value, signed))
	check.Match = r.Alg == "HS256" && DigestsEqual(check.Computed, parts[2])
	if match == nil {
		r.explainJWTMismatch(ring, check)
		return
	}
	r.explainJWTMatch(ring, check, secret, match.how, match.key)
}

func (r *JWTReport) explainJWTMatch(ring *Keyring, check *SignatureCheck, secret Secret, how string, key []byte) {
	switch how {
	case "":
	case "base64":
		r.add(Diagnosis{Code: "jwt_secret_base64", Severity: SeverityError,
			Message: fmt.Sprintf("the signature verifies only with %s base64-decoded into bytes first (jwt.io's \"secret base64 encoded\" box): Intercom keys the HMAC with the secret's text", secret.Label()),
			Fix:     "Sign with the secret's text as the HMAC key, without base64-decoding it."})
	default:
		r.add(Diagnosis{Code: "secret_whitespace", Severity: SeverityError,
			Message: fmt.Sprintf("the signature verifies with %s only %s", secret.Label(), how),
			Fix:     "Trim the secret where it is read (a file's final newline, spaces copied with it), on the signing and the checking side."})
	}
	if check.Chosen >= 0 && check.SecretAt != check.Chosen {
		want := ring.Secret(check.Chosen)
		r.add(Diagnosis{Code: "wrong_profile", Severity: SeverityError,
			Message: fmt.Sprintf("the token was signed with %s, not the chosen %s", secret.Label(), want.Label()),
			Fix:     fmt.Sprintf("Sign with the Messenger API secret of %s, or check which workspace the app talks to.", want.Label())})
	}
	switch {
	case looksLikeAccessToken(key):
		r.add(Diagnosis{Code: "access_token_as_secret", Severity: SeverityError,
			Message: fmt.Sprintf("the token was signed with %s, which looks like an Intercom access token (base64 of \"tok:…\"), not the Messenger API secret", secret.Label()),
			Fix:     "Sign Messenger JWTs with the Messenger API secret (Settings › Messenger › Security), not an access token."})
	case !captureRoleFits(secret.Role, RoleMessenger):
		r.add(Diagnosis{Code: "wrong_role", Severity: SeverityError,
			Message: fmt.Sprintf("the token was signed with %s, %s, but Messenger JWTs are signed with the Messenger API secret", secret.Label(), roleNoun(secret.Role)),
			Fix:     "Sign and verify Messenger JWTs with the Messenger API secret (role messenger), not the OAuth client or identity verification secret."})
	}
	if r.Alg != "HS256" {
		// jwt_alg already says the algorithm is wrong; say the key is right.
		for i := range r.Diagnoses {
			if r.Diagnoses[i].Code == "jwt_alg" {
				r.Diagnoses[i].Message += fmt.Sprintf(" (it does verify as %s with %s)", r.Alg, secret.Label())
			}
		}
	}
}

func (r *JWTReport) explainJWTMismatch(ring *Keyring, check *SignatureCheck) {
	first := ring.Secret(check.SecretAt)
	switch {
	case looksLikeAccessToken(first.Value):
		r.add(Diagnosis{Code: "access_token_as_secret", Severity: SeverityError,
			Message: fmt.Sprintf("the signature does not verify, and %s looks like an Intercom access token (base64 of \"tok:…\"), not the Messenger API secret", first.Label()),
			Fix:     "Verify Messenger JWTs with the Messenger API secret (Settings › Messenger › Security), not an access token."})
	case check.Chosen >= 0 && !captureRoleFits(first.Role, RoleMessenger):
		r.add(Diagnosis{Code: "wrong_role", Severity: SeverityError,
			Message: fmt.Sprintf("the signature does not verify with the chosen %s, %s: Messenger JWTs are signed with the Messenger API secret, and no other secret tried verifies it either", first.Label(), roleNoun(first.Role)),
			Fix:     "Choose the profile of the Messenger API secret (role messenger), or add it."})
	default:
		r.add(Diagnosis{Code: "jwt_signature", Severity: SeverityError,
			Message: fmt.Sprintf("the %s signature does not verify with %s: the header or claims were changed after signing, or it was signed with another secret", r.Alg, captureSecretsTried(ring)),
			Fix:     "Sign the exact header and claims sent, with the Messenger API secret of this workspace, and do not edit the token afterwards."})
	}
}
