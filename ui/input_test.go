package ui

import (
	"strings"
	"testing"
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

// TestATypedHeaderDoesNotOutliveItsInput: a signature header typed for one
// body is not applied to the next input: clearing the input empties it,
// and ctrl+z brings both back (issue 13, bug 1).
func TestATypedHeaderDoesNotOutliveItsInput(t *testing.T) {
	c := captureCase(t, "webhook-ping")
	opts, _ := captureOptions(t, c)
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, `{"type":"notification_event"}`)
	press(t, m, "ctrl+g")
	paste(t, m, "X-Hub-Signature: sha1="+strings.Repeat("0", 40))
	press(t, m, "ctrl+g", "ctrl+u") // back to the input, and clear it
	if m.focus != paneInput {
		t.Fatalf("focus %v, want the input", m.focus)
	}
	if m.input.header.Value() != "" {
		t.Fatalf("ctrl+u left the typed header %q", m.input.header.Value())
	}
	paste(t, m, captureInput(t, c))
	if hasDiagnosis(m, "signature_mismatch") || hasDiagnosis(m, "header_replaced") || !m.result.ok {
		t.Fatalf("the old header was applied to the new request: %+v", m.result.diagnoses)
	}
	press(t, m, "ctrl+z")
	if string(m.input.data) != "" || m.input.header.Value() != "" {
		t.Fatalf("ctrl+z after the paste: input %q header %q, want the cleared state", m.input.data, m.input.header.Value())
	}
}

// TestUndoTakesBackAnAppendedPaste: a paste appended to typed text is what
// ctrl+z takes back, not an older clear (issue 13, bug 10).
func TestUndoTakesBackAnAppendedPaste(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "first paste")
	press(t, m, "ctrl+u")
	press(t, m, "a", "b", "c")
	paste(t, m, "def")
	if string(m.input.data) != "abcdef" {
		t.Fatalf("input %q, want the paste appended to what was typed", m.input.data)
	}
	press(t, m, "ctrl+z")
	if string(m.input.data) != "abc" {
		t.Fatalf("ctrl+z gave %q, want the typed text before the paste", m.input.data)
	}
}
