package ui

import (
	"bytes"
	"regexp"
)

// Kind is what a pasted input is, which decides how it is analysed and
// which panes show it.
type Kind int

// The kinds of input the UI recognises.
const (
	KindAuto        Kind = iota // not a kind: detect it (only as an override)
	KindSheetUser               // a bare sealed sheet user
	KindFormBody                // a form body (an open-sheet request's)
	KindJSONBody                // a JSON body: open-sheet, webhook, Canvas Kit or identity fields
	KindHTTPRequest             // a whole captured HTTP request
	KindHeaders                 // headers and body, as an inspector shows them
	KindCurl                    // a request copied as a curl command
	KindSnippet                 // an intercomSettings or Intercom('boot', …) snippet
	KindUserData                // an identifier (user_id or email) to hash
	KindJWT                     // a Messenger JWT
)

var kindNames = [...]string{"auto", "sheet user", "form body", "JSON body", "HTTP request", "headers and body",
	"cURL command", "intercomSettings snippet", "user data", "JWT"}

// String is the kind's name as the input pane shows it.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// KindNamed returns the kind of a name ("sheet user", "JWT"...), or
// KindAuto for "" and unknown names.
func KindNamed(name string) Kind {
	for i, n := range kindNames {
		if n == name {
			return Kind(i)
		}
	}
	return KindAuto
}

// isCapture reports whether the kind is read as a capture (crypto.InspectCapture):
// everything but a bare sealed user and user data to hash.
func (k Kind) isCapture() bool { return k != KindSheetUser && k != KindUserData }

// takesHeader reports whether the kind shows the signature header field: a
// body pasted without its headers, or a request whose header is to be
// replaced.
func (k Kind) takesHeader() bool {
	switch k {
	case KindFormBody, KindJSONBody, KindHTTPRequest, KindHeaders, KindCurl:
		return true
	}
	return false
}

// detectLimit bounds how much of an input detection looks at, so a keystroke
// in a megabyte costs the same as in a kilobyte.
const detectLimit = 4 << 10

var (
	requestLine   = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+( HTTP/\d\S*)?\s*$`)
	headerLine    = regexp.MustCompile(`^:?[A-Za-z0-9!#$%&'*+.^_` + "`" + `|~-]+:`)
	snippetMarker = regexp.MustCompile(`intercomSettings\s*[=:]|Intercom\(\s*['"](boot|update)['"]`)
	jwtShape      = regexp.MustCompile(`^eyJ[A-Za-z0-9_=-]*(\.[A-Za-z0-9_=-]*)+$`)
)

// DetectKind guesses what the input is from its first few kilobytes.
func DetectKind(input []byte) Kind {
	head := input[:min(len(input), detectLimit)]
	trimmed := bytes.TrimSpace(head)
	first, rest, multiline := bytes.Cut(trimmed, []byte("\n"))
	first = bytes.TrimSuffix(first, []byte("\r"))
	switch {
	case len(trimmed) == 0:
		return KindSheetUser
	case bytes.HasPrefix(trimmed, []byte("curl ")) || bytes.HasPrefix(trimmed, []byte("curl\t")):
		return KindCurl
	case requestLine.Match(first):
		return KindHTTPRequest
	case trimmed[0] == '{':
		return KindJSONBody
	case bytes.Contains(head, []byte("ntercom")) && snippetMarker.Match(head): // the regexp only where it can match: it costs a scan
		return KindSnippet
	case bytes.HasPrefix(trimmed, []byte("intercom_data=")) || bytes.Contains(trimmed, []byte("&intercom_data=")) ||
		bytes.HasPrefix(trimmed, []byte("user=")) || bytes.Contains(trimmed, []byte("&user=")):
		return KindFormBody
	case multiline && headerLine.Match(first) && headersFollow(rest):
		return KindHeaders
	case len(input) <= detectLimit && jwtShape.Match(trimmed):
		return KindJWT
	case looksLikeUserData(trimmed, len(input)):
		return KindUserData
	}
	return KindSheetUser
}

// headersFollow reports whether the line after a header line is another
// header or the blank line before a body: an inspector's paste, not a
// single "name: value" typed as user data.
func headersFollow(rest []byte) bool {
	next, _, _ := bytes.Cut(rest, []byte("\n"))
	next = bytes.TrimSuffix(next, []byte("\r"))
	return len(bytes.TrimSpace(next)) == 0 || headerLine.Match(next)
}

// looksLikeUserData tells an identifier from a sealed user: an email, or a
// short value that is not long enough to be a sealed user (28 bytes make at
// least 38 base64 characters).
func looksLikeUserData(trimmed []byte, total int) bool {
	if total > 256 || bytes.ContainsAny(trimmed, "\n") {
		return false
	}
	if at := bytes.IndexByte(trimmed, '@'); at > 0 && at < len(trimmed)-1 {
		return true
	}
	return len(trimmed) < 38 || bytes.ContainsAny(trimmed, " .:")
}

// usuallySealed reports whether input of the kind usually carries a sealed
// user (a sheet user, an open-sheet body), which decides the panes shown
// until its analysis says what is really in it.
func (k Kind) usuallySealed() bool {
	switch k {
	case KindUserData, KindSnippet, KindJWT, KindHTTPRequest, KindHeaders, KindCurl:
		return false
	}
	return true
}
