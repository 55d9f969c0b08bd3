package ui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// The digest pane shows every digest an input is checked by: a user_hash
// (typed user data, or a snippet's), each signature header of a request
// and a JWT's signature, each as expected and computed per algorithm, the
// profile it was computed with and a match mark. It is a few rows per
// check, so it is formatted whole and scrolled as a window.

// digestPaneRows is the visible window of the digest pane.
func (m *Model) digestPaneRows(w, h int) []string {
	rows := m.digestRows(w)
	m.digest.height, m.digest.rows = h, len(rows)
	from, to := m.digest.visible()
	return fitLines(rows[from:to], w, h)
}

// digestRows is every row of the digest pane.
func (m *Model) digestRows(w int) []string {
	st := &m.st
	a := m.result
	switch {
	case a == nil || a.kind != m.kind:
		return []string{st.Dim.Render("working…")}
	case a.capture == nil:
		return userHashRows(a.digest, m.profiles.rows, st)
	}
	r := a.capture
	var rows []string
	section := func(more []string) {
		if len(rows) > 0 {
			rows = append(rows, "")
		}
		rows = append(rows, more...)
	}
	for _, s := range r.Signatures {
		section(signatureRows(s, m.profiles.rows, st))
	}
	if len(r.Signatures) == 0 && (r.Capture.Kind == crypto.KindWebhook || r.Capture.Kind == crypto.KindCanvasKit) {
		header := crypto.HeaderHubSignature + ": sha1=…"
		if r.Capture.Kind == crypto.KindCanvasKit {
			header = crypto.HeaderBodySignature + ": …"
		}
		section([]string{
			st.Label.Render("no signature header") + st.Dim.Render(" in this "+captureKindNames[r.Capture.Kind]+" to check"),
			st.Dim.Render("ctrl+g and type it in the signature header field, e.g. " + header),
		})
	}
	if j := r.JWT; j != nil {
		if j.Signature != nil {
			section(signatureRows(j.Signature, m.profiles.rows, st))
		} else {
			section([]string{st.Label.Render(crypto.JWTHeaderName) + st.Dim.Render(" · signature not checked: the token is not HS256 or not readable (see Diagnostics)")})
		}
	}
	if d := r.Identity; d != nil {
		what := "user_hash"
		switch f := r.Capture.Settings; {
		case f != nil && f.HasUserID:
			what = "user_hash over the user_id (it takes precedence over the email)"
		case f != nil:
			what = "user_hash over the email (no user_id is sent)"
		}
		section(append([]string{st.Label.Render(what)}, userHashRows(d, m.profiles.rows, st)...))
	}
	if len(rows) == 0 {
		rows = append(rows, st.Dim.Render("no digest or signature in this input (see Diagnostics)"))
	}
	return rows
}

// digestTitle names what the digest pane holds.
func (m *Model) digestTitle() string {
	a := m.result
	if a == nil || a.capture == nil || a.kind != m.kind {
		return "identity verification (user_hash)"
	}
	var parts []string
	for _, s := range a.capture.Signatures {
		parts = append(parts, s.Header+" ("+s.Algorithm+")")
	}
	if a.capture.JWT != nil {
		parts = append(parts, "JWT signature (HS256)")
	}
	if a.capture.Identity != nil {
		parts = append(parts, "identity verification (user_hash)")
	}
	if len(parts) == 0 {
		return "signatures"
	}
	return strings.Join(parts, " · ")
}

// digestLabel is a row's label column in the digest pane.
func digestLabel(st *Styles, s string) string { return st.Label.Render(fmt.Sprintf("%-9s ", s)) }

// userHashRows shows a user_hash check: the data, the expected and computed
// digests and a match mark.
func userHashRows(r *crypto.DigestReport, profiles []profileRow, st *Styles) []string {
	if r == nil {
		return []string{st.Dim.Render("no digest yet")}
	}
	data := quotePrefix(r.Data, 200)
	rows := []string{
		digestLabel(st, "algorithm") + r.Algorithm + st.Dim.Render(" → user_hash, lowercase hex"),
		digestLabel(st, "data") + termtext.EscapeControl(data, false) + st.Dim.Render(fmt.Sprintf("  %d B", len(r.Data))),
	}
	if r.Expected == "" {
		rows = append(rows, digestLabel(st, "expected")+st.Dim.Render("none: type it in the Input pane's expected field"))
	} else {
		rows = append(rows, digestLabel(st, "expected")+termtext.EscapeControl(r.Expected, false))
	}
	if r.Computed != "" {
		rows = append(rows, digestLabel(st, "computed")+r.Computed)
		rows = append(rows, withRow(r.SecretAt, profiles, st)...)
	}
	var result string
	switch {
	case r.Match == nil:
		result = st.Dim.Render("– nothing to compare")
	case r.OK():
		result = st.Good.Render("✓ match")
	case *r.Match:
		result = st.Bad.Render("✗ matches another profile, not the chosen one")
	default:
		result = st.Bad.Render("✗ mismatch")
	}
	return append(rows, digestLabel(st, "result")+result)
}

// signatureRows shows one signature: its header and algorithm, the value
// received, the value the profile makes, and a match mark.
func signatureRows(s *crypto.SignatureCheck, profiles []profileRow, st *Styles) []string {
	rows := []string{
		st.Label.Render(s.Header) + st.Dim.Render(" · "+s.Algorithm),
		digestLabel(st, "expected") + termtext.EscapeControl(s.Expected, false),
	}
	if s.Computed != "" {
		rows = append(rows, digestLabel(st, "computed")+termtext.EscapeControl(s.Computed, false))
		rows = append(rows, withRow(s.SecretAt, profiles, st)...)
	}
	var result string
	switch {
	case s.OK():
		result = st.Good.Render("✓ match")
	case s.Match && s.Chosen >= 0 && s.SecretAt != s.Chosen:
		result = st.Bad.Render("✗ matches another profile, not the chosen one")
	case s.Match:
		result = st.Warn.Render("! matches, but see Diagnostics")
	default:
		result = st.Bad.Render("✗ mismatch")
	}
	return append(rows, digestLabel(st, "result")+result)
}

// withRow names the profile a digest was computed with, by label and
// fingerprint.
func withRow(at int, profiles []profileRow, st *Styles) []string {
	if at < 0 || at >= len(profiles) {
		return nil
	}
	row := profiles[at]
	return []string{digestLabel(st, "with") + termtext.EscapeControl(row.secret.Label(), false) + st.Dim.Render(" · fingerprint "+row.fingerprint)}
}

// quotePrefix is strconv.QuoteToASCII(string(data)) cut to limit
// characters and "…", as the digest pane shows the data on one row, but it
// quotes only enough of the bytes (cut where a rune starts) to fill the
// row: a megabyte of data costs what a row does. Each byte quotes to at
// least one character, so limit+4 bytes always fill limit characters.
func quotePrefix(data []byte, limit int) string {
	cut := min(len(data), limit+4)
	// Back to where the rune at the cut starts; after three continuation
	// bytes the byte is a stray one, quoted alone wherever the cut is.
	for back := 0; back < 3 && cut < len(data) && cut > 0 && !utf8.RuneStart(data[cut]); back++ {
		cut--
	}
	quoted := strconv.QuoteToASCII(string(data[:cut]))
	if len(quoted) > limit {
		return quoted[:limit] + "…"
	}
	return quoted
}
