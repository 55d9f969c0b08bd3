package ui

import (
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

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

// refresh sets the list from the shared state: the latest analysis's
// findings and the chosen profile's problems, word-wrapped to width(), or
// that the analysis is still working.
func (p *diagPane) refresh(c *paneContext, width func() int) {
	if c.reading > 0 {
		p.setContent(c.st.Dim.Render(fmt.Sprintf("reading %d %s… (a secret_cmd may be waiting for a password manager)", c.reading, termtext.Plural(c.reading, "profile", "profiles"))))
		return
	}
	if c.result == nil {
		p.setContent(c.st.Dim.Render("working…"))
		return
	}
	if c.working() {
		p.setContent(c.st.Dim.Render("working… analysing " + report.ByteCount(len(c.input.data))))
		return
	}
	var problems []crypto.Diagnosis
	if i := c.ring.Find(c.chosen); i >= 0 {
		problems = c.profileRows[i].info.Problems
	}
	verdict := c.st.Dim.Render("no findings")
	if w := c.worked(); w >= 0 {
		verdict = c.st.Good.Render("✓ nothing to fix: " + termtext.EscapeControl(c.secrets[w].Label(), false) + " " + presentTense[c.result.verb] + " it")
	}
	p.setContent(diagnosisText(c.result.diagnoses, c.result.remarks, problems, verdict, &c.st, width()))
}

// presentTense says what a profile does to an input that works with it.
var presentTense = map[string]string{"opened": "opens", "matched": "matches", "verified": "verifies"}

// Shows: the diagnostics are always on screen.
func (p *diagPane) Shows(Kind, *analysis) bool { return true }

// Rows draws the visible part of the list.
func (p *diagPane) Rows(_ *paneContext, w, h int) []string { return p.rows(w, h) }

// Title counts the findings by severity.
func (p *diagPane) Title(c *paneContext) (string, string) {
	return "Diagnostics" + diagSummary(c), ""
}

// severityWords are a severity counted in words: "2 errors, 1 warning".
var severityWords = map[crypto.Severity][2]string{
	crypto.SeverityError: {"error", "errors"},
	crypto.SeverityWarn:  {"warning", "warnings"},
	crypto.SeverityInfo:  {"note", "notes"},
}

func diagSummary(c *paneContext) string {
	if c.result == nil || c.working() {
		return " · working…"
	}
	counts := map[crypto.Severity]int{}
	for _, d := range c.result.diagnoses {
		counts[d.Severity]++
	}
	var parts []string
	for _, s := range []crypto.Severity{crypto.SeverityError, crypto.SeverityWarn, crypto.SeverityInfo} {
		if counts[s] > 0 {
			word := severityWords[s]
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], termtext.Plural(counts[s], word[0], word[1])))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " · " + strings.Join(parts, ", ")
}

// Captures: the diagnostics have no text to type.
func (p *diagPane) Captures(*paneContext, tea.Msg) bool { return false }

// Update scrolls.
func (p *diagPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if n, ok := c.keys.scrollBy(k, p.vp.Height()); ok {
			p.Scroll(n)
		}
	}
	return nil
}

// Scroll moves the viewport, by at most the whole list.
func (p *diagPane) Scroll(n int) {
	if n < 0 {
		p.vp.ScrollUp(min(-n, p.vp.TotalLineCount()))
	} else {
		p.vp.ScrollDown(min(n, p.vp.TotalLineCount()))
	}
}

// Copy takes the whole report: the findings are only part of the story.
func (p *diagPane) Copy(c *paneContext) (string, string) { return "the whole report", c.report() }

// Help is the diagnostics' keys.
func (p *diagPane) Help(c *paneContext) []key.Binding { return scrollHelp(&c.keys, "copy report") }

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
			wrapped = append(wrapped[:1], strings.Split(ansi.Wrap(unwrap(wrapped[1]), max(width-indent, 10), ""), "\n")...)
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
		if report.ShowsFix(d) {
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

// unwrap joins wrapped lines back into one for wrapping again: with a
// space where the wrap took one out, and with nothing after a line that a
// hyphen ended, where it took nothing out ("2026-12-03", not "2026- 12").
func unwrap(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l)
		if i < len(lines)-1 && !strings.HasSuffix(ansi.Strip(l), "-") {
			b.WriteByte(' ')
		}
	}
	return b.String()
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

// What the root asks of the pane, checked when building.
var (
	_ Pane = (*diagPane)(nil)
)
