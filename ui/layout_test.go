package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestResizeSwitchesLayout(t *testing.T) {
	opts, _ := testOptions(t)
	m := newTestModel(t, opts, 160, 48)
	wide := screen(m)
	if !strings.Contains(wide, "│") || !strings.Contains(wide, "Profiles · 4") || !strings.Contains(wide, "Plaintext") {
		t.Fatalf("wide layout should show the panes side by side:\n%s", wide)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	narrow := screen(m)
	lines := strings.Split(narrow, "\n")
	if len(lines) != 24 {
		t.Fatalf("narrow screen has %d lines, want 24", len(lines))
	}
	for i, l := range lines {
		if w := len([]rune(l)); w > 80 {
			t.Errorf("line %d is %d cells wide: %q", i, w, l)
		}
	}
	if !strings.Contains(narrow, "Profiles [Split] Plaintext") {
		t.Errorf("narrow layout should stack with detail tabs:\n%s", narrow)
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if s := screen(m); !strings.Contains(s, "needs at least 60x16") {
		t.Errorf("a tiny terminal should be told the minimum size:\n%s", s)
	}
}
