package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
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
	return m, m.forwardToField(msg)
}

// resize lays the screen out for a terminal of width by height.
func (m *Model) resize(width, height int) {
	m.width, m.height = width, height
	m.help.SetWidth(width)
	m.refreshDiag() // its text is wrapped to the width
}

// forwardToField gives other messages (cursor blinks) to the text field
// being typed in.
func (m *Model) forwardToField(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.field() != nil:
		*m.field(), cmd = m.field().Update(msg)
	case m.focus == paneProfiles && m.profiles.form != nil:
		f := m.profiles.form
		f.fields[f.focus], cmd = f.fields[f.focus].Update(msg)
	case m.focus == paneProfiles && m.profiles.filtering:
		m.profiles.filter, cmd = m.profiles.filter.Update(msg)
	}
	return cmd
}

func (m *Model) setStatus(s string, isErr bool) tea.Cmd {
	m.statusID++
	m.status, m.statusErr = s, isErr
	id := m.statusID
	return m.after(statusFor, func(time.Time) tea.Msg { return statusExpiredMsg{id} })
}

// field is the input pane's text field being typed in (the expected
// digest or the signature header), or nil.
func (m *Model) field() *textinput.Model {
	switch m.focus {
	case paneExpected:
		return &m.input.expected
	case paneHeader:
		return &m.input.header
	}
	return nil
}

// editField gives a message to the focused input field and analyses again
// when its value changed.
func (m *Model) editField(msg tea.Msg) tea.Cmd {
	f := m.field()
	before := f.Value()
	var cmd tea.Cmd
	*f, cmd = f.Update(msg)
	if f.Value() != before {
		return tea.Batch(cmd, m.reanalyze())
	}
	return cmd
}

// paste sends pasted text to the field being typed in, else to the input.
func (m *Model) paste(text string) tea.Cmd {
	if len(text) > termtext.MaxInputSize {
		// Refused whole, before any field or pane takes it, so what was there
		// stays, and nothing of a 64 MiB paste is kept or analysed.
		return m.setStatus(fmt.Sprintf("the paste is %s, more than the %s sealpeek reads as one input: paste only the request or value to inspect (the input is unchanged)",
			byteCount(len(text)), byteCount(termtext.MaxInputSize)), true)
	}
	if m.field() != nil {
		return m.editField(tea.PasteMsg{Content: text})
	}
	if m.focus == paneProfiles && (m.profiles.form != nil || m.profiles.filtering) {
		return m.forwardToField(tea.PasteMsg{Content: text})
	}
	replaced := m.input.paste(text, m.held())
	m.sample = -1
	m.override = KindAuto
	msg := "pasted " + byteCount(len(text))
	if replaced {
		msg += "; replaced the previous paste (ctrl+z brings it back)"
	}
	return tea.Batch(m.setStatus(msg, false), m.reanalyze())
}

// isText reports whether a key is text to type rather than a command.
func isText(k tea.KeyPressMsg) bool {
	return k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper) == 0
}

// key handles a key press: modal fields first, then text being typed, then
// the global bindings, then the focused pane's own keys.
func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "ctrl+c" {
		return tea.Quit
	}
	if m.fullHelp {
		m.fullHelp = false
		return nil
	}
	if m.focus == paneProfiles && m.profiles.form != nil {
		return m.formKey(k)
	}
	if m.focus == paneProfiles && m.profiles.filtering {
		return m.filterKey(k)
	}
	// Printable keys ('?', 'y', 'q'…) are text in a field; f1 and ctrl keys are not.
	global := key.Matches(k, m.keys.Next, m.keys.Prev, m.keys.Cancel) ||
		!isText(k) && key.Matches(k, m.keys.Help, m.keys.Copy, m.keys.CopyReport, m.keys.Kind, m.keys.Sample, m.keys.Trim, m.keys.Undo, m.keys.Header)
	switch {
	case m.field() != nil && !global:
		return m.editField(k)
	case m.focus == paneInput && (isText(k) || k.String() == "enter" || k.String() == "backspace"):
		if m.input.typeKey(k, m.held()) {
			m.sample = -1
			return m.reanalyze()
		}
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return tea.Quit
	case key.Matches(k, m.keys.Next):
		return m.cycleFocus(1)
	case key.Matches(k, m.keys.Prev):
		return m.cycleFocus(-1)
	case key.Matches(k, m.keys.Help):
		m.fullHelp = true
	case key.Matches(k, m.keys.Copy):
		return m.copyFocused()
	case key.Matches(k, m.keys.CopyReport):
		return m.clip.Copy("the whole report", m.report())
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
	default:
		return m.paneKey(k)
	}
	return nil
}

// focusHeader moves to the signature header field, where the kind has one.
func (m *Model) focusHeader() tea.Cmd {
	if !slices.Contains(m.visiblePanes(), paneHeader) {
		return m.setStatus("a signature header is given with a body or a request (JSON, form, HTTP, headers, cURL); this input is read as "+m.kind.String()+" (ctrl+k changes that)", false)
	}
	if m.focus == paneHeader {
		return m.setFocus(paneInput)
	}
	return m.setFocus(paneHeader)
}

func (m *Model) clearInput() tea.Cmd {
	if len(m.input.data) == 0 {
		return m.setStatus("the input is already empty", false)
	}
	n := len(m.input.data)
	m.input.replace(nil, false)
	m.override, m.sample = KindAuto, -1
	return tea.Batch(m.setStatus("cleared "+byteCount(n)+" (ctrl+z brings it back)", false), m.reanalyze())
}

