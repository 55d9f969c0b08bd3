package cli

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/fixtures"
	"github.com/sealpeek/sealpeek/internal/demo"
	"github.com/sealpeek/sealpeek/profile"
)

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

// The secrets these tests give sealpeek. runProf fails a test whose CLI
// output shows any of them, in any of the forms that would leak it.
const (
	literalSecret = "cli-literal-NOT-A-REAL-SECRET"
	envSecret     = "cli-env-NOT-A-REAL-SECRET"
	fileSecret    = "cli-file-NOT-A-REAL-SECRET"
	commandSecret = "cli-command-NOT-A-REAL-SECRET"
	stdinSecret   = "cli-stdin-NOT-A-REAL-SECRET"
	// Secrets shaped like what people paste in a secret's place, so the
	// hygiene diagnoses that describe them run too.
	sdkKeySecret      = "android_sdk-NOT-A-REAL-SECRET-0123456789abcdef"
	spacedSecret      = "  cli-spaced-NOT-A-REAL-SECRET \t"
	strangerSecret    = "cli-stranger-NOT-A-REAL-SECRET"
	accessTokenSecret = "dG9rOk5PVC1BLVJFQUwtU0VDUkVULWNsaS1hY2Nlc3MtdG9rZW4="
)

// leakForms returns the ways a secret could leak: itself, its hex and
// base64 (standard and URL-safe), and its SHA-256 (the sheet key) in hex,
// whole, cut to 16 or to the 8 digits a fingerprint has, and in base64.
func leakForms() map[string]string {
	forms := map[string]string{}
	add := func(name string, value []byte) {
		key := sha256.Sum256(value)
		keyHex := hex.EncodeToString(key[:])
		forms[string(value)] = name
		forms[hex.EncodeToString(value)] = name + " in hex"
		forms[base64.StdEncoding.EncodeToString(value)] = name + " in base64"
		forms[base64.RawURLEncoding.EncodeToString(value)] = name + " in URL-safe base64"
		forms[keyHex] = name + "'s sheet key in hex"
		forms[keyHex[:16]] = name + "'s sheet key in hex, cut to 16"
		forms[keyHex[:8]] = name + "'s sheet key in hex, cut to 8"
		forms[base64.StdEncoding.EncodeToString(key[:])[:16]] = name + "'s sheet key in base64"
	}
	for _, s := range []string{literalSecret, envSecret, fileSecret, commandSecret, stdinSecret, sdkKeySecret, spacedSecret, strangerSecret, accessTokenSecret} {
		add(s, []byte(s))
	}
	add("the spaced secret trimmed", []byte(strings.TrimSpace(spacedSecret)))
	store, err := profile.Parse(demo.Profiles(), "demo")
	if err != nil {
		panic(err)
	}
	demo, _ := store.Secrets(context.Background(), func(string) string { return "" })
	for _, s := range demo {
		add("demo secret "+s.Name, s.Value)
	}
	return forms
}

var secretForms = leakForms()

// runProf runs sealpeek as a user would, with vars as its environment, and
// fails the test if anything it printed holds a secret.
func runProf(t *testing.T, stdin string, vars map[string]string, args ...string) cliRun {
	t.Helper()
	r := runCLI(t, stdin, vars, args...)
	for _, what := range leaks(r.stdout + r.stderr) {
		t.Errorf("sealpeek %s printed the %s:\nstdout: %s\nstderr: %s", shortArgs(args), what, clip(r.stdout), clip(r.stderr))
	}
	return r
}

// leaks names every secret form found in out.
func leaks(out string) []string {
	var found []string
	for form, what := range secretForms {
		if strings.Contains(out, form) {
			found = append(found, what)
		}
	}
	return found
}

// TestLeakCheckFindsASecret proves the check on every run is not vacuous:
// a user sealed around a secret, once decrypted, shows it, and so does each
// encoding leakForms looks for.
func TestLeakCheckFindsASecret(t *testing.T) {
	var stdout bytes.Buffer
	e := &env{stdin: strings.NewReader(`{"oops":"` + envSecret + `"}`), stdout: &stdout, stderr: &stdout, getenv: func(string) string { return literalSecret }}
	run(e, []string{"encrypt", "--secret-env", "S"})
	e.stdin, e.stdout = bytes.NewReader(stdout.Bytes()), new(bytes.Buffer)
	var out bytes.Buffer
	e.stdout, e.stderr = &out, &out
	run(e, []string{"decrypt", "--secret-env", "S"})
	if got := leaks(out.String()); len(got) != 1 || got[0] != envSecret {
		t.Errorf("leaks found %v in %q", got, out.String())
	}
	key := sha256.Sum256([]byte(fileSecret))
	for _, shown := range []string{hex.EncodeToString([]byte(fileSecret)), base64.StdEncoding.EncodeToString([]byte(fileSecret)),
		"key " + hex.EncodeToString(key[:])[:8] + "…"} {
		if got := leaks("text " + shown + " text"); len(got) == 0 {
			t.Errorf("leaks does not see %q", shown)
		}
	}
}

