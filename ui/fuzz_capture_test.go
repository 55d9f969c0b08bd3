package ui

import (
	"regexp"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// styling is the only escape sequence the UI itself writes: SGR.
var styling = regexp.MustCompile(`^\x1b\[[0-9;:]*m`)

// FuzzPastedInputRendersInert pastes anything (seeded with a capture
// fixture of each layout) and checks every screen: nothing from the paste
// reaches the terminal as a control sequence.
func FuzzPastedInputRendersInert(f *testing.F) {
	for _, name := range []string{"webhook-ping", "inspector-paste", "canvas-curl", "sheet-open", "intercom-settings", "jwt-expired", "diag-jwt-malformed"} {
		f.Add(captureInput(f, captureCase(f, name)), "")
	}
	f.Add("POST /h HTTP/1.1\nX-Evil: \x1b]52;c;aGk=\x07\u202e\n\n{\"topic\":\"ping\"}", "X-Hub-Signature: sha1=\x1b[2J")
	f.Add(`{"topic":"ping"}`, "X-Body-Signature: \u009b31m")
	opts, _ := captureOptions(f, captureCase(f, "webhook-ping"))
	for _, name := range []string{"web-identity", "messenger-prod"} {
		opts.Secrets = append(opts.Secrets, captureSecret(f, name))
	}
	f.Fuzz(func(t *testing.T, input, header string) {
		m := newTestModel(t, opts, 120, 40)
		m.input.header.SetValue(header)
		paste(t, m, input)
		for _, size := range [][2]int{{120, 40}, {80, 24}} {
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			for _, focus := range m.visiblePanes() {
				m.setFocus(focus)
				out := m.View().Content
				if !utf8.ValidString(out) {
					t.Fatalf("the screen is not valid UTF-8")
				}
				for i := 0; i < len(out); i++ {
					switch c := out[i]; {
					case c == 0x1b:
						if !styling.MatchString(out[i:]) {
							t.Fatalf("an escape sequence that is not styling reaches the terminal: %q", out[i:min(i+16, len(out))])
						}
					case c < 0x20 && c != '\n', c == 0x7f:
						t.Fatalf("control byte %#x reaches the terminal", c)
					}
				}
				for _, r := range out {
					if r != '\n' && r != 0x1b && IsUnsafeRune(r) {
						t.Fatalf("unsafe rune %U reaches the terminal", r)
					}
				}
			}
		}
	})
}
