package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/listen"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// listenFlags are the flags of 'sealpeek listen'.
type listenFlags struct {
	secrets   secretFlags
	lang      langFlag
	addr      string
	status    int
	keep      string
	noKeep    bool
	forwardTo string
	asJSON    bool
	statusSet bool // --status was given
}

// listenGrace is how long ctrl+c waits for the requests in flight.
const listenGrace = 30 * time.Second

// newListenCmd is 'sealpeek listen'.
func newListenCmd(e *env) *cobra.Command {
	var flags listenFlags
	cmd := &cobra.Command{
		Use:   "listen [flags]",
		Short: "receive webhooks and Canvas Kit requests live, keep each byte for byte and verify it as it lands",
		Long: "Listens on " + listen.DefaultAddr + " (--addr) for the requests Intercom sends: each POST is kept byte\n" +
			"for byte as a raw HTTP file (the format 'sealpeek FILE' and 'verify FILE' read) and verified at\n" +
			"once with the profiles, as 'verify' does. HEAD and GET are answered 200, as Intercom checks a\n" +
			"webhook URL with HEAD. Expose it with a tunnel (ngrok, cloudflared, ssh -R) and give Intercom that URL.\n\n" +
			"With --forward-to each request is passed on, body and headers as received, to your app, whose\n" +
			"answer goes back to the sender; a 4xx to a request that verifies (app_rejected_valid) or a 2xx to\n" +
			"one that does not (app_accepted_invalid) is said. Without it every request is answered --status.\n" +
			"The sender is answered first; its request is kept and verified then.\n\n" +
			"Requests are kept in $XDG_STATE_HOME/sealpeek/captures (else ~/.local/state/sealpeek/captures),\n" +
			"private to you; 'sealpeek history' lists them, 'sealpeek replay FILE --to URL' sends one again.\n" +
			"Bodies over 16 MiB are answered 413. Ctrl+C stops, finishing the requests in flight.\n\n" +
			"On a terminal the UI opens on a Requests pane, newest first: enter shows a request in the usual\n" +
			"panes, e opens it in the input to edit, r sends it again. With --json, or when standard output is\n" +
			"not a terminal, one JSON object a line per request: what 'verify --json' prints for it, with\n" +
			"received_at, method, path, kept (the file), answered (the status sent back) and, when\n" +
			"forwarding, app (status, ms, body).\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 stopped with ctrl+c; 2 a flag is wrong, there is no secret, or the address cannot be listened on.",
		Example: `sealpeek listen
# in another terminal: a tunnel to it, whose https URL you give Intercom
ngrok http 8788
# pass each request on to your app, and see what it answers
sealpeek listen --forward-to http://localhost:3000/webhooks
# for scripts: one JSON object a line
sealpeek listen --json | jq -c '{path, ok, codes: [.diagnoses[].code]}'`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			flags.statusSet = cmd.Flags().Changed("status")
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return exit(runListen(ctx, e, &flags, nil))
		},
	}
	fs := cmd.Flags()
	flags.secrets.register(fs)
	fs.StringVar(&flags.addr, "addr", listen.DefaultAddr, "listen on ADDR (host:port); an address other than loopback is reachable by others, and warned about")
	fs.IntVar(&flags.status, "status", 200, "answer each request with STATUS when not forwarding")
	fs.StringVar(&flags.keep, "keep", "", "keep the requests in DIR (default: $XDG_STATE_HOME/sealpeek/captures)")
	fs.BoolVar(&flags.noKeep, "no-keep", false, "keep no request on disk")
	fs.StringVar(&flags.forwardTo, "forward-to", "", "pass each request on to URL (your app) and relay its answer")
	fs.BoolVar(&flags.asJSON, "json", false, "print one JSON object a line per request, even on a terminal")
	fs.Var(&flags.lang, "lang", langFlagHelp)
	return cmd
}

// listenSetup is what a run of listen resolved from its flags.
type listenSetup struct {
	keep      string
	forwardTo string
	rings     *roleKeyrings
	langs     fixLangs
}

