package crypto

import (
	"bytes"
	"fmt"
)

// Identity is the identifiers of a user as the app gives them to the
// Messenger: user_id and email, each with whether it is sent. A known
// identifier that is not sent (HasUserID false but UserID set) is only tried
// as the one hashed by mistake.
type Identity struct {
	UserID, Email       string
	HasUserID, HasEmail bool
}

// Checked returns the name and value of the identifier Intercom checks the
// user_hash against: the user_id when one is sent (it takes precedence), else
// the email. ok is false when neither is sent.
func (id Identity) Checked() (name, value string, ok bool) {
	switch {
	case id.HasUserID:
		return "user_id", id.UserID, true
	case id.HasEmail:
		return "email", id.Email, true
	}
	return "", "", false
}

// CheckIdentity checks a user_hash against the identifier Intercom uses for
// this identity (see Checked), as CheckUserHash does for bare data, and also
// diagnoses a digest of the other identifier (identifier_choice).
func CheckIdentity(id Identity, expected string, ring *Keyring, chosen string) *DigestReport {
	name, value, ok := id.Checked()
	if !ok {
		r := newDigestReport(identifierData{}, expected, ring, chosen)
		if expected != "" {
			match := false
			r.Match = &match
		}
		r.add(diag(CodeIdentifierMissing, "there is neither a user_id nor an email to check the user_hash against", fixIdentifierNeeded))
		return r
	}
	data := identifierData{name: name, value: []byte(value)}
	switch {
	case name == "user_id" && (id.HasEmail || id.Email != ""):
		data.otherName, data.other, data.otherSent = "email", []byte(id.Email), id.HasEmail
	case name == "email" && id.UserID != "":
		data.otherName, data.other = "user_id", []byte(id.UserID)
	}
	return checkDigest(data, expected, ring, chosen)
}

// identifierData is what a user_hash is checked against: the identifier
// Intercom uses and, when known, the other one, which people hash by mistake.
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

// forms lists the bytes the digest may have been made of, after the
// identifier as given: with whitespace removed or a newline added, in another
// letter case (emails), and the other identifier. No form repeats another.
func (id identifierData) forms() []dataForm {
	forms := []dataForm{{data: id.value}}
	add := func(b []byte, code Code, what string) {
		for _, f := range forms {
			if bytes.Equal(f.data, b) {
				return
			}
		}
		forms = append(forms, dataForm{data: b, code: code, what: what})
	}
	v := id.value
	if t := bytes.TrimSpace(v); len(t) != len(v) {
		add(t, CodeDataWhitespace, "trimmed of its "+describeWhitespace(v))
	}
	if !bytes.HasSuffix(v, []byte("\n")) {
		add(append(bytes.Clone(v), '\n'), CodeDataWhitespace, `with a trailing "\n" added`)
		add(append(bytes.Clone(v), '\r', '\n'), CodeDataWhitespace, `with a trailing "\r\n" added`)
	}
	if at := bytes.LastIndexByte(v, '@'); at > 0 {
		add(bytes.ToLower(v), CodeEmailCase, "in lowercase")
		add(bytes.ToUpper(v), CodeEmailCase, "in uppercase")
		add(append(bytes.Clone(v[:at]), bytes.ToLower(v[at:])...), CodeEmailCase, "with its domain in lowercase")
		if 'a' <= v[0] && v[0] <= 'z' {
			add(append([]byte{v[0] - 'a' + 'A'}, v[1:]...), CodeEmailCase, "with its first letter in uppercase")
		}
	}
	if id.other != nil {
		add(id.other, CodeIdentifierChoice, "the "+id.otherName)
	}
	return forms
}

