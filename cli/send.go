package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/forge"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// netFlags are the waits and the redirect rule of the verbs that send
// requests (send, check).
type netFlags struct {
	connect, answer time.Duration
	follow          bool
}

func (n *netFlags) register(fs *pflag.FlagSet) {
	fs.DurationVar(&n.connect, "connect-timeout", 5*time.Second, "give up when the connection takes longer than DURATION")
	fs.DurationVar(&n.answer, "answer-timeout", 10*time.Second, "give up when the whole answer takes longer than DURATION after the request is sent")
	fs.BoolVar(&n.follow, "follow-redirects", false, "follow up to 5 redirects (default: a 3xx is the answer, and no other URL is contacted)")
}

// sender checks the waits and makes the one HTTP client of the verb.
func (n *netFlags) sender() (*wire.Sender, error) {
	for _, w := range []struct {
		flag string
		d    time.Duration
	}{{"--connect-timeout", n.connect}, {"--answer-timeout", n.answer}} {
		if w.d <= 0 {
			return nil, usageError{fmt.Sprintf("%s must be a positive duration such as 5s, not %s", w.flag, w.d)}
		}
	}
	return wire.NewSender(wire.SenderOptions{Connect: n.connect, Answer: n.answer, FollowRedirects: n.follow}), nil
}

// sendFlags are the flags of 'sealpeek send'.
type sendFlags struct {
	secrets secretFlags
	net     netFlags
	to      string
	body    string
	sets    []string
	print   bool
	asJSON  bool
}

// sendResult is the JSON contract of 'send --json'.
type sendResult struct {
	OK        bool          `json:"ok"`
	URL       string        `json:"url"`
	Kind      string        `json:"kind"`
	Profile   string        `json:"profile"`
	Request   sentRequest   `json:"request"`
	Status    int           `json:"status"`
	Headers   []wire.Header `json:"headers"`
	Body      string        `json:"body"`
	BodyBytes int64         `json:"body_bytes"`
	Truncated bool          `json:"truncated"`
	LatencyMS float64       `json:"latency_ms"`
	Notes     []crypto.Note `json:"notes"`
}

type sentRequest struct {
	Method    string        `json:"method"`
	Target    string        `json:"target"`
	Headers   []wire.Header `json:"headers"`
	BodyBytes int           `json:"body_bytes"`
}

// newSendCmd is 'sealpeek send'.
func newSendCmd(e *env) *cobra.Command {
	var flags sendFlags
	kinds := make([]string, 0, len(forge.Kinds()))
	for _, k := range forge.Kinds() {
		kinds = append(kinds, string(k))
	}
	cmd := &cobra.Command{
		Use:   "send KIND --to URL [flags]",
		Short: "post a request signed or sealed as Intercom does to your own endpoint",
		Long: "Builds the request Intercom sends an app, signs or seals it with your OAuth client secret, posts\n" +
			"it to URL and shows the answer: status, headers, body and how long it took.\n\n" +
			"KIND: " + strings.Join(kinds, ", ") + ".\n" +
			"Webhook topics carry 'X-Hub-Signature: sha1=…'; initialize, submit, uninstall and health-check\n" +
			"'X-Body-Signature'; sheet-open is the form with intercom_data and a sealed user.\n\n" +
			"--body FILE sends a body of your own, signed byte for byte (for sheet-open: the user JSON to\n" +
			"seal). --set path=value changes a field first (keys joined by dots; the value is JSON, else a\n" +
			"string; for sheet-open, user.… changes the sealed user); the body is then written compact and\n" +
			"signed after. --print writes the request as a raw HTTP file instead of sending it: 'sealpeek\n" +
			"verify FILE' checks it, and 'sealpeek FILE' opens it.\n\n" +
			"Only URL is contacted: no proxy, and a redirect is shown, not followed, unless --follow-redirects.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 the endpoint answered 2xx (or --print); 1 it answered something else; 2 usage error,\n" +
			"no secret, or the endpoint could not be reached in time.",
		Example: `sealpeek send ping --to http://127.0.0.1:3000/webhooks --profile test-oauth
sealpeek send conversation.user.created --to http://127.0.0.1:3000/webhooks --set data.item.id=42
sealpeek send submit --to http://127.0.0.1:3000/canvas/submit --json
sealpeek send sheet-open --secret-env INTERCOM_CLIENT_SECRET --body user.json --print > sheet.http`,
		Args: oneArg("the KIND of request (" + strings.Join(kinds, ", ") + ")"),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runSend(e, &flags, args[0]))
		},
	}
	flags.secrets.register(cmd.Flags())
	flags.net.register(cmd.Flags())
	cmd.Flags().StringVar(&flags.to, "to", "", "post to URL (http or https); its path, if any, is the request's")
	cmd.Flags().StringVar(&flags.body, "body", "", "send the body in FILE, signed as it is, instead of the built-in one (sheet-open: the user to seal)")
	cmd.Flags().StringArrayVar(&flags.sets, "set", nil, "change field PATH=VALUE of the body before signing (repeatable)")
	cmd.Flags().BoolVar(&flags.print, "print", false, "write the request as a raw HTTP file to standard output instead of sending it")
	cmd.Flags().BoolVar(&flags.asJSON, "json", false, "print one JSON object")
	return cmd
}

