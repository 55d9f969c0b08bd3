package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// requireScreen fails unless the screen shows every want.
func requireScreen(t *testing.T, m *Model, wants ...string) string {
	t.Helper()
	s := screen(m)
	for _, want := range wants {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	return s
}

func TestPastedWebhookShowsTheSignatureMatch(t *testing.T) {
	c := captureCase(t, "webhook-ping")
	opts, clip := captureOptions(t, c)
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, captureInput(t, c))
	if m.kind != KindHTTPRequest || !m.result.ok {
		t.Fatalf("kind %v, diagnoses %+v: the webhook should verify", m.kind, m.result.diagnoses)
	}
	requireScreen(t, m,
		"Digest · X-Hub-Signature (HMAC-SHA1)",
		"expected  sha1=2e4c97ffad85adff7d6c057e14709889915bf7c7",
		"computed  sha1=2e4c97ffad85adff7d6c057e14709889915bf7c7",
		"with      'test-oauth' (oauth, test) · fingerprint",
		"result    ✓ match",
		"✓ verified by test-oauth",
		"Request · webhook · POST /intercom/webhooks · 6 headers · 233 B body",
		"X-Hub-Signature: sha1=2e4c97ff",
		"i info  match X-Hub-Signature matches",
	)
	if !hasDiagnosis(m, "match") {
		t.Errorf("diagnoses = %+v, want match", m.result.diagnoses)
	}
	press(t, m, "tab", "tab", "tab", "ctrl+y") // header field, profiles, digest
	if m.focus != paneDigest || clip.copies[len(clip.copies)-1] != "X-Hub-Signature: sha1=2e4c97ffad85adff7d6c057e14709889915bf7c7" {
		t.Errorf("focus %v, copied %q: the digest pane copies the header a sender sends", m.focus, clip.copies)
	}
	press(t, m, "ctrl+r")
	report := clip.copies[len(clip.copies)-1]
	for _, want := range []string{"capture: webhook, read as http request", "X-Hub-Signature (HMAC-SHA1): match", "  with: 'test-oauth'"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	for _, s := range opts.Secrets {
		if strings.Contains(report, string(s.Value)) || strings.Contains(screen(m), string(s.Value)) {
			t.Fatalf("the secret of %s is shown", s.Name)
		}
	}
}

func TestTamperedWebhooksAreDiagnosed(t *testing.T) {
	for _, c := range []struct{ fixture, code string }{
		{"diag-signature-mismatch", "signature_mismatch"},
		{"diag-body-reserialized-pretty", "body_reserialized"},
	} {
		t.Run(c.fixture, func(t *testing.T) {
			capture := captureCase(t, c.fixture)
			opts, _ := captureOptions(t, capture)
			m := newTestModel(t, opts, 160, 48)
			paste(t, m, captureInput(t, capture))
			if !hasDiagnosis(m, crypto.Code(c.code)) {
				t.Fatalf("diagnoses = %+v, want %s", m.result.diagnoses, c.code)
			}
			requireScreen(t, m, "✗ error "+c.code, "result    ✗ mismatch", "✗ "+c.code, "fix: ")
		})
	}
}

func TestExpiredJWTIsDiagnosed(t *testing.T) {
	c := captureCase(t, "jwt-expired")
	opts, _ := captureOptions(t, c)
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, captureInput(t, c))
	if m.kind != KindJWT || !hasDiagnosis(m, "jwt_expired") {
		t.Fatalf("kind %v, diagnoses %+v: want jwt_expired", m.kind, m.result.diagnoses)
	}
	requireScreen(t, m,
		"✗ jwt_expired",
		"✗ error jwt_expired the token expired 2 hours ago",
		"Digest · JWT signature (HS256)",
		"expected  VYhaaGaeUXIi__6QJtrvJLWxcZBKyVAOc22SmJiJHmo",
		"computed  VYhaaGaeUXIi__6QJtrvJLWxcZBKyVAOc22SmJiJHmo",
		"result    ✓ match",
		"Plaintext · JWT header and claims",
		"expires    2025-06-01T10:00:00Z · expired 2 hours ago",
		`"user_id": "4711"`,
	)
	// At 80x24 the claims are the pane shown between input and diagnostics.
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	requireScreen(t, m, "Profiles Digest [Plaintext]", "expired 2 hours ago", "✗ error jwt_expired")
}

