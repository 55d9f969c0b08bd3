package ui

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

// A bracketed paste arrives between these two sequences.
var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// tooLargePrefix starts the paste a PasteGuard puts in place of one that
// was too large: the model says so instead of taking it.
const tooLargePrefix = "\x00sealpeek: paste refused, bytes: "

// PasteGuard reads the terminal for the UI and refuses a paste larger than
// termtext.MaxInputSize as its bytes arrive: the terminal library would
// otherwise gather the whole paste, and turn each of its characters into
// an event, before the UI could refuse it (a 64 MiB paste peaked at
// 1.2 GB). A paste within the limit passes whole, once it has ended; one
// past it is dropped as it comes and becomes a short paste that names its
// size. Everything else passes as it is read.
//
// It is an *os.File for the terminal library, which needs the descriptor
// to put the terminal in raw mode and to cancel a read when it quits.
type PasteGuard struct {
	*os.File
	buf     []byte // what each read of the terminal fills
	pending []byte // read from the terminal, not yet handed on
	out     []byte // ready to hand on
	inPaste bool
	paste   []byte // the paste's bytes so far, while within the limit
	size    int    // the paste's length so far
}

// NewPasteGuard guards the terminal input f.
func NewPasteGuard(f *os.File) *PasteGuard { return &PasteGuard{File: f, buf: make([]byte, 32<<10)} }

// Read hands on what is ready, reading the terminal when nothing is.
func (g *PasteGuard) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		n, err := g.File.Read(g.buf)
		g.feed(g.buf[:n])
		if err != nil && len(g.out) == 0 {
			return 0, err
		}
	}
	n := copy(p, g.out)
	g.out = g.out[n:]
	return n, nil
}

// feed takes bytes as they arrive, possibly cut anywhere, even inside a
// paste's start or end sequence.
func (g *PasteGuard) feed(b []byte) {
	g.pending = append(g.pending, b...)
	for len(g.pending) > 0 {
		marker := pasteStart
		if g.inPaste {
			marker = pasteEnd
		}
		i := bytes.Index(g.pending, marker)
		if i < 0 {
			// Keep what could be the start of a marker cut by the read.
			keep := partialSuffix(g.pending, marker)
			g.take(g.pending[:len(g.pending)-keep])
			g.pending = append(g.pending[:0], g.pending[len(g.pending)-keep:]...)
			return
		}
		g.take(g.pending[:i])
		g.pending = g.pending[i+len(marker):]
		if g.inPaste {
			g.endPaste()
		} else {
			g.inPaste, g.paste, g.size = true, nil, 0
		}
	}
}

// take hands on bytes outside a paste and gathers, or drops, those inside.
func (g *PasteGuard) take(b []byte) {
	if !g.inPaste {
		g.out = append(g.out, b...)
		return
	}
	g.size += len(b)
	if g.size > termtext.MaxInputSize {
		g.paste = nil // past the limit: nothing more of it is kept
		return
	}
	g.paste = append(g.paste, b...)
}

// endPaste hands on the paste, or its refusal.
func (g *PasteGuard) endPaste() {
	g.out = append(g.out, pasteStart...)
	if g.size > termtext.MaxInputSize {
		g.out = append(g.out, tooLargePrefix+strconv.Itoa(g.size)...)
	} else {
		g.out = append(g.out, g.paste...)
	}
	g.out = append(g.out, pasteEnd...)
	g.inPaste, g.paste, g.size = false, nil, 0
}

// partialSuffix is how many bytes at the end of b begin marker.
func partialSuffix(b, marker []byte) int {
	for n := min(len(marker)-1, len(b)); n > 0; n-- {
		if bytes.Equal(b[len(b)-n:], marker[:n]) {
			return n
		}
	}
	return 0
}

// refusedPasteSize is the size a PasteGuard's refusal names, or -1 when
// the paste is a real one.
func refusedPasteSize(text string) int {
	rest, ok := strings.CutPrefix(text, tooLargePrefix)
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return -1
	}
	return n
}
