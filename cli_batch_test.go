package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

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

// TestDecryptLinesAreTheJSONRecords holds every record of 'decrypt --lines'
// to 'decrypt --json' of the same input: the same object, compact, with
// "line" first. Clean lines take the hand-written path, the rest
// encoding/json, so this checks one against the other.
func TestDecryptLinesAreTheJSONRecords(t *testing.T) {
	const secret = "fixture-oauth-client-secret"
	dir := t.TempDir()
	// The secret file's path is the profile's name: give it characters
	// that must be escaped or made inert, and a trailing newline for a note.
	secretFile := filepath.Join(dir, "key <&> \"q\" \u202e.txt")
	if err := os.WriteFile(secretFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var secrets []crypto.Secret
	for _, v := range fixtures.SheetUsers() {
		if v.Secret == secret {
			secrets = append(secrets, crypto.Secret{Name: "x", Value: []byte(v.Secret)})
			break
		}
	}
	if len(secrets) == 0 {
		t.Fatalf("no fixture uses %q", secret)
	}
	lines := testLines(t, secret)
	ring := crypto.NewKeyring(secrets...)
	cleanLines := 0
	for _, l := range lines {
		if clean(crypto.InspectSheetUser([]byte(l), ring, "")) {
			cleanLines++
		}
	}
	if cleanLines < 10 || cleanLines == len(lines) {
		t.Fatalf("%d of %d lines are clean: the test must exercise both paths", cleanLines, len(lines))
	}

	batch := runCLI(t, strings.Join(lines, "\n")+"\n", nil, "decrypt", "--lines", "--secret-file", secretFile)
	if batch.code != exitMismatch {
		t.Fatalf("some lines do not open, so the code is %d, not %d; stderr %q", batch.code, exitMismatch, batch.stderr)
	}
	records := strings.SplitAfter(batch.stdout, "\n")
	records = records[:len(records)-1]
	if len(records) != len(lines) {
		t.Fatalf("%d records for %d lines", len(records), len(lines))
	}
	for i, l := range lines {
		single := runCLI(t, l, nil, "decrypt", "--json", "--secret-file", secretFile)
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(single.stdout)); err != nil {
			t.Fatalf("line %d: --json is not JSON: %v", i+1, err)
		}
		want := fmt.Sprintf(`{"line":%d,%s`+"\n", i+1, compact.Bytes()[1:])
		if records[i] != want {
			t.Errorf("line %d (%.40q):\n got %s\nwant %s", i+1, l, records[i], want)
		}
	}
}

func TestDecryptLinesExitCodes(t *testing.T) {
	const secret = "fixture-oauth-client-secret"
	key := map[string]string{"K": secret}
	good := sealFor(t, secret, []byte(`{"a":1}`))
	r := runCLI(t, good+"\n"+good+"\n", key, "decrypt", "--lines", "--secret-env", "K")
	if r.code != exitOK || strings.Count(r.stdout, "\n") != 2 || !strings.HasPrefix(r.stdout, `{"line":1,"ok":true`) || r.stderr != "" {
		t.Fatalf("all ok: %+v", r)
	}
	r = runCLI(t, good+"\n\n"+good, key, "decrypt", "--lines", "--secret-env", "K")
	if r.code != exitMismatch || !strings.Contains(r.stdout, `{"line":2,"ok":false`) || !strings.Contains(r.stdout, `{"line":3,"ok":true`) ||
		!strings.Contains(r.stderr, "1 of 3 lines are not ok") {
		t.Fatalf("an empty line is a record that is not ok: %+v", r)
	}
	r = runCLI(t, "", key, "decrypt", "--lines", "--secret-env", "K", filepath.Join(t.TempDir(), "missing.txt"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "cannot read") || r.stdout != "" {
		t.Fatalf("missing file: %+v", r)
	}
	r = runCLI(t, good+"\n"+strings.Repeat("A", MaxInputSize+8)+"\n", key, "decrypt", "--lines", "--secret-env", "K")
	if r.code != exitUsage || !strings.Contains(r.stderr, "line 2 is longer than 16 MiB") || !strings.HasPrefix(r.stdout, `{"line":1,"ok":true`) {
		t.Fatalf("too long a line: code %d stderr %q stdout %.80q", r.code, r.stderr, r.stdout)
	}
	r = runCLI(t, "", key, "decrypt", "--lines", "--secret-env", "K")
	if r.code != exitOK || r.stdout != "" {
		t.Fatalf("no lines, nothing wrong: %+v", r)
	}
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
