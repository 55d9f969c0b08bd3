package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

func hasDiagnosis(m *Model, code crypto.Code) bool {
	if m.result == nil {
		return false
	}
	for _, d := range m.result.diagnoses {
		if d.Code == code {
			return true
		}
	}
	return false
}

func TestPasteShowsSplitAndPlaintext(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, seal(t, testOAuth, testUserJSON)+"\r")
	if string(m.input.bytes()) != seal(t, testOAuth, testUserJSON)+"\n" {
		t.Errorf("input = %q; the pasted CR should read as a newline", m.input.bytes())
	}
	s := screen(m)
	for _, want := range []string{
		"IV         @0        12 B  000102030405060708090a0b",
		"tag        @",
		`"email": "alice@example.com"`,
		"✓ opened by test-oauth",
		"pasted 121 B",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if m.kind != KindSheetUser {
		t.Errorf("kind = %v, want sheet user", m.kind)
	}
}

func TestWrongProfileIsShown(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, seal(t, prodOAuth, testUserJSON))
	if !hasDiagnosis(m, "wrong_profile") {
		t.Fatalf("diagnoses = %+v, want wrong_profile", m.result.diagnoses)
	}
	s := screen(m)
	for _, want := range []string{"✗ error wrong_profile", "opened by 'prod-oauth'", "✗ opened by prod-oauth, not by the chosen profile"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	// Choosing the profile that opens it clears the diagnosis.
	press(t, m, "tab")
	if m.focus != paneProfiles {
		t.Fatalf("focus = %v after tab, want profiles", m.focus)
	}
	press(t, m, "down", "enter")
	if m.chosen != "prod-oauth" || hasDiagnosis(m, "wrong_profile") {
		t.Errorf("chosen %q, diagnoses %+v: choosing prod-oauth should clear wrong_profile", m.chosen, m.result.diagnoses)
	}
}

func TestUntrustedTextIsEscaped(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	evil := `{"name":"` + "\x1b]52;c;ZXZpbA==\x07" + `","note":"` + "\u202e" + `"}`
	paste(t, m, seal(t, testOAuth, evil))
	paste(t, m, "x\x1b[2Jy")
	press(t, m, "ctrl+z")
	out := m.View().Content
	if strings.Contains(out, "\x1b]52") || strings.Contains(out, "\u202e") || strings.Contains(out, "\x07") {
		t.Fatal("control sequences from the payload reach the terminal")
	}
	if !strings.Contains(stripStyle(out), `\x1b]52;c;ZXZpbA==\x07","note":"\u202e"`) {
		t.Errorf("the escaped control characters should be visible:\n%s", stripStyle(out))
	}
	paste(t, m, "x\x1b[2Jy")
	if s := screen(m); !strings.Contains(s, `x\x1b[2Jy`) {
		t.Errorf("the pasted escape should show as \\x1b:\n%s", s)
	}
}

func TestStaleResultsAreDropped(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = 'A'
	}
	_, cmd := m.Update(tea.PasteMsg{Content: string(big)})
	if !strings.Contains(screen(m), "working… analysing 1.0 MiB") {
		t.Errorf("a large input being analysed should say so:\n%s", screen(m))
	}
	before := m.result
	stale := analyzeCmd(context.Background(), func() {}, analyze, request{gen: m.gen - 1, kind: KindSheetUser, input: []byte("old"), ring: m.ring})
	drive(t, m, stale)
	if m.result != before || !m.pending {
		t.Error("a stale result was applied")
	}
	drive(t, m, cmd)
	if m.pending || strings.Contains(screen(m), "working…") {
		t.Errorf("the result should replace 'working…':\n%s", screen(m))
	}
}

func TestPrefilledInputIsShown(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Input = []byte(seal(t, testOAuth, testUserJSON) + "\n")
	m := newTestModel(t, opts, 80, 24)
	if s := screen(m); !strings.Contains(s, "AAECAwQFBgcICQoL") || !strings.Contains(s, "✓ opened by test-oauth") {
		t.Errorf("a prefilled input (FILE or piped) should show and be analysed:\n%s", s)
	}
}

