package cli

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

// inertJSON encodes v as writeJSON does, compactly, without the newline.
func inertJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // strings and notes always encode
	}
	return termtext.EscapeJSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// appendCompactJSON appends valid JSON without the whitespace between its
// tokens, as encoding/json writes a json.RawMessage, but without checking
// it again: crypto has checked it. Runs without whitespace are copied whole.
func appendCompactJSON(dst, src []byte) []byte {
	from := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			i = stringEnd(src, i)
		case ' ', '\t', '\n', '\r':
			dst = append(dst, src[from:i]...)
			from = i + 1
		}
	}
	return append(dst, src[from:]...)
}

// stringEnd returns the index of the quote that closes the JSON string
// opened at src[open], or len(src) when none does.
func stringEnd(src []byte, open int) int {
	for i := open + 1; i < len(src); i++ {
		switch src[i] {
		case '"':
			return i
		case '\\':
			i++
		}
	}
	return len(src)
}

// appendInertJSON appends compact JSON as encoding/json writes a
// json.RawMessage of it, made inert as termtext.EscapeJSON makes it. Runs
// of printable ASCII, which need nothing, are copied eight bytes at a time;
// only what lies between them goes through termtext.EscapeJSON (which
// escapes rune by rune, so the pieces escape as the whole would).
func appendInertJSON(out, src []byte) []byte {
	for len(src) > 0 {
		i := 0
		for i+8 <= len(src) && printableWord(binary.LittleEndian.Uint64(src[i:])) {
			i += 8
		}
		for i < len(src) && printableASCII(src[i]) {
			i++
		}
		out = append(out, src[:i]...)
		if src = src[i:]; len(src) == 0 {
			break
		}
		j := 1
		for j < len(src) && !printableASCII(src[j]) {
			j++
		}
		out = termtext.AppendEscapeJSON(out, src[:j])
		src = src[j:]
	}
	return out
}

func printableASCII(c byte) bool { return c-0x20 < 0x7f-0x20 }

// printableWord reports whether the eight bytes of x are all printable
// ASCII (0x20 to 0x7e). A carry or borrow between bytes can only make it
// say no of printable bytes, which the caller then takes one by one.
func printableWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x|(x-0x20*ones)|(x+ones))&highs == 0
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off, made inert as termtext.EscapeJSON makes it. Printable ASCII
// without a quote or a backslash, most of what records hold, needs neither
// and is copied as it is; anything else goes through inertJSON.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return append(dst, inertJSON(s)...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// linesFlagHelp is the --lines flag's help, the same for every verb.
const linesFlagHelp = "batch mode: one input per line of FILE or standard input, one compact JSON result per line (with its \"line\" number), in order"

// runLines is the --lines mode of a verb: the work of one worker (newWork
// makes one for each, which may keep its own buffers and keyed states
// across its lines) turns each line of FILE (or standard input for "" and
// "-") into one JSON record, on every core, and the records stream to
// standard output in input order. It returns 0 when every record is ok, 1
// when one is not, and 2 when the input cannot be read.
func runLines(e *env, verb, name string, newWork func() lineWork) int {
	r, what, err := openInput(e, name, "sealpeek: reading standard input, one input per line; press Ctrl-D to finish")
	if err != nil {
		return fail(e, verb, err)
	}
	defer r.Close()
	lines, fails, err := forEachLineEach(r, e.stdout, newWork)
	if err != nil {
		var we writeError
		if !errors.As(err, &we) {
			err = fmt.Errorf("cannot read %s: %w", what, err)
		}
		return fail(e, verb, err)
	}
	if lines == 0 {
		// Nothing failed, so the exit code stays 0, but a script's log
		// should say that its log or pipe was empty.
		fmt.Fprintf(e.stderr, "sealpeek %s: %s has no lines: nothing was checked\n", verb, what)
		return exitOK
	}
	if fails > 0 {
		fmt.Fprintf(e.stderr, "sealpeek %s: %d of %d %s not ok\n", verb, fails, lines, termtext.Plural(lines, "line is", "lines are"))
		return exitMismatch
	}
	return exitOK
}

