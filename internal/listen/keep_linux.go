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
//
// It takes the file by its descriptor alone, not as an *os.File: no
// registration with the poller (which a regular file refuses) and no switch
// back to blocking mode for the descriptor's path, two system calls of six
// saved, about a quarter of what keeping a request costs.
func createUnnamed(dir, name string, raw []byte) (done bool, err error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Open(dir, unix.O_WRONLY|unix.O_TMPFILE|unix.O_CLOEXEC, 0o600)
	})
	switch {
	case errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EISDIR), errors.Is(err, unix.EINVAL):
		return false, nil
	case err != nil:
		return true, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	for len(raw) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return unix.Write(fd, raw) })
		if err != nil {
			return true, &os.PathError{Op: "write", Path: name, Err: err}
		}
		raw = raw[n:]
	}
	err = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(fd), unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
	if errors.Is(err, unix.ENOENT) {
		return false, nil // no /proc
	}
	if err != nil {
		return true, &os.LinkError{Op: "link", Old: dir, New: name, Err: err}
	}
	return true, nil
}

// ignoringEINTR calls f again while a signal interrupts it.
func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}
