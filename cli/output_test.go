package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// TestSentenceCutsLongQuotes checks the shortening of messages that quote
// huge input: each long quoted value, then the middle of the whole.
func TestSentenceCutsLongQuotes(t *testing.T) {
	long := strings.Repeat("A", 100_000)
	got := sentence(`invalid value "` + long + `" for flag -header: "` + long + `" is not a header`)
	want := `invalid value "` + strings.Repeat("A", 59) + `…" (100000 bytes) for flag -header: "` + strings.Repeat("A", 59) + `…" (100000 bytes) is not a header`
	if got != want {
		t.Errorf("sentence = %q", got)
	}
	got = sentence("unquoted " + long + " end")
	if len(got) > 600 || !strings.HasPrefix(got, "unquoted AAA") || !strings.HasSuffix(got, "AAA end") || !strings.Contains(got, "bytes not shown") {
		t.Errorf("sentence = %q", got)
	}
	if got := sentence("short \x1b[2J é"); got != `short \x1b[2J é` {
		t.Errorf("sentence = %q", got)
	}
	// A cut never splits a character.
	if got := sentence(strings.Repeat("é", 1000)); inertProblem(got) != "" {
		t.Errorf("sentence split a rune: %q", got)
	}
}

// inertProblem says why out could drive a terminal, or "" when it cannot:
// it must be valid UTF-8 and hold no control character but newline and tab
// (no other C0, no DEL, no C1) and no bidirectional control. It is written
// apart from termtext.IsUnsafeRune so the check does not trust the code it checks.
func inertProblem(out string) string {
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("invalid UTF-8 byte %#02x at offset %d", out[i], i)
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("raw control byte %#02x at offset %d", r, i)
		case 0x80 <= r && r <= 0x9f:
			return fmt.Sprintf("C1 control U+%04X at offset %d", r, i)
		case r == 0x061c || r == 0x200e || r == 0x200f || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069:
			return fmt.Sprintf("bidirectional control U+%04X at offset %d", r, i)
		}
		i += size
	}
	return ""
}

// TestInertProblemCatchesEachKind keeps the check honest: each kind of
// unsafe output is caught, and ordinary text is not.
func TestInertProblemCatchesEachKind(t *testing.T) {
	for _, bad := range []string{"a\x1b[31m", "\x00", "\r", "\x7f", "\u009b", "\u0085", "\u202e", "\u2066", "\u061c", "\xff", "\xc3"} {
		if inertProblem("ok "+bad) == "" {
			t.Errorf("%q passes as inert", bad)
		}
	}
	if p := inertProblem("line one\n\tline two: é, 漢字, \\x1b, \\u202e, 🙂\n"); p != "" {
		t.Errorf("ordinary text refused: %s", p)
	}
}

// runInert runs sealpeek with stdin and vars and fails the test unless what
// it printed is inert, its exit code is one of sealpeek's, something was
// said, and --json output is exactly one JSON object.
func runInert(t *testing.T, stdin io.Reader, vars map[string]string, args ...string) cliRun {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	r := execCLI(stdin, vars, args)
	checkInert(t, r)
	name := "sealpeek " + shortArgs(args)
	// Diagnoses and errors are sentences for people: however large the
	// input, they quote only a bounded part of it.
	if len(r.stderr) > 16<<10 {
		t.Errorf("%s: stderr is %d bytes:\n%s", name, len(r.stderr), clip(r.stderr))
	}
	if r.code != exitOK && r.code != exitMismatch && r.code != exitUsage {
		t.Errorf("%s: exit code %d", name, r.code)
	}
	if r.stdout == "" && r.stderr == "" {
		t.Errorf("%s: exit %d and said nothing", name, r.code)
	}
	if slices.Contains(args, "--json") && !slices.Contains(args, "--help") {
		var v map[string]any
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		if err := dec.Decode(&v); err != nil {
			// A usage error stops a verb before it has a JSON object to
			// print; it says so on stderr with exit 2.
			if r.code != exitUsage || r.stdout != "" {
				t.Errorf("%s: --json output is not a JSON object: %v\n%s", name, err, clip(r.stdout))
			}
		} else if dec.More() {
			t.Errorf("%s: --json printed more than one value", name)
		}
	}
	return r
}

