package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// inputPane shows a window of the wrapped input under the field the kind
// takes, and takes what is typed into it. It is the one pane that writes
// shared state itself: the input's bytes, which it owns the editing of.
type inputPane struct{ text *inputText }

// Shows: the input is always on screen.
func (p *inputPane) Shows(Kind, *analysis) bool { return true }

// Rows shows the visible window of the input under its field: the
// expected digest for user data, the signature header for a body.
func (p *inputPane) Rows(c *paneContext, w, h int) []string {
	p.text.setWidth(w)
	// The cursor is drawn while the input itself has focus, not a field.
	p.text.view.cursorOn = c.focused && !p.text.expected.Focused() && !p.text.other.Focused() && !p.text.header.Focused()
	var rows []string
	switch {
	case c.kind == KindUserData:
		if prompt := otherPrompt(p.text.head()); prompt != p.text.other.Prompt {
			p.text.other.Prompt = prompt
			p.text.other.SetWidth(max(w-len(prompt)-3, 8))
		}
		rows = append(rows, fieldRow(&p.text.expected, &c.st, w), fieldRow(&p.text.other, &c.st, w))
	case headerShown(c.kind, c.shownResult(), p.text.header.Value()):
		f := p.text.header
		if a := c.shownResult(); a != nil && a.headerAs != "" {
			f.Prompt = "signature header (as " + a.headerAs + "): "
			f.SetWidth(max(w-len(f.Prompt)-3, 8))
		}
		rows = append(rows, fieldRow(&f, &c.st, w))
	}
	fieldRows := min(len(rows), max(h, 0))
	rows = rows[:fieldRows]
	if p.text.size() == 0 {
		rows = append(rows, fitLines(welcomeRows(c, w), w, h-fieldRows)...)
	} else {
		rows = append(rows, p.text.view.rows(&c.st, h-fieldRows)...)
	}
	return rows
}

// Title says what the input is read as, and how that was decided, and its size.
func (p *inputPane) Title(c *paneContext) (string, string) {
	how := "detected"
	if c.override != KindAuto {
		how = "override, ctrl+k"
	}
	return fmt.Sprintf("Input · %s (%s) · %s", c.kind, how, report.ByteCount(p.text.size())), p.text.view.win.indicator()
}

// Captures takes typed text and the editing keys (the arrows, home, end,
// the page keys, backspace, delete, enter, ctrl+a) before the global keys:
// 'q' or '?' typed into the input is text.
func (p *inputPane) Captures(_ *paneContext, msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && (isText(k) || editKeys[k.String()])
}

// Update types into the input at the cursor, or moves the cursor.
func (p *inputPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if ok && p.Captures(c, k) && p.text.typeKey(k) {
		return c.inputEdited()
	}
	return nil
}

// Scroll moves the window over the wrapped input.
func (p *inputPane) Scroll(n int) { p.text.view.win.scroll(n) }

// Copy takes the normalised user, when the input is one, else the input.
func (p *inputPane) Copy(c *paneContext) (string, string) {
	if a := c.result; a != nil && a.sheet != nil && a.sheet.User != nil && a.sheet.User.Base64 != "" {
		return "the normalised user (base64)", a.sheet.User.Base64
	}
	return "the input", string(p.text.bytes())
}

// Help is the input's keys.
func (p *inputPane) Help(c *paneContext) []key.Binding {
	k := &c.keys
	bs := []key.Binding{shortKey(k.Clear, "clear"), shortKey(k.Trim, "trim"), shortKey(k.Kind, "kind")}
	if headerShown(c.kind, c.shownResult(), p.text.header.Value()) {
		bs = append(bs, shortKey(k.Header, "sig header"))
	}
	return append(bs, ctrlYCopy)
}

func (p *inputPane) setStyles(st *Styles) {
	p.text.expected.SetStyles(st.Input)
	p.text.other.SetStyles(st.Input)
	p.text.header.SetStyles(st.Input)
	p.text.view.invalidate()
}

