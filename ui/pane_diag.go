package ui

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	"github.com/sealpeek/sealpeek/crypto"
)

// diagPane lists the engine's diagnoses, most important first, with their
// fixes. The list is short, so it lives in a soft-wrapping viewport.
type diagPane struct {
	vp      viewport.Model
	content string
}

func newDiagPane() diagPane {
	vp := viewport.New()
	vp.SoftWrap = true
	vp.FillHeight = true
	vp.MouseWheelEnabled = true
	vp.KeyMap = viewport.KeyMap{} // the root model routes keys
	return diagPane{vp: vp}
}

// severityMark is the textual mark of a severity, readable without colour.
func severityMark(s crypto.Severity, st *Styles) string {
	switch s {
	case crypto.SeverityError:
		return st.Error.Render("✗ error")
	case crypto.SeverityWarn:
		return st.Warn.Render("! warn ")
	}
	return st.Info.Render("i info ")
}

// diagnosisText renders the list: each diagnosis's mark, code and message,
// then its fix; then the UI's remarks and the chosen profile's problems.
func diagnosisText(ds []crypto.Diagnosis, remarks []string, problems []crypto.Diagnosis, verdict string, st *Styles) string {
	var b strings.Builder
	write := func(d crypto.Diagnosis, prefix string) {
		b.WriteString(severityMark(d.Severity, st) + " " + st.Label.Render(prefix+EscapeControl(d.Code, false)) + " " + EscapeControl(d.Message, false) + "\n")
		if d.Fix != "" && d.Severity != crypto.SeverityInfo {
			b.WriteString(st.Dim.Render("  fix: "+EscapeControl(d.Fix, false)) + "\n")
		}
	}
	for _, d := range ds {
		write(d, "")
	}
	for _, r := range remarks {
		b.WriteString(st.Dim.Render("· "+EscapeControl(r, false)) + "\n")
	}
	for _, d := range problems {
		write(d, "profile: ")
	}
	if b.Len() == 0 {
		b.WriteString(verdict)
	}
	return strings.TrimRight(b.String(), "\n")
}

func (p *diagPane) setContent(s string) {
	if s != p.content {
		p.content = s
		p.vp.SetContent(s)
		p.vp.GotoTop()
	}
}

func (p *diagPane) rows(width, height int) []string {
	p.vp.SetWidth(width)
	p.vp.SetHeight(height)
	return fitLines(strings.Split(p.vp.View(), "\n"), width, height)
}
