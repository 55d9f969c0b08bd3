package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/listen"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// historyFlags are the flags of 'sealpeek history'.
type historyFlags struct {
	secrets secretFlags
	lang    langFlag
	keep    string
	last    int
	asJSON  bool
}

// newHistoryCmd is 'sealpeek history'.
func newHistoryCmd(e *env) *cobra.Command {
	var flags historyFlags
	cmd := &cobra.Command{
		Use:   "history [flags]",
		Short: "list the requests 'sealpeek listen' kept, each verified again",
		Long: "Lists the requests 'sealpeek listen' kept, oldest first: when each arrived, its method and path,\n" +
			"its kind and topic, and its verdict with today's profiles (as 'verify FILE' gives it), then the\n" +
			"file, which 'sealpeek FILE' opens, 'verify FILE' checks and 'replay FILE --to URL' sends again.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 listed (whatever the verdicts); 2 the folder cannot be read, or no secret.",
		Example: `sealpeek history
# the last 5, for scripts: one JSON object a line, as 'listen --json' prints them
sealpeek history --last 5 --json | jq -c '{kept, ok}'`,
		Args: maxArgs(0),
		RunE: func(_ *cobra.Command, _ []string) error {
			return exit(runHistory(e, &flags))
		},
	}
	fs := cmd.Flags()
	flags.secrets.register(fs)
	fs.StringVar(&flags.keep, "keep", "", "list the requests kept in DIR (default: $XDG_STATE_HOME/sealpeek/captures, where listen keeps them)")
	fs.IntVar(&flags.last, "last", 0, "list only the last N requests (0: all)")
	fs.BoolVar(&flags.asJSON, "json", false, "print one JSON object a line per request: what 'verify --json' prints, with received_at, method, path and kept")
	fs.Var(&flags.lang, "lang", langFlagHelp)
	return cmd
}

// runHistory lists the kept requests with their verdicts.
func runHistory(e *env, flags *historyFlags) int {
	if flags.last < 0 {
		return fail(e, "history", usageError{fmt.Sprintf("--last %d is negative: give how many of the last requests to list", flags.last)})
	}
	dir := flags.keep
	if dir == "" {
		var err error
		if dir, err = listen.DefaultDir(e.getenv); err != nil {
			return fail(e, "history", err)
		}
	}
	kept, err := listen.List(dir)
	if err != nil {
		return fail(e, "history", err)
	}
	if len(kept) == 0 {
		fmt.Fprintf(e.stderr, "sealpeek history: no request kept in %s yet; 'sealpeek listen' keeps each it receives\n", termtext.EscapeControl(dir, false))
		return exitOK
	}
	if flags.last > 0 && len(kept) > flags.last {
		kept = kept[len(kept)-flags.last:]
	}
	s := &listenSetup{rings: &roleKeyrings{e: e, secrets: &flags.secrets}, langs: newFixLangs(e, flags.lang, &flags.secrets)}
	// Webhooks and Canvas Kit requests are checked with the OAuth client
	// secret: with none, no verdict could be given.
	if k := s.rings.get(crypto.RoleOAuth); k.err != nil {
		return fail(e, "history", k.err)
	}
	for _, k := range kept {
		raw, err := os.ReadFile(k.Path)
		if err != nil {
			printError(e, "history", fmt.Errorf("cannot read %s: %v", k.Path, err))
			continue
		}
		capture, readErr := crypto.ReadCapture(raw, nil)
		// A role without a secret (a JWT among webhooks) is said on that
		// request's line.
		report, ring := s.rings.verify(capture, readErr, time.Now())
		ev := keptEvent(k, capture)
		ev.Verdict = &listenVerdict{report: report, k: ring}
		rec := s.record(ev)
		if flags.asJSON {
			e.stdout.Write(ndjsonLine(rec))
			continue
		}
		e.stdout.Write([]byte(listenLine(ev, rec, time.DateTime)))
	}
	return exitOK
}
