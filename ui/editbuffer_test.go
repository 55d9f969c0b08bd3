package ui

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/internal/report"
)

// TestEditBufferMatchesPlainBytes edits a buffer and a plain byte slice
// alike, at random places, taking snapshots as it goes: the buffer's text
// is always the slice's, and every snapshot still reads what the text was
// when it was taken, however the edits after it moved the gap.
func TestEditBufferMatchesPlainBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	b := newEditBuffer([]byte("hello, world"))
	want := []byte("hello, world")
	type taken struct {
		snap textSnapshot
		text string
	}
	var snaps []taken
	for i := range 4000 {
		switch op := rng.IntN(10); {
		case op < 4:
			b.SetCursor(rng.IntN(len(want) + 1))
			ins := strings.Repeat(string(rune('a'+i%26)), 1+rng.IntN(3))
			if rng.IntN(50) == 0 {
				ins = strings.Repeat("x", minGap+rng.IntN(100)) // past the gap: it grows
			}
			c := b.Cursor()
			b.Insert([]byte(ins))
			want = append(want[:c], append([]byte(ins), want[c:]...)...)
		case op < 7 && len(want) > 0:
			i := rng.IntN(len(want))
			j := min(len(want), i+1+rng.IntN(4))
			b.Delete(i, j)
			want = append(want[:i], want[j:]...)
		case op < 8 && len(snaps) < 8:
			snaps = append(snaps, taken{b.Snapshot(), string(want)})
		case op < 9 && len(snaps) > 0:
			k := rng.IntN(len(snaps))
			snaps[k].snap.release()
			snaps = append(snaps[:k], snaps[k+1:]...)
		}
		if got := b.Bytes(); !bytes.Equal(got, want) {
			t.Fatalf("step %d: the buffer reads %q, want %q", i, got, want)
		}
		for _, s := range snaps {
			if got, _ := s.snap.Bytes(); string(got) != s.text {
				t.Fatalf("step %d: a snapshot reads %q, it was taken as %q", i, got, s.text)
			}
		}
	}
	if n := len(want); b.IndexByte(0, 'h') != bytes.IndexByte(want, 'h') || n != b.Len() {
		t.Fatalf("IndexByte or Len disagree with the bytes")
	}
}

// TestSpliceMatchesAFullWrap types, deletes and moves at random places in
// text with line breaks, wide and escaped characters: after each edit the
// rows wrapped again around it are those a wrap of the whole text makes.
func TestSpliceMatchesAFullWrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	p := newInputText([]byte("ab\ncdefghijklmnop\n\nq\x1brs"), "")
	p.setWidth(12)
	pieces := []string{"x", "yz", "\n", "é", "世", "\x01", "\r\n", "long-run-of-ascii-text", ""}
	for i := range 3000 {
		p.buf.SetCursor(rng.IntN(p.size() + 1))
		switch rng.IntN(4) {
		case 0, 1:
			p.insert([]byte(pieces[rng.IntN(len(pieces))]))
		case 2:
			p.backspace()
		case 3:
			p.deleteForward()
		}
		full := appendSpans(nil, p.bytes(), 0, 11)
		if len(full) != len(p.view.spans) {
			t.Fatalf("step %d, %q: %d rows, a full wrap has %d", i, p.bytes(), len(p.view.spans), len(full))
		}
		for j := range full {
			if full[j] != p.view.spans[j] {
				t.Fatalf("step %d, %q: row %d is %v, a full wrap has %v", i, p.bytes(), j, p.view.spans[j], full[j])
			}
		}
	}
}

// BenchmarkEditBufferKeystroke is typing a character at the cursor and
// deleting it again, in the middle of 1 KiB, 1 MiB and 16 MiB, with the
// input pane's rows wrapped again around it and drawn (a 40-row window of
// a text of 60-byte lines): the cost does not grow with the text.
func BenchmarkEditBufferKeystroke(b *testing.B) {
	st := NewStyles(true, true)
	for _, size := range []int{1 << 10, 1 << 20, 16 << 20} {
		b.Run(report.ByteCount(size), func(b *testing.B) {
			line := strings.Repeat("0123456789", 6)[:59] + "\n"
			p := newInputText([]byte(strings.Repeat(line, size/len(line))), "")
			p.setWidth(80)
			p.view.cursorOn = true
			p.moveTo(p.size() / 2)
			keys := []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p.typeKey(keys[i%2])
				_ = p.view.rows(&st, 40)
			}
		})
	}
}
