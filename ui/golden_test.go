package ui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestGoldenScreens runs the UI as a program in demo mode and compares the
// main screens, colour off and styling stripped, with testdata/*.golden
// (go test ./ui -run Golden -update rewrites them).
func TestGoldenScreens(t *testing.T) {
	screens := []struct {
		name  string
		keys  []string
		until string // text on screen once the screen has settled
	}{
		{"sheet_user", nil, "opened by test-oauth"},
		{"wrong_profile", []string{"ctrl+n"}, "not the chosen"},
		{"form_body_plaintext", []string{"ctrl+n", "ctrl+n", "tab", "tab", "tab"}, "alice@example.com"},
		{"user_hash_mismatch", []string{"ctrl+n", "ctrl+n", "ctrl+n", "tab", "tab", "tab"}, "mismatch"},
		{"full_help", []string{"f1"}, "undo clear/paste"},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				opts, _ := testOptions(t)
				tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(size[0], size[1]))
				for _, k := range sc.keys {
					tm.Send(keyMsg(k))
				}
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(sc.until)) },
					teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
				tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
				final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
				golden.RequireEqual(t, stripStyle(final.View().Content))
			})
		}
	}
}
