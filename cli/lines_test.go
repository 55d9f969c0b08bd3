package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

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
	r = runCLI(t, good+"\n"+strings.Repeat("A", termtext.MaxInputSize+8)+"\n", key, "decrypt", "--lines", "--secret-env", "K")
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

func TestHMACLinesAreTheJSONRecords(t *testing.T) {
	digest := func(secret, data string) string { return crypto.UserHash([]byte(secret), []byte(data)) }
	web := digest(demoIdentitySecret, "184632")
	lines := []string{
		"184632",
		"184632\t" + web,
		"184632\t " + web + " ",
		"184632\t" + strings.ToUpper(web),
		"184632\t" + digest("demo-identity-ios-NOT-A-REAL-SECRET", "184632"),
		"Ada@Example.com\t" + digest(demoIdentitySecret, "ada@example.com"),
		"with\ttab\t" + digest(demoIdentitySecret, "with\ttab"),
		"ユーザー 👩‍💻\t" + digest(demoIdentitySecret, "ユーザー 👩‍💻"),
		"esc \x1b[31m \u202e <&>\t" + digest(demoIdentitySecret, "esc \x1b[31m \u202e <&>"),
		"184632\tnot hex",
		"184632\t" + web[:40],
		"\t",
		"",
	}
	args := []string{"--demo", "--profile", demoIdentity}
	batch := runCLI(t, strings.Join(lines, "\n")+"\n", nil, append([]string{"hmac", "--lines"}, args...)...)
	if batch.code != exitMismatch {
		t.Fatalf("some lines do not match: code %d, want %d; stderr %q", batch.code, exitMismatch, batch.stderr)
	}
	sameRecords(t, lines, batch, func(line string) cliRun {
		data, expected, _ := strings.Cut(line, "\t")
		if i := strings.LastIndexByte(line, '\t'); i >= 0 {
			data, expected = line[:i], line[i+1:]
		}
		single := append([]string{"hmac", "--json", "-"}, args...)
		if expected = strings.TrimSpace(expected); expected != "" {
			single = append(single, "--expect", expected)
		}
		return runCLI(t, data, nil, single...)
	})
}

func TestHMACLinesFlags(t *testing.T) {
	key := map[string]string{"K": "secret"}
	r := runCLI(t, "Message\taa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597\nMessage\n", key, "hmac", "--lines", "--secret-env", "K")
	if r.code != exitOK || strings.Count(r.stdout, `"ok":true`) != 2 {
		t.Fatalf("a check and a digest: %+v", r)
	}
	for _, flag := range []string{"--expect", "--user-id", "--email"} {
		r = runCLI(t, "x\n", key, "hmac", "--lines", "--secret-env", "K", flag, "x")
		if r.code != exitUsage || !strings.Contains(r.stderr, flag+" does not go with --lines") {
			t.Errorf("%s: %+v", flag, r)
		}
	}
	// Without --profile, lines without a digest are hashed with the first
	// profile of role identity, and each record names it.
	r = runCLI(t, "184632\n", nil, "hmac", "--lines", "--demo")
	if r.code != exitOK || !strings.Contains(r.stdout, `"profile":"`+demoIdentity+`"`) {
		t.Fatalf("the first identity profile: %+v", r)
	}
}

func TestVerifyLinesAreTheJSONRecords(t *testing.T) {
	cases, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	secrets, _ := fixtures.CaptureSecrets()
	var profiles []fixtures.DiagnosisProfile
	for _, s := range secrets {
		profiles = append(profiles, fixtures.DiagnosisProfile{Name: s.Name, Role: s.Role, Workspace: s.Workspace, Platform: s.Platform, Secret: s.Value})
	}
	config := writeProfiles(t, t.TempDir(), profiles)
	var lines []string
	for _, c := range cases {
		data, err := c.Input()
		if err != nil {
			t.Fatal(err)
		}
		if line := strings.TrimSuffix(string(data), "\n"); !strings.ContainsAny(line, "\r\n") {
			lines = append(lines, line)
		}
	}
	if len(lines) < 10 {
		t.Fatalf("only %d one-line captures", len(lines))
	}
	lines = append(lines, "", "not a capture", `{"user":"`+publishedUser+`"}`)
	args := []string{"--config", config, "--at", "2025-06-01T12:00:00Z"}
	batch := runCLI(t, strings.Join(lines, "\n")+"\n", nil, append([]string{"verify", "--lines"}, args...)...)
	if batch.code != exitMismatch {
		t.Fatalf("some captures do not verify: code %d, want %d; stderr %q", batch.code, exitMismatch, batch.stderr)
	}
	sameRecords(t, lines, batch, func(line string) cliRun {
		return runCLI(t, line, nil, append([]string{"verify", "--json", "-"}, args...)...)
	})
	if !strings.Contains(batch.stdout, `"kind":"jwt"`) || !strings.Contains(batch.stdout, `"ok":true`) {
		t.Fatalf("the batch should hold a verified JWT: %.300s", batch.stdout)
	}
}

func TestVerifyLinesWithoutSecretsExits2(t *testing.T) {
	token := strings.TrimSpace(captureInput(t, "jwt-valid"))
	r := runCLI(t, token+"\n", nil, "verify", "--lines", "--secret-env", "UNSET")
	if r.code != exitUsage || !strings.Contains(r.stderr, "UNSET is not set") || !strings.Contains(r.stdout, `{"line":1,"ok":false,"error":`) {
		t.Fatalf("no secret: %+v", r)
	}
}

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
	vars := seedHostile(f)
	verbs := [][]string{
		{"decrypt", "--lines", "--secret-env", "H_OAUTH"},
		{"hmac", "--lines", "--secret-env", "H_IDENTITY"},
		{"verify", "--lines", "--secret-env", "H_MESSENGER"},
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		lines := bytes.Count(input, []byte("\n"))
		if len(input) > 0 && input[len(input)-1] != '\n' {
			lines++
		}
		for _, args := range verbs {
			r := execCLI(bytes.NewReader(input), vars, args)
			checkInert(t, r)
			if records := strings.Count(r.stdout, "\n"); r.code < exitOK || r.code > exitMismatch || records != lines {
				t.Fatalf("sealpeek %s: exit %d, %d records for %d lines", strings.Join(args, " "), r.code, records, lines)
			}
		}
	})
}
