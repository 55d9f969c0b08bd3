package wire

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Sender sends requests to one URL's host with bounded waits. Its zero value
// is not usable: make one with NewSender.
type Sender struct {
	// MaxAnswer is the most of an answer's body kept; the rest is counted.
	MaxAnswer int64
	client    *http.Client
}

// SenderOptions are the waits and the redirect rule of a Sender.
type SenderOptions struct {
	Connect         time.Duration // to connect (and finish TLS); 0: 5 s
	Answer          time.Duration // from the request sent to the whole answer read; 0: 10 s
	FollowRedirects bool          // follow up to 5 redirects; without it a 3xx is the answer
}

// NewSender makes a Sender. Proxies from the environment are not used: only
// the URL given is ever contacted.
func NewSender(o SenderOptions) *Sender {
	if o.Connect <= 0 {
		o.Connect = 5 * time.Second
	}
	if o.Answer <= 0 {
		o.Answer = 10 * time.Second
	}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           (&net.Dialer{Timeout: o.Connect}).DialContext,
		TLSHandshakeTimeout:   o.Connect,
		ResponseHeaderTimeout: o.Answer,
		DisableCompression:    true, // the answer's body is shown as the app wrote it
		MaxIdleConnsPerHost:   4,
	}
	client := &http.Client{Transport: transport, Timeout: o.Connect + o.Answer}
	if !o.FollowRedirects {
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	} else {
		client.CheckRedirect = func(_ *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("stopped after 5 redirects")
			}
			return nil
		}
	}
	return &Sender{MaxAnswer: 1 << 20, client: client}
}

// Answer is what the endpoint answered.
type Answer struct {
	Status    int
	Proto     string
	Headers   []Header // in the order Go's HTTP client gives them: sorted by name
	Body      []byte   // at most the Sender's MaxAnswer bytes
	BodyBytes int64    // the whole body's length, kept or not
	Latency   time.Duration
}

// Truncated reports whether the answer's body was longer than what was kept.
func (a *Answer) Truncated() bool { return a.BodyBytes > int64(len(a.Body)) }

// Send sends req to the URL rawURL: its scheme, host and port say where, its
// path and query are the request target unless rawURL has none, in which
// case req.Target is kept. The body goes byte for byte, with the headers in
// their order, except those that describe a connection. The error is one
// sentence naming the URL and what went wrong.
func (s *Sender) Send(ctx context.Context, rawURL string, req *Request) (*Answer, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if (u.Path == "" || u.Path == "/") && u.RawQuery == "" && req.Target != "" && req.Target != "/" {
		target, err := url.ParseRequestURI(req.Target)
		if err == nil {
			u.Path, u.RawPath, u.RawQuery = target.Path, target.RawPath, target.RawQuery
		}
	}
	method := req.Method
	if method == "" {
		method = http.MethodPost
	}
	hr, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(req.Body))
	if err != nil {
		return nil, fmt.Errorf("cannot send %s to %s: %v", method, Redacted(u), err)
	}
	for _, h := range req.Headers {
		switch {
		case IsHopByHop(h.Name), strings.EqualFold(h.Name, "Content-Length"):
		case strings.EqualFold(h.Name, "Host"):
			// The URL says where the request goes; a Host of the capture's
			// (Intercom's view of the tunnel) would misroute it.
		default:
			hr.Header.Add(h.Name, h.Value)
		}
	}
	hr.ContentLength = int64(len(req.Body))
	start := time.Now()
	resp, err := s.client.Do(hr)
	if err != nil {
		return nil, sendError(u, err)
	}
	defer resp.Body.Close()
	kept, err := io.ReadAll(io.LimitReader(resp.Body, s.MaxAnswer))
	if err != nil {
		return nil, sendError(u, err)
	}
	rest, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return nil, sendError(u, err)
	}
	a := &Answer{Status: resp.StatusCode, Proto: resp.Proto, Body: kept, BodyBytes: int64(len(kept)) + rest, Latency: time.Since(start)}
	for _, name := range sortedKeys(resp.Header) {
		for _, v := range resp.Header[name] {
			a.Headers = append(a.Headers, Header{Name: name, Value: v})
		}
	}
	return a, nil
}

// ParseURL reads the URL of an endpoint: http or https, with a host. The
// error says what is missing.
func ParseURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL: write it as http://host:port/path", rawURL)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q is not an http or https URL: write it as http://host:port/path", Redacted(u))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%q names no host: write it as http://host:port/path", Redacted(u))
	}
	return u, nil
}

// Redacted is the URL with any password hidden, as it may be shown.
func Redacted(u *url.URL) string { return u.Redacted() }

// sendError says in one sentence why a request did not get an answer.
func sendError(u *url.URL, err error) error {
	where := Redacted(u)
	var netErr net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("sending to %s was cancelled", where)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("cannot reach %s: the connection was refused (is the app running, on that port?)", where)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("no answer from %s in time: the connection or the answer took too long", where)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("cannot reach %s: the host %s is not known", where, dnsErr.Name)
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return fmt.Errorf("cannot reach %s: %v", where, err)
}

func sortedKeys(h http.Header) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
