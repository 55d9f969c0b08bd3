//go:build unix

package cli

import (
	"syscall"
	"time"
)

// processCPU is the processor time this process has used so far, user and
// system; ok is false where it cannot be read.
func processCPU() (cpu time.Duration, ok bool) {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0, false
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()), true
}
