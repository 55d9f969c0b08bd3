package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

func TestFilterAndSessionProfile(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	var saved []crypto.Secret
	opts.SaveProfile = func(s crypto.Secret) error { saved = append(saved, s); return nil }
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, seal(t, crypto.Secret{Value: []byte("FAKE-session-secret")}, testUserJSON))
	if !hasDiagnosis(m, "auth_failed") {
		t.Fatalf("no profile should open it: %+v", m.result.diagnoses)
	}
	press(t, m, "tab", "/", "i", "d", "e", "n", "enter")
	if vis := m.profiles.visible(m.profileRows); len(vis) != 2 {
		t.Errorf("filter 'iden' shows %d profiles, want 2", len(vis))
	}
	press(t, m, "esc", "a")
	for _, field := range []string{"session", "", "test", "web"} {
		for _, c := range field {
			press(t, m, string(c))
		}
		press(t, m, "tab")
	}
	_, cmd := m.Update(tea.PasteMsg{Content: "FAKE-session-secret"})
	drive(t, m, cmd)
	s := screen(m)
	if strings.Contains(s, "FAKE-session-secret") {
		t.Fatalf("the typed secret is shown:\n%s", s)
	}
	press(t, m, "enter")
	if m.chosen != "session" || m.worked() != 4 {
		t.Fatalf("the session profile should be chosen and open it: chosen %q worked %d", m.chosen, m.worked())
	}
	press(t, m, "s")
	if len(saved) != 1 || saved[0].Name != "session" || !strings.Contains(screen(m), "saved 'session'") {
		t.Errorf("saved %v; screen:\n%s", saved, screen(m))
	}
}
