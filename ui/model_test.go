package ui

import (
	"context"
	"image/color"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sealpeek/sealpeek/internal/termtext"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

func hasDiagnosis(m *Model, code string) bool {
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
	if string(m.input.data) != seal(t, testOAuth, testUserJSON)+"\n" {
		t.Errorf("input = %q; the pasted CR should read as a newline", m.input.data)
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

func TestSecondPasteReplacesTheFirst(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "first")
	paste(t, m, seal(t, testOAuth, testUserJSON))
	if !strings.HasPrefix(string(m.input.data), "AAECAwQF") {
		t.Fatalf("input = %q, want the second paste alone", m.input.data)
	}
	press(t, m, "ctrl+z")
	if string(m.input.data) != "first" {
		t.Errorf("after undo input = %q, want the first paste back", m.input.data)
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
	for _, want := range []string{"✗ error wrong_profile", "opened by 'prod-oauth'", "✗ opened by prod-oauth, not the chosen"} {
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
	if s := screen(m); !strings.Contains(s, "copied the IV (hex) (24 B) via test clipboard") {
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

func TestCopyWarnsAboutLargeOSC52(t *testing.T) {
	msg := CopiedMsg{What: "the decrypted JSON", Bytes: 10 << 10, Via: "OSC 52"}
	if s := msg.Status(); !strings.Contains(s, "some terminals drop OSC 52 silently") {
		t.Errorf("status %q does not warn about a large OSC 52 copy", s)
	}
	msg = CopiedMsg{What: "the IV", Bytes: 24, Via: "OSC 52", Err: errFake("no xclip or xsel")}
	if s := msg.Status(); !strings.Contains(s, "the system clipboard failed: no xclip or xsel") {
		t.Errorf("status %q swallows the clipboard failure", s)
	}
}

type errFake string

func (e errFake) Error() string { return string(e) }

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

func TestTypingEditsTheInput(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	opts.Chosen = "web-identity"
	m := newTestModel(t, opts, 80, 24)
	press(t, m, "u", "_", "4", "2", "x", "backspace")
	if string(m.input.data) != "u_42" || m.kind != KindUserData {
		t.Fatalf("input %q kind %v, want u_42 as user data", m.input.data, m.kind)
	}
	if m.result.digest == nil || m.result.digest.Computed != crypto.UserHash(webIdentity.Value, []byte("u_42")) {
		t.Errorf("digest of the typed data is wrong: %+v", m.result.digest)
	}
	press(t, m, "ctrl+u")
	if len(m.input.data) != 0 {
		t.Errorf("ctrl+u left %q", m.input.data)
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

// quotePrefix must show what quoting all the data and cutting it showed.
func FuzzQuotePrefixIsTheCutQuote(f *testing.F) {
	for _, s := range []string{"", "184632", strings.Repeat("é", 150), strings.Repeat("x", 199) + "👩‍💻", strings.Repeat("\x00", 60), "\xff\xfe" + strings.Repeat("ab", 120)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strconv.QuoteToASCII(s)
		if len(want) > 200 {
			want = want[:200] + "…"
		}
		if got := quotePrefix([]byte(s), 200); got != want {
			t.Fatalf("quotePrefix(%q) = %q, want %q", s, got, want)
		}
	})
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

func TestAnOversizePasteIsRefusedAndTheInputKept(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "alice@example.com")
	paste(t, m, strings.Repeat("A", termtext.MaxInputSize+1))
	if got := string(m.input.data); got != "alice@example.com" {
		t.Fatalf("the input became %d bytes; an oversize paste must leave it as it was", len(got))
	}
	if !m.statusErr || !strings.Contains(m.status, "more than the 16.0 MiB sealpeek reads") {
		t.Fatalf("status %q (error %v) should say why the paste was refused", m.status, m.statusErr)
	}
	if s := screen(m); !strings.Contains(s, "alice@example.com") {
		t.Fatalf("the screen lost the input:\n%s", s)
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

// TestASupersededAnalysisStopsEarly cancels an analysis before its work:
// it reports cancelled, having opened nothing, and is not shown.
func TestASupersededAnalysisStopsEarly(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, seal(t, testOAuth, testUserJSON))
	before := m.result
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := analyze(ctx, request{gen: m.gen, kind: KindSheetUser, input: m.input.data, ring: m.ring})
	if !a.cancelled || a.sheet != nil || a.plain != nil {
		t.Fatalf("a cancelled analysis did the work: cancelled %v, sheet %v", a.cancelled, a.sheet != nil)
	}
	m.Update(analysisMsg{a})
	if m.result != before {
		t.Error("a cancelled analysis was shown")
	}
}
