package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// goldenScreen is one screen of the golden tests: what is sent to the
// program, started in demo mode, before the screen is taken.
type goldenScreen struct {
	name string
	msgs []tea.Msg
}

// goldenScreens are the main screens in demo mode: each demo sample as
// ctrl+n brings it up, a webhook capture checked with a session profile
// holding its secret (typed masked), an expired JWT capture checked with
// the demo's Messenger profile (which did not sign it), and the full help.
func goldenScreens(t *testing.T) []goldenScreen {
	opts, _ := demoTestOptions(t)
	var screens []goldenScreen
	for i, s := range opts.Samples {
		var msgs []tea.Msg
		for range i {
			msgs = append(msgs, keyMsg("ctrl+n"))
		}
		screens = append(screens, goldenScreen{fmt.Sprintf("demo_%d_%s", i+1, s.Name), msgs})
	}
	webhook := captureCase(t, "webhook-ping")
	secret := captureSecret(t, webhook.Chosen)
	addProfile := []tea.Msg{tea.PasteMsg{Content: captureInput(t, webhook)}, keyMsg("tab"), keyMsg("tab"), keyMsg("a")}
	for _, field := range []string{secret.Name, "", secret.Workspace, "", ""} { // role and source stay as they are
		for _, c := range field {
			addProfile = append(addProfile, keyMsg(string(c)))
		}
		addProfile = append(addProfile, keyMsg("tab"))
	}
	addProfile = append(addProfile, tea.PasteMsg{Content: string(secret.Value)}, keyMsg("enter"), keyMsg("shift+tab"), keyMsg("shift+tab"))
	screens = append(screens,
		goldenScreen{"capture_webhook", addProfile},
		// The demo's Messenger profile is the last: choose it, back to the input.
		goldenScreen{"capture_jwt_expired", []tea.Msg{tea.PasteMsg{Content: captureInput(t, captureCase(t, "jwt-expired"))},
			keyMsg("tab"), keyMsg("G"), keyMsg("enter"), keyMsg("shift+tab")}},
		goldenScreen{"full_help", []tea.Msg{keyMsg("f1")}},
	)
	return screens
}

// goldenSizes are the terminal sizes the golden screens are taken at:
// the stacked layout, and the side-by-side one at its narrowest and wide.
var goldenSizes = [][2]int{{80, 24}, {120, 40}, {160, 48}}

// TestGoldenScreens runs the UI as a program with the options of
// 'sealpeek --demo' and compares the main screens, colour off (NO_COLOR)
// and styling stripped, with testdata/*.golden (go test ./ui -run Golden
// -update rewrites them).
func TestGoldenScreens(t *testing.T) {
	for _, size := range goldenSizes {
		for _, sc := range goldenScreens(t) {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				opts, _ := demoTestOptions(t)
				golden.RequireEqual(t, stripStyle(runGolden(t, opts, size, sc.msgs)))
			})
		}
	}
}

// TestGoldenStyledScreens keeps the styling: the colours of a light and a
// dark background, and NO_COLOR's bold, faint and reverse (the cursor, the
// focused title), for a few screens at 120x40. The files hold the escape
// sequences as they are sent; the test's diff shows them quoted.
func TestGoldenStyledScreens(t *testing.T) {
	keep := map[string]bool{"demo_1_sheet-user": true, "demo_5_user-hash-web": true, "capture_webhook": true}
	for _, mode := range []string{"light", "dark", "no-color"} {
		for _, sc := range goldenScreens(t) {
			if !keep[sc.name] {
				continue
			}
			t.Run(fmt.Sprintf("%s_%s", sc.name, mode), func(t *testing.T) {
				opts, _ := demoTestOptions(t)
				opts.NoColor = mode == "no-color"
				msgs := sc.msgs
				if mode == "light" {
					msgs = append([]tea.Msg{tea.BackgroundColorMsg{Color: color.White}}, msgs...)
				}
				golden.RequireEqual(t, runGolden(t, opts, [2]int{120, 40}, msgs))
			})
		}
	}
}

// runGolden runs the UI with opts at size, sends msgs, waits for the
// latest analysis to be shown, and returns the screen.
func runGolden(t *testing.T, opts Options, size [2]int, msgs []tea.Msg) string {
	t.Helper()
	m := New(opts)
	m.after = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil } // status lines stay
	p := newSettleProbe(m)
	tm := teatest.NewTestModel(t, p, teatest.WithInitialTermSize(size[0], size[1]))
	for _, msg := range msgs {
		tm.Send(msg)
	}
	p.waitSettled(t, tm)
	tm.Send(keyMsg("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(settleProbe)
	screen := final.View().Content
	if strings.Contains(screen, "working…") {
		t.Fatalf("the screen was taken before the analysis finished:\n%s", stripStyle(screen))
	}
	return screen
}

// settleProbe runs the model in a program and answers, through a channel,
// whether the latest analysis has been applied: messages are handled in
// order, so a probe sent after the keys is answered after they are.
type settleProbe struct {
	*Model
	answers chan bool
}

// probeMsg asks the probe whether the model has settled.
type probeMsg struct{}

func newSettleProbe(m *Model) settleProbe { return settleProbe{Model: m, answers: make(chan bool, 1)} }

func (p settleProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(probeMsg); ok {
		p.answers <- p.result != nil && !p.pending
		return p, nil
	}
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

// waitSettled asks until the model has applied its latest analysis.
func (p settleProbe) waitSettled(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		tm.Send(probeMsg{})
		select {
		case settled := <-p.answers:
			if settled {
				return
			}
		case <-time.After(time.Until(deadline)):
		}
		if time.Now().After(deadline) {
			t.Fatal("the analysis did not finish within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
