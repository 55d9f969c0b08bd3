package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	publishedSecret = "test-client-secret"
	publishedUser   = "AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ=="
)

// cliRun is one CLI run: its arguments, exit code and outputs.
type cliRun struct {
	args           []string
	code           int
	stdout, stderr string
}

// parts returns the exit code, stdout and stderr, for tests that name them.
func (r cliRun) parts() (int, string, string) { return r.code, r.stdout, r.stderr }

// execCLI runs sealpeek with args, stdin and environment variables, without
// touching the test process's own.
func execCLI(stdin io.Reader, vars map[string]string, args []string) cliRun {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: stdin, stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }}
	code := run(e, args)
	return cliRun{args, code, stdout.String(), stderr.String()}
}

// runCLI is execCLI with stdin given as text.
func runCLI(t *testing.T, stdin string, vars map[string]string, args ...string) cliRun {
	t.Helper()
	return execCLI(strings.NewReader(stdin), vars, args)
}

// decodeJSON parses a --json output into a map, failing the test if it is not one object.
func decodeJSON(t *testing.T, out string) map[string]any {
	t.Helper()
	var v map[string]any
	decodeJSONInto(t, out, &v)
	return v
}

// decodeJSONInto parses a --json output into v, failing the test if it is
// not one JSON value.
func decodeJSONInto(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
}

var published = map[string]string{"SECRET": publishedSecret}

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

func TestSecretSources(t *testing.T) {
	r := runCLI(t, publishedUser, nil, "decrypt")
	if r.code != exitUsage || !strings.Contains(r.stderr, "no secret: pass --secret-env VAR or --secret-file PATH") {
		t.Fatalf("no secret: %+v", r)
	}
	r = runCLI(t, publishedUser, nil, "decrypt", "--secret-env", "UNSET")
	if r.code != exitUsage || !strings.Contains(r.stderr, "UNSET is not set") {
		t.Fatalf("unset variable: %+v", r)
	}
	file := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(file, []byte(publishedSecret+"\n"), 0o600)
	r = runCLI(t, publishedUser, nil, "decrypt", "--secret-file", file)
	if r.code != exitOK || !strings.Contains(r.stderr, "trimmed the trailing newline of the secret file") {
		t.Fatalf("secret file: %+v", r)
	}
	r = runCLI(t, publishedUser, nil, "decrypt", "--secret-file", file+".missing")
	if r.code != exitUsage || !strings.Contains(r.stderr, "cannot read the secret file") {
		t.Fatalf("missing secret file: %+v", r)
	}
	for _, out := range []string{r.stdout, r.stderr} {
		if strings.Contains(out, publishedSecret) {
			t.Fatal("the secret was printed")
		}
	}
}

func TestEncryptThenDecrypt(t *testing.T) {
	r := runCLI(t, `{"test":"test"}`+"\n", published, "encrypt", "--iv", "000102030405060708090a0b", "--secret-env", "SECRET")
	if r.code != exitOK || r.stdout != publishedUser+"\n" {
		t.Fatalf("encrypt with the published IV: %+v", r)
	}
	r = runCLI(t, `{"id":"42","name":"Zoë"}`, published, "encrypt", "--json", "--secret-env", "SECRET")
	v := decodeJSON(t, r.stdout)
	encoded, _ := v["encoded"].(string)
	back := runCLI(t, encoded, published, "decrypt", "--json", "--secret-env", "SECRET")
	if p := decodeJSON(t, back.stdout)["plaintext"].(map[string]any); p["name"] != "Zoë" {
		t.Fatalf("round trip lost the user: %v", p)
	}
	r = runCLI(t, `{"id": 42,}`, published, "encrypt", "--secret-env", "SECRET")
	if r.code != exitUsage || !strings.Contains(r.stderr, "the input is not JSON") || !strings.Contains(r.stderr, "offset 11") {
		t.Fatalf("non-JSON input: %+v", r)
	}
	r = runCLI(t, `{}`, published, "encrypt", "--iv", "0001", "--secret-env", "SECRET")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--iv must be 12 bytes") {
		t.Fatalf("short IV: %+v", r)
	}
}

