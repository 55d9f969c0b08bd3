package profile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/sealpeek/sealpeek/crypto"
)

// MaxFileSize is the most Load reads of a profiles file. A real one is a few
// kilobytes; anything near this is the wrong file.
const MaxFileSize = 1 << 20

// Store is the profiles of one profiles file (or of embedded data), in the
// order they are written.
type Store struct {
	// Origin is the file's path, or a description of embedded data; errors
	// and messages name it.
	Origin   string
	Profiles []Profile

	dir     string // relative secret_file paths start here; "" for embedded data
	missing bool   // the file did not exist
}

// Only returns the store with only the profiles keep accepts, for a verb
// that needs only some secrets: resolving it reads only theirs, and runs no
// other profile's command.
func (s *Store) Only(keep func(Profile) bool) *Store {
	only := *s
	only.Profiles = nil
	for _, p := range s.Profiles {
		if keep(p) {
			only.Profiles = append(only.Profiles, p)
		}
	}
	return &only
}

// Exists reports whether the store was read from a file that exists (or
// from embedded data), as opposed to a profiles file not written yet.
func (s *Store) Exists() bool { return !s.missing }

// Names returns the names of the profiles, in file order.
func (s *Store) Names() []string {
	names := make([]string, len(s.Profiles))
	for i, p := range s.Profiles {
		names[i] = p.Name
	}
	return names
}

// Find returns the profile with this name.
func (s *Store) Find(name string) (Profile, bool) {
	for _, p := range s.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// Codes of a ConfigError, as Diagnosis reports them.
const (
	CodeFileInvalid     = "profiles_file_invalid"     // malformed, or a profile that makes no sense
	CodeFilePermissions = "profiles_file_permissions" // others could read a literal secret or change a command
	CodeFileUnreadable  = "profiles_file_unreadable"  // the file exists but cannot be read or written
)

// ConfigError is a profiles file that sealpeek refuses: malformed, holding a
// profile that makes no sense, or too open for what it holds. It names the
// file, and the line and field when they are known.
type ConfigError struct {
	Code   string // one of the Code… constants; "" means CodeFileInvalid
	Origin string
	Line   int    // 1-based; 0 when unknown
	Field  string // the key at fault; "" for the file as a whole
	Reason string // one sentence, never holding a secret
}

func (e *ConfigError) Error() string {
	where := e.Origin
	if e.Line > 0 {
		where += fmt.Sprintf(" line %d", e.Line)
	}
	if e.Field != "" {
		where += ", field " + e.Field
	}
	return where + ": " + e.Reason
}

// Diagnosis reports the refusal as a diagnosis, for 'profiles check' and
// the terminal UI.
func (e *ConfigError) Diagnosis() crypto.Diagnosis {
	d := crypto.Diagnosis{Code: crypto.Code(e.Code), Severity: crypto.SeverityError, Message: e.Error(),
		Fix: "Edit the profiles file as the message says; sealpeek uses none of its profiles until it is fixed."}
	switch e.Code {
	case "":
		d.Code = CodeFileInvalid
	case CodeFilePermissions:
		d.Fix = "Run: chmod 600 " + shellQuote(e.Origin)
	case CodeFileUnreadable:
		d.Fix = "Check that the file is yours and readable, or point --config or " + ConfigEnv + " at another one."
	}
	return d
}

// Load reads the profiles file at path. A file that does not exist is an
// empty store (no profiles yet), not an error. A malformed file, or one that
// others could read a literal secret from (or change a secret_cmd in), is a
// *ConfigError that says what to change, as ssh refuses a key file that is
// too open.
func Load(path string) (*Store, error) {
	dir := filepath.Dir(path)
	// Without waiting: a FIFO with no writer would block the open itself.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return &Store{Origin: path, dir: dir, missing: true}, nil
	}
	if err != nil {
		return nil, &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: "cannot read the profiles file: " + reason(err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: "cannot read the profiles file: " + reason(err)}
	}
	if info.IsDir() {
		return nil, &ConfigError{Origin: path, Reason: "this is a directory; the profiles file is a TOML file, e.g. " + filepath.Join(path, "profiles.toml")}
	}
	if !info.Mode().IsRegular() {
		return nil, &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: "cannot read the profiles file: it is not a regular file but a " + fileType(info.Mode())}
	}
	// Before a byte of it is read: a file another user could have written
	// may name commands that would run as this user.
	if why := untrustedOwner(path, info); why != "" {
		return nil, &ConfigError{Code: CodeFilePermissions, Origin: path,
			Reason: "sealpeek does not use a profiles file another user could have written, and " + why + "; keep it in a folder only you can write, owned by you (chown, chmod go-w)"}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: "cannot read the profiles file: " + reason(err)}
	}
	if len(data) > MaxFileSize {
		return nil, &ConfigError{Origin: path, Reason: fmt.Sprintf("the file is larger than %d KiB; is it the profiles file?", MaxFileSize>>10)}
	}
	store, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	store.dir = dir
	if err := checkFileMode(store, info.Mode().Perm()); err != nil {
		return nil, err
	}
	return store, nil
}

// checkFileMode refuses a profiles file whose mode lets other users read a
// literal secret in it, or change a command sealpeek runs.
func checkFileMode(s *Store, mode fs.FileMode) error {
	if runtime.GOOS == "windows" { // permission bits mean nothing there
		return nil
	}
	for _, p := range s.Profiles {
		if p.Source == SourceLiteral && mode&0o044 != 0 {
			return &ConfigError{Code: CodeFilePermissions, Origin: s.Origin, Line: p.Line, Field: string(SourceLiteral),
				Reason: fmt.Sprintf("profile '%s' holds a literal secret and the file's mode %04o lets %s read it; run: chmod 600 %s",
					p.Name, mode, who(mode, 0o040, 0o004), shellQuote(s.Origin))}
		}
	}
	for _, p := range s.Profiles {
		if p.Source == SourceCommand && mode&0o022 != 0 {
			return &ConfigError{Code: CodeFilePermissions, Origin: s.Origin, Line: p.Line, Field: string(SourceCommand),
				Reason: fmt.Sprintf("profile '%s' runs a secret_cmd and the file's mode %04o lets %s change what it runs; run: chmod 600 %s",
					p.Name, mode, who(mode, 0o020, 0o002), shellQuote(s.Origin))}
		}
	}
	return nil
}

// who says which of group and others a mode lets in, given their bits.
func who(mode, group, others fs.FileMode) string {
	switch {
	case mode&group != 0 && mode&others != 0:
		return "group and others"
	case mode&group != 0:
		return "its group"
	default:
		return "every user"
	}
}

// reason is an OS error without the path it repeats, e.g. "permission denied".
func reason(err error) string {
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	switch {
	case errors.As(err, &pathErr):
		return pathErr.Err.Error()
	case errors.As(err, &linkErr):
		return linkErr.Err.Error()
	}
	return err.Error()
}

// shellQuote quotes a path for a command the user may paste, only when it
// needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '~' || r == '+' || r == ':' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