// checkInert fails the test for each output of r that could drive a
// terminal.
func checkInert(t testing.TB, r cliRun) {
	t.Helper()
	for what, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if p := inertProblem(out); p != "" {
			t.Errorf("sealpeek %s: %s holds a %s:\n%s", shortArgs(r.args), what, p, clip(out))
		}
	}
}

// oneSentence fails the test unless stderr is one line naming the verb:
// the clear sentence a refused input gets.
func oneSentence(t *testing.T, r cliRun, want string) {
	t.Helper()
	line := strings.TrimSuffix(r.stderr, "\n")
	if strings.Contains(line, "\n") || !strings.HasPrefix(line, "sealpeek") || !strings.Contains(line, want) {
		t.Errorf("sealpeek %s: stderr is not one sentence saying %q:\n%s", shortArgs(r.args), want, clip(r.stderr))
	}
	if len(line) > 400 {
		t.Errorf("sealpeek %s: the sentence is %d bytes long", shortArgs(r.args), len(line))
	}
}

// shortArgs shows a command line in a failure message, each argument cut
// short and escaped.
func shortArgs(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = clip(a)
	}
	return strings.Join(out, " ")
}

// clip cuts long output for failure messages and quotes it, so a failing
// test does not drive the terminal of whoever runs it.
func clip(s string) string {
	if len(s) > 600 {
		return fmt.Sprintf("%q… (%d bytes)", s[:600], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// notByCLI are the codes no fixture can reach through the CLI: no_secret
// needs no secret at all, which the CLI refuses before inspecting anything,
// and the CLI always has an identifier to hash (DATA, --user-id or --email).
// The engine test runs their fixtures.
var notByCLI = []string{"no_secret", "identifier_missing"}

// cliArgs turns a fixture into a CLI run. A case with one secret of the
// verb's role gets it from the environment variable SECRET (--secret-env);
// any other gets its profiles from a profiles file in dir (--config), with
// --profile for the chosen one. ok is false when the CLI cannot express the
// case.
func cliArgs(t *testing.T, c fixtures.DiagnosisCase, dir string) (args []string, vars map[string]string, stdin string, ok bool) {
	role := crypto.RoleIdentity
	if c.Kind == fixtures.KindSheet {
		role = crypto.RoleOAuth
	}
	switch {
	case len(c.Profiles) == 0:
		return nil, nil, "", false
	case len(c.Profiles) == 1 && crypto.Role(c.Profiles[0].Role) == role && (c.Chosen == "" || c.Chosen == c.Profiles[0].Name):
		args, vars = []string{"--json", "--secret-env", "SECRET"}, map[string]string{"SECRET": c.Profiles[0].Secret}
	default:
		args = []string{"--json", "--config", writeProfiles(t, dir, c.Profiles)}
		if c.Chosen != "" {
			args = append(args, "--profile", c.Chosen)
		}
	}
	switch c.Kind {
	case fixtures.KindSheet:
		return append([]string{"decrypt"}, args...), vars, c.Input, true
	case fixtures.KindDigest:
		return append([]string{"hmac", c.Data, "--expect", c.Expected}, args...), vars, "", true
	}
	if (c.UserID != "" && !c.HasUserID) || (c.Email != "" && !c.HasEmail) || !(c.HasUserID || c.HasEmail) {
		return nil, nil, "", false // a known identifier that is not sent has no flag
	}
	args = append([]string{"hmac", "--expect", c.Expected}, args...)
	if c.HasUserID {
		args = append(args, "--user-id", c.UserID)
	}
	if c.HasEmail {
		args = append(args, "--email", c.Email)
	}
	return args, vars, "", true
}

// writeProfiles writes the profiles as a profiles file only its owner can
// read, as sealpeek requires of a file holding literal secrets.
func writeProfiles(t *testing.T, dir string, profiles []fixtures.DiagnosisProfile) string {
	t.Helper()
	var b strings.Builder
	for _, p := range profiles {
		fmt.Fprintf(&b, "[[profile]]\nname = %s\nrole = %s\nsecret = %s\n", tomlString(p.Name), tomlString(p.Role), tomlString(p.Secret))
		if p.Workspace != "" {
			fmt.Fprintf(&b, "workspace = %s\n", tomlString(p.Workspace))
		}
		if p.Platform != "" {
			fmt.Fprintf(&b, "platform = %s\n", tomlString(p.Platform))
		}
	}
	path := filepath.Join(dir, "profiles.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "\r", `\r`)
	return `"` + r.Replace(s) + `"`
}

// jsonCodes returns the sorted codes of a --json output's diagnoses whose
// severity is in severities.
func jsonCodes(t *testing.T, v map[string]any, severities ...string) []string {
	t.Helper()
	ds, ok := v["diagnoses"].([]any)
	if !ok {
		t.Fatalf("no diagnoses list in %v", v)
	}
	var codes []string
	for _, d := range ds {
		d := d.(map[string]any)
		if slices.Contains(severities, d["severity"].(string)) {
			codes = append(codes, d["code"].(string))
		}
		if d["message"] == "" || d["fix"] == "" {
			t.Errorf("diagnosis without message or fix: %v", d)
		}
	}
	slices.Sort(codes)
	return codes
}

func TestDiagnosesThroughTheCLI(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range fixtures.DiagnosisCases() {
		t.Run(c.Name, func(t *testing.T) {
			args, vars, stdin, ok := cliArgs(t, c, t.TempDir())
			if !ok {
				t.Skipf("the CLI cannot express %s: the engine test runs it", c.Name)
			}
			r := runCLI(t, stdin, vars, args...)
			v := decodeJSON(t, r.stdout)
			want := slices.Sorted(slices.Values(c.ExpectCodes))
			if got := jsonCodes(t, v, "error", "warn"); !slices.Equal(got, want) {
				t.Errorf("error and warning codes %v, want %v\n%s", got, want, r.stdout)
			}
			if c.ExpectInfo != nil {
				if got, want := jsonCodes(t, v, "info"), slices.Sorted(slices.Values(c.ExpectInfo)); !slices.Equal(got, want) {
					t.Errorf("info codes %v, want %v\n%s", got, want, r.stdout)
				}
			}
			okJSON, _ := v["ok"].(bool)
			wantCode := exitMismatch
			switch {
			case okJSON:
				wantCode = exitOK
			case c.Kind == fixtures.KindSheet && isInputCode(c.Code):
				wantCode = exitUsage
			}
			if r.code != wantCode {
				t.Errorf("exit code %d with ok %v, want %d", r.code, okJSON, wantCode)
			}
			if errors := jsonCodes(t, v, "error"); len(errors) > 0 && okJSON {
				t.Errorf("ok is true with errors %v", errors)
			}
			for _, p := range c.Profiles {
				if secret := strings.TrimSpace(p.Secret); strings.Contains(r.stdout, secret) || strings.Contains(r.stderr, secret) {
					t.Fatalf("the secret of %s was printed", p.Name)
				}
			}
			covered[c.Code] = true
		})
	}
	for _, c := range fixtures.DiagnosisCases() {
		if !covered[c.Code] && !slices.Contains(notByCLI, c.Code) {
			t.Errorf("no CLI run covers %s", c.Code)
		}
	}
}

// isInputCode reports whether code says the input could not be read at all
// (exit code 2).
func isInputCode(code string) bool {
	switch code {
	case "empty_input", "base64_invalid", "too_short", "body_invalid_json", "form_invalid", "user_missing", "user_not_encrypted":
		return true
	}
	return false
}

func TestDiagnosesInText(t *testing.T) {
	c := findCase(t, "hex-digest-key")
	r := runCLI(t, c.Input, map[string]string{"SECRET": c.Profiles[0].Secret}, "decrypt", "--secret-env", "SECRET")
	if r.code != exitMismatch {
		t.Errorf("exit code %d, want %d", r.code, exitMismatch)
	}
	if !strings.Contains(r.stderr, "error key_hex_digest: it opens with '$SECRET' only when the key is the first 32 characters") ||
		!strings.Contains(r.stderr, "      fix: Derive the key as the raw 32-byte digest") {
		t.Errorf("stderr should give the diagnosis and its fix:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, `"name": "Ada Lovelace"`) {
		t.Errorf("the plaintext of a user opened under a mistake should still be shown:\n%s", r.stdout)
	}

	c = findCase(t, "email-hashed-user-id-sent")
	r = runCLI(t, "", map[string]string{"SECRET": c.Profiles[0].Secret},
		"hmac", "--user-id", c.UserID, "--email", c.Email, "--expect", c.Expected, "--secret-env", "SECRET")
	if r.code != exitMismatch || !strings.Contains(r.stderr, `error identifier_choice: the expected digest is of the email "ada@example.com"`) {
		t.Errorf("identifier_choice in text: code %d\n%s", r.code, r.stderr)
	}
	want := crypto.UserHash([]byte(c.Profiles[0].Secret), []byte(c.UserID))
	if r.stdout != want+"\n" {
		t.Errorf("stdout %q, want the digest of the user_id %q", r.stdout, want)
	}
}

func TestHMACIdentifierFlags(t *testing.T) {
	vars := map[string]string{"K": "secret"}
	r := runCLI(t, "", vars, "hmac", "Message", "--user-id", "42", "--secret-env", "K")
	if r.code != exitUsage || !strings.Contains(r.stderr, "not both") {
		t.Errorf("DATA and --user-id: %+v", r)
	}
	r = runCLI(t, "", vars, "hmac", "--email", "ada@example.com", "--json", "--secret-env", "K")
	v := decodeJSON(t, r.stdout)
	if v["identifier"] != "email" || v["data"] != "ada@example.com" || v["digest"] != crypto.UserHash([]byte("secret"), []byte("ada@example.com")) {
		t.Errorf("--email alone hashes the email: %v", v)
	}
	r = runCLI(t, "", vars, "hmac", "--email", "ada@example.com", "--user-id", "42", "--json", "--secret-env", "K")
	if v = decodeJSON(t, r.stdout); v["identifier"] != "user_id" || v["data"] != "42" {
		t.Errorf("the user_id takes precedence: %v", v)
	}
}

func findCase(t *testing.T, name string) fixtures.DiagnosisCase {
	t.Helper()
	for _, c := range fixtures.DiagnosisCases() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no fixture %s", name)
	return fixtures.DiagnosisCase{}
}

// seedHostile adds every hostile fixture to f's corpus, each with the next
// of runs ways to run it (the hostile tests run each every way; a corpus of
// every pairing took the fuzzer's whole time to gather), and returns the
// environment holding the fake secrets they are made with.
func seedHostile(f *testing.F, runs int) map[string]string {
	next := 0
	add := func(data []byte) {
		f.Add(data, uint8(next%runs))
		next++
	}
	for _, c := range hostileCases(f) {
		add(c.Escape)
		for _, name := range c.Files.All() {
			data, _ := fixtures.HostileFile(name)
			add(data)
		}
	}
	return hostileVars(f)
}

// FuzzCLIOutputIsInert feeds arbitrary input to every verb that reads one,
// as text and as JSON, with the hostile fixtures' secrets: whatever comes
// in, nothing printed may drive a terminal, and stderr stays a few lines.
// Seeded with every hostile fixture run every way. The fuzzer chooses the
// verb and mode with the input, so that each run is one command: all of
// them for every input made a run too slow for the fuzzer to explore.
func FuzzCLIOutputIsInert(f *testing.F) {
	var runs [][]string
	for _, verb := range inputVerbs {
		runs = append(runs, bothModes(verb)...)
	}
	vars := seedHostile(f, len(runs))
	f.Fuzz(func(t *testing.T, input []byte, run uint8) {
		args := runs[int(run)%len(runs)]
		r := execCLI(bytes.NewReader(input), vars, args)
		checkInert(t, r)
		if r.code < exitOK || r.code > exitUsage || len(r.stderr) > 16<<10 {
			t.Fatalf("sealpeek %s: exit %d, %d bytes on stderr", strings.Join(args, " "), r.code, len(r.stderr))
		}
	})
}
