package ui

import (
	"strings"
	"testing"
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
		{"", KindSheetUser},
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
	if a.sheet == nil || !a.sheet.OK() || a.plainKind != PlainJSON {
		t.Fatalf("the request's body should open: %+v", a.diagnoses)
	}
	if len(a.remarks) == 0 || !strings.Contains(a.remarks[0], "signature headers are not checked") {
		t.Errorf("the UI should say what it did not check: %q", a.remarks)
	}
}

func TestAnalyzeJWTShowsHeaderAndClaims(t *testing.T) {
	a := analyze(request{kind: KindJWT, input: []byte("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidV80MiJ9.c2ln")})
	if a.plainKind != PlainJSON || !strings.Contains(string(a.plain), `"user_id": "u_42"`) || !strings.Contains(string(a.plain), `"alg": "HS256"`) {
		t.Errorf("plain = %s", a.plain)
	}
	a = analyze(request{kind: KindJWT, input: []byte("not-a-jwt")})
	if a.plainKind != PlainNone || len(a.remarks) != 1 || !strings.Contains(a.remarks[0], "1 dot-separated parts") {
		t.Errorf("a non-JWT under the JWT override should be said: %+v", a.remarks)
	}
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
