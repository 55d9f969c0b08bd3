//go:build !linux

package lineartest

import "time"

// threadTime is wall time where the thread's CPU time is not to be had.
func threadTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
