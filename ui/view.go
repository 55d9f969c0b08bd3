package ui

import (
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	tea "charm.land/bubbletea/v2"

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
		lines = append(lines, fitLines(strings.Split(m.fullHelpView(), "\n"), m.width, body)...)
	} else {
		lines = append(lines, m.body(body)...)
	}
	lines = append(lines, m.statusLine(), fit(m.help.ShortHelpView(m.shortHelp()), m.width))
	return strings.Join(lines, "\n")
}

// body draws the panes into a grid of lines.
func (m *Model) body(height int) []string {
	l := m.layout()
	grid := make([]string, height)
	if l.wide {
		left := make([]string, 0, height)
		right := make([]string, 0, height)
		for _, p := range []paneID{paneInput, paneProfiles} {
			r := l.rects[p]
			left = append(left, m.pane(p, r.w, r.h)...)
		}
		for _, p := range m.visiblePanes() {
			if r, ok := l.rects[p]; ok && r.x > 0 {
				right = append(right, m.pane(p, r.w, r.h)...)
			}
		}
		sep := m.st.Separator.Render("│")
		for i := range grid {
			grid[i] = at(left, i, l.left) + sep + at(right, i, m.width-l.left-1)
		}
		return grid
	}
	grid = grid[:0]
	for _, p := range []paneID{paneInput, m.detail(), paneDiag} {
		r := l.rects[p]
		grid = append(grid, m.pane(p, r.w, r.h)...)
	}
	return grid
}

func at(lines []string, i, width int) string {
	if i < len(lines) {
		return lines[i]
	}
	return strings.Repeat(" ", width)
}

// pane renders one pane: its title row and body, exactly w by h.
func (m *Model) pane(p paneID, w, h int) []string {
	focused := m.focus == p || p == paneInput && (m.focus == paneExpected || m.focus == paneHeader)
	bh := h - 1
	if bh <= 0 {
		title, right := m.title(p)
		return []string{m.titleRow(title, right, w, focused)}[:max(h, 0)]
	}
	// The body first: drawing it sets the scroll window the title reports.
	var rows []string
	switch p {
	case paneInput:
		rows = m.inputRows(w, bh)
	case paneProfiles:
		rows = m.profileRows(w, bh)
	case paneSplit:
		rows = m.split.rows(&m.st, w, bh)
	case panePlain:
		rows = m.plain.rows(&m.st, w, bh, m.plainWhy())
	case paneDigest:
		rows = m.digestPaneRows(w, bh)
	case paneRequest:
		rows = m.request.rows(&m.st, w, bh)
	case paneDiag:
		rows = m.diag.rows(w, bh)
	}
	title, right := m.title(p)
	return append([]string{m.titleRow(title, right, w, focused)}, rows...)
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

// title is a pane's title and its right-hand note.
func (m *Model) title(p paneID) (string, string) {
	a := m.result
	switch p {
	case paneInput:
		how := "detected"
		if m.override != KindAuto {
			how = "override, ctrl+k"
		}
		return fmt.Sprintf("Input · %s (%s) · %s", m.kind, how, byteCount(len(m.input.data))), m.input.view.win.indicator()
	case paneProfiles:
		t := fmt.Sprintf("Profiles · %d", len(m.profiles.rows))
		if q := m.profiles.filter.Value(); q != "" {
			t += fmt.Sprintf(" · %d match %q", len(m.profiles.visible()), termtext.EscapeControl(q, false))
		}
		if m.narrow() {
			return m.detailTabs(), ""
		}
		return t, ""
	case paneSplit:
		t := "Split"
		if s := m.split.split; s != nil {
			t = fmt.Sprintf("Split · %d B = IV %d + ciphertext %d + tag %d", len(m.split.sealed), len(s.IV.Bytes), len(s.Ciphertext.Bytes), len(s.Tag.Bytes))
		}
		if m.narrow() {
			t = m.detailTabs()
		}
		return t, m.split.win.indicator()
	case panePlain:
		t := "Plaintext"
		if a != nil && a.plainKind != PlainNone {
			t += " · " + a.plainWhat + " · " + [...]string{"", "JSON", "text", "binary"}[a.plainKind] + " · " + byteCount(m.plain.size)
		}
		if m.narrow() {
			t = m.detailTabs()
		}
		return t, m.plain.indicator()
	case paneDigest:
		t := "Digest · " + m.digestTitle()
		if m.narrow() {
			t = m.detailTabs()
		}
		return t, m.digest.indicator()
	case paneRequest:
		t := "Request"
		if r := m.request.text; r != nil {
			t += " · " + termtext.EscapeControl(r.summary, false)
		}
		if m.narrow() {
			t = m.detailTabs()
		}
		return t, m.request.win.indicator()
	case paneDiag:
		return "Diagnostics" + m.diagSummary(), ""
	}
	return paneNames[p], ""
}

func (m *Model) narrow() bool { return m.width < wideFrom }

// detailTabs is the narrow layout's title for the shared slot: every detail
// pane of the kind, the shown one in brackets.
func (m *Model) detailTabs() string {
	var parts []string
	for _, p := range m.visiblePanes() {
		if p == paneInput || p == paneExpected || p == paneHeader || p == paneDiag {
			continue
		}
		name := paneNames[p]
		if p == m.detail() {
			name = "[" + name + "]"
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, " ") + "  (tab)"
}

func (m *Model) diagSummary() string {
	if m.result == nil || m.working() {
		return " · working…"
	}
	counts := map[crypto.Severity]int{}
	for _, d := range m.result.diagnoses {
		counts[d.Severity]++
	}
	var parts []string
	for _, s := range []crypto.Severity{crypto.SeverityError, crypto.SeverityWarn, crypto.SeverityInfo} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " · " + strings.Join(parts, ", ")
}

// plainWhy says why there is no plaintext.
func (m *Model) plainWhy() string {
	switch {
	case m.result == nil || m.pending:
		return "working…"
	case len(m.input.data) == 0:
		return "paste a sealed user to see what is inside"
	case m.result.capture != nil && m.result.capture.JWT != nil:
		return "nothing decoded: the token is malformed (see Diagnostics)"
	}
	return "nothing decrypted: no profile opens it (see Diagnostics)"
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
	case len(m.input.data) == 0:
		return m.st.Dim.Render("waiting for a paste")
	}
	w := m.worked()
	if w >= 0 && a.ok {
		return m.st.Good.Render("✓ " + a.verb + " by " + termtext.EscapeControl(m.secrets[w].Name, false))
	}
	if chosen := m.ring.Find(m.chosen); w >= 0 && chosen >= 0 && w != chosen {
		return m.st.Bad.Render("✗ " + a.verb + " by " + termtext.EscapeControl(m.secrets[w].Name, false) + ", not the chosen")
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
	return fit(style.Render(m.status), m.width)
}
