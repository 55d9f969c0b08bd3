// Package reader reads what people paste into sealpeek: HTTP requests as
// captured or copied from an inspector, curl commands, chunked bodies,
// JavaScript object literals and JSON. It knows nothing of keys or
// signatures; it finds the bytes that were signed and says how it found them.
package reader

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Format is the shape a paste was read in.
type Format string

// Formats a paste can be read in.
const (
	FormatHTTPRequest    Format = "http request"     // request line, headers, blank line, body
	FormatHeadersAndBody Format = "headers and body" // as copied from a browser's or tunnel's inspector
	FormatBody           Format = "body"             // the body alone; headers, if any, given separately
	FormatJavaScript     Format = "javascript"       // an intercomSettings or Intercom('boot', …) snippet
	FormatJWT            Format = "jwt"              // a bare Messenger JWT
	FormatCurl           Format = "curl command"     // "Copy as cURL" from a browser's or tunnel's inspector
)

// Header is one header line as received: its name as spelled, its value
// with the surrounding whitespace removed, and the 1-based line it was on
// (0 for a header given separately).
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Line  int    `json:"line,omitempty"`
}

// Note is something the reader did to the paste that changes which bytes
// are checked, such as cutting the body at its Content-Length. Code is a
// diagnosis code of the engine's code book.
type Note struct {
	Code    string
	Message string
}

// Error says what in a paste could not be read, and where. Code is a
// diagnosis code of the engine's code book.
type Error struct {
	Code   string
	Field  string // what was being read: "input", "snippet", "curl command"
	Offset int    // byte offset into Field, or -1
	Length int    // the length at fault, or -1
	Reason string // the whole sentence
}

// Error returns the reason: one sentence for people.
func (e *Error) Error() string { return e.Reason }

// Request is what was found in a paste. The body is kept byte for byte as
// received: signatures are over those bytes.
type Request struct {
	Format     Format
	Method     string // from the request line, "" without one
	Target     string
	Proto      string
	Headers    []Header
	Body       []byte
	BodyOffset int // where Body starts in the input, -1 when it is not a slice of it
	Notes      []Note
}

// Header returns the value of the first header named name, compared
// case-insensitively as HTTP does.
func (r *Request) Header(name string) (string, bool) { return HeaderValue(r.Headers, name) }

