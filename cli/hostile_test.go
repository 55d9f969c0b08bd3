package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/fixtures"
)

// hostileVars holds the fake secrets the hostile fixtures are made with.
func hostileVars(t testing.TB) map[string]string {
	t.Helper()
	vars := map[string]string{}
	for env, role := range map[string]string{"H_OAUTH": "oauth", "H_IDENTITY": "identity", "H_MESSENGER": "messenger"} {
		s, err := fixtures.HostileSecret(role)
		if err != nil {
			t.Fatal(err)
		}
		vars[env] = s
	}
	vars["H_WRONG"] = "hostile-wrong-FAKE-not-a-real-secret"
	return vars
}

// hostileCases are the hostile fixtures: each escape and its files.
func hostileCases(t testing.TB) []fixtures.HostileCase {
	t.Helper()
	cases, err := fixtures.HostileCases()
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

func hostileFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fixtures.HostileFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHostileEscapesAreShownInert runs each verb on the payload made for
// it, honestly sealed or signed, for every escape: each must succeed, show
// the marker (the text is escaped, not dropped) and print nothing raw.
func TestHostileEscapesAreShownInert(t *testing.T) {
	cases := hostileCases(t)
	vars := hostileVars(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			f := c.Files
			marker := "HOSTILE-" + c.Name
			for _, mode := range [][]string{nil, {"--json"}} {
				for _, step := range []struct {
					stdin []byte
					args  []string
					code  int
					shown bool // the marker is on stdout
				}{
					{hostileFile(t, f.SealedText), []string{"decrypt", "--secret-env", "H_OAUTH"}, exitOK, true},
					{hostileFile(t, f.SealedJSON), []string{"decrypt", "--secret-env", "H_OAUTH"}, exitOK, true},
					{hostileFile(t, f.SealedJSON), []string{"decrypt", "--secret-env", "H_WRONG"}, exitMismatch, false},
					{hostileFile(t, f.Webhook), []string{"verify", "--secret-env", "H_OAUTH"}, exitOK, mode != nil},
					{hostileFile(t, f.RawBody), []string{"verify", "--secret-env", "H_OAUTH"}, exitOK, mode != nil},
					{hostileFile(t, f.Webhook), []string{"verify", "--secret-env", "H_WRONG"}, exitMismatch, mode != nil},
					{hostileFile(t, f.SheetOpen), []string{"verify", "--secret-env", "H_OAUTH"}, exitOK, true},
					{hostileFile(t, f.JWT), []string{"jwt", "--secret-env", "H_MESSENGER"}, exitOK, true},
					{hostileFile(t, f.JWT), []string{"jwt", "--secret-env", "H_WRONG"}, exitMismatch, true},
					{hostileFile(t, f.JWT), []string{"verify", "--secret-env", "H_MESSENGER"}, exitOK, true},
					{c.Escape, []string{"hmac", "--secret-env", "H_IDENTITY", "-"}, exitOK, mode != nil},
					{nil, []string{"hmac", "--secret-env", "H_IDENTITY", string(c.Escape)}, exitOK, mode != nil},
					{nil, []string{"hmac", "--secret-env", "H_IDENTITY", "--expect", strings.Repeat("0", 64), string(c.Escape)}, exitMismatch, mode != nil},
					{nil, []string{"hmac", "--secret-env", "H_IDENTITY", "--user-id", string(c.Escape), "--email", string(c.Escape), "--expect", "00"}, exitMismatch, false},
					{c.Escape, []string{"sign", "--secret-env", "H_OAUTH"}, exitOK, false},
					{hostileFile(t, f.RawBody), []string{"sign", "--secret-env", "H_OAUTH", "--algo", "sha256"}, exitOK, false},
				} {
					r := runInert(t, bytes.NewReader(step.stdin), vars, append(step.args, mode...)...)
					if r.code != step.code {
						t.Errorf("sealpeek %s: exit %d, want %d\nstdout: %s\nstderr: %s", shortArgs(r.args), r.code, step.code, clip(r.stdout), clip(r.stderr))
					}
					if step.shown && !strings.Contains(r.stdout, marker) {
						t.Errorf("sealpeek %s: stdout does not show %s:\n%s", shortArgs(r.args), marker, clip(r.stdout))
					}
				}
			}
		})
	}
}

