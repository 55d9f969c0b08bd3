package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// echoWork writes "number:line" records and fails lines that say "bad".
func echoWork(line []byte, number int, out []byte) ([]byte, bool) {
	out = append(out, strconv.Itoa(number)...)
	out = append(out, ':')
	out = append(out, line...)
	return append(out, '\n'), string(line) != "bad"
}

func TestForEachLineKeepsOrderAcrossBatches(t *testing.T) {
	var in, want strings.Builder
	for i := 1; i <= 3*batchLines+17; i++ {
		fmt.Fprintf(&in, "record-%d\n", i)
		fmt.Fprintf(&want, "%d:record-%d\n", i, i)
	}
	var out bytes.Buffer
	lines, fails, err := forEachLine(strings.NewReader(in.String()), &out, echoWork)
	if err != nil || lines != 3*batchLines+17 || fails != 0 {
		t.Fatalf("lines %d fails %d err %v", lines, fails, err)
	}
	if out.String() != want.String() {
		t.Fatal("records came out of order or changed")
	}
}

func TestForEachLineEdges(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"\n", "1:\n"},
		{"a", "1:a\n"},
		{"a\r\nb\r\n", "1:a\n2:b\n"},
		{"a\n\nbad\n", "1:a\n2:\n3:bad\n"},
	}
	for _, tc := range cases {
		var out bytes.Buffer
		_, fails, err := forEachLine(strings.NewReader(tc.in), &out, echoWork)
		if err != nil || out.String() != tc.want {
			t.Errorf("%q: got %q (err %v), want %q", tc.in, out.String(), err, tc.want)
		}
		if wantFails := strings.Count(tc.in, "bad"); fails != wantFails {
			t.Errorf("%q: fails %d, want %d", tc.in, fails, wantFails)
		}
	}
}

func TestForEachLineReadsALineLongerThanTheBuffer(t *testing.T) {
	long := strings.Repeat("x", 3<<20)
	var out bytes.Buffer
	lines, _, err := forEachLine(strings.NewReader("a\n"+long+"\nb"), &out, func(line []byte, n int, out []byte) ([]byte, bool) {
		return fmt.Appendf(out, "%d:%d\n", n, len(line)), true
	})
	if err != nil || lines != 3 || out.String() != fmt.Sprintf("1:1\n2:%d\n3:1\n", len(long)) {
		t.Fatalf("lines %d err %v out %q", lines, err, out.String())
	}
}
