package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

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

// TestEveryCodeIsDocumented keeps docs/diagnoses.md in step with
// crypto.Codes(); package docs checks the page is exactly what
// go generate makes.
func TestEveryCodeIsDocumented(t *testing.T) {
	page, err := os.ReadFile("docs/diagnoses.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, info := range crypto.Codes() {
		heading := fmt.Sprintf("\n## `%s`\n", info.Code)
		if !strings.Contains(string(page), heading) {
			t.Errorf("no heading %q in docs/diagnoses.md: run go generate ./...", strings.TrimSpace(heading))
		}
	}
}
