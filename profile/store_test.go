package profile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const literalProfile = "[[profile]]\nname = \"lit\"\nrole = \"oauth\"\nsecret = \"lit-NOT-A-REAL-SECRET\"\n"

func writeFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode passes the umask
		t.Fatal(err)
	}
}

func TestLoadMissingFileIsEmpty(t *testing.T) {
	store, err := Load(filepath.Join(t.TempDir(), "nope", "profiles.toml"))
	if err != nil || len(store.Profiles) != 0 || store.Exists() {
		t.Fatalf("got %+v, %v; want an empty store for a missing file", store, err)
	}
}

func TestLoadRefusesADirectory(t *testing.T) {
	_, err := Load(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "this is a directory") {
		t.Fatalf("got %v", err)
	}
}

func TestLoadReportsMalformedWithPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	writeFile(t, path, "[[profile]]\nname = \"a\"\nrole = \"nope\"\nsecret_env = \"A\"\n", 0o600)
	_, err := Load(path)
	if err == nil || err.Error() != path+` line 3, field role: "nope" is not a role; use oauth, identity or messenger` {
		t.Fatalf("got %v", err)
	}
	if d := err.(*ConfigError).Diagnosis(); d.Code != CodeFileInvalid || d.Severity != "error" || d.Message != err.Error() {
		t.Errorf("diagnosis %+v", d)
	}
}

func TestLoadFilePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits on Windows")
	}
	cmdProfile := "[[profile]]\nname = \"c\"\nrole = \"oauth\"\nsecret_cmd = \"pass show x\"\n"
	envProfile := "[[profile]]\nname = \"e\"\nrole = \"oauth\"\nsecret_env = \"E\"\n"
	cases := []struct {
		name, data string
		mode       os.FileMode
		refusal    string // "" when the file is accepted
	}{
		{"literal private", literalProfile, 0o600, ""},
		{"literal owner read-only", literalProfile, 0o400, ""},
		{"literal world-readable", literalProfile, 0o644, "profile 'lit' holds a literal secret and the file's mode 0644 lets group and others read it; run: chmod 600 "},
		{"literal group-readable", literalProfile, 0o640, "lets its group read it; run: chmod 600 "},
		{"literal other-readable", literalProfile, 0o604, "lets every user read it; run: chmod 600 "},
		{"env world-readable", envProfile, 0o644, ""},
		{"command world-readable", cmdProfile, 0o644, ""},
		{"command group-writable", cmdProfile, 0o664, "profile 'c' runs a secret_cmd and the file's mode 0664 lets its group change what it runs; run: chmod 600 "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "profiles.toml")
			writeFile(t, path, c.data, c.mode)
			store, err := Load(path)
			if c.refusal == "" {
				if err != nil || len(store.Profiles) != 1 {
					t.Fatalf("got %v; want the file accepted", err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.Contains(ce.Reason, c.refusal+path) || ce.Line != 1 {
				t.Fatalf("got %v\nwant a refusal containing %q", err, c.refusal+path)
			}
			if d := ce.Diagnosis(); d.Code != CodeFilePermissions || d.Fix != "Run: chmod 600 "+path {
				t.Errorf("diagnosis %+v", d)
			}
			if strings.Contains(err.Error(), "NOT-A-REAL") {
				t.Errorf("the refusal shows the secret: %s", err)
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/a/.config/sealpeek/profiles.toml": "/home/a/.config/sealpeek/profiles.toml",
		"/Users/a/Library/Application Support/x": "'/Users/a/Library/Application Support/x'",
		"it's":                                   `'it'\''s'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
