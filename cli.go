package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/ui"
)

// MaxInputSize is the most sealpeek reads from one file or standard input.
// Real payloads are kilobytes; anything near this is a mistake or an attack.
const MaxInputSize = 16 << 20

// usageError is a mistake in how a verb was called: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// newFlags makes a verb's flag set, printing its help to stdout on -h.
func newFlags(e *env, name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: sealpeek %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses flags wherever they stand among the positional
// arguments, so 'decrypt FILE --json' works as well as 'decrypt --json FILE'.
// A lone "-" is a positional argument (standard input). It returns done=true
// when the verb should stop with code (help printed, or a usage error said).
func parseFlags(e *env, fs *flag.FlagSet, args []string, maxArgs int) (positional []string, code int, done bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) { // Parse has printed the help
				return nil, exitOK, true
			}
			fmt.Fprintf(e.stderr, "sealpeek %s: %v; run 'sealpeek %s --help'\n", fs.Name(), err, fs.Name())
			return nil, exitUsage, true
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if len(positional) > maxArgs {
		fmt.Fprintf(e.stderr, "sealpeek %s: too many arguments (%s); run 'sealpeek %s --help'\n", fs.Name(), strings.Join(positional[maxArgs:], " "), fs.Name())
		return nil, exitUsage, true
	}
	return positional, exitOK, false
}

// readInput reads the named file, or standard input for "" or "-", up to
// MaxInputSize.
func readInput(e *env, name string) ([]byte, error) {
	var r io.Reader = e.stdin
	what := "standard input"
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", name, errors.Unwrap(err))
		}
		defer f.Close()
		r, what = f, name
	} else if e.stdinIsTTY {
		fmt.Fprintln(e.stderr, "sealpeek: reading standard input; paste, then press Ctrl-D")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", what, err)
	}
	if len(data) > MaxInputSize {
		return nil, fmt.Errorf("%s is larger than %d MiB, the most sealpeek reads: pass only the request or value to inspect", what, MaxInputSize>>20)
	}
	return data, nil
}

// writeJSON writes v as indented JSON, made inert for terminals.
func writeJSON(w io.Writer, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(w, "{\"ok\":false,\"error\":%q}\n", err.Error())
		return
	}
	w.Write(ui.EscapeJSON(buf.Bytes()))
}

// printDiagnoses writes diagnoses for people: a severity marker, the
// message, and the fix on the next line.
func printDiagnoses(w io.Writer, ds []crypto.Diagnosis) {
	for _, d := range ds {
		fmt.Fprintf(w, "%-5s %s: %s\n", d.Severity, d.Code, ui.EscapeControl(d.Message, false))
		if d.Fix != "" && d.Severity != crypto.SeverityInfo {
			fmt.Fprintf(w, "      fix: %s\n", ui.EscapeControl(d.Fix, false))
		}
	}
}

// orEmpty keeps JSON lists as [] rather than null, so scripts can iterate.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
