package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// Clearly fake secrets: nothing here opens anything real.
var (
	testOAuth   = crypto.Secret{Name: "test-oauth", Role: crypto.RoleOAuth, Workspace: "test", Value: []byte("FAKE-test-oauth-client-secret")}
	prodOAuth   = crypto.Secret{Name: "prod-oauth", Role: crypto.RoleOAuth, Workspace: "production", Value: []byte("FAKE-prod-oauth-client-secret")}
	webIdentity = crypto.Secret{Name: "web-identity", Role: crypto.RoleIdentity, Workspace: "test", Platform: "web", Value: []byte("FAKE-web-identity-secret")}
	iosIdentity = crypto.Secret{Name: "ios-identity", Role: crypto.RoleIdentity, Workspace: "test", Platform: "ios", Value: []byte("FAKE-ios-identity-secret")}
)

var fixedIV = []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}

const testUserJSON = `{"user_id":"u_42","email":"alice@example.com","name":"Alice"}`

// seal makes a sheet user as Intercom would send it, with a fixed IV.
func seal(t testing.TB, s crypto.Secret, plaintext string) string {
	t.Helper()
	c, err := crypto.NewSheetCipher(crypto.SheetKey(s.Value))
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := c.Seal(fixedIV, []byte(plaintext))
	if err != nil {
		t.Fatal(err)
	}
	return crypto.EncodeSheetUser(sealed)
}

func testSecrets() []crypto.Secret {
	return []crypto.Secret{testOAuth, prodOAuth, webIdentity, iosIdentity}
}

// demoSamples are the samples the golden screens cycle through.
func demoSamples(t testing.TB) []Sample {
	good := seal(t, testOAuth, testUserJSON)
	return []Sample{
		{Name: "sheet user", Kind: "sheet user", Input: []byte(good), Description: "a sealed user the chosen profile opens"},
		{Name: "wrong profile", Input: []byte(seal(t, prodOAuth, testUserJSON)), Description: "sealed with production's secret while test is chosen"},
		{Name: "form body", Input: []byte("intercom_data=" + strings.ReplaceAll(strings.ReplaceAll(`{"workspace_id":"abc123","user":"`+good+`"}`, `"`, "%22"), "+", "%2B")), Description: "an open-sheet form body"},
		{Name: "user_hash mismatch", Kind: "user data", Input: []byte("alice@example.com"), Expect: crypto.UserHash([]byte("FAKE-some-other-secret"), []byte("alice@example.com")), Description: "a digest made with a secret no profile has"},
	}
}

// testOptions are demo-mode options with a recording clipboard.
func testOptions(t testing.TB) (Options, *recordingClipboard) {
	clip := &recordingClipboard{}
	return Options{
		Secrets:   testSecrets(),
		Profiles:  []ProfileInfo{{Name: "test-oauth", Source: "secret_file"}, {Name: "prod-oauth", Source: "secret_env"}},
		Chosen:    "test-oauth",
		Samples:   demoSamples(t),
		NoColor:   true,
		Clipboard: clip,
	}, clip
}

// recordingClipboard keeps what was copied instead of touching a clipboard.
type recordingClipboard struct{ copies []string }

func (c *recordingClipboard) Copy(what, text string) tea.Cmd {
	c.copies = append(c.copies, text)
	return func() tea.Msg { return CopiedMsg{What: what, Bytes: len(text), Via: "test clipboard"} }
}

// newTestModel makes a model at a size, with time stopped for status
// messages, and runs its first analysis.
func newTestModel(t testing.TB, opts Options, w, h int) *Model {
	t.Helper()
	m := New(opts)
	m.after = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drive(t, m, m.Init())
	return m
}

// drive runs commands as the program would, feeding their messages back
// into the model until none are left. Commands that do not finish quickly
// (timers) are dropped.
func drive(t testing.TB, m *Model, cmds ...tea.Cmd) {
	t.Helper()
	queue := cmds
	for rounds := 0; len(queue) > 0; rounds++ {
		if rounds > 50 {
			t.Fatal("commands keep producing commands")
		}
		var next []tea.Cmd
		for _, c := range queue {
			if c == nil {
				continue
			}
			done := make(chan tea.Msg, 1)
			go func() { done <- c() }()
			var msg tea.Msg
			select {
			case msg = <-done:
			case <-time.After(5 * time.Second):
				continue
			}
			if batch, ok := msg.(tea.BatchMsg); ok {
				next = append(next, batch...)
				continue
			}
			if msg != nil {
				_, cmd := m.Update(msg)
				next = append(next, cmd)
			}
		}
		queue = next
	}
}