// writeError is a failure to write the records, told apart from one to read
// the lines.
type writeError struct{ err error }

func (e writeError) Error() string { return "cannot write the results: " + e.err.Error() }

func (e writeError) Unwrap() error { return e.err }

// recordBuffers keep one encoding buffer per worker warm.
var recordBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// appendRecord appends v, a verb's --json result, to out as one line of
// compact JSON with "line" as its first field, made inert for terminals as
// writeJSON makes the --json output.
func appendRecord(out []byte, line int, v any) []byte {
	buf := recordBuffers.Get().(*bytes.Buffer)
	defer recordBuffers.Put(buf)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(line), 10)
	if err := enc.Encode(v); err != nil {
		out = append(out, `,"ok":false,"error":`...)
		out = strconv.AppendQuote(out, err.Error())
		return append(out, "}\n"...)
	}
	body := buf.Bytes() // "{...}\n"
	if len(body) > len("{}\n") {
		out = append(out, ',')
	}
	return append(out, termtext.EscapeJSON(body[1:])...)
}

// lineWork turns one input line into one output record appended to out,
// and says whether the record is a success.
type lineWork func(line []byte, number int, out []byte) ([]byte, bool)

// batch is a run of consecutive lines, processed by one worker.
type batch struct {
	first int      // the line number of lines[0], from 1
	lines [][]byte // slices of arena
	arena []byte
	out   []byte
	fails int
	done  chan struct{}
}

// Batches trade latency for throughput: large enough that handing one to a
// worker costs little next to the work in it, small enough that results
// stream and memory stays bounded at a few batches per worker. A batch
// holds what one read gives (readSize), at most batchLines lines, and
// always at least one whole line.
const batchLines = 512

// forEachLine applies work to every line of r on every core and writes the
// records to w in input order as soon as each batch is done. Memory stays
// bounded: at most a few batches per worker are in flight. A final newline
// does not start another line; an empty line in the middle is a line.
func forEachLine(r io.Reader, w io.Writer, work lineWork) (lines, fails int, err error) {
	return forEachLineEach(r, w, func() lineWork { return work })
}