// mistake explains a digest made of form instead of the identifier.
func (id identifierData) mistake(form dataForm) Diagnosis {
	switch form.code {
	case CodeDataWhitespace:
		fix := fixDataNewline
		if len(form.data) < len(id.value) {
			fix = fixDataTrimmed
		}
		return diag(form.code, fmt.Sprintf("the expected digest is of the %s %s (%s), not of %s as given", id.noun(), quoteData(form.data), form.what, quoteData(id.value)), fix)
	case CodeEmailCase:
		return diag(form.code, fmt.Sprintf("the expected digest is of the email %s (%s), which differs from %s only in letter case", quoteData(form.data), form.what, quoteData(id.value)), fixEmailCase)
	case CodeIdentifierChoice:
		if id.name == "user_id" {
			return diag(form.code, fmt.Sprintf("the expected digest is of the %s %s, but the user_id %s takes precedence: Intercom checks the digest against the user_id",
				id.otherName, quoteData(id.other), quoteData(id.value)), fixUserIDFirst)
		}
		return diag(form.code, fmt.Sprintf("the expected digest is of the %s %s, but no %s is sent, so Intercom checks it against the %s %s",
			id.otherName, quoteData(id.other), id.otherName, id.noun(), quoteData(id.value)), fixSendHashedUserID)
	}
	return diag(form.code, "it matches only under the mistake "+string(form.code), codeBook[form.code].Fix)
}

// newDigestReport starts the report of a user_hash check.
func newDigestReport(id identifierData, expected string, ring *Keyring, chosen string) *DigestReport {
	r := &DigestReport{Algorithm: digestAlgorithms[algoHMACSHA256].name, Identifier: id.name, Data: id.value,
		Expected: expected, SecretAt: -1, Chosen: -1}
	if chosen != "" {
		r.Chosen = ring.Find(chosen)
	}
	return r
}

// checkDigest is the user_hash front of the keyed-digest engine, behind
// CheckUserHash and CheckIdentity.
func checkDigest(id identifierData, expected string, ring *Keyring, chosen string) *DigestReport {
	k := &userHashPayload
	r := newDigestReport(id, expected, ring, chosen)
	if ring.Len() == 0 {
		r.add(noSecret(k))
		return r
	}
	order := ring.Order(chosen, k.role)
	r.SecretAt = order[0]
	r.Computed = ring.userHash(order[0], id.value)
	if expected == "" {
		return r
	}
	e := readExpected(k, expected)
	d := newDigestSearch(k, ring, e.readings, []dataForm{{data: id.value}}, id.noun())
	defer d.release()
	match := false
	r.Match = &match
	v, i, found := d.protocolRound(order)
	if !found {
		// Not made the right way with any secret: the whole search, over
		// every form of the data, counting from nothing.
		d.forms, d.calls, d.tries, d.hashed = id.forms(), 0, 0, 0
		v, i, found = d.run(order, nil)
	}
	if !found {
		r.Diagnoses = append(r.Diagnoses, d.unexplained(e, order, r.Chosen, func() Diagnosis {
			read := ""
			if len(e.readings) > 0 && e.readings[0].code == CodeDigestBase64 {
				read = fmt.Sprintf(" (read as the base64 of a %d-byte digest)", len(e.readings[0].raw))
			}
			return k.diag(CodeDigestMismatch, fmt.Sprintf("the expected digest%s matches no HMAC-SHA256 of the %s with %s, nor %s",
				read, id.noun(), secretsTried(len(order)), d.mistakesTried()))
		})...)
		sortDiagnoses(r.Diagnoses)
		return r
	}
	if i != r.SecretAt { // else r.Computed is already the digest with secret i
		r.SecretAt, r.Computed = i, ring.userHash(i, id.value)
	}
	var ds []Diagnosis
	r.Mistakes, ds = d.explain(e, v, i, r.Chosen, id.mistake)
	r.Diagnoses = append(r.Diagnoses, ds...)
	match = len(r.Mistakes) == 0
	if len(r.Diagnoses) == 0 {
		r.add(d.match(i))
	}
	sortDiagnoses(r.Diagnoses)
	return r
}

func (r *DigestReport) add(d Diagnosis) { r.Diagnoses = append(r.Diagnoses, d) }
