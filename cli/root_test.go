package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/demo"
	"github.com/sealpeek/sealpeek/profile"
)

func TestTUIArgumentErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown verb "frobnicate", and no file of that name`},
		{[]string{"--role", "admin", "--secret-env", "SEALPEEK_TEST_SECRET"}, `--role must be oauth, identity or messenger, not "admin"`},
		{[]string{"--secret-env", "SEALPEEK_TEST_UNSET"}, "SEALPEEK_TEST_UNSET is not set"},
		{[]string{"a", "b"}, "too many arguments"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, stdinIsTTY: true,
			getenv: func(k string) string {
				if k == "SEALPEEK_TEST_SECRET" {
					return "FAKE-secret"
				}
				return ""
			}}
		if code := run(e, c.args); code != exitUsage || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("sealpeek %s: code %d, stderr %q; want 2 and %q", strings.Join(c.args, " "), code, stderr.String(), c.want)
		}
	}
}

func TestTUIOptionsFromTheDemo(t *testing.T) {
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	opts, err := tuiOptions(e, &tuiFlags{secrets: secretFlags{store: storeFlags{demo: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.Secrets) != 6 || len(opts.Profiles) != 6 || len(opts.Samples) != len(demo.Samples()) {
		t.Fatalf("demo: %d secrets, %d profiles, %d samples", len(opts.Secrets), len(opts.Profiles), len(opts.Samples))
	}
	if opts.SaveProfile != nil {
		t.Error("the demo has no profiles file to save to")
	}
	for _, s := range opts.Samples {
		if s.Chosen == "" || len(s.Input) == 0 {
			t.Errorf("sample %s lacks its chosen profile or input", s.Name)
		}
	}
}

func TestTUIOptionsFromAProfilesFile(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "profiles.toml")
	os.WriteFile(config, []byte(`[[profile]]
name = "test-oauth"
role = "oauth"
secret_env = "SEALPEEK_TUI_TEST"

[[profile]]
name = "unset"
role = "identity"
secret_env = "SEALPEEK_TUI_UNSET"
`), 0o600)
	vars := map[string]string{"SEALPEEK_TUI_TEST": "FAKE-oauth-secret"}
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string { return vars[k] }}
	flags := &tuiFlags{secrets: secretFlags{profile: "test-oauth", store: storeFlags{config: config}}}
	opts, err := tuiOptions(e, flags, []byte("pasted"))
	if err != nil {
		t.Fatal(err)
	}
	// The profiles are read in the background, once the UI is drawn.
	if len(opts.Secrets) != 0 || opts.ReadProfiles == nil || opts.Reading != 2 || opts.Chosen != "test-oauth" || opts.SaveProfile == nil || string(opts.Input) != "pasted" {
		t.Fatalf("options: %d secrets, reading %d, chosen %q, save %v", len(opts.Secrets), opts.Reading, opts.Chosen, opts.SaveProfile != nil)
	}
	read := opts.ReadProfiles()
	if len(read) != 2 || !read[0].OK() || string(read[0].Secret.Value) != "FAKE-oauth-secret" || read[1].OK() || read[1].Err.Code != "secret_env_unset" {
		t.Fatalf("read %+v", read)
	}
	os.Chmod(config, 0o644)
	where, err := opts.SaveProfile(profile.Profile{Name: "session", Role: crypto.RoleOAuth}.WithSecret([]byte("FAKE-session")))
	if err != nil {
		t.Fatal(err)
	}
	// Saving names the file, and that it made it private.
	if want := config + " (its mode was 0644; now 0600, as it holds the secret itself)"; where != want {
		t.Errorf("saved to %q, want %q", where, want)
	}
	if data, _ := os.ReadFile(config); !strings.Contains(string(data), `name = "session"`) {
		t.Fatalf("the saved profile is not in the file:\n%s", data)
	}
	flags.secrets.profile = "nope"
	if _, err := tuiOptions(e, flags, nil); err == nil || !strings.Contains(err.Error(), "no profile named 'nope'") {
		t.Fatalf("unknown profile: %v", err)
	}
}

// TestTUILangFromTheFlagOrTheProfile: the UI opens fixes in --lang, else
// in the chosen profile's lang.
func TestTUILangFromTheFlagOrTheProfile(t *testing.T) {
	config := filepath.Join(t.TempDir(), "profiles.toml")
	os.WriteFile(config, []byte("[[profile]]\nname = \"p\"\nrole = \"oauth\"\nlang = \"rb\"\nsecret_env = \"X\"\n"), 0o600)
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	flags := &tuiFlags{secrets: secretFlags{profile: "p", store: storeFlags{config: config}}}
	if opts, err := tuiOptions(e, flags, nil); err != nil || opts.Lang != "ruby" {
		t.Fatalf("the chosen profile's lang: %q, %v", opts.Lang, err)
	}
	flags.lang.Set("py")
	if opts, err := tuiOptions(e, flags, nil); err != nil || opts.Lang != "python" {
		t.Fatalf("--lang: %q, %v", opts.Lang, err)
	}
}

// TestTUIReadsAndSavesAProfileFromEverySource: the add form's profiles
// are read as the profiles file's are (hygiene included), a relative
// secret_file made absolute; saved, each keeps its source, not the value.
func TestTUIReadsAndSavesAProfileFromEverySource(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "profiles.toml")
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("FAKE-file-secret\n"), 0o600)
	t.Chdir(dir)
	vars := map[string]string{"SEALPEEK_ADD_TEST": "FAKE-env-secret"}
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string { return vars[k] }}
	opts, err := tuiOptions(e, &tuiFlags{secrets: secretFlags{store: storeFlags{config: config}}}, nil)
	if err != nil || opts.ResolveProfile == nil {
		t.Fatalf("options: %v, resolve set %v", err, opts.ResolveProfile != nil)
	}
	env := opts.ResolveProfile(profile.Profile{Name: "e", Role: crypto.RoleOAuth, Source: profile.SourceEnv, Ref: "SEALPEEK_ADD_TEST"})
	file := opts.ResolveProfile(profile.Profile{Name: "f", Role: crypto.RoleOAuth, Source: profile.SourceFile, Ref: "secret.txt"})
	unset := opts.ResolveProfile(profile.Profile{Name: "u", Role: crypto.RoleOAuth, Source: profile.SourceEnv, Ref: "SEALPEEK_ADD_UNSET"})
	if !env.OK() || string(env.Secret.Value) != "FAKE-env-secret" || !file.OK() || string(file.Secret.Value) != "FAKE-file-secret" ||
		file.Profile.Ref != filepath.Join(dir, "secret.txt") || unset.OK() {
		t.Fatalf("env %+v, file %+v (ref %q), unset %+v", env, file, file.Profile.Ref, unset)
	}
	if _, err := os.Stat("/bin/sh"); err == nil {
		cmd := opts.ResolveProfile(profile.Profile{Name: "c", Role: crypto.RoleOAuth, Source: profile.SourceCommand, Ref: "printf 'FAKE-cmd-secret '"})
		if !cmd.OK() || len(cmd.Warnings) == 0 || cmd.Warnings[0].Code != crypto.CodeSecretSurroundingWhitespace {
			t.Fatalf("a command's secret with a trailing space should be read and warned about: %+v", cmd)
		}
	}
	if _, err := opts.SaveProfile(env.Profile); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(config); !strings.Contains(string(data), `secret_env = "SEALPEEK_ADD_TEST"`) || strings.Contains(string(data), "FAKE-env-secret") {
		t.Fatalf("the saved profile should name its variable, not hold its value:\n%s", data)
	}
}
