package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
	"github.com/sealpeek/sealpeek/internal/termtext"
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

// sealFor seals plaintext as Intercom does, with a fixed IV.
func sealFor(t *testing.T, secret string, plaintext []byte) string {
	t.Helper()
	c, err := crypto.NewSheetCipher(crypto.SheetKey([]byte(secret)))
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := c.Seal(bytes.Repeat([]byte{7}, crypto.IVSize), plaintext)
	if err != nil {
		t.Fatal(err)
	}
	return crypto.EncodeSheetUser(sealed)
}

// testLines is one line per fixture input that fits on a line, and users
// whose plaintexts test the hand-written record: whitespace to compact,
// escapes, HTML characters, controls and bidirectional marks, invalid
// UTF-8, and plaintexts that are not JSON; then lines that do not open.
func testLines(t *testing.T, secret string) []string {
	var lines []string
	for _, v := range fixtures.SheetUsers() {
		if v.Secret == secret && !strings.ContainsAny(v.Input, "\r\n") {
			lines = append(lines, v.Input)
		}
	}
	for _, p := range []string{
		`{"a": 1, "b" : [ 1 , 2 ],` + "\n\t" + `"c": "x y"}`,
		` {"s":"quote \" backslash \\ end \\\\","t":"\"","u":"\\\""} `,
		`{"html":"<b>&amp;</b>","ls":"` + "\u2028\u2029" + `"}`,
		`{"c1":"` + "\u009b" + `","bidi":"` + "\u202e" + `","del":"` + "\x7f" + `","ok":"Zoë 👩‍💻 ’…"}`,
		`{"bad":"` + "\xff\xfe" + `"}`,
		`{"escaped":"\u001b[31m \u0000 \ud83d\ude80"}`,
		`[1, 2.5e3, true, false, null, "x"]`,
		`"a bare string"`,
		`12`,
		`not json at all`,
		"binary \x00\x01\xff",
		"",
	} {
		lines = append(lines, sealFor(t, secret, []byte(p)))
	}
	other := sealFor(t, "another secret", []byte(`{"a":1}`))
	return append(lines, other, "", "not base64 !", strings.TrimRight(other, "="), `{"user":"`+other+`"}`)
}

func TestAppendCompactJSONIsEncodingJSONsCompact(t *testing.T) {
	for _, in := range []string{
		`{}`, ` [ ] `, "{\n  \"a\" : [ 1 ,\t2 ],\r\n \"b\":\"x  y\" }",
		`{"s":"\" \\ \\\" \\\\"}`, `"\\\\\\\"  "`, `[ "a\\", "b" ]`, `{"k":"v"} `,
	} {
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(in)); err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if got := appendCompactJSON([]byte("x"), []byte(in)); string(got) != "x"+want.String() {
			t.Errorf("appendCompactJSON(%q) = %q, want %q", in, got[1:], want.String())
		}
	}
}

func FuzzAppendCompactJSON(f *testing.F) {
	f.Add(`{"a": [1, "b \" c"], "d" : {"e":null}}`)
	f.Fuzz(func(t *testing.T, in string) {
		if !json.Valid([]byte(in)) {
			return
		}
		var want bytes.Buffer
		json.Compact(&want, []byte(in))
		if got := appendCompactJSON(nil, []byte(in)); string(got) != want.String() {
			t.Fatalf("appendCompactJSON(%q) = %q, want %q", in, got, want.String())
		}
	})
}

// sameRecords holds every record of a --lines run to the --json output of
// the same verb on that line alone: the same object, compact, with "line"
// first.
func sameRecords(t *testing.T, lines []string, batch cliRun, single func(line string) cliRun) {
	t.Helper()
	records := strings.SplitAfter(batch.stdout, "\n")
	records = records[:len(records)-1]
	if len(records) != len(lines) {
		t.Fatalf("%d records for %d lines; stderr %q", len(records), len(lines), batch.stderr)
	}
	for i, l := range lines {
		one := single(l)
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(one.stdout)); err != nil {
			t.Fatalf("line %d: --json is not JSON: %v (%q)", i+1, err, one.stdout)
		}
		want := fmt.Sprintf(`{"line":%d,%s`+"\n", i+1, compact.Bytes()[1:])
		if records[i] != want {
			t.Errorf("line %d (%.60q):\n got %s\nwant %s", i+1, l, records[i], want)
		}
	}
}

// demoIdentity is the demo profile for the web platform, and its secret.
const demoIdentity, demoIdentitySecret = "demo-identity-web", "demo-identity-web-NOT-A-REAL-SECRET"

// TestLinesOnEveryCoreKeepOrderAndContent runs each verb's batch over
// enough lines for several batches at once (run it with -race), and checks
// that every repeat of a line gets the same record, in order.
func TestLinesOnEveryCoreKeepOrderAndContent(t *testing.T) {
	token := strings.TrimSpace(captureInput(t, "jwt-valid"))
	messenger := fixtureSecrets(t)["messenger-prod"].Value
	const secret = "fixture-oauth-client-secret"
	verbs := []struct {
		args  []string
		vars  map[string]string
		lines []string
	}{
		{[]string{"decrypt", "--lines", "--secret-env", "K"}, map[string]string{"K": secret}, testLines(t, secret)},
		{[]string{"hmac", "--lines", "--secret-env", "K"}, map[string]string{"K": "secret"},
			[]string{"Message\taa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597", "Message\t00", "x"}},
		{[]string{"verify", "--lines", "--secret-env", "K", "--at", "2025-06-01T12:00:00Z"}, map[string]string{"K": messenger},
			[]string{token, token[:len(token)-2], "nope"}},
	}
	for _, v := range verbs {
		var in strings.Builder
		n := 4*batchLines + 7
		for i := range n {
			in.WriteString(v.lines[i%len(v.lines)] + "\n")
		}
		r := runCLI(t, in.String(), v.vars, v.args...)
		records := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		if len(records) != n {
			t.Fatalf("%s: %d records for %d lines", v.args[0], len(records), n)
		}
		for i, rec := range records {
			prefix := fmt.Sprintf(`{"line":%d,`, i+1)
			first := fmt.Sprintf(`{"line":%d,`, i%len(v.lines)+1)
			if !strings.HasPrefix(rec, prefix) || strings.TrimPrefix(rec, prefix) != strings.TrimPrefix(records[i%len(v.lines)], first) {
				t.Fatalf("%s: record %d is out of order or differs from the first of its line: %.120s", v.args[0], i+1, rec)
			}
		}
	}
}

