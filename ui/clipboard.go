package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/atotto/clipboard"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// Clipboard puts a copied value somewhere the user can paste it from.
type Clipboard interface {
	// Copy returns a command that copies text and reports a CopiedMsg;
	// what names the value for the status line ("IV", "decrypted JSON").
	Copy(what, text string) tea.Cmd
}

// CopiedMsg reports how a copy went.
type CopiedMsg struct {
	What  string
	Bytes int
	Via   string // how it was copied, e.g. "OSC 52 and the system clipboard"
	Err   error  // why the system clipboard could not take it, when it could not
}

// osc52Limit is about where some terminals start dropping OSC 52 writes
// without a word.
const osc52Limit = 6 << 10

// NewClipboard returns the clipboard the program uses: OSC 52 through the
// terminal (works over SSH and with no clipboard tool installed) and, on a
// local session, the system clipboard too. Over SSH the system helper would
// write the remote machine's clipboard, so overSSH uses OSC 52 alone.
func NewClipboard(overSSH bool) Clipboard {
	return systemClipboard{overSSH: overSSH, write: clipboard.WriteAll}
}

type systemClipboard struct {
	overSSH bool
	write   func(string) error
}

func (c systemClipboard) Copy(what, text string) tea.Cmd {
	if c.overSSH {
		return tea.Batch(tea.SetClipboard(text), func() tea.Msg {
			return CopiedMsg{What: what, Bytes: len(text), Via: "OSC 52 (over SSH)"}
		})
	}
	return tea.Batch(tea.SetClipboard(text), func() tea.Msg {
		msg := CopiedMsg{What: what, Bytes: len(text), Via: "OSC 52 and the system clipboard"}
		if err := c.write(text); err != nil {
			msg.Via, msg.Err = "OSC 52", err
		}
		return msg
	})
}

// Status is the status line's sentence for the copy, what matters first:
// the line is cut at the terminal's width, so the warning about a large
// OSC 52 write comes before why the system clipboard failed, and that is
// said in a few words, not the library's paragraph.
func (m CopiedMsg) Status() string {
	s := fmt.Sprintf("copied %s, %s, via %s", m.What, report.ByteCount(m.Bytes), m.Via)
	if m.Bytes > osc52Limit {
		s += fmt.Sprintf("; over %d KiB, which some terminals drop silently", osc52Limit>>10)
	}
	if m.Err != nil {
		s += "; no system clipboard: " + clipboardFailure(m.Err)
	}
	return s
}

// clipboardFailure says in a few words why the system clipboard failed.
func clipboardFailure(err error) string {
	if strings.Contains(err.Error(), "No clipboard utilities available") { // atotto's, when no tool is installed
		return "install xclip, xsel or wl-clipboard"
	}
	msg := firstLine(err.Error())
	if len(msg) > 60 {
		msg = msg[:runeStart(msg, 60)] + "…"
	}
	return termtext.EscapeControl(msg, false)
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
