//go:build unix

package profile

import (
	"os/exec"
	"syscall"
)

// killWholeGroup makes a timed-out secret_cmd stop with everything it
// started: sh may fork the command rather than exec it, and a child left
// behind would keep running (and keep a password prompt open) unseen.
func killWholeGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}

// stopGroup kills what a secret_cmd left running after it exited: a
// background child would otherwise outlive sealpeek unseen.
func stopGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
