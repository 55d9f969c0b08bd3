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
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// Ratio returns the work of large over the work of small, each the least
// of runs taken in turn (so a slow moment slows both alike), after a
// garbage collection so that no run pays for another's garbage.
func Ratio(runs int, small, large func()) float64 {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// The collector runs only between runs: run inside one, it would run in
	// the larger but not the smaller, by the heap's size, not the cost.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var s, l time.Duration
	for range max(runs, 1) {
		s = least(s, measure(small))
		l = least(l, measure(large))
	}
	return float64(l) / float64(max(s, time.Microsecond))
}

// AssertLinear fails t when twice the input takes three times as long or
// more in each of five attempts: a quadratic reader takes four times as
// long in every one, a linear one seldom in even one.
func AssertLinear(t testing.TB, small, large func()) {
	t.Helper()
	var r float64
	for range 5 {
		if r = Ratio(7, small, large); r < 3 {
			return
		}
	}
	t.Errorf("twice the input took %.1f times as long", r)
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

// PeakHeap returns how far the live heap rose above where it stood while f
// ran: the memory f needed at its worst, garbage it let go of excepted. The
// collector runs far more often than usual meanwhile, so garbage does not
// pile up and count, and a sampler reads the heap every few microseconds.
//
// Garbage the collector has not reached yet still counts, so a run can only
// read high, never low: on a busy machine the collector's worker lags and one
// run read 9.4 times its input where others read 6.5 (CI, stop 19). f runs three
// times and the least of the three peaks is the answer; f must be repeatable.
func PeakHeap(f func()) uint64 {
	least, _ := PeakHeapWithin(f, 0, 3)
	return least
}

// PeakHeapWithin is PeakHeap for a bound: it runs f until a peak is at most
// limit, at most runs times, and returns the least peak and whether it is
// within. A run reads high, never low, so one run within the bound proves
// it; a lagging collector made three runs in a row read 10.4 times an input
// whose reader holds 6.6 (CI, stop 20, with more Ps than cores).
func PeakHeapWithin(f func(), limit uint64, runs int) (uint64, bool) {
	least := peakHeapOnce(f)
	for range max(runs, 1) - 1 {
		if least <= limit {
			break
		}
		least = min(least, peakHeapOnce(f))
	}
	return least, least <= limit
}

func peakHeapOnce(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			default:
				time.Sleep(5 * time.Microsecond)
			}
		}
	}()
	f()
	if v := read(); v > peak.Load() {
		peak.Store(v)
	}
	close(done)
	<-sampled
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}
