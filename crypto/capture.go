package crypto

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Formats a capture can be pasted in.
const (
	FormatHTTPRequest    = "http request"     // request line, headers, blank line, body
	FormatHeadersAndBody = "headers and body" // as copied from a browser's or tunnel's inspector
	FormatBody           = "body"             // the body alone; headers, if any, given separately
	FormatJavaScript     = "javascript"       // an intercomSettings or Intercom('boot', …) snippet
	FormatJWT            = "jwt"              // a bare Messenger JWT
	// FormatCurl, a curl command, is in capture_curl.go.
)

// What a capture turned out to be, from the parts found in it.
const (
	KindWebhook   = "webhook"    // X-Hub-Signature, or a notification_event body
	KindCanvasKit = "canvas_kit" // X-Body-Signature, or a Canvas Kit request body
	KindSheetOpen = "sheet_open" // a body holding an encrypted sheet user
	KindIdentity  = "identity"   // user_id/email with user_hash
	KindJWT       = "jwt"        // a Messenger JWT (intercom_user_jwt)
	KindUnknown   = "unknown"    // none of the above
)

// CaptureHeader is one header line as received: its name as spelled, its
// value with the surrounding whitespace removed, and the 1-based line it was
// on (0 for a header given separately, such as with --header).
type CaptureHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Line  int    `json:"line,omitempty"`
}

// Capture is what was found in a pasted request, body, snippet or token. The
// body is kept byte for byte as received: signatures are over those bytes.
type Capture struct {
	Format     string // one of the Format constants
	Kind       string // one of the Kind constants
	Method     string // from the request line, "" without one
	Target     string
	Proto      string
	Headers    []CaptureHeader
	Body       []byte
	BodyOffset int             // where Body starts in the input, -1 when it is not a slice of it
	Settings   *SettingsFields // identity fields found in a snippet or body, nil if none
	Token      string          // the Messenger JWT found, "" if none
	Notes      []Note
}

