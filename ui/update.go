package ui

import (
	"fmt"
	"slices"
	"time"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// statusExpiredMsg clears the status line if nothing newer replaced it.
type statusExpiredMsg struct{ id int }

// statusFor is how long a transient message stays.
const statusFor = 6 * time.Second

// Update routes a message: results and sizes to the root, keys to the
// focused pane, pastes to the input (or the field being typed in).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.setStyles(msg.IsDark())
		return m, nil
	case analysisMsg:
		return m, m.finished(msg.analysis)
	case profilesReadMsg:
		return m, m.profilesRead(msg.resolved)
	case savedMsg:
		return m, m.saved(msg)
	case CopiedMsg:
		return m, m.setStatus(msg.Status(), msg.Err != nil)
	case statusExpiredMsg:
		if msg.id == m.statusID {
			m.status, m.statusErr = "", false
		}
		return m, nil
	case tea.PasteMsg:
		return m, m.paste(normalizeNewlines(msg.Content))
	case tea.MouseWheelMsg:
		m.wheel(msg)
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	for id, e := range m.panes {
		if r, ok := e.pane.(receiver); ok {
			if cmd, mine := r.receive(m.context(paneID(id)), msg); mine {
				return m, cmd
			}
		}
	}
	// Other messages (a field's cursor blink) are the focused pane's.
	return m, m.panes[m.focus].pane.Update(m.context(m.focus), msg)
}

// resize lays the screen out for a terminal of width by height.
func (m *Model) resize(width, height int) {
	m.width, m.height = width, height
	m.help.SetWidth(width)
	// The input wraps to its pane now, not at the next frame: the keys
	// that move its cursor by rows work on the rows it will show.
	if r, ok := m.layout().rects[paneInput]; ok {
		m.input.setWidth(r.w)
	}
}

func (m *Model) setStatus(s string, isErr bool) tea.Cmd {
	m.statusID++
	m.status, m.statusErr = s, isErr
	id := m.statusID
	return m.after(statusFor, func(time.Time) tea.Msg { return statusExpiredMsg{id} })
}

// paste sends pasted text to the field being typed in, else to the input.
func (m *Model) paste(text string) tea.Cmd {
	if n := refusedPasteSize(text); n >= 0 {
		// Refused by the PasteGuard as it arrived.
		return m.setStatus(fmt.Sprintf("the paste is %s, more than the %s sealpeek reads as one input: paste only the request or value to inspect (the input is unchanged)",
			report.ByteCount(n), report.ByteCount(termtext.MaxInputSize)), true)
	}
	if len(text) > termtext.MaxInputSize {
		// Refused whole, before any field or pane takes it, so what was there
		// stays, and nothing of a 64 MiB paste is kept or analysed.
		return m.setStatus(fmt.Sprintf("the paste is %s, more than the %s sealpeek reads as one input: paste only the request or value to inspect (the input is unchanged)",
			report.ByteCount(len(text)), report.ByteCount(termtext.MaxInputSize)), true)
	}
	msg := tea.PasteMsg{Content: text}
	if p, c := m.panes[m.focus].pane, m.context(m.focus); p.Captures(c, msg) {
		return p.Update(c, msg)
	}
	replaced := m.input.paste(text)
	m.sample = -1
	m.override = KindAuto
	status := "pasted " + report.ByteCount(len(text))
	if replaced {
		status += "; replaced the previous paste (ctrl+z brings it back)"
	}
	return tea.Batch(m.setStatus(status, false), m.reanalyze())
}

// key handles a key press: what the focused pane captures first (text
// typed into it, every key while a form is open), then the global
// bindings, then the focused pane's own keys.
func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "ctrl+c" {
		return tea.Quit
	}
	if m.fullHelp {
		// The arrows and page keys scroll a help taller than the screen;
		// any other key closes it.
		if n, ok := m.keys.scrollBy(k, m.helpWin.height); ok && m.helpWin.rows > m.helpWin.height {
			m.helpWin.scroll(n)
			return nil
		}
		m.fullHelp = false
		return nil
	}
	p, c := m.panes[m.focus].pane, m.context(m.focus)
	if p.Captures(c, k) {
		return p.Update(c, k)
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return tea.Quit
	case key.Matches(k, m.keys.Next):
		return m.cycleFocus(1)
	case key.Matches(k, m.keys.Prev):
		return m.cycleFocus(-1)
	case key.Matches(k, m.keys.Help):
		m.fullHelp, m.helpWin.top = true, 0
	case key.Matches(k, m.keys.Copy):
		return m.copyFocused()
	case key.Matches(k, m.keys.CopyReport):
		return m.clip.Copy("the whole report", m.shared.report())
	case key.Matches(k, m.keys.Clear):
		return m.clearInput()
	case key.Matches(k, m.keys.Trim):
		if n := m.input.trim(); n > 0 {
			return tea.Batch(m.setStatus("trimmed "+itoa(n)+" bytes of surrounding whitespace", false), m.reanalyze())
		}
		return m.setStatus("nothing to trim", false)
	case key.Matches(k, m.keys.Undo):
		if m.input.restore() {
			return tea.Batch(m.setStatus("restored the previous input", false), m.reanalyze())
		}
		return m.setStatus("nothing to restore", false)
	case key.Matches(k, m.keys.Kind):
		return m.cycleKind()
	case key.Matches(k, m.keys.Header):
		return m.focusHeader()
	case key.Matches(k, m.keys.Sample):
		return m.nextSample()
	case key.Matches(k, m.keys.Send):
		return m.send.toggle(m.context(paneSend))
	default:
		return p.Update(c, k)
	}
	return nil
}

