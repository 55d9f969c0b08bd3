package ui

import (
	"bytes"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/reader"
)

// inputText is the input, shared by the panes: what the user pasted or
// typed, as bytes in an edit buffer with a cursor, a window of it wrapped
// for the input pane, the expected digest and the signature header given
// with a body (the two short fields are textinputs). The root pastes,
// clears, trims and restores it (keys that work from any pane) and
// analyses it; the input pane and its fields take what is typed into them.
type inputText struct {
	buf       *editBuffer // a new one for each new input; the view reads it
	view      textView
	selAll    bool       // everything is selected: typing or deleting replaces it
	goalCol   int        // the column up and down keep to, -1 for the cursor's own
	lastPaste bool       // the input is exactly one paste, so the next paste replaces it
	undo      inputState // what the last clear, paste or trim changed
	hasUndo   bool
	expected  textinput.Model
	other     textinput.Model // user data: the other identifier, when the app sends both
	header    textinput.Model // "Name: value", for a body pasted without its headers
}

// inputState is what ctrl+z brings back: the input and the two fields
// given with it. The snapshot holds the bytes until it is replaced.
type inputState struct {
	data                    textSnapshot
	expected, other, header string
}

func newInputText(data []byte, expected string) inputText {
	ti := textinput.New()
	ti.Prompt = "expected user_hash: "
	ti.Placeholder = "the digest your app sent (64 hex)"
	ti.CharLimit = 512
	ti.SetValue(expected)
	hi := textinput.New()
	hi.Prompt = "signature header: "
	hi.Placeholder = "none (ctrl+g gives one)"
	hi.CharLimit = 1024
	oi := textinput.New()
	oi.Prompt = otherPrompt(data)
	oi.Placeholder = "none (only when the app sends both)"
	oi.CharLimit = 512
	p := inputText{expected: ti, other: oi, header: hi, goalCol: -1}
	p.set(data, len(data) > 0)
	return p
}

// size is the input's length in bytes.
func (p *inputText) size() int { return p.buf.Len() }

// bytes is the whole input, contiguous; valid until the next edit.
func (p *inputText) bytes() []byte { return p.buf.Bytes() }

// head is what DetectKind reads: the first reader.DetectLimit bytes and
// one more, which says whether there are more, at most a few kilobytes
// copied however large the input.
func (p *inputText) head() []byte { return p.buf.Slice(0, min(p.buf.Len(), reader.DetectLimit+1)) }

// setWidth wraps the input to the pane's width.
func (p *inputText) setWidth(w int) {
	p.view.setWidth(w)
	p.expected.SetWidth(max(w-len(p.expected.Prompt)-3, 8)) // room for the focus mark
	p.other.SetWidth(max(w-len(p.other.Prompt)-3, 8))
	p.header.SetWidth(max(w-len(p.header.Prompt)-3, 8))
}

// state is the input and its fields as they are now, held for ctrl+z.
func (p *inputText) state() inputState {
	return inputState{p.buf.Snapshot(), p.expected.Value(), p.other.Value(), p.header.Value()}
}

// save keeps the state before a change, for ctrl+z to bring back.
func (p *inputText) save() {
	if p.hasUndo {
		p.undo.data.release()
	}
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
	p.other.SetValue("")
	p.header.SetValue("")
	p.set(data, fromPaste)
}

// set makes data the input, a copy of it, with the cursor at its end.
func (p *inputText) set(data []byte, fromPaste bool) {
	buf := newEditBuffer(data)
	p.buf = &buf
	p.selAll, p.goalCol = false, -1
	p.lastPaste = fromPaste && len(data) > 0
	p.view.src = p.buf
	p.view.cursorRoom = true
	p.view.setText(nil, false)
	p.follow()
}

// otherPrompt names the other identifier's field for an input of user
// data: the user_id beside an email, else the email beside a user_id.
func otherPrompt(input []byte) string {
	if bytes.IndexByte(input, '@') > 0 {
		return "also sent, user_id: "
	}
	return "also sent, email: "
}

// identity is user data as the app sends it: the input is the user_id,
// or the email when it has an '@', and the other field the other one,
// sent too when filled in.
func identity(input []byte, other string) crypto.Identity {
	if bytes.IndexByte(input, '@') > 0 {
		return crypto.Identity{Email: string(input), HasEmail: true, UserID: other, HasUserID: other != ""}
	}
	return crypto.Identity{UserID: string(input), HasUserID: true, Email: other, HasEmail: other != ""}
}

// insert puts typed or pasted text at the cursor; with everything
// selected it replaces the input.
func (p *inputText) insert(b []byte) {
	if p.selAll {
		p.startOver(b, false)
		return
	}
	at := p.buf.Cursor()
	p.buf.Insert(b)
	p.edited(at, at, at+len(b))
}

// edited rewraps after bytes [from, oldEnd) became [from, newEnd).
func (p *inputText) edited(from, oldEnd, newEnd int) {
	p.lastPaste, p.goalCol = false, -1
	p.view.splice(from, oldEnd, newEnd)
	p.follow()
}

// follow scrolls the window to the cursor.
func (p *inputText) follow() {
	p.view.cursor = p.buf.Cursor()
	p.view.selAll = p.selAll
	p.view.showCursor()
}

// backspace removes the character (rune) before the cursor; with
// everything selected, everything.
func (p *inputText) backspace() bool {
	if p.selAll {
		return p.deleteAll()
	}
	c := p.buf.Cursor()
	if c == 0 {
		return false
	}
	from := p.runeBefore(c)
	p.buf.Delete(from, c)
	p.edited(from, c, from)
	return true
}

