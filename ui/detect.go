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
	KindFormBody                // an open-sheet form body
	KindJSONBody                // an open-sheet JSON body
	KindHTTPRequest             // a whole captured HTTP request
	KindUserData                // an identifier (user_id or email) to hash
	KindJWT                     // a Messenger JWT
)

var kindNames = [...]string{"auto", "sheet user", "form body", "JSON body", "HTTP request", "user data", "JWT"}

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

// detectLimit bounds how much of an input detection looks at, so a keystroke
// in a megabyte costs the same as in a kilobyte.
const detectLimit = 4 << 10

var (
	requestLine = regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP/\d`)
	jwtShape    = regexp.MustCompile(`^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$`)
)

// DetectKind guesses what the input is from its first few kilobytes.
func DetectKind(input []byte) Kind {
	head := input[:min(len(input), detectLimit)]
	trimmed := bytes.TrimSpace(head)
	switch {
	case len(trimmed) == 0:
		return KindSheetUser
	case requestLine.Match(trimmed):
		return KindHTTPRequest
	case trimmed[0] == '{':
		return KindJSONBody
	case bytes.HasPrefix(trimmed, []byte("intercom_data=")) || bytes.Contains(trimmed, []byte("&intercom_data=")) ||
		bytes.HasPrefix(trimmed, []byte("user=")) || bytes.Contains(trimmed, []byte("&user=")):
		return KindFormBody
	case len(input) <= detectLimit && jwtShape.Match(trimmed):
		return KindJWT
	case looksLikeUserData(trimmed, len(input)):
		return KindUserData
	}
	return KindSheetUser
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