func TestHMAC(t *testing.T) {
	key := map[string]string{"K": "secret"}
	const digest = "aa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597"
	r := runCLI(t, "", key, "hmac", "--secret-env", "K", "Message")
	if r.code != exitOK || r.stdout != digest+"\n" {
		t.Fatalf("published vector: %+v", r)
	}
	r = runCLI(t, "", key, "hmac", "Message", "--expect", digest, "--json", "--secret-env", "K")
	v := decodeJSON(t, r.stdout)
	if r.code != exitOK || v["match"] != true || v["digest"] != digest || v["algorithm"] != "HMAC-SHA256" || v["data"] != "Message" {
		t.Fatalf("match: %+v", v)
	}
	r = runCLI(t, "", key, "hmac", "Message", "--expect", strings.Repeat("0", 64), "--json", "--secret-env", "K")
	if v = decodeJSON(t, r.stdout); r.code != exitMismatch || v["match"] != false || v["ok"] != false {
		t.Fatalf("mismatch: code %d %+v", r.code, v)
	}
	r = runCLI(t, "", key, "hmac", "--json", "--secret-env", "K", "Message")
	if v = decodeJSON(t, r.stdout); v["match"] != nil {
		t.Fatalf("match without --expect should be null: %+v", v)
	}
	r = runCLI(t, "Message\n", key, "hmac", "--secret-env", "K", "-")
	if r.code != exitOK || r.stdout == digest+"\n" {
		t.Fatalf("stdin is hashed exactly, trailing newline included: %+v", r)
	}
	r = runCLI(t, "", key, "hmac", "--secret-env", "K")
	if r.code != exitUsage || !strings.Contains(r.stderr, "give the DATA to hash") {
		t.Fatalf("no data: %+v", r)
	}
}

func TestUsageAndVersion(t *testing.T) {
	if r := runCLI(t, "", nil, "version"); r.code != exitOK || r.stdout != "sealpeek dev\n" {
		t.Fatalf("version: %+v", r)
	}
	if r := runCLI(t, "", nil, "--version"); r.code != exitOK || !strings.HasPrefix(r.stdout, "sealpeek ") {
		t.Fatalf("--version: %+v", r)
	}
	if r := runCLI(t, "", nil, "frobnicate"); r.code != exitUsage || !strings.Contains(r.stderr, `unknown verb "frobnicate"`) {
		t.Fatalf("unknown verb: %+v", r)
	}
	if r := runCLI(t, "", nil, "decrypt", "--nope"); r.code != exitUsage || !strings.Contains(r.stderr, "flag provided but not defined: --nope") {
		t.Fatalf("unknown flag: %+v", r)
	}
	if r := runCLI(t, "", nil, "decrypt", "--help"); r.code != exitOK || !(strings.Count(r.stdout, "Usage:") == 1 && strings.Contains(r.stdout, "-secret-env")) {
		t.Fatalf("help: %+v", r)
	}
	if r := runCLI(t, "", nil, "decrypt", "a", "b"); r.code != exitUsage || !strings.Contains(r.stderr, "too many arguments (b)") {
		t.Fatalf("extra argument: %+v", r)
	}
}

// TestBinaryCarriesNoTestData keeps the vectors, captures and hostile
// inputs under fixtures/ out of the release binary: only the demo data
// (internal/demo) may ship.
func TestBinaryCarriesNoTestData(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps .: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "github.com/sealpeek/sealpeek/fixtures" || strings.HasPrefix(pkg, "github.com/sealpeek/sealpeek/fixtures/") {
			t.Errorf("the sealpeek binary depends on %s, which holds test data; import it from tests only", pkg)
		}
	}
}