// TestJWTTimesInMillisecondsAreNotNever: a JWT whose exp is Date.now()'s
// milliseconds does not read "expires never" above its claims while the
// diagnostics say exp is in milliseconds (issue 13).
func TestJWTTimesInMillisecondsAreNotNever(t *testing.T) {
	c := captureCase(t, "diag-jwt-time-milliseconds")
	opts, _ := captureOptions(t, c)
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, captureInput(t, c))
	if !hasDiagnosis(m, "jwt_time_milliseconds") {
		t.Fatalf("diagnoses %+v: want jwt_time_milliseconds", m.result.diagnoses)
	}
	s := screen(m)
	if strings.Contains(s, "never (no exp claim)") {
		t.Errorf("the claims say the token never expires:\n%s", s)
	}
	requireScreen(t, m, "expires    exp 1748782800000 is not a time in seconds (see Diagnostics)")
}

func TestHeaderFieldChecksABareBody(t *testing.T) {
	c := captureCase(t, "webhook-body")
	opts, _ := captureOptions(t, c)
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, captureInput(t, c))
	if m.kind != KindJSONBody || !hasDiagnosis(m, "signature_missing") {
		t.Fatalf("kind %v, diagnoses %+v: a body alone has no signature", m.kind, m.result.diagnoses)
	}
	requireScreen(t, m, "signature header: none", "no signature header", "ctrl+g")
	press(t, m, "ctrl+g")
	if m.focus != paneHeader {
		t.Fatalf("ctrl+g focused %v, want the signature header field", m.focus)
	}
	paste(t, m, c.Headers[0])
	if !m.result.ok || !hasDiagnosis(m, "match") {
		t.Fatalf("with the header given the body should verify: %+v", m.result.diagnoses)
	}
	requireScreen(t, m, "result    ✓ match", "✓ verified by test-oauth")
	press(t, m, "ctrl+g")
	if m.focus != paneInput {
		t.Errorf("ctrl+g again should go back to the input, focus is %v", m.focus)
	}
	// A bare sealed user has no signature to give.
	paste(t, m, seal(t, testOAuth, testUserJSON))
	press(t, m, "ctrl+g")
	requireScreen(t, m, "a signature header is given with a signed body or request")
}

func TestSnippetAndCurlCaptures(t *testing.T) {
	for _, c := range []struct {
		fixture string
		kind    Kind
		wants   []string
	}{
		{"intercom-settings", KindSnippet, []string{"user_hash over the user_id", `data      "4711"`, "result    ✓ match", "✓ matched by web-identity"}},
		{"canvas-curl", KindCurl, []string{"X-Body-Signature · HMAC-SHA256", "result    ✓ match", "Request · Canvas Kit request · POST https://app.example.com/canvas/initialize"}},
		{"sheet-open", KindHTTPRequest, []string{"Split · ", `"user_id": "4711"`, "i info  not_signed", "✓ opened by test-oauth"}},
	} {
		t.Run(c.fixture, func(t *testing.T) {
			capture := captureCase(t, c.fixture)
			opts, _ := captureOptions(t, capture)
			m := newTestModel(t, opts, 160, 48)
			paste(t, m, captureInput(t, capture))
			if m.kind != c.kind || !m.result.ok {
				t.Fatalf("kind %v, diagnoses %+v", m.kind, m.result.diagnoses)
			}
			requireScreen(t, m, c.wants...)
		})
	}
}

func TestCapturedHeadersAreEscaped(t *testing.T) {
	opts, _ := captureOptions(t, captureCase(t, "webhook-ping"))
	m := newTestModel(t, opts, 160, 48)
	paste(t, m, "POST /hooks HTTP/1.1\nX-Evil: \x1b]52;c;ZXZpbA==\x07\u202e\nX-Hub-Signature: sha1=\x1b[2J\n\n{\"topic\":\"ping\"}")
	out := m.View().Content
	if strings.Contains(out, "\x1b]52") || strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\u202e") {
		t.Fatal("control sequences from the captured headers reach the terminal")
	}
	requireScreen(t, m, `X-Evil: \x1b]52;c;ZXZpbA==\x07\u202e`, `sha1=\x1b[2J`)
}

