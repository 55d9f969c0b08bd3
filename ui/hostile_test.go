package ui

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// styling is the only escape sequence the UI itself writes: SGR.
var styling = regexp.MustCompile(`^\x1b\[[0-9;:]*m`)

// requireInert fails if a rendered screen holds anything that could drive
// a terminal other than the UI's own styling.
func requireInert(t testing.TB, out string) {
	t.Helper()
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
		if r != '\n' && r != 0x1b && termtext.IsUnsafeRune(r) {
			t.Fatalf("unsafe rune %U reaches the terminal", r)
		}
	}
}

// hostileOptions hold the fake secrets the hostile fixtures are made with.
func hostileOptions(t testing.TB) Options {
	t.Helper()
	opts := Options{Chosen: "hostile-oauth", NoColor: false, Clipboard: &recordingClipboard{}}
	for _, role := range []crypto.Role{crypto.RoleOAuth, crypto.RoleIdentity, crypto.RoleMessenger} {
		secret, err := fixtures.HostileSecret(string(role))
		if err != nil {
			t.Fatal(err)
		}
		opts.Secrets = append(opts.Secrets, crypto.Secret{Name: "hostile-" + string(role), Role: role, Value: []byte(secret)})
	}
	return opts
}

// TestHostileFixturesRenderInert opens every hostile fixture byte for byte
// (as 'sealpeek FILE' does), in colour, and draws every pane it shows at two
// sizes: each is opened or verified, its marker is shown, and no escape from
// it reaches the terminal.
func TestHostileFixturesRenderInert(t *testing.T) {
	cases, err := fixtures.HostileCases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		for _, file := range c.Files.All() {
			t.Run(file, func(t *testing.T) {
				data, err := fixtures.HostileFile(file)
				if err != nil {
					t.Fatal(err)
				}
				opts := hostileOptions(t)
				opts.Input = data
				m := newTestModel(t, opts, 160, 48)
				if m.worked() < 0 {
					t.Fatalf("%s (%v) did not open or verify: %+v", file, m.kind, m.result.diagnoses)
				}
				shown := false
				for _, size := range [][2]int{{160, 48}, {80, 24}} {
					m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					for _, focus := range m.visiblePanes() {
						m.setFocus(focus)
						out := m.View().Content
						requireInert(t, out)
						shown = shown || strings.Contains(stripStyle(out), "HOSTILE-"+c.Name)
					}
				}
				if !shown {
					t.Errorf("the marker HOSTILE-%s is never on screen:\n%s", c.Name, screen(m))
				}
			})
		}
	}
}
