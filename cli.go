package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// usageError is a mistake in how a verb was called: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// newFlags makes a verb's flag set; parseFlags prints its help to stdout on
// -h or --help, and only then.
func newFlags(e *env, name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints the usage on every parse error too, which
	// would put the help on stdout, where --json promises one object: the
	// help lives in the flag set's output, which discards what the package
	// writes there, and parseFlags prints it on -h alone.
	fs.SetOutput(&flagHelp{e: e, fs: fs, synopsis: synopsis, about: about})
	fs.Usage = func() {}
	return fs
}

// flagHelp is a flag set's help, and the output that swallows what the flag
// package writes on its own.
type flagHelp struct {
	e               *env
	fs              *flag.FlagSet
	synopsis, about string
}

func (h *flagHelp) Write(p []byte) (int, error) { return len(p), nil }

// commandName is how the command of a flag set is typed: "sealpeek VERB",
// or "sealpeek" for the terminal UI.
func commandName(fs *flag.FlagSet) string {
	if fs.Name() == "sealpeek" {
		return "sealpeek"
	}
	return "sealpeek " + fs.Name()
}

// parseFlags parses flags wherever they stand among the positional
// arguments, so 'decrypt FILE --json' works as well as 'decrypt --json FILE'.
// A lone "-" is a positional argument (standard input). It returns done=true
// when the verb should stop with code (help printed, or a usage error said).
func parseFlags(e *env, fs *flag.FlagSet, args []string, maxArgs int) (positional []string, code int, done bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				if h, ok := fs.Output().(*flagHelp); ok {
					h.print()
				}
				return nil, exitOK, true
			}
			// The flag package names what was typed unescaped: an unknown
			// flag's name, a value it refused.
			fmt.Fprintf(e.stderr, "%s: %s; run '%s --help'\n", commandName(fs), sentence(doubleDash(err.Error())), commandName(fs))
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
		fmt.Fprintf(e.stderr, "%s: too many arguments (%s); run '%s --help'\n", commandName(fs), sentence(strings.Join(positional[maxArgs:], " ")), commandName(fs))
		return nil, exitUsage, true
	}
	return positional, exitOK, false
}

// openInput opens the named file, or standard input for "" or "-" (saying
// prompt first on a terminal), and says what it opened for messages.
func openInput(e *env, name, prompt string) (r io.ReadCloser, what string, err error) {
	if name == "" || name == "-" {
		if e.stdinIsTTY {
			fmt.Fprintln(e.stderr, prompt)
		}
		return io.NopCloser(e.stdin), "standard input", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, name, fmt.Errorf("cannot read %s: %w", name, errors.Unwrap(err))
	}
	return f, name, nil
}

// readInput reads the named file, or standard input for "" or "-", up to
// termtext.MaxInputSize.
func readInput(e *env, name string) ([]byte, error) {
	r, what, err := openInput(e, name, "sealpeek: reading standard input; paste, then press Ctrl-D")
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, termtext.MaxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", what, err)
	}
	if len(data) > termtext.MaxInputSize {
		return nil, fmt.Errorf("%s is larger than %d MiB, the most sealpeek reads: pass only the request or value to inspect", what, termtext.MaxInputSize>>20)
	}
	return data, nil
}

func first(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
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
	w.Write(termtext.EscapeJSON(buf.Bytes()))
}

// fail reports err as one sentence on stderr and returns its exit code.
func fail(e *env, verb string, err error) int {
	printError(e, verb, err)
	return exitUsage
}

// printError says err on stderr, one sentence naming the verb.
func printError(e *env, verb string, err error) {
	fmt.Fprintf(e.stderr, "sealpeek %s: %s\n", verb, sentence(err.Error()))
}

func printNotes(e *env, notes []crypto.Note) {
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "note: %s\n", sentence(n.Message))
	}
}

// printDiagnoses writes diagnoses for people: a severity marker, the
// message, and the fix on the next line.
func printDiagnoses(w io.Writer, ds []crypto.Diagnosis) {
	for _, d := range ds {
		fmt.Fprintf(w, "%-5s %s: %s\n", d.Severity, d.Code, sentence(d.Message))
		if d.Fix != "" && d.Severity != crypto.SeverityInfo {
			fmt.Fprintf(w, "      fix: %s\n", sentence(d.Fix))
		}
	}
}

// Messages quote what was typed or pasted; a sentence keeps this much of
// each quoted value, and of the whole, however long the input.
const (
	quotedKeep   = 60
	sentenceHead = 320
	sentenceTail = 160
)

// quoted matches a Go-quoted string in a message, as %q writes one.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// sentence makes a message that may quote untrusted text fit for a
// terminal: control characters escaped, each long quoted value cut short,
// and the middle of a message still too long cut out, so a 1 MiB value in a
// message is a line, not a screenful.
func sentence(s string) string {
	s = termtext.EscapeControl(s, false)
	const most = sentenceHead + sentenceTail + 64
	if len(s) <= most {
		return s
	}
	s = quoted.ReplaceAllStringFunc(s, func(q string) string {
		if len(q) <= 2*quotedKeep {
			return q
		}
		return q[:runeStart(q, quotedKeep)] + fmt.Sprintf(`…" (%d bytes)`, len(q)-2)
	})
	if len(s) <= most {
		return s
	}
	head, tail := runeStart(s, sentenceHead), runeStart(s, len(s)-sentenceTail)
	return fmt.Sprintf("%s … [%d bytes not shown] … %s", s[:head], tail-head, s[tail:])
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// orEmpty keeps JSON lists as [] rather than null, so scripts can iterate.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// doubleDash names flags in the flag package's errors as the help and the
// README write them: --json, not -json.
func doubleDash(msg string) string {
	return flagNameInError.Replace(msg)
}

var flagNameInError = strings.NewReplacer(
	"flag provided but not defined: -", "flag provided but not defined: --",
	"flag needs an argument: -", "flag needs an argument: --",
	" for flag -", " for flag --",
	" for -", " for --",
)
