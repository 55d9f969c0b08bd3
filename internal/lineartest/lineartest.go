// Package lineartest measures whether a reader's work grows in proportion
// to its input: the ratio of the work on twice the input to the work on the
// input, which is about 2 for a linear reader and 4 for a quadratic one.
//
// Work is the CPU time of the measuring thread where the system counts it
// (Linux), so that a busy machine, other test packages running beside this
// one, does not slow one run more than the other; elsewhere it is wall time.
package lineartest

import (
	"runtime"
	"time"
)

// Ratio returns the work of large over the work of small, each the least
// of runs taken in turn (so a slow moment slows both alike), after a
// garbage collection so that no run pays for another's garbage.
func Ratio(runs int, small, large func()) float64 {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var s, l time.Duration
	for range max(runs, 1) {
		s = least(s, measure(small))
		l = least(l, measure(large))
	}
	return float64(l) / float64(max(s, time.Microsecond))
}

func measure(f func()) time.Duration {
	runtime.GC()
	start := threadTime()
	f()
	return threadTime() - start
}

func least(best, d time.Duration) time.Duration {
	if best == 0 || d < best {
		return d
	}
	return best
}
