package ui

import (
	"testing"
	"time"

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
		// Commands run in this goroutine, one after another: with the
		// goroutines and timeouts of drive, each run took another path
		// through the scheduler, the fuzzer took that for new coverage,
		// and it spent its time minimising instead of fuzzing.
		m := New(opts)
		m.after = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.input.header.SetValue(header)
		_, cmd := m.Update(tea.PasteMsg{Content: input})
		runInline(m, cmd)
		// Every pane focused once, at the wide size; the narrow layout,
		// which shows one detail pane at a time, with the focus it has.
		for _, focus := range m.visiblePanes() {
			m.setFocus(focus)
			requireInert(t, m.View().Content)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		requireInert(t, m.View().Content)
	})
}

// runInline runs commands and feeds their messages back, in the calling
// goroutine, until none are left, skipping those that would wait.
func runInline(m *Model, cmds ...tea.Cmd) {
	for rounds := 0; len(cmds) > 0 && rounds < 50; rounds++ {
		var next []tea.Cmd
		for _, c := range cmds {
			if c == nil {
				continue
			}
			switch msg := c().(type) {
			case nil:
			case tea.BatchMsg:
				next = append(next, msg...)
			default:
				_, cmd := m.Update(msg)
				next = append(next, cmd)
			}
		}
		cmds = next
	}
}
