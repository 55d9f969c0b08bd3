package crypto

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
// identifier as given: with whitespace removed or a newline (or a CSV
// line's carriage return) added, in another letter case (emails), also
// trimmed, as a number is written otherwise, JSON-encoded, the other
// identifier, and both joined. No form repeats another.
func (id identifierData) forms() []dataForm {
	forms := []dataForm{{data: id.value}}
	add := func(b []byte, code, also Code, what string) {
		for _, f := range forms {
			if bytes.Equal(f.data, b) {
				return
			}
		}
		forms = append(forms, dataForm{data: b, code: code, also: also, what: what})
	}
	v := id.value
	trimmed := bytes.TrimSpace(v)
	if len(trimmed) != len(v) {
		add(trimmed, CodeDataWhitespace, "", "trimmed of its "+describeWhitespace(v))
	}
	if !bytes.HasSuffix(v, []byte("\n")) {
		add(append(bytes.Clone(v), '\n'), CodeDataWhitespace, "", `with a trailing "\n" added`)
		add(append(bytes.Clone(v), '\r', '\n'), CodeDataWhitespace, "", `with a trailing "\r\n" added`)
	}
	if !bytes.HasSuffix(v, []byte("\r")) {
		add(append(bytes.Clone(v), '\r'), CodeDataWhitespace, "", `with a trailing "\r" added, as a CSV line ends`)
	}
	if at := bytes.LastIndexByte(v, '@'); at > 0 {
		add(bytes.ToLower(v), CodeEmailCase, "", "in lowercase")
		add(bytes.ToUpper(v), CodeEmailCase, "", "in uppercase")
		add(append(bytes.Clone(v[:at]), bytes.ToLower(v[at:])...), CodeEmailCase, "", "with its domain in lowercase")
		if 'a' <= v[0] && v[0] <= 'z' {
			add(append([]byte{v[0] - 'a' + 'A'}, v[1:]...), CodeEmailCase, "", "with its first letter in uppercase")
		}
		if len(trimmed) != len(v) {
			// Normalised in one go: trimmed and lowercased.
			add(bytes.ToLower(trimmed), CodeEmailCase, CodeDataWhitespace, "trimmed of its "+describeWhitespace(v)+" and in lowercase")
		}
	}
	for _, f := range numberForms(trimmed) {
		add(f.data, CodeIdentifierNumberForm, "", "the "+id.noun()+" "+f.what)
	}
	if quoted := jsonQuote(v); quoted != nil {
		add(quoted, CodeIdentifierJSONEncoded, "", "the "+id.noun()+" JSON-encoded, quotes included")
	}
	var unquoted string
	if len(v) >= 2 && v[0] == '"' && json.Unmarshal(v, &unquoted) == nil {
		add([]byte(unquoted), CodeIdentifierJSONEncoded, "", "the "+id.noun()+" without its JSON quotes")
	}
	if id.other != nil {
		add(id.other, CodeIdentifierChoice, "", "the "+id.otherName)
		for _, sep := range []string{"", ":", "|", "-", "_", " ", ","} {
			join := func(a, b []byte, how string) {
				add(slices.Concat(a, []byte(sep), b), CodeIdentifiersJoined, "", fmt.Sprintf("%s, joined %s", how, separatorName(sep)))
			}
			join(id.value, id.other, "the "+id.noun()+" then the "+id.otherName)
			join(id.other, id.value, "the "+id.otherName+" then the "+id.noun())
		}
	}
	return forms
}

// jsonQuote is the identifier as JSON.stringify, json_encode and json.dumps
// write a string: quoted, with '<', '>' and '&' as they are.
func jsonQuote(v []byte) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(string(v)) != nil {
		return nil
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// separatorName says how two identifiers were joined, for messages.
func separatorName(sep string) string {
	if sep == "" {
		return "with nothing between"
	}
	return fmt.Sprintf("by %q", sep)
}

// numberForms are a numeric identifier written the other ways code writes
// a number: with a decimal part (a float column: 4217.0), without one, and
// without leading zeros or zero-padded to a common width.
func numberForms(v []byte) []dataForm {
	s := string(v)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if intPart == "" || strings.Trim(intPart, "0123456789") != "" || (hasFrac && strings.Trim(frac, "0") != "") {
		return nil
	}
	var out []dataForm
	if hasFrac {
		out = append(out, dataForm{data: []byte(intPart), what: "without its decimal part " + strconv.Quote("."+frac)})
	} else {
		out = append(out, dataForm{data: []byte(intPart + ".0"), what: `with ".0" added, as a float column writes it`})
	}
	if stripped := strings.TrimLeft(intPart, "0"); stripped != intPart && stripped != "" {
		out = append(out, dataForm{data: []byte(stripped), what: "without its leading zeros"})
	}
	for _, width := range []int{6, 8, 10, 12} {
		if len(intPart) < width {
			out = append(out, dataForm{data: []byte(strings.Repeat("0", width-len(intPart)) + intPart), what: fmt.Sprintf("zero-padded to %d digits", width)})
		}
	}
	return out
}

// mistake explains a digest made of form instead of the identifier: the
// mistake code, which is form.code or form.also.
func (id identifierData) mistake(form dataForm, code Code) Diagnosis {
	switch code {
	case CodeDataWhitespace:
		fix := fixDataNewline
		if len(bytes.TrimSpace(form.data)) < len(id.value) {
			fix = fixDataTrimmed
		}
		if form.also != "" {
			return diag(code, fmt.Sprintf("the %s %s has whitespace around it, which the digest's %s lacks", id.noun(), quoteData(id.value), quoteData(form.data)), fix)
		}
		return diag(code, fmt.Sprintf("the expected digest is of the %s %s (%s), not of %s as given", id.noun(), quoteData(form.data), form.what, quoteData(id.value)), fix)
	case CodeEmailCase:
		only := "only "
		if form.also != "" {
			only = ""
		}
		return diag(code, fmt.Sprintf("the expected digest is of the email %s (%s), which differs from %s %sin letter case", quoteData(form.data), form.what, quoteData(id.value), only), fixEmailCase)
	case CodeIdentifierChoice:
		if id.name == "user_id" {
			return diag(code, fmt.Sprintf("the expected digest is of the %s %s, but the user_id %s takes precedence: Intercom checks the digest against the user_id",
				id.otherName, quoteData(id.other), quoteData(id.value)), fixUserIDFirst)
		}
		return diag(code, fmt.Sprintf("the expected digest is of the %s %s, but no %s is sent, so Intercom checks it against the %s %s",
			id.otherName, quoteData(id.other), id.otherName, id.noun(), quoteData(id.value)), fixSendHashedUserID)
	case CodeIdentifierNumberForm, CodeIdentifierJSONEncoded, CodeIdentifiersJoined:
		return standard(code, fmt.Sprintf("the expected digest is of %s (%s), not of the %s %s as sent", quoteData(form.data), form.what, id.noun(), quoteData(id.value)))
	}
	return diag(code, "it matches only under the mistake "+string(code), codeInfo(code).Fix)
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
			return k.diag(CodeDigestMismatch, fmt.Sprintf("the expected digest matches no HMAC-SHA256 of the %s with %s, %s",
				id.noun(), secretsTried(len(order)), d.triedAndNearest(e, "check that the secret is the identity verification secret of the workspace and platform the Messenger talks to")))
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
