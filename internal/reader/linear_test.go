package reader

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/internal/lineartest"
)

// assertLinear fails when reading twice the input takes three times as
// long or more: a quadratic reader takes four.
func assertLinear(t *testing.T, n int, input func(n int) []byte, read func([]byte)) {
	t.Helper()
	if testing.Short() {
		t.Skip("timing")
	}
	small, large := input(n), input(2*n)
	lineartest.AssertLinear(t, func() { read(small) }, func() { read(large) })
}

// manyNewlines is the reproduction of issue 12: a value followed by a long
// run of newlines before the closing brace.
func manyNewlines(n int) []byte {
	return []byte(`{"user_hash":"ab","n": 1` + strings.Repeat("\n", n) + `}`)
}

// readerCases are the worst inputs found for each reader, as functions of
// a size.
var readerCases = []struct {
	name  string
	n     int
	input func(n int) []byte
	read  func([]byte)
}{
	{"request, folded header", 20000, func(n int) []byte {
		return []byte("POST / HTTP/1.1\r\nX-Folded: a\r\n" + strings.Repeat(" b\r\n", n) + "\r\n{}")
	}, func(b []byte) { Read(b, nil) }},
	{"request, many headers", 20000, func(n int) []byte {
		return []byte("POST / HTTP/1.1\r\n" + strings.Repeat("X-A: b\r\n", n) + "Content-Length: 2\r\n\r\n{}\n")
	}, func(b []byte) { Read(b, []Header{{Name: "X-Hub-Signature", Value: "sha1=00"}}) }},
	{"request, no blank line", 20000, func(n int) []byte {
		return []byte(strings.Repeat("X-A: b\n", n) + strings.Repeat("not a header line\n", n))
	}, func(b []byte) { Read(b, nil) }},
	{"curl, many headers", 10000, func(n int) []byte {
		return []byte("curl https://x.example " + strings.Repeat("-H 'X-A: b' ", n) + "--data-raw $'" + strings.Repeat(`\u00e9\x41`, n) + "'")
	}, func(b []byte) { Read(b, nil) }},
	{"curl, unclosed quote", 50000, func(n int) []byte {
		return []byte("curl https://x " + strings.Repeat(`-d "a\" `, n))
	}, func(b []byte) { Read(b, nil) }},
	{"chunked", 20000, func(n int) []byte {
		return []byte("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + strings.Repeat("1;x=y\r\na\r\n", n) + "0\r\n\r\n")
	}, func(b []byte) { Read(b, nil) }},
	{"JS object, issue 12", 100000, manyNewlines, func(b []byte) { ParseJSObject(b, 0) }},
	{"JS object, identifiers on lines", 50000, func(n int) []byte {
		return []byte("{a: x" + strings.Repeat("\n y", n) + "}")
	}, func(b []byte) { ParseJSObject(b, 0) }},
	{"JS object, quotes on lines", 50000, func(n int) []byte {
		return []byte("{a: x" + strings.Repeat("\n 'y' +", n) + "}")
	}, func(b []byte) { ParseJSObject(b, 0) }},
	{"JS object, comments and escapes", 5000, func(n int) []byte {
		return []byte("{" + strings.Repeat("/* c */ k: 'v\\u{41}\\ud83d\\ude00', // c\n", n) + "}")
	}, func(b []byte) { ParseJSObject(b, 0) }},
	{"JSON shape", 100000, func(n int) []byte {
		return []byte(`{"a":[` + strings.Repeat(`1.5e3, "x\u00e9", `, n) + `{"b":null}]}`)
	}, func(b []byte) { JSONShape(b) }},
	{"JSON shape, nesting", 100, func(n int) []byte {
		deep := strings.Repeat(`{"a":[`, 1000) + strings.Repeat("]}", 1000)
		return []byte("[" + strings.Repeat(deep+",", n) + "0]")
	}, func(b []byte) { JSONShape(b) }},
	{"settings marker", 20000, func(n int) []byte {
		return []byte(strings.Repeat("intercomSettings =  \n Intercom( 'boot' ", n) + "intercomSettings = {}")
	}, func(b []byte) { SettingsStart(b) }},
	{"reserialize", 500, func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, `"k%d":"v/é<%d>",`, n-i, i)
		}
		b.WriteString(`"z":[1,2,{"x":"\u00e9"}]}`)
		return b.Bytes()
	}, func(b []byte) {
		for range Reserialized(b) {
		}
	}},
	{"request, millions of headers", 2_000_000, func(n int) []byte {
		return []byte("POST / HTTP/1.1\r\n" + strings.Repeat("A: b\r\n", n) + "\r\n{}")
	}, func(b []byte) { Read(b, nil) }},
	{"curl, millions of line continuations", 1_000_000, func(n int) []byte {
		return []byte("curl https://x.example \\\n" + strings.Repeat("-H 'A: b' \\\n", n) + "-d '{}'")
	}, func(b []byte) { Read(b, nil) }},
}

