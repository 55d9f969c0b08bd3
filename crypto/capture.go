package crypto

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// Format is the shape a capture was pasted in.
type Format = reader.Format

// Formats a capture can be pasted in.
const (
	FormatHTTPRequest    = reader.FormatHTTPRequest    // request line, headers, blank line, body
	FormatHeadersAndBody = reader.FormatHeadersAndBody // as copied from a browser's or tunnel's inspector
	FormatBody           = reader.FormatBody           // the body alone; headers, if any, given separately
	FormatJavaScript     = reader.FormatJavaScript     // an intercomSettings or Intercom('boot', …) snippet
	FormatJWT            = reader.FormatJWT            // a bare Messenger JWT
	FormatCurl           = reader.FormatCurl           // a curl command ("Copy as cURL")
)

// Kind is what a capture turned out to be, from the parts found in it.
type Kind string

// Kinds of capture.
const (
	KindWebhook   Kind = "webhook"    // X-Hub-Signature, or a notification_event body
	KindCanvasKit Kind = "canvas_kit" // X-Body-Signature, or a Canvas Kit request body
	KindSheetOpen Kind = "sheet_open" // a body holding an encrypted sheet user
	KindIdentity  Kind = "identity"   // user_id/email with user_hash
	KindJWT       Kind = "jwt"        // a Messenger JWT (intercom_user_jwt)
	KindUnknown   Kind = "unknown"    // none of the above
)

// CaptureHeader is one header line as received: its name as spelled, its
// value with the surrounding whitespace removed, and the 1-based line it was
// on (0 for a header given separately).
type CaptureHeader = reader.Header

// Capture is what was found in a pasted request, body, snippet or token. The
// body is kept byte for byte as received: signatures are over those bytes.
type Capture struct {
	Format     Format
	Kind       Kind
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
func (c *Capture) Header(name string) (string, bool) { return reader.HeaderValue(c.Headers, name) }

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

// ParseHeaderLine reads one "Name: value" header, given apart from the paste.
func ParseHeaderLine(line string) (CaptureHeader, error) {
	name, value, ok := reader.SplitHeaderLine(line)
	if !ok {
		return CaptureHeader{}, &InputError{Code: CodeHeaderInvalid, Field: "header", Offset: -1, Length: len(line),
			Reason: fmt.Sprintf("%q is not a header: write it as 'Name: value', e.g. 'X-Hub-Signature: sha1=…'", line)}
	}
	return CaptureHeader{Name: name, Value: value}, nil
}

// ReadCapture finds the parts of a paste: a raw HTTP/1.1 request (CRLF or LF
// line endings), headers and a body as an inspector shows them, a curl
// command, a body alone, an intercomSettings snippet, or a bare JWT, and
// decides what kind of payload it holds. extra headers (given separately)
// replace any of the same name in the paste. The error, when not nil, is an
// *InputError; the Capture is returned with what was read anyway.
func ReadCapture(input []byte, extra []CaptureHeader) (*Capture, error) {
	r, err := reader.Read(input, extra)
	c := &Capture{Format: r.Format, Kind: KindUnknown, Method: r.Method, Target: r.Target, Proto: r.Proto,
		Headers: r.Headers, Body: r.Body, BodyOffset: r.BodyOffset, Notes: readerNotes(r.Notes)}
	if err != nil {
		return c, asInputError(err)
	}
	if c.Format == FormatJWT {
		c.Kind, c.Token = KindJWT, string(bytes.TrimSpace(input))
		return c, nil
	}
	if err := c.detect(); err != nil {
		return c, err
	}
	return c, nil
}

// readerNotes takes the reader's notes as the engine's.
func readerNotes(notes []reader.Note) []Note {
	var out []Note
	for _, n := range notes {
		out = append(out, Note{Code: Code(n.Code), Message: n.Message})
	}
	return out
}

// fromReaderError takes a reader's error as the engine's, keeping any other.
func fromReaderError(err error) error {
	var readErr *reader.Error
	if errors.As(err, &readErr) {
		return &InputError{Code: Code(readErr.Code), Field: readErr.Field, Offset: readErr.Offset, Length: readErr.Length, Reason: readErr.Reason}
	}
	return err
}
