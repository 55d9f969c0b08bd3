package ui

import (
	"encoding/json"
	"testing"
)

func TestEscapeControlMakesEveryUnsafeRuneVisible(t *testing.T) {
	cases := map[string]string{
		"plain text":                  "plain text",
		"colour \x1b[31mred":          `colour \x1b[31mred`,
		"bell\a nul\x00 del\x7f":      `bell\x07 nul\x00 del\x7f`,
		"c1 csi \u009b2J":             `c1 csi \u009b2J`,
		"bidi \u202eevil":             `bidi \u202eevil`,
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
	value := map[string]string{"name": "x\u009b\u202e\x7fy", "ok": "plain"}
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