func (m *Model) cycleKind() tea.Cmd {
	m.override = (m.override + 1) % Kind(len(kindNames))
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
	switch m.focus {
	case paneProfiles, paneSplit, panePlain, paneDigest, paneRequest:
		return m.focus
	}
	rp := m.resultPanes()
	switch {
	case rp.split:
		return paneSplit
	case rp.plain:
		return panePlain // a JWT's claims
	case rp.digest:
		return paneDigest
	case rp.request:
		return paneRequest
	}
	return paneProfiles
}

// resultPanes is what the latest analysis of this kind shows, or what the
// kind usually shows until it arrives.
func (m *Model) resultPanes() resultPanes {
	if m.result != nil && m.result.kind == m.kind {
		return m.result.panes()
	}
	return guessPanes(m.kind)
}

// visiblePanes is the focus order of the panes the current input shows.
func (m *Model) visiblePanes() []paneID { return panesFor(m.kind, m.resultPanes()) }

func (m *Model) cycleFocus(step int) tea.Cmd {
	panes := m.visiblePanes()
	i := slices.Index(panes, m.focus)
	return m.setFocus(panes[(i+step+len(panes))%len(panes)])
}

func (m *Model) setFocus(p paneID) tea.Cmd {
	m.input.expected.Blur()
	m.input.header.Blur()
	m.profiles.filter.Blur()
	m.focus = p
	if f := m.field(); f != nil {
		f.CursorEnd() // a sample shows where its digest starts; typing goes at the end
		return f.Focus()
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

// paneKey handles the keys that belong to the focused pane.
func (m *Model) paneKey(k tea.KeyPressMsg) tea.Cmd {
	if m.focus == paneProfiles {
		return m.profilesKey(k)
	}
	if m.focus == paneSplit {
		switch {
		case key.Matches(k, m.keys.CopyIV):
			return m.copyPart("IV")
		case key.Matches(k, m.keys.CopyTag):
			return m.copyPart("tag")
		case key.Matches(k, m.keys.CopyCiphertext):
			return m.copyPart("ciphertext")
		}
	}
	if n, ok := m.scrollAmount(k); ok {
		m.scrollPane(m.focus, n)
	}
	return nil
}

// bigScroll stands for "to the end" in scroll amounts.
const bigScroll = 1 << 30

func (m *Model) scrollAmount(k tea.KeyPressMsg) (int, bool) {
	page := max(m.pageSize(m.focus), 1)
	switch {
	case key.Matches(k, m.keys.Up):
		return -1, true
	case key.Matches(k, m.keys.Down):
		return 1, true
	case key.Matches(k, m.keys.PageUp):
		return -page, true
	case key.Matches(k, m.keys.PageDown):
		return page, true
	case key.Matches(k, m.keys.Top):
		return -bigScroll, true
	case key.Matches(k, m.keys.Bottom):
		return bigScroll, true
	}
	return 0, false
}

func (m *Model) pageSize(p paneID) int {
	switch p {
	case paneInput:
		return m.input.view.win.height
	case paneSplit:
		return m.split.win.height
	case panePlain:
		return m.plain.page()
	case paneRequest:
		return m.request.win.height
	case paneDigest:
		return m.digest.height
	case paneDiag:
		return m.diag.vp.Height()
	}
	return 1
}

func (m *Model) scrollPane(p paneID, n int) {
	switch p {
	case paneInput, paneExpected, paneHeader:
		m.input.view.win.scroll(n)
	case paneRequest:
		m.request.win.scroll(n)
	case paneDigest:
		m.digest.scroll(n)
	case paneSplit:
		m.split.win.scroll(n)
	case panePlain:
		m.plain.scroll(n)
	case paneDiag:
		if n < 0 {
			m.diag.vp.ScrollUp(min(-n, m.diag.vp.TotalLineCount()))
		} else {
			m.diag.vp.ScrollDown(min(n, m.diag.vp.TotalLineCount()))
		}
	case paneProfiles:
		m.profiles.move(max(min(n, len(m.profiles.rows)), -len(m.profiles.rows)))
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
			m.scrollPane(p, n)
			return
		}
	}
}

// normalizeNewlines turns the carriage returns terminals send for pasted
// line breaks back into '\n'. A terminal turns each '\n' of the clipboard
// into '\r', so text copied with CRLF line ends (an HTTP request from an
// inspector) arrives with every break doubled, and a request's head may be
// CRLF while its body is not: the head (up to the blank line) and the body
// are each read on their own. Byte-exact input (a body whose signature
// covers its CRLFs) should come from a FILE, which is read untouched.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	if strings.Contains(s, "\n") {
		return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if blank := strings.Index(s, "\r\r\r\r"); blank >= 0 && everyCRRunIsEven(s[:blank]) {
		end := blank
		for end < len(s) && s[end] == '\r' {
			end++
		}
		return strings.ReplaceAll(s[:blank], "\r\r", "\n") + strings.Repeat("\n", (end-blank)/2) + pastedCRs(s[end:])
	}
	return pastedCRs(s)
}

// pastedCRs turns a paste's carriage returns into line breaks: pairs when
// every run is even (CRLF text), else each one.
func pastedCRs(s string) string {
	if everyCRRunIsEven(s) {
		return strings.ReplaceAll(s, "\r\r", "\n")
	}
	return strings.ReplaceAll(s, "\r", "\n")
}

// everyCRRunIsEven reports whether every run of consecutive '\r' in s has
// an even length.
func everyCRRunIsEven(s string) bool {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] == '\r' {
			run++
			continue
		}
		if run%2 != 0 {
			return false
		}
		run = 0
	}
	return true
}
