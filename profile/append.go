package profile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Append adds p to the profiles file at path as a new [[profile]] block at
// its end. Every byte already in the file, comments and blank lines
// included, stays as it was: the new file is the old one, a separating
// newline, and the block. The file is replaced atomically (a temporary file
// in the same folder, synced, then renamed over it) with mode 0600, so a
// crash or a full disk leaves the old file whole, and a literal secret is
// never readable by others. A missing file and its folder are created.
func Append(path string, p Profile) error {
	if field, why := p.validate(); why != "" {
		return &ConfigError{Origin: path, Field: field, Reason: why}
	}
	if p.Source == SourceLiteral && !utf8.Valid(p.literal) {
		return &ConfigError{Origin: path, Field: string(SourceLiteral), Reason: "the secret is not UTF-8 text, which TOML cannot hold; keep it in a file and use secret_file"}
	}
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved // replace the file a link points to, not the link
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: "cannot create its folder: " + reason(err)}
	}
	// Held from the read to the rename: two adds at once would otherwise
	// each write the file they read, and one profile would be lost.
	unlock, err := lockFile(target)
	if err != nil {
		return &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: err.Error() + "; the file is unchanged"}
	}
	defer unlock()
	old, err := os.ReadFile(target)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: "cannot read the profiles file: " + reason(err)}
	}
	existing, err := Parse(old, path)
	if err != nil {
		return err // never add to a file sealpeek cannot read back
	}
	if first, dup := existing.Find(p.Name); dup {
		return &ConfigError{Origin: path, Line: first.Line, Field: "name",
			Reason: fmt.Sprintf("a profile named '%s' already exists; choose another name, or edit the file to change it", p.Name)}
	}
	updated := appendBlock(old, p)
	if check, err := Parse(updated, path); err != nil || len(check.Profiles) != len(existing.Profiles)+1 {
		// The block is built from validated fields, so this means a bug
		// here; refusing keeps the user's file as it was.
		return &ConfigError{Origin: path, Reason: "sealpeek could not read back the profile it was about to add; the file is unchanged"}
	}
	if err := writeAtomic(target, updated); err != nil {
		return &ConfigError{Code: CodeFileUnreadable, Origin: path, Reason: err.Error() + "; the file is unchanged"}
	}
	return nil
}

// appendBlock returns old followed by p's [[profile]] block, a blank line
// between them when old is not empty.
func appendBlock(old []byte, p Profile) []byte {
	var b strings.Builder
	b.Write(old)
	if len(old) > 0 {
		if old[len(old)-1] != '\n' {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString("[[profile]]\n")
	field := func(key, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%s = %s\n", key, tomlString(value))
		}
	}
	field("name", p.Name)
	field("role", string(p.Role))
	field("workspace", p.Workspace)
	field("platform", p.Platform)
	field("lang", p.Lang)
	if p.Source == SourceLiteral {
		field(string(SourceLiteral), string(p.literal))
	} else {
		field(string(p.Source), p.Ref)
	}
	return []byte(b.String())
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Test hooks: the steps of writeAtomic that tests make fail.
var (
	writeTemp  = func(f *os.File, data []byte) (int, error) { return f.Write(data) }
	renameFile = os.Rename
)

// writeAtomic replaces path with data, mode 0600: written to a temporary
// file in the same folder (so the rename stays on one file system), synced,
// then renamed over path. On any failure the temporary file is removed and
// path is untouched.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot create a temporary file beside it: %s", reason(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("cannot make the new file private: %s", reason(err))
	}
	if _, err := writeTemp(tmp, data); err != nil {
		return fmt.Errorf("cannot write the new file: %s", reason(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot flush the new file to disk: %s", reason(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the new file: %s", reason(err))
	}
	if err := renameFile(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot put the new file in place: %s", reason(err))
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entries, so the rename survives a crash. It is
// best effort: some systems cannot sync a folder, and the file is in place.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
