package profile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

// existingFile has comments, odd spacing, a blank line at the end and no
// profile written the way Append would write it.
const existingFile = `# My Intercom secrets — keep this file private.
#   (indented comment)

[[profile]]
  name    = "test-oauth"   # trailing comment
  role    = 'oauth'
  secret_env = "INTERCOM_TEST_CLIENT_SECRET"


`

func TestAppendKeepsTheFileByteForByte(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	writeFile(t, path, existingFile, 0o600)
	p := Profile{Name: "web", Role: crypto.RoleIdentity, Workspace: "production", Platform: "web", Source: SourceEnv, Ref: "WEB_SECRET"}
	if err := Append(path, p); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, ok := bytes.CutPrefix(after, []byte(existingFile))
	if !ok {
		t.Fatalf("the old file is not an exact prefix of the new one:\n%s", after)
	}
	want := "\n[[profile]]\nname = \"web\"\nrole = \"identity\"\nworkspace = \"production\"\nplatform = \"web\"\nsecret_env = \"WEB_SECRET\"\n"
	if string(block) != want {
		t.Errorf("appended %q\nwant     %q", block, want)
	}
	assertMode(t, path, 0o600)
	store, err := Load(path)
	if err != nil || len(store.Profiles) != 2 || store.Profiles[1].Name != "web" || store.Profiles[1].Line != 11 {
		t.Fatalf("read back: %+v, %v", store, err)
	}
}

func TestAppendToAFileWithoutFinalNewline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	old := "# no newline at the end"
	writeFile(t, path, old, 0o600)
	if err := Append(path, Profile{Name: "a", Role: crypto.RoleOAuth, Source: SourceCommand, Ref: `pass show "intercom/oauth"`}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	want := old + "\n\n[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_cmd = \"pass show \\\"intercom/oauth\\\"\"\n"
	if string(after) != want {
		t.Errorf("got %q\nwant %q", after, want)
	}
}

func TestAppendCreatesAPrivateFileAndFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sealpeek", "profiles.toml")
	secret := "quote\"back\\slash\ttab-NOT-A-REAL-SECRET é"
	if err := Append(path, Profile{Name: "lit", Role: crypto.RoleMessenger}.WithSecret([]byte(secret))); err != nil {
		t.Fatal(err)
	}
	assertMode(t, path, 0o600)
	store, err := Load(path) // a literal secret: Load checks the mode too
	if err != nil {
		t.Fatal(err)
	}
	r := store.Resolve(context.Background(), nil)[0]
	if !r.OK() || string(r.Secret.Value) != secret {
		t.Errorf("the literal did not survive the round trip: %v", r.Err)
	}
}

func TestAppendMakesAnOpenFilePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	writeFile(t, path, existingFile, 0o644)
	if err := Append(path, Profile{Name: "lit", Role: crypto.RoleOAuth}.WithSecret([]byte("lit-NOT-A-REAL-SECRET"))); err != nil {
		t.Fatal(err)
	}
	assertMode(t, path, 0o600)
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
}

func TestAppendFollowsASymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.toml")
	link := filepath.Join(dir, "profiles.toml")
	writeFile(t, real, existingFile, 0o600)
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := Append(link, Profile{Name: "b", Role: crypto.RoleOAuth, Source: SourceEnv, Ref: "B"}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
	if store, err := Load(real); err != nil || len(store.Profiles) != 2 {
		t.Fatalf("the linked file: %v, %v", store, err)
	}
}

func TestAppendRefusals(t *testing.T) {
	cases := []struct {
		name, file string
		profile    Profile
		reason     string
	}{
		{"duplicate name", existingFile, Profile{Name: "test-oauth", Role: crypto.RoleOAuth, Source: SourceEnv, Ref: "X"}, "line 4, field name: a profile named 'test-oauth' already exists"},
		{"malformed file", existingFile + "role = [\n", Profile{Name: "b", Role: crypto.RoleOAuth, Source: SourceEnv, Ref: "X"}, "not valid TOML"},
		{"unknown role", existingFile, Profile{Name: "b", Role: "admin", Source: SourceEnv, Ref: "X"}, `field role: "admin" is not a role`},
		{"no source", existingFile, Profile{Name: "b", Role: crypto.RoleOAuth}, "has no secret source"},
		{"binary literal", existingFile, Profile{Name: "b", Role: crypto.RoleOAuth}.WithSecret([]byte{0xff, 0xfe}), "not UTF-8 text"},
		// TOML cannot hold these: written, they would read back as another
		// profile (U+FFFD in place of each byte).
		{"binary name", existingFile, Profile{Name: "b\xff", Role: crypto.RoleOAuth, Source: SourceEnv, Ref: "X"}, "field name: the name is not UTF-8 text"},
		{"binary workspace", existingFile, Profile{Name: "b", Role: crypto.RoleOAuth, Workspace: "\xc3(", Source: SourceEnv, Ref: "X"}, "field workspace: the workspace label is not UTF-8 text"},
		{"binary platform", existingFile, Profile{Name: "b", Role: crypto.RoleOAuth, Platform: "\x9b", Source: SourceEnv, Ref: "X"}, "field platform: the platform label is not UTF-8 text"},
		{"binary path", existingFile, Profile{Name: "b", Role: crypto.RoleOAuth, Source: SourceFile, Ref: "/tmp/\xff"}, "field secret_file: the secret_file of profile 'b' is not UTF-8 text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "profiles.toml")
			writeFile(t, path, c.file, 0o600)
			err := Append(path, c.profile)
			if err == nil || !strings.Contains(err.Error(), c.reason) {
				t.Fatalf("got %v; want …%s…", err, c.reason)
			}
			assertUnchanged(t, path, c.file)
		})
	}
}

func TestAppendFailingWriteLeavesTheFileWhole(t *testing.T) {
	steps := map[string]func(){
		"write": func() {
			writeTemp = func(f *os.File, data []byte) (int, error) {
				n, _ := f.Write(data[:len(data)/2]) // a disk that fills half way
				return n, errors.New("no space left on device")
			}
		},
		"rename": func() {
			renameFile = func(string, string) error {
				return &os.LinkError{Op: "rename", Err: errors.New("device or resource busy")}
			}
		},
	}
	for step, breakIt := range steps {
		t.Run(step, func(t *testing.T) {
			savedWrite, savedRename := writeTemp, renameFile
			defer func() { writeTemp, renameFile = savedWrite, savedRename }()
			breakIt()
			dir := t.TempDir()
			path := filepath.Join(dir, "profiles.toml")
			writeFile(t, path, existingFile, 0o600)
			err := Append(path, Profile{Name: "b", Role: crypto.RoleOAuth, Source: SourceEnv, Ref: "B"})
			if err == nil || !strings.HasSuffix(err.Error(), "; the file is unchanged") {
				t.Fatalf("got %v", err)
			}
			assertUnchanged(t, path, existingFile)
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("a temporary file was left behind: %v", entries)
			}
		})
	}
}

func assertUnchanged(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("the file changed: %q, %v", got, err)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != want {
		t.Errorf("mode of %s: %v, %v; want %04o", path, info.Mode().Perm(), err, want)
	}
}
