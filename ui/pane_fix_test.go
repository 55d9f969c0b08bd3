package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
	"github.com/sealpeek/sealpeek/internal/snippets"
)

// diagnosisOptions are the options a diagnosis fixture is checked with:
// its profiles, its chosen one, and a recording clipboard.
func diagnosisOptions(t testing.TB, name string) (Options, *recordingClipboard, string) {
	t.Helper()
	for _, c := range fixtures.DiagnosisCases() {
		if c.Name != name {
			continue
		}
		clip := &recordingClipboard{}
		opts := Options{Chosen: c.Chosen, NoColor: true, Clipboard: clip}
		for _, p := range c.Profiles {
			opts.Secrets = append(opts.Secrets, crypto.Secret{Name: p.Name, Role: crypto.Role(p.Role), Workspace: p.Workspace, Platform: p.Platform, Value: []byte(p.Secret)})
		}
		return opts, clip, c.Input
	}
	t.Fatalf("no diagnosis fixture %q", name)
	return Options{}, nil, ""
}

// selectDiagnosis focuses Diagnostics (last in the focus order) and moves
// its cursor down to the diagnosis of code.
func selectDiagnosis(t testing.TB, m *Model, code crypto.Code) {
	t.Helper()
	press(t, m, "shift+tab")
	if m.focus != paneDiag {
		t.Fatalf("shift+tab from the input focused %s, want Diagnostics", m.panes[m.focus].name)
	}
	for range m.diag.entries() {
		if it := m.diag.selected(); it != nil && it.d.Code == code {
			return
		}
		press(t, m, "down")
	}
	t.Fatalf("no diagnosis %s to select in:\n%s", code, screen(m))
}

// markedLines are the rows of the screen marked "> " as fixing (in the
// right column of the wide layout, or the whole row of the narrow one).
func markedLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if _, right, ok := strings.Cut(l, "│"); ok {
			l = right
		}
		if strings.HasPrefix(l, "> ") {
			out = append(out, l)
		}
	}
	return out
}

// keyDerivation is the key derivation of each language's sheet-user
// snippet: the line key_hex_digest's fix points at.
var keyDerivation = map[string]string{
	snippets.LangPHP:    "$key = openssl_digest($clientSecret, 'sha256', true)",
	snippets.LangNode:   "const key = crypto.createHash('sha256')",
	snippets.LangPython: "key = hashlib.sha256(",
	snippets.LangRuby:   "key = OpenSSL::Digest::SHA256.digest(",
	snippets.LangGo:     "key := sha256.Sum256(clientSecret)",
	snippets.LangJava:   `byte[] key = MessageDigest.getInstance("SHA-256")`,
}

// TestFixKeyOpensTheSnippetMarkedAndCopiable walks issue 17's UI story: a
// sheet user sealed with the hex-digest key, its diagnosis selected, f
// opens the sheet-user snippet with the key derivation marked, l goes
// through every language, ctrl+y copies the snippet exactly, esc closes and
// the language chosen stays for the session.
func TestFixKeyOpensTheSnippetMarkedAndCopiable(t *testing.T) {
	opts, clip, input := diagnosisOptions(t, "hex-digest-key")
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, input)
	if !hasDiagnosis(m, "key_hex_digest") {
		t.Fatalf("diagnoses = %+v, want key_hex_digest", m.result.diagnoses)
	}
	selectDiagnosis(t, m, "key_hex_digest")
	if s := screen(m); !strings.Contains(s, "│▸ ✗ error key_hex_digest") {
		t.Fatalf("the selected diagnosis is not marked ▸:\n%s", s)
	}
	press(t, m, "f")
	if m.focus != paneFix {
		t.Fatalf("f focused %s, want the Fix pane; status %q", m.panes[m.focus].name, m.status)
	}
	s := screen(m)
	if !strings.Contains(s, "▸ Fix · key_hex_digest · php · sheet-user.php · l: language") {
		t.Fatalf("with no language known the fix opens in the first, asking for one:\n%s", s)
	}
	if strings.Contains(s, "Split ·") || strings.Contains(s, "Plaintext") {
		t.Errorf("the open Fix pane should cover the other result panes:\n%s", s)
	}
	for i, lang := range append(snippets.Languages(), snippets.LangPHP) {
		if i > 0 {
			press(t, m, "l")
		}
		s := screen(m)
		if !strings.Contains(s, "Fix · key_hex_digest · "+lang+" · ") {
			t.Fatalf("after %d presses of l the title is not %s's:\n%s", i, lang, s)
		}
		marked := markedLines(s)
		if len(marked) == 0 || !strings.Contains(marked[0], keyDerivation[lang]) {
			t.Errorf("%s: the marked lines %q are not the key derivation %q:\n%s", lang, marked, keyDerivation[lang], s)
		}
		press(t, m, "ctrl+y")
		want, _ := snippets.Get(lang, snippets.TopicSheetUser)
		if got := clip.copies[len(clip.copies)-1]; got != want.Source {
			t.Errorf("%s: ctrl+y copied %q, want the snippet's source exactly", lang, got)
		}
		if !strings.Contains(m.status, want.File) {
			t.Errorf("%s: status %q does not name the snippet copied", lang, m.status)
		}
	}
	if strings.Contains(screen(m), "l: language") {
		t.Error("once a language is chosen the title stops asking for one")
	}
	press(t, m, "l", "esc")
	if s := screen(m); m.focus != paneDiag || strings.Contains(s, "Fix ·") || !strings.Contains(s, "Split ·") {
		t.Fatalf("esc should close the Fix pane back to Diagnostics, with the results back (focus %s):\n%s", m.panes[m.focus].name, s)
	}
	press(t, m, "f")
	if s := screen(m); !strings.Contains(s, "Fix · key_hex_digest · node · sheet-user.js") {
		t.Errorf("the fix should open again in the language chosen last (node):\n%s", s)
	}
}

