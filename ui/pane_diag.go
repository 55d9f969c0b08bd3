package ui

import (
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// diagPane lists the engine's diagnoses, most important first, with their
// fixes. Focused, it has a cursor over the diagnoses: f opens the selected
// one's fix in code in the Fix pane.
type diagPane struct {
	items   []diagItem
	content string // the items' text, to tell a change
	sel     int    // the selected entry: an index into the items that are diagnoses
	follow  bool   // bring the selected entry into view at the next focused draw
	focused bool   // the last draw was focused: gaining focus shows the selection
	win     window
	laid    diagLayout
}

// diagItem is one paragraph group of the list: a diagnosis and its fix, a
// remark, the verdict, or a "working…" line.
type diagItem struct {
	d       *crypto.Diagnosis // nil for anything but a diagnosis
	profile bool              // the chosen profile's problem, not the input's
	raw     bool              // one line as is, not wrapped
	paras   []diagPara
}

// diagPara is text word-wrapped with its rows after the first hanging by indent.
type diagPara struct {
	text   string
	indent int
}

// diagLayout is the list wrapped for one width, with or without the cursor's gutter.
type diagLayout struct {
	content     string
	width       int
	gutter      bool
	lines       []string
	first, last []int // per item, its first and last line
}

// refresh sets the list from the shared state: the latest analysis's
// findings and the chosen profile's problems, or that the analysis is
// still working.
func (p *diagPane) refresh(c *paneContext) {
	if c.reading > 0 {
		p.setItems([]diagItem{rawItem(c.st.Dim.Render(fmt.Sprintf("reading %d %s… (a secret_cmd may be waiting for a password manager)", c.reading, termtext.Plural(c.reading, "profile", "profiles"))))})
		return
	}
	if c.input.size() == 0 && !c.working() {
		// Nothing pasted yet is not a mistake: the input says what to paste.
		p.setItems([]diagItem{rawItem(c.st.Dim.Render("nothing to check yet: paste or type in the Input pane"))})
		return
	}
	if c.result == nil {
		p.setItems([]diagItem{rawItem(c.st.Dim.Render("working…"))})
		return
	}
	if c.working() {
		p.setItems([]diagItem{rawItem(c.st.Dim.Render("working… analysing " + report.ByteCount(c.input.size())))})
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
	p.setItems(diagnosisItems(c.result.diagnoses, c.result.remarks, problems, verdict, &c.st))
}

func rawItem(s string) diagItem { return diagItem{raw: true, paras: []diagPara{{text: s}}} }

// presentTense says what a profile does to an input that works with it.
var presentTense = map[string]string{"opened": "opens", "matched": "matches", "verified": "verifies"}

// Shows: the diagnostics are always on screen.
func (p *diagPane) Shows(Kind, *analysis) bool { return true }

// Rows draws the visible part of the list; focused, with the cursor's
// gutter and the selected diagnosis marked ▸ and highlighted.
func (p *diagPane) Rows(c *paneContext, w, h int) []string {
	l := p.layout(w, c.focused)
	p.win.height, p.win.rows = h, len(l.lines)
	sel := -1
	if c.focused {
		sel = p.selectedItem()
		p.follow = p.follow || !p.focused
	}
	p.focused = c.focused
	if p.follow && sel >= 0 {
		p.follow = false
		// The selected diagnosis's first line, and as much of it as fits.
		from, to := l.first[sel], l.last[sel]
		if to-from+1 > h || from < p.win.top {
			p.win.top = from
		} else if to >= p.win.top+h {
			p.win.top = to - h + 1
		}
	}
	from, to := p.win.visible()
	out := make([]string, 0, h)
	for i := from; i < to; i++ {
		line := l.lines[i]
		if sel >= 0 && i >= l.first[sel] && i <= l.last[sel] {
			line = c.st.Selected.Render(fit(line, w))
		}
		out = append(out, line)
	}
	return fitLines(out, w, h)
}

// layout wraps the items to width, with a two-cell gutter when focused:
// the cursor's mark goes there, so the unfocused list keeps the whole width.
func (p *diagPane) layout(width int, gutter bool) *diagLayout {
	l := &p.laid
	if l.lines != nil && l.content == p.content && l.width == width && l.gutter == gutter {
		return l
	}
	*l = diagLayout{content: p.content, width: width, gutter: gutter}
	wrapTo := width
	if gutter {
		wrapTo -= 2
	}
	sel := p.selectedItem()
	for i, it := range p.items {
		start := len(l.lines)
		for _, para := range it.paras {
			if it.raw {
				l.lines = append(l.lines, para.text)
				continue
			}
			l.lines = append(l.lines, wrapHanging(para.text, para.indent, wrapTo)...)
		}
		if gutter {
			for j := start; j < len(l.lines); j++ {
				mark := "  "
				if i == sel && j == start {
					mark = "▸ "
				}
				l.lines[j] = mark + l.lines[j]
			}
		}
		l.first, l.last = append(l.first, start), append(l.last, len(l.lines)-1)
	}
	if l.lines == nil {
		l.lines = []string{}
	}
	return l
}

// wrapHanging word-wraps text to width, its rows after the first indented:
// the first row has the whole width, the rest hang under the message.
func wrapHanging(text string, indent, width int) []string {
	wrapped := strings.SplitN(ansi.Wrap(text, max(width, 10), ""), "\n", 2)
	if len(wrapped) == 2 {
		wrapped = append(wrapped[:1], strings.Split(ansi.Wrap(unwrap(wrapped[1]), max(width-indent, 10), ""), "\n")...)
	}
	for i := 1; i < len(wrapped); i++ {
		wrapped[i] = strings.Repeat(" ", indent) + wrapped[i]
	}
	return wrapped
}

// Title counts the findings, and says when more of them than fit can be
// scrolled to (issue 13: two errors at 80x24 showed one, with no sign).
func (p *diagPane) Title(c *paneContext) (string, string) {
	return "Diagnostics" + diagSummary(c), p.win.indicator()
}

// severityWords are a severity counted in words: "2 errors, 1 warning".
var severityWords = map[crypto.Severity][2]string{
	crypto.SeverityError: {"error", "errors"},
	crypto.SeverityWarn:  {"warning", "warnings"},
	crypto.SeverityInfo:  {"note", "notes"},
}

func diagSummary(c *paneContext) string {
	if c.input.size() == 0 && !c.working() {
		return ""
	}
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

// Update moves the cursor from diagnosis to diagnosis (the list scrolls
// when there is none), pages, and opens the selected one's fix.
func (p *diagPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	n := p.entries()
	switch {
	case key.Matches(k, c.keys.Fix):
		return p.openFix(c)
	case n > 0 && key.Matches(k, c.keys.Up, c.keys.Down, c.keys.Top, c.keys.Bottom):
		p.sel = p.fromView()
		switch {
		case key.Matches(k, c.keys.Up):
			p.sel = max(p.sel-1, 0)
		case key.Matches(k, c.keys.Down):
			p.sel = min(p.sel+1, n-1)
		case key.Matches(k, c.keys.Top):
			p.sel = 0
		default:
			p.sel = n - 1
		}
		p.follow = true
		p.laid.lines = nil // the ▸ moves
		return nil
	}
	if n, ok := c.keys.scrollBy(k, p.win.height); ok {
		p.Scroll(n)
	}
	return nil
}

// fromView is the selection a move starts from: the selected entry, or the
// first one in view when the list was scrolled away from it.
func (p *diagPane) fromView() int {
	l := &p.laid
	sel := p.selectedItem()
	if sel < 0 || len(l.first) != len(p.items) {
		return p.sel
	}
	top, bottom := p.win.top, p.win.top+p.win.height-1
	if l.last[sel] >= top && l.first[sel] <= bottom {
		return p.sel
	}
	entry := 0
	for i, it := range p.items {
		if it.d == nil {
			continue
		}
		if l.first[i] >= top {
			return entry
		}
		entry++
	}
	return p.sel
}

// entries is how many items are diagnoses, which the cursor moves over.
func (p *diagPane) entries() int {
	n := 0
	for _, it := range p.items {
		if it.d != nil {
			n++
		}
	}
	return n
}

// selectedItem is the index in items of the selected diagnosis, -1 for none.
func (p *diagPane) selectedItem() int {
	entry := 0
	for i, it := range p.items {
		if it.d == nil {
			continue
		}
		if entry == p.sel {
			return i
		}
		entry++
	}
	return -1
}

// selected is the selected diagnosis, nil when the list has none.
func (p *diagPane) selected() *diagItem {
	if i := p.selectedItem(); i >= 0 {
		return &p.items[i]
	}
	return nil
}

// openFix asks the Fix pane to show the selected diagnosis's fix in code,
// or says on the status line why there is none.
func (p *diagPane) openFix(c *paneContext) tea.Cmd {
	it := p.selected()
	if it == nil {
		return c.setStatus("no diagnosis to fix", false)
	}
	code := string(it.d.Code)
	topic := fixTopic(c.result, it.d.Code, it.profile)
	if topic == "" {
		return c.setStatus(noCodeFix(*it.d), false)
	}
	return func() tea.Msg { return fixMsg{code: code, topic: topic} }
}

// noCodeFix says that a diagnosis's fix is not code, and what it is.
func noCodeFix(d crypto.Diagnosis) string {
	s := termtext.EscapeControl(string(d.Code), false) + " has no code fix"
	if d.Fix == "" {
		return s
	}
	fix, _, _ := strings.Cut(termtext.EscapeControl(d.Fix, false), ". ")
	return s + ": " + strings.TrimSuffix(fix, ".")
}

// Scroll moves the window, by at most the whole list.
func (p *diagPane) Scroll(n int) { p.win.scroll(max(min(n, p.win.rows), -p.win.rows)) }

// Copy takes the whole report: the findings are only part of the story.
func (p *diagPane) Copy(c *paneContext) (string, string) { return "the whole report", c.report() }

// Help is the diagnostics' keys.
func (p *diagPane) Help(c *paneContext) []key.Binding {
	return []key.Binding{shortKey(c.keys.Down, "select"), shortKey(c.keys.Fix, "fix in code"), shortKey(c.keys.Copy, "copy report")}
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

// diagnosisItems makes the list's items, with hanging indents: each
// diagnosis's mark, code and message, then its fix; then the UI's remarks
// and the chosen profile's problems; the verdict when there is none.
func diagnosisItems(ds []crypto.Diagnosis, remarks []string, problems []crypto.Diagnosis, verdict string, st *Styles) []diagItem {
	var items []diagItem
	write := func(d crypto.Diagnosis, prefix string) {
		it := diagItem{d: &d, profile: prefix != ""}
		it.paras = append(it.paras, diagPara{severityMark(d.Severity, st) + " " + st.Label.Render(prefix+termtext.EscapeControl(string(d.Code), false)) + " " + termtext.EscapeControl(d.Message, false), 8})
		if report.ShowsFix(d) {
			it.paras = append(it.paras, diagPara{st.Dim.Render("  fix: " + termtext.EscapeControl(d.Fix, false)), 7})
		}
		items = append(items, it)
	}
	for _, d := range ds {
		write(d, "")
	}
	for _, r := range remarks {
		items = append(items, diagItem{paras: []diagPara{{st.Dim.Render("· " + termtext.EscapeControl(r, false)), 2}}})
	}
	for _, d := range problems {
		write(d, "profile: ")
	}
	if len(items) == 0 {
		items = append(items, diagItem{paras: []diagPara{{verdict, 2}}})
	}
	return items
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

// setItems shows a new list, from its top; the selection stays on the same
// diagnosis when the new list still has it.
func (p *diagPane) setItems(items []diagItem) {
	var b strings.Builder
	for _, it := range items {
		for _, para := range it.paras {
			b.WriteString(para.text + "\n")
		}
	}
	if b.String() == p.content {
		return
	}
	var was *crypto.Diagnosis
	wasProfile := false
	if it := p.selected(); it != nil {
		was, wasProfile = it.d, it.profile
	}
	p.items, p.content = items, b.String()
	p.laid.lines = nil
	p.win.top, p.sel = 0, 0
	if was == nil {
		return
	}
	entry := 0
	for _, it := range items {
		if it.d == nil {
			continue
		}
		if it.d.Code == was.Code && it.profile == wasProfile {
			p.sel, p.follow = entry, true
			return
		}
		entry++
	}
}

// What the root asks of the pane, checked when building.
var (
	_ Pane = (*diagPane)(nil)
)
