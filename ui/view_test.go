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
