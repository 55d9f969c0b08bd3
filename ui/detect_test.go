package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
)

func TestDetectKind(t *testing.T) {
	sealed := "AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ=="
	cases := []struct {
		input string
		want  Kind
	}{
		{sealed, KindSheetUser},
		{"  " + sealed + "\n", KindSheetUser},
		{`{"user":"` + sealed + `"}`, KindJSONBody},
		{"intercom_data=%7B%22user%22%3A%22x%22%7D", KindFormBody},
		{"POST /sheet HTTP/1.1\r\nHost: example.com\r\n\r\n{}", KindHTTPRequest},
		{"alice@example.com", KindUserData},
		{"u_42", KindUserData},
		{"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidV80MiJ9.c2ln", KindJWT},
		{"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidV80MiJ9", KindJWT},
		{"", KindSheetUser},
		{"POST /hooks\nX-Hub-Signature: sha1=00\n\n{}", KindHTTPRequest},
		{"host: example.com\nx-body-signature: 00\n\n{}", KindHeaders},
		{"content-type: application/json\n\n{}", KindHeaders},
		{"user: u_42", KindUserData},
		{"curl 'https://example.com' -H 'X-Body-Signature: 00' --data-raw '{}'", KindCurl},
		{"<script>\n  window.intercomSettings = { app_id: 'x', user_id: '1', user_hash: 'ab' };\n</script>", KindSnippet},
		{"Intercom('boot', { app_id: 'x', email: 'a@b.c', user_hash: 'ab' });", KindSnippet},
	}
	for _, c := range cases {
		if got := DetectKind([]byte(c.input)); got != c.want {
			t.Errorf("DetectKind(%.30q) = %v, want %v", c.input, got, c.want)
		}
	}
	if KindNamed("user data") != KindUserData || KindNamed("nonsense") != KindAuto {
		t.Error("KindNamed does not read the kind names")
	}
}

func TestAnalyzeHTTPRequestOpensItsBody(t *testing.T) {
	opts, _ := testOptions(t)
	m := New(opts)
	req := "POST /open HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"user\":\"" + seal(t, testOAuth, testUserJSON) + "\"}"
	a := analyze(request{kind: KindHTTPRequest, input: []byte(req), ring: m.ring, chosen: "test-oauth"})
	if a.sheet == nil || !a.sheet.OK() || a.plainKind != PlainJSON || !a.ok || a.worked != 0 || a.verb != "opened" {
		t.Fatalf("the request's body should open: %+v", a.diagnoses)
	}
	if !hasCode(a.diagnoses, "not_signed") {
		t.Errorf("an open-sheet request should be said to be unsigned: %+v", a.diagnoses)
	}
	if a.request == nil || a.request.line != "POST /open HTTP/1.1" || len(a.request.headers) != 1 || !strings.HasPrefix(string(a.request.body), `{"user":`) {
		t.Errorf("the request pane's text = %+v", a.request)
	}
}

func TestAnalyzeJWTShowsHeaderAndClaims(t *testing.T) {
	ring := crypto.NewKeyring(testOAuth)
	a := analyze(request{kind: KindJWT, input: []byte("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidV80MiJ9.c2ln"), ring: ring, now: time.Unix(0, 0)})
	if a.plainKind != PlainJSON || !strings.Contains(string(a.plain), `"user_id": "u_42"`) || !strings.Contains(string(a.plain), `"alg": "HS256"`) {
		t.Errorf("plain = %s", a.plain)
	}
	if len(a.plainHead) == 0 || !strings.Contains(strings.Join(a.plainHead, "\n"), `user_id    "u_42"`) {
		t.Errorf("the rows above the claims = %q", a.plainHead)
	}
	a = analyze(request{kind: KindJWT, input: []byte("not-a-jwt"), ring: ring, now: time.Unix(0, 0)})
	if a.plainKind != PlainNone || !hasCode(a.diagnoses, "jwt_malformed") {
		t.Errorf("a non-JWT under the JWT override should be said to be malformed: %+v", a.diagnoses)
	}
}

func TestAnalyzeBodyWithAHeaderFromTheField(t *testing.T) {
	body := `{"type":"notification_event","topic":"ping"}`
	header := crypto.HeaderHubSignature + ": " + crypto.SignatureValue(crypto.HeaderHubSignature, testOAuth.Value, []byte(body))
	ring := crypto.NewKeyring(testOAuth, prodOAuth)
	a := analyze(request{kind: KindJSONBody, input: []byte(body), header: header, ring: ring, chosen: "test-oauth"})
	if a.capture == nil || len(a.capture.Signatures) != 1 || !a.capture.Signatures[0].Match || !a.ok || a.verb != "verified" {
		t.Fatalf("the body should verify with the header given: %+v", a.diagnoses)
	}
	a = analyze(request{kind: KindJSONBody, input: []byte(body), ring: ring, chosen: "test-oauth"})
	if !hasCode(a.diagnoses, "signature_missing") || len(a.remarks) == 0 || !strings.Contains(a.remarks[0], "ctrl+g") {
		t.Errorf("without a header the UI should say where to give it: %+v %q", a.diagnoses, a.remarks)
	}
	a = analyze(request{kind: KindJSONBody, input: []byte(body), header: "sha1=abc", ring: ring, chosen: "test-oauth"})
	if len(a.remarks) == 0 || !strings.Contains(a.remarks[0], "write it as 'Name: value'") {
		t.Errorf("a header that is not 'Name: value' should be said: %q", a.remarks)
	}
}

func hasCode(ds []crypto.Diagnosis, code string) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}

func TestWrapSpansKeepsRowsWithinWidth(t *testing.T) {
	text := []byte("short\n" + strings.Repeat("x", 25) + "\x1b[2J\u202eé\n\nend")
	spans := wrapSpans(text, 10)
	for _, s := range spans {
		if w := cellWidth(EscapeControl(string(text[s.start:s.end]), false)); w > 10 {
			t.Errorf("row %q is %d cells", text[s.start:s.end], w)
		}
	}
	if got := string(text[spans[len(spans)-1].start:spans[len(spans)-1].end]); got != "end" {
		t.Errorf("last row = %q", got)
	}
}

func TestIncrementalWrapMatchesAFullWrap(t *testing.T) {
	var p inputPane
	p.view.setWidth(7)
	typed := "ab\ncdefghijklmnop\n\nq\x1brs"
	for i := range typed {
		p.appendBytes([]byte(typed[i : i+1]))
		if i%3 == 2 {
			p.backspace()
			p.appendBytes([]byte(typed[i : i+1]))
		}
		full := wrapSpans(p.data, 7)
		if len(full) != len(p.view.spans) {
			t.Fatalf("after %q: %d rows, a full wrap has %d", p.data, len(p.view.spans), len(full))
		}
		for j := range full {
			if full[j] != p.view.spans[j] {
				t.Fatalf("after %q: row %d is %v, a full wrap has %v", p.data, j, p.view.spans[j], full[j])
			}
		}
	}
}

func TestPreparePlaintextKinds(t *testing.T) {
	random := make([]byte, 256)
	for i := range random {
		random[i] = byte(i*7 + 128)
	}
	cases := []struct {
		in   string
		want PlainKind
	}{
		{`{"user_id":"u_42"}`, PlainJSON},
		{"plain text\nwith lines", PlainText},
		{"text with a stray \xff byte and a \x1b escape", PlainText},
		{string(random), PlainBinary},
	}
	for _, c := range cases {
		if _, got := preparePlaintext([]byte(c.in)); got != c.want {
			t.Errorf("preparePlaintext(%.20q) = %v, want %v", c.in, got, c.want)
		}
	}
}
