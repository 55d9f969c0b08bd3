package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

func TestProfilesAddThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "profiles.toml")
	original := "# my profiles\n\n[[profile]]\nname = \"first\"  # kept as is\nrole = \"oauth\"\nsecret_env = \"FIRST\"\n"
	os.WriteFile(path, []byte(original), 0o644)
	vars := map[string]string{profile.ConfigEnv: path, "WEB_SECRET": envSecret}

	r := runProf(t, stdinSecret+"\n", vars, "profiles", "add", "lit", "--role", "oauth", "--workspace", "test")
	if r.code != exitOK || !strings.Contains(r.stdout, "added profile 'lit' (oauth, test) to "+path+": source literal, fingerprint "+crypto.Fingerprint([]byte(stdinSecret))) {
		t.Fatalf("literal: %+v", r)
	}
	r = runProf(t, "", vars, "profiles", "add", "--secret-env", "WEB_SECRET", "web", "--role", "identity", "--platform", "web")
	if r.code != exitOK {
		t.Fatalf("env: %+v", r)
	}
	r = runProf(t, "", vars, "profiles", "add", "cmd", "--role", "messenger", "--secret-cmd", "exit 4")
	if r.code != exitOK || !strings.Contains(r.stderr, "secret_cmd_failed: profile 'cmd': its secret_cmd failed (exit status 4)") {
		t.Fatalf("a command that fails is added, with a warning: %+v", r)
	}
	after, _ := os.ReadFile(path)
	added, ok := bytes.CutPrefix(after, []byte(original))
	want := "\n[[profile]]\nname = \"lit\"\nrole = \"oauth\"\nworkspace = \"test\"\nsecret = \"" + stdinSecret + "\"\n" +
		"\n[[profile]]\nname = \"web\"\nrole = \"identity\"\nplatform = \"web\"\nsecret_env = \"WEB_SECRET\"\n" +
		"\n[[profile]]\nname = \"cmd\"\nrole = \"messenger\"\nsecret_cmd = \"exit 4\"\n"
	if !ok || string(added) != want {
		t.Fatalf("the file is not the original plus the blocks:\n%s", after)
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", info.Mode().Perm())
	}

	secretFile := filepath.Join(dir, "relative.secret")
	os.WriteFile(secretFile, []byte(fileSecret), 0o600)
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, secretFile)
	if err == nil {
		r = runProf(t, "", vars, "profiles", "add", "file", "--role", "oauth", "--secret-file", rel)
		if r.code != exitOK || !strings.Contains(r.stdout, "source file "+secretFile+", fingerprint") {
			t.Errorf("a relative --secret-file is kept absolute: %+v", r)
		}
	}

	before, _ := os.ReadFile(path)
	for name, c := range map[string]struct {
		stdin string
		args  []string
		want  string
	}{
		"duplicate":    {"", []string{"lit", "--role", "oauth", "--secret-env", "X"}, "a profile named 'lit' already exists"},
		"two sources":  {"", []string{"x", "--role", "oauth", "--secret-env", "X", "--secret-cmd", "y"}, "give one of --secret-env, --secret-cmd, not 2"},
		"bad role":     {"", []string{"x", "--role", "admin", "--secret-env", "X"}, `--role must be oauth, identity or messenger, not "admin"`},
		"no name":      {"", []string{"--role", "oauth", "--secret-env", "X"}, "give the NAME of the profile to add"},
		"empty stdin":  {"\n", []string{"x", "--role", "oauth"}, "no secret on standard input"},
		"demo refused": {"", []string{"x", "--role", "oauth", "--demo"}, "unknown flag: --demo"},
	} {
		r := runProf(t, c.stdin, vars, append([]string{"profiles", "add"}, c.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: code %d stderr %q; want …%s…", name, r.code, r.stderr, c.want)
		}
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, before) {
		t.Error("a refused add changed the file")
	}
}
