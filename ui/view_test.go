package ui

import (
	"strings"
	"testing"
)

// TestHelpBarAlwaysShowsHelpAndQuit: at 80 columns the bar drops what does
// not fit from its middle, never help and quit; where keys type text, it
// shows only the help and quit keys that work there (issue 13).
func TestHelpBarAlwaysShowsHelpAndQuit(t *testing.T) {
	opts, _ := testOptions(t)
	m := newTestModel(t, opts, 80, 24)
	lines := strings.Split(screen(m), "\n")
	bar := strings.TrimRight(lines[len(lines)-1], " ")
	if !strings.HasSuffix(bar, "f1 help • ctrl+c quit") || strings.Contains(bar, "…") {
		t.Errorf("in the input, the bar is %q", bar)
	}
	for m.focus != paneProfiles {
		press(t, m, "tab")
	}
	lines = strings.Split(screen(m), "\n")
	bar = strings.TrimRight(lines[len(lines)-1], " ")
	if !strings.HasSuffix(bar, "f1/? help • ctrl+c/q quit") {
		t.Errorf("in the profile list, the bar is %q", bar)
	}
}

// TestCRLFLineEndingsAreMarkedOnce: a capture opened byte-exact from a
// file shows a dim ␍ at its line ends, not \x0d on every line (issue 13).
func TestCRLFLineEndingsAreMarkedOnce(t *testing.T) {
	c := captureCase(t, "webhook-ping")
	opts, _ := captureOptions(t, c)
	opts.Input = []byte(captureInput(t, c))
	m := newTestModel(t, opts, 160, 48)
	s := screen(m)
	if strings.Contains(s, `\x0d`) {
		t.Errorf("CR escaped at line ends:\n%s", s)
	}
	requireScreen(t, m, "POST /intercom/webhooks HTTP/1.1␍", "Host: hooks.example.com␍")
}
