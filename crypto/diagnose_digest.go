package crypto

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// identifierData is what a digest is checked against: the identifier Intercom
// uses and, when known, the other one, which people hash by mistake.
type identifierData struct {
	name      string // "user_id", "email", or "" for bare data
	value     []byte
	otherName string
	other     []byte // nil when there is no other identifier
	otherSent bool   // whether the other identifier is sent to Intercom too
}

// noun names the identifier in messages.
func (id identifierData) noun() string {
	if id.name == "" {
		return "data"
	}
	return id.name
}

// expectedForm is one reading of the expected digest as bytes, with the code
// of the encoding mistake it implies ("" for lowercase hex).
type expectedForm struct {
	raw  []byte
	code string // "", "uppercase_hex" or "digest_base64"
}

// readExpected reads the expected digest as hex and, when it is not hex, as
// the base64 of a digest of one of the sizes the variants make.
func readExpected(expected string) []expectedForm {
	if isHex(expected) {
		raw, err := hex.DecodeString(expected)
		if err != nil {
			return nil // an odd number of digits: digest_length says so
		}
		code := ""
		if strings.ToLower(expected) != expected {
			code = "uppercase_hex"
		}
		return []expectedForm{{raw, code}}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		raw, err := enc.DecodeString(expected)
		if err != nil {
			continue
		}
		for a := range numDigestAlgorithms {
			if len(raw) == digestAlgorithms[a].size {
				return []expectedForm{{raw, "digest_base64"}}
			}
		}
		return nil
	}
	return nil
}

// isLowerHex reports whether s is hex in lowercase, as digests are sent.
func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s != ""
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// dataForms lists the bytes the digest may have been made of: the identifier
// as given, then with whitespace removed or a newline added, in another
// letter case (emails), and the other identifier. No form repeats another.
func dataForms(id identifierData) []dataForm {
	forms := []dataForm{{data: id.value}}
	add := func(b []byte, code, what string) {
		for _, f := range forms {
			if bytes.Equal(f.data, b) {
				return
			}
		}
		forms = append(forms, dataForm{data: b, code: code, what: what})
	}
	v := id.value
	if t := bytes.TrimSpace(v); len(t) != len(v) {
		add(t, "data_whitespace", "trimmed of its "+describeWhitespace(v))
	}
	if !bytes.HasSuffix(v, []byte("\n")) {
		add(append(bytes.Clone(v), '\n'), "data_whitespace", `with a trailing "\n" added`)
		add(append(bytes.Clone(v), '\r', '\n'), "data_whitespace", `with a trailing "\r\n" added`)
	}
	if at := bytes.LastIndexByte(v, '@'); at > 0 {
		add(bytes.ToLower(v), "email_case", "in lowercase")
		add(bytes.ToUpper(v), "email_case", "in uppercase")
		add(append(bytes.Clone(v[:at]), bytes.ToLower(v[at:])...), "email_case", "with its domain in lowercase")
		if 'a' <= v[0] && v[0] <= 'z' {
			add(append([]byte{v[0] - 'a' + 'A'}, v[1:]...), "email_case", "with its first letter in uppercase")
		}
	}
	if id.other != nil {
		add(id.other, "identifier_choice", "the "+id.otherName)
	}
	return forms
}

// digestSearch tries the digest variants on one expected digest.
type digestSearch struct {
	ring     *Keyring
	expected []expectedForm
	forms    []dataForm
	variants []digestVariant
	buf      [64]byte // the longest digest, SHA-512's
	matched  expectedForm
}

// try reports whether variant v with secret i makes the expected digest.
// Only variants whose digest has the expected size are computed at all.
func (d *digestSearch) try(v, i int) bool {
	variant := d.variants[v]
	size := digestAlgorithms[variant.algorithm].size
	wanted := false
	for _, f := range d.expected {
		wanted = wanted || len(f.raw) == size
	}
	if !wanted {
		return false
	}
	secret := d.ring.secretForm(i, variant.secret)
	if secret == nil {
		return false
	}
	key, message := secret, d.forms[variant.data].data
	if variant.swapped {
		key, message = message, secret
	}
	sum := variant.algorithm.sum(d.buf[:0], key, message)
	for _, f := range d.expected {
		if len(f.raw) == len(sum) && hmac.Equal(f.raw, sum) {
			d.matched = f
			return true
		}
	}
	return false
}

