// Package ui is sealpeek's terminal interface and the rendering rules its
// command line shares: nothing pasted or decrypted reaches a terminal
// unescaped.
package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// IsUnsafeRune reports whether r must never reach a terminal as is: C0 and C1
// controls, DEL, and the bidirectional overrides that reorder what is shown.
// Newline and tab are unsafe too; callers that lay out lines handle them
// before escaping.
func IsUnsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// EscapeControl returns s with every unsafe rune written as a visible escape
// (\x1b, \u202e) and every invalid UTF-8 byte as \xNN. With keepNewlines,
// '\n' and '\t' pass through for multi-line text.
func EscapeControl(s string, keepNewlines bool) string {
	if isSafe(s, keepNewlines) {
		return s
	}
	return escapeControl(s, keepNewlines)
}

// escapeControl is EscapeControl for text that needs it.
func escapeControl(s string, keepNewlines bool) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepNewlines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r < 0x80 && IsUnsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case IsUnsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isSafe is EscapeControl's and EscapeJSON's fast path: whether s is
// valid UTF-8 without an unsafe rune, so that escaping would not change it.
// It looks at bytes, not runes: every unsafe rune above ASCII starts with
// 0xc2 (C1 controls), 0xd8 (U+061C) or 0xe2 (the bidirectional marks), so
// only those are decoded, and utf8.ValidString checks the rest in bulk.
func isSafe(s string, keepNewlines bool) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80:
			ascii = false
			if c == 0xc2 || c == 0xd8 || c == 0xe2 {
				if r, _ := utf8.DecodeRuneInString(s[i:]); IsUnsafeRune(r) {
					return false
				}
			}
		case c < 0x20 || c == 0x7f:
			if !keepNewlines || c != '\n' && c != '\t' {
				return false
			}
		}
	}
	return ascii || utf8.ValidString(s)
}

// EscapeJSON makes encoded JSON inert on a terminal: encoding/json already
// escapes C0 controls, and this escapes DEL, C1 controls and bidirectional
// overrides inside strings as \uXXXX, which keeps the JSON valid and equal.
func EscapeJSON(encoded []byte) []byte {
	if isSafe(string(encoded), true) {
		return encoded
	}
	return escapeJSON(encoded)
}

// escapeJSON is EscapeJSON for JSON that needs it.
func escapeJSON(encoded []byte) []byte {
	out := make([]byte, 0, len(encoded)+16)
	for i := 0; i < len(encoded); {
		r, size := utf8.DecodeRune(encoded[i:])
		// Invalid UTF-8 (r is then RuneError) becomes \ufffd, as encoding/json writes it.
		if IsUnsafeRune(r) && r != '\n' && r != '\t' || r == utf8.RuneError && size == 1 {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, encoded[i:i+size]...)
		}
		i += size
	}
	return out
}
