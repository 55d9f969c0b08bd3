package ui

import (
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/viewport"

	"github.com/sealpeek/sealpeek/crypto"
)

// diagPane lists the engine's diagnoses, most important first, with their
// fixes. The list is short, so it lives in a soft-wrapping viewport.
type diagPane struct {
	vp      viewport.Model
	content string
	cache   []string // the last rows drawn, for cacheKey
	key     [4]int
}

func newDiagPane() diagPane {
	vp := viewport.New()
	vp.SoftWrap = false // the text is word-wrapped before it is set
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

// diagnosisText renders the list, word-wrapped to width with hanging
// indents: each diagnosis's mark, code and message, then its fix; then the
// UI's remarks and the chosen profile's problems.
func diagnosisText(ds []crypto.Diagnosis, remarks []string, problems []crypto.Diagnosis, verdict string, st *Styles, width int) string {
	var lines []string
	add := func(text string, indent int) {
		// The first row has the whole width; the rest hang under the message.
		wrapped := strings.SplitN(ansi.Wrap(text, max(width, 10), ""), "\n", 2)
		if len(wrapped) == 2 {
			wrapped = append(wrapped[:1], strings.Split(ansi.Wrap(strings.ReplaceAll(wrapped[1], "\n", " "), max(width-indent, 10), ""), "\n")...)
		}
		for i, l := range wrapped {
			if i > 0 {
				l = strings.Repeat(" ", indent) + l
			}
			lines = append(lines, l)
		}
	}
	write := func(d crypto.Diagnosis, prefix string) {
		add(severityMark(d.Severity, st)+" "+st.Label.Render(prefix+termtext.EscapeControl(string(d.Code), false))+" "+termtext.EscapeControl(d.Message, false), 8)
		if d.Fix != "" && d.Severity != crypto.SeverityInfo {
			add(st.Dim.Render("  fix: "+termtext.EscapeControl(d.Fix, false)), 7)
		}
	}
	for _, d := range ds {
		write(d, "")
	}
	for _, r := range remarks {
		add(st.Dim.Render("· "+termtext.EscapeControl(r, false)), 2)
	}
	for _, d := range problems {
		write(d, "profile: ")
	}
	if len(lines) == 0 {
		add(verdict, 2)
	}
	return strings.Join(lines, "\n")
}

func (p *diagPane) setContent(s string) {
	if s != p.content {
		p.content, p.cache = s, nil
		p.vp.SetContent(s)
		p.vp.GotoTop()
	}
}

func (p *diagPane) rows(width, height int) []string {
	key := [4]int{width, height, p.vp.YOffset(), len(p.content)}
	if p.cache != nil && key == p.key {
		return p.cache
	}
	p.vp.SetWidth(width)
	p.vp.SetHeight(height)
	p.cache, p.key = fitLines(strings.Split(p.vp.View(), "\n"), width, height), key
	return p.cache
}
