// Package wire carries requests over HTTP for sealpeek's verbs that talk to
// a network: it writes a request as the raw HTTP/1.1 file the readers read
// back byte for byte, sends one to a URL with bounded waits and no redirect
// followed unless asked, and takes one received by a server as it came. It
// knows nothing of secrets or signatures: what is sent is signed before.
package wire

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// Header is one header as sent or received, in its order.
type Header = reader.Header

// Request is one HTTP request: the body is kept byte for byte, because a
// signature is over those bytes, and the headers in the order they came.
type Request struct {
	Method  string
	Target  string // the request target: a path and query, "/" when empty
	Headers []Header
	Body    []byte
}

// Header returns the value of the first header named name, compared
// case-insensitively as HTTP does.
func (r *Request) Header(name string) (string, bool) { return reader.HeaderValue(r.Headers, name) }

// Set gives the header named name the value: the first of that name keeps
// its place, the others are dropped; without one it is added at the end.
func (r *Request) Set(name, value string) {
	first := slices.IndexFunc(r.Headers, func(h Header) bool { return strings.EqualFold(h.Name, name) })
	if first < 0 {
		r.Headers = append(r.Headers, Header{Name: name, Value: value})
		return
	}
	r.Headers[first].Value = value
	rest := slices.DeleteFunc(r.Headers[first+1:], func(h Header) bool { return strings.EqualFold(h.Name, name) })
	r.Headers = r.Headers[:first+1+len(rest)]
}

// Del drops every header named name.
func (r *Request) Del(name string) {
	r.Headers = slices.DeleteFunc(r.Headers, func(h Header) bool { return strings.EqualFold(h.Name, name) })
}

// Raw writes the request as an HTTP/1.1 file: request line, headers, a blank
// line, the body byte for byte, CRLF line ends. Content-Length is made to
// say the body's length and Transfer-Encoding dropped, so that the file,
// read back by sealpeek or sent as is, means this body and no other.
func (r *Request) Raw() []byte {
	var b bytes.Buffer
	b.Grow(len(r.Body) + 256)
	method, target := r.Method, r.Target
	if method == "" {
		method = http.MethodPost
	}
	if target == "" {
		target = "/"
	}
	b.WriteString(method + " " + target + " HTTP/1.1\r\n")
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, "Content-Length") || strings.EqualFold(h.Name, "Transfer-Encoding") {
			continue
		}
		b.WriteString(h.Name + ": " + h.Value + "\r\n")
	}
	if len(r.Body) > 0 || method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		b.WriteString("Content-Length: " + strconv.Itoa(len(r.Body)) + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(r.Body)
	return b.Bytes()
}

// hopByHop are the headers that describe one connection, not the request,
// and are never passed on (RFC 9110, section 7.6.1).
var hopByHop = []string{"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
	"Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade"}

// IsHopByHop reports whether the header named name describes a connection
// rather than the request, so a forwarder drops it.
func IsHopByHop(name string) bool {
	for _, h := range hopByHop {
		if strings.EqualFold(h, name) {
			return true
		}
	}
	return false
}
