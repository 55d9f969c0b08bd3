package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

func TestFilterAndSessionProfile(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	var saved []profile.Profile
	opts.SaveProfile = func(p profile.Profile) (string, error) { saved = append(saved, p); return "/tmp/p.toml", nil }
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
	for _, field := range []string{"session", "", "test", "web", ""} { // the source stays literal
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
	if len(saved) != 1 || saved[0].Name != "session" || saved[0].Source != profile.SourceLiteral || !strings.Contains(screen(m), "saved 'session'") {
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
	for range 5 {
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

// TestAddFormReadsEverySource: the add form takes a secret from an
// environment variable, a file or a command as well as typed; the first
// two are read as their name is typed, a command only on enter, and what
// was read is shown (length, fingerprint, hygiene problems) before it is
// added; saved, the profile keeps its source (issue 13, missing 3).
func TestAddFormReadsEverySource(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	var reads []profile.Profile
	opts.ResolveProfile = func(p profile.Profile) profile.Resolved {
		reads = append(reads, p)
		value := map[string]string{"VAR": "FAKE-env-secret", "run-it": "FAKE-cmd-secret "}[p.Ref]
		r := profile.Resolved{Profile: p, Secret: crypto.Secret{Name: p.Name, Role: p.Role, Value: []byte(value)}}
		if value == "" {
			r.Err = &profile.Problem{Profile: p.Name, Diagnosis: crypto.Diagnosis{Code: "secret_env_unset", Message: "the variable " + p.Ref + " is not set"}}
		}
		for _, d := range crypto.CheckSecretHygiene(r.Secret) {
			r.Warnings = append(r.Warnings, profile.Problem{Profile: p.Name, Diagnosis: d})
		}
		return r
	}
	var saved []profile.Profile
	opts.SaveProfile = func(p profile.Profile) (string, error) { saved = append(saved, p); return "/tmp/p.toml", nil }
	m := newTestModel(t, opts, 120, 40)
	for m.focus != paneProfiles {
		press(t, m, "tab")
	}
	typeText := func(s string) {
		for _, c := range s {
			press(t, m, string(c))
		}
	}
	// From the environment: read as the name is typed.
	press(t, m, "a")
	typeText("from-env")
	press(t, m, "tab", "tab", "tab", "tab", "right", "tab")
	requireScreen(t, m, "‹ env ›", "variable  e.g. INTERCOM_CLIENT_SECRET")
	typeText("VA")
	requireScreen(t, m, "✗ the variable VA is not set")
	typeText("R")
	requireScreen(t, m, "✓ read 15 bytes · fingerprint "+crypto.Secret{Value: []byte("FAKE-env-secret")}.Fingerprint())
	press(t, m, "enter", "s")
	if m.chosen != "from-env" || len(saved) != 1 || saved[0].Source != profile.SourceEnv || saved[0].Ref != "VAR" {
		t.Fatalf("chosen %q, saved %+v", m.chosen, saved)
	}
	// From a command: run on enter only, its output shown before adding.
	press(t, m, "a")
	typeText("from-cmd")
	press(t, m, "tab", "tab", "tab", "tab", "left", "tab")
	requireScreen(t, m, "‹ command ›", "enter runs the command")
	before := len(reads)
	typeText("run-it")
	if len(reads) != before {
		t.Fatalf("the command was run while typed: %+v", reads[before:])
	}
	press(t, m, "enter")
	requireScreen(t, m, "✓ read 16 bytes", "! secret_surrounding_whitespace", "enter adds it")
	if len(reads) != before+1 || m.chosen != "from-env" {
		t.Fatalf("enter should run the command once and not add yet: %d runs, chosen %q", len(reads)-before, m.chosen)
	}
	press(t, m, "enter")
	if m.chosen != "from-cmd" || m.profiles.form != nil {
		t.Fatalf("the second enter should add it: chosen %q", m.chosen)
	}
	if s := screen(m); strings.Contains(s, "FAKE-cmd-secret") || strings.Contains(s, "FAKE-env-secret") {
		t.Fatalf("a secret is shown:\n%s", s)
	}
}

// TestLongProfileNamesAreCutInTheMiddle: names sharing a long start stay
// told apart when the column is too narrow (issue 13, layout).
func TestLongProfileNamesAreCutInTheMiddle(t *testing.T) {
	if got := padCutMiddle("demo-identity-android", 12); got != "demo-i…droid" {
		t.Errorf("cut to %q", got)
	}
	if got := padCutMiddle("short", 8); got != "short   " {
		t.Errorf("padded to %q", got)
	}
	opts, _ := testOptions(t)
	opts.Samples = nil
	names := []string{"workspace-identity-verification-web", "workspace-identity-verification-ios", "workspace-identity-verification-android"}
	for _, n := range names {
		opts.Secrets = append(opts.Secrets, crypto.Secret{Name: n, Role: crypto.RoleIdentity, Value: []byte("FAKE-" + n)})
	}
	m := newTestModel(t, opts, 120, 40)
	s := screen(m)
	for _, end := range []string{"-web ", "-ios ", "droid "} {
		if !strings.Contains(s, "…") || !strings.Contains(s, end) {
			t.Errorf("the name ending %q is not cut in its middle:\n%s", end, s)
		}
	}
}
