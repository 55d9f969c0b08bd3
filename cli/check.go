package cli

import (
	"bytes"
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/conform"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/internal/wire"
	"github.com/sealpeek/sealpeek/profile"
)

// checkFlags are the flags of 'sealpeek check'.
type checkFlags struct {
	secrets secretFlags
	net     netFlags
	as      string
	delay   time.Duration
	asJSON  bool
}

// checkResult is the JSON contract of 'check --json'.
type checkResult struct {
	OK      bool          `json:"ok"`
	URL     string        `json:"url"`
	As      string        `json:"as"`
	Profile string        `json:"profile"`
	Cases   []checkCase   `json:"cases"`
	Error   string        `json:"error,omitempty"`
	Notes   []crypto.Note `json:"notes"`
}

type checkCase struct {
	Name      string  `json:"name"`
	Expect    string  `json:"expect"`
	Status    int     `json:"status"`
	Pass      bool    `json:"pass"`
	Skipped   bool    `json:"skipped,omitempty"`
	Reason    string  `json:"reason"`
	LatencyMS float64 `json:"latency_ms"`
}

// newCheckCmd is 'sealpeek check'.
func newCheckCmd(e *env) *cobra.Command {
	var flags checkFlags
	cmd := &cobra.Command{
		Use:   "check URL --as webhook|canvas|sheet [flags]",
		Short: "prove your endpoint accepts Intercom's requests and rejects every wrong one",
		Long: "Sends your endpoint the correct request, which it must accept (2xx), then each wrong one, which\n" +
			"it must reject (4xx), and says for each failure what the endpoint does wrong.\n\n" +
			"--as webhook (a conversation.user.created notification) and --as canvas (a Canvas Kit\n" +
			"initialize): signed with another secret, with another workspace's, with the identity verification\n" +
			"secret; the body re-serialised after signing (whitespace, key order, escapes); one byte of the\n" +
			"body changed; the signature missing, empty, or of the other algorithm.\n" +
			"--as sheet (an open-sheet form): the user with a flipped ciphertext bit, a flipped tag bit, a\n" +
			"truncated tag, sealed with another secret, another workspace's, the identity secret, or with the\n" +
			"hex text of the digest as the key.\n\n" +
			"Another workspace's secret is a second oauth profile's; the identity secret an identity profile's.\n" +
			"Without them those cases are skipped. Each case is sent once, in order, to URL only (no proxy,\n" +
			"no redirect followed unless --follow-redirects); --delay waits between them.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 every case passed; 1 a case failed; 2 usage error, no secret, or the endpoint could\n" +
			"not be reached in time.",
		Example: `sealpeek check http://127.0.0.1:3000/webhooks --as webhook --profile test-oauth
sealpeek check http://127.0.0.1:3000/canvas/initialize --as canvas --json
sealpeek check http://127.0.0.1:3000/sheet --as sheet --delay 500ms`,
		Args: oneArg("the URL of the endpoint to check"),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runCheck(e, &flags, args[0]))
		},
	}
	flags.secrets.register(cmd.Flags())
	flags.net.register(cmd.Flags())
	cmd.Flags().StringVar(&flags.as, "as", "", "what the endpoint receives: webhook, canvas or sheet")
	cmd.Flags().DurationVar(&flags.delay, "delay", 0, "wait DURATION between cases, for an endpoint that limits its rate")
	cmd.Flags().BoolVar(&flags.asJSON, "json", false, "print one JSON object")
	return cmd
}