// Header returns the value of the first header named name, compared
// case-insensitively as HTTP does.
func (c *Capture) Header(name string) (string, bool) {
	for _, h := range c.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// SecretRole is the role of the secret the capture is checked with: the
// Messenger API secret for a JWT, the identity verification secret for a
// user_hash, the OAuth client secret for everything else.
func (c *Capture) SecretRole() Role {
	switch c.Kind {
	case KindJWT:
		return RoleMessenger
	case KindIdentity:
		return RoleIdentity
	}
	return RoleOAuth
}

func (c *Capture) note(code, format string, args ...any) {
	c.Notes = append(c.Notes, Note{Code: code, Message: fmt.Sprintf(format, args...)})
}

// ParseHeaderLine reads one "Name: value" header, as given to --header.
func ParseHeaderLine(line string) (CaptureHeader, error) {
	name, value, ok := splitHeaderLine(line)
	if !ok {
		return CaptureHeader{}, &InputError{Code: "header_invalid", Field: "header", Offset: -1, Length: len(line),
			Reason: fmt.Sprintf("%q is not a header: write it as 'Name: value', e.g. 'X-Hub-Signature: sha1=…'", line)}
	}
	return CaptureHeader{Name: name, Value: value}, nil
}

// ReadCapture finds the parts of a paste: a raw HTTP/1.1 request (CRLF or LF
// line endings), headers and a body as an inspector shows them, a body alone,
// an intercomSettings snippet, or a bare JWT. extra headers (given
// separately) replace any of the same name in the paste. The error, when not
// nil, is an *InputError; the Capture is returned with what was read anyway.
func ReadCapture(input []byte, extra []CaptureHeader) (*Capture, error) {
	c := &Capture{Format: FormatBody, Kind: KindUnknown, BodyOffset: 0}
	if len(bytes.TrimSpace(input)) == 0 {
		c.Body = input
		return c, &InputError{Code: "empty_input", Field: "input", Offset: -1, Length: 0,
			Reason: "the input is empty: paste a captured request, a body, an intercomSettings snippet or a JWT"}
	}
	lines := splitCaptureLines(input)
	for len(lines) > 1 && strings.TrimSpace(lines[0].text) == "" {
		lines = lines[1:] // blank lines pasted before a request are not part of it
	}
	switch {
	case len(extra) == 0 && looksLikeJWT(input):
		c.Format, c.Kind, c.Body = FormatJWT, KindJWT, input
		c.Token = string(bytes.TrimSpace(input))
		return c, nil
	case isCurlCommand(string(input)):
		if err := c.readCurl(string(input)); err != nil {
			c.Body = input
			return c, err
		}
	case isRequestLine(lines[0].text):
		c.Format = FormatHTTPRequest
		c.Method, c.Target, c.Proto = parseRequestLine(lines[0].text)
		c.readHeaders(input, lines[1:])
	case isHeaderLine(lines[0].text):
		c.Format = FormatHeadersAndBody
		c.readHeaders(input, lines)
	default:
		c.Body = input
	}
	c.addHeaders(extra)
	c.fitContentLength()
	c.dechunk()
	if err := c.detect(); err != nil {
		return c, err
	}
	return c, nil
}

// captureLine is one line of the input: its text without the line ending,
// where it starts, where the next line starts, and its number.
type captureLine struct {
	text       string
	start, end int
	number     int // 1-based
}

// splitCaptureLines cuts the input into lines ending in "\n" or "\r\n".
func splitCaptureLines(input []byte) []captureLine {
	var lines []captureLine
	for start := 0; start < len(input); {
		i := bytes.IndexByte(input[start:], '\n')
		end := len(input)
		if i >= 0 {
			end = start + i + 1
		}
		text := strings.TrimSuffix(strings.TrimSuffix(string(input[start:end]), "\n"), "\r")
		lines = append(lines, captureLine{text: text, start: start, end: end, number: len(lines) + 1})
		start = end
	}
	return lines
}

// readHeaders reads header lines until the blank line; the body is every
// byte after it, untouched. A line that is not a header also ends the
// headers: inspectors sometimes drop the blank line.
func (c *Capture) readHeaders(input []byte, lines []captureLine) {
	c.BodyOffset = len(input)
	for _, l := range lines {
		if strings.TrimSpace(l.text) == "" {
			c.BodyOffset = l.end
			break
		}
		if (l.text[0] == ' ' || l.text[0] == '\t') && len(c.Headers) > 0 {
			// An obsolete folded continuation of the previous header.
			h := &c.Headers[len(c.Headers)-1]
			h.Value = strings.TrimSpace(h.Value + " " + strings.TrimSpace(l.text))
			continue
		}
		name, value, ok := splitHeaderLine(l.text)
		if !ok {
			c.BodyOffset = l.start
			c.note("no_blank_line", "line %d is not a header, so the body was taken to start there (no blank line after the headers)", l.number)
			break
		}
		c.Headers = append(c.Headers, CaptureHeader{Name: name, Value: value, Line: l.number})
	}
	c.Body = input[c.BodyOffset:]
}

// addHeaders puts headers given separately in place of those of the same name.
func (c *Capture) addHeaders(extra []CaptureHeader) {
	for _, h := range extra {
		kept := c.Headers[:0]
		for _, old := range c.Headers {
			if strings.EqualFold(old.Name, h.Name) {
				c.note("header_replaced", "the %s given separately replaces the one on line %d", h.Name, old.Line)
				continue
			}
			kept = append(kept, old)
		}
		c.Headers = append(kept, h)
	}
}

// fitContentLength cuts what follows the Content-Length (an editor's final
// newline, the next request in a log) and says so; a body shorter than it was
// cut when copied, which is worth a note too.
func (c *Capture) fitContentLength() {
	value, ok := c.Header("Content-Length")
	if !ok || c.BodyOffset < 0 {
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil || n < 0 {
		return
	}
	switch {
	case len(c.Body) > n:
		c.note("body_trimmed", "kept the %d bytes the Content-Length announces and left out the %d after them (%s)", n, len(c.Body)-n, describeExtra(c.Body[n:]))
		c.Body = c.Body[:n]
	case len(c.Body) < n:
		c.note("body_short", "the body is %d bytes but the Content-Length announces %d: it was probably cut when copied", len(c.Body), n)
	}
}

// describeExtra says what the bytes past the Content-Length look like.
func describeExtra(b []byte) string {
	if len(bytes.TrimSpace(b)) == 0 {
		return "only whitespace, such as the newline an editor adds"
	}
	return "more text, such as the next request of a log"
}

// looksLikeJWT reports whether the whole input is one token of dot-separated
// base64url parts whose first part opens a JSON object ("eyJ" is base64 of
// `{"`), so a malformed token is still read as one and diagnosed.
func looksLikeJWT(input []byte) bool {
	t := bytes.TrimSpace(input)
	if len(t) < 4 || !bytes.HasPrefix(t, []byte("eyJ")) || bytes.Count(t, []byte(".")) < 1 {
		return false
	}
	for _, b := range t {
		if !(isBase64URLByte(b) || b == '.' || b == '=') {
			return false
		}
	}
	return true
}

func isBase64URLByte(b byte) bool {
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
	_, _, ok := splitHeaderLine(line)
	return ok
}

// splitHeaderLine reads "Name: value", where Name is an HTTP token or an
// HTTP/2 pseudo-header such as ":authority" (browsers show those).
func splitHeaderLine(line string) (name, value string, ok bool) {
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
	return isBase64URLByte(b) || strings.IndexByte("!#$%&'*+.^`|~", b) >= 0
}