// checkListenFlags resolves the flags, or says which one is wrong.
func checkListenFlags(e *env, flags *listenFlags) (*listenSetup, error) {
	s := &listenSetup{rings: &roleKeyrings{e: e, secrets: &flags.secrets}, langs: newFixLangs(e, flags.lang, &flags.secrets)}
	if _, _, err := net.SplitHostPort(flags.addr); err != nil {
		return nil, usageError{fmt.Sprintf("--addr %q is not host:port, e.g. 127.0.0.1:8788", flags.addr)}
	}
	if flags.status < 200 || flags.status > 599 {
		return nil, usageError{fmt.Sprintf("--status %d is not an HTTP status from 200 to 599", flags.status)}
	}
	if flags.statusSet && flags.forwardTo != "" {
		return nil, usageError{"give --status or --forward-to, not both: when forwarding, the sender gets the app's answer"}
	}
	if flags.keep != "" && flags.noKeep {
		return nil, usageError{"give --keep DIR or --no-keep, not both"}
	}
	if flags.forwardTo != "" {
		if _, err := wire.ParseURL(flags.forwardTo); err != nil {
			return nil, usageError{"--forward-to " + err.Error()}
		}
		s.forwardTo = flags.forwardTo
	}
	switch {
	case flags.noKeep:
	case flags.keep != "":
		s.keep = flags.keep
	default:
		dir, err := listen.DefaultDir(e.getenv)
		if err != nil {
			return nil, err
		}
		s.keep = dir
	}
	// Webhooks and Canvas Kit requests are checked with the OAuth client
	// secret: with none, nothing could be verified.
	if k := s.rings.get(crypto.RoleOAuth); k.err != nil {
		return nil, k.err
	}
	return s, nil
}

// runListen listens until ctx is done. ready, when set, is told the URL
// listened on (tests listen on port 0).
func runListen(ctx context.Context, e *env, flags *listenFlags, ready func(url string)) int {
	s, err := checkListenFlags(e, flags)
	if err != nil {
		return fail(e, "listen", err)
	}
	l, err := net.Listen("tcp", flags.addr)
	if err != nil {
		return fail(e, "listen", listenError(flags.addr, err))
	}
	if !flags.asJSON && stdoutIsTerminal(e) {
		return listenUI(ctx, e, flags, s, l, listenURL(flags.addr, l))
	}
	url := listenURL(flags.addr, l)
	addr := strings.TrimPrefix(url, "http://")
	if !isLoopback(l.Addr()) {
		fmt.Fprintf(e.stderr, "sealpeek listen: warning: %s is reachable from other machines, not only this one; anyone who can reach it can send requests that are kept and forwarded\n", addr)
	}
	where := "keeping no request (--no-keep)"
	if s.keep != "" {
		where = "keeping requests in " + s.keep
		if err := os.MkdirAll(s.keep, 0o700); err != nil {
			fmt.Fprintf(e.stderr, "sealpeek listen: warning: cannot make %s (%v): requests are answered and verified but not kept\n", s.keep, errors.Unwrap(err))
		}
	}
	if s.forwardTo != "" {
		where += "; forwarding to " + redactedURL(s.forwardTo)
	}
	fmt.Fprintf(e.stderr, "sealpeek listen: listening on %s; %s; ctrl+c stops\n", url, termtext.EscapeControl(where, false))
	if ready != nil {
		ready(url)
	}
	// Without a terminal (or with --json): one JSON line a request, each
	// made in its request's goroutine and written whole, in order.
	srv := listen.New(listen.Options{
		Status:    flags.status,
		Keep:      s.keep,
		ForwardTo: s.forwardTo,
		Verify:    s.verify,
		Prepare:   func(ev *listen.Event) { ev.Prepared = ndjsonLine(s.record(ev)) },
		Report:    func(ev *listen.Event) { e.stdout.Write(ev.Prepared.([]byte)) },
	})
	if err := srv.Serve(ctx, l, listenGrace); err != nil {
		return fail(e, "listen", err)
	}
	fmt.Fprintln(e.stderr, "sealpeek listen: stopped")
	return exitOK
}

