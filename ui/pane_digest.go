package ui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// digestPane shows every digest an input is checked by: a user_hash
// (typed user data, or a snippet's), each signature header of a request
// and a JWT's signature, each as expected and computed per algorithm, the
// profile it was computed with and a match mark. It is a few rows per
// check, so it is formatted whole and scrolled as a window.
type digestPane struct{ win window }

// Shows: whatever has a digest or a signature to check; until the
// analysis says, every kind but those usually a sealed user.
func (p *digestPane) Shows(k Kind, a *analysis) bool {
	if a == nil {
		return !k.usuallySealed()
	}
	if r := a.capture; r != nil {
		switch r.Capture.Kind {
		case crypto.KindWebhook, crypto.KindCanvasKit, crypto.KindIdentity, crypto.KindJWT:
			return true
		}
		if len(r.Signatures) > 0 {
			return true
		}
	}
	return a.digest != nil
}

func (p *digestPane) showResult(*paneContext, *analysis) { p.win.top = 0 }

// Rows is the visible window of the digest pane.
func (p *digestPane) Rows(c *paneContext, w, h int) []string {
	rows := digestRows(c, w)
	p.win.height, p.win.rows = h, len(rows)
	from, to := p.win.visible()
	return fitLines(rows[from:to], w, h)
}

// wantRows is the title and every row.
func (p *digestPane) wantRows(c *paneContext, w int) int { return 1 + len(digestRows(c, w)) }

// Title names what the pane holds.
func (p *digestPane) Title(c *paneContext) (string, string) {
	return "Digest · " + digestTitle(c), p.win.indicator()
}

// Captures: the digest pane has no text to type.
func (p *digestPane) Captures(*paneContext, tea.Msg) bool { return false }

// Update scrolls.
func (p *digestPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if n, ok := c.keys.scrollBy(k, p.win.height); ok {
			p.Scroll(n)
		}
	}
	return nil
}

// Scroll moves the window over the checks.
func (p *digestPane) Scroll(n int) { p.win.scroll(n) }

// Help is the digest pane's keys.
func (p *digestPane) Help(c *paneContext) []key.Binding { return scrollHelp(&c.keys, "copy") }

// Copy takes what the pane computed, ready to paste where it was
// expected: each signature header as a sender would send it, the JWT
// signature, the user_hash.
func (p *digestPane) Copy(c *paneContext) (what, text string) {
	a := c.result
	if a == nil {
		return "", ""
	}
	var lines []string
	if r := a.capture; r != nil {
		for _, s := range r.Signatures {
			if s.Computed != "" {
				lines = append(lines, s.Header+": "+s.Computed)
			}
		}
		if j := r.JWT; j != nil && j.Signature != nil && j.Signature.Computed != "" {
			lines = append(lines, j.Signature.Computed)
		}
		if len(lines) > 0 {
			what = "the computed " + termtext.Plural(len(lines), "signature", "signatures")
		}
	}
	if a.digest != nil && a.digest.Computed != "" {
		lines = append(lines, a.digest.Computed)
		if what == "" {
			what = "the computed digest"
		}
	}
	return what, strings.Join(lines, "\n")
}

// digestRows is every row of the digest pane.
func digestRows(c *paneContext, w int) []string {
	st := &c.st
	a := c.result
	switch {
	case a == nil || a.kind != c.kind:
		return []string{st.Dim.Render("working…")}
	case a.capture == nil:
		return userHashRows(a.digest, c.profileRows, st)
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
		section(signatureRows(s, c.profileRows, st))
	}
	if len(r.Signatures) == 0 && (r.Capture.Kind == crypto.KindWebhook || r.Capture.Kind == crypto.KindCanvasKit) {
		header := crypto.HeaderHubSignature + ": sha1=…"
		if r.Capture.Kind == crypto.KindCanvasKit {
			header = crypto.HeaderBodySignature + ": …"
		}
		section([]string{
			st.Label.Render("no signature header") + st.Dim.Render(" in this "+report.KindName(r.Capture.Kind)+" to check"),
			st.Dim.Render("ctrl+g and type it in the signature header field, e.g. " + header),
		})
	}
	if j := r.JWT; j != nil {
		if j.Signature != nil {
			section(signatureRows(j.Signature, c.profileRows, st))
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
		section(append([]string{st.Label.Render(what)}, userHashRows(d, c.profileRows, st)...))
	}
	if len(rows) == 0 {
		rows = append(rows, st.Dim.Render("no digest or signature in this input (see Diagnostics)"))
	}
	return rows
}

// digestTitle names what the digest pane holds.
func digestTitle(c *paneContext) string {
	a := c.result
	if a == nil || a.capture == nil || a.kind != c.kind {
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

// What the root asks of the pane, checked when building.
var (
	_ Pane         = (*digestPane)(nil)
	_ resultShower = (*digestPane)(nil)
	_ sizedPane    = (*digestPane)(nil)
)