// oneArg lets a command take exactly one positional argument, what.
func oneArg(what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return commandError{command: c.CommandPath(), msg: "give " + what}
		}
		return maxArgs(1)(c, args)
	}
}

// runSend builds the request of kind, and sends or prints it.
func runSend(e *env, flags *sendFlags, kind string) int {
	if _, err := forge.SchemeOf(forge.Kind(kind)); err != nil {
		return fail(e, "send", usageError{err.Error()})
	}
	if flags.to == "" && !flags.print {
		return fail(e, "send", usageError{"--to URL says where to send the request; or pass --print to write it instead"})
	}
	if flags.print && flags.asJSON {
		return fail(e, "send", usageError{"give --print or --json, not both: --print writes the request, --json the answer"})
	}
	var target *url.URL
	if flags.to != "" {
		var err error
		if target, err = wire.ParseURL(flags.to); err != nil {
			return fail(e, "send", usageError{err.Error()})
		}
	}
	sender, err := flags.net.sender()
	if err != nil {
		return fail(e, "send", err)
	}
	secret, notes, err := flags.secrets.signingSecret(e, crypto.RoleOAuth)
	if err != nil {
		return fail(e, "send", err)
	}
	opts := forge.Options{Secret: secret.Value, Sets: flags.sets, Now: time.Now()}
	if flags.body != "" {
		if opts.Body, err = readInput(e, flags.body); err != nil {
			return fail(e, "send", err)
		}
	}
	if target != nil {
		opts.Host = target.Host
	}
	built, err := forge.Build(forge.Kind(kind), opts)
	if err != nil {
		return fail(e, "send", usageError{err.Error()})
	}
	req := built.Request
	if target != nil && (target.Path != "" && target.Path != "/" || target.RawQuery != "") {
		req.Target = target.RequestURI()
	}
	if flags.print {
		printNotes(e, notes)
		e.stdout.Write(req.Raw())
		return exitOK
	}
	// Where it goes: the URL, with the kind's usual path when it has none.
	where := *target
	where.Path, where.RawPath, where.RawQuery = "", "", ""
	sentTo := wire.Redacted(&where) + req.Target
	answer, err := sender.Send(context.Background(), flags.to, req)
	if err != nil {
		if flags.asJSON {
			writeJSON(e.stdout, map[string]any{"ok": false, "url": sentTo, "kind": kind, "error": err.Error()})
		}
		return fail(e, "send", err)
	}
	ok := answer.Status >= 200 && answer.Status < 300
	if flags.asJSON {
		writeJSON(e.stdout, sendResult{OK: ok, URL: sentTo, Kind: kind, Profile: secret.Name,
			Request: sentRequest{Method: req.Method, Target: req.Target, Headers: orEmpty(req.Headers), BodyBytes: len(req.Body)},
			Status:  answer.Status, Headers: orEmpty(answer.Headers), Body: string(answer.Body), BodyBytes: answer.BodyBytes,
			Truncated: answer.Truncated(), LatencyMS: float64(answer.Latency.Microseconds()) / 1000, Notes: orEmpty(notes)})
	} else {
		printNotes(e, notes)
		how := "sealed the user with"
		if h := built.Scheme.Header(); h != "" {
			how = h + " by"
		}
		fmt.Fprintf(e.stdout, "sent %s to %s: %s, %d bytes, %s profile %s, fingerprint %s\n", kind,
			termtext.EscapeControl(sentTo, false), req.Method, len(req.Body), how, termtext.EscapeControl(secret.Label(), false), secret.Fingerprint())
		printAnswer(e, answer)
	}
	if !ok {
		return exitMismatch
	}
	return exitOK
}

// printAnswer shows an answer for people: status and latency, the headers,
// and the body, every byte of it made safe for a terminal.
func printAnswer(e *env, a *wire.Answer) {
	fmt.Fprintf(e.stdout, "answer: %d %s in %s\n", a.Status, http.StatusText(a.Status), roundLatency(a.Latency))
	for _, h := range a.Headers {
		fmt.Fprintf(e.stdout, "  %s: %s\n", termtext.EscapeControl(h.Name, false), termtext.EscapeControl(h.Value, false))
	}
	if a.BodyBytes == 0 {
		fmt.Fprintln(e.stdout, "(no body)")
		return
	}
	fmt.Fprintln(e.stdout)
	body := termtext.EscapeControl(string(a.Body), true)
	fmt.Fprint(e.stdout, body)
	if !strings.HasSuffix(body, "\n") {
		fmt.Fprintln(e.stdout)
	}
	if a.Truncated() {
		fmt.Fprintf(e.stdout, "(the first %d of %d bytes)\n", len(a.Body), a.BodyBytes)
	}
}

// roundLatency shows a wait to a precision people read.
func roundLatency(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
