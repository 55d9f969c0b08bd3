package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// wrapSpans wraps a whole text, as the tests compare wraps.
func wrapSpans(text []byte, width int) []span {
	return appendSpans(nil, text, 0, width)
}

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
	a := analyze(context.Background(), request{kind: KindHTTPRequest, input: []byte(req), ring: m.ring, chosen: "test-oauth"})
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
	a := analyze(context.Background(), request{kind: KindJWT, input: []byte("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidV80MiJ9.c2ln"), ring: ring, now: time.Unix(0, 0)})
	if a.plainKind != PlainJSON || !strings.Contains(string(a.plain), `"user_id": "u_42"`) || !strings.Contains(string(a.plain), `"alg": "HS256"`) {
		t.Errorf("plain = %s", a.plain)
	}
	if len(a.plainHead) == 0 || !strings.Contains(strings.Join(a.plainHead, "\n"), `user_id    "u_42"`) {
		t.Errorf("the rows above the claims = %q", a.plainHead)
	}
	a = analyze(context.Background(), request{kind: KindJWT, input: []byte("not-a-jwt"), ring: ring, now: time.Unix(0, 0)})
	if a.plainKind != PlainNone || !hasCode(a.diagnoses, "jwt_malformed") {
		t.Errorf("a non-JWT under the JWT override should be said to be malformed: %+v", a.diagnoses)
	}
}

func TestAnalyzeBodyWithAHeaderFromTheField(t *testing.T) {
	body := `{"type":"notification_event","topic":"ping"}`
	header := crypto.HeaderHubSignature + ": " + crypto.SignatureValue(crypto.HeaderHubSignature, testOAuth.Value, []byte(body))
	ring := crypto.NewKeyring(testOAuth, prodOAuth)
	a := analyze(context.Background(), request{kind: KindJSONBody, input: []byte(body), header: header, ring: ring, chosen: "test-oauth"})
	if a.capture == nil || len(a.capture.Signatures) != 1 || !a.capture.Signatures[0].Match || !a.ok || a.verb != "verified" {
		t.Fatalf("the body should verify with the header given: %+v", a.diagnoses)
	}
	a = analyze(context.Background(), request{kind: KindJSONBody, input: []byte(body), ring: ring, chosen: "test-oauth"})
	if !hasCode(a.diagnoses, "signature_missing") || len(a.remarks) == 0 || !strings.Contains(a.remarks[0], "ctrl+g") {
		t.Errorf("without a header the UI should say where to give it: %+v %q", a.diagnoses, a.remarks)
	}
	a = analyze(context.Background(), request{kind: KindJSONBody, input: []byte(body), header: "hello", ring: ring, chosen: "test-oauth"})
	if len(a.remarks) == 0 || !strings.Contains(a.remarks[0], "write it as 'Name: value'") {
		t.Errorf("a header that is not 'Name: value' should be said: %q", a.remarks)
	}
	// A bare value of a signature's form is taken as its header, and checked.
	a = analyze(context.Background(), request{kind: KindJSONBody, input: []byte(body), header: "sha1=abc", ring: ring, chosen: "test-oauth"})
	if a.headerAs != crypto.HeaderHubSignature || hasCode(a.diagnoses, "signature_missing") || a.ok {
		t.Errorf("sha1=abc should be checked as a (short) X-Hub-Signature: as %q, %+v", a.headerAs, a.diagnoses)
	}
}

func hasCode(ds []crypto.Diagnosis, code crypto.Code) bool {
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
		if w := cellWidth(termtext.EscapeControl(string(text[s.start:s.end]), false)); w > 10 {
			t.Errorf("row %q is %d cells", text[s.start:s.end], w)
		}
	}
	if got := string(text[spans[len(spans)-1].start:spans[len(spans)-1].end]); got != "end" {
		t.Errorf("last row = %q", got)
	}
}

// wrapSpansOneByOne is wrapSpans as it was before its run of printable
// ASCII was taken whole: every character on its own. It is the oracle the
// fuzz test holds wrapSpans to.
func wrapSpansOneByOne(text []byte, width int) []span {
	width = max(width, 8)
	spans := make([]span, 0, len(text)/width+1)
	start, w := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			spans = append(spans, span{start, i})
			i++
			start, w = i, 0
			continue
		}
		size, cw := 1, 1
		switch {
		case c >= 0x20 && c < 0x7f:
		case c < 0x80:
			cw = 4 // \xNN
		default:
			var r rune
			r, size = utf8.DecodeRune(text[i:])
			cw = runeCells(r, size)
		}
		if w+cw > width && i > start {
			spans = append(spans, span{start, i})
			start, w = i, 0
		}
		w += cw
		i += size
	}
	if start < len(text) || len(spans) == 0 || text[len(text)-1] == '\n' {
		spans = append(spans, span{start, len(text)})
	}
	return spans
}

func FuzzWrapSpansIsOneByOne(f *testing.F) {
	for _, s := range []string{"", "abc", "a\nb\n", strings.Repeat("x", 100), "Zoë 日本 🙂\x1b[31m\u202e" + strings.Repeat("y", 30), "\n\n\t\xff"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = width%200 + 1
		if got, want := wrapSpans([]byte(s), width), wrapSpansOneByOne([]byte(s), width); !slices.Equal(got, want) {
			t.Fatalf("wrapSpans(%q, %d) = %v, want %v", s, width, got, want)
		}
	})
}

// jsonRowStatesOneByOne is jsonRowStates as it was before it jumped from
// quote to quote: every byte stepped through. The fuzz test's oracle.
func jsonRowStatesOneByOne(text []byte, spans []span) []bool {
	states := make([]bool, len(spans))
	inStr, escaped, pos := false, false, 0
	for i, s := range spans {
		for ; pos < s.start && pos < len(text); pos++ {
			inStr, escaped = jsonStep(text[pos], inStr, escaped)
		}
		states[i] = inStr
	}
	return states
}

func jsonStep(c byte, inStr, escaped bool) (bool, bool) {
	switch {
	case escaped:
		return inStr, false
	case inStr && c == '\\':
		return true, true
	case c == '"':
		return !inStr, false
	}
	return inStr, false
}

func FuzzJSONRowStatesIsOneByOne(f *testing.F) {
	for _, s := range []string{"{}", "{\n  \"a\": \"x\\\"y\"\n}", "\"" + strings.Repeat("\\", 9) + "\"", "[\"a\\\\\", \"b\"]"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = width%40 + 1
		spans := wrapSpans([]byte(s), width)
		if got, want := jsonRowStates([]byte(s), spans), jsonRowStatesOneByOne([]byte(s), spans); !slices.Equal(got, want) {
			t.Fatalf("jsonRowStates(%q, width %d) = %v, want %v", s, width, got, want)
		}
	})
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
