package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// TestTypingWhileAnalysesRun types and deletes while the analyses the
// keystrokes start run on other goroutines, as the program runs them; run
// it with -race: no analysis may read bytes a keystroke writes.
func TestTypingWhileAnalysesRun(t *testing.T) {
	input := strings.Repeat("A", 64<<10)
	m := newTestModel(t, Options{Secrets: testSecrets(), Input: []byte(input), NoColor: true, Clipboard: &recordingClipboard{}}, 120, 40)
	results := make(chan tea.Msg, 1024)
	running := 0
	run := func(cmd tea.Cmd) {
		if cmd != nil {
			running++
			go func() { results <- cmd() }()
		}
	}
	deliver := func(msg tea.Msg) {
		running--
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				run(c)
			}
		} else if msg != nil {
			_, next := m.Update(msg)
			run(next)
		}
	}
	keys := []string{"x", "y", "backspace", "z", "backspace", "backspace", "q"}
	want := []byte(input)
	for i := range 300 {
		k := keys[i%len(keys)]
		if k == "backspace" {
			want = want[:len(want)-1]
		} else {
			want = append(want, k...)
		}
		_, cmd := m.Update(keyMsg(k))
		run(cmd)
		for len(results) > 0 {
			deliver(<-results)
		}
	}
	for running > 0 {
		deliver(<-results)
	}
	if !bytes.Equal(m.input.bytes(), want) {
		t.Fatalf("the input ends %q, want %q", m.input.bytes()[len(input)-4:], want[len(input)-4:])
	}
}

func TestEditingExpectedDigestChangesTheDiagnosis(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Chosen = "web-identity"
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "alice@example.com")
	if m.kind != KindUserData {
		t.Fatalf("kind = %v, want user data", m.kind)
	}
	press(t, m, "tab")
	if m.focus != paneExpected {
		t.Fatalf("focus = %v, want the expected field", m.focus)
	}
	right := crypto.UserHash(webIdentity.Value, []byte("alice@example.com"))
	for _, c := range right[:63] + "0" {
		press(t, m, string(c))
	}
	if !hasDiagnosis(m, "digest_mismatch") {
		t.Fatalf("diagnoses = %+v, want digest_mismatch", m.result.diagnoses)
	}
	press(t, m, "backspace", right[63:])
	if !hasDiagnosis(m, "match") || hasDiagnosis(m, "digest_mismatch") {
		t.Fatalf("diagnoses = %+v, want match", m.result.diagnoses)
	}
	s := screen(m)
	for _, want := range []string{"✓ match", "computed  " + right[:40], "✓ matched"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
}

func TestTypingEditsTheInput(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Chosen = "web-identity"
	m := newTestModel(t, opts, 80, 24)
	press(t, m, "u", "_", "4", "2", "x", "backspace")
	if string(m.input.bytes()) != "u_42" || m.kind != KindUserData {
		t.Fatalf("input %q kind %v, want u_42 as user data", m.input.bytes(), m.kind)
	}
	if m.result.digest == nil || m.result.digest.Computed != crypto.UserHash(webIdentity.Value, []byte("u_42")) {
		t.Errorf("digest of the typed data is wrong: %+v", m.result.digest)
	}
	press(t, m, "ctrl+u")
	if m.input.size() != 0 {
		t.Errorf("ctrl+u left %q", m.input.bytes())
	}
}

func TestPrintableKeysAreTextInAField(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "alice@example.com")
	press(t, m, "tab")
	if m.focus != paneExpected {
		t.Fatalf("focus = %v, want the expected field", m.focus)
	}
	press(t, m, "?", "q", "y", "n")
	if got := m.input.expected.Value(); got != "?qyn" || m.fullHelp {
		t.Fatalf("field %q, full help %v: printable keys must be typed into the field", got, m.fullHelp)
	}
	press(t, m, "f1")
	if !m.fullHelp {
		t.Fatal("f1 should open the full help from a field")
	}
}

