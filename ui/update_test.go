package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

func TestSecondPasteReplacesTheFirst(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "first")
	paste(t, m, seal(t, testOAuth, testUserJSON))
	if !strings.HasPrefix(string(m.input.bytes()), "AAECAwQF") {
		t.Fatalf("input = %q, want the second paste alone", m.input.bytes())
	}
	press(t, m, "ctrl+z")
	if string(m.input.bytes()) != "first" {
		t.Errorf("after undo input = %q, want the first paste back", m.input.bytes())
	}
}

func TestCopyReportsOnTheStatusLine(t *testing.T) {
	opts, clip := testOptions(t)
	m := newTestModel(t, opts, 80, 24)
	press(t, m, "tab", "tab") // profiles, then the split pane
	if m.focus != paneSplit {
		t.Fatalf("focus = %v, want split", m.focus)
	}
	press(t, m, "i")
	if len(clip.copies) != 1 || clip.copies[0] != "000102030405060708090a0b" {
		t.Fatalf("copies = %q, want the IV", clip.copies)
	}
	if s := screen(m); !strings.Contains(s, "copied the IV (hex), 24 B, via test clipboard") {
		t.Errorf("status line does not say what was copied:\n%s", s)
	}
	press(t, m, "tab", "ctrl+y") // plaintext
	if got := clip.copies[len(clip.copies)-1]; !strings.Contains(got, `"user_id": "u_42"`) {
		t.Errorf("copied %q, want the decrypted JSON", got)
	}
	press(t, m, "ctrl+r")
	report := clip.copies[len(clip.copies)-1]
	for _, want := range []string{"IV: 000102030405060708090a0b", "worked with: 'test-oauth'"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	for _, s := range testSecrets() {
		if strings.Contains(report, string(s.Value)) {
			t.Errorf("the report shows the secret of %s", s.Name)
		}
	}
}

func TestKindOverrideAndSamples(t *testing.T) {
	opts, _ := testOptions(t)
	m := newTestModel(t, opts, 80, 24)
	if m.sample != 0 || m.kind != KindSheetUser {
		t.Fatalf("demo mode should start on sample 1, got sample %d kind %v", m.sample, m.kind)
	}
	press(t, m, "tab", "n", "n")
	if m.sample != 2 || m.kind != KindFormBody || !strings.Contains(screen(m), "demo 3/4: form body") {
		t.Fatalf("sample %d kind %v:\n%s", m.sample, m.kind, screen(m))
	}
	press(t, m, "ctrl+k")
	if m.kind != KindSheetUser || m.override != KindSheetUser {
		t.Errorf("ctrl+k should override the kind to sheet user, got %v", m.kind)
	}
}

func TestMouseWheelScrollsThePaneUnderThePointer(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	long := `{"lines":[` + strings.Repeat(`"a line of the decrypted user",`, 60) + `"end"]}`
	opts.Input = []byte(seal(t, testOAuth, long))
	m := newTestModel(t, opts, 160, 48)
	r := m.layout().rects[panePlain]
	m.View()
	m.Update(tea.MouseWheelMsg{X: r.x + 2, Y: r.y + 2, Button: tea.MouseWheelDown})
	if m.plain.text.win.top != 3 {
		t.Errorf("the wheel over the plaintext scrolled it to %d, want 3", m.plain.text.win.top)
	}
	if m.input.view.win.top != 0 {
		t.Errorf("the wheel scrolled the input too")
	}
}

func TestAnOversizePasteIsRefusedAndTheInputKept(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "alice@example.com")
	paste(t, m, strings.Repeat("A", termtext.MaxInputSize+1))
	if got := string(m.input.bytes()); got != "alice@example.com" {
		t.Fatalf("the input became %d bytes; an oversize paste must leave it as it was", len(got))
	}
	if !m.statusErr || !strings.Contains(m.status, "more than the 16.0 MiB sealpeek reads") {
		t.Fatalf("status %q (error %v) should say why the paste was refused", m.status, m.statusErr)
	}
	if s := screen(m); !strings.Contains(s, "alice@example.com") {
		t.Fatalf("the screen lost the input:\n%s", s)
	}
}

// TestKindOverrideSkipsTheDetectedKind: the first ctrl+k on a JWT reads it
// as something else, not as a JWT again with "(override)" in the title
// (issue 13, bug 6).
func TestKindOverrideSkipsTheDetectedKind(t *testing.T) {
	c := captureCase(t, "jwt-valid")
	opts, _ := captureOptions(t, c)
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, captureInput(t, c))
	if m.kind != KindJWT {
		t.Fatalf("kind %v, want JWT", m.kind)
	}
	for i := 0; i < len(kindNames)-1; i++ {
		press(t, m, "ctrl+k")
		if m.override == KindJWT {
			t.Fatalf("ctrl+k %d overrode the kind to the one detected", i+1)
		}
	}
}
