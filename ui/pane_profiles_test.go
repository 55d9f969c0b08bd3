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
	opts.SaveProfile = func(s crypto.Secret) (string, error) { saved = append(saved, s); return "/tmp/p.toml", nil }
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

// TestAddFormSaysWhatIsWrongBeforeAdding: the form's placeholders show
// whole, the help bar shows the form's keys, a pasted secret loses its
// line break (said), and whitespace typed around a secret is flagged
// before the profile is added (issue 13, bugs 3 and 7).
func TestAddFormSaysWhatIsWrongBeforeAdding(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	for m.focus != paneProfiles {
		press(t, m, "tab")
	}
	press(t, m, "a")
	s := screen(m)
	for _, want := range []string{"workspace e.g. test, production", "platform  e.g. web, ios, android", "secret    typed masked; never shown", "tab next field", "ctrl+s add and save", "esc cancel"} {
		if !strings.Contains(s, want) {
			t.Errorf("the form lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "/ filter") {
		t.Errorf("the help bar shows the list's keys while the form is open:\n%s", s)
	}
	for range 4 {
		press(t, m, "tab")
	}
	paste(t, m, "FAKE-pasted-secret\n")
	if got := m.profiles.form.fields[formSecret].Value(); got != "FAKE-pasted-secret" {
		t.Fatalf("the pasted secret is %q", got)
	}
	requireScreen(t, m, "trimmed the line break the paste ended with")
	press(t, m, " ")
	requireScreen(t, m, "! secret_surrounding_whitespace")
	if s := screen(m); strings.Contains(s, "FAKE-pasted-secret") {
		t.Fatalf("the secret is shown:\n%s", s)
	}
}

// TestAddFormRoleIsAChoice: the role is one of three, chosen with the
// arrows; letters typed there change nothing (issue 13).
func TestAddFormRoleIsAChoice(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	for m.focus != paneProfiles {
		press(t, m, "tab")
	}
	press(t, m, "a", "tab")
	role := func() string { return m.profiles.form.fields[formRole].Value() }
	if role() != "oauth" {
		t.Fatalf("role starts as %q", role())
	}
	press(t, m, "x", "y")
	if role() != "oauth" {
		t.Fatalf("typed letters made the role %q", role())
	}
	press(t, m, "right")
	requireScreen(t, m, "‹ identity ›", "←/→ to choose")
	press(t, m, "right", "right") // messenger, then round to oauth
	if role() != "oauth" {
		t.Fatalf("the arrows cycle the three roles: got %q", role())
	}
	press(t, m, "left")
	if role() != "messenger" {
		t.Fatalf("left goes back round: got %q", role())
	}
}