// TestHostileEncryptInput seals a user holding each escape where JSON
// allows it, and refuses each raw, in one inert sentence.
func TestHostileEncryptInput(t *testing.T) {
	cases := hostileCases(t)
	vars := hostileVars(t)
	for _, c := range cases {
		// The JSON user of the sealed fixture, recovered by decrypting it.
		r := runInert(t, bytes.NewReader(hostileFile(t, c.Files.SealedJSON)), vars, "decrypt", "--secret-env", "H_OAUTH")
		user := r.stdout
		for _, mode := range [][]string{nil, {"--json"}} {
			r = runInert(t, strings.NewReader(user), vars, append([]string{"encrypt", "--secret-env", "H_OAUTH"}, mode...)...)
			if r.code != exitOK {
				t.Errorf("%s: encrypt a JSON user: exit %d: %s", c.Name, r.code, clip(r.stderr))
			}
			r = runInert(t, bytes.NewReader(c.Escape), vars, append([]string{"encrypt", "--secret-env", "H_OAUTH"}, mode...)...)
			if r.code != exitUsage {
				t.Errorf("%s: encrypt the raw escape: exit %d", c.Name, r.code)
			}
			oneSentence(t, r, "the input is not JSON")
		}
	}
}

// TestHostileFilesToEveryVerb feeds every hostile file to every verb that
// reads input, right or wrong for it: whatever the verdict, the output is
// inert, the exit code one of sealpeek's, and nothing panics.
func TestHostileFilesToEveryVerb(t *testing.T) {
	cases := hostileCases(t)
	vars := hostileVars(t)
	verbs := [][]string{
		{"decrypt", "--secret-env", "H_OAUTH"},
		{"verify", "--secret-env", "H_OAUTH"},
		{"jwt", "--secret-env", "H_MESSENGER"},
		{"hmac", "--secret-env", "H_IDENTITY", "--expect", strings.Repeat("ab", 32), "-"},
		{"sign", "--secret-env", "H_OAUTH"},
		{"encrypt", "--secret-env", "H_OAUTH"},
	}
	for _, c := range cases {
		for _, name := range c.Files.All() {
			input := hostileFile(t, name)
			for _, verb := range verbs {
				for _, args := range bothModes(verb) {
					runInert(t, bytes.NewReader(input), vars, args...)
				}
			}
		}
	}
}

// TestHostileHeaderFlag gives each escape as a --header value and name.
func TestHostileHeaderFlag(t *testing.T) {
	cases := hostileCases(t)
	vars := hostileVars(t)
	body := []byte(`{"type":"ping"}`)
	for _, c := range cases {
		value := string(bytes.ReplaceAll(bytes.ReplaceAll(c.Escape, []byte("\r"), nil), []byte("\n"), nil))
		for _, header := range []string{"X-Hostile: " + value, value + ": x", value} {
			for _, mode := range [][]string{nil, {"--json"}} {
				runInert(t, bytes.NewReader(body), vars, append([]string{"verify", "--secret-env", "H_OAUTH", "--header", header}, mode...)...)
			}
		}
	}
}

