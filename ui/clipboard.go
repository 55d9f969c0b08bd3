package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/atotto/clipboard"

	"github.com/sealpeek/sealpeek/internal/report"
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

// Status is the status line's sentence for the copy.
func (m CopiedMsg) Status() string {
	s := fmt.Sprintf("copied %s (%s) via %s", m.What, report.ByteCount(m.Bytes), m.Via)
	if m.Err != nil {
		s += "; the system clipboard failed: " + firstLine(m.Err.Error())
	}
	if m.Bytes > osc52Limit {
		s += fmt.Sprintf("; over %d KB, some terminals drop OSC 52 silently", osc52Limit>>10)
	}
	return s
}
