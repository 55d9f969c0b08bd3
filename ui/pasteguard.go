package ui

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

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
// It is a plain reader, never handed to the terminal library itself: see
// GuardedInput.
type PasteGuard struct {
	r       io.Reader
	buf     []byte // what each read of the terminal fills
	pending []byte // read from the terminal, not yet handed on
	out     []byte // ready to hand on
	inPaste bool
	paste   []byte // the paste's bytes so far, while within the limit
	size    int    // the paste's length so far

	// deliver, when set, takes each paste (or its refusal) whole, instead
	// of handing it on as bytes; flush first writes out what came before
	// it, so it stays ahead.
	deliver func(text string)
	flush   func(b []byte) error
}

// NewPasteGuard guards the terminal input r.
func NewPasteGuard(r io.Reader) *PasteGuard { return &PasteGuard{r: r, buf: make([]byte, 32<<10)} }

// GuardedInput is the terminal library's input: what a PasteGuard lets
// through from keys (the terminal), read in a goroutine and handed on
// through a pipe. The library puts the terminal in raw mode through Fd, as
// it would keys; it reads with a plain blocking read, and at exit does not
// wait for one in progress.
//
// Why a pipe: given a reader that is a whole file (descriptor and name),
// the library waits for the descriptor to be readable before each read of
// 4 KiB. With the guard itself (whose descriptor it had already drained),
// a paste of more than 4 KiB was handed on 4 KiB a key press: the rest
// waited for the next key. The pipe is read as soon as it holds anything.
//
// Once given the program's Send (Deliver), pastes skip the library
// altogether: the guard has them whole, and hands each to the UI as one
// message. The library would parse a paste a character at a time, an event
// and a rune slice each: 470 of the 500 ms a 1 MiB paste took to its result.
func GuardedInput(keys *os.File) (*GuardedReader, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	return &GuardedReader{tty: keys, r: r, w: w}, nil
}

// GuardedReader is GuardedInput's reader. It has the terminal's descriptor
// (for raw mode) but no name, so the library does not take it for a file
// it can poll.
type GuardedReader struct {
	tty  *os.File
	r, w *os.File // the pipe
	once sync.Once
	send func(tea.Msg)
	// written and read count the pipe's bytes, so that a paste is sent
	// once the library has read the keys before it.
	written, read atomic.Int64
}

// Deliver has pastes sent to the program with send (tea.Program.Send), as
// tea.PasteMsg, rather than through the library's parser. Call it before
// the program runs.
func (g *GuardedReader) Deliver(send func(tea.Msg)) { g.send = send }

// Read starts the guard on the first read (the terminal is in raw mode by
// then) and reads what it let through.
func (g *GuardedReader) Read(p []byte) (int, error) {
	g.once.Do(func() {
		guard := NewPasteGuard(g.tty)
		if send := g.send; send != nil {
			guard.flush = func(b []byte) error { return g.write(b) }
			guard.deliver = func(text string) {
				// The keys before the paste first: wait, briefly, until the
				// library has read them.
				for wait := 0; g.read.Load() < g.written.Load() && wait < 50; wait++ {
					time.Sleep(time.Millisecond)
				}
				send(tea.PasteMsg{Content: text})
			}
		}
		go pump(g, guard)
	})
	n, err := g.r.Read(p)
	g.read.Add(int64(n))
	return n, err
}

// write writes to the pipe, counting.
func (g *GuardedReader) write(b []byte) error {
	n, err := g.w.Write(b)
	g.written.Add(int64(n))
	return err
}

// Write writes to the terminal.
func (g *GuardedReader) Write(p []byte) (int, error) { return g.tty.Write(p) }

// Close closes the pipe's end the library reads.
func (g *GuardedReader) Close() error { return g.r.Close() }

// Fd is the terminal's descriptor, for its mode.
func (g *GuardedReader) Fd() uintptr { return g.tty.Fd() }

// pump copies what the guard lets through into w until either end fails:
// the terminal closes, or the program stops reading at its end (the
// process exits then).
func pump(in *GuardedReader, g *PasteGuard) {
	defer in.w.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := g.Read(buf)
		if n > 0 {
			if werr := in.write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Read hands on what is ready, reading the terminal when nothing is.
func (g *PasteGuard) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		n, err := g.r.Read(g.buf)
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
	if len(g.paste)+len(b) > cap(g.paste) {
		// Doubling, up to the limit: append would grow a large paste by a
		// quarter at a time, leaving four times the paste behind as garbage
		// on the way to 16 MiB, and a collector that lags counts it all.
		grown := make([]byte, len(g.paste), min(max(2*cap(g.paste), len(g.paste)+len(b), 64<<10), termtext.MaxInputSize))
		copy(grown, g.paste)
		g.paste = grown
	}
	g.paste = append(g.paste, b...)
}

// endPaste hands on the paste, or its refusal.
func (g *PasteGuard) endPaste() {
	if g.deliver != nil {
		text := string(g.paste)
		if g.size > termtext.MaxInputSize {
			text = tooLargePrefix + strconv.Itoa(g.size)
		}
		if len(g.out) > 0 && g.flush(g.out) == nil {
			g.out = g.out[:0]
		}
		g.inPaste, g.paste, g.size = false, nil, 0
		g.deliver(text)
		return
	}
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