// listenURL is the URL listened on: the address as given, with the port
// listened on (--addr :0).
func listenURL(addr string, l net.Listener) string {
	host, _, _ := net.SplitHostPort(addr)
	if host == "" {
		host = "0.0.0.0"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
}

// redactedURL is a URL checked by wire.ParseURL, its password hidden.
func redactedURL(raw string) string {
	if u, err := wire.ParseURL(raw); err == nil {
		return wire.Redacted(u)
	}
	return raw
}

// listenError says why addr cannot be listened on.
func listenError(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("cannot listen on %s: another program already listens there; stop it or choose another --addr", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("cannot listen on %s: a port below 1024 needs privileges; choose another --addr", addr)
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		err = opErr.Err
	}
	return fmt.Errorf("cannot listen on %s: %v", addr, err)
}

// isLoopback reports whether a listened address is reachable from this
// machine only.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// listenVerdict is what verifying one received request gave.
type listenVerdict struct {
	report *crypto.CaptureReport
	k      *resolvedKeyring
}

// verify checks a received request as 'verify' checks the same bytes in a
// file.
func (s *listenSetup) verify(req *wire.Request) any {
	capture, readErr := crypto.ReadCapture(req.Raw(), nil)
	report, k := s.rings.verify(capture, readErr, time.Now())
	return &listenVerdict{report: report, k: k}
}

// listenRecord is one request's line of 'listen --json': the object
// 'verify --json' prints for it, and what listen did with it.
type listenRecord struct {
	captureResult
	ReceivedAt time.Time `json:"received_at"`
	Method     string    `json:"method"`
	Path       string    `json:"path"`
	Kept       string    `json:"kept,omitempty"`
	KeepError  string    `json:"keep_error,omitempty"`
	Answered   int       `json:"answered,omitempty"`
	App        *appJSON  `json:"app,omitempty"`
}

// appJSON is the app's answer to a forwarded request.
type appJSON struct {
	Status    int     `json:"status,omitempty"`
	MS        float64 `json:"ms"`
	Body      string  `json:"body,omitempty"`
	BodyBytes int64   `json:"body_bytes"`
	Error     string  `json:"error,omitempty"`
}

// appBodyShown is how much of the app's answer a record carries.
const appBodyShown = 4096

// record is ev as listen reports it, with the app's answer compared with
// the verdict.
func (s *listenSetup) record(ev *listen.Event) listenRecord {
	rec := listenRecord{ReceivedAt: ev.ReceivedAt.UTC(), Method: ev.Method, Path: ev.Path, Kept: ev.Kept, Answered: ev.Status}
	if ev.KeepErr != nil {
		rec.KeepError = ev.KeepErr.Error()
	}
	if a := ev.App; a != nil {
		rec.App = &appJSON{Status: a.Status, MS: float64(a.Latency.Microseconds()) / 1000, BodyBytes: a.BodyBytes}
		if a.Err != nil {
			rec.App.Error = a.Err.Error()
		}
		body := a.Body[:min(len(a.Body), appBodyShown)]
		if utf8.Valid(body) {
			rec.App.Body = string(body)
		}
	}
	v, _ := ev.Verdict.(*listenVerdict)
	switch {
	case ev.Err != nil:
		rec.captureResult = captureResult{Signatures: []signatureJSON{}, Notes: []crypto.Note{}, Diagnoses: []diagnosisOut{}, Error: ev.Err.Error()}
	case v == nil || v.k.err != nil:
		msg := "the request was not verified"
		if v != nil {
			msg = v.k.err.Error()
		}
		rec.captureResult = captureResult{Signatures: []signatureJSON{}, Notes: []crypto.Note{}, Diagnoses: []diagnosisOut{}, Error: msg}
	default:
		if ev.App != nil && ev.App.Err == nil {
			if d, ok := crypto.DiagnoseAppAnswer(v.report, ev.App.Status); ok {
				// The app's answer is the news: it comes first.
				v.report.Diagnoses = append([]crypto.Diagnosis{d}, v.report.Diagnoses...)
			}
		}
		rec.captureResult = newCaptureResult(v.report, v.k.ring, v.k.notes, s.langs)
	}
	return rec
}

// ndjsonLine is v as one line of JSON, made inert for terminals.
func ndjsonLine(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Appendf(nil, "{\"ok\":false,\"error\":%q}\n", err.Error())
	}
	return termtext.EscapeJSON(buf.Bytes())
}

// listenLine is a kept request's line for people ('history'): when, what,
// the verdict, the app's answer, where it was kept.
func listenLine(ev *listen.Event, rec listenRecord, layout string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s %s", ev.ReceivedAt.Local().Format(layout), termtext.EscapeControl(ev.Method, false), sentence(ev.Path))
	if ev.Request != nil {
		what := string(rec.Kind)
		if topic := crypto.NotificationTopic(ev.Request.Body); topic != "" {
			what += " " + topic
		}
		fmt.Fprintf(&b, "  %s", sentence(what))
	}
	switch {
	case rec.OK:
		b.WriteString("  ✓ verified")
	case len(rec.Diagnoses) > 0:
		fmt.Fprintf(&b, "  ✗ %s: %s", rec.Diagnoses[0].Code, sentence(rec.Diagnoses[0].Message))
	default:
		fmt.Fprintf(&b, "  ✗ %s", sentence(rec.Error))
	}
	if rec.App != nil {
		if rec.App.Error != "" {
			fmt.Fprintf(&b, "  app: %s", sentence(rec.App.Error))
		} else {
			fmt.Fprintf(&b, "  app %d in %.0f ms", rec.App.Status, rec.App.MS)
		}
	}
	if rec.Kept != "" {
		fmt.Fprintf(&b, "  kept %s", termtext.EscapeControl(rec.Kept, false))
	}
	if rec.KeepError != "" {
		fmt.Fprintf(&b, "  (%s)", sentence(rec.KeepError))
	}
	b.WriteString("\n")
	return b.String()
}

// stdoutIsTerminal reports whether standard output is a terminal.
func stdoutIsTerminal(e *env) bool {
	f, ok := e.stdout.(*os.File)
	return ok && isTerminal(f)
}