// HeaderValue returns the value of the first of headers named name,
// compared case-insensitively as HTTP does.
func HeaderValue(headers []Header, name string) (string, bool) {
	for _, h := range headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

func (r *Request) note(code, format string, args ...any) {
	r.Notes = append(r.Notes, Note{Code: code, Message: fmt.Sprintf(format, args...)})
}

// Read finds the parts of a paste: a raw HTTP/1.1 request (CRLF or LF line
// endings), headers and a body as an inspector shows them, a curl command,
// a bare JWT, or a body alone. extra headers (given separately) replace any
// of the same name in the paste. The body is cut at its Content-Length and
// joined when chunked. The error, when not nil, is an *Error; the Request is
// returned with what was read anyway.
func Read(input []byte, extra []Header) (*Request, error) {
	r := &Request{Format: FormatBody, BodyOffset: 0}
	if len(bytes.TrimSpace(input)) == 0 {
		r.Body = input
		return r, &Error{Code: "empty_input", Field: "input", Offset: -1, Length: 0,
			Reason: "the input is empty: paste a captured request, a body, an intercomSettings snippet or a JWT"}
	}
	first := lineAt(input, 0, 1)
	for first.end < len(input) && strings.TrimSpace(first.text) == "" {
		first = lineAt(input, first.end, first.number+1) // blank lines pasted before a request are not part of it
	}
	switch {
	case len(extra) == 0 && LooksLikeJWT(input):
		r.Format, r.Body = FormatJWT, input
		return r, nil
	case isCurlCommand(string(input)):
		if err := r.readCurl(string(input)); err != nil {
			r.Body = input
			return r, err
		}
	case isRequestLine(first.text):
		r.Format = FormatHTTPRequest
		r.Method, r.Target, r.Proto = parseRequestLine(first.text)
		if err := r.readHeaders(input, first.end, first.number+1); err != nil {
			r.Headers, r.Body, r.BodyOffset = nil, input, 0
			return r, err
		}
	case isHeaderLine(first.text):
		r.Format = FormatHeadersAndBody
		if err := r.readHeaders(input, first.start, first.number); err != nil {
			r.Headers, r.Body, r.BodyOffset = nil, input, 0
			return r, err
		}
	default:
		r.Body = input
	}
	r.addHeaders(extra)
	r.fitContentLength()
	r.dechunk()
	return r, nil
}

// line is one line of the input: its text without the line ending, where it
// starts, where the next line starts, and its number.
type line struct {
	text       string
	start, end int
	number     int // 1-based
}

// lineAt reads the line that starts at input[start] and ends in "\n",
// "\r\n" or the end of the input. Lines are read one at a time, as far as
// the headers go: a body of many lines is never cut into them.
func lineAt(input []byte, start, number int) line {
	end := len(input)
	if i := bytes.IndexByte(input[start:], '\n'); i >= 0 {
		end = start + i + 1
	}
	text := strings.TrimSuffix(strings.TrimSuffix(string(input[start:end]), "\n"), "\r")
	return line{text: text, start: start, end: end, number: number}
}

// Bounds on a request's headers. A request from Intercom has about fifteen
// headers in a few KiB; these leave room for any inspector's additions and
// keep a paste of millions of header lines from costing many times its size.
const (
	MaxHeaders     = 1000
	MaxHeaderBytes = 4 << 20
)

// tooManyHeaders is the refusal of a header section past the bounds.
func tooManyHeaders(what string, number int) *Error {
	return &Error{Code: "input_invalid", Field: "headers", Offset: -1, Length: -1,
		Reason: fmt.Sprintf("the headers go past %s at line %d; sealpeek reads at most %d headers in %d MiB: paste only the request to inspect",
			what, number, MaxHeaders, MaxHeaderBytes>>20)}
}

// readHeaders reads header lines until the blank line; the body is every
// byte after it, untouched. A line that is not a header also ends the
// headers: inspectors sometimes drop the blank line.
func (r *Request) readHeaders(input []byte, start, number int) error {
	r.BodyOffset = len(input)
	// Folded lines are joined in one growing buffer: adding each to the
	// value in turn copied the value again for every line, and keeping
	// each line apart cost a string header per few bytes.
	var folded strings.Builder
	unfold := func() {
		if folded.Len() > 0 {
			r.Headers[len(r.Headers)-1].Value = folded.String()
			folded = strings.Builder{}
		}
	}
	defer unfold()
	for at := start; at < len(input); {
		l := lineAt(input, at, number)
		at, number = l.end, number+1
		if l.end-start > MaxHeaderBytes {
			return tooManyHeaders(fmt.Sprintf("%d MiB", MaxHeaderBytes>>20), l.number)
		}
		if strings.TrimSpace(l.text) == "" {
			r.BodyOffset = l.end
			break
		}
		if (l.text[0] == ' ' || l.text[0] == '\t') && len(r.Headers) > 0 {
			// An obsolete folded continuation of the previous header.
			if folded.Len() == 0 {
				folded.WriteString(r.Headers[len(r.Headers)-1].Value)
			}
			if folded.Len() > 0 {
				folded.WriteByte(' ')
			}
			folded.WriteString(strings.TrimSpace(l.text))
			continue
		}
		unfold()
		name, value, ok := SplitHeaderLine(l.text)
		if !ok {
			r.BodyOffset = l.start
			r.note("no_blank_line", "line %d is not a header, so the body was taken to start there (no blank line after the headers)", l.number)
			break
		}
		if len(r.Headers) == MaxHeaders {
			return tooManyHeaders(fmt.Sprintf("%d headers", MaxHeaders), l.number)
		}
		r.Headers = append(r.Headers, Header{Name: name, Value: value, Line: l.number})
	}
	r.Body = input[r.BodyOffset:]
	return nil
}

// addHeaders puts headers given separately in place of those of the same name.
func (r *Request) addHeaders(extra []Header) {
	for _, h := range extra {
		kept := r.Headers[:0]
		for _, old := range r.Headers {
			if strings.EqualFold(old.Name, h.Name) {
				r.note("header_replaced", "the %s given separately replaces the one on line %d", h.Name, old.Line)
				continue
			}
			kept = append(kept, old)
		}
		r.Headers = append(kept, h)
	}
}

// fitContentLength cuts what follows the Content-Length (an editor's final
// newline, the next request in a log) and says so; a body shorter than it was
// cut when copied, which is worth a note too.
func (r *Request) fitContentLength() {
	value, ok := r.Header("Content-Length")
	if !ok || r.BodyOffset < 0 {
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil || n < 0 {
		return
	}
	switch {
	case len(r.Body) > n:
		r.note("body_trimmed", "kept the %d bytes the Content-Length announces and left out the %d after them (%s)", n, len(r.Body)-n, describeExtra(r.Body[n:]))
		r.Body = r.Body[:n]
	case len(r.Body) < n:
		r.note("body_short", "the body is %d bytes but the Content-Length announces %d: it was probably cut when copied", len(r.Body), n)
	}
}

// describeExtra says what the bytes past the Content-Length look like.
func describeExtra(b []byte) string {
	if len(bytes.TrimSpace(b)) == 0 {
		return "only whitespace, such as the newline an editor adds"
	}
	return "more text, such as the next request of a log"
}

// LooksLikeJWT reports whether the whole input is one token of dot-separated
// base64 parts whose first part opens a JSON object ("eyJ" is base64 of
// `{"`), so a malformed token is still read as one and diagnosed: standard
// base64's '+', '/' and '=' too, which a hand-rolled signer writes.
func LooksLikeJWT(input []byte) bool {
	t := bytes.TrimSpace(input)
	if len(t) < 4 || !bytes.HasPrefix(t, []byte("eyJ")) || bytes.Count(t, []byte(".")) < 1 {
		return false
	}
	for _, b := range t {
		if !(IsBase64URLByte(b) || b == '.' || b == '=' || b == '+' || b == '/') {
			return false
		}
	}
	return true
}

// IsBase64URLByte reports whether b is in the base64url alphabet (RFC 4648 §5).
func IsBase64URLByte(b byte) bool {
	return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_'
}

// httpMethods are the request methods a request line may start with.
var httpMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

// isRequestLine reports whether a line is "METHOD target" with an optional
// "HTTP/x.y": inspectors sometimes leave the version out.
func isRequestLine(line string) bool {
	fields := strings.Fields(line)
	if len(fields) < 2 || len(fields) > 3 || !httpMethods[fields[0]] {
		return false
	}
	return len(fields) == 2 || strings.HasPrefix(fields[2], "HTTP/")
}

func parseRequestLine(line string) (method, target, proto string) {
	fields := strings.Fields(line)
	if len(fields) == 3 {
		proto = fields[2]
	}
	return fields[0], fields[1], proto
}

func isHeaderLine(line string) bool {
	_, _, ok := SplitHeaderLine(line)
	return ok
}

// SplitHeaderLine reads "Name: value", where Name is an HTTP token or an
// HTTP/2 pseudo-header such as ":authority" (browsers show those).
func SplitHeaderLine(line string) (name, value string, ok bool) {
	from := 0
	if strings.HasPrefix(line, ":") {
		from = 1
	}
	i := strings.IndexByte(line[from:], ':')
	if i <= 0 {
		return "", "", false
	}
	name = line[:from+i]
	for j := from; j < len(name); j++ {
		if !isTokenByte(name[j]) {
			return "", "", false
		}
	}
	return name, strings.TrimSpace(line[from+i+1:]), true
}

// isTokenByte reports whether b may appear in an HTTP header name (RFC 9110 tchar).
func isTokenByte(b byte) bool {
	return IsBase64URLByte(b) || strings.IndexByte("!#$%&'*+.^`|~", b) >= 0
}