// secretSource is one way of giving a verb its secret: the flags, the
// environment they need, and the secret value they resolve to.
type secretSource struct {
	name  string
	flags []string
	value string
}

// TestNoVerbPrintsASecret runs every verb that takes a secret with every
// way of giving it one, on a payload the secret made, on one a stranger
// made, on garbage, and with the usage mistakes people make, as text and
// as JSON, and greps everything printed for every secret in every form.
// No verb prints a secret on request either: there is no such flag, and
// the test would find it if one were added without an explicit exception.
func TestNoVerbPrintsASecret(t *testing.T) {
	config, vars := profilesFixture(t)
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "secret")
	spacedFile := filepath.Join(dir, "spaced")
	os.WriteFile(secretFile, []byte(fileSecret+"\n"), 0o600)
	os.WriteFile(spacedFile, []byte(spacedSecret), 0o600)
	vars["SEALPEEK_TEST_SECRET"] = envSecret
	vars["SDK_KEY"] = sdkKeySecret
	vars["ACCESS_TOKEN"] = accessTokenSecret
	demoOAuth, demoIdentity := secretOf(t, "demo-oauth-test"), secretOf(t, "demo-identity-web")

	sources := []secretSource{
		{"env", []string{"--secret-env", "SEALPEEK_TEST_SECRET"}, envSecret},
		{"file", []string{"--secret-file", secretFile}, fileSecret},
		{"spaced file", []string{"--secret-file", spacedFile}, spacedSecret},
		{"sdk key", []string{"--secret-env", "SDK_KEY"}, sdkKeySecret},
		{"access token", []string{"--secret-env", "ACCESS_TOKEN"}, accessTokenSecret},
		{"profile literal", []string{"--profile", "test-oauth"}, literalSecret},
		{"profile env", []string{"--profile", "prod-oauth"}, envSecret},
		{"profile file", []string{"--profile", "web"}, fileSecret},
		{"profile command", []string{"--profile", "messenger"}, commandSecret},
		{"profile --config", []string{"--config", config, "--profile", "messenger"}, commandSecret},
		{"every profile", nil, literalSecret},
		{"demo", []string{"--demo", "--profile", "demo-oauth-test"}, demoOAuth},
		{"demo identity", []string{"--demo", "--profile", "demo-identity-web"}, demoIdentity},
	}
	runs := 0
	check := func(stdin string, args ...string) cliRun {
		t.Helper()
		runs++
		return runProf(t, stdin, vars, args...)
	}
	for _, src := range sources {
		for _, secret := range []string{src.value, strangerSecret} {
			made := payloadsMadeWith(secret)
			for _, mode := range [][]string{nil, {"--json"}} {
				with := func(verb string, rest ...string) []string {
					return append(append(append([]string{verb}, src.flags...), mode...), rest...)
				}
				r := check(made.sealed, with("decrypt")...)
				// Proof the secret was used: its own payload opens, a
				// stranger's does not.
				if opened := strings.Contains(r.stdout, "user-1"); opened != (secret == src.value) {
					t.Errorf("sealpeek decrypt with %s on a payload of %s: opened %v, exit %d", src.name, secret, opened, r.code)
				}
				check(made.user, with("encrypt", "--iv", "000102030405060708090a0b")...)
				check(made.user, with("encrypt")...)
				check(made.request, with("verify")...)
				check(made.body, with("verify", "--header", "X-Body-Signature: "+made.bodySignature)...)
				check(made.jwt, with("jwt")...)
				check(made.jwt, with("verify")...)
				check("", with("hmac", "user-1")...)
				check("", with("hmac", "--expect", made.userHash, "user-1")...)
				check("", with("hmac", "--expect", strings.ToUpper(made.userHash), "user-1")...)
				check("", with("hmac", "--user-id", "user-1", "--email", "a@example.test", "--expect", made.userHash)...)
				check("user-1", with("hmac", "-")...)
				check(made.body, with("sign")...)
				check(made.body, with("sign", "--algo", "sha256")...)
				// Input that is not what the verb reads.
				check("garbage !!", with("decrypt")...)
				check("garbage !!", with("verify")...)
				check("garbage !!", with("jwt")...)
				check("garbage !!", with("encrypt")...)
				check(made.sealed, with("encrypt")...)
				// Usage mistakes, which stop before the payload.
				check(made.sealed, with("decrypt", "--secret-env", "UNSET")...)
				check(made.sealed, with("decrypt", "--no-such-flag")...)
				check(made.sealed, with("decrypt", "one", "two")...)
				check("", with("hmac")...)
				check("", with("encrypt", "--iv", "zz")...)
				check("", with("sign", "--algo", "md5")...)
			}
		}
		// The terminal UI resolves the secret before it finds no terminal.
		check("", src.flags...)
	}
	for _, mode := range [][]string{nil, {"--json"}} {
		for _, args := range [][]string{
			{"profiles"}, {"profiles", "list"}, {"profiles", "check"}, {"profiles", "--demo"}, {"profiles", "check", "--demo"},
			{"profiles", "--config", config}, {"decrypt", "--profile", "nope"}, {"decrypt", "--secret-file", filepath.Join(dir, "missing")},
			{"decrypt", "--secret-env", "SEALPEEK_TEST_SECRET", "--profile", "web"},
		} {
			check("", append(args, mode...)...)
		}
	}
	// profiles add with each source, a literal from standard input, and
	// the refusals.
	addTo := filepath.Join(dir, "added.toml")
	check(stdinSecret+"\n", "profiles", "add", "lit", "--role", "oauth", "--config", addTo)
	check(spacedSecret, "profiles", "add", "spaced", "--role", "oauth", "--config", addTo)
	check(sdkKeySecret, "profiles", "add", "sdk", "--role", "identity", "--config", addTo)
	check("", "profiles", "add", "env", "--role", "oauth", "--secret-env", "SEALPEEK_TEST_SECRET", "--config", addTo)
	check("", "profiles", "add", "file", "--role", "identity", "--secret-file", secretFile, "--config", addTo)
	check("", "profiles", "add", "cmd", "--role", "messenger", "--secret-cmd", "printf %s "+commandSecret, "--config", addTo)
	check("", "profiles", "add", "failing", "--role", "messenger", "--secret-cmd", "echo "+commandSecret+" >&2; exit 3", "--config", addTo)
	check(stdinSecret, "profiles", "add", "lit", "--role", "oauth", "--config", addTo)
	check(stdinSecret, "profiles", "add", "x", "--role", "nope", "--config", addTo)
	check("", "profiles", "add", "x", "--role", "oauth", "--secret-env", "A", "--secret-cmd", "b", "--config", addTo)
	for _, mode := range [][]string{nil, {"--json"}} {
		r := check("", append([]string{"profiles", "check", "--config", addTo}, mode...)...)
		if r.code != exitMismatch {
			t.Errorf("profiles check of the added profiles: exit %d, want 1 (the spaced, SDK key and failing ones)", r.code)
		}
		check("", append([]string{"profiles", "--config", addTo}, mode...)...)
		check(payloadsMadeWith(stdinSecret).sealed, append([]string{"decrypt", "--config", addTo}, mode...)...)
		check("", append([]string{"hmac", "--config", addTo, "--profile", "sdk", "x"}, mode...)...)
	}
	// The literal secrets really are in the file: the check above is not
	// passing because nothing was added.
	if data, _ := os.ReadFile(addTo); !bytes.Contains(data, []byte(stdinSecret)) || !bytes.Contains(data, []byte(sdkKeySecret)) {
		t.Errorf("profiles add did not store the literal secrets:\n%s", data)
	}
	t.Logf("%d runs, none printed a secret", runs)
}

