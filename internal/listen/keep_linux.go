package listen

import (
	"errors"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// createUnnamed writes raw to an unnamed file in dir (O_TMPFILE) and links
// it as name once whole: one entry added to the folder, where a temporary
// name and a rename change it three times, which costs several times more
// on ext4. done is false when the system cannot (an old kernel, a file
// system without O_TMPFILE, no /proc): the caller then renames.
func createUnnamed(dir, name string, raw []byte) (done bool, err error) {
	f, err := os.OpenFile(dir, os.O_WRONLY|unix.O_TMPFILE, 0o600)
	switch {
	case errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EISDIR), errors.Is(err, unix.EINVAL):
		return false, nil
	case err != nil:
		return true, err
	}
	defer f.Close()
	if _, err := f.Write(raw); err != nil {
		return true, err
	}
	err = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(f.Fd())), unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
	if errors.Is(err, unix.ENOENT) {
		return false, nil // no /proc
	}
	if err != nil {
		return true, &os.LinkError{Op: "link", Old: dir, New: name, Err: err}
	}
	return true, nil
}
