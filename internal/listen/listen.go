// Package listen is the server of 'sealpeek listen': it takes each request
// sent to it byte for byte, keeps it as a raw HTTP/1.1 file, has it verified,
// forwards it to the developer's app when asked and relays the app's answer,
// and reports each request, in the order they arrived, to the caller. It
// knows nothing of secrets: verifying is the caller's Verify.
package listen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sealpeek/sealpeek/internal/wire"
)

// MaxBody is the largest body kept: a bigger one is answered 413.
const MaxBody = 16 << 20

// DefaultAddr is where listen binds unless told otherwise: loopback only.
const DefaultAddr = "127.0.0.1:8788"

// Options say how the server answers, where it keeps requests, and what it
// does with each.
type Options struct {
	// Status is the answer to a request when nothing is forwarded; 0 is 200.
	Status int
	// Keep is the folder requests are kept in; "" keeps nothing.
	Keep string
	// ForwardTo is the app's URL each request is passed to, "" for none.
	ForwardTo string
	// Sender forwards; nil makes one with wire's bounded waits.
	Sender *wire.Sender
	// Verify checks a request as received; what it returns is carried in
	// the Event. It is called for every request kept, concurrently.
	Verify func(req *wire.Request) any
	// Prepare is given each request's Event once it is answered, in the
	// request's own goroutine (concurrently): what it sets in ev.Prepared,
	// such as the line to print, is for Report.
	Prepare func(ev *Event)
	// Report is given each request's Event, one call at a time, in the
	// order the requests arrived.
	Report func(ev *Event)
	// MaxBody is the largest body taken; 0 is MaxBody.
	MaxBody int64
	// Timeouts; 0 takes the defaults (10 s for headers, 60 s to read a
	// whole request, 120 s idle).
	ReadHeaderTimeout, ReadTimeout, IdleTimeout time.Duration
	// Now is the clock, time.Now when nil.
	Now func() time.Time
}

// Event is what happened to one request.
type Event struct {
	Seq        uint64 // 1 for the first request of the run
	ReceivedAt time.Time
	Method     string
	Path       string        // the request target, as received
	Request    *wire.Request // nil when it could not be taken (TooLarge, Err)
	Raw        []byte        // Request as the raw HTTP/1.1 file kept (wire.Request.Raw)
	Kept       string        // the file it was kept in, "" when not kept
	KeepErr    error         // why it could not be kept
	Verdict    any           // what Options.Verify returned
	App        *App          // the app's answer when forwarding
	Status     int           // what the sender was answered
	TooLarge   bool          // refused: the body is over the limit
	Err        error         // the request could not be read
	Prepared   any           // what Options.Prepare made of it
}

// App is the answer of the app a request was forwarded to.
type App struct {
	Status    int
	Latency   time.Duration
	Body      []byte // at most the Sender's MaxAnswer bytes
	BodyBytes int64
	Err       error // it could not be reached or did not answer
	headers   []wire.Header
}

// Server is a listen server; make it with New.
type Server struct {
	o     Options
	seq   atomic.Uint64
	order ordered
	http  *http.Server
}

