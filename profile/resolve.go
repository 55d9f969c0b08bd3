package profile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"

	"github.com/sealpeek/sealpeek/crypto"
)

// MaxSecretSize is the most read from a secret file or command. Intercom
// secrets are under a hundred bytes; more means the wrong file or command.
const MaxSecretSize = 64 << 10

// Problem is a diagnosis about one profile: a secret that could not be
// read, or one that was read but looks wrong. Its message names the profile
// and never holds the secret.
type Problem struct {
	Profile string `json:"profile"`
	crypto.Diagnosis
}

func (p Problem) Error() string { return p.Message }

// Resolved is a profile with its secret read, or the reason it could not be.
type Resolved struct {
	Profile Profile
	Secret  crypto.Secret // Value is nil when Err is set
	// Err says why the secret could not be read; nil when it was.
	Err *Problem
	// Warnings are the hygiene and permission problems of a secret that was
	// read: it is usable, but probably wrong or unsafe.
	Warnings []Problem
}

// OK reports whether the secret was read.
func (r Resolved) OK() bool { return r.Err == nil }

// Resolve reads every profile's secret, in file order, and checks each one's
// hygiene (crypto.CheckSecretHygiene, crypto.CheckDistinctSecrets and the
// secret file's permissions). getenv reads the environment for secret_env
// profiles and "~" in secret_file paths. The secrets are read in parallel;
// each secret_cmd runs through sh with ctx's deadline, or
// DefaultCommandTimeout when ctx has none.
func (s *Store) Resolve(ctx context.Context, getenv func(string) string) []Resolved {
	out := make([]Resolved, len(s.Profiles))
	// All at once: each secret_cmd may wait on a password manager or a
	// network, and one slow command must not add its wait to every other's.
	var wg sync.WaitGroup
	for i, p := range s.Profiles {
		wg.Go(func() { out[i] = s.resolveOne(ctx, p, getenv) })
	}
	wg.Wait()
	var read []crypto.Secret
	var readAt []int
	for i, p := range s.Profiles {
		if out[i].OK() {
			for _, d := range crypto.CheckSecretHygiene(out[i].Secret) {
				out[i].Warnings = append(out[i].Warnings, Problem{p.Name, d})
			}
			read, readAt = append(read, out[i].Secret), append(readAt, i)
		}
	}
	for j, ds := range crypto.CheckDistinctSecrets(read) {
		for _, d := range ds {
			i := readAt[j]
			out[i].Warnings = append(out[i].Warnings, Problem{s.Profiles[i].Name, d})
		}
	}
	return out
}

// Secrets resolves every profile and returns the secrets that could be
// read, in file order (ready for crypto.NewKeyring), and every problem met.
func (s *Store) Secrets(ctx context.Context, getenv func(string) string) ([]crypto.Secret, []Problem) {
	var secrets []crypto.Secret
	var problems []Problem
	for _, r := range s.Resolve(ctx, getenv) {
		if r.Err != nil {
			problems = append(problems, *r.Err)
			continue
		}
		secrets = append(secrets, r.Secret)
		problems = append(problems, r.Warnings...)
	}
	return secrets, problems
}

// resolveOne reads one profile's secret. A file or command output loses one
// trailing newline, as editors and echo add one; any other whitespace stays
// and is reported by the hygiene check.
func (s *Store) resolveOne(ctx context.Context, p Profile, getenv func(string) string) Resolved {
	r := Resolved{Profile: p}
	var value []byte
	switch p.Source {
	case SourceLiteral:
		value = p.literal
	case SourceEnv:
		value = []byte(getenv(p.Ref))
		if len(value) == 0 {
			r.Err = &Problem{p.Name, crypto.Diagnosis{Code: "secret_env_unset", Severity: crypto.SeverityError,
				Message: fmt.Sprintf("profile '%s' reads the environment variable %s, which is not set or is empty", p.Name, p.Ref),
				Fix:     fmt.Sprintf("Export %s before running sealpeek, or change the profile's secret_env in %s.", p.Ref, s.Origin)}}
			return r
		}
	case SourceFile:
		var warning *Problem
		value, warning, r.Err = s.readSecretFile(p, getenv)
		if warning != nil {
			r.Warnings = append(r.Warnings, *warning)
		}
	case SourceCommand:
		value, r.Err = runSecretCommand(ctx, p, s.Origin)
	}
	if r.Err != nil {
		return r
	}
	if p.Source == SourceFile || p.Source == SourceCommand {
		value = trimOneNewline(value)
	}
	if len(value) == 0 {
		r.Warnings = nil
		r.Err = &Problem{p.Name, crypto.Diagnosis{Code: "secret_empty", Severity: crypto.SeverityError,
			Message: fmt.Sprintf("profile '%s' reads an empty secret from its %s", p.Name, p.Source),
			Fix:     fmt.Sprintf("Put the secret in what %s names, or change the profile in %s.", p.Source, s.Origin)}}
		return r
	}
	r.Secret = crypto.Secret{Name: p.Name, Role: p.Role, Workspace: p.Workspace, Platform: p.Platform, Value: value}
	return r
}

// readSecretFile reads a profile's secret_file (ReadSecretFile).
func (s *Store) readSecretFile(p Profile, getenv func(string) string) ([]byte, *Problem, *Problem) {
	return readSecretFile(s.filePath(p.Ref, getenv), &p, s.Origin)
}

