package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the UI, in one place. Keys that are
// letters only work where no text is being typed; each has a control-key
// twin that works everywhere.
type KeyMap struct {
	Next, Prev       key.Binding // focus
	Up, Down         key.Binding // scroll or move
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Copy, CopyReport key.Binding
	CopyIV, CopyTag  key.Binding // in the split pane
	CopyCiphertext   key.Binding
	Clear, Trim      key.Binding // the input
	Undo             key.Binding
	Kind             key.Binding // override the detected kind
	Header           key.Binding // the signature header field of a body
	Sample           key.Binding // demo mode: next sample
	Filter           key.Binding // profiles
	Choose           key.Binding
	Add, Save        key.Binding
	Cancel           key.Binding
	Help             key.Binding
	Quit             key.Binding
}

// DefaultKeyMap is sealpeek's key map.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Next:           b("tab", "next pane", "tab"),
		Prev:           b("shift+tab", "previous pane", "shift+tab"),
		Up:             b("↑/k", "up", "up", "k"),
		Down:           b("↓/j", "down", "down", "j"),
		PageUp:         b("pgup", "page up", "pgup"),
		PageDown:       b("pgdn", "page down", "pgdown"),
		Top:            b("home/g", "top", "home", "g"),
		Bottom:         b("end/G", "bottom", "end", "G"),
		Copy:           b("ctrl+y/y", "copy focused value", "ctrl+y", "y"),
		CopyReport:     b("ctrl+r/Y", "copy whole report", "ctrl+r", "Y"),
		CopyIV:         b("i", "copy IV", "i"),
		CopyTag:        b("t", "copy tag", "t"),
		CopyCiphertext: b("c", "copy ciphertext", "c"),
		Clear:          b("ctrl+u", "clear input", "ctrl+u"),
		Trim:           b("ctrl+t", "trim input", "ctrl+t"),
		Undo:           b("ctrl+z", "undo clear/paste", "ctrl+z"),
		Kind:           b("ctrl+k", "change detected kind", "ctrl+k"),
		Header:         b("ctrl+g", "signature header of a body", "ctrl+g"),
		Sample:         b("ctrl+n/n", "next demo sample", "ctrl+n", "n"),
		Filter:         b("/", "filter profiles", "/"),
		Choose:         b("enter", "choose profile", "enter"),
		Add:            b("a", "add session profile", "a"),
		Save:           b("s", "save session profile", "s"),
		Cancel:         b("esc", "cancel", "esc"),
		Help:           b("f1/?", "full help", "f1", "?"),
		Quit:           b("ctrl+c/q", "quit", "ctrl+c", "q"),
	}
}
