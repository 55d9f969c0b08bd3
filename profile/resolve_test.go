package profile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
)

// resolveOne parses one profile written in a file in dir and resolves it.
func resolveOne(t *testing.T, dir, body string, vars map[string]string) Resolved {
	t.Helper()
	path := filepath.Join(dir, "profiles.toml")
	writeFile(t, path, "[[profile]]\nname = \"p\"\nrole = \"oauth\"\n"+body+"\n", 0o600)
	store, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	rs := store.Resolve(context.Background(), func(k string) string { return vars[k] })
	if len(rs) != 1 {
		t.Fatalf("got %d resolved profiles", len(rs))
	}
	return rs[0]
}

func problemCodes(ps []Problem) string {
	codes := make([]string, len(ps))
	for i, p := range ps {
		codes[i] = string(p.Code)
	}
	return strings.Join(codes, ",")
}

func TestResolveEachSource(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("secret_cmd needs sh")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "relative.secret"), "file-NOT-A-REAL-SECRET\n", 0o600)
	writeFile(t, filepath.Join(dir, "crlf.secret"), "crlf-NOT-A-REAL-SECRET\r\n", 0o600)
	if err := os.MkdirAll(filepath.Join(dir, "home", ".secrets"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "home", ".secrets", "web"), "home-NOT-A-REAL-SECRET", 0o600)
	vars := map[string]string{"SECRET_VAR": "env-NOT-A-REAL-SECRET", "HOME": filepath.Join(dir, "home")}
	cases := []struct {
		name, body, want string
	}{
		{"literal", `secret = "literal-NOT-A-REAL-SECRET"`, "literal-NOT-A-REAL-SECRET"},
		{"literal with escapes", `secret = "a\"b\\c"`, `a"b\c`},
		{"env", `secret_env = "SECRET_VAR"`, "env-NOT-A-REAL-SECRET"},
		{"file relative to the profiles file, newline trimmed", `secret_file = "relative.secret"`, "file-NOT-A-REAL-SECRET"},
		{"file with CRLF", `secret_file = "` + filepath.Join(dir, "crlf.secret") + `"`, "crlf-NOT-A-REAL-SECRET"},
		{"file under ~", `secret_file = "~/.secrets/web"`, "home-NOT-A-REAL-SECRET"},
		{"command, newline trimmed", `secret_cmd = "echo cmd-NOT-A-REAL-SECRET"`, "cmd-NOT-A-REAL-SECRET"},
		{"command, shell syntax", `secret_cmd = "printf '%s' cmd-$((6*7))"`, "cmd-42"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := resolveOne(t, dir, c.body, vars)
			if !r.OK() {
				t.Fatalf("not resolved: %v", r.Err)
			}
			if string(r.Secret.Value) != c.want || r.Secret.Name != "p" || r.Secret.Role != crypto.RoleOAuth {
				t.Errorf("got %q (%s), want %q", r.Secret.Value, r.Secret, c.want)
			}
			if len(r.Warnings) != 0 {
				t.Errorf("unexpected warnings: %v", r.Warnings)
			}
		})
	}
}

func TestResolveFailures(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("secret_cmd needs sh")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "empty.secret"), "\n", 0o600)
	writeFile(t, filepath.Join(dir, "big.secret"), strings.Repeat("x", MaxSecretSize+1), 0o600)
	cases := []struct {
		name, body, code, message string
	}{
		{"env unset", `secret_env = "UNSET_VAR"`, "secret_env_unset", "profile 'p' reads the environment variable UNSET_VAR, which is not set or is empty"},
		{"file missing", `secret_file = "missing.secret"`, "secret_file_unreadable", "profile 'p' cannot read its secret file " + filepath.Join(dir, "missing.secret") + ": no such file or directory"},
		{"file is a directory", `secret_file = "."`, "secret_file_unreadable", "it is a directory"},
		{"file empty", `secret_file = "empty.secret"`, "secret_empty", "profile 'p' reads an empty secret from its secret_file"},
		{"file too large", `secret_file = "big.secret"`, "secret_too_large", "more than 64 KiB"},
		{"command fails", `secret_cmd = "echo leaked-NOT-A-REAL-SECRET; echo leaked-NOT-A-REAL-SECRET >&2; exit 3"`, "secret_cmd_failed", "profile 'p': its secret_cmd failed (exit status 3); its output is not shown, as it may hold the secret"},
		{"command not found", `secret_cmd = "no-such-command-sealpeek"`, "secret_cmd_failed", "(exit status 127: the shell did not find the command)"},
		{"command prints nothing", `secret_cmd = "true"`, "secret_empty", "reads an empty secret from its secret_cmd"},
		{"command prints too much", `secret_cmd = "head -c 70000 /dev/zero"`, "secret_too_large", "from its secret_cmd"},
		// Without end: refused as too large at once, not at the deadline.
		{"command prints without end", `secret_cmd = "yes"`, "secret_too_large", "from its secret_cmd"},
		{"command leaves a child holding its output", `secret_cmd = "echo s; sleep 30 &"`, "secret_cmd_failed", "left a process in the background holding its output, which sealpeek stopped"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := resolveOne(t, dir, c.body, nil)
			if r.OK() {
				t.Fatalf("resolved; want %s", c.code)
			}
			if string(r.Err.Code) != c.code || !strings.Contains(r.Err.Message, c.message) || r.Err.Fix == "" || r.Err.Severity != crypto.SeverityError {
				t.Errorf("got %s: %s\nwant %s: …%s…", r.Err.Code, r.Err.Message, c.code, c.message)
			}
			if strings.Contains(r.Err.Message+r.Err.Fix, "leaked") {
				t.Errorf("the problem shows the command's output: %s", r.Err.Message)
			}
		})
	}
}

