package ui

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// inputPane holds what the user pasted, as bytes, the expected digest and
// the signature header given with a body. It shows a window of the wrapped
// input; only the two short fields are textinputs, each a pane of its own
// (fieldPane) drawn at the top of this one. The input is shared state: the
// root pastes, clears, trims and restores it (keys that work from any
// pane), and analyses it; this pane takes what is typed into it.
type inputPane struct {
	data      []byte // bytes up to len are never written to: edits append past them or make a new slice
	owned     bool   // data's array was made by appendBytes, so nothing but analyses shares it
	view      textView
	lastPaste bool   // the input is exactly one paste, so the next paste replaces it
	undo      []byte // what the last clear or replacing paste removed
	hasUndo   bool
	expected  textinput.Model
	header    textinput.Model // "Name: value", for a body pasted without its headers
}

func newInputPane(data []byte, expected string) inputPane {
	ti := textinput.New()
	ti.Prompt = "expected user_hash: "
	ti.Placeholder = "the digest your app sent (64 hex)"
	ti.CharLimit = 512
	ti.SetValue(expected)
	hi := textinput.New()
	hi.Prompt = "signature header: "
	hi.Placeholder = "none (a body's, e.g. X-Hub-Signature: sha1=…)"
	hi.CharLimit = 1024
	p := inputPane{data: data[:len(data):len(data)], expected: ti, header: hi, lastPaste: len(data) > 0}
	p.view.setText(p.data, false)
	return p
}

// setWidth wraps the input to the pane's width.
func (p *inputPane) setWidth(w int) {
	p.view.setWidth(w)
	p.expected.SetWidth(max(w-len(p.expected.Prompt)-1, 8))
	p.header.SetWidth(max(w-len(p.header.Prompt)-1, 8))
}

// replace sets the whole input, keeping the old one for undo.
func (p *inputPane) replace(data []byte, fromPaste bool) {
	if len(p.data) > 0 {
		p.undo, p.hasUndo = p.data, true
	}
	p.data, p.owned = data[:len(data):len(data)], false
	p.lastPaste = fromPaste && len(data) > 0
	p.view.setText(p.data, false)
}

// appendBytes adds typed or pasted text at the end, in place when the
// slice has room of its own and no running analysis reads the bytes there:
// typing at the end of a megabyte then copies nothing. held is how far the
// input's bytes are read by analyses still running (see Model.held);
// when it reaches past the end (a backspace while an analysis of the longer
// input runs), or the array is shared (a paste kept for undo, a demo
// sample), the append copies, so no byte anything else reads is written.
func (p *inputPane) appendBytes(b []byte, held int) {
	from := len(p.data)
	if !p.owned || held > from {
		p.data = p.data[:from:from] // no room: append copies to an array of its own
	}
	p.data = append(p.data, b...)
	p.owned = true
	p.lastPaste = false
	p.view.edit(p.data, from)
	p.view.win.top = p.view.win.rows // follow the end
}

// backspace removes the last character (rune).
func (p *inputPane) backspace() bool {
	if len(p.data) == 0 {
		return false
	}
	_, size := utf8.DecodeLastRune(p.data)
	n := len(p.data) - size
	p.data = p.data[:n] // keeping the room: appendBytes decides whether to copy
	p.lastPaste = false
	p.view.edit(p.data, n)
	p.view.win.top = p.view.win.rows
	return true
}

// paste puts pasted text in: it replaces an input that is itself a paste
// (pasting the next payload should not glue two together) and otherwise
// appends, like a text field.
func (p *inputPane) paste(text string, held int) (replaced bool) {
	if p.lastPaste || len(p.data) == 0 {
		replaced = len(p.data) > 0
		p.replace([]byte(text), true)
		return replaced
	}
	p.appendBytes([]byte(text), held)
	return false
}

// trim removes surrounding whitespace; it reports how many bytes went.
func (p *inputPane) trim() int {
	t := bytes.TrimSpace(p.data)
	n := len(p.data) - len(t)
	if n > 0 {
		p.replace(t, p.lastPaste)
	}
	return n
}

// restore brings back what the last clear or replacing paste removed.
func (p *inputPane) restore() bool {
	if !p.hasUndo {
		return false
	}
	old := p.undo
	p.replace(old, true)
	return true
}

// typeKey handles a key typed into the input: printable text and enter
// append, backspace deletes. It reports whether the input changed.
func (p *inputPane) typeKey(msg tea.KeyPressMsg, held int) bool {
	switch msg.String() {
	case "enter":
		p.appendBytes([]byte{'\n'}, held)
		return true
	case "backspace":
		return p.backspace()
	}
	if msg.Text != "" {
		p.appendBytes([]byte(msg.Text), held)
		return true
	}
	return false
}

// Shows: the input is always on screen.
func (p *inputPane) Shows(Kind, *analysis) bool { return true }