// fieldPane is one of the input pane's text fields, the expected digest
// or the signature header: a focus stop of its own, drawn at the top of
// the input pane for the kinds that take it.
type fieldPane struct {
	field *textinput.Model
	what  string // what copying it takes, for the status line
	shows func(Kind, *analysis) bool
	help  func(*KeyMap) []key.Binding
}

// newExpectedField is the expected user_hash of user data.
func newExpectedField(f *textinput.Model) fieldPane {
	return fieldPane{field: f, what: "the expected digest",
		shows: func(k Kind, _ *analysis) bool { return k == KindUserData },
		help:  func(*KeyMap) []key.Binding { return []key.Binding{ctrlYCopy} }}
}

// newOtherField is the other identifier of user data, for an app that
// sends both a user_id and an email.
func newOtherField(f *textinput.Model) fieldPane {
	return fieldPane{field: f, what: "the other identifier",
		shows: func(k Kind, _ *analysis) bool { return k == KindUserData },
		help:  func(*KeyMap) []key.Binding { return []key.Binding{ctrlYCopy} }}
}

// newHeaderField is the signature header given with a body or a request.
func newHeaderField(f *textinput.Model) fieldPane {
	return fieldPane{field: f, what: "the signature header",
		shows: func(k Kind, a *analysis) bool { return headerShown(k, a, f.Value()) },
		help: func(k *KeyMap) []key.Binding {
			return []key.Binding{shortKey(k.Header, "back to input"), ctrlYCopy}
		}}
}

// Shows: the field is there for the kinds that take it.
func (f *fieldPane) Shows(k Kind, a *analysis) bool { return f.shows(k, a) }

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

// What the root asks of the pane, checked when building.
var (
	_ Pane     = (*inputPane)(nil)
	_ restyler = (*inputPane)(nil)
	_ Pane     = (*fieldPane)(nil)
	_ focuser  = (*fieldPane)(nil)
)

// fieldRow draws a short field. While it is typed in, the text input
// scrolls with the cursor; otherwise it shows the value from its start and
// cuts it with an ellipsis, so a digest two characters too long for the
// pane does not look complete.
func fieldRow(f *textinput.Model, st *Styles, w int) string {
	if f.Focused() {
		// Marked, so the focus is seen before anything is typed.
		return fit(st.Cursor.Render("▸")+" "+termtext.EscapeInvisible(f.View()), w)
	}
	if f.Value() == "" {
		return fit(termtext.EscapeInvisible(f.View()), w)
	}
	return fit(f.Prompt+termtext.EscapeControl(f.Value(), false), w)
}

// welcomeRows are what the empty input says on first contact: what can be
// pasted, the keys that matter, and where the profiles come from, wrapped
// to the pane.
func welcomeRows(c *paneContext, w int) []string {
	paras := []string{"Paste a sealed user or open-sheet body, a captured request or curl command, an intercomSettings snippet, a JWT, or the user_id or email to hash."}
	n := len(c.secrets)
	switch {
	case c.reading > 0:
		paras = append(paras, fmt.Sprintf("Reading %d %s…", c.reading, termtext.Plural(c.reading, "profile", "profiles")))
	case c.welcome.file != "" && c.welcome.missing:
		paras = append(paras, "No profiles file yet at "+termtext.EscapeControl(c.welcome.file, false)+": add a profile in the Profiles pane (a), or run 'sealpeek profiles add', or try 'sealpeek --demo'.")
	case c.welcome.file != "":
		paras = append(paras, fmt.Sprintf("%d %s read from %s.", n, termtext.Plural(n, "profile", "profiles"), termtext.EscapeControl(c.welcome.file, false)))
	case n == 0:
		paras = append(paras, "No profiles: add one in the Profiles pane (a), or try 'sealpeek --demo'.")
	}
	paras = append(paras, "tab: next pane · f1: every key · ctrl+c: quit")
	var out []string
	for _, para := range paras {
		for _, l := range strings.Split(ansi.Wrap(para, max(w, 10), ""), "\n") {
			out = append(out, c.st.Dim.Render(l))
		}
	}
	return out
}