// inputEdited analyses the input again after it was typed into: it is no
// longer the demo sample.
func (m *Model) inputEdited() tea.Cmd {
	m.sample = -1
	return m.reanalyze()
}

// copyValue copies a value, saying so on the status line.
func (m *Model) copyValue(what, text string) tea.Cmd { return m.clip.Copy(what, text) }

// copyFocused copies the focused pane's value.
func (m *Model) copyFocused() tea.Cmd {
	e := m.panes[m.focus]
	what, text := e.pane.Copy(m.context(m.focus))
	if text == "" {
		return m.setStatus("nothing to copy in "+e.name+" yet", false)
	}
	return m.clip.Copy(what, text)
}

// focusHeader moves to the signature header field, where the kind has one.
func (m *Model) focusHeader() tea.Cmd {
	if !slices.Contains(m.visiblePanes(), paneHeader) {
		return m.setStatus("a signature header is given with a signed body or request (JSON, HTTP, headers, cURL); this input is read as "+m.kind.String()+", which has none (ctrl+k changes what it is read as)", false)
	}
	if m.focus == paneHeader {
		return m.setFocus(paneInput)
	}
	return m.setFocus(paneHeader)
}

func (m *Model) clearInput() tea.Cmd {
	if m.input.size() == 0 {
		return m.setStatus("the input is already empty", false)
	}
	n := m.input.size()
	m.input.startOver(nil, false)
	m.override, m.sample = KindAuto, -1
	return tea.Batch(m.setStatus("cleared "+report.ByteCount(n)+" (ctrl+z brings it back)", false), m.reanalyze())
}

func (m *Model) cycleKind() tea.Cmd {
	detected := DetectKind(m.input.head())
	m.override = (m.override + 1) % Kind(len(kindNames))
	if m.override == detected {
		// Reading it as what it was detected as changes nothing.
		m.override = (m.override + 1) % Kind(len(kindNames))
	}
	cmd := m.reanalyze()
	if m.override == KindAuto {
		return tea.Batch(cmd, m.setStatus("kind: detected as "+m.kind.String(), false))
	}
	return tea.Batch(cmd, m.setStatus("kind: "+m.kind.String()+" (override; ctrl+k again for the next, until auto)", false))
}

func (m *Model) nextSample() tea.Cmd {
	if len(m.samples) == 0 {
		return m.setStatus("no demo samples here: start 'sealpeek --demo' to see every pane at work", false)
	}
	m.loadSample((m.sample + 1) % len(m.samples))
	s := m.samples[m.sample]
	return tea.Batch(m.reanalyze(), m.setStatus("sample "+itoa(m.sample+1)+"/"+itoa(len(m.samples))+": "+termtext.EscapeControl(s.Description, false), false))
}

// detail is the pane the narrow layout shows between the input and the
// diagnostics: the focused one, else the kind's main result pane.
func (m *Model) detail() paneID {
	if s := m.panes[m.focus].slot; s == slotProfiles || s == slotResult {
		return m.focus
	}
	best, rank := paneProfiles, 0
	for _, p := range m.visiblePanes() {
		if e := m.panes[p]; e.detail > 0 && (rank == 0 || e.detail < rank) {
			best, rank = p, e.detail
		}
	}
	return best
}

// visiblePanes is the focus order of the panes the current input shows:
// of the result panes, only a covering one while it covers.
func (m *Model) visiblePanes() []paneID {
	a := m.shownResult()
	var ps []paneID
	cover := paneID(-1)
	for id, e := range m.panes {
		if e.pane.Shows(m.kind, a) {
			ps = append(ps, paneID(id))
			if c, ok := e.pane.(coveringPane); ok && c.covers() && e.slot == slotResult {
				cover = paneID(id)
			}
		}
	}
	if cover >= 0 {
		ps = slices.DeleteFunc(ps, func(p paneID) bool { return m.panes[p].slot == slotResult && p != cover })
	}
	return ps
}

func (m *Model) cycleFocus(step int) tea.Cmd {
	panes := m.visiblePanes()
	i := slices.Index(panes, m.focus)
	return m.setFocus(panes[(i+step+len(panes))%len(panes)])
}

// focusOn moves focus to p when it is on screen, else off any pane that
// is not (a pane that just closed).
func (m *Model) focusOn(p paneID) tea.Cmd {
	if !slices.Contains(m.visiblePanes(), p) {
		m.ensureFocusVisible()
		return nil
	}
	return m.setFocus(p)
}

func (m *Model) setFocus(p paneID) tea.Cmd {
	for _, e := range m.panes {
		if f, ok := e.pane.(focuser); ok {
			f.blur()
		}
	}
	m.focus = p
	if f, ok := m.panes[p].pane.(focuser); ok {
		return f.focus()
	}
	return nil
}

// ensureFocusVisible moves focus off a pane the new kind does not show.
func (m *Model) ensureFocusVisible() {
	panes := m.visiblePanes()
	if !slices.Contains(panes, m.focus) {
		m.setFocus(paneInput)
	}
}

// wheel scrolls the pane under the pointer.
func (m *Model) wheel(msg tea.MouseWheelMsg) {
	mouse := msg.Mouse()
	n := 0
	switch mouse.Button {
	case tea.MouseWheelUp:
		n = -3
	case tea.MouseWheelDown:
		n = 3
	default:
		return
	}
	for p, r := range m.layout().rects {
		if mouse.X >= r.x && mouse.X < r.x+r.w && mouse.Y >= r.y && mouse.Y < r.y+r.h {
			m.panes[p].pane.Scroll(n)
			return
		}
	}
}