// runCheck runs the suite against the endpoint at rawURL.
func runCheck(e *env, flags *checkFlags, rawURL string) int {
	as := conform.As(flags.as)
	known := false
	for _, s := range conform.Suites {
		known = known || s == as
	}
	if !known {
		msg := "--as says what the endpoint receives: webhook, canvas or sheet"
		if flags.as != "" {
			msg = fmt.Sprintf("--as is webhook, canvas or sheet, not %q", flags.as)
		}
		return fail(e, "check", usageError{msg})
	}
	target, err := wire.ParseURL(rawURL)
	if err != nil {
		return fail(e, "check", usageError{err.Error()})
	}
	if flags.delay < 0 {
		return fail(e, "check", usageError{fmt.Sprintf("--delay cannot be negative, not %s", flags.delay)})
	}
	sender, err := flags.net.sender()
	if err != nil {
		return fail(e, "check", err)
	}
	client, notes, err := flags.secrets.signingSecret(e, crypto.RoleOAuth)
	if err != nil {
		return fail(e, "check", err)
	}
	secrets := flags.secrets.checkSecrets(e, client)
	cases, err := conform.Cases(as, secrets, time.Now())
	if err != nil {
		return fail(e, "check", err)
	}
	out := checkResult{OK: true, URL: wire.Redacted(target), As: string(as), Profile: client.Name, Cases: []checkCase{}, Notes: orEmpty(notes)}
	if !flags.asJSON {
		printNotes(e, notes)
		fmt.Fprintf(e.stdout, "check %s as %s, with profile %s, fingerprint %s\n", termtext.EscapeControl(out.URL, false), as,
			termtext.EscapeControl(client.Label(), false), client.Fingerprint())
	}
	var results []conform.Result
	sent := 0
	for _, c := range cases {
		if c.Skip != "" {
			r := conform.Judge(c, 0)
			results = append(results, r)
			out.Cases = append(out.Cases, checkCase{Name: c.Name, Expect: string(c.Expect), Skipped: true, Reason: r.Reason})
			continue
		}
		if sent > 0 && flags.delay > 0 {
			time.Sleep(flags.delay)
		}
		sent++
		answer, err := sender.Send(context.Background(), rawURL, c.Request)
		if err != nil {
			out.OK, out.Error = false, err.Error()
			if flags.asJSON {
				writeJSON(e.stdout, out)
			} else {
				printCheckTable(e, results)
			}
			printError(e, "check", fmt.Errorf("case %s: %w", c.Name, err))
			return exitUsage
		}
		r := conform.Judge(c, answer.Status)
		results = append(results, r)
		out.OK = out.OK && r.Pass
		out.Cases = append(out.Cases, checkCase{Name: c.Name, Expect: string(c.Expect), Status: r.Status, Pass: r.Pass, Reason: r.Reason,
			LatencyMS: float64(answer.Latency.Microseconds()) / 1000})
	}
	if flags.asJSON {
		writeJSON(e.stdout, out)
	} else {
		printCheckTable(e, results)
	}
	if !out.OK {
		return exitMismatch
	}
	return exitOK
}

// printCheckTable shows the results: case, expected, got, verdict, and
// under each failure its reason; then a count.
func printCheckTable(e *env, results []conform.Result) {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\texpected\tgot\tverdict")
	passed, failed, skipped := 0, 0, 0
	var reasons []string
	for _, r := range results {
		got, verdict := fmt.Sprint(r.Status), "pass"
		switch {
		case r.Skip != "":
			got, verdict = "-", "skipped"
			skipped++
		case r.Pass:
			passed++
		default:
			verdict = "FAIL"
			failed++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Expect, got, verdict)
		if r.Reason != "" {
			reasons = append(reasons, fmt.Sprintf("%s %s: %s", verdict, r.Name, r.Reason))
		}
	}
	tw.Flush()
	if len(reasons) > 0 {
		fmt.Fprintln(e.stdout)
		for _, line := range reasons {
			fmt.Fprintln(e.stdout, sentence(line))
		}
	}
	fmt.Fprintf(e.stdout, "\n%d %s: %d passed, %d failed", len(results), termtext.Plural(len(results), "case", "cases"), passed, failed)
	if skipped > 0 {
		fmt.Fprintf(e.stdout, ", %d skipped", skipped)
	}
	fmt.Fprintln(e.stdout)
}

// checkSecrets are the secrets of the cases: the client secret, and from
// the profiles another workspace's oauth secret and an identity secret, when
// there are such profiles and they can be read. With --secret-env or
// --secret-file there are none, and their cases are skipped.
func (s *secretFlags) checkSecrets(e *env, client crypto.Secret) conform.Secrets {
	out := conform.Secrets{Client: client.Value}
	if s.envVar != "" || s.file != "" {
		return out
	}
	store, err := s.store.load(e)
	if err != nil {
		return out
	}
	var other, identity *profile.Profile
	for i, p := range store.Profiles {
		switch {
		case p.Name == client.Name:
		case p.Role == crypto.RoleOAuth:
			// Prefer a profile of another workspace than the client's.
			if other == nil || other.Workspace == client.Workspace && p.Workspace != client.Workspace {
				other = &store.Profiles[i]
			}
		case p.Role == crypto.RoleIdentity:
			// Prefer the identity secret of the client's own workspace: the
			// mix-up happens within one app.
			if identity == nil || identity.Workspace != client.Workspace && p.Workspace == client.Workspace {
				identity = &store.Profiles[i]
			}
		}
	}
	wanted := store.Only(func(p profile.Profile) bool {
		return other != nil && p.Name == other.Name || identity != nil && p.Name == identity.Name
	})
	for _, r := range wanted.Resolve(context.Background(), e.getenv) {
		if !r.OK() || bytes.Equal(r.Secret.Value, client.Value) {
			continue // a secret that is the client's would make a wrong case the correct one
		}
		if r.Profile.Role == crypto.RoleOAuth {
			out.OtherWorkspace, out.OtherWorkspaceName = r.Secret.Value, r.Profile.Name
		} else {
			out.Identity, out.IdentityName = r.Secret.Value, r.Profile.Name
		}
	}
	return out
}
