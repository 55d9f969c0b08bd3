package lineartest

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is CLOCK_THREAD_CPUTIME_ID: nanosecond CPU time of the
// calling thread. (getrusage's per-thread times move in scheduler ticks,
// too coarse for runs of a few milliseconds.)
const clockThreadCPUTime = 3

// threadTime is the CPU time the calling thread has used.
func threadTime() time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ts.Nano())
}