// TestHandWrittenRecordsKnowEveryField fails when a field is added to a
// result that a hand-written record encoder writes, until the encoder
// writes it too (and this list says so).
func TestHandWrittenRecordsKnowEveryField(t *testing.T) {
	for _, c := range []struct {
		v      any
		fields string
		writer string
	}{
		{hmacResult{}, "OK Digest Data Algorithm Identifier Expected Match Profile Mistakes Notes Diagnoses", "appendHMACRecord"},
		{crypto.Diagnosis{}, "Code Severity Message Fix", "appendHMACRecord"},
		{diagnosisOut{}, "Diagnosis FixCode", "appendHMACRecord"},
		{decryptResult{}, "OK Container Profile Mistakes IV Tag CiphertextBytes Bytes Plaintext PlaintextBase64 PlaintextIsJSON Notes Diagnoses Error", "decryptRecords.append"},
	} {
		typ := reflect.TypeOf(c.v)
		var names []string
		for i := range typ.NumField() {
			names = append(names, typ.Field(i).Name)
		}
		if got := strings.Join(names, " "); got != c.fields {
			t.Errorf("%s has the fields %s; %s writes %s: teach it the new ones", typ.Name(), got, c.writer, c.fields)
		}
	}
}

// FuzzLinesOutputIsInert runs the --lines modes on arbitrary input, seeded
// with the hostile fixtures: every line's record must be inert, the records
// one a line, and the exit code one of the three.
func FuzzLinesOutputIsInert(f *testing.F) {
	verbs := [][]string{
		{"decrypt", "--lines", "--secret-env", "H_OAUTH"},
		{"hmac", "--lines", "--secret-env", "H_IDENTITY"},
		{"verify", "--lines", "--secret-env", "H_MESSENGER"},
	}
	vars := seedHostile(f, len(verbs))
	// One verb a run, chosen with the input, as FuzzCLIOutputIsInert does.
	f.Fuzz(func(t *testing.T, input []byte, verb uint8) {
		lines := bytes.Count(input, []byte("\n"))
		if len(input) > 0 && input[len(input)-1] != '\n' {
			lines++
		}
		args := verbs[int(verb)%len(verbs)]
		r := execCLI(bytes.NewReader(input), vars, args)
		checkInert(t, r)
		if records := strings.Count(r.stdout, "\n"); r.code < exitOK || r.code > exitMismatch || records != lines {
			t.Fatalf("sealpeek %s: exit %d, %d records for %d lines", strings.Join(args, " "), r.code, records, lines)
		}
	})
}

// TestForEachLineWhateverTheReads cuts the same lines whatever sizes the
// reads come in, with data and EOF together, across batches of batchLines,
// with or without a final line end, with CRLF line ends.
func TestForEachLineWhateverTheReads(t *testing.T) {
	var in, want strings.Builder
	for i := 1; i <= 2*batchLines+3; i++ {
		end := "\n"
		if i%3 == 0 {
			end = "\r\n"
		}
		fmt.Fprintf(&in, "%s%s", strings.Repeat("x", i%7), end)
		fmt.Fprintf(&want, "%d:%s\n", i, strings.Repeat("x", i%7))
	}
	in.WriteString("last\r")
	fmt.Fprintf(&want, "%d:last\r\n", 2*batchLines+4)
	readers := map[string]func() io.Reader{
		"whole":             func() io.Reader { return strings.NewReader(in.String()) },
		"one byte a read":   func() io.Reader { return iotest.OneByteReader(strings.NewReader(in.String())) },
		"half reads":        func() io.Reader { return iotest.HalfReader(strings.NewReader(in.String())) },
		"data with its EOF": func() io.Reader { return iotest.DataErrReader(strings.NewReader(in.String())) },
	}
	for name, r := range readers {
		var out bytes.Buffer
		lines, _, err := forEachLine(r(), &out, echoWork)
		if err != nil || lines != 2*batchLines+4 || out.String() != want.String() {
			t.Errorf("%s: lines %d err %v, records differ: %v", name, lines, err, out.String() != want.String())
		}
	}
}

// FuzzAppendInertJSONIsEscapeJSON holds the run-by-run escaping of the
// batch records to termtext.EscapeJSON of the whole.
func FuzzAppendInertJSONIsEscapeJSON(f *testing.F) {
	for _, s := range []string{`{"a":"Zoë 👩\u200d💻 \u202e"}`, "plain ascii only, more than eight", "\xff\xfe\x7f\u009b\u2028\u200d", "a\u200db", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want := termtext.EscapeJSON(bytes.Clone(b))
		if got := appendInertJSON([]byte("x"), b); !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("%q: got %q, want %q", b, got[1:], want)
		}
	})
}