// deleteForward removes the character at the cursor.
func (p *inputText) deleteForward() bool {
	if p.selAll {
		return p.deleteAll()
	}
	c := p.buf.Cursor()
	if c >= p.buf.Len() {
		return false
	}
	end := p.runeAfter(c)
	p.buf.Delete(c, end)
	p.edited(c, end, c)
	return true
}

// deleteAll empties a selected input, as ctrl+u does (ctrl+z brings it back).
func (p *inputText) deleteAll() bool {
	p.startOver(nil, false)
	return true
}

// runeBefore is the offset of the character before offset i.
func (p *inputText) runeBefore(i int) int {
	_, size := utf8.DecodeLastRune(p.buf.Slice(max(i-utf8.UTFMax, 0), i))
	return i - max(size, 1)
}

// runeAfter is the offset just past the character at offset i.
func (p *inputText) runeAfter(i int) int {
	_, size := utf8.DecodeRune(p.buf.Slice(i, min(i+utf8.UTFMax, p.buf.Len())))
	return i + max(size, 1)
}

// moveTo puts the cursor at offset i, ending a select-all.
func (p *inputText) moveTo(i int) {
	p.selAll = false
	p.buf.SetCursor(i)
	p.follow()
}

// paste puts pasted text in: it replaces an input that is itself a paste
// (pasting the next payload should not glue two together) or everything
// selected, and otherwise goes in at the cursor, like a text field.
func (p *inputText) paste(text string) (replaced bool) {
	if p.lastPaste || p.buf.Len() == 0 || p.selAll {
		replaced = p.buf.Len() > 0
		if replaced {
			p.startOver([]byte(text), true)
		} else {
			p.replace([]byte(text), true)
		}
		return replaced
	}
	p.save() // ctrl+z takes the paste back out of what was typed
	p.insert([]byte(text))
	return false
}

// trim removes surrounding whitespace; it reports how many bytes went.
func (p *inputText) trim() int {
	data := p.bytes()
	t := bytes.TrimSpace(data)
	n := len(data) - len(t)
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
	p.other.SetValue(old.other)
	p.header.SetValue(old.header)
	text, _ := old.data.Bytes()
	p.set(text, true)
	old.data.release()
	return true
}

// typeKey handles a key typed into the input: text and enter go in at the
// cursor, backspace and delete remove a character, ctrl+a selects
// everything, and the arrows, home, end and the page keys move the cursor.
// It reports whether the input changed.
func (p *inputText) typeKey(msg tea.KeyPressMsg) (changed bool) {
	switch msg.String() {
	case "enter":
		p.insert([]byte{'\n'})
		return true
	case "backspace":
		return p.backspace()
	case "delete":
		return p.deleteForward()
	case "ctrl+a":
		p.selAll = p.buf.Len() > 0
		p.follow()
		return false
	}
	if isText(msg) {
		p.insert([]byte(msg.Text))
		return true
	}
	p.move(msg.String())
	return false
}

// editKeys are the keys the input takes besides text: what typeKey does.
var editKeys = map[string]bool{
	"enter": true, "backspace": true, "delete": true, "ctrl+a": true,
	"left": true, "right": true, "up": true, "down": true, "home": true, "end": true,
	"ctrl+home": true, "ctrl+end": true, "pgup": true, "pgdown": true,
	"alt+left": true, "alt+right": true, "ctrl+left": true, "ctrl+right": true, "alt+b": true, "alt+f": true,
}

// wordScan bounds how far a word move looks, so that ctrl+right in a
// megabyte of base64 (one word) costs what it does in a sentence: it stops
// there, mid-word.
const wordScan = 4 << 10

// move moves the cursor for a movement key; up and down keep to the
// column they started from.
func (p *inputText) move(key string) {
	c, v := p.buf.Cursor(), &p.view
	goal := -1
	switch key {
	case "left":
		if c > 0 {
			c = p.runeBefore(c)
		}
	case "right":
		if c < p.buf.Len() {
			c = p.runeAfter(c)
		}
	case "alt+left", "ctrl+left", "alt+b":
		c = p.wordLeft(c)
	case "alt+right", "ctrl+right", "alt+f":
		c = p.wordRight(c)
	case "ctrl+home":
		c = 0
	case "ctrl+end":
		c = p.buf.Len()
	case "home", "end", "up", "down", "pgup", "pgdown":
		if len(v.spans) == 0 {
			return // not wrapped yet: no rows to move by
		}
		r := v.rowOf(c)
		switch key {
		case "home":
			c = v.spans[r].start
		case "end":
			c = v.rowEnd(r)
		default:
			n := map[string]int{"up": -1, "down": 1, "pgup": -max(v.win.height, 1), "pgdown": max(v.win.height, 1)}[key]
			goal = p.goalCol
			if goal < 0 {
				goal = v.colOf(r, c)
			}
			c = v.offsetAt(min(max(r+n, 0), len(v.spans)-1), goal)
		}
	default:
		return
	}
	p.moveTo(c)
	p.goalCol = goal
}

// isWordRune reports whether r is part of a word for the word moves.
func isWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && r != utf8.RuneError
}

// wordRight is the end of the word at or after offset c.
func (p *inputText) wordRight(c int) int {
	text := p.buf.Slice(c, min(c+wordScan, p.buf.Len()))
	i, inWord := 0, false
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		if isWordRune(r) {
			inWord = true
		} else if inWord {
			break
		}
		i += size
	}
	return c + i
}

// wordLeft is the start of the word before offset c.
func (p *inputText) wordLeft(c int) int {
	base := max(c-wordScan, 0)
	text := p.buf.Slice(base, c)
	i, inWord := len(text), false
	for i > 0 {
		r, size := utf8.DecodeLastRune(text[:i])
		if isWordRune(r) {
			inWord = true
		} else if inWord {
			break
		}
		i -= size
	}
	return base + i
}
