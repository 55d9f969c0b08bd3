package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/listen"
	"github.com/sealpeek/sealpeek/internal/wire"
	"github.com/sealpeek/sealpeek/ui"
)

// listenFeed is how many received requests wait for the UI before the
// listener waits for it: the UI takes up to 256 a message, and each holds
// its bytes.
const listenFeed = 256

// listenUI listens with the terminal UI open on its Requests pane, until
// the UI is quit; then the requests in flight are finished.
func listenUI(ctx context.Context, e *env, flags *listenFlags, s *listenSetup, l net.Listener, url string) int {
	opts, err := tuiOptions(e, &tuiFlags{secrets: flags.secrets, lang: flags.lang, role: string(crypto.RoleOAuth)}, nil)
	if err != nil {
		l.Close()
		return fail(e, "listen", err)
	}
	feed, quit := make(chan ui.Received, listenFeed), make(chan struct{})
	opts.Requests, opts.Listening = feed, url
	target := url
	if s.forwardTo != "" {
		target = s.forwardTo
	}
	opts.Replay = replayTo(target)
	if s.keep != "" {
		if err := os.MkdirAll(s.keep, 0o700); err != nil {
			opts.Notice = fmt.Sprintf("warning: cannot make %s (%v): requests are answered and verified but not kept", s.keep, errors.Unwrap(err))
		}
	}
	if !isLoopback(l.Addr()) {
		opts.Notice = "warning: " + url + " is reachable from other machines, not only this one"
	}
	serving, stop := context.WithCancel(ctx)
	defer stop()
	srv := listen.New(listen.Options{
		Status:    flags.status,
		Keep:      s.keep,
		ForwardTo: s.forwardTo,
		Verify:    s.verify,
		Prepare:   func(ev *listen.Event) { ev.Prepared = receivedOf(ev, s.record(ev)) },
		Report: func(ev *listen.Event) {
			select {
			case feed <- ev.Prepared.(ui.Received):
			case <-quit: // the UI is gone: nobody reads the feed
			}
		},
	})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(serving, l, listenGrace) }()
	code := runProgram(e, opts)
	close(quit)
	stop()
	if err := <-served; err != nil {
		printError(e, "listen", err)
	}
	fmt.Fprintln(e.stderr, "sealpeek listen: stopped")
	return code
}

// receivedOf is a request as the Requests pane lists it.
func receivedOf(ev *listen.Event, rec listenRecord) ui.Received {
	r := ui.Received{At: ev.ReceivedAt, Method: ev.Method, Path: ev.Path, Kind: string(rec.Kind), OK: rec.OK, Raw: ev.Raw, Kept: ev.Kept}
	if ev.Request != nil {
		r.Topic = crypto.NotificationTopic(ev.Request.Body)
	}
	switch {
	case rec.OK && len(rec.Diagnoses) > 0 && rec.Diagnoses[0].Severity != crypto.SeverityInfo:
		r.Verdict = "verified; " + string(rec.Diagnoses[0].Code) // the app's answer says otherwise
	case rec.OK:
		r.Verdict = "verified"
	case len(rec.Diagnoses) > 0:
		r.Verdict = string(rec.Diagnoses[0].Code)
	default:
		r.Verdict = "not verified"
	}
	if a := rec.App; a != nil {
		r.AppStatus, r.AppError = a.Status, a.Error
	}
	switch {
	case ev.Err != nil:
		r.Problem = ev.Err.Error()
	case ev.KeepErr != nil:
		r.Problem = ev.KeepErr.Error()
	}
	return r
}

// replayTo sends a received request again to url, and says what it answered.
func replayTo(url string) func(raw []byte) (string, error) {
	sender := wire.NewSender(wire.SenderOptions{})
	return func(raw []byte) (string, error) {
		c, err := crypto.ReadCapture(raw, nil)
		if err != nil {
			return "", err
		}
		a, err := sender.Send(context.Background(), url, requestOf(c))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("to %s: %d %s in %.0f ms", redactedURL(url), a.Status, http.StatusText(a.Status), float64(a.Latency.Microseconds())/1000), nil
	}
}