func TestAnOversizePasteIntoAFieldIsRefused(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "alice@example.com")
	press(t, m, "tab")
	if m.focus != paneExpected {
		t.Fatalf("focus = %v, want the expected field", m.focus)
	}
	paste(t, m, strings.Repeat("a", termtext.MaxInputSize+1))
	if got := m.input.expected.Value(); got != "" || !m.statusErr {
		t.Fatalf("the field took %d bytes (status %q); an oversize paste must be refused", len(got), m.status)
	}
}

// TestPastedDigestIsTrimmed: a user_hash pasted with its line break into
// the expected field matches, as --expect does (issue 13, bug 4).
func TestPastedDigestIsTrimmed(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Chosen = "web-identity"
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "alice@example.com")
	press(t, m, "tab")
	paste(t, m, crypto.UserHash(webIdentity.Value, []byte("alice@example.com"))+"\n")
	if !hasDiagnosis(m, "match") || hasDiagnosis(m, "digest_not_hex") {
		t.Fatalf("diagnoses %+v: want match", m.result.diagnoses)
	}
}

// TestFirstContactWelcomes: an empty start says what to paste, where the
// profiles come from and the keys that matter, not an empty_input error
// (issue 13, first contact).
func TestFirstContactWelcomes(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.ProfilesFile = "/home/a/.config/sealpeek/profiles.toml"
	m := newTestModel(t, opts, 120, 40)
	s := screen(m)
	for _, want := range []string{"Paste a sealed user or open-sheet body", "4 profiles read from", "/home/a/.config/sealpeek/profiles.toml.",
		"f1: every key", "nothing to check yet: paste or type in the Input pane"} {
		if !strings.Contains(s, want) {
			t.Errorf("the first screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "empty_input") || strings.Contains(s, "1 error") {
		t.Errorf("an empty start shows an error:\n%s", s)
	}
	opts.Secrets, opts.Profiles, opts.ProfilesMissing = nil, nil, true
	m = newTestModel(t, opts, 120, 40)
	requireScreen(t, m, "No profiles file yet at", "/home/a/.config/sealpeek/profiles.toml")
}

// TestUserDataWithBothIdentifiers: user data takes the other identifier
// too, for an app that sends both; a digest of the one Intercom does not
// check is then identifier_choice, as for a pasted snippet (issue 13,
// missing 2).
func TestUserDataWithBothIdentifiers(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Chosen = "web-identity"
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, "u_42")
	press(t, m, "tab")
	if m.focus != paneExpected {
		t.Fatalf("focus %v, want the expected digest", m.focus)
	}
	paste(t, m, crypto.UserHash(webIdentity.Value, []byte("alice@example.com")))
	if !hasDiagnosis(m, "mismatch") && m.result.ok {
		t.Fatalf("a digest of the email checked against the user_id alone should not match: %+v", m.result.diagnoses)
	}
	press(t, m, "tab")
	if m.focus != paneOther || !strings.Contains(screen(m), "▸ also sent, email:") {
		t.Fatalf("focus %v, want the other identifier's field, marked:\n%s", m.focus, screen(m))
	}
	for _, c := range "alice@example.com" {
		press(t, m, string(c))
	}
	if !hasDiagnosis(m, "identifier_choice") {
		t.Fatalf("with both identifiers a digest of the email should be identifier_choice: %+v", m.result.diagnoses)
	}
	// The snippet with the same identifiers says the same.
	snippet := `window.intercomSettings = {user_id: "u_42", email: "alice@example.com", user_hash: "` + crypto.UserHash(webIdentity.Value, []byte("alice@example.com")) + `"};`
	press(t, m, "shift+tab", "shift+tab", "ctrl+u")
	paste(t, m, snippet)
	if !hasDiagnosis(m, "identifier_choice") {
		t.Fatalf("the snippet should be identifier_choice too: %+v", m.result.diagnoses)
	}
	// An email as the input: the field is the user_id's.
	press(t, m, "ctrl+u")
	paste(t, m, "alice@example.com")
	if !strings.Contains(screen(m), "also sent, user_id:") {
		t.Fatalf("beside an email the other field should be the user_id:\n%s", screen(m))
	}
}