// ReadSecretFile reads a secret file named on the command line
// (--secret-file) exactly as a profile's secret_file is read: at most
// MaxSecretSize bytes, and a warning when its mode lets other users read
// it. The value is as read: trimming a newline is the caller's to say.
// err is nil when the file could be read; warning is nil unless others can
// read it.
func ReadSecretFile(path string) (value []byte, warning, err *Problem) {
	return readSecretFile(path, nil, "")
}

// readSecretFile reads the secret file at path, warning when its mode lets
// other users read it (ssh refuses such a key; sealpeek says so and goes
// on, as the file is the user's to fix). p is the profile that names the
// file, in origin; nil for --secret-file, and the messages say so.
func readSecretFile(path string, p *Profile, origin string) ([]byte, *Problem, *Problem) {
	name := ""
	if p != nil {
		name = p.Name
	}
	unreadable := func(why string) *Problem {
		if p == nil {
			return &Problem{"", crypto.Diagnosis{Code: "secret_file_unreadable", Severity: crypto.SeverityError,
				Message: fmt.Sprintf("cannot read the secret file %s: %s", path, why),
				Fix:     fmt.Sprintf("Check that %s exists and is readable by you.", path)}}
		}
		return &Problem{name, crypto.Diagnosis{Code: "secret_file_unreadable", Severity: crypto.SeverityError,
			Message: fmt.Sprintf("profile '%s' cannot read its secret file %s: %s", name, path, why),
			Fix:     fmt.Sprintf("Check that %s exists and is readable by you, or change the profile's secret_file in %s.", path, origin)}}
	}
	f, info, err := openRegular(path)
	if err != nil {
		return nil, nil, unreadable(err.Error())
	}
	defer f.Close()
	if why := untrustedOwner(path, info); why != "" {
		return nil, nil, &Problem{p.Name, crypto.Diagnosis{Code: "secret_file_untrusted", Severity: crypto.SeverityError,
			Message: fmt.Sprintf("profile '%s' does not read its secret file %s: %s, so another user could have put a secret of theirs there", p.Name, path, why),
			Fix:     "Keep the secret file in a folder only you can write, owned by you (chown, chmod go-w)."}}
	}
	value, err := io.ReadAll(io.LimitReader(f, MaxSecretSize+1))
	if err != nil {
		return nil, nil, unreadable(reason(err))
	}
	if len(value) > MaxSecretSize {
		if p == nil {
			return nil, nil, &Problem{"", crypto.Diagnosis{Code: "secret_too_large", Severity: crypto.SeverityError,
				Message: fmt.Sprintf("the secret file %s is larger than %d KiB; a secret is under a hundred bytes: is it the right file?", path, MaxSecretSize>>10),
				Fix:     "Pass a file that holds only the secret."}}
		}
		return nil, nil, tooLarge(*p, "secret file "+path)
	}
	var warning *Problem
	if mode := info.Mode().Perm(); runtime.GOOS != "windows" && mode&0o044 != 0 {
		owner := fmt.Sprintf("profile '%s' reads its secret from", name)
		if p == nil {
			owner = "--secret-file names"
		}
		warning = &Problem{name, crypto.Diagnosis{Code: "secret_file_permissions", Severity: crypto.SeverityWarn,
			Message: fmt.Sprintf("%s %s, whose mode %04o lets %s read it", owner, path, mode, who(mode, 0o040, 0o004)),
			Fix:     "Run: chmod 600 " + shellQuote(path)}}
	}
	return value, warning, nil
}

// openRegular opens a file to read a secret or the profiles from, without
// waiting: a FIFO with no writer would block the open itself, and a device
// could be read without end, so only a regular file is read.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, errors.New(reason(err))
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, nil, errors.New(reason(err))
	case info.IsDir():
		f.Close()
		return nil, nil, errors.New("it is a directory")
	case !info.Mode().IsRegular():
		f.Close()
		return nil, nil, fmt.Errorf("it is not a regular file but a %s", fileType(info.Mode()))
	}
	return f, info, nil
}

// fileType names a mode's type for a message.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// filePath expands a leading "~/" and makes a relative path relative to the
// profiles file's folder, so the file means the same from any directory.
func (s *Store) filePath(ref string, getenv func(string) string) string {
	if rest, ok := strings.CutPrefix(ref, "~/"); ok {
		if home := getenv("HOME"); home != "" {
			return filepath.Join(home, rest)
		}
	}
	if !filepath.IsAbs(ref) && s.dir != "" {
		return filepath.Join(s.dir, ref)
	}
	return ref
}

func tooLarge(p Profile, what string) *Problem {
	return &Problem{p.Name, crypto.Diagnosis{Code: "secret_too_large", Severity: crypto.SeverityError,
		Message: fmt.Sprintf("profile '%s' reads more than %d KiB from its %s; a secret is under a hundred bytes", p.Name, MaxSecretSize>>10, what),
		Fix:     "Point the profile at a file or command that holds only the secret."}}
}

// trimOneNewline removes one trailing "\n" or "\r\n".
func trimOneNewline(b []byte) []byte {
	if t, ok := bytes.CutSuffix(b, []byte("\r\n")); ok {
		return t
	}
	t, _ := bytes.CutSuffix(b, []byte("\n"))
	return t
}