// readerHolds read, as the memory of a case of readerCases is measured,
// in a way that lets the collector free what the reader has handed over and
// the caller has let go of.
var readerHolds = map[string]func([]byte){
	// Its 160 variants, each new, add up to a hundred times this body;
	// the collector, paced for a small heap, lets dozens of them wait
	// (see TestReserializedMemory).
	"reserialize": func(b []byte) {
		for range Reserialized(b) {
			runtime.GC()
		}
	},
}

func TestReadersAreLinear(t *testing.T) {
	for _, tt := range readerCases {
		t.Run(tt.name, func(t *testing.T) { assertLinear(t, min(tt.n, 100000), tt.input, tt.read) })
	}
}

// TestReadersMemoryIsBounded: no reader needs more than eight times its
// input at its peak (issue 12: 2 million headers took 930 MB for 16 MB).
// The allowance of 256 KiB covers what any run holds whatever its input.
func TestReadersMemoryIsBounded(t *testing.T) {
	for _, tt := range readerCases {
		t.Run(tt.name, func(t *testing.T) {
			input := tt.input(2 * tt.n)
			read := tt.read
			if hold, ok := readerHolds[tt.name]; ok {
				read = hold
			}
			if got, ok := lineartest.PeakHeapWithin(func() { read(input) }, 8*uint64(len(input))+256<<10, 9); !ok {
				t.Errorf("reading %d bytes needed %d at its peak (%.1f times the input)", len(input), got, float64(got)/float64(len(input)))
			}
		})
	}
}

// The reproduction of issue 12 took seconds; it must take milliseconds.
func TestJSObjectManyNewlinesIsFast(t *testing.T) {
	start := time.Now()
	obj, _, err := ParseJSObject(manyNewlines(16000), 0)
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := obj.Field("n"); !ok || n.Kind != JSNumber || n.Text != "1" {
		t.Errorf("n = %+v", n)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}

// The hand scan for a field on the next line decides as the regexp it
// replaced did, from every newline of many short inputs.
func TestStartsFieldIsTheOldRegexp(t *testing.T) {
	old := regexp.MustCompile(`^\n\s*(?:[A-Za-z_$][\w$]*|"[^"\n]*"|'[^'\n]*')\s*:`)
	const alphabet = "\n \t\r\f\va_$1\"':xé"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, rng.IntN(12)+1)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		b[0] = '\n'
		src := string(b)
		next := 1
		for next < len(src) && isRESpace(src[next]) {
			next++
		}
		if got, want := startsField(src, next), old.MatchString(src); got != want {
			t.Fatalf("%q: the scan says %v, the regexp %v", src, got, want)
		}
	}
}

// A key on the next line without a comma before it ends the value before
// it, whatever whitespace comes between, and is reported there.
func TestJSObjectMissingCommaAcrossBlankLines(t *testing.T) {
	src := "{a: x\n\n \t\n b : 1 }"
	_, _, err := ParseJSObject([]byte(src), 0)
	var readErr *Error
	if !errors.As(err, &readErr) || readErr.Offset != strings.IndexByte(src, 'b') || !strings.Contains(err.Error(), "after the value of a, found 'b'") {
		t.Errorf("got %v", err)
	}
}

func TestFoldedHeadersJoin(t *testing.T) {
	r, err := Read([]byte("POST / HTTP/1.1\nX-A:\n  one\n\ttwo \nX-B: b\n three\n\nbody"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := r.Header("X-A"); a != "one two" {
		t.Errorf("X-A = %q", a)
	}
	if b, _ := r.Header("X-B"); b != "b three" {
		t.Errorf("X-B = %q", b)
	}
}

// The hand scans that replaced regexps find what the regexps found.
func TestScansAreTheOldRegexps(t *testing.T) {
	settings := []*regexp.Regexp{
		regexp.MustCompile(`intercomSettings\s*(?:=|:)\s*(?:Object\.assign\(\s*)?\{`),
		regexp.MustCompile(`Intercom\(\s*['"](?:boot|update)['"]\s*,\s*\{`),
	}
	escape := regexp.MustCompile(`\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})`)
	words := []string{"intercomSettings", "Intercom(", "Object.assign(", "'boot'", `"update"`, "'", "boot", "=", ":", ",", "{", " ", "\n", "\v", "x", `\u`, "00", "7f", "80", "e9", "F", "g"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(8) + 1 {
			b.WriteString(words[rng.IntN(len(words))])
		}
		src := []byte(b.String())
		want, wantOK := -1, false
		for _, re := range settings {
			if loc := re.FindIndex(src); loc != nil {
				want, wantOK = loc[1]-1, true
				break
			}
		}
		if got, ok := SettingsStart(src); ok != wantOK || ok && got != want {
			t.Fatalf("SettingsStart(%q) = %d, %v; the regexps %d, %v", src, got, ok, want, wantOK)
		}
		if got, want := hasNonASCIIEscape(src), escape.Match(src); got != want {
			t.Fatalf("hasNonASCIIEscape(%q) = %v, the regexp %v", src, got, want)
		}
	}
}