func TestBackgroundColourSwitchesStyles(t *testing.T) {
	opts, _ := testOptions(t)
	opts.NoColor = false
	m := newTestModel(t, opts, 80, 24)
	dark := m.View().Content
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if m.isDark {
		t.Fatal("a white background should select the light styles")
	}
	if light := m.View().Content; light == dark || stripStyle(light) != stripStyle(dark) {
		t.Error("light styles should change the colours and nothing else")
	}
	opts.NoColor = true
	plain := newTestModel(t, opts, 80, 24).View().Content
	if strings.Contains(plain, "\x1b[38") || strings.Contains(plain, "\x1b[48") {
		t.Error("NO_COLOR output carries colours")
	}
}

// TestOneAnalysisRunsAtATime types many keys over an input whose analysis
// is slow (a stand-in that waits until it is released or cancelled), with
// the analyses running on other goroutines as the program runs them: at
// most one runs at any time, each superseded one is cancelled, and the
// result shown is the last input's.
func TestOneAnalysisRunsAtATime(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Chosen = "web-identity"
	m := newTestModel(t, opts, 80, 24)
	var running, most, started, cancelled atomic.Int32
	release := make(chan struct{})
	m.analyze = func(ctx context.Context, req request) analysis {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			old := most.Load()
			if n <= old || most.CompareAndSwap(old, n) {
				break
			}
		}
		started.Add(1)
		select {
		case <-ctx.Done():
		case <-release:
		}
		if ctx.Err() != nil { // released late, it may have been cancelled too
			cancelled.Add(1)
		}
		return analyze(ctx, req)
	}
	results := make(chan tea.Msg, 64)
	pending := 0
	run := func(cmd tea.Cmd) {
		if cmd != nil {
			pending++
			go func() { results <- cmd() }()
		}
	}
	deliver := func(msg tea.Msg) {
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				run(c)
			}
		} else if msg != nil {
			_, next := m.Update(msg)
			run(next)
		}
	}
	typed := "u_42-typed-fast"
	for _, c := range typed {
		_, cmd := m.Update(keyMsg(string(c)))
		run(cmd)
		for len(results) > 0 {
			pending--
			deliver(<-results)
		}
	}
	close(release)
	for pending > 0 {
		pending--
		deliver(<-results)
	}
	if got := most.Load(); got != 1 {
		t.Errorf("%d analyses ran at once, want 1", got)
	}
	if s, c := started.Load(), cancelled.Load(); s > int32(len(typed)) || c != s-1 {
		t.Errorf("%d analyses started for %d keys, %d of them cancelled; want every one but the last cancelled", s, len(typed), c)
	}
	if m.pending || m.running != nil || m.result == nil || m.result.digest == nil ||
		m.result.digest.Computed != crypto.UserHash(webIdentity.Value, []byte(typed)) {
		t.Fatalf("pending %v, running %v: the result shown should be the last input's, %q", m.pending, m.running, typed)
	}
}

// An analysis reads the input as it was when requested, however the
// input is edited before its command copies it: the edit that would write
// a byte it reads goes to a new array; a newer request waits for it.
func TestAnAnalysisReadsTheInputAsRequested(t *testing.T) {
	m := newTestModel(t, Options{Secrets: testSecrets(), Input: []byte("alice@example.com"), NoColor: true, Clipboard: &recordingClipboard{}}, 120, 40)
	var seen []string
	m.analyze = func(ctx context.Context, req request) analysis {
		seen = append(seen, string(req.input))
		return analyze(ctx, req)
	}
	_, first := m.Update(keyMsg("x"))
	m.Update(keyMsg("backspace"))
	_, second := m.Update(keyMsg("y")) // writes where the first analysis's 'x' is
	if m.running == nil || second != nil {
		t.Fatalf("running %v; the newer request should wait for the first", m.running)
	}
	drive(t, m, first) // its stale result is dropped, and the latest input's runs
	if len(seen) != 2 || seen[0] != "alice@example.comx" || seen[1] != "alice@example.comy" {
		t.Fatalf("the analyses read %q, want the input as each was requested", seen)
	}
	if m.running != nil || string(m.input.bytes()) != "alice@example.comy" || !strings.Contains(screen(m), "alice@example.comy") {
		t.Fatalf("running %v, input %q", m.running, m.input.bytes())
	}
}