// TestFixLanguageFromOptions opens the fix in Options.Lang, an alias too,
// without asking for a language.
func TestFixLanguageFromOptions(t *testing.T) {
	opts, _, input := diagnosisOptions(t, "hex-digest-key")
	opts.Lang = "py"
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, input)
	selectDiagnosis(t, m, "key_hex_digest")
	press(t, m, "f")
	s := screen(m)
	// The narrow layout's title is the tabs: the pane says what it shows.
	if !strings.Contains(s, "[Fix]") || !strings.Contains(s, "key_hex_digest · python · sheet_user.py") || strings.Contains(s, "l: language") {
		t.Fatalf("want the python fix, in the detail slot, not asking for a language:\n%s", s)
	}
	if marked := markedLines(s); len(marked) == 0 || !strings.Contains(marked[0], keyDerivation[snippets.LangPython]) {
		t.Errorf("the key derivation should be marked and in view, got %q:\n%s", marked, s)
	}
}

// TestFixKeyWithoutCodeFixSaysSo: wrong_profile is fixed by choosing a
// profile, not by code; f says so and opens nothing.
func TestFixKeyWithoutCodeFixSaysSo(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, seal(t, prodOAuth, testUserJSON))
	selectDiagnosis(t, m, "wrong_profile")
	press(t, m, "f")
	if m.focus != paneDiag || m.fix.open {
		t.Fatalf("f on a diagnosis without a code fix opened the Fix pane")
	}
	if !strings.HasPrefix(m.status, "wrong_profile has no code fix: ") {
		t.Errorf("status = %q, want that wrong_profile has no code fix, and what its fix is", m.status)
	}
}

// TestDiagnosticsCursorMovesByDiagnosis: up and down go from diagnosis to
// diagnosis, the list scrolling to keep the selected one shown, and the
// unfocused list has no cursor.
func TestDiagnosticsCursorMovesByDiagnosis(t *testing.T) {
	opts, _, input := diagnosisOptions(t, "hex-key-and-tag-first")
	m := newTestModel(t, opts, 60, 16) // the smallest screen: a few rows of diagnostics
	paste(t, m, input)
	if s := screen(m); strings.Contains(s, "▸ ✗") {
		t.Fatalf("the unfocused list shows a cursor:\n%s", s)
	}
	press(t, m, "shift+tab")
	first := m.diag.selected()
	if first == nil {
		t.Fatalf("no diagnosis selected:\n%s", screen(m))
	}
	press(t, m, "down")
	second := m.diag.selected()
	if second == nil || second.d.Code == first.d.Code {
		t.Fatalf("down did not move to the next diagnosis")
	}
	if s := screen(m); !strings.Contains(s, "▸ ✗ error "+string(second.d.Code)) {
		t.Errorf("the second diagnosis is selected but not shown marked:\n%s", s)
	}
	press(t, m, "down")
	if m.diag.selected().d.Code != second.d.Code {
		t.Errorf("down past the last diagnosis should stay on it")
	}
	press(t, m, "up")
	if s := screen(m); m.diag.selected().d.Code != first.d.Code || !strings.Contains(s, "▸ ✗ error "+string(first.d.Code)) {
		t.Errorf("up should go back to the first diagnosis, shown:\n%s", s)
	}
}

