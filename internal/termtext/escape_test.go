package termtext

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestEscapeControlMakesEveryUnsafeRuneVisible(t *testing.T) {
	cases := map[string]string{
		"plain text":                  "plain text",
		"colour \x1b[31mred":          `colour \x1b[31mred`,
		"bell\a nul\x00 del\x7f":      `bell\x07 nul\x00 del\x7f`,
		"c1 csi \u009b2J":             `c1 csi \u009b2J`,
		"bidi \u202eevil":             `bidi \u202eevil`,
		"marks \u200f\u061c\u2066":    `marks \u200f\u061c\u2066`,
		"zero width prod\u200b":       `zero width prod\u200b`,
		"joiners \u200d\u2060\ufeff":  `joiners \u200d\u2060\ufeff`,
		"tag \U000e0041 soft\u00ad":   `tag \U000e0041 soft\u00ad`,
		"separators \u2028\u2029":     `separators \u2028\u2029`,
		"isolate \u2066x\u2069":       `isolate \u2066x\u2069`,
		"bad utf8 \xff\xfe":           `bad utf8 \xff\xfe`,
		"line\nbreak\ttab":            `line\x0abreak\x09tab`,
		"osc52 \x1b]52;c;aGk=\x07":    `osc52 \x1b]52;c;aGk=\x07`,
		"unicode ok: Zoë 日本 🙂 \ufffd": "unicode ok: Zoë 日本 🙂 \ufffd",
	}
	for in, want := range cases {
		if got := EscapeControl(in, false); got != want {
			t.Errorf("EscapeControl(%q) = %q, want %q", in, got, want)
		}
	}
	if got := EscapeControl("a\nb\tc\x1b", true); got != "a\nb\tc\\x1b" {
		t.Errorf("keepNewlines: got %q", got)
	}
}

func TestEscapeJSONKeepsTheValue(t *testing.T) {
	value := map[string]string{"name": "x\u009b\u202e\x7fy\u200b\U000e0041z", "ok": "plain"}
	encoded, _ := json.Marshal(value)
	escaped := EscapeJSON(encoded)
	for _, b := range escaped {
		if b == 0x7f || b < 0x20 {
			t.Fatalf("raw control byte %#x left in %q", b, escaped)
		}
	}
	if string(escaped) == string(encoded) || !json.Valid(escaped) {
		t.Fatalf("escaped JSON %q should differ from %q and stay valid", escaped, encoded)
	}
	var back map[string]string
	if err := json.Unmarshal(escaped, &back); err != nil || back["name"] != value["name"] {
		t.Fatalf("escaping changed the value: %q, %v", back["name"], err)
	}
}

// The fast path may only skip escaping that would change nothing.
func FuzzIsSafeOnlyWhenEscapingChangesNothing(f *testing.F) {
	for _, s := range []string{"plain", "Zoë 日本 🙂 👩‍💻", "\u009b", "\u202e", "\u2066", "\u061c", "\u200e", "\ufffd", "\xff", "\xe2\x80", "a\nb\t", "\x7f", "\xc2", "’…—"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, keepNewlines bool) {
		if !isSafe(s, keepNewlines) {
			return
		}
		if got := escapeControl(s, keepNewlines); got != s {
			t.Fatalf("isSafe(%q, %v) but escaping makes %q", s, keepNewlines, got)
		}
		if keepNewlines {
			if got := escapeJSON([]byte(s)); string(got) != s {
				t.Fatalf("isSafe(%q) but JSON escaping makes %q", s, got)
			}
		}
	})
}

// BenchmarkEscapeJSON is the check every JSON record passes before a
// terminal: a decrypted user of about 300 bytes, and a megabyte of JSON.
func BenchmarkEscapeJSON(b *testing.B) {
	user := []byte(`{"type":"user","id":"00b349c98706c4ebfb2627fd","user_id":"62707394","email":"user62707394@example.com","name":"יעל Müller 👩‍💻","created_at":1680185786,"custom_attributes":{"plan":"starter","seats":498,"city":"Reykjavík","beta_tester":true,"notes":"trial invoice renewal"}}`)
	big := bytes.Repeat(user, (1<<20)/len(user))
	for _, c := range []struct {
		name string
		data []byte
	}{{"user", user}, {"1MiB", big}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for i := 0; i < b.N; i++ {
				EscapeJSON(c.data)
			}
		})
	}
}

func TestEscapeInvisibleKeepsStylingAndShowsMarks(t *testing.T) {
	styled := "\x1b[1mprod\u200b\x1b[0m \u202eevil\U000e0041"
	want := "\x1b[1mprod\\u200b\x1b[0m \\u202eevil\\U000e0041"
	if got := EscapeInvisible(styled); got != want {
		t.Fatalf("EscapeInvisible = %q, want %q", got, want)
	}
	if plain := "\x1b[31mZoë 日本\x1b[0m"; EscapeInvisible(plain) != plain {
		t.Fatal("visible text changed")
	}
}

func TestSafeRuneIsIsUnsafeRuneForEveryRune(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if safeRune(r) == IsUnsafeRune(r) {
			t.Errorf("safeRune(%U) is %v, IsUnsafeRune %v", r, safeRune(r), IsUnsafeRune(r))
		}
		if !utf8.ValidRune(r) {
			continue
		}
		b := utf8.AppendRune(nil, r)
		size, safe := SafeRuneAt(append(b, 'x'))
		if size != len(b) || safe != !IsUnsafeRune(r) || safe != isSafe(string(b), true) {
			t.Errorf("SafeRuneAt(%U) = %d, %v; want %d, %v", r, size, safe, len(b), !IsUnsafeRune(r))
		}
	}
	for _, bad := range []string{"\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80"} {
		if size, safe := SafeRuneAt([]byte(bad)); size != 1 || safe {
			t.Errorf("SafeRuneAt(%q) = %d, %v; want 1, false", bad, size, safe)
		}
	}
}

func TestAppendEscapeJSONIsEscapeJSON(t *testing.T) {
	for r := rune(0); r <= 0xffff; r++ {
		if got, want := string(appendU(nil, r)), fmt.Sprintf(`\u%04x`, r); got != want {
			t.Fatalf("appendU(%U) = %q, want %q", r, got, want)
		}
	}
	for _, s := range []string{"", "plain", `{"name":"Zoë 👩‍💻"}`, "x\u009b\u202e\x7fy\u200b\U000e0041z", "\xff\xfe", "a\nb\t\r"} {
		if got, want := string(AppendEscapeJSON([]byte("head:"), []byte(s))), "head:"+string(EscapeJSON([]byte(s))); got != want {
			t.Errorf("AppendEscapeJSON(%q) = %q, want %q", s, got, want)
		}
	}
}
