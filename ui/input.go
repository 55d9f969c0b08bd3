package ui

import (
	"bytes"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// inputText is the input, shared by the panes: what the user pasted or
// typed, as bytes, with a window of it wrapped for the input pane, the
// expected digest and the signature header given with a body (the two
// short fields are textinputs). The root pastes, clears, trims and
// restores it (keys that work from any pane) and analyses it; the input
// pane and its fields take what is typed into them.
type inputText struct {
	data      []byte // bytes up to len are never written to: edits append past them or make a new slice
	owned     bool   // data's array was made by appendBytes, so nothing but analyses shares it
	view      textView
	lastPaste bool       // the input is exactly one paste, so the next paste replaces it
	undo      inputState // what the last clear, paste or trim changed
	hasUndo   bool
	expected  textinput.Model
	header    textinput.Model // "Name: value", for a body pasted without its headers
}

// inputState is what ctrl+z brings back: the input and the two fields
// given with it.
type inputState struct {
	data             []byte
	expected, header string
}

func newInputText(data []byte, expected string) inputText {
	ti := textinput.New()
	ti.Prompt = "expected user_hash: "
	ti.Placeholder = "the digest your app sent (64 hex)"
	ti.CharLimit = 512
	ti.SetValue(expected)
	hi := textinput.New()
	hi.Prompt = "signature header: "
	hi.Placeholder = "none (a body's, e.g. X-Hub-Signature: sha1=…)"
	hi.CharLimit = 1024
	p := inputText{data: data[:len(data):len(data)], expected: ti, header: hi, lastPaste: len(data) > 0}
	p.view.setText(p.data, false)
	return p
}

// setWidth wraps the input to the pane's width.
func (p *inputText) setWidth(w int) {
	p.view.setWidth(w)
	p.expected.SetWidth(max(w-len(p.expected.Prompt)-1, 8))
	p.header.SetWidth(max(w-len(p.header.Prompt)-1, 8))
}

// state is the input and its fields as they are now. Bytes up to len are
// never written to, so keeping the slice keeps them.
func (p *inputText) state() inputState {
	return inputState{p.data[:len(p.data):len(p.data)], p.expected.Value(), p.header.Value()}
}

// save keeps the state before a change, for ctrl+z to bring back.
func (p *inputText) save() {
	p.undo, p.hasUndo = p.state(), true
}

// replace sets the whole input, keeping the old one for undo; the fields
// stay (a trim changes the input, not what was given with it).
func (p *inputText) replace(data []byte, fromPaste bool) {
	p.save()
	p.set(data, fromPaste)
}

// startOver sets a new input, keeping the old one and its fields for undo:
// a signature header or expected digest typed for the old input is not
// the new one's, so both fields are emptied.
func (p *inputText) startOver(data []byte, fromPaste bool) {
	p.save()
	p.expected.SetValue("")
	p.header.SetValue("")
	p.set(data, fromPaste)
}

func (p *inputText) set(data []byte, fromPaste bool) {
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
func (p *inputText) appendBytes(b []byte, held int) {
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
func (p *inputText) backspace() bool {
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
func (p *inputText) paste(text string, held int) (replaced bool) {
	if p.lastPaste || len(p.data) == 0 {
		replaced = len(p.data) > 0
		if replaced {
			p.startOver([]byte(text), true)
		} else {
			p.replace([]byte(text), true)
		}
		return replaced
	}
	p.save() // ctrl+z takes the paste back out of what was typed
	p.appendBytes([]byte(text), held)
	return false
}

// trim removes surrounding whitespace; it reports how many bytes went.
func (p *inputText) trim() int {
	t := bytes.TrimSpace(p.data)
	n := len(p.data) - len(t)
	if n > 0 {
		p.replace(t, p.lastPaste)
	}
	return n
}

// restore brings back what the last clear or replacing paste removed.
func (p *inputText) restore() bool {
	if !p.hasUndo {
		return false
	}
	old, cur := p.undo, p.state()
	p.undo = cur // ctrl+z again redoes
	p.expected.SetValue(old.expected)
	p.header.SetValue(old.header)
	p.set(old.data, true)
	return true
}

// typeKey handles a key typed into the input: printable text and enter
// append, backspace deletes. It reports whether the input changed.
func (p *inputText) typeKey(msg tea.KeyPressMsg, held int) bool {
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
