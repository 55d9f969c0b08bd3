//go:build !unix

package cli

import "time"

// processCPU is the processor time this process has used so far; it cannot
// be read here.
func processCPU() (time.Duration, bool) { return 0, false }