// protocolMatch is the first round of the search for the usual expected
// digest, 64 lowercase hex digits: the protocol's own variant (variant 0)
// with each secret in order, compared as hex from the keyring's kept HMAC
// states. When it finds the secret, the search would have found the same
// one, with no mistake, so the expected digest need not be read in every
// form nor every variant listed: a batch of matching lines skips that. It
// returns the search as the search would have left it.
func protocolMatch(ring *Keyring, order []int, id identifierData, expected, first string) (d *digestSearch, variant, secret int, found bool) {
	if len(expected) != 2*sha256.Size || !isLowerHex(expected) {
		return nil, -1, -1, false
	}
	for n, i := range order {
		if ring.Secret(i).Value == nil { // secretForm(i, secretAsIs) is nil: try skips it
			continue
		}
		digest := first // the digest with order[0], already made
		if n > 0 {
			digest = ring.userHash(i, id.value)
		}
		if DigestsEqual(digest, expected) {
			// digestVariants' first: HMAC-SHA256 of data form 0 (the
			// identifier as given) with the secret as is.
			protocol := []digestVariant{{algorithm: algoHMACSHA256}}
			return &digestSearch{ring: ring, forms: []dataForm{{data: id.value}}, variants: protocol}, 0, i, true
		}
	}
	return nil, -1, -1, false
}

// checkDigest is the engine behind CheckUserHash and CheckIdentity.
func checkDigest(id identifierData, expected string, ring *Keyring, chosen string) *DigestReport {
	r := &DigestReport{Algorithm: digestAlgorithms[algoHMACSHA256].name, Identifier: id.name, Data: id.value,
		Expected: expected, SecretAt: -1, Chosen: -1}
	if chosen != "" {
		r.Chosen = ring.Find(chosen)
	}
	if ring.Len() == 0 {
		r.add(diag("no_secret", "no secret to compute the digest with",
			"Add a profile with role identity (the platform's identity verification secret), or pass --secret-env or --secret-file."))
		return r
	}
	order := ring.Order(chosen, RoleIdentity)
	r.SecretAt = order[0]
	r.Computed = ring.userHash(order[0], id.value)
	if expected == "" {
		return r
	}
	match := false
	r.Match = &match
	d, v, i, found := protocolMatch(ring, order, id, expected, r.Computed)
	if !found {
		d = &digestSearch{ring: ring, expected: readExpected(expected), forms: dataForms(id)}
		d.variants = digestVariants(d.forms)
		v, i, found = search(len(d.variants), order, d.try)
	}
	if !found {
		r.add(r.unexplained(ring, order, id, d))
		for _, diag := range unexplainedFindings(ring, digestPayload, r.Chosen) {
			r.add(diag)
		}
		sortDiagnoses(r.Diagnoses)
		return r
	}
	variant := d.variants[v]
	secret := ring.Secret(i)
	if i != r.SecretAt { // r.Computed is already the digest with order[0]
		r.SecretAt, r.Computed = i, ring.userHash(i, id.value)
	}
	r.Mistakes = variant.mistakes(d.forms)
	for _, code := range r.Mistakes {
		r.add(digestMistake(code, variant, d.forms, id, secret))
	}
	if d.matched.code != "" {
		r.Mistakes = append(r.Mistakes, d.matched.code)
		r.add(encodingMistake(d.matched, expected, len(r.Mistakes) == 1, id, secret))
	}
	match = len(r.Mistakes) == 0
	for _, diag := range profileFindings(ring, digestPayload, i, r.Chosen) {
		r.add(diag)
	}
	if len(r.Diagnoses) == 0 {
		r.add(diag("match", fmt.Sprintf("the expected digest matches HMAC-SHA256 of the %s with %s", id.noun(), secret.Label()), "Nothing to fix."))
	}
	sortDiagnoses(r.Diagnoses)
	return r
}

func (r *DigestReport) add(d Diagnosis) { r.Diagnoses = append(r.Diagnoses, d) }

// noun names what was hashed in messages.
func (r *DigestReport) noun() string { return identifierData{name: r.Identifier}.noun() }

// unexplained says why nothing reproduced the expected digest: it is not a
// digest, it has the wrong length, or it is simply not the digest of this
// data with any secret.
func (r *DigestReport) unexplained(ring *Keyring, order []int, id identifierData, d *digestSearch) Diagnosis {
	expected := r.Expected
	const hexLength = 2 * 32
	if !isHex(expected) && len(d.expected) == 0 {
		at := 0
		for at < len(expected) && isHexDigit(expected[at]) {
			at++
		}
		return diag("digest_not_hex", fmt.Sprintf("the expected digest is not hex: %s at offset %d is not a hex digit, and the %d characters are not the base64 of a digest either",
			quoteChar(expected, at), at, len(expected)), fixDigestNotHex)
	}
	if isHex(expected) && len(expected) != hexLength {
		return diag("digest_length", fmt.Sprintf("the expected digest has %d hex characters, not 64: %s", len(expected), r.lengthHint(ring, order)), fixWholeDigest)
	}
	read := ""
	if len(d.expected) > 0 && d.expected[0].code == "digest_base64" {
		read = fmt.Sprintf(" (read as the base64 of a %d-byte digest)", len(d.expected[0].raw))
	}
	return diag("digest_mismatch", fmt.Sprintf("the expected digest%s matches no HMAC-SHA256 of the %s with %s, nor any of the %d mistakes sealpeek tries",
		read, id.noun(), secretsTried(len(order)), len(d.variants)-1), fixDigestMismatch)
}

