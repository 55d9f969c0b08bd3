package listen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// keptLayout names a kept request by when it arrived, so that the folder's
// names sort as the requests came.
const keptLayout = "20060102T150405.000000000Z"

// keptExt ends every kept request's name.
const keptExt = ".http"

// DefaultDir is the folder requests are kept in: captures/ under
// $XDG_STATE_HOME/sealpeek, else under ~/.local/state/sealpeek.
func DefaultDir(getenv func(string) string) (string, error) {
	if state := getenv("XDG_STATE_HOME"); filepath.IsAbs(state) {
		return filepath.Join(state, "sealpeek", "captures"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("cannot tell where to keep requests: neither XDG_STATE_HOME nor HOME is set")
		}
	}
	return filepath.Join(home, ".local", "state", "sealpeek", "captures"), nil
}

// Keep writes raw into dir as one file, atomically, private to its owner
// (0600): a reader never sees half a request. On Linux the file is written
// unnamed (O_TMPFILE) and then linked into the folder; elsewhere it is
// written to a temporary name and renamed. dir is made, private (0700), if
// missing. It returns the file's path, or an error saying what could not be
// done.
func Keep(dir string, at time.Time, seq uint64, raw []byte) (string, error) {
	base := at.UTC().Format(keptLayout) + "-" + strconv.FormatUint(seq, 10)
	name := filepath.Join(dir, base+keptExt)
	err := create(dir, name, base, raw)
	if errors.Is(err, fs.ErrNotExist) {
		// The folder is made on first need (and again if it was removed).
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", keepError(dir, err)
		}
		err = create(dir, name, base, raw)
	}
	if err != nil {
		return "", keepError(dir, err)
	}
	return name, nil
}

// create writes raw as the new file name in dir, whole or not at all.
func create(dir, name, base string, raw []byte) error {
	if done, err := createUnnamed(dir, name, raw); done {
		return err
	}
	return createRenamed(dir, name, base, raw)
}

// createRenamed writes raw to a temporary name in dir, then renames it name.
func createRenamed(dir, name, base string, raw []byte) error {
	// The temporary name is this process's own: no other writer makes it.
	tmp := filepath.Join(dir, ".partial-"+strconv.Itoa(os.Getpid())+"-"+base)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(raw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// keepError says in one sentence why a request could not be kept in dir.
func keepError(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("cannot keep the request in %s: the disk is full", dir)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("cannot keep the request in %s: the folder cannot be written to", dir)
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	var linkErr *os.LinkError
	if errors.As(err, &linkErr) {
		err = linkErr.Err
	}
	return fmt.Errorf("cannot keep the request in %s: %v", dir, err)
}

// Kept is one request kept in a folder.
type Kept struct {
	Path       string
	ReceivedAt time.Time
}

// List returns the requests kept in dir, oldest first; a missing folder
// holds none.
func List(dir string) ([]Kept, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list the requests kept in %s: %v", dir, errors.Unwrap(err))
	}
	var out []Kept
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, keptExt) || strings.HasPrefix(name, ".") {
			continue
		}
		stamp, _, _ := strings.Cut(name, "-")
		at, err := time.Parse(keptLayout, stamp)
		if err != nil {
			continue // not a file listen kept
		}
		out = append(out, Kept{Path: filepath.Join(dir, name), ReceivedAt: at})
	}
	slices.SortStableFunc(out, func(a, b Kept) int { return a.ReceivedAt.Compare(b.ReceivedAt) })
	return out, nil
}