// TestHostileArguments gives each escape where a verb takes a name: an
// unknown flag, a file that does not exist, a profile, an environment
// variable, a --config path and an --iv.
func TestHostileArguments(t *testing.T) {
	cases := hostileCases(t)
	vars := hostileVars(t)
	missing := filepath.Join(t.TempDir(), "missing")
	for _, c := range cases {
		e := string(c.Escape)
		for _, args := range [][]string{
			{"decrypt", "--" + e},
			{"decrypt", "--secret-env", "H_OAUTH", missing + e},
			{"decrypt", "--secret-env", "H_OAUTH", "a", e},
			{"decrypt", "--secret-env", e},
			{"decrypt", "--secret-file", missing + e},
			{"decrypt", "--demo", "--profile", e},
			{"decrypt", "--config", missing + e, "--profile", "x"},
			{"encrypt", "--secret-env", "H_OAUTH", "--iv", e},
			{"sign", "--secret-env", "H_OAUTH", "--algo", e},
			{"jwt", "--secret-env", "H_MESSENGER", "--at", e},
			{"jwt", "--secret-env", "H_MESSENGER", e},
			{"profiles", "--config", missing + e},
			{"profiles", "check", "--config", missing + e},
			{"profiles", "add", e, "--role", "oauth", "--secret-env", "X", "--config", filepath.Join(t.TempDir(), "p.toml")},
			{"profiles", "add", "x", "--role", e, "--config", missing},
			{e},
		} {
			for _, args := range bothModes(args) {
				r := runInert(t, strings.NewReader("x"), vars, args...)
				if r.code == exitOK && args[0] != "profiles" {
					t.Errorf("sealpeek %s: exit 0", shortArgs(r.args))
				}
			}
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a refused profiles add wrote the file")
	}
}

// TestHostileProfilesFile puts each escape in every field of a profiles
// file, written as TOML escapes and raw, and lists, checks, uses and adds
// to it: whether sealpeek refuses the file or shows the profile, what it
// prints is inert.
func TestHostileProfilesFile(t *testing.T) {
	cases := hostileCases(t)
	dir := t.TempDir()
	vars := hostileVars(t)
	for _, c := range cases {
		for _, form := range []struct {
			name  string
			quote func([]byte) string
		}{{"escaped", tomlEscaped}, {"raw", func(b []byte) string { return `"` + string(b) + `"` }}} {
			e := form.quote(c.Escape)
			for field, block := range map[string]string{
				"name":        "name = " + e + "\nrole = \"oauth\"\nsecret_env = \"H_OAUTH\"\n",
				"workspace":   "name = \"w\"\nrole = \"oauth\"\nworkspace = " + e + "\nplatform = " + e + "\nsecret_env = \"H_OAUTH\"\n",
				"secret_env":  "name = \"e\"\nrole = \"oauth\"\nsecret_env = " + e + "\n",
				"secret_file": "name = \"f\"\nrole = \"oauth\"\nsecret_file = " + form.quote(append([]byte(dir+"/missing-"), c.Escape...)) + "\n",
				"secret":      "name = \"s\"\nrole = \"oauth\"\nsecret = " + e + "\n",
				"role":        "name = \"r\"\nrole = " + e + "\nsecret_env = \"H_OAUTH\"\n",
				"key":         "name = \"k\"\nrole = \"oauth\"\nsecret_env = \"H_OAUTH\"\n" + strings.Trim(e, `"`) + " = 1\n",
			} {
				path := filepath.Join(dir, c.Name+"-"+form.name+"-"+field+".toml")
				if err := os.WriteFile(path, []byte("[[profile]]\n"+block), 0o600); err != nil {
					t.Fatal(err)
				}
				for _, args := range [][]string{
					{"profiles", "--config", path},
					{"profiles", "check", "--config", path},
					{"decrypt", "--config", path},
				} {
					for _, args := range bothModes(args) {
						runInert(t, bytes.NewReader(hostileFile(t, c.Files.SealedJSON)), vars, args...)
					}
				}
				runInert(t, strings.NewReader("added-FAKE-secret"), vars, "profiles", "add", "added", "--role", "oauth", "--workspace", "HOSTILE-"+string(c.Escape), "--config", path)
			}
		}
	}
}

// tomlEscaped writes b as a TOML basic string, controls as \u escapes and
// the rest (bidi, invalid UTF-8) as it is.
func tomlEscaped(b []byte) string {
	var out strings.Builder
	out.WriteByte('"')
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == '"' || r == '\\':
			out.WriteString(`\` + string(r))
		case r < 0x20 || r == 0x7f || 0x80 <= r && r <= 0x9f:
			fmt.Fprintf(&out, `\u%04X`, r)
		default:
			out.Write(b[:size])
		}
		b = b[size:]
	}
	out.WriteByte('"')
	return out.String()
}
