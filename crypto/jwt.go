package crypto

import (
	"bytes"
	"crypto/hmac"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/sealpeek/sealpeek/internal/reader"
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
		if k, ok := jwtPayloads[r.Alg]; ok {
			r.verify(parts, k, ring, chosen)
		}
	}
	if claims != nil {
		r.checkClaims(claims, now)
	}
	if r.OK() {
		r.add(standard(CodeMatch, fmt.Sprintf("the token verifies as HS256 with %s and carries user_id %q%s", ring.Secret(r.Signature.SecretAt).Label(), r.UserID, r.expiryNote(now))))
	}
	sortDiagnoses(r.Diagnoses)
	return r
}

func (r *JWTReport) add(d Diagnosis) { r.Diagnoses = append(r.Diagnoses, d) }

func (r *JWTReport) malformed(message string) {
	r.add(standard(CodeJWTMalformed, message))
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
		if c := text[i]; !reader.IsBase64URLByte(c) {
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
	r.add(standard(CodeJWTAlg, message))
}

// verify checks the signature over "header.claims" with each secret as the
// keyed-digest engine does (diagnose_digest.go), under the algorithm the
// header names (k, one of jwtPayloads): as stored, then in each form of the
// secret a signer may have used. Computed is always the HS256 signature, the
// one the token should carry.
func (r *JWTReport) verify(parts []string, k *payloadKind, ring *Keyring, chosen string) {
	check := &SignatureCheck{Header: JWTHeaderName, Algorithm: digestAlgorithms[algoHMACSHA256].name, Expected: parts[2], SecretAt: -1, Chosen: ring.Find(chosen)}
	r.Signature = check
	if ring.Len() == 0 {
		r.add(noSecret(k))
		return
	}
	signed := []byte(parts[0] + "." + parts[1])
	var readings []expectedForm
	if got, ok := decodeSignature(parts[2]); ok {
		readings = []expectedForm{{raw: got}}
	} else {
		r.malformed(fmt.Sprintf("the signature part is not base64url (at offset %d)", len(parts[0])+len(parts[1])+2))
	}
	order := ring.Order(chosen, k.role)
	d := newDigestSearch(k, ring, readings, []dataForm{{data: signed}}, k.dataNoun)
	v, i, found := d.run(order, nil)
	check.SecretAt = order[0]
	if found {
		check.SecretAt = i
	}
	secret := ring.Secret(check.SecretAt)
	check.Computed = base64.RawURLEncoding.EncodeToString(algoHMACSHA256.sum(nil, secret.Value, signed))
	check.Match = r.Alg == "HS256" && DigestsEqual(check.Computed, parts[2])
	if !found {
		r.Diagnoses = append(r.Diagnoses, unexplained(ring, k, order[0], check.Chosen, k.diag(CodeJWTSignature,
			fmt.Sprintf("the %s signature does not verify with %s: the header or claims were changed after signing, or it was signed with another secret", r.Alg, secretsTried(len(order)))))...)
		return
	}
	_, ds := d.explain(expectedValue{}, v, i, check.Chosen, nil)
	r.Diagnoses = append(r.Diagnoses, ds...)
	if r.Alg == "HS256" && !check.Match && hmac.Equal(readings[0].raw, algoHMACSHA256.sum(nil, secret.Value, signed)) {
		// The right MAC, written another way: strict verifiers compare
		// the text, or refuse padding and non-canonical bits.
		r.add(standard(CodeJWTSignatureForm, fmt.Sprintf("the signature is the right HS256 MAC with %s, but it is written %s; a JWT carries it as base64url without padding, %s",
			secret.Label(), signatureForm(parts[2]), check.Computed)))
	}
	if r.Alg != "HS256" {
		// jwt_alg already says the algorithm is wrong; say the key is right.
		for j := range r.Diagnoses {
			if r.Diagnoses[j].Code == CodeJWTAlg {
				r.Diagnoses[j].Message += fmt.Sprintf(" (it does verify as %s with %s)", r.Alg, secret.Label())
			}
		}
	}
}

// decodeSignature reads a JWT signature however it was base64-encoded:
// base64url or standard, padded or not, with any trailing bits, so that a
// right MAC written the wrong way is found and named rather than missed.
func decodeSignature(sig string) ([]byte, bool) {
	trimmed := strings.TrimRight(sig, "=")
	for _, enc := range []*base64.Encoding{base64.RawURLEncoding, base64.RawStdEncoding} {
		if got, err := enc.DecodeString(trimmed); err == nil {
			return got, true
		}
	}
	return nil, false
}

// signatureForm says how a signature's text departs from base64url
// without padding.
func signatureForm(sig string) string {
	var ways []string
	if strings.HasSuffix(sig, "=") {
		ways = append(ways, "with '=' padding")
	}
	if strings.ContainsAny(sig, "+/") {
		ways = append(ways, "in standard base64 ('+' or '/' where base64url has '-' or '_')")
	}
	if len(ways) == 0 {
		return "in a non-canonical form (its last character sets bits that are not part of the MAC)"
	}
	return strings.Join(ways, " and ")
}
