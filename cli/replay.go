package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/listen"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// replayFlags are the flags of 'sealpeek replay'.
type replayFlags struct {
	secrets secretFlags
	to      string
	resign  bool
	asJSON  bool
}

// newReplayCmd is 'sealpeek replay'.
func newReplayCmd(e *env) *cobra.Command {
	var flags replayFlags
	cmd := &cobra.Command{
		Use:   "replay FILE --to URL",
		Short: "send a kept (or edited) request again, byte for byte, to your app",
		Long: "Sends the raw HTTP request in FILE (one 'sealpeek listen' kept, see 'sealpeek history') to URL:\n" +
			"the same method, headers and body bytes, without following a redirect, and prints the answer.\n" +
			"When URL has no path the request's own path is used.\n\n" +
			"After editing the body, --resign signs it again: each X-Hub-Signature or X-Body-Signature header\n" +
			"gets the value the edited body needs, made with --profile's secret, or the only one of the role.\n" +
			"Remove the Content-Length line when the body's length changed, or correct it: it says where the\n" +
			"body ends.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 the app answered 1xx to 3xx; 1 it answered 4xx or 5xx; 2 FILE cannot be read, it\n" +
			"could not be sent, or no secret for --resign.",
		Example: `sealpeek replay ~/.local/state/sealpeek/captures/20261203T224512.123456789Z-1.http --to http://localhost:3000/webhooks
# after editing the body, with the signature made again
sealpeek replay edited.http --to http://localhost:3000/webhooks --resign --profile my-app`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return exit(runReplay(ctx, e, &flags, first(args)))
		},
	}
	fs := cmd.Flags()
	flags.secrets.register(fs)
	fs.StringVar(&flags.to, "to", "", "send the request to URL (http:// or https://), e.g. your app's webhook endpoint")
	fs.BoolVar(&flags.resign, "resign", false, "sign the body again: set each signature header to what the body needs with the profile's secret")
	fs.BoolVar(&flags.asJSON, "json", false, "print one JSON object: the URL, the status, the time and the answer's headers and body")
	return cmd
}

// replayResult is what 'replay --json' prints.
type replayResult struct {
	OK        bool          `json:"ok"`
	URL       string        `json:"url"`
	Status    int           `json:"status,omitempty"`
	MS        float64       `json:"ms"`
	Headers   []wire.Header `json:"headers"`
	Body      string        `json:"body"`
	BodyBytes int64         `json:"body_bytes"`
	Resigned  []string      `json:"resigned"` // the headers signed again
	Notes     []crypto.Note `json:"notes"`
	Error     string        `json:"error,omitempty"`
}

// runReplay sends the request in the named file to --to.
func runReplay(ctx context.Context, e *env, flags *replayFlags, name string) int {
	if name == "" {
		return fail(e, "replay", usageError{"name the FILE of the request to send, e.g. one 'sealpeek history' lists"})
	}
	if flags.to == "" {
		return fail(e, "replay", usageError{"give --to URL, where to send the request (e.g. http://localhost:3000/webhooks)"})
	}
	u, err := wire.ParseURL(flags.to)
	if err != nil {
		return fail(e, "replay", usageError{"--to " + err.Error()})
	}
	raw, err := readInput(e, name)
	if err != nil {
		return fail(e, "replay", err)
	}
	capture, err := crypto.ReadCapture(raw, nil)
	if err != nil {
		return fail(e, "replay", fmt.Errorf("cannot read %s as a request: %v", name, err))
	}
	if capture.Method == "" {
		return fail(e, "replay", fmt.Errorf("%s is not a raw HTTP request (a request line such as 'POST /hooks HTTP/1.1', the headers, a blank line, the body): there is nothing to send byte for byte", name))
	}
	req := requestOf(capture)
	out := replayResult{URL: wire.Redacted(u), Resigned: []string{}, Notes: orEmpty(capture.Notes), Headers: []wire.Header{}}
	if flags.resign {
		signed, notes, err := resign(e, &flags.secrets, capture, req)
		if err != nil {
			return fail(e, "replay", err)
		}
		out.Resigned, out.Notes = signed, append(out.Notes, notes...)
	}
	answer, err := wire.NewSender(wire.SenderOptions{}).Send(ctx, flags.to, req)
	if err != nil {
		if flags.asJSON {
			out.Error = err.Error()
			writeJSON(e.stdout, out)
			return exitUsage
		}
		return fail(e, "replay", err)
	}
	out.OK = answer.Status < 400
	out.Status, out.MS, out.BodyBytes = answer.Status, float64(answer.Latency.Microseconds())/1000, answer.BodyBytes
	out.Headers = orEmpty(answer.Headers)
	out.Body = string(answer.Body)
	if !utf8.Valid(answer.Body) {
		out.Body = fmt.Sprintf("(%d bytes that are not UTF-8 text)", answer.BodyBytes)
	}
	code := exitOK
	if !out.OK {
		code = exitMismatch
	}
	if flags.asJSON {
		writeJSON(e.stdout, out)
		return code
	}
	printNotes(e, out.Notes)
	for _, h := range out.Resigned {
		fmt.Fprintf(e.stderr, "note: %s signed again for the body sent\n", h)
	}
	more := ""
	if answer.Truncated() {
		more = fmt.Sprintf(" (the first %d of %d bytes)", len(answer.Body), answer.BodyBytes)
	}
	fmt.Fprintf(e.stderr, "sealpeek replay: sent %s %s to %s: %d %s in %.0f ms%s\n", termtext.EscapeControl(req.Method, false),
		sentence(req.Target), sentence(out.URL), answer.Status, http.StatusText(answer.Status), out.MS, more)
	if out.Body != "" {
		fmt.Fprint(e.stdout, termtext.EscapeControl(out.Body, true))
		if !strings.HasSuffix(out.Body, "\n") {
			fmt.Fprintln(e.stdout)
		}
	}
	return code
}

// requestOf is a read capture as a request to send: its method, target,
// headers in their order and body bytes.
func requestOf(c *crypto.Capture) *wire.Request {
	return &wire.Request{Method: c.Method, Target: c.Target, Headers: append([]wire.Header(nil), c.Headers...), Body: c.Body}
}

// keptEvent is a kept request as listen reported it when it arrived.
func keptEvent(k listen.Kept, c *crypto.Capture) *listen.Event {
	return &listen.Event{ReceivedAt: k.ReceivedAt, Method: c.Method, Path: c.Target, Request: requestOf(c), Kept: k.Path}
}

// signatureHeaders are the headers --resign makes again.
var signatureHeaders = []string{"X-Hub-Signature", "X-Body-Signature"}

// resign sets each signature header of req to what its body needs, with
// the secret of the capture's role, and names the headers it set.
func resign(e *env, secrets *secretFlags, c *crypto.Capture, req *wire.Request) ([]string, []crypto.Note, error) {
	var present []string
	for _, name := range signatureHeaders {
		if _, ok := req.Header(name); ok {
			present = append(present, name)
		}
	}
	if len(present) == 0 {
		return nil, nil, errors.New("--resign: the request has no X-Hub-Signature or X-Body-Signature header to sign again")
	}
	secret, notes, err := secrets.signingSecret(e, c.SecretRole())
	if err != nil {
		return nil, nil, err
	}
	for _, name := range present {
		req.Set(name, crypto.SignatureValue(name, secret.Value, req.Body))
	}
	return present, notes, nil
}
