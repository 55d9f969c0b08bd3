package profile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
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

func TestAppendWritesTheLang(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	p := Profile{Name: "web", Role: crypto.RoleIdentity, Lang: "python", Source: SourceEnv, Ref: "WEB_SECRET"}
	if err := Append(path, p); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[[profile]]\nname = \"web\"\nrole = \"identity\"\nlang = \"python\"\nsecret_env = \"WEB_SECRET\"\n"; string(data) != want {
		t.Errorf("wrote %q\nwant  %q", data, want)
	}
	store, err := Load(path)
	if err != nil || len(store.Profiles) != 1 || store.Profiles[0].Lang != "python" {
		t.Fatalf("read back: %+v, %v", store, err)
	}
	var ce *ConfigError
	if err := Append(path, Profile{Name: "x", Role: crypto.RoleOAuth, Lang: "cobol", Source: SourceEnv, Ref: "X"}); !errors.As(err, &ce) || ce.Field != "lang" {
		t.Errorf("an unknown lang: got %v, want a *ConfigError about lang", err)
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

// The profile the crash tests try to add: a literal secret, so a temporary
// file left behind would leave the secret on disk.
var crashProfile = Profile{Name: "b", Role: crypto.RoleOAuth}.WithSecret([]byte("crash-NOT-A-REAL-SECRET"))

func TestAppendFailingWriteLeavesTheFileWhole(t *testing.T) {
	steps := map[string]struct {
		breakIt func()
		cause   string
	}{
		"write": {func() {
			writeTemp = func(f *os.File, data []byte) (int, error) {
				n, _ := f.Write(data[:len(data)/2]) // a disk that fills half way
				return n, errors.New("no space left on device")
			}
		}, "cannot write the new file: no space left on device"},
		"rename": {func() {
			renameFile = func(string, string) error {
				return &os.LinkError{Op: "rename", Err: errors.New("device or resource busy")}
			}
		}, "cannot put the new file in place: device or resource busy"},
	}
	for step, c := range steps {
		for _, viaLink := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s link=%v", step, viaLink), func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "profiles.toml")
				writeFile(t, path, existingFile, 0o600)
				target := path
				if viaLink {
					if err := os.Symlink("profiles.toml", filepath.Join(dir, "link.toml")); err != nil {
						t.Skip("no symlinks here:", err)
					}
					target = filepath.Join(dir, "link.toml")
				}
				savedWrite, savedRename := writeTemp, renameFile
				c.breakIt()
				err := Append(target, crashProfile)
				writeTemp, renameFile = savedWrite, savedRename
				if err == nil || !strings.Contains(err.Error(), c.cause) || !strings.HasSuffix(err.Error(), "; the file is unchanged") {
					t.Fatalf("got %v; want the cause, %q, and that the file is unchanged", err, c.cause)
				}
				assertOldFileWhole(t, dir, path)
				if viaLink {
					if info, err := os.Lstat(target); err != nil || info.Mode()&os.ModeSymlink == 0 {
						t.Error("the link was replaced")
					}
				}
				// Nothing is left that would stop the next try.
				if err := Append(target, crashProfile); err != nil {
					t.Fatalf("appending again: %v", err)
				}
				if store, err := Load(path); err != nil || len(store.Profiles) != 2 {
					t.Errorf("after appending again: %v, %v", store, err)
				}
			})
		}
	}
}

// assertOldFileWhole checks that path holds existingFile byte for byte,
// still private and still read as its one profile, and that no temporary
// file (which would hold the literal secret) is left in dir.
func assertOldFileWhole(t *testing.T, dir, path string) {
	t.Helper()
	assertUnchanged(t, path, existingFile)
	assertMode(t, path, 0o600)
	if store, err := Load(path); err != nil || len(store.Profiles) != 1 || store.Profiles[0].Name != "test-oauth" {
		t.Errorf("the old file no longer reads as before: %v, %v", store, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

// crashEnv names the step at which the child process of
// TestAppendSurvivesACrash dies, and the file it appends to.
const crashEnv = "SEALPEEK_TEST_CRASH"

// TestAppendSurvivesACrash kills a real process in the middle of Append,
// where no deferred cleanup runs: half way through writing the new file,
// and with it written and synced but not yet renamed. The old file must be
// whole and readable, the leftover temporary file private (it holds the
// secret) and ignored, and the next Append must work.
func TestAppendSurvivesACrash(t *testing.T) {
	if step := os.Getenv(crashEnv); step != "" {
		crashDuringAppend(step, os.Getenv(crashEnv+"_PATH"))
		return
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "js" {
		t.Skip("needs to run itself as a child process")
	}
	for _, step := range []string{"mid-write", "before-rename"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "profiles.toml")
			writeFile(t, path, existingFile, 0o600)
			cmd := exec.Command(os.Args[0], "-test.run=^TestAppendSurvivesACrash$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashEnv+"="+step, crashEnv+"_PATH="+path)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != crashExitCode {
				t.Fatalf("the child did not crash at %s: %v\n%s", step, err, out)
			}
			assertUnchanged(t, path, existingFile)
			assertMode(t, path, 0o600)
			if store, err := Load(path); err != nil || len(store.Profiles) != 1 {
				t.Fatalf("the old file no longer reads as before: %v, %v", store, err)
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".profiles.toml.tmp-*"))
			if len(leftovers) != 1 {
				t.Fatalf("want the one temporary file the crash left, got %v", leftovers)
			}
			assertMode(t, leftovers[0], 0o600)
			if err := Append(path, crashProfile); err != nil {
				t.Fatalf("appending after the crash: %v", err)
			}
			if store, err := Load(path); err != nil || len(store.Profiles) != 2 {
				t.Errorf("after appending again: %v, %v", store, err)
			}
		})
	}
}

const crashExitCode = 77

// crashDuringAppend runs in the child: it appends to path and dies at step,
// as a power cut or kill -9 would stop it, with no cleanup.
func crashDuringAppend(step, path string) {
	switch step {
	case "mid-write":
		writeTemp = func(f *os.File, data []byte) (int, error) {
			f.Write(data[:len(data)/2])
			f.Sync()
			os.Exit(crashExitCode)
			return 0, nil
		}
	case "before-rename":
		renameFile = func(string, string) error {
			os.Exit(crashExitCode)
			return nil
		}
	}
	Append(path, crashProfile)
	// Reaching here means the hook was not on Append's path: exit 0, which
	// the parent reports.
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

// TestConcurrentAppendsLoseNothing: forty adds at once into one file, as
// forty 'sealpeek profiles add' would run, all land.
func TestConcurrentAppendsLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	const n = 40
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = Append(path, Profile{Name: fmt.Sprintf("p%02d", i), Role: crypto.RoleOAuth, Source: SourceEnv, Ref: "X"})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("add %d: %v", i, err)
		}
	}
	store, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(store.Profiles) != n {
		t.Fatalf("%d of %d concurrent adds survived", len(store.Profiles), n)
	}
}
