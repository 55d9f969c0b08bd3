//go:build unix

package profile

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockTimeout bounds the wait for another sealpeek writing the same file:
// an add takes milliseconds, so a lock held this long is a stuck process.
const lockTimeout = 10 * time.Second

// lockFile takes an advisory lock on a lock file beside path, so that
// writers that read, change and rename the file one at a time do not lose
// each other's changes. The lock file stays: removing it would let a
// waiting writer lock a file that no longer has the name.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock file %s.lock: %s", path, reason(err))
	}
	deadline := time.Now().Add(lockTimeout)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("another program has held %s.lock for %v", path, lockTimeout)
			}
			return nil, fmt.Errorf("cannot lock %s.lock: %s", path, reason(err))
		}
		time.Sleep(10 * time.Millisecond)
	}
}
