package cli

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the cmp golden files in testdata/script from what sealpeek prints")

// TestMain lets the test binary be sealpeek itself inside the scripts, as
// FiloSottile/age's cmd/age tests do: 'exec sealpeek …' runs Main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sealpeek": func() { os.Exit(Main("dev")) },
	})
}

// TestScripts runs testdata/script/*.txtar: per verb its help, a success,
// a failure with its exit code and the --json contract, as a user types
// them; and the root's unknown verb, completions, man page and version.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *updateScripts,
		Cmds:                map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": cmdExits},
	})
}

// cmdExits is 'exits CODE COMMAND [ARGS…]': exec, checking the exit code
// is exactly CODE (exec and '! exec' tell only zero from non-zero, and
// sealpeek's 1 and 2 mean different things).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit code", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}
