package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/sealpeek/sealpeek/fixtures"
)

// FuzzPastedInputRendersInert pastes anything (seeded with a capture
// fixture of each layout and a few hostile ones) with anything in the
// signature header field, and checks every screen: nothing from the paste
// reaches the terminal as a control sequence.
func FuzzPastedInputRendersInert(f *testing.F) {
	for _, name := range []string{"webhook-ping", "inspector-paste", "canvas-curl", "sheet-open", "intercom-settings", "jwt-expired", "diag-jwt-malformed"} {
		f.Add(captureInput(f, captureCase(f, name)), "")
	}
	for _, name := range []string{"osc52-webhook.http", "bidi-raw-body.http", "c1.jwt"} {
		data, err := fixtures.HostileFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data), "")
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
				requireInert(t, m.View().Content)
			}
		}
	})
}
