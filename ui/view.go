package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sealpeek/sealpeek/crypto"
)

// View renders the whole screen in the alternate screen, with the mouse
// wheel on.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "sealpeek"
	return v
}

// Render is the screen's content: exactly height lines of width cells.
func (m *Model) Render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		return strings.Join(fitLines([]string{fmt.Sprintf("sealpeek needs at least %dx%d; this terminal is %dx%d", minWidth, minHeight, m.width, m.height)}, m.width, m.height), "\n")
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.headerLine())
	body := m.height - 3
	if m.fullHelp {
		// On a short terminal the help scrolls: its last row says how.
		help := strings.Split(m.fullHelpView(), "\n")
		m.helpWin.rows, m.helpWin.height = len(help), body
		if len(help) > body {
			m.helpWin.height = body - 1
		}
		from, to := m.helpWin.visible()
		shown := help[from:to]
		if len(help) > body {
			shown = append(slices.Clip(shown), m.st.Dim.Render(m.helpWin.indicator()+" · ↑/↓ pgup/pgdn scroll · any other key closes"))
		}
		lines = append(lines, fitLines(shown, m.width, body)...)
	} else {
		lines = append(lines, m.body(body)...)
	}
	lines = append(lines, m.statusLine(), fit(m.helpBar(), m.width))
	return strings.Join(lines, "\n")
}

// body draws the panes into a grid of lines.
func (m *Model) body(height int) []string {
	l := m.layout()
	grid := make([]string, height)
	if l.wide {
		left := make([]string, 0, height)
		right := make([]string, 0, height)
		for _, p := range m.visiblePanes() {
			if r, ok := l.rects[p]; ok && r.x == 0 {
				left = append(left, m.pane(p, r.w, r.h)...)
			} else if ok {
				right = append(right, m.pane(p, r.w, r.h)...)
			}
		}
		sep := m.st.Separator.Render("│")
		for i := range grid {
			grid[i] = lineAt(left, i, l.left) + sep + lineAt(right, i, m.width-l.left-1)
		}
		return grid
	}
	grid = grid[:0]
	for _, p := range []paneID{m.inSlot(slotInput), m.detail(), m.inSlot(slotDiag)} {
		r := l.rects[p]
		grid = append(grid, m.pane(p, r.w, r.h)...)
	}
	return grid
}

// lineAt is line i of lines, or blanks of width past their end.
func lineAt(lines []string, i, width int) string {
	if i < len(lines) {
		return lines[i]
	}
	return strings.Repeat(" ", width)
}

// pane renders one pane: its title row and body, exactly w by h. In the
// narrow layout the detail slot's title lists the panes that share it.
func (m *Model) pane(p paneID, w, h int) []string {
	e, c := m.panes[p], m.context(p)
	bh := h - 1
	var rows []string
	if bh > 0 {
		rows = e.pane.Rows(c, w, bh) // first: drawing sets the scroll window the title reports
	}
	title, right := e.pane.Title(c)
	if m.narrow() && (e.slot == slotProfiles || e.slot == slotResult) {
		title = m.detailTabs()
	}
	if bh <= 0 {
		return []string{m.titleRow(title, right, w, c.focused)}[:max(h, 0)]
	}
	return append([]string{m.titleRow(title, right, w, c.focused)}, rows...)
}

// titleRow is a pane's title bar: a focus mark, the title and, at the
// right, where it is scrolled to.
func (m *Model) titleRow(title, right string, w int, focused bool) string {
	mark := "  "
	style := m.st.Title
	if focused {
		mark, style = "▸ ", m.st.TitleFocused
	}
	left := mark + title
	if right != "" {
		room := w - len([]rune(right)) - 1
		left = fit(left, max(room, 0)) + " " + right
	}
	return style.Render(fit(left, w))
}

func (m *Model) narrow() bool { return m.width < wideFrom }

