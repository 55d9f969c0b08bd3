package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// inertProblem says why out could drive a terminal, or "" when it cannot:
// it must be valid UTF-8 and hold no control character but newline and tab
// (no other C0, no DEL, no C1) and no bidirectional control. It is written
// apart from termtext.IsUnsafeRune so the check does not trust the code it checks.
func inertProblem(out string) string {
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("invalid UTF-8 byte %#02x at offset %d", out[i], i)
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("raw control byte %#02x at offset %d", r, i)
		case 0x80 <= r && r <= 0x9f:
			return fmt.Sprintf("C1 control U+%04X at offset %d", r, i)
		case r == 0x061c || r == 0x200e || r == 0x200f || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069:
			return fmt.Sprintf("bidirectional control U+%04X at offset %d", r, i)
		}
		i += size
	}
	return ""
}

// TestInertProblemCatchesEachKind keeps the check honest: each kind of
// unsafe output is caught, and ordinary text is not.
func TestInertProblemCatchesEachKind(t *testing.T) {
	for _, bad := range []string{"a\x1b[31m", "\x00", "\r", "\x7f", "\u009b", "\u0085", "\u202e", "\u2066", "\u061c", "\xff", "\xc3"} {
		if inertProblem("ok "+bad) == "" {
			t.Errorf("%q passes as inert", bad)
		}
	}
	if p := inertProblem("line one\n\tline two: é, 漢字, \\x1b, \\u202e, 🙂\n"); p != "" {
		t.Errorf("ordinary text refused: %s", p)
	}
}

// runInert runs sealpeek with stdin and vars and fails the test unless what
// it printed is inert, its exit code is one of sealpeek's, something was
// said, and --json output is exactly one JSON object.
func runInert(t *testing.T, stdin io.Reader, vars map[string]string, args ...string) cliRun {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	r := execCLI(stdin, vars, args)
	checkInert(t, r)
	name := "sealpeek " + shortArgs(args)
	// Diagnoses and errors are sentences for people: however large the
	// input, they quote only a bounded part of it.
	if len(r.stderr) > 16<<10 {
		t.Errorf("%s: stderr is %d bytes:\n%s", name, len(r.stderr), clip(r.stderr))
	}
	if r.code != exitOK && r.code != exitMismatch && r.code != exitUsage {
		t.Errorf("%s: exit code %d", name, r.code)
	}
	if r.stdout == "" && r.stderr == "" {
		t.Errorf("%s: exit %d and said nothing", name, r.code)
	}
	if slices.Contains(args, "--json") && !slices.Contains(args, "--help") {
		var v map[string]any
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		if err := dec.Decode(&v); err != nil {
			// A usage error stops a verb before it has a JSON object to
			// print; it says so on stderr with exit 2.
			if r.code != exitUsage || r.stdout != "" {
				t.Errorf("%s: --json output is not a JSON object: %v\n%s", name, err, clip(r.stdout))
			}
		} else if dec.More() {
			t.Errorf("%s: --json printed more than one value", name)
		}
	}
	return r
}

// checkInert fails the test for each output of r that could drive a
// terminal.
func checkInert(t testing.TB, r cliRun) {
	t.Helper()
	for what, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if p := inertProblem(out); p != "" {
			t.Errorf("sealpeek %s: %s holds a %s:\n%s", shortArgs(r.args), what, p, clip(out))
		}
	}
}

// oneSentence fails the test unless stderr is one line naming the verb:
// the clear sentence a refused input gets.
func oneSentence(t *testing.T, r cliRun, want string) {
	t.Helper()
	line := strings.TrimSuffix(r.stderr, "\n")
	if strings.Contains(line, "\n") || !strings.HasPrefix(line, "sealpeek") || !strings.Contains(line, want) {
		t.Errorf("sealpeek %s: stderr is not one sentence saying %q:\n%s", shortArgs(r.args), want, clip(r.stderr))
	}
	if len(line) > 400 {
		t.Errorf("sealpeek %s: the sentence is %d bytes long", shortArgs(r.args), len(line))
	}
}

// shortArgs shows a command line in a failure message, each argument cut
// short and escaped.
func shortArgs(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = clip(a)
	}
	return strings.Join(out, " ")
}

// clip cuts long output for failure messages and quotes it, so a failing
// test does not drive the terminal of whoever runs it.
func clip(s string) string {
	if len(s) > 600 {
		return fmt.Sprintf("%q… (%d bytes)", s[:600], len(s))
	}
	return fmt.Sprintf("%q", s)
}
