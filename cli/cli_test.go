package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

const (
	publishedSecret = "test-client-secret"
	publishedUser   = "AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ=="
)

// cliRun is one CLI run: its arguments, exit code and outputs.
type cliRun struct {
	args           []string
	code           int
	stdout, stderr string
}

// parts returns the exit code, stdout and stderr, for tests that name them.
func (r cliRun) parts() (int, string, string) { return r.code, r.stdout, r.stderr }

// execCLI runs sealpeek with args, stdin and environment variables, without
// touching the test process's own.
func execCLI(stdin io.Reader, vars map[string]string, args []string) cliRun {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: stdin, stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }}
	code := run(e, args)
	return cliRun{args, code, stdout.String(), stderr.String()}
}

// runCLI is execCLI with stdin given as text.
func runCLI(t *testing.T, stdin string, vars map[string]string, args ...string) cliRun {
	t.Helper()
	return execCLI(strings.NewReader(stdin), vars, args)
}

// decodeJSON parses a --json output into a map, failing the test if it is not one object.
func decodeJSON(t *testing.T, out string) map[string]any {
	t.Helper()
	var v map[string]any
	decodeJSONInto(t, out, &v)
	return v
}

// decodeJSONInto parses a --json output into v, failing the test if it is
// not one JSON value.
func decodeJSONInto(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
}

// verbNames are the verbs 'sealpeek help' lists.
func verbNames() []string {
	var names []string
	for _, c := range newRootCmd(&env{}).Commands() {
		if !c.Hidden {
			names = append(names, c.Name())
		}
	}
	return names
}

var published = map[string]string{"SECRET": publishedSecret}

// TestFlagErrorsKeepStdoutClean is a regression test: the flag package
// printed the whole help on stdout on every bad flag, so 'VERB --json
// --bad' put text where a script expects JSON, and named the bad flag
// unescaped on stderr.
func TestFlagErrorsKeepStdoutClean(t *testing.T) {
	for _, name := range verbNames() {
		for _, args := range [][]string{{name, "--json", "--no-such-flag\x1b[2J"}, {name, "--json", "--secret-env"}} {
			r := runCLI(t, "", nil, args...)
			if name == "version" {
				continue // takes no flags at all
			}
			if r.code != exitUsage || r.stdout != "" {
				t.Errorf("sealpeek %s: exit %d, stdout %q", shortArgs(args), r.code, r.stdout)
			}
			if p := inertProblem(r.stderr); p != "" || !strings.HasPrefix(r.stderr, "sealpeek "+name+": ") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("sealpeek %s: stderr is not one inert sentence (%s): %q", shortArgs(args), p, r.stderr)
			}
		}
	}
	if r := runCLI(t, "", nil, "--no-such-flag"); r.code != exitUsage || r.stdout != "" || !strings.HasPrefix(r.stderr, "sealpeek: unknown flag: --no-such-flag") {
		t.Errorf("the terminal UI's flags: %+v", r)
	}
}

func TestUsageListsCaptureVerbs(t *testing.T) {
	_, out, _ := runCLI(t, "", nil, "help").parts()
	for _, verb := range []string{"verify", "jwt", "sign"} {
		if !strings.Contains(out, "  "+verb+" ") {
			t.Errorf("help does not list %s:\n%s", verb, out)
		}
	}
}
