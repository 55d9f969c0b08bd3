package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// verbHelp is what a command's --help adds after its flags: examples that
// run as written, and what each exit code means for it. Keyed by the
// command as typed after "sealpeek" ("" for the terminal UI).
var verbHelp = map[string]struct{ examples, exits string }{
	"": {
		examples: `  # the demo profiles and samples, no setup (ctrl+n: next sample, ctrl+c: quit)
  sealpeek --demo
  # a captured request, with the profiles in ~/.config/sealpeek/profiles.toml
  sealpeek request.http
  # one secret from the environment; what it opens is a sheet user (--role oauth)
  pbpaste | sealpeek --secret-env INTERCOM_CLIENT_SECRET`,
		exits: "0 after quitting; 2 when there is no terminal, or a flag, file or secret is wrong.",
	},
	"decrypt": {
		examples: `  # the published test vector (PROTOCOLS.md), secret from the environment
  export SEALPEEK_SECRET=test-client-secret
  echo AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ | sealpeek decrypt --secret-env SEALPEEK_SECRET
  # a whole open-sheet body from a file, every profile tried, as JSON
  sealpeek decrypt --json body.txt
  # a sealed user the demo profiles open: run 'sealpeek profiles --demo' for samples
  sealpeek decrypt --demo --profile demo-oauth-test < user.txt
  # a log of sealed users, one a line: one JSON result a line, on every core
  sealpeek decrypt --lines --profile prod-oauth users.txt | jq -c 'select(.ok | not)'`,
		exits: "0 it opens; 1 no secret opens it, or only another profile or a known mistake does;\n" +
			"2 usage error, unreadable input, no secret. With --lines: 0 every line opens, 1 one does not.",
	},
	"encrypt": {
		examples: `  echo '{"test":"test"}' | sealpeek encrypt --secret-env SEALPEEK_SECRET --iv 000102030405060708090a0b
  # with the one oauth profile, or the one --profile names
  sealpeek encrypt --profile prod-oauth user.json`,
		exits: "0 sealed; 2 usage error, input that is not JSON, no secret, or several oauth profiles\n" +
			"and no --profile to choose.",
	},
	"hmac": {
		examples: `  # the published test vector (PROTOCOLS.md)
  SEALPEEK_IDENTITY=secret sealpeek hmac --secret-env SEALPEEK_IDENTITY Message
  # check the digest an app sent, given what the app sends
  sealpeek hmac --profile web --user-id 4711 --email zoe@example.com --expect "$USER_HASH"
  # hash standard input byte for byte: printf, not echo, unless the newline is meant
  printf %s 4711 | sealpeek hmac --profile web -
  # a file of user_id<TAB>user_hash lines, each checked: one JSON result a line
  sealpeek hmac --lines --profile web pairs.tsv`,
		exits: "0 computed, or --expect matches; 1 --expect does not match; 2 usage error, no secret.\n" +
			"With --lines: 0 every line matches (or is hashed), 1 one does not.",
	},
	"verify": {
		examples: `  sealpeek verify --secret-env INTERCOM_CLIENT_SECRET request.http
  # a body alone, with the signature header that came with it
  sealpeek verify --header "X-Hub-Signature: $SIGNATURE" body.json
  # as JSON, for scripts
  sealpeek verify --json request.http | jq '.diagnoses[].code'
  # one-line captures (JWTs, snippets, bodies), one a line: one JSON result a line
  sealpeek verify --lines --profile messenger tokens.txt`,
		exits: "0 everything found matches; 1 a mismatch; 2 unreadable input, nothing to check, no secret.\n" +
			"With --lines: 0 every line verifies, 1 one does not (or has nothing to check).",
	},
	"jwt": {
		examples: `  sealpeek jwt --secret-env MESSENGER_SECRET "$TOKEN"
  # a token in a file, its exp checked at a given time
  sealpeek jwt --profile messenger --at 2025-06-01T12:00:00Z < token.jwt`,
		exits: "0 the token verifies and is valid; 1 signature, alg, exp, nbf or user_id fails;\n" +
			"2 no token in the input, usage error, no secret.",
	},
	"sign": {
		examples: `  sealpeek sign --secret-env INTERCOM_CLIENT_SECRET body.json
  sealpeek sign --algo sha256 --profile test-oauth body.json
  # sign, then check, the same bytes
  sealpeek verify --header "$(sealpeek sign --profile test-oauth body.json)" body.json`,
		exits: "0 printed; 2 usage error, unreadable input, no secret.",
	},
	"profiles": {
		examples: `  sealpeek profiles
  sealpeek profiles --demo
  sealpeek profiles --json --config ./profiles.toml`,
		exits: "0 listed (also when there are none); 2 the profiles file is refused or unreadable.",
	},
	"profiles check": {
		examples: `  sealpeek profiles check
  sealpeek profiles check --json | jq '.problems[].code'`,
		exits: "0 every secret readable, no problems; 1 any problem; 2 usage error.",
	},
	"profiles add": {
		examples: `  sealpeek profiles add prod-oauth --role oauth --workspace production --secret-env INTERCOM_CLIENT_SECRET
  sealpeek profiles add web --role identity --platform web --secret-cmd 'op read op://dev/intercom/web'
  # the secret itself, typed without echo (or piped), kept in the file (mode 0600)
  sealpeek profiles add test-oauth --role oauth --workspace test`,
		exits: "0 added (problems reading the new secret are reported on standard error);\n" +
			"2 refused: the file is left as it was.",
	},
	"version": {
		examples: `  sealpeek version
  sealpeek --version`,
		exits: "0 (sealpeek --version is the same); 2 for a flag it does not take.",
	},
}

// print writes the help of a command: synopsis, what it does, its flags as
// they are typed (--name), examples and exit codes.
func (h *flagHelp) print() {
	w := h.e.stdout
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace(commandName(h.fs)+" "+h.synopsis), h.about)
	if hasFlags(h.fs) {
		fmt.Fprintf(w, "\nFlags:\n")
		printFlags(w, h.fs)
	}
	if h.fs.Lookup("secret-env") != nil && h.fs.Lookup("profile") != nil {
		fmt.Fprint(w, "\nSecrets: from the profiles ('sealpeek help profiles'). Checking tries every one, --profile's\n"+
			"first; making a payload (encrypt, sign, hmac without --expect) uses --profile's, or the only one\n"+
			"of its role. --secret-env or --secret-file gives one secret instead. No flag takes a secret\n"+
			"itself: the command line is visible to every user of the machine. Secrets are never printed;\n"+
			"their fingerprints are.\n")
	}
	extra := verbHelp[strings.TrimPrefix(strings.TrimPrefix(commandName(h.fs), "sealpeek"), " ")]
	if extra.examples != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", extra.examples)
	}
	if extra.exits != "" {
		fmt.Fprintf(w, "\nExit codes: %s\n", extra.exits)
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printFlags lists the flags as people type them, --name VALUE, each with
// its usage and any default worth saying.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		if arg == "value" { // a flag.Value that names no argument
			arg = "VALUE"
		}
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, strings.ReplaceAll(usage, "\n", "\n      "))
	})
}
