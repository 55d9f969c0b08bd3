package termtext

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzEscapeControl: the output never holds a byte or rune that could drive
// a terminal, is valid UTF-8, and escaping it again changes nothing.
func FuzzEscapeControl(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred\x1b[0m", "\x1b]52;c;aGk=\x07", "\u009b2J", "\u202eevil", "\xff\xfe", "a\nb\tc"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, keepNewlines bool) {
		out := EscapeControl(s, keepNewlines)
		if !utf8.ValidString(out) {
			t.Fatalf("output %q is not valid UTF-8", out)
		}
		for _, r := range out {
			if IsUnsafeRune(r) && !(keepNewlines && (r == '\n' || r == '\t')) {
				t.Fatalf("unsafe rune %U left in %q", r, out)
			}
		}
		if again := EscapeControl(out, keepNewlines); again != out {
			t.Fatalf("escaping twice changed %q to %q", out, again)
		}
	})
}

// FuzzEscapeJSON: escaped JSON stays valid, equal in value, and inert.
func FuzzEscapeJSON(f *testing.F) {
	f.Add("x\u009b\u202e\x7fy")
	f.Add("\xff")
	f.Fuzz(func(t *testing.T, s string) {
		encoded, _ := json.Marshal(map[string]string{"v": s})
		escaped := EscapeJSON(encoded)
		var back, want map[string]string
		if err := json.Unmarshal(escaped, &back); err != nil {
			t.Fatalf("escaped JSON %q is invalid: %v", escaped, err)
		}
		json.Unmarshal(encoded, &want)
		if back["v"] != want["v"] {
			t.Fatalf("escaping changed the value %q to %q", want["v"], back["v"])
		}
		for _, r := range string(escaped) {
			if IsUnsafeRune(r) && r != '\n' && r != '\t' {
				t.Fatalf("unsafe rune %U left in %q", r, escaped)
			}
		}
	})
}