// detailTabs is the narrow layout's title for the shared slot: every detail
// pane of the kind, the shown one in brackets.
func (m *Model) detailTabs() string {
	var parts []string
	for _, p := range m.visiblePanes() {
		if s := m.panes[p].slot; s != slotProfiles && s != slotResult {
			continue
		}
		name := m.panes[p].name
		if p == m.detail() {
			name = "[" + name + "]"
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, " ") + "  (tab)"
}

// headerLine is the top line: what is being looked at, with which profile,
// and the verdict.
func (m *Model) headerLine() string {
	left := m.st.Header.Render("sealpeek")
	if i := m.ring.Find(m.chosen); i >= 0 {
		left += " · profile " + termtext.EscapeControl(m.secrets[i].Name, false)
	} else {
		left += fmt.Sprintf(" · no profile chosen, %d tried", len(m.secrets))
	}
	if m.sample >= 0 {
		left += fmt.Sprintf(" · demo %d/%d: %s", m.sample+1, len(m.samples), termtext.EscapeControl(m.samples[m.sample].Name, false))
	}
	right := m.verdict()
	room := m.width - len([]rune(stripStyle(right))) - 1
	return fit(fit(left, max(room, 0))+" "+right, m.width)
}

// verdict is the one-glance result: what worked and with which profile,
// else the most important finding.
func (m *Model) verdict() string {
	a := m.result
	switch {
	case a == nil || m.working():
		return m.st.Dim.Render("working…")
	case m.input.size() == 0:
		return m.st.Dim.Render("waiting for a paste")
	}
	w := m.worked()
	if w >= 0 && a.ok {
		return m.st.Good.Render("✓ " + a.verb + " by " + termtext.EscapeControl(m.secrets[w].Name, false))
	}
	if chosen := m.ring.Find(m.chosen); w >= 0 && chosen >= 0 && w != chosen {
		return m.st.Bad.Render("✗ " + a.verb + " by " + termtext.EscapeControl(m.secrets[w].Name, false) + ", not by the chosen profile")
	}
	for _, d := range a.diagnoses {
		switch d.Severity {
		case crypto.SeverityError:
			return m.st.Bad.Render("✗ " + termtext.EscapeControl(string(d.Code), false))
		case crypto.SeverityWarn:
			return m.st.Warn.Render("! " + termtext.EscapeControl(string(d.Code), false))
		}
	}
	if a.digest != nil && a.digest.Match == nil {
		return m.st.Dim.Render("computed; no expected digest to compare")
	}
	return m.st.Dim.Render("no verdict")
}

// shortHelp is the help bar for the focused pane, in few words.
func (m *Model) shortHelp() []key.Binding {
	k := &m.keys
	bs := []key.Binding{shortKey(k.Next, "next pane")}
	bs = append(bs, m.panes[m.focus].pane.Help(m.context(m.focus))...)
	bs = append(bs, shortKey(k.CopyReport, "report"))
	if len(m.samples) > 0 {
		bs = append(bs, shortKey(k.Sample, "sample"))
	}
	return append(bs, m.helpAndQuit()...)
}

// helpAndQuit are the keys that always work, as they work where focus is:
// where a key types text, '?' and 'q' are text, so only f1 and ctrl+c are
// shown there.
func (m *Model) helpAndQuit() []key.Binding {
	k := &m.keys
	if m.typing() {
		return []key.Binding{
			key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help")),
			key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		}
	}
	return []key.Binding{shortKey(k.Help, "help"), shortKey(k.Quit, "quit")}
}

// typing reports whether the focused pane takes printable keys as text.
func (m *Model) typing() bool {
	q := tea.KeyPressMsg{Code: 'q', Text: "q"}
	return m.panes[m.focus].pane.Captures(m.context(m.focus), q)
}

// helpBar is the short help, cut from the middle so that help and quit
// always show, however narrow the terminal.
func (m *Model) helpBar() string {
	if m.fullHelp {
		// Over the full help, what closes or scrolls it, not a pane's keys.
		bs := []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("any key", "close help"))}
		if m.helpWin.rows > m.helpWin.height {
			bs = append([]key.Binding{key.NewBinding(key.WithKeys("down"), key.WithHelp("↑/↓ pgup/pgdn", "scroll"))}, bs...)
		}
		return m.help.ShortHelpView(bs)
	}
	bs := m.shortHelp()
	keep := m.helpAndQuit()
	head := bs[:len(bs)-len(keep)]
	h := m.help
	h.SetWidth(0) // measured whole: the help model would cut it with "…"
	for len(head) > 0 && ansi.StringWidth(h.ShortHelpView(append(slices.Clip(head), keep...))) > m.width {
		head = head[:len(head)-1]
	}
	return h.ShortHelpView(append(slices.Clip(head), keep...))
}

// fullHelpView lays the full key map out in as many bands of columns as
// the width needs.
func (m *Model) fullHelpView() string {
	h := m.help
	h.SetWidth(0) // measure untruncated; the bands fit the width instead
	var bands []string
	var band [][]key.Binding
	for _, g := range m.keys.fullHelpGroups() {
		if len(band) > 0 && blockWidth(h.FullHelpView(append(band, g))) > m.width {
			bands = append(bands, h.FullHelpView(band))
			band = nil
		}
		band = append(band, g)
	}
	bands = append(bands, h.FullHelpView(band))
	return strings.Join(bands, "\n\n")
}

// blockWidth is the width of the widest line of s.
func blockWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

func (m *Model) statusLine() string {
	if m.status == "" {
		hint := "paste a payload (bracketed paste is instant)"
		if len(m.samples) > 0 {
			hint += " · ctrl+n for the next demo sample"
		}
		return fit(m.st.Dim.Render(hint), m.width)
	}
	style := m.st.Status
	if m.statusErr {
		style = m.st.StatusError
	}
	return fit(style.Render(termtext.EscapeControl(m.status, false)), m.width)
}
