// Package cli is sealpeek's command line: one cobra command per verb, each
// in its own file with its flags, help and examples, and the terminal UI as
// the root command. Charm's fang styles the help and adds --version,
// completions and a man page; errors and exit codes stay sealpeek's own.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/sealpeek/sealpeek/internal/termtext"
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

// run builds the command tree for e, runs args through it and returns the
// exit code.
func run(e *env, args []string) int {
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := fang.Execute(context.Background(), root,
		fang.WithVersion(buildVersion(e.version)),
		fang.WithErrorHandler(printCommandError))
	return exitCodeOf(err)
}

// exitCode ends a verb that has already said what went wrong (or printed
// its --json object): fang's error handler prints nothing more for it.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// exit turns a verb's exit code into what its RunE returns.
func exit(code int) error {
	if code == exitOK {
		return nil
	}
	return exitCode(code)
}

// exitCodeOf is the process's exit code for what fang.Execute returned: a
// verb's own code, else 2, for cobra's errors are all usage errors.
func exitCodeOf(err error) int {
	var code exitCode
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &code):
		return int(code)
	}
	return exitUsage
}

// commandError is a mistake in how a command was called that cobra found
// (a flag, the number of arguments), said as one sentence naming the
// command.
type commandError struct {
	command string // "sealpeek VERB", or "sealpeek" for the terminal UI
	msg     string
}

func (e commandError) Error() string {
	return fmt.Sprintf("%s: %s; run '%s --help'", e.command, e.msg, e.command)
}

// printCommandError is fang's error handler: one plain sentence on
// standard error, never the styled block, so scripts and tests read the
// same line a person does. A verb's exitCode was already said.
func printCommandError(w io.Writer, _ fang.Styles, err error) {
	var code exitCode
	if errors.As(err, &code) {
		return
	}
	var ce commandError
	if errors.As(err, &ce) {
		fmt.Fprintln(w, ce.Error())
		return
	}
	fmt.Fprintf(w, "sealpeek: %s\n", sentence(err.Error()))
}

// flagError is every command's flag error function: pflag's message, made
// fit for a terminal (it quotes what was typed), naming the command.
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	var invalid *pflag.InvalidValueError
	var unknown *pflag.NotExistError
	switch {
	case errors.As(err, &invalid):
		// pflag quotes the value, and the cause quotes it again: once is
		// enough, for a value can be a megabyte.
		msg = fmt.Sprintf("invalid value for flag --%s: %v", invalid.GetFlag().Name, errors.Unwrap(invalid))
	case errors.As(err, &unknown) && refusedSecretFlag(unknown.GetSpecifiedName()):
		msg += "; no flag takes a secret, for the command line is visible to every user of the machine: use --secret-env VAR, --secret-file PATH or a profile"
	}
	return commandError{command: c.CommandPath(), msg: sentence(msg)}
}

// maxArgs lets a command take at most n positional arguments.
func maxArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > n {
			return commandError{command: c.CommandPath(), msg: fmt.Sprintf("too many arguments (%s)", sentence(strings.Join(args[n:], " ")))}
		}
		return nil
	}
}

// newHelpCmd is 'sealpeek help [VERB [SUBVERB]]': the verb's own --help,
// the terminal UI's for 'help ui', and an error for a verb that is not one.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [VERB]",
		Short: "show the help of a verb ('sealpeek help ui' for the terminal UI's)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 && args[0] == "ui" {
				return root.Help()
			}
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				fmt.Fprintf(c.ErrOrStderr(), "sealpeek help: no verb %q; the verbs are listed by 'sealpeek help'\n", sentence(strings.Join(args, " ")))
				return exitCode(exitUsage)
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
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

// first is the first positional argument, "" when there is none.
func first(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// isTerminal asks the terminal itself: /dev/null is a character device too.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// usageError is a mistake in how a verb was called: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