func TestResolveCommandTimeout(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("secret_cmd needs sh")
	}
	store, err := Parse([]byte("[[profile]]\nname = \"slow\"\nrole = \"oauth\"\nsecret_cmd = \"sleep 5\"\n"), "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	r := store.Resolve(ctx, nil)[0]
	if r.OK() || r.Err.Code != "secret_cmd_timeout" || !strings.Contains(r.Err.Message, "did not finish within 200ms") {
		t.Fatalf("got %+v", r.Err)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("the timeout took %v to stop the command", elapsed)
	}
}

// TestLeftBehindChildIsStopped: the background child of a secret_cmd does
// not outlive the resolution.
func TestLeftBehindChildIsStopped(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	r := resolveOne(t, dir, `secret_cmd = "echo s; (echo $(sh -c 'echo $PPID') > `+pidFile+`; exec sleep 30) &"`, nil)
	if r.OK() {
		t.Fatal("resolved although a child held the output")
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid := strings.TrimSpace(string(data))
	deadline := time.Now().Add(2 * time.Second)
	for {
		stat, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil || strings.Contains(string(stat), ") Z ") {
			return // gone, or a zombie waiting for its parent
		}
		if time.Now().After(deadline) {
			t.Fatalf("the child %s is still running", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestResolveSecretFilePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no permission bits on Windows")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "open.secret"), "open-NOT-A-REAL-SECRET", 0o644)
	r := resolveOne(t, dir, `secret_file = "open.secret"`, nil)
	if !r.OK() || problemCodes(r.Warnings) != "secret_file_permissions" {
		t.Fatalf("got %v, warnings %v; want the secret read with a permissions warning", r.Err, r.Warnings)
	}
	w := r.Warnings[0]
	path := filepath.Join(dir, "open.secret")
	if w.Profile != "p" || w.Severity != crypto.SeverityWarn || w.Fix != "Run: chmod 600 "+path ||
		w.Message != "profile 'p' reads its secret from "+path+", whose mode 0644 lets group and others read it" {
		t.Errorf("got %+v", w)
	}
}

func TestResolveReportsHygieneAndDuplicates(t *testing.T) {
	store, err := Parse([]byte(`
[[profile]]
name = "a"
role = "identity"
secret = "same-NOT-A-REAL-SECRET"

[[profile]]
name = "b"
role = "identity"
secret = "same-NOT-A-REAL-SECRET"

[[profile]]
name = "appid"
role = "identity"
secret = "abcd1234"

[[profile]]
name = "unset"
role = "oauth"
secret_env = "NOPE"
`), "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	rs := store.Resolve(context.Background(), func(string) string { return "" })
	got := []string{problemCodes(rs[0].Warnings), problemCodes(rs[1].Warnings), problemCodes(rs[2].Warnings), string(rs[3].Err.Code)}
	want := []string{"", "duplicate_secret", "app_id_as_secret", "secret_env_unset"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	secrets, problems := store.Secrets(context.Background(), func(string) string { return "" })
	if len(secrets) != 3 || secrets[2].Name != "appid" {
		t.Errorf("Secrets returned %v", secrets)
	}
	if problemCodes(problems) != "duplicate_secret,app_id_as_secret,secret_env_unset" {
		t.Errorf("Secrets problems: %s", problemCodes(problems))
	}
	for _, p := range problems {
		if strings.Contains(p.Message+p.Fix, "NOT-A-REAL") || strings.Contains(p.Message, "abcd1234") {
			t.Errorf("a problem shows a secret: %s", p.Message)
		}
	}
}

// TestSecretCommandIsNotInTheArguments: a secret_cmd may hold a token, and
// every user of the machine can read a process's arguments.
func TestSecretCommandIsNotInTheArguments(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	// The command prints its own shell's arguments, as ps would show them.
	r := resolveOne(t, t.TempDir(), `secret_cmd = "TOKEN=tok-NOT-A-REAL-SECRET; tr '\\0' ' ' < /proc/$$/cmdline"`, nil)
	if !r.OK() {
		t.Fatalf("the command failed: %v", r.Err)
	}
	if args := string(r.Secret.Value); strings.Contains(args, "tok-NOT-A-REAL-SECRET") || !strings.HasPrefix(args, "sh ") {
		t.Fatalf("the shell's arguments are %q", args)
	}
}

// TestResolveRunsCommandsTogether: each command waits for the other to
// start, so resolving them one after another would time out.
func TestResolveRunsCommandsTogether(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("secret_cmd needs sh")
	}
	dir := t.TempDir()
	wait := func(mine, theirs string) string {
		return fmt.Sprintf(`touch %s/%s; while [ ! -e %s/%s ]; do sleep 0.01; done; echo secret-%s`, dir, mine, dir, theirs, mine)
	}
	store := &Store{Origin: "p.toml", dir: dir, Profiles: []Profile{
		{Name: "a", Role: crypto.RoleOAuth, Source: SourceCommand, Ref: wait("a", "b")},
		{Name: "b", Role: crypto.RoleIdentity, Source: SourceCommand, Ref: wait("b", "a")},
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, r := range store.Resolve(ctx, nil) {
		if !r.OK() {
			t.Fatalf("profile %s: %v", r.Profile.Name, r.Err)
		}
		if got := string(r.Secret.Value); got != "secret-"+r.Profile.Name {
			t.Errorf("profile %s read %q", r.Profile.Name, got)
		}
	}
}