// forEachLineEach is forEachLine with one lineWork per worker, made by
// newWork.
func forEachLineEach(r io.Reader, w io.Writer, newWork func() lineWork) (lines, fails int, err error) {
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *batch, workers)
	inOrder := make(chan *batch, 2*workers)
	// Written batches are re-used, buffers and all: a batch's output grows
	// to its size once, not once per batch. At most inFlight batches are
	// ever made (one being read, one a worker, one or two being written):
	// fresh memory is dear (a page fault a page), and more batches would
	// only wait.
	inFlight := 2*workers + 1
	free := make(chan *batch, inFlight)
	made := 0 // read and written by the reading goroutine alone
	get := func(first int) *batch {
		var b *batch
		select {
		case b = <-free:
		default:
			if made < inFlight {
				made++
				return newBatch(first)
			}
			b = <-free
		}
		b.first, b.lines, b.arena, b.out, b.fails, b.done = first, b.lines[:0], b.arena[:0], b.out[:0], 0, make(chan struct{})
		return b
	}
	for range workers {
		work := newWork()
		go func() {
			for b := range todo {
				for i, line := range b.lines {
					var ok bool
					b.out, ok = work(line, b.first+i, b.out)
					if !ok {
						b.fails++
					}
					if i == 0 && len(b.lines) > 1 && cap(b.out) < len(b.out)*len(b.lines) {
						// The records of a batch are mostly alike: room for
						// them all, an eighth more, in one allocation rather
						// than doubling (each doubling fresh memory, a page
						// fault a page).
						b.out = slices.Grow(b.out, len(b.out)*(len(b.lines)-1)+len(b.out)*len(b.lines)/8)
					}
				}
				close(b.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(todo)
		defer close(inOrder)
		readErr <- readBatches(r, get, func(b *batch) {
			todo <- b
			inOrder <- b
		})
	}()
	var writeErr error
	for b := range inOrder {
		<-b.done
		lines += len(b.lines)
		fails += b.fails
		if writeErr == nil {
			_, writeErr = w.Write(b.out)
		}
		free <- b // never blocks: it holds every batch made
	}
	if err = <-readErr; err == nil && writeErr != nil {
		err = writeError{writeErr}
	}
	return lines, fails, err
}

// readSize is how much readBatches asks of the input at a time: a batch's
// arena is made this size, and grows when a read would have less than a
// quarter of it.
// A read is a system call, which costs about 10 µs on this virtual
// machine: at 32 KiB a read, 88 MB of sealed users took 2,274 of them.
const readSize = 64 << 10

// readBatches cuts r into batches of lines, got from get, and hands each to
// emit. It reads straight into each batch's arena, which then holds whole
// lines: the start of a line a read cut goes to the next batch. A line
// longer than termtext.MaxInputSize is an error naming it, after the lines
// before it are emitted.
func readBatches(r io.Reader, get func(first int) *batch, emit func(*batch)) error {
	next := 1
	var carry, spare []byte
	for {
		b := get(next)
		b.arena = append(b.arena[:0], carry...)
		carry = carry[:0]
		var err error
		// What was carried may hold whole lines already; else read until a
		// line ends, looking for its end only in what each read brings.
		for found, empty := bytes.IndexByte(b.arena, '\n') >= 0, 0; !found; {
			if cap(b.arena)-len(b.arena) < readSize/4 {
				b.arena = slices.Grow(b.arena, max(readSize, len(b.arena)))
			}
			n, rerr := r.Read(b.arena[len(b.arena):cap(b.arena)])
			b.arena = b.arena[:len(b.arena)+n]
			if empty++; n > 0 {
				empty = 0
			} else if rerr == nil && empty == 100 { // as bufio gives up on a reader that never reads
				rerr = io.ErrNoProgress
			}
			if rerr != nil {
				err = rerr
				break
			}
			found = bytes.IndexByte(b.arena[len(b.arena)-n:], '\n') >= 0
			if !found && len(b.arena) > termtext.MaxInputSize+1 {
				return emitWith(b, emit, tooLong(next))
			}
		}
		whole := b.arena
		if err == nil {
			last := bytes.LastIndexByte(b.arena, '\n')
			whole, carry = b.arena[:last+1], append(carry, b.arena[last+1:]...)
		}
		for len(whole) > 0 {
			line := whole
			if i := bytes.IndexByte(whole, '\n'); i >= 0 {
				line, whole = whole[:i:i], whole[i+1:]
				if n := len(line); n > 0 && line[n-1] == '\r' {
					line = line[: n-1 : n-1]
				}
			} else {
				whole = nil // the last line, without a line end: kept as it is
			}
			if len(line) > termtext.MaxInputSize {
				return emitWith(b, emit, tooLong(next))
			}
			b.lines = append(b.lines, line)
			next++
			if len(b.lines) == batchLines && len(whole) > 0 {
				// The rest goes to the next batch, before what was carried.
				spare = append(append(spare[:0], whole...), carry...)
				carry, spare = spare, carry
				break
			}
		}
		if len(b.lines) > 0 {
			emit(b)
		}
		if errors.Is(err, io.EOF) && len(carry) == 0 {
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
	}
}

// emitWith emits b when it holds lines, and returns err.
func emitWith(b *batch, emit func(*batch), err error) error {
	if len(b.lines) > 0 {
		emit(b)
	}
	return err
}

func tooLong(number int) error {
	return fmt.Errorf("line %d is longer than %d MiB, the most sealpeek reads as one input", number, termtext.MaxInputSize>>20)
}

func newBatch(first int) *batch {
	return &batch{first: first, done: make(chan struct{})}
}
