// Command sealpeek shows what is inside the signed and encrypted payloads an
// Intercom integration sends and receives, and says exactly why one does not
// match. Run it with no verb for the terminal UI; the verbs below are the
// same core as a scriptable command line.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"golang.org/x/term"
)

// version is stamped at build time with -ldflags "-X main.version=…".
var version = "dev"

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

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, stdinIsTTY: isTerminal(os.Stdin)}
	os.Exit(run(e, os.Args[1:]))
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

func runVersion(e *env, args []string) int {
	fs := newFlags(e, "version", "",
		"Prints the version: the one stamped at build time, else the module version 'go install' recorded,\nelse dev.")
	if _, code, done := parseFlags(e, fs, args, 0); done {
		return code
	}
	fmt.Fprintf(e.stdout, "sealpeek %s\n", buildVersion())
	return exitOK
}

// buildVersion is the stamped version, else the module version that
// 'go install' records, else "dev".
func buildVersion() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}

// isTerminal asks the terminal itself: /dev/null is a character device too.
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}
