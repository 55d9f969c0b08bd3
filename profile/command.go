package profile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
)

// DefaultCommandTimeout bounds a secret_cmd when the caller's context has no
// deadline: long enough to unlock a password manager, short enough that a
// command waiting for input that never comes does not hang sealpeek.
const DefaultCommandTimeout = 10 * time.Second

// runSecretCommand runs a profile's secret_cmd through sh and returns
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
	// The command's text goes in the environment, not the arguments: any
	// user can read a process's arguments (ps), only its owner its
	// environment, and a secret_cmd may hold a token.
	cmd := exec.CommandContext(ctx, "sh", "-c", `eval "$SEALPEEK_SECRET_CMD"`)
	cmd.Env = append(os.Environ(), "SEALPEEK_SECRET_CMD="+p.Ref)
	out := &cappedBuffer{max: MaxSecretSize}
	cmd.Stdout = out
	killWholeGroup(cmd)
	// A command that leaves a child holding its output open must not hold
	// sealpeek past its deadline or exit.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	stopGroup(cmd) // whatever it left running in the background
	failed := func(code, what, fix string) ([]byte, *Problem) {
		return nil, &Problem{p.Name, crypto.Diagnosis{Code: crypto.Code(code), Severity: crypto.SeverityError,
			Message: fmt.Sprintf("profile '%s': its secret_cmd %s", p.Name, what), Fix: fix}}
	}
	runItYourself := fmt.Sprintf("Run the profile's secret_cmd yourself to see why (e.g. sign in to the password manager), or change it in %s.", origin)
	var exitErr *exec.ExitError
	switch {
	case out.over:
		return nil, tooLarge(p, "secret_cmd")
	case errors.Is(err, exec.ErrWaitDelay):
		return failed("secret_cmd_failed", "exited but left a process in the background holding its output, which sealpeek stopped", "Make the secret_cmd print the secret and exit with everything it started, e.g. without a trailing &.")
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

// errTooMuchOutput stops reading a command that printed more than a secret
// could be: the pipe closes, and a command that prints without end stops
// at once rather than at its deadline.
var errTooMuchOutput = errors.New("more output than a secret")

// cappedBuffer keeps up to max bytes and refuses more, so a command that
// prints without end costs bounded memory.
type cappedBuffer struct {
	buf  []byte
	max  int
	over bool // more was offered than max
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if len(b.buf)+len(p) > b.max {
		b.over = true
		return 0, errTooMuchOutput
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// roundDuration shows a timeout as people set it: "10s", or "250ms".
func roundDuration(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(10 * time.Millisecond)
}
