package reader

import "bytes"

// Shape is what a paste looks like at a glance: which reading it calls for.
type Shape string

// Shapes of paste, as Detect tells them apart.
const (
	ShapeSealedValue Shape = "sealed value"     // a bare base64 value, such as a sealed sheet user; also what is left when nothing else fits
	ShapeFormBody    Shape = "form body"        // an open-sheet request's form body (intercom_data=…, user=…)
	ShapeJSONBody    Shape = "JSON body"        // a body starting with '{': JSON, or an object literal
	ShapeHTTPRequest Shape = "HTTP request"     // a request line, headers and a body
	ShapeHeaders     Shape = "headers and body" // headers and a body, as an inspector shows them
	ShapeCurl        Shape = "curl command"     // a request copied as a curl command
	ShapeSnippet     Shape = "snippet"          // an intercomSettings or Intercom('boot', …) snippet
	ShapeIdentifier  Shape = "identifier"       // a user_id or email to hash
	ShapeJWT         Shape = "JWT"              // a bare Messenger JWT
)

// DetectLimit is how much of a paste Detect looks at, so telling the shape
// of a megabyte costs what a kilobyte does: a face may call it on each
// keystroke.
const DetectLimit = 4 << 10

// minSealedText is the length of the shortest sealed value in base64: a
// 12-byte IV and a 16-byte tag make 28 bytes, 38 characters unpadded.
const minSealedText = 38

// Detect tells what a paste is from its first DetectLimit bytes, by the
// same rules Read reads it with: a curl command, a request line, headers,
// a JWT. It never fails: what fits nothing else is a sealed value.
func Detect(input []byte) Shape {
	head := input[:min(len(input), DetectLimit)]
	trimmed := bytes.TrimSpace(head)
	first, rest, multiline := bytes.Cut(trimmed, []byte("\n"))
	first = bytes.TrimSuffix(first, []byte("\r"))
	switch {
	case len(trimmed) == 0:
		return ShapeSealedValue
	case isCurlCommand(string(trimmed[:min(len(trimmed), len("curl \\"))])):
		return ShapeCurl
	case isRequestLine(string(first)):
		return ShapeHTTPRequest
	case trimmed[0] == '{':
		return ShapeJSONBody
	case hasSettingsMarker(head):
		return ShapeSnippet
	case LooksLikeForm(trimmed):
		return ShapeFormBody
	case multiline && isHeaderLine(string(first)) && headersFollow(rest):
		return ShapeHeaders
	case len(input) <= DetectLimit && LooksLikeJWT(trimmed):
		return ShapeJWT
	case looksLikeIdentifier(trimmed, len(input)):
		return ShapeIdentifier
	}
	return ShapeSealedValue
}

// hasSettingsMarker reports "intercomSettings =" (or ":") or
// "Intercom('boot'" (or 'update'): a snippet, even one whose object is not
// written out, which SettingsStart would not find.
func hasSettingsMarker(b []byte) bool {
	if !bytes.Contains(b, []byte("ntercom")) {
		return false // the common case, without a scan per occurrence
	}
	if _, ok := findMarker(b, "intercomSettings", func(b []byte, i int) (int, bool) {
		i = skipRESpace(b, i)
		return i, i < len(b) && (b[i] == '=' || b[i] == ':')
	}); ok {
		return true
	}
	_, ok := findMarker(b, "Intercom(", func(b []byte, i int) (int, bool) {
		i = skipRESpace(b, i)
		if i >= len(b) || b[i] != '\'' && b[i] != '"' {
			return 0, false
		}
		i++
		for _, verb := range []string{"boot", "update"} {
			if bytes.HasPrefix(b[i:], []byte(verb)) && i+len(verb) < len(b) && (b[i+len(verb)] == '\'' || b[i+len(verb)] == '"') {
				return i, true
			}
		}
		return 0, false
	})
	return ok
}

// headersFollow reports whether the line after a header line is another
// header or the blank line before a body: an inspector's paste, not a
// single "name: value" typed as an identifier.
func headersFollow(rest []byte) bool {
	next, _, _ := bytes.Cut(rest, []byte("\n"))
	next = bytes.TrimSuffix(next, []byte("\r"))
	return len(bytes.TrimSpace(next)) == 0 || isHeaderLine(string(next))
}

// looksLikeIdentifier tells an identifier from a sealed value: an email, or
// a short value, shorter than any sealed value, or one with characters
// base64 lacks.
func looksLikeIdentifier(trimmed []byte, total int) bool {
	if total > 256 || bytes.ContainsAny(trimmed, "\n") {
		return false
	}
	if at := bytes.IndexByte(trimmed, '@'); at > 0 && at < len(trimmed)-1 {
		return true
	}
	return len(trimmed) < minSealedText || bytes.ContainsAny(trimmed, " .:")
}

// LooksLikeForm reports whether the input is an application/x-www-form-urlencoded
// body carrying the open-sheet fields.
//
// It looks only where a '=' is (a bare value has one or two, at its end),
// not for four substrings through the whole input.
func LooksLikeForm(b []byte) bool {
	for at := 0; ; {
		i := bytes.IndexByte(b[at:], '=')
		if i < 0 {
			return false
		}
		key := b[:at+i]
		for _, field := range []string{"intercom_data", "user"} {
			if k, ok := bytes.CutSuffix(key, []byte(field)); ok && (len(k) == 0 || k[len(k)-1] == '&') {
				return true
			}
		}
		at += i + 1
	}
}
