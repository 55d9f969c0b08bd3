//go:build unix

package profile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const commandProfile = "[[profile]]\nname = \"cmd\"\nrole = \"oauth\"\nsecret_cmd = \"touch PWNED; echo s\"\n"

func TestLoadRefusesAFileInAFolderOthersCanWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777) // past the umask
	path := filepath.Join(dir, "profiles.toml")
	if err := os.WriteFile(path, []byte(commandProfile), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "has mode 0777, which lets group and others replace it") {
		t.Fatalf("Load(%s) = %v, want a refusal naming the open folder", path, err)
	}
	// A sticky folder, as /tmp is, lets others add files but not replace ours.
	os.Chmod(dir, os.ModeSticky|0o777)
	if _, err := Load(path); err != nil {
		t.Fatalf("in a sticky folder: %v", err)
	}
}

// TestLoadRefusesAnotherUsersFile is the reproduction: a 0644 file owned by
// nobody, whose secret_cmd would run as the user.
func TestLoadRefusesAnotherUsersFile(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "profiles.toml")
	if err := os.WriteFile(path, []byte(commandProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Skipf("cannot chown: %v", err)
	}
	store, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "it is owned by another user (uid 65534)") {
		t.Fatalf("Load = %v, want a refusal naming the owner", err)
	}
	if store != nil {
		store.Resolve(context.Background(), os.Getenv)
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Fatal("the stranger's secret_cmd ran")
	}
	// Their secret file is refused too.
	secretPath := filepath.Join(dir, "secret")
	os.WriteFile(secretPath, []byte("theirs"), 0o600)
	os.Chown(secretPath, 65534, 65534)
	s := &Store{Origin: "p.toml", dir: dir, Profiles: []Profile{{Name: "f", Role: "oauth", Source: SourceFile, Ref: "secret"}}}
	r := s.Resolve(context.Background(), os.Getenv)[0]
	if r.Err == nil || r.Err.Code != "secret_file_untrusted" {
		t.Fatalf("a secret file owned by another user: %+v", r)
	}
}

// TestFIFOsDoNotHang: a FIFO with no writer, as a profiles file or a secret
// file, is refused at once rather than read forever.
func TestFIFOsDoNotHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := Load(fifo); err == nil || !strings.Contains(err.Error(), "named pipe (FIFO)") {
			t.Errorf("Load(FIFO) = %v", err)
		}
		s := &Store{Origin: "p.toml", dir: dir, Profiles: []Profile{{Name: "f", Role: "oauth", Source: SourceFile, Ref: "fifo"}}}
		if r := s.Resolve(context.Background(), os.Getenv)[0]; r.Err == nil || !strings.Contains(r.Err.Message, "named pipe (FIFO)") {
			t.Errorf("a FIFO secret file: %+v", r)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a FIFO with no writer hung")
	}
}
