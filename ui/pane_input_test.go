package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Typing appends in place only into an array the input pane owns and past
// every byte a running analysis reads; otherwise it copies.
func TestAppendsNeverWriteBytesSomethingElseReads(t *testing.T) {
	var p inputText
	p.view.setWidth(40)
	p.appendBytes([]byte("abcdef"), 0)
	p.appendBytes([]byte("g"), 0)
	reading := p.data[:len(p.data):len(p.data)] // an analysis of "abcdefg"
	p.backspace()
	p.appendBytes([]byte("X"), len(reading))
	if string(reading) != "abcdefg" || string(p.data) != "abcdefX" {
		t.Fatalf("the analysis reads %q, the input is %q", reading, p.data)
	}
	// With nothing reading past the end, the append goes in place.
	before := &p.data[0]
	p.backspace()
	p.appendBytes([]byte("Y"), 0)
	if &p.data[0] != before || string(p.data) != "abcdefY" {
		t.Fatalf("an append with nothing reading copied or lost bytes: %q", p.data)
	}

	// A demo sample's bytes are shared with the sample list: never written.
	sample := []byte("sample-input-with-room")[:12]
	sample = append(sample[:12:12], make([]byte, 0, 64)...)
	p.replace(sample, true)
	p.backspace()
	p.appendBytes([]byte("Z"), 0)
	if string(sample) != "sample-input" || string(p.data) != "sample-inpuZ" {
		t.Fatalf("the sample became %q, the input %q", sample, p.data)
	}
}

// The model knows how far the running analysis reads the input until its
// result arrives, stale or not; a newer request waits for it.
func TestInflightAnalysesHoldTheInput(t *testing.T) {
	m := newTestModel(t, Options{Secrets: testSecrets(), Input: []byte("alice@example.com"), NoColor: true, Clipboard: &recordingClipboard{}}, 120, 40)
	if m.held() != 0 {
		t.Fatalf("nothing runs, yet %d bytes are held", m.held())
	}
	_, first := m.Update(keyMsg("x"))
	_, second := m.Update(keyMsg("backspace"))
	if m.held() != len("alice@example.comx") {
		t.Fatalf("the analysis of the longer input runs, holding 18 bytes, the newer waits; held is %d", m.held())
	}
	drive(t, m, second)
	if m.held() != len("alice@example.comx") {
		t.Fatalf("the first analysis still runs; held is %d", m.held())
	}
	drive(t, m, first) // its stale result is dropped, it has stopped reading, and the latest input's runs
	if m.held() != 0 || string(m.input.data) != "alice@example.com" || !strings.Contains(screen(m), "alice@example.com") {
		t.Fatalf("held %d, input %q", m.held(), m.input.data)
	}
}

// TestTypingWhileAnalysesRun types and deletes while the analyses the
// keystrokes start run on other goroutines, as the program runs them; run
// it with -race: no analysis may read bytes a keystroke writes.
func TestTypingWhileAnalysesRun(t *testing.T) {
	input := strings.Repeat("A", 64<<10)
	m := newTestModel(t, Options{Secrets: testSecrets(), Input: []byte(input), NoColor: true, Clipboard: &recordingClipboard{}}, 120, 40)
	results := make(chan tea.Msg, 1024)
	running := 0
	run := func(cmd tea.Cmd) {
		if cmd != nil {
			running++
			go func() { results <- cmd() }()
		}
	}
	deliver := func(msg tea.Msg) {
		running--
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				run(c)
			}
		} else if msg != nil {
			_, next := m.Update(msg)
			run(next)
		}
	}
	keys := []string{"x", "y", "backspace", "z", "backspace", "backspace", "q"}
	want := []byte(input)
	for i := range 300 {
		k := keys[i%len(keys)]
		if k == "backspace" {
			want = want[:len(want)-1]
		} else {
			want = append(want, k...)
		}
		_, cmd := m.Update(keyMsg(k))
		run(cmd)
		for len(results) > 0 {
			deliver(<-results)
		}
	}
	for running > 0 {
		deliver(<-results)
	}
	if !bytes.Equal(m.input.data, want) || m.held() != 0 {
		t.Fatalf("the input ends %q, want %q; analyses hold %d bytes", m.input.data[len(input)-4:], want[len(input)-4:], m.held())
	}
}