func TestProfileColumnsAlignWithLongNames(t *testing.T) {
	opts, _ := demoTestOptions(t)
	opts.Profiles[0].Source, opts.Profiles[0].Ref = "secret_env", "DEMO_OAUTH"
	opts.Profiles[1].Source, opts.Profiles[1].Ref = "secret_cmd", "pass show intercom/prod --token=abc"
	opts.Secrets[2].Name = "a-profile-name-far-longer-than-any-column-allows"
	m := newTestModel(t, opts, 80, 24)
	press(t, m, "tab")
	s := screen(m)
	var rows []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, " oauth ") || strings.Contains(l, " identity ") || strings.Contains(l, " messenger ") {
			rows = append(rows, l)
		}
	}
	if len(rows) < 4 {
		t.Fatalf("the profile rows are not on screen:\n%s", s)
	}
	col := func(l, word string) int { return len([]rune(l[:strings.Index(l, word)])) }
	role := -1
	for _, l := range rows {
		at := -1
		for _, r := range []string{" oauth ", " identity ", " messenger "} {
			if strings.Contains(l, r) {
				at = col(l, r)
			}
		}
		if role >= 0 && at != role {
			t.Errorf("the role column moves (%d, %d):\n%s", role, at, strings.Join(rows, "\n"))
		}
		role = at
	}
	requireScreen(t, m, "a-profile-name…column-allows identity", "source: env $DEMO_OAUTH")
	press(t, m, "down")
	s = requireScreen(t, m, "source: command")
	if strings.Contains(s, "pass show") || strings.Contains(s, "--token") {
		t.Errorf("a command's text is shown:\n%s", s)
	}
	press(t, m, "down", "down")
	requireScreen(t, m, "source: literal")
}

func TestTypingAtTheEndOfARequestRewrapsItsBodyCorrectly(t *testing.T) {
	c := captureCase(t, "webhook-ping")
	opts, _ := captureOptions(t, c)
	m := newTestModel(t, opts, 160, 48)
	body := strings.Repeat("topic=ping&item=a-long-form-body-that-wraps-over-several-rows&", 12)
	signature := crypto.SignatureValue(crypto.HeaderHubSignature, opts.Secrets[0].Value, []byte(body))
	paste(t, m, "POST /hooks HTTP/1.1\nX-Hub-Signature: "+signature+"\n\n"+body)
	m.View()
	if !m.result.ok {
		t.Fatalf("the request should verify before it is edited: %+v", m.result.diagnoses)
	}
	press(t, m, "x", "y", "backspace", "z")
	m.View()
	got := m.request.text.body
	if string(got) != body+"xz" {
		t.Fatalf("the request body = %q, want the typed characters at its end", got)
	}
	full := wrapSpans(got, m.request.body.width)
	if len(full) != len(m.request.body.spans) {
		t.Fatalf("%d rows after typing, a full wrap has %d", len(m.request.body.spans), len(full))
	}
	for i := range full {
		if full[i] != m.request.body.spans[i] {
			t.Fatalf("row %d is %v, a full wrap has %v", i, m.request.body.spans[i], full[i])
		}
	}
	requireScreen(t, m, "wraps-over-several-rows&xz", "result    ✗ mismatch")
}

func TestEveryInputFitsEverySize(t *testing.T) {
	for _, fixture := range []string{"webhook-ping", "jwt-expired", "intercom-settings", "sheet-open", "canvas-curl", "inspector-paste"} {
		c := captureCase(t, fixture)
		for _, size := range [][2]int{{60, 16}, {80, 24}, {119, 30}, {120, 16}, {120, 40}, {200, 60}} {
			opts, _ := captureOptions(t, c)
			m := newTestModel(t, opts, size[0], size[1])
			paste(t, m, captureInput(t, c))
			for _, focus := range m.visiblePanes() {
				m.setFocus(focus)
				lines := strings.Split(screen(m), "\n")
				if len(lines) != size[1] {
					t.Fatalf("%s at %dx%d, focus %s: %d lines", fixture, size[0], size[1], m.panes[focus].name, len(lines))
				}
				for i, l := range lines {
					if w := cellWidth(l); w != size[0] {
						t.Fatalf("%s at %dx%d, focus %s: line %d is %d cells: %q", fixture, size[0], size[1], m.panes[focus].name, i, w, l)
					}
				}
			}
		}
	}
}
