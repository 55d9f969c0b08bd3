package profile

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
)

// DefaultCommandTimeout bounds a secret_cmd when the caller's context has no
// deadline: long enough to unlock a password manager, short enough that a
// command waiting for input that never comes does not hang sealpeek.
const DefaultCommandTimeout = 10 * time.Second

// runSecretCommand runs a profile's secret_cmd through sh -c and returns
// what it printed. Its standard input is empty and its standard error is
// dropped: what it prints is never shown, as it may hold the secret, so a
// failure reports only the exit status.
func runSecretCommand(ctx context.Context, p Profile, origin string) ([]byte, *Problem) {
	timeout := DefaultCommandTimeout
	if deadline, ok := ctx.Deadline(); ok {
		timeout = time.Until(deadline)
	} else {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultCommandTimeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, "sh", "-c", p.Ref)
	out := &cappedBuffer{max: MaxSecretSize + 1}
	cmd.Stdout = out
	killWholeGroup(cmd)
	// A command that leaves a child holding its output open must not hold
	// sealpeek past its deadline or exit.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	failed := func(code, what, fix string) ([]byte, *Problem) {
		return nil, &Problem{p.Name, crypto.Diagnosis{Code: crypto.Code(code), Severity: crypto.SeverityError,
			Message: fmt.Sprintf("profile '%s': its secret_cmd %s", p.Name, what), Fix: fix}}
	}
	runItYourself := fmt.Sprintf("Run the profile's secret_cmd yourself to see why (e.g. sign in to the password manager), or change it in %s.", origin)
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return failed("secret_cmd_timeout", fmt.Sprintf("did not finish within %v and was stopped", roundDuration(timeout)), runItYourself)
	case ctx.Err() != nil:
		return failed("secret_cmd_failed", "was stopped before it finished", runItYourself)
	case errors.As(err, &exitErr):
		status := exitErr.ProcessState.String() // "exit status 1", "signal: killed"
		switch exitErr.ExitCode() {
		case 127:
			status += ": the shell did not find the command"
		case 126:
			status += ": the shell could not run the command"
		}
		return failed("secret_cmd_failed", fmt.Sprintf("failed (%s); its output is not shown, as it may hold the secret", status), runItYourself)
	case err != nil:
		return failed("secret_cmd_failed", "could not be started: "+startError(err), "secret_cmd needs a POSIX sh on the PATH; use secret_env or secret_file where there is none.")
	case len(out.buf) > MaxSecretSize:
		return nil, tooLarge(p, "secret_cmd")
	}
	return out.buf, nil
}

// startError says why a command could not start without echoing it.
func startError(err error) string {
	var execErr *exec.Error
	if errors.As(err, &execErr) {
		return execErr.Err.Error()
	}
	return err.Error()
}

// cappedBuffer keeps up to max bytes and drops the rest, so a command that
// prints without end costs bounded memory and is never blocked writing.
type cappedBuffer struct {
	buf []byte
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	keep := min(len(p), max(b.max-len(b.buf), 0))
	b.buf = append(b.buf, p[:keep]...)
	return len(p), nil
}

// roundDuration shows a timeout as people set it: "10s", or "250ms".
func roundDuration(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}
