package ui

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/internal/lineartest"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// through writes input into a pipe in chunks of the given size, as a
// terminal delivers it, and returns what a PasteGuard on the pipe hands on.
func through(t *testing.T, input []byte, chunk int) []byte {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for len(input) > 0 {
			n := min(chunk, len(input))
			w.Write(input[:n])
			input = input[n:]
		}
		w.Close()
	}()
	defer r.Close()
	out, err := io.ReadAll(NewPasteGuard(r))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPasteGuardPassesKeysAndSmallPastes(t *testing.T) {
	keys := "abc\x1b[A\x1b[1;5Cq\x1b[2"
	paste := "\x1b[200~" + strings.Repeat("pasted text\r\n", 100) + "\x1b[201~"
	input := []byte(keys + paste + "z" + paste)
	for _, chunk := range []int{1, 2, 3, 5, 7, 64, 1 << 20} {
		if got := through(t, input, chunk); !bytes.Equal(got, input) {
			t.Fatalf("chunks of %d: got %q", chunk, got)
		}
	}
}

// TestPasteGuardRefusesALargePasteAsItArrives: 64 MiB pasted gives a short
// refusal naming its size, holds at most the input limit meanwhile, and
// the keys after it still pass (issue 12: the paste peaked at 1.2 GB).
func TestPasteGuardRefusesALargePasteAsItArrives(t *testing.T) {
	const size = 64 << 20
	input := append(append(append([]byte("k\x1b[200~"), bytes.Repeat([]byte("x"), size)...), "\x1b[201~"...), "q"...)
	var out []byte
	limit := uint64(termtext.MaxInputSize) * 3
	peak, ok := lineartest.PeakHeapWithin(func() { out = through(t, input, 32<<10) }, limit, 5)
	want := "k\x1b[200~" + tooLargePrefix + "67108864\x1b[201~q"
	if string(out) != want {
		t.Fatalf("got %.200q, want %q", out, want)
	}
	if !ok {
		t.Errorf("the guard held %d MiB at its peak for a 64 MiB paste", peak>>20)
	}
	// The UI says so and keeps its input.
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, "kept")
	_, cmd := m.Update(tea.PasteMsg{Content: tooLargePrefix + "67108864"})
	drive(t, m, cmd)
	if string(m.input.bytes()) != "kept" {
		t.Fatalf("the input is %q", m.input.bytes())
	}
	requireScreen(t, m, "the paste is 64.0 MiB, more than the 16.0 MiB sealpeek reads as one input")
}

// TestPasteGuardDeliversPastesWhole: with a deliverer, each paste (or its
// refusal) is handed over whole, the keys before it flushed first, and only
// the keys pass as bytes: the library no longer parses pastes a character
// at a time. Read as the pump reads it, the keys and pastes keep their
// order however the terminal cuts the input.
func TestPasteGuardDeliversPastesWhole(t *testing.T) {
	paste := strings.Repeat("pasted text\r\n", 1000)
	input := []byte("ab\x1b[200~" + paste + "\x1b[201~c\x1b[200~x\x1b[201~d")
	for _, chunk := range []int{1, 7, 4096, 1 << 20} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			for rest := input; len(rest) > 0; rest = rest[min(chunk, len(rest)):] {
				w.Write(rest[:min(chunk, len(rest))])
			}
			w.Close()
		}()
		var got strings.Builder
		g := NewPasteGuard(r)
		g.flush = func(b []byte) error { got.Write(b); return nil }
		g.deliver = func(text string) {
			if text == paste {
				text = "P"
			}
			got.WriteString("[" + text + "]")
		}
		buf := make([]byte, 4096)
		for {
			n, err := g.Read(buf)
			got.Write(buf[:n])
			if err != nil {
				break
			}
		}
		r.Close()
		if got.String() != "ab[P]c[x]d" {
			t.Fatalf("chunks of %d: %q, want the keys and the two pastes in order", chunk, got.String())
		}
	}
}
