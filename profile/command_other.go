//go:build !unix

package profile

import "os/exec"

// killWholeGroup leaves the default: stop the shell itself, and let
// WaitDelay release sealpeek from anything it started.
func killWholeGroup(*exec.Cmd) {}

// stopGroup has no process group to stop here.
func stopGroup(*exec.Cmd) {}