// lengthHint says what a hex digest of the wrong length suggests: the start
// of the right digest (cut), or another algorithm's length.
func (r *DigestReport) lengthHint(ring *Keyring, order []int) string {
	n := len(r.Expected)
	lower := strings.ToLower(r.Expected)
	for _, i := range order {
		if n < 64 && strings.HasPrefix(UserHash(ring.Secret(i).Value, r.Data), lower) {
			return fmt.Sprintf("it is the first %d characters of HMAC-SHA256 with %s, so the digest was cut short", n, ring.Secret(i).quotedName())
		}
	}
	for a := range numDigestAlgorithms {
		if spec := digestAlgorithms[a]; 2*spec.size == n {
			return fmt.Sprintf("%d is the length of a %s digest, but it is no %s digest of the %s with any secret tried", n, spec.hashName, spec.hashName, r.noun())
		}
	}
	if n < 64 {
		return "shorter than any digest of the data with the secrets tried begins, so it was cut short and changed, or made otherwise"
	}
	return "longer than an HMAC-SHA256 digest, so something was added to it"
}

// digestMistake explains one mistake of the variant that made the expected
// digest with secret s.
func digestMistake(code string, v digestVariant, forms []dataForm, id identifierData, s Secret) Diagnosis {
	who := s.quotedName()
	form := forms[v.data]
	switch code {
	case "wrong_algorithm":
		if v.algorithm == algoLegacySHA1 {
			return diag(code, fmt.Sprintf("the expected digest is the legacy hex(SHA1(secret + %s)) of Secure Mode before December 2012, made with %s, not HMAC-SHA256", id.noun(), who), fixHMACSHA256)
		}
		return diag(code, fmt.Sprintf("the expected digest is %s of the %s with %s, not HMAC-SHA256", digestAlgorithms[v.algorithm].name, id.noun(), who), fixHMACSHA256)
	case "secret_whitespace":
		if v.secret == secretNewline {
			return diag(code, fmt.Sprintf("it matches only when a newline is appended to the secret of %s: the server read its secret with a trailing newline", who), fixSenderNewline)
		}
		return diag(code, fmt.Sprintf("it matches only when the secret of %s is trimmed of its %s: the stored secret has whitespace the real one lacks", who, describeWhitespace(s.Value)), fixTrimSecret)
	case "secret_hex_decoded":
		return diag(code, fmt.Sprintf("it matches only when the secret of %s is first hex-decoded to %d bytes: the server used the decoded bytes as the key", who, len(s.Value)/2), fixSecretAsText)
	case "swapped_key_message":
		return diag(code, fmt.Sprintf("the expected digest is HMAC-SHA256 keyed with the %s over the secret of %s: the key and message arguments are swapped", id.noun(), who), fixSwappedArguments)
	case "data_whitespace":
		fix := fixDataNewline
		if len(form.data) < len(id.value) {
			fix = fixDataTrimmed
		}
		return diag(code, fmt.Sprintf("the expected digest is of the %s %s (%s), not of %s as given", id.noun(), quoteData(form.data), form.what, quoteData(id.value)), fix)
	case "email_case":
		return diag(code, fmt.Sprintf("the expected digest is of the email %s (%s), which differs from %s only in letter case", quoteData(form.data), form.what, quoteData(id.value)), fixEmailCase)
	case "identifier_choice":
		if id.name == "user_id" {
			return diag(code, fmt.Sprintf("the expected digest is of the %s %s, but the user_id %s takes precedence: Intercom checks the digest against the user_id",
				id.otherName, quoteData(id.other), quoteData(id.value)), fixUserIDFirst)
		}
		return diag(code, fmt.Sprintf("the expected digest is of the %s %s, but no %s is sent, so Intercom checks it against the %s %s",
			id.otherName, quoteData(id.other), id.otherName, id.noun(), quoteData(id.value)), fixSendHashedUserID)
	}
	return diag(code, "it matches only under the mistake "+code, codeBook[code].Fix)
}

// encodingMistake explains an expected digest written in uppercase hex or in
// base64. alone says whether it is the only mistake, so the message can call
// the digest right.
func encodingMistake(f expectedForm, expected string, alone bool, id identifierData, s Secret) Diagnosis {
	what := "is the digest described above"
	if alone {
		what = fmt.Sprintf("is the right HMAC-SHA256 of the %s with %s", id.noun(), s.quotedName())
	}
	if f.code == "digest_base64" {
		return diag(f.code, fmt.Sprintf("the expected value %s, but in base64 (%d characters) instead of %d lowercase hex characters",
			what, len(expected), 2*len(f.raw)), fixHexNotBase64)
	}
	letterCase := "uppercase"
	if strings.ToUpper(expected) != expected {
		letterCase = "mixed-case"
	}
	return diag(f.code, fmt.Sprintf("the expected digest %s, but in %s hex: Intercom's docs use lowercase, and whether it accepts other cases is not confirmed",
		what, letterCase), fixLowercaseHex)
}