// Rows shows the visible window of the input under its field: the
// expected digest for user data, the signature header for a body.
func (p *inputPane) Rows(c *paneContext, w, h int) []string {
	p.setWidth(w)
	var rows []string
	switch {
	case c.kind == KindUserData:
		rows = append(rows, fit(p.expected.View(), w))
	case c.kind.takesHeader():
		rows = append(rows, fit(p.header.View(), w))
	}
	fieldRows := len(rows)
	if len(p.data) == 0 {
		rows = append(rows, fitLines([]string{
			c.st.Dim.Render("Paste a sealed user, an open-sheet body, a captured request (raw, from an"),
			c.st.Dim.Render("inspector or as cURL), an intercomSettings snippet, a JWT, or the user_id /"),
			c.st.Dim.Render("email to hash. Type to edit; ctrl+u clears."),
		}, w, h-fieldRows)...)
	} else {
		rows = append(rows, p.view.rows(&c.st, h-fieldRows)...)
	}
	return rows
}

// Title says what the input is read as, and how that was decided, and its size.
func (p *inputPane) Title(c *paneContext) (string, string) {
	how := "detected"
	if c.override != KindAuto {
		how = "override, ctrl+k"
	}
	return fmt.Sprintf("Input · %s (%s) · %s", c.kind, how, byteCount(len(p.data))), p.view.win.indicator()
}

// Captures takes typed text, enter and backspace before the global keys:
// 'q' or '?' typed into the input is text.
func (p *inputPane) Captures(_ *paneContext, msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && (isText(k) || k.String() == "enter" || k.String() == "backspace")
}

// Update types into the input, or scrolls it.
func (p *inputPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case p.Captures(c, k):
		if p.typeKey(k, c.held()) {
			return c.inputEdited()
		}
	default:
		if n, ok := c.keys.scrollBy(k, p.view.win.height); ok {
			p.Scroll(n)
		}
	}
	return nil
}

// Scroll moves the window over the wrapped input.
func (p *inputPane) Scroll(n int) { p.view.win.scroll(n) }

// Copy takes the normalised user, when the input is one, else the input.
func (p *inputPane) Copy(c *paneContext) (string, string) {
	if a := c.result; a != nil && a.sheet != nil && a.sheet.User != nil && a.sheet.User.Base64 != "" {
		return "the normalised user (base64)", a.sheet.User.Base64
	}
	return "the input", string(p.data)
}

// Help is the input's keys.
func (p *inputPane) Help(c *paneContext) []key.Binding {
	k := &c.keys
	bs := []key.Binding{shortKey(k.Clear, "clear"), shortKey(k.Trim, "trim"), shortKey(k.Kind, "kind")}
	if c.kind.takesHeader() {
		bs = append(bs, shortKey(k.Header, "sig header"))
	}
	return append(bs, ctrlYCopy)
}

func (p *inputPane) setStyles(st *Styles) {
	p.expected.SetStyles(st.Input)
	p.header.SetStyles(st.Input)
	p.view.invalidate()
}

// fieldPane is one of the input pane's text fields, the expected digest
// or the signature header: a focus stop of its own, drawn at the top of
// the input pane for the kinds that take it.
type fieldPane struct {
	field *textinput.Model
	what  string // what copying it takes, for the status line
	shows func(Kind) bool
	help  func(*KeyMap) []key.Binding
}

// newExpectedField is the expected user_hash of user data.
func newExpectedField(f *textinput.Model) fieldPane {
	return fieldPane{field: f, what: "the expected digest",
		shows: func(k Kind) bool { return k == KindUserData },
		help:  func(*KeyMap) []key.Binding { return []key.Binding{ctrlYCopy} }}
}

// newHeaderField is the signature header given with a body or a request.
func newHeaderField(f *textinput.Model) fieldPane {
	return fieldPane{field: f, what: "the signature header",
		shows: func(k Kind) bool { return k != KindUserData && k.takesHeader() },
		help: func(k *KeyMap) []key.Binding {
			return []key.Binding{shortKey(k.Header, "back to input"), ctrlYCopy}
		}}
}

// Shows: the field is there for the kinds that take it.
func (f *fieldPane) Shows(k Kind, _ *analysis) bool { return f.shows(k) }

// Rows: the input pane draws the field.
func (f *fieldPane) Rows(_ *paneContext, w, h int) []string { return fitLines(nil, w, h) }

// Title: the input pane's title stands for the field.
func (f *fieldPane) Title(*paneContext) (string, string) { return "", "" }

// Captures takes every key but the global ones a field leaves (tab, esc,
// the control keys), and pastes.
func (f *fieldPane) Captures(c *paneContext, msg tea.Msg) bool {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return !c.keys.isGlobal(k)
	}
	return true
}

// Update edits the field and analyses again when its value changed.
func (f *fieldPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	before := f.field.Value()
	var cmd tea.Cmd
	*f.field, cmd = f.field.Update(msg)
	if f.field.Value() != before {
		return tea.Batch(cmd, c.reanalyze())
	}
	return cmd
}

// Scroll: a one-line field does not scroll.
func (f *fieldPane) Scroll(int) {}

// Copy takes the field's value.
func (f *fieldPane) Copy(*paneContext) (string, string) { return f.what, f.field.Value() }

// Help is the field's keys.
func (f *fieldPane) Help(c *paneContext) []key.Binding { return f.help(&c.keys) }

func (f *fieldPane) focus() tea.Cmd {
	f.field.CursorEnd() // a sample shows where its digest starts; typing goes at the end
	return f.field.Focus()
}

func (f *fieldPane) blur() { f.field.Blur() }
