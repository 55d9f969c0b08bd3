package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"
	"golang.org/x/term"
)

// Exit codes, the same for every verb.
const (
	exitOK       = 0 // success, or a match
	exitMismatch = 1 // authentication failure or digest mismatch
	exitUsage    = 2 // usage error, unreadable input, missing secret
)

// env is what a verb may read of its surroundings, so tests can run verbs
// without touching the process's own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	stdinIsTTY     bool
	// version is the version stamped into the binary ("dev" when none was).
	version string
}

// Main runs sealpeek with the process's arguments and surroundings and
// returns its exit code. version is the one stamped at build time, "dev"
// when none was.
func Main(version string) int {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, stdinIsTTY: isTerminal(os.Stdin), version: version}
	return run(e, os.Args[1:])
}

type verb struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

var verbs = []verb{
	{"decrypt", "open a sealed sheet user (bare, JSON body or form body)", runDecrypt},
	{"encrypt", "seal a JSON user as Intercom sends it", runEncrypt},
	{"hmac", "compute or check an identity verification digest (user_hash)", runHMAC},
	{"verify", "check every signature, sheet user, user_hash or JWT in a captured request", runVerify},
	{"jwt", "decode and verify a Messenger JWT (intercom_user_jwt)", runJWT},
	{"sign", "print the signature header a sender would send with a body", runSign},
	{"profiles", "list, check and add the named secrets sealpeek tries", runProfiles},
	{"version", "print the version", runVersion},
}

func run(e *env, args []string) int {
	if len(args) == 0 {
		return runTUI(e, nil)
	}
	switch args[0] {
	case "help":
		if len(args) > 1 {
			return runHelp(e, args[1:])
		}
		fmt.Fprint(e.stdout, usage())
		return exitOK
	case "-h", "--help":
		fmt.Fprint(e.stdout, usage())
		return exitOK
	case "--version", "-version":
		return runVersion(e, nil)
	}
	for _, v := range verbs {
		if v.name == args[0] {
			return v.run(e, args[1:])
		}
	}
	// Not a verb: flags or a FILE for the terminal UI.
	return runTUI(e, args)
}

func usage() string {
	s := "sealpeek: see inside Intercom's signed and encrypted payloads, and why yours does not match.\n\n" +
		"Usage:\n  sealpeek [flags] [FILE|-]   open the terminal UI ('sealpeek help ui' for its flags)\n  sealpeek VERB [flags] [args]\n\nVerbs:\n"
	for _, v := range verbs {
		s += fmt.Sprintf("  %-9s %s\n", v.name, v.summary)
	}
	s += "\nSecrets come from your profiles ('sealpeek help profiles'), or one from --secret-env VAR or\n" +
		"--secret-file PATH; never from the command line, which every user of the machine can see.\n" +
		"\nExamples:\n" +
		"  sealpeek --demo                      the terminal UI on the built-in demo\n" +
		"  sealpeek profiles --demo             the demo profiles, and a command for each sample\n" +
		"  sealpeek verify request.http         check every signature in a captured request\n" +
		"\nRun 'sealpeek help VERB' or 'sealpeek VERB --help' for a verb's flags, examples and exit codes.\n" +
		"Exit codes: 0 success or match, 1 mismatch, 2 usage error, unreadable input or no secret.\n"
	return s
}

// runHelp is 'sealpeek help VERB [SUBVERB]': the verb's own --help.
func runHelp(e *env, args []string) int {
	if args[0] == "ui" {
		return runTUI(e, []string{"--help"})
	}
	for _, v := range verbs {
		if v.name == args[0] {
			return v.run(e, append(append([]string(nil), args[1:]...), "--help"))
		}
	}
	fmt.Fprintf(e.stderr, "sealpeek help: no verb %q; the verbs are listed by 'sealpeek help'\n", sentence(args[0]))
	return exitUsage
}

// isTerminal asks the terminal itself: /dev/null is a character device too.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

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
