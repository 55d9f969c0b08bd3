package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
