package ui

import "testing"

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
