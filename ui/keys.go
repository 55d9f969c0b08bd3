package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

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
	Move, MoveWord   key.Binding // the input's cursor (typeKey handles them; here for the help)
	SelectAll        key.Binding
	Undo             key.Binding
	Kind             key.Binding // override the detected kind
	Header           key.Binding // the signature header field of a body
	Sample           key.Binding // demo mode: next sample
	Send             key.Binding // the Send pane: the input's request to a URL
	Filter           key.Binding // profiles
	Fix              key.Binding // diagnostics: the selected one's fix in code
	Lang             key.Binding // the Fix pane: the next language
	Choose           key.Binding
	Add, Save        key.Binding
	Show, Edit       key.Binding // the Requests pane: show a request, open it in the input
	Replay           key.Binding // the Requests pane: send a request again
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
		Move:           b("←/→ home/end", "move the input's cursor", "left", "right", "home", "end"),
		MoveWord:       b("alt+←/→", "by a word", "alt+left", "alt+right", "ctrl+left", "ctrl+right"),
		SelectAll:      b("ctrl+a", "select all the input", "ctrl+a"),
		Trim:           b("ctrl+t", "trim input", "ctrl+t"),
		Undo:           b("ctrl+z", "undo clear/paste", "ctrl+z"),
		Kind:           b("ctrl+k", "change detected kind", "ctrl+k"),
		Header:         b("ctrl+g", "signature header of a body", "ctrl+g"),
		Sample:         b("ctrl+n/n", "next demo sample", "ctrl+n", "n"),
		Send:           b("ctrl+o", "send input to a URL", "ctrl+o"),
		Filter:         b("/", "filter profiles", "/"),
		Fix:            b("f", "fix in code", "f"),
		Lang:           b("l", "fix's language", "l"),
		Choose:         b("enter", "choose profile", "enter"),
		Add:            b("a", "add session profile", "a"),
		Save:           b("s", "save session profile", "s"),
		Show:           b("enter", "show request", "enter"),
		Edit:           b("e", "edit request in input", "e"),
		Replay:         b("r", "replay request", "r"),
		Cancel:         b("esc", "cancel", "esc"),
		Help:           b("f1/?", "full help", "f1", "?"),
		Quit:           b("ctrl+c/q", "quit", "ctrl+c", "q"),
	}
}

// isText reports whether a key is text to type rather than a command.
func isText(k tea.KeyPressMsg) bool {
	return k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper) == 0
}

// isGlobal reports whether a key is one the root takes even from a text
// field: focus moves and esc, and the command keys when they are not
// printable (f1 and ctrl keys; '?', 'y' or 'q' are text in a field).
func (k *KeyMap) isGlobal(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, k.Next, k.Prev, k.Cancel) ||
		!isText(msg) && key.Matches(msg, k.Help, k.Copy, k.CopyReport, k.Kind, k.Sample, k.Trim, k.Undo, k.Header)
}

// bigScroll stands for "to the end" in scroll amounts.
const bigScroll = 1 << 30

// scrollBy is how far a scroll key moves a pane whose page is page rows.
func (k *KeyMap) scrollBy(msg tea.KeyPressMsg, page int) (int, bool) {
	page = max(page, 1)
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.Top):
		return -bigScroll, true
	case key.Matches(msg, k.Bottom):
		return bigScroll, true
	}
	return 0, false
}

// shortKey is a binding with the few words the help bar has room for.
func shortKey(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// ctrlYCopy is the copy key as the help bar shows it where 'y' is text.
var ctrlYCopy = key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy"))

// scrollHelp is the help bar of a pane that scrolls and copies.
func scrollHelp(k *KeyMap, copyWhat string) []key.Binding {
	return []key.Binding{shortKey(k.Down, "scroll"), shortKey(k.Copy, copyWhat)}
}

// fullHelpGroups is the full key map, shown on f1 or ?, in columns.
func (k *KeyMap) fullHelpGroups() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Move, k.MoveWord, k.SelectAll, k.Clear, k.Trim, k.Undo, k.Kind, k.Header, k.Sample, k.Send},
		{k.Choose, k.Filter, k.Add, k.Save, k.Cancel, k.Fix, k.Lang},
		{k.Copy, k.CopyReport, k.CopyIV, k.CopyCiphertext, k.CopyTag},
		{k.Help, k.Quit},
	}
}