// TestFixTopicFollowsThePayload: a code several payloads report is shown in
// the snippet of the payload that reported it.
func TestFixTopicFollowsThePayload(t *testing.T) {
	diag := func(code crypto.Code) []crypto.Diagnosis { return []crypto.Diagnosis{{Code: code}} }
	hub := &crypto.SignatureCheck{Header: crypto.HeaderHubSignature, Diagnoses: diag("uppercase_hex")}
	body := &crypto.SignatureCheck{Header: crypto.HeaderBodySignature, Diagnoses: diag("uppercase_hex")}
	for _, c := range []struct {
		name    string
		a       *analysis
		code    crypto.Code
		profile bool
		want    string
	}{
		{"user_hash", &analysis{digest: &crypto.DigestReport{Diagnoses: diag("uppercase_hex")}}, "uppercase_hex", false, snippets.TopicUserHash},
		{"X-Hub-Signature", &analysis{capture: &crypto.CaptureReport{Signatures: []*crypto.SignatureCheck{hub}}}, "uppercase_hex", false, snippets.TopicWebhookSignature},
		{"X-Body-Signature", &analysis{capture: &crypto.CaptureReport{Signatures: []*crypto.SignatureCheck{body}}}, "uppercase_hex", false, snippets.TopicCanvasSignature},
		{"JWT", &analysis{capture: &crypto.CaptureReport{JWT: &crypto.JWTReport{Diagnoses: diag("jwt_expired")}}}, "jwt_expired", false, snippets.TopicJWTVerify},
		{"JWT, a code only minting fixes", &analysis{capture: &crypto.CaptureReport{JWT: &crypto.JWTReport{Diagnoses: diag("jwt_secret_base64")}}}, "jwt_secret_base64", false, snippets.TopicJWTMint},
		{"sheet user", &analysis{sheet: &crypto.SheetReport{Diagnoses: diag("key_hex_digest")}}, "key_hex_digest", false, snippets.TopicSheetUser},
		{"a profile's problem", &analysis{capture: &crypto.CaptureReport{Signatures: []*crypto.SignatureCheck{body}}}, "uppercase_hex", true, snippets.TopicUserHash},
		{"no fix in code", &analysis{}, "wrong_profile", false, ""},
	} {
		if got := fixTopic(c.a, c.code, c.profile); got != c.want {
			t.Errorf("%s: %s shown in %q, want %q", c.name, c.code, got, c.want)
		}
	}

	// And through the UI: an uppercase X-Body-Signature opens canvas-signature.
	capture := captureCase(t, "diag-uppercase-hex")
	opts, _ := captureOptions(t, capture)
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, captureInput(t, capture))
	selectDiagnosis(t, m, "uppercase_hex")
	press(t, m, "f")
	if s := screen(m); !strings.Contains(s, "Fix · uppercase_hex · php · canvas-signature.php") {
		t.Errorf("an uppercase X-Body-Signature should open the canvas-signature fix:\n%s", s)
	}
}

// TestFixPaneDrawsItsSize holds the open Fix pane to the Pane contract in
// every language, in its own slot and in the narrow layout's shared one,
// and the whole screen to its size.
func TestFixPaneDrawsItsSize(t *testing.T) {
	opts, _, input := diagnosisOptions(t, "hex-digest-key")
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, input)
	selectDiagnosis(t, m, "key_hex_digest")
	press(t, m, "f")
	for range snippets.Languages() {
		for _, tabbed := range []bool{false, true} {
			c := m.context(paneFix)
			c.tabbed = tabbed
			for _, size := range [][2]int{{44, 1}, {60, 7}, {99, 30}, {119, 80}} {
				rows := m.fix.Rows(c, size[0], size[1])
				if len(rows) != size[1] {
					t.Errorf("%s at %dx%d (tabbed %v): %d rows", m.fix.lang, size[0], size[1], tabbed, len(rows))
				}
				for i, r := range rows {
					if w := cellWidth(stripStyle(r)); w != size[0] {
						t.Errorf("%s at %dx%d (tabbed %v): row %d is %d cells", m.fix.lang, size[0], size[1], tabbed, i, w)
					}
				}
			}
		}
		for _, size := range [][2]int{{60, 16}, {80, 24}, {160, 48}} {
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			lines := strings.Split(screen(m), "\n")
			if len(lines) != size[1] {
				t.Errorf("%s at %dx%d: %d lines", m.fix.lang, size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if w := cellWidth(l); w != size[0] {
					t.Errorf("%s at %dx%d: line %d is %d cells: %q", m.fix.lang, size[0], size[1], i, w, l)
				}
			}
		}
		press(t, m, "l")
	}
}

// TestFixPaneClosesWhenItsDiagnosisGoes: pasting a payload without the
// mistake closes the fix, and the result panes are back.
func TestFixPaneClosesWhenItsDiagnosisGoes(t *testing.T) {
	opts, _, input := diagnosisOptions(t, "hex-digest-key")
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, input)
	selectDiagnosis(t, m, "key_hex_digest")
	press(t, m, "f")
	if !m.fix.open {
		t.Fatal("f did not open the Fix pane")
	}
	paste(t, m, seal(t, opts.Secrets[0], testUserJSON))
	if s := screen(m); m.fix.open || m.focus == paneFix || strings.Contains(s, "Fix ·") || !strings.Contains(s, "Split ·") {
		t.Errorf("a payload that opens should close the fix of key_hex_digest (focus %s):\n%s", m.panes[m.focus].name, s)
	}
}