// TestInvisibleCharactersAreShownEscaped: a bidirectional override or a
// zero-width character typed or pasted into a field, the profile filter or
// the add-profile form, or named in the start-up notice, is drawn as a
// visible escape (issue 12), never raw.
func TestInvisibleCharactersAreShownEscaped(t *testing.T) {
	const marks = "\u202e\u2066\u200f\u061c\u200b"
	assertInert := func(where string, m *Model, want string) {
		t.Helper()
		s := screen(m)
		if strings.ContainsAny(s, marks) {
			t.Errorf("%s: a raw invisible character reaches the screen:\n%q", where, s)
		}
		if !strings.Contains(s, want) {
			t.Errorf("%s: the screen lacks %q:\n%s", where, want, s)
		}
	}
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Notice = "profile 'prod\u200b' could not be read"
	m := newTestModel(t, opts, 120, 40)
	assertInert("start-up notice", m, `prod\u200b`)

	paste(t, m, "alice@example.com")
	press(t, m, "tab")
	paste(t, m, "ab\u202ecd")
	assertInert("expected field", m, `ab\u202ecd`)

	press(t, m, "ctrl+u")
	paste(t, m, `{"type":"notification_event"}`)
	press(t, m, "ctrl+g")
	paste(t, m, "X-Hub-Signature: sha1=\u2066ab")
	assertInert("signature header field", m, `sha1=\u2066ab`)

	press(t, m, "esc")
	for m.focus != paneProfiles {
		press(t, m, "tab")
	}
	press(t, m, "/")
	paste(t, m, "web\u200f")
	assertInert("profile filter", m, `web\u200f`)

	press(t, m, "esc", "esc", "a")
	paste(t, m, "prod\u061c")
	assertInert("add-profile form", m, `prod\u061c`)
}

// TestProfilesAreReadInTheBackground: the first frame comes at once while
// a slow secret_cmd is read; then the profiles appear, the one that could
// not be read is named, and the input is analysed with them (issue 12).
func TestProfilesAreReadInTheBackground(t *testing.T) {
	opts, _ := testOptions(t)
	secrets := opts.Secrets
	opts.Secrets, opts.Profiles, opts.Samples = nil, nil, nil
	opts.Input = []byte(seal(t, secrets[0], testUserJSON))
	opts.Reading = len(secrets) + 1
	release := make(chan struct{})
	opts.ReadProfiles = func() []profile.Resolved {
		<-release // a password manager waiting for its user
		var out []profile.Resolved
		for _, s := range secrets {
			out = append(out, profile.Resolved{Profile: profile.Profile{Name: s.Name, Role: s.Role, Source: profile.SourceEnv, Ref: "X"}, Secret: s})
		}
		return append(out, profile.Resolved{Profile: profile.Profile{Name: "vault", Role: crypto.RoleOAuth, Source: profile.SourceCommand},
			Err: &profile.Problem{Profile: "vault", Diagnosis: crypto.Diagnosis{Code: "secret_cmd_timeout", Message: "profile 'vault': its secret_cmd did not finish"}}})
	}
	m := New(opts)
	m.after = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	init := m.Init()
	s := screen(m)
	for _, want := range []string{"reading the profiles…", fmt.Sprintf("reading %d profiles…", len(secrets)+1)} {
		if !strings.Contains(s, want) {
			t.Errorf("before the profiles are read, the screen lacks %q:\n%s", want, s)
		}
	}
	if hasDiagnosis(m, "no_secret") {
		t.Fatal("no_secret shown while the profiles are still being read")
	}
	close(release)
	drive(t, m, init)
	if m.reading != 0 || len(m.secrets) != len(secrets) {
		t.Fatalf("after reading: reading %d, %d secrets", m.reading, len(m.secrets))
	}
	if m.worked() != 0 {
		t.Fatalf("the input was not opened with the profiles read: worked %d", m.worked())
	}
	if s := screen(m); !strings.Contains(s, "1 profile could not be read: 'vault' (secret_cmd_timeout)") {
		t.Errorf("the unreadable profile is not named:\n%s", s)
	}
	// It stays listed in the Profiles pane, marked, not silently missing.
	for m.focus != paneProfiles {
		press(t, m, "tab")
	}
	requireScreen(t, m, "✗ vault · unreadable: secret_cmd_timeout")
}
