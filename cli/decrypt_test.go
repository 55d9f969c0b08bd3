package cli

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
	"github.com/sealpeek/sealpeek/internal/termtext"
)

func TestDecryptPrintsThePlaintext(t *testing.T) {
	r := runCLI(t, publishedUser+"\n", published, "decrypt", "--secret-env", "SECRET")
	if r.code != exitOK || r.stdout != "{\n  \"test\": \"test\"\n}\n" {
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestDecryptJSONContract(t *testing.T) {
	r := runCLI(t, "", published, "decrypt", "-", "--json", "--secret-env", "SECRET")
	if r.code != exitUsage {
		t.Fatalf("empty stdin: code %d, want %d", r.code, exitUsage)
	}
	file := filepath.Join(t.TempDir(), "user.txt")
	os.WriteFile(file, []byte(strings.TrimRight(publishedUser, "=")), 0o600)
	r = runCLI(t, "", published, "decrypt", file, "--json", "--secret-env", "SECRET")
	v := decodeJSON(t, r.stdout)
	want := map[string]any{"ok": true, "iv": "000102030405060708090a0b", "tag": "18ca4d92bd395e9f3dd5c36db91c6a55",
		"ciphertext_bytes": 15.0, "bytes": 43.0, "plaintext_is_json": true, "profile": "$SECRET", "container": "bare"}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("%s = %v, want %v", k, v[k], w)
		}
	}
	if p, _ := v["plaintext"].(map[string]any); p["test"] != "test" {
		t.Errorf("plaintext = %v, want the JSON value", v["plaintext"])
	}
	notes, _ := v["notes"].([]any)
	if len(notes) != 1 || notes[0].(map[string]any)["code"] != "padding_added" {
		t.Errorf("notes = %v, want padding_added", notes)
	}
	if r.code != exitOK {
		t.Errorf("code %d", r.code)
	}
}

func TestDecryptBadInputs(t *testing.T) {
	cases := []struct {
		name, stdin string
		code        int
		diagnosis   string
		message     string
	}{
		{"bad character", "AAECAwQF#gcICQoL", exitUsage, "base64_invalid", `'#' at offset 8 is not a base64 character`},
		{"too short", "AAECAwQFBgcICQoL", exitUsage, "too_short", "the decoded user is 12 bytes; a sealed user is at least 28"},
		{"empty", "\n", exitUsage, "empty_input", "the input is empty"},
		{"binary junk", "\x7fELF\x02\x01\x01\x00", exitUsage, "base64_invalid", `'\x7f' at offset 0`},
		{"wrong secret", "AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVA==", exitMismatch, "auth_failed", "the tag does not verify with '$SECRET'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.stdin, published, "decrypt", "--secret-env", "SECRET")
			if r.code != tc.code || !strings.Contains(r.stderr, tc.message) || r.stdout != "" {
				t.Fatalf("code %d (want %d), stdout %q, stderr %q (want %q)", r.code, tc.code, r.stdout, r.stderr, tc.message)
			}
			if strings.Contains(r.stderr, "\x1b") || strings.Contains(r.stderr, "\x00") || strings.Contains(r.stderr, "goroutine") {
				t.Fatalf("stderr carries raw control bytes or a stack trace: %q", r.stderr)
			}
			r = runCLI(t, tc.stdin, published, "decrypt", "--json", "--secret-env", "SECRET")
			v := decodeJSON(t, r.stdout)
			ds, _ := v["diagnoses"].([]any)
			if r.code != tc.code || v["ok"] != false || len(ds) == 0 || ds[0].(map[string]any)["code"] != tc.diagnosis {
				t.Fatalf("--json: code %d, ok %v, diagnoses %v; want %s first", r.code, v["ok"], ds, tc.diagnosis)
			}
			if !strings.Contains(v["error"].(string), tc.message) {
				t.Errorf("--json error %q, want %q", v["error"], tc.message)
			}
		})
	}
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

	// With --lang, the records of lines that do not open carry the code
	// that fixes them, as --json does.
	for _, lang := range [][]string{nil, {"--lang", "java"}} {
		args := append([]string{"--secret-file", secretFile}, lang...)
		batch := runCLI(t, strings.Join(lines, "\n")+"\n", nil, append([]string{"decrypt", "--lines"}, args...)...)
		if batch.code != exitMismatch {
			t.Fatalf("some lines do not open, so the code is %d, not %d; stderr %q", batch.code, exitMismatch, batch.stderr)
		}
		if withCode := strings.Contains(batch.stdout, `"fix_code":{"lang":"java",`); withCode != (lang != nil) {
			t.Errorf("%v: fix_code in the records is %v, want %v", lang, withCode, lang != nil)
		}
		records := strings.SplitAfter(batch.stdout, "\n")
		records = records[:len(records)-1]
		if len(records) != len(lines) {
			t.Fatalf("%d records for %d lines", len(records), len(lines))
		}
		for i, l := range lines {
			single := runCLI(t, l, nil, append([]string{"decrypt", "--json"}, args...)...)
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(single.stdout)); err != nil {
				t.Fatalf("line %d: --json is not JSON: %v", i+1, err)
			}
			want := fmt.Sprintf(`{"line":%d,%s`+"\n", i+1, compact.Bytes()[1:])
			if records[i] != want {
				t.Errorf("%v line %d (%.40q):\n got %s\nwant %s", lang, i+1, l, records[i], want)
			}
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
	if r.code != exitOK || r.stdout != "" || r.stderr != "sealpeek decrypt: standard input has no lines: nothing was checked\n" {
		t.Fatalf("no lines: nothing wrong, and said so: %+v", r)
	}
}
