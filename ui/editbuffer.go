package ui

import (
	"bytes"
	"sync/atomic"
)

// editBuffer is the input's bytes with a cursor: a gap buffer. The text is
// buf[:gs] followed by buf[ge:]; the gap between them is where typing at
// the cursor goes, so a key typed into a megabyte writes a byte, not the
// megabyte. The cursor moves freely; the gap follows it at the next edit,
// carrying the bytes between them across once.
//
// Analyses read the text off the update loop, and ctrl+z keeps an old
// text: each takes a snapshot, which holds the bytes outside the gap as it
// was. An edit that would write a held byte first moves the text to an
// array of its own (copy on write), so a snapshot never changes under its
// reader. A snapshot read to its end, or no longer kept, is released.
type editBuffer struct {
	buf    []byte // the text is buf[:gs] then buf[ge:]
	gs, ge int
	cursor int // 0..Len(); always at the start of a UTF-8 sequence the edits made
	holds  []*bufHold
}

// bufHold is a snapshot's claim on buf: every byte outside [lo, hi), the
// gap when it was taken.
type bufHold struct {
	lo, hi int
	done   atomic.Bool // set once the holder reads the bytes no longer
}

// textSnapshot is the text as it was when taken: a then b. It stays
// unchanged until released (see editBuffer).
type textSnapshot struct {
	a, b []byte
	hold *bufHold
}

// minGap is the least room an edit buffer makes for typing; it makes
// more, in proportion to the text, so growing is rare and amortised.
const minGap = 4 << 10

// newEditBuffer holds a copy of text, with the cursor at its end.
func newEditBuffer(text []byte) editBuffer {
	gap := minGap + len(text)/8
	buf := make([]byte, len(text)+gap)
	copy(buf, text)
	return editBuffer{buf: buf, gs: len(text), ge: len(buf), cursor: len(text)}
}

// Len is the text's length in bytes.
func (b *editBuffer) Len() int { return len(b.buf) - (b.ge - b.gs) }

// Cursor is the cursor's offset in the text.
func (b *editBuffer) Cursor() int { return b.cursor }

// SetCursor moves the cursor to offset i, kept within the text.
func (b *editBuffer) SetCursor(i int) { b.cursor = min(max(i, 0), b.Len()) }

// Slice is the text's bytes [i, j). It shares the buffer's array unless
// the range spans the gap, and is valid until the next edit.
func (b *editBuffer) Slice(i, j int) []byte {
	gap := b.ge - b.gs
	switch {
	case j <= b.gs:
		return b.buf[i:j:j]
	case i >= b.gs:
		return b.buf[i+gap : j+gap : j+gap]
	}
	out := make([]byte, 0, j-i)
	out = append(out, b.buf[i:b.gs]...)
	return append(out, b.buf[b.ge:j+gap]...)
}

// At is the text's byte at offset i.
func (b *editBuffer) At(i int) byte {
	if i < b.gs {
		return b.buf[i]
	}
	return b.buf[i+b.ge-b.gs]
}

// IndexByte is the offset of the first c at or after from, or -1.
func (b *editBuffer) IndexByte(from int, c byte) int {
	if from < b.gs {
		if k := bytes.IndexByte(b.buf[from:b.gs], c); k >= 0 {
			return from + k
		}
		from = b.gs
	}
	gap := b.ge - b.gs
	if k := bytes.IndexByte(b.buf[from+gap:], c); k >= 0 {
		return from + k
	}
	return -1
}

// Bytes is the whole text, contiguous: shared when the gap is at its end,
// else a copy. It is valid until the next edit.
func (b *editBuffer) Bytes() []byte { return b.Slice(0, b.Len()) }

// Insert puts p at the cursor and moves the cursor past it.
func (b *editBuffer) Insert(p []byte) {
	if len(p) == 0 {
		return
	}
	b.moveGap(b.cursor)
	if b.ge-b.gs < len(p) {
		b.grow(len(p))
	}
	b.writable(b.gs, b.gs+len(p))
	copy(b.buf[b.gs:], p)
	b.gs += len(p)
	b.cursor = b.gs
}

// Delete removes the bytes [i, j) and puts the cursor at i. It writes no
// byte of the text: the gap widens over them.
func (b *editBuffer) Delete(i, j int) {
	i, j = max(i, 0), min(j, b.Len())
	if i >= j {
		return
	}
	b.moveGap(i)
	b.ge += j - i
	b.cursor = i
}

// Snapshot is the text as it is now, held unchanged until released.
func (b *editBuffer) Snapshot() textSnapshot {
	h := &bufHold{lo: b.gs, hi: b.ge}
	b.holds = append(b.holds, h)
	return textSnapshot{a: b.buf[:b.gs:b.gs], b: b.buf[b.ge:len(b.buf):len(b.buf)], hold: h}
}

// moveGap moves the gap to offset to, carrying the bytes between across.
func (b *editBuffer) moveGap(to int) {
	switch {
	case to < b.gs:
		n := b.gs - to
		b.writable(b.ge-n, b.ge)
		copy(b.buf[b.ge-n:b.ge], b.buf[to:b.gs])
		b.gs, b.ge = to, b.ge-n
	case to > b.gs:
		n := to - b.gs
		b.writable(b.gs, b.gs+n)
		copy(b.buf[b.gs:b.gs+n], b.buf[b.ge:b.ge+n])
		b.gs, b.ge = to, b.ge+n
	}
}

// writable makes buf[i:j] safe to write: when a snapshot still holds any of
// it, the text moves to an array of its own first (same offsets), leaving
// the old array to the snapshots.
func (b *editBuffer) writable(i, j int) {
	held := false
	live := b.holds[:0]
	for _, h := range b.holds {
		if h.done.Load() {
			continue
		}
		live = append(live, h)
		if i < h.lo || j > h.hi {
			held = true
		}
	}
	clear(b.holds[len(live):])
	b.holds = live
	if held {
		b.realloc(b.ge - b.gs)
	}
}

// grow makes the gap at least n bytes.
func (b *editBuffer) grow(n int) { b.realloc(n + minGap + b.Len()/8) }

// realloc moves the text to a new array with a gap of gap bytes at the
// same offset. Nothing holds the new array.
func (b *editBuffer) realloc(gap int) {
	tail := len(b.buf) - b.ge
	buf := make([]byte, b.gs+gap+tail)
	copy(buf, b.buf[:b.gs])
	copy(buf[b.gs+gap:], b.buf[b.ge:])
	b.buf, b.ge = buf, b.gs+gap
	clear(b.holds)
	b.holds = b.holds[:0]
}

// Len is the snapshot's length.
func (s textSnapshot) Len() int { return len(s.a) + len(s.b) }

// Bytes is the snapshot's text, contiguous: its first part when the gap was
// at the end, else a copy (after which the snapshot no longer needs the
// buffer's bytes, and may be released).
func (s textSnapshot) Bytes() (text []byte, copied bool) {
	if len(s.b) == 0 {
		return s.a, false
	}
	out := make([]byte, 0, s.Len())
	return append(append(out, s.a...), s.b...), true
}

// release says the snapshot's bytes are no longer read: the buffer may
// write them again.
func (s textSnapshot) release() {
	if s.hold != nil {
		s.hold.done.Store(true)
	}
}