// press sends keys ("tab", "ctrl+y", or text) and runs what they start.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		drive(t, m, cmd)
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]tea.Key{
		"tab": {Code: tea.KeyTab}, "shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"enter": {Code: tea.KeyEnter}, "backspace": {Code: tea.KeyBackspace}, "esc": {Code: tea.KeyEscape},
		"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight}, "pgdown": {Code: tea.KeyPgDown}, "f1": {Code: tea.KeyF1},
		"pgup": {Code: tea.KeyPgUp}, "home": {Code: tea.KeyHome}, "end": {Code: tea.KeyEnd}, "delete": {Code: tea.KeyDelete},
		"ctrl+home": {Code: tea.KeyHome, Mod: tea.ModCtrl}, "ctrl+end": {Code: tea.KeyEnd, Mod: tea.ModCtrl},
		"alt+left": {Code: tea.KeyLeft, Mod: tea.ModAlt}, "alt+right": {Code: tea.KeyRight, Mod: tea.ModAlt},
		"ctrl+left": {Code: tea.KeyLeft, Mod: tea.ModCtrl}, "ctrl+right": {Code: tea.KeyRight, Mod: tea.ModCtrl},
	}
	if key, ok := special[k]; ok {
		return tea.KeyPressMsg(key)
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// paste sends a bracketed paste and runs what it starts.
func paste(t testing.TB, m *Model, text string) {
	t.Helper()
	_, cmd := m.Update(tea.PasteMsg{Content: text})
	drive(t, m, cmd)
}

// screen is the rendered view without styling.
func screen(m *Model) string { return stripStyle(m.View().Content) }

// captureCase is the capture fixture of this name (fixtures/captures).
func captureCase(t testing.TB, name string) fixtures.CaptureCase {
	t.Helper()
	cases, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no capture fixture %q", name)
	return fixtures.CaptureCase{}
}

// captureInput is a capture fixture's file, as a person would paste it.
func captureInput(t testing.TB, c fixtures.CaptureCase) string {
	t.Helper()
	data, err := c.Input()
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// captureClock is the time a capture fixture is checked at (its "at"), so
// a JWT's validity reads the same on every run.
func captureClock(t testing.TB, c fixtures.CaptureCase) func() time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, c.At)
	if err != nil {
		t.Fatalf("capture %s: at %q: %v", c.Name, c.At, err)
	}
	return func() time.Time { return at }
}

// captureSecret is one of the secrets the capture fixtures are made with.
func captureSecret(t testing.TB, name string) crypto.Secret {
	t.Helper()
	secrets, err := fixtures.CaptureSecrets()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if s.Name == name {
			return crypto.Secret{Name: s.Name, Role: crypto.Role(s.Role), Workspace: s.Workspace, Platform: s.Platform, Value: []byte(s.Value)}
		}
	}
	t.Fatalf("no capture secret %q", name)
	return crypto.Secret{}
}

// captureOptions are the options a capture fixture is checked with: the
// secrets it names, the one it chooses, and the clock stopped at its time.
func captureOptions(t testing.TB, c fixtures.CaptureCase) (Options, *recordingClipboard) {
	t.Helper()
	clip := &recordingClipboard{}
	opts := Options{Chosen: c.Chosen, NoColor: true, Clipboard: clip, Now: captureClock(t, c)}
	for _, name := range c.Profiles {
		opts.Secrets = append(opts.Secrets, captureSecret(t, name))
	}
	return opts, clip
}

// demoTestOptions are the options of 'sealpeek --demo' (DemoOptions, which
// main uses), with colour off, a recording clipboard and the clock stopped
// at the capture fixtures' time.
func demoTestOptions(t testing.TB) (Options, *recordingClipboard) {
	t.Helper()
	opts, err := DemoOptions()
	if err != nil {
		t.Fatal(err)
	}
	clip := &recordingClipboard{}
	opts.NoColor, opts.Clipboard = true, clip
	opts.Now = captureClock(t, captureCase(t, "webhook-ping"))
	return opts, clip
}
