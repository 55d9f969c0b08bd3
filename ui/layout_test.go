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

// TestScrollMarkersSayWhatCanScroll: no "↕ 1–0 of 1" where a pane has no
// room, and no marker beside "nothing to split" (issue 13, bug 13).
func TestScrollMarkersSayWhatCanScroll(t *testing.T) {
	if got := (window{rows: 1, height: 0}).indicator(); got != "" {
		t.Errorf("no room: %q", got)
	}
	if got := (window{rows: 9, height: 4, top: 0}).indicator(); got != "↕ 1–4 of 9" {
		t.Errorf("9 rows in 4: %q", got)
	}
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, seal(t, testSecrets()[0], testUserJSON))
	paste(t, m, strings.Repeat("QUJD", 20)+"*"+strings.Repeat("QUJD", 5))
	s := screen(m)
	if !strings.Contains(s, "nothing to split") {
		t.Fatalf("the second paste should leave nothing to split:\n%s", s)
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, "Split") && !strings.Contains(line, "B = IV") && strings.Contains(line, "↕") {
			t.Errorf("a scroll marker beside nothing to scroll: %q", line)
		}
	}
}

// TestContentSizedPanesGetTheirRowsFirst: at 120x40 the Split pane of a
// sheet user shows whole (no scroll marker) while the diagnostics, with
// one line to say, keep only a few rows (issue 13, layout).
func TestContentSizedPanesGetTheirRowsFirst(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, seal(t, testOAuth, strings.Repeat(testUserJSON, 2)))
	l := m.layout()
	split, diag := l.rects[paneSplit], l.rects[paneDiag]
	if split.h < m.split.wantRows(m.context(paneSplit), split.w) {
		t.Fatalf("the split pane has %d rows of the %d it wants:\n%s", split.h, m.split.wantRows(m.context(paneSplit), split.w), screen(m))
	}
	for _, line := range strings.Split(screen(m), "\n") {
		if strings.Contains(line, "Split ·") && strings.Contains(line, "↕") {
			t.Fatalf("the split pane is cut: %q", line)
		}
	}
	if diag.h > 8 {
		t.Errorf("the diagnostics keep %d rows for one line", diag.h)
	}
	// A dump of thousands of rows takes no more than an even share: the
	// plaintext keeps as many rows.
	paste(t, m, seal(t, testOAuth, `{"user_id":"u_42","pad":"`+strings.Repeat("x", 64<<10)+`"}`))
	l = m.layout()
	if split, plain := l.rects[paneSplit], l.rects[panePlain]; plain.h < split.h-1 || split.h < 8 {
		t.Errorf("a long dump took %d rows, the plaintext %d", split.h, plain.h)
	}
}

// TestFullHelpScrollsOnAShortTerminal: at 60x16 the full help does not
// fit; the arrows scroll it to its last key, and another key closes it
// (issue 13, layout).
func TestFullHelpScrollsOnAShortTerminal(t *testing.T) {
	opts, _ := testOptions(t)
	m := newTestModel(t, opts, 60, 16)
	press(t, m, "f1")
	s := screen(m)
	if !strings.Contains(s, "any key close help") || strings.Contains(s, "ctrl+u clear") {
		t.Fatalf("over the full help the bar should say how to close it, not a pane's keys:\n%s", s)
	}
	if !strings.Contains(s, "scroll · any other key closes") || strings.Contains(s, "ctrl+c/q") {
		t.Fatalf("the help should say it scrolls, its last keys out of sight:\n%s", s)
	}
	for range 40 {
		press(t, m, "down")
	}
	if s := screen(m); !m.fullHelp || !strings.Contains(s, "ctrl+c/q") {
		t.Fatalf("scrolled to the end, the help should show its last key:\n%s", s)
	}
	press(t, m, "x")
	if m.fullHelp {
		t.Fatal("another key should close the help")
	}
}

// TestResizeKeepsTheStatus: a resize lays the screen out again and keeps
// what the status line says (issue 13 saw it wiped; a guard).
func TestResizeKeepsTheStatus(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, "hello")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := screen(m); !strings.Contains(s, "pasted 5 B") {
		t.Fatalf("the resize wiped the status:\n%s", s)
	}
}