// New makes a server from o.
func New(o Options) *Server {
	if o.Status == 0 {
		o.Status = http.StatusOK
	}
	if o.MaxBody <= 0 {
		o.MaxBody = MaxBody
	}
	if o.Sender == nil && o.ForwardTo != "" {
		o.Sender = wire.NewSender(wire.SenderOptions{})
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{o: o}
	s.order.report = o.Report
	s.http = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: orDefault(o.ReadHeaderTimeout, 10*time.Second),
		ReadTimeout:       orDefault(o.ReadTimeout, 60*time.Second),
		IdleTimeout:       orDefault(o.IdleTimeout, 120*time.Second),
		MaxHeaderBytes:    1 << 20,
		// What net/http would log (a client that hung up, a bad TLS
		// hello) would land on the terminal UI's screen: each request's
		// own troubles are in its Event.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	return s
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Serve answers the requests l accepts until ctx is done, then stops
// accepting and waits up to grace for the requests in flight to be
// answered, kept and reported.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- s.http.Serve(l) }()
	select {
	case err := <-done:
		return fmt.Errorf("stopped listening on %s: %v", l.Addr(), err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := s.http.Shutdown(shutdown)
	<-done
	if err != nil {
		return fmt.Errorf("requests still in flight after %s were cut short", grace)
	}
	return nil
}

// ServeHTTP takes one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	seq := s.seq.Add(1)
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		// Intercom checks a webhook URL with a HEAD request.
		s.order.done(seq, nil)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			io.WriteString(w, "sealpeek is listening: send webhooks here with POST\n")
		}
		return
	}
	ev := &Event{Seq: seq, ReceivedAt: s.o.Now(), Method: r.Method, Path: r.RequestURI}
	defer func() {
		if s.o.Prepare != nil {
			s.o.Prepare(ev)
		}
		s.order.done(seq, ev)
	}()
	req, err := wire.Received(r, s.o.MaxBody)
	switch {
	case errors.Is(err, wire.ErrTooLarge):
		ev.TooLarge, ev.Err, ev.Status = true, fmt.Errorf("the body is over %d MiB, which sealpeek does not take: answered 413", s.o.MaxBody>>20), http.StatusRequestEntityTooLarge
		w.Header().Set("Connection", "close")
		http.Error(w, "the body is over the limit sealpeek takes", ev.Status)
		return
	case err != nil:
		ev.Err, ev.Status = err, http.StatusBadRequest
		http.Error(w, "the request could not be read", ev.Status)
		return
	}
	ev.Request, ev.Raw = req, req.Raw()
	if s.o.ForwardTo == "" {
		ev.Status = s.o.Status
		if ev.Status != http.StatusNoContent && ev.Status != http.StatusNotModified {
			// Whole once flushed: no chunk to end when the handler returns.
			w.Header().Set("Content-Length", "0")
		}
		w.WriteHeader(ev.Status)
	} else {
		ev.App = s.forward(r.Context(), req)
		ev.Status = relay(w, ev.App)
	}
	// The sender has its answer now, instead of when this handler returns:
	// keeping, verifying and the line made of it are for the report, and
	// the sender's next request on this connection, as Shutdown, waits for
	// them.
	http.NewResponseController(w).Flush()
	if s.o.Keep != "" {
		ev.Kept, ev.KeepErr = Keep(s.o.Keep, ev.ReceivedAt, seq, ev.Raw)
	}
	if s.o.Verify != nil {
		ev.Verdict = s.o.Verify(req)
	}
}

// forward passes the request to the app and takes its answer.
func (s *Server) forward(ctx context.Context, req *wire.Request) *App {
	a, err := s.o.Sender.Send(ctx, s.o.ForwardTo, req)
	if err != nil {
		return &App{Err: err}
	}
	app := &App{Status: a.Status, Latency: a.Latency, Body: a.Body, BodyBytes: a.BodyBytes}
	app.headers = a.Headers
	return app
}

// relay answers the sender with the app's answer (its connection headers
// left out), or 502 when the app gave none; it returns the status sent.
func relay(w http.ResponseWriter, a *App) int {
	if a.Err != nil {
		http.Error(w, "sealpeek could not forward this request to the app: "+a.Err.Error(), http.StatusBadGateway)
		return http.StatusBadGateway
	}
	for _, h := range a.headers {
		if !wire.IsHopByHop(h.Name) && h.Name != "Content-Length" {
			w.Header().Add(h.Name, h.Value)
		}
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(a.Status)
	w.Write(a.Body)
	return a.Status
}

// ordered reports events in the order their requests arrived, each once
// every earlier one is done.
type ordered struct {
	mu      sync.Mutex
	next    uint64
	pending map[uint64]*Event
	report  func(*Event)
}

// done records that request seq is finished (ev nil: nothing to report)
// and reports every event now due.
func (o *ordered) done(seq uint64, ev *Event) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.pending == nil {
		o.pending, o.next = map[uint64]*Event{}, 1
	}
	o.pending[seq] = ev
	for {
		e, ok := o.pending[o.next]
		if !ok {
			return
		}
		delete(o.pending, o.next)
		o.next++
		if e != nil && o.report != nil {
			o.report(e)
		}
	}
}
