// Package termtext owns what makes text safe to draw on a terminal, for the
// command line and the terminal UI alike: nothing pasted, received or
// decrypted reaches a terminal unescaped, and nothing read is larger than
// MaxInputSize.
package termtext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// IsUnsafeRune reports whether r must never reach a terminal as is: C0 and C1
// controls, DEL, and every invisible formatting character: the
// bidirectional marks and overrides that reorder what is shown, and the
// zero-width characters, word joiners, byte order marks and tag characters
// that make two different texts ("prod" and "prod\u200b") look the same.
// Line and paragraph separators are unsafe too. Newline and tab are unsafe;
// callers that lay out lines handle them before escaping.
func IsUnsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r <= 0x9f:
		return true
	case r < 0xad:
		return false
	case r == 0x2028, r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// safeRune is !IsUnsafeRune(r) for r of 0x80 and above, with the ranges of
// the scripts and symbols text is mostly made of (Latin to Hebrew, the
// rest of the Basic Multilingual Plane from superscripts to before the byte
// order mark, emoji) answered without looking r up in the Cf table: none
// of their runes is a control or a formatting character (a test goes
// through every rune).
func safeRune(r rune) bool {
	if 0xae <= r && r < 0x600 || 0x2070 <= r && r < 0xfeff || 0x1d17b <= r && r < 0xe0000 {
		return true
	}
	return !IsUnsafeRune(r)
}

// SafeRuneAt reads the rune that starts b, whose first byte is 0x80 or
// above, and returns its size and whether EscapeControl and EscapeJSON
// leave it as it is: valid UTF-8 of a rune that IsUnsafeRune allows. An
// invalid byte is one byte that neither leaves as it is.
func SafeRuneAt(b []byte) (size int, safe bool) {
	if len(b) >= 2 && 0xc2 <= b[0] && b[0] <= 0xd7 && b[1]&0xc0 == 0x80 {
		// U+0080 to U+05FF: the C1 controls and the soft hyphen are unsafe.
		r := rune(b[0]&0x1f)<<6 | rune(b[1]&0x3f)
		return 2, r >= 0xae || 0xa0 <= r && r < 0xad
	}
	r, size := utf8.DecodeRune(b)
	return size, (r != utf8.RuneError || size > 1) && safeRune(r)
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
		case IsUnsafeRune(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
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
// Printable ASCII, most of any text, is passed over eight bytes at a time;
// only other bytes are looked at, and only non-ASCII ones decoded.
func isSafe(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && printable8(s[i:i+8]) {
			i += 8
			continue
		}
		switch c := s[i]; {
		case c-0x20 < 0x7f-0x20:
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || !safeRune(r) {
				return false
			}
			i += size
		case keepNewlines && (c == '\n' || c == '\t'):
			i++
		default:
			return false
		}
	}
	return true
}

// printable8 reports whether the eight bytes of s are all printable ASCII
// (0x20 to 0x7e), looking at them as one word: a byte with its high bit
// set is not ASCII, one that borrows when 0x20 is taken away is a control,
// and one that reaches 0x80 when 1 is added is DEL. A carry or borrow
// between bytes can only add false alarms, which the caller then checks
// byte by byte.
func printable8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return (x|(x-0x20*ones)|(x+ones))&highs == 0
}

// EscapeJSON makes encoded JSON inert on a terminal: encoding/json already
// escapes C0 controls, and this escapes DEL, C1 controls and bidirectional
// overrides inside strings as \uXXXX, which keeps the JSON valid and equal.
func EscapeJSON(encoded []byte) []byte {
	// A read-only view, not a copy: isSafe keeps nothing, and a copy of
	// every record of a batch was a tenth of its allocations.
	if isSafe(unsafe.String(unsafe.SliceData(encoded), len(encoded)), true) {
		return encoded
	}
	return escapeJSON(encoded)
}

// AppendEscapeJSON appends EscapeJSON(encoded) to dst, without a buffer of
// its own: a batch escapes a piece of each of many records.
func AppendEscapeJSON(dst, encoded []byte) []byte {
	if isSafe(unsafe.String(unsafe.SliceData(encoded), len(encoded)), true) {
		return append(dst, encoded...)
	}
	return appendEscapedJSON(dst, encoded)
}

// escapeJSON is EscapeJSON for JSON that needs it.
func escapeJSON(encoded []byte) []byte {
	return appendEscapedJSON(make([]byte, 0, len(encoded)+16), encoded)
}

// appendEscapedJSON appends encoded to out with every rune EscapeJSON
// escapes written as \uXXXX.
func appendEscapedJSON(out, encoded []byte) []byte {
	for i := 0; i < len(encoded); {
		r, size := utf8.DecodeRune(encoded[i:])
		// Invalid UTF-8 (r is then RuneError) becomes \ufffd, as encoding/json writes it.
		if IsUnsafeRune(r) && r != '\n' && r != '\t' || r == utf8.RuneError && size == 1 {
			if r > 0xffff { // JSON writes such a rune as a surrogate pair
				hi, lo := utf16.EncodeRune(r)
				out = appendU(appendU(out, hi), lo)
			} else {
				out = appendU(out, r)
			}
		} else {
			out = append(out, encoded[i:i+size]...)
		}
		i += size
	}
	return out
}

// appendU appends r, at most 0xffff, as JSON's \uXXXX in lowercase hex, as
// encoding/json writes it.
func appendU(out []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(out, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// MaxInputSize is the most sealpeek reads as one input, from a file,
// standard input, a batch line or a paste. Real payloads are kilobytes;
// anything near this is a mistake or an attack.
const MaxInputSize = 16 << 20

// Plural returns one when n is 1 and many otherwise, so a count reads
// "1 header", "2 headers".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// EscapeInvisible escapes the invisible formatting characters of text that
// is already styled: its escape sequences (ESC and the C0 controls a style
// writes) stay, while bidirectional marks, zero-width characters and the
// like become visible escapes. For a widget's output that draws a value the
// widget took as typed.
func EscapeInvisible(styled string) string {
	if !hasInvisible(styled) {
		return styled
	}
	var b strings.Builder
	b.Grow(len(styled) + 16)
	for _, r := range styled {
		switch {
		case r >= 0xa0 && IsUnsafeRune(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case r >= 0xa0 && IsUnsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasInvisible reports whether s holds a rune EscapeInvisible changes.
func hasInvisible(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0xa0 && IsUnsafeRune(r) {
			return true
		}
		i += size - 1
	}
	return false
}
