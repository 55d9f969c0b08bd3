//go:build unix

package profile

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// untrustedOwner says why a file sealpeek would read a secret from, or run
// a command from, might be another user's doing, as ssh's StrictModes does:
// the file, and every folder above it, must be owned by the user or root,
// and no folder may let others replace what is in it (a sticky folder such
// as /tmp lets them add files, not replace the user's). It returns "" for a
// file that only the user (or root) controls.
func untrustedOwner(path string, info fs.FileInfo) string {
	uid := uint32(os.Getuid())
	if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Uid != uid && st.Uid != 0 {
		return fmt.Sprintf("it is owned by another user (uid %d)", st.Uid)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		di, err := os.Stat(dir)
		if err != nil {
			return ""
		}
		st, ok := di.Sys().(*syscall.Stat_t)
		switch {
		case ok && st.Uid != uid && st.Uid != 0:
			return fmt.Sprintf("its folder %s is owned by another user (uid %d)", dir, st.Uid)
		case di.Mode()&fs.ModeSticky == 0 && di.Mode().Perm()&0o022 != 0:
			return fmt.Sprintf("its folder %s has mode %04o, which lets %s replace it", dir, di.Mode().Perm(), who(di.Mode().Perm(), 0o020, 0o002))
		}
		if dir == filepath.Dir(dir) {
			return ""
		}
	}
}