// secretOf returns a demo profile's secret.
func secretOf(t *testing.T, name string) string {
	t.Helper()
	store, err := profile.Parse(demo.Profiles(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	secrets, _ := store.Secrets(context.Background(), func(string) string { return "" })
	for _, s := range secrets {
		if s.Name == name {
			return string(s.Value)
		}
	}
	t.Fatalf("no demo profile %s", name)
	return ""
}

// madePayloads are payloads one secret made, of every kind a verb reads.
type madePayloads struct {
	user, sealed, body, bodySignature, request, jwt, userHash string
}

func payloadsMadeWith(secret string) madePayloads {
	user := `{"type":"user","user_id":"user-1","email":"a@example.test"}`
	body := []byte(`{"type":"notification_event","topic":"ping"}`)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	hash := hmac.New(sha256.New, []byte(secret))
	hash.Write([]byte("user-1"))
	return madePayloads{
		user:          user,
		sealed:        fixtures.SealSheetUser(secret, []byte("leak-test-iv"), []byte(user)),
		body:          string(body),
		bodySignature: hex.EncodeToString(mac.Sum(nil)),
		request:       string(fixtures.HostileRequest(secret, nil, body)),
		jwt:           fixtures.SignJWT(secret, []byte(`{"user_id":"user-1","exp":4102444800}`)),
		userHash:      hex.EncodeToString(hash.Sum(nil)),
	}
}

// TestNoSecretInJSONFields decodes every JSON object the verbs print for
// a profile and looks for the secret in each string, so a secret split
// across escapes (\u0041…) is found too.
func TestNoSecretInJSONFields(t *testing.T) {
	config, vars := profilesFixture(t)
	_ = config
	made := payloadsMadeWith(literalSecret)
	for _, args := range [][]string{
		{"decrypt", "--json", "--profile", "test-oauth"},
		{"verify", "--json", "--profile", "test-oauth"},
		{"profiles", "--json"},
		{"profiles", "check", "--json"},
	} {
		stdin := made.sealed
		if args[0] == "verify" {
			stdin = made.request
		}
		r := runProf(t, stdin, vars, args...)
		var v any
		decodeJSONInto(t, r.stdout, &v)
		var walk func(any)
		walk = func(v any) {
			switch v := v.(type) {
			case string:
				for _, what := range leaks(v) {
					t.Errorf("sealpeek %s: a JSON string holds the %s", strings.Join(args, " "), what)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			case map[string]any:
				for k, x := range v {
					walk(k)
					walk(x)
				}
			}
		}
		walk(v)
		if args[0] == "decrypt" && !strings.Contains(fmt.Sprint(v), "user-1") {
			t.Errorf("the decrypt run did not open the user: %s", clip(r.stdout))
		}
	}
}

// TestSecretFileWarnsLikeAProfile is a regression test: a --secret-file
// others can read was used without a word, while the same file through a
// profile was warned about. Both now read through profile.ReadSecretFile.
func TestSecretFileWarnsLikeAProfile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes do not say who can read a file on Windows")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "secret")
	if err := os.WriteFile(file, []byte(publishedSecret), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(file, 0o644); err != nil { // past the umask
		t.Fatal(err)
	}
	r := runCLI(t, publishedUser, nil, "decrypt", "--secret-file", file)
	want := "note: --secret-file names " + file + ", whose mode 0644 lets group and others read it"
	if r.code != exitOK || !strings.Contains(r.stderr, want) {
		t.Errorf("mode 0644: code %d, stderr %q; want %q", r.code, r.stderr, want)
	}
	r = runCLI(t, publishedUser, nil, "decrypt", "--json", "--secret-file", file)
	notes, _ := decodeJSON(t, r.stdout)["notes"].([]any)
	found := false
	for _, n := range notes {
		found = found || n.(map[string]any)["code"] == "secret_file_permissions"
	}
	if !found {
		t.Errorf("--json notes %v lack secret_file_permissions", notes)
	}
	profiles := filepath.Join(dir, "profiles.toml")
	os.WriteFile(profiles, []byte("[[profile]]\nname = \"p\"\nrole = \"oauth\"\nsecret_file = \"secret\"\n"), 0o600)
	r = runCLI(t, publishedUser, nil, "decrypt", "--config", profiles)
	if !strings.Contains(r.stderr, "whose mode 0644 lets group and others read it") {
		t.Errorf("through a profile: stderr %q", r.stderr)
	}
	os.Chmod(file, 0o600)
	if r = runCLI(t, publishedUser, nil, "decrypt", "--secret-file", file); strings.Contains(r.stderr, "mode") {
		t.Errorf("mode 0600: stderr %q, want no warning", r.stderr)
	}
}

// TestMakingAPayloadReadsOnlyItsSecret: encrypt, sign and hmac without
// --expect use one secret, so they run no other profile's secret_cmd (one
// hanging command used to hold every verb for its 10 s).
func TestMakingAPayloadReadsOnlyItsSecret(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("secret_cmd needs sh")
	}
	dir := t.TempDir()
	ran := filepath.Join(dir, "ran")
	profiles := filepath.Join(dir, "profiles.toml")
	os.WriteFile(profiles, []byte(`[[profile]]
name = "lit"
role = "oauth"
secret = "`+publishedSecret+`"

[[profile]]
name = "web"
role = "identity"
secret = "web-NOT-A-REAL-SECRET"

[[profile]]
name = "other"
role = "messenger"
secret_cmd = "touch `+ran+`; echo x"
`), 0o600)
	for _, args := range [][]string{
		{"encrypt", "--config", profiles, "--profile", "lit"},
		{"encrypt", "--config", profiles},
		{"sign", "--config", profiles, "-"},
		{"hmac", "--config", profiles, "--profile", "web", "4711"},
	} {
		r := runCLI(t, `{"test":"test"}`, nil, args...)
		if r.code != exitOK {
			t.Fatalf("%v: %+v", args, r)
		}
		if _, err := os.Stat(ran); err == nil {
			t.Fatalf("%v ran another profile's secret_cmd", args)
		}
	}
	// Checking tries every profile, so it does read them all.
	runCLI(t, publishedUser, nil, "decrypt", "--config", profiles)
	if _, err := os.Stat(ran); err != nil {
		t.Fatal("decrypt did not try every profile")
	}
}
