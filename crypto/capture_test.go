package crypto

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func mustRead(t *testing.T, input string, extra ...CaptureHeader) *Capture {
	t.Helper()
	c, err := ReadCapture([]byte(input), extra)
	if err != nil {
		t.Fatalf("ReadCapture: %v", err)
	}
	return c
}

func TestReadCaptureKeepsBodyBytesExactly(t *testing.T) {
	body := "line one\r\nline two\n\tthree  \r\n"
	for _, eol := range []string{"\r\n", "\n"} {
		input := "POST /hook HTTP/1.1" + eol + "Host: x" + eol + "X-Hub-Signature: sha1=00" + eol + eol + body
		c := mustRead(t, input)
		if c.Format != FormatHTTPRequest || c.Method != "POST" || c.Target != "/hook" || c.Proto != "HTTP/1.1" {
			t.Errorf("eol %q: read %q %q %q %q", eol, c.Format, c.Method, c.Target, c.Proto)
		}
		if string(c.Body) != body {
			t.Errorf("eol %q: body %q, want %q", eol, c.Body, body)
		}
		if c.BodyOffset != len(input)-len(body) {
			t.Errorf("eol %q: body offset %d", eol, c.BodyOffset)
		}
		if v, ok := c.Header("x-HUB-signature"); !ok || v != "sha1=00" {
			t.Errorf("eol %q: header lookup is not case-insensitive: %q %v", eol, v, ok)
		}
		if c.Headers[1].Line != 3 {
			t.Errorf("eol %q: header on line %d, want 3", eol, c.Headers[1].Line)
		}
	}
}

func TestReadCaptureFormats(t *testing.T) {
	tests := []struct {
		name, input string
		format      Format
		body        string
		headers     int
	}{
		{"request line without version", "POST /canvas\nX-Body-Signature: ab\n\n{}", FormatHTTPRequest, "{}", 1},
		{"inspector headers and body", "content-type: application/json\nx-hub-signature: sha1=ab\n\n{\"a\":1}", FormatHeadersAndBody, `{"a":1}`, 2},
		{"http/2 pseudo-headers", ":method: POST\n:path: /hook\ncontent-type: text/plain\n\nhi", FormatHeadersAndBody, "hi", 3},
		{"bare JSON body", `{"type":"notification_event"}`, FormatBody, `{"type":"notification_event"}`, 0},
		{"bare form body", "intercom_data=%7B%7D", FormatBody, "intercom_data=%7B%7D", 0},
		{"headers only", "X-Hub-Signature: sha1=ab\n", FormatHeadersAndBody, "", 1},
		{"folded header", "POST / HTTP/1.1\nX-Long: a\n  b\n\nbody", FormatHTTPRequest, "body", 1},
		{"blank lines before the request", "\n  \r\nPOST / HTTP/1.1\r\nA: b\r\n\r\nbody", FormatHTTPRequest, "body", 1},
		{"blank lines before headers", "\n\nA: b\nC: d\n\nbody", FormatHeadersAndBody, "body", 2},
		{"blank lines before a body", "\n{}", FormatBody, "\n{}", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustRead(t, tt.input)
			if c.Format != tt.format || string(c.Body) != tt.body || len(c.Headers) != tt.headers {
				t.Errorf("got %q body %q with %d headers, want %q body %q with %d", c.Format, c.Body, len(c.Headers), tt.format, tt.body, tt.headers)
			}
		})
	}
	c := mustRead(t, "POST / HTTP/1.1\nX-Long: a\n  b\n\nbody")
	if v, _ := c.Header("X-Long"); v != "a b" {
		t.Errorf("folded header value %q, want %q", v, "a b")
	}
	c = mustRead(t, "\n\nA: b\nC: d\n\nbody")
	if c.Headers[1].Line != 4 {
		t.Errorf("the second header is on line %d, want 4", c.Headers[1].Line)
	}
}

func TestReadCaptureNoBlankLine(t *testing.T) {
	c := mustRead(t, "X-Hub-Signature: sha1=ab\n{\"type\":\"ping\"}")
	if string(c.Body) != `{"type":"ping"}` || !hasNote(c.Notes, "no_blank_line") {
		t.Errorf("body %q notes %v", c.Body, c.Notes)
	}
}

func TestReadCaptureContentLength(t *testing.T) {
	c := mustRead(t, "POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody\n")
	if string(c.Body) != "body" || !hasNote(c.Notes, "body_trimmed") {
		t.Errorf("body %q notes %v", c.Body, c.Notes)
	}
	c = mustRead(t, "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nbody")
	if string(c.Body) != "body" || !hasNote(c.Notes, "body_short") {
		t.Errorf("body %q notes %v", c.Body, c.Notes)
	}
	c = mustRead(t, "POST / HTTP/1.1\r\nContent-Length: many\r\n\r\nbody\n")
	if string(c.Body) != "body\n" || len(c.Notes) != 0 {
		t.Errorf("an unreadable Content-Length changed the body: %q %v", c.Body, c.Notes)
	}
}

func TestReadCaptureChunked(t *testing.T) {
	c := mustRead(t, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n")
	if string(c.Body) != "hello, world" || !hasNote(c.Notes, "chunks_joined") || c.BodyOffset != -1 {
		t.Errorf("body %q offset %d notes %v", c.Body, c.BodyOffset, c.Notes)
	}
	c = mustRead(t, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n{\"already\":\"joined\"}")
	if string(c.Body) != `{"already":"joined"}` || !hasNote(c.Notes, "not_chunked") {
		t.Errorf("body %q notes %v", c.Body, c.Notes)
	}
}

func TestReadCaptureExtraHeadersReplace(t *testing.T) {
	extra, err := ParseHeaderLine("x-hub-signature:   sha1=new  ")
	if err != nil {
		t.Fatal(err)
	}
	c := mustRead(t, "POST / HTTP/1.1\nX-Hub-Signature: sha1=old\n\n{}", extra)
	if v, _ := c.Header(HeaderHubSignature); v != "sha1=new" || len(c.Headers) != 1 || !hasNote(c.Notes, "header_replaced") {
		t.Errorf("headers %+v notes %v", c.Headers, c.Notes)
	}
	c = mustRead(t, `{"type":"notification_event","topic":"ping"}`, extra)
	if c.Kind != KindWebhook || c.Format != FormatBody {
		t.Errorf("a bare body with a signature given is %q %q", c.Kind, c.Format)
	}
}

func TestParseHeaderLineRejects(t *testing.T) {
	for _, line := range []string{"", "no colon", ": empty name", "bad name: x", "X-Hub-Signature"} {
		_, err := ParseHeaderLine(line)
		var inputErr *InputError
		if !errors.As(err, &inputErr) || inputErr.Code != "header_invalid" || !strings.Contains(err.Error(), "Name: value") {
			t.Errorf("ParseHeaderLine(%q) = %v", line, err)
		}
	}
}

func TestReadCaptureEmpty(t *testing.T) {
	for _, input := range []string{"", " \n\t\r\n"} {
		c, err := ReadCapture([]byte(input), nil)
		var inputErr *InputError
		if !errors.As(err, &inputErr) || inputErr.Code != "empty_input" || c == nil {
			t.Errorf("ReadCapture(%q) = %v, %v", input, c, err)
		}
	}
}

func TestReadCaptureDetectsKinds(t *testing.T) {
	sealed := EncodeSheetUser(bytes.Repeat([]byte{7}, 40))
	tests := []struct {
		name, input string
		kind        Kind
		format      Format
	}{
		{"jwt", "  eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9.c2ln \n", KindJWT, FormatJWT},
		{"malformed jwt is still a jwt", "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9", KindJWT, FormatJWT},
		{"snippet", "<script>window.intercomSettings = {app_id: 'a', user_id: 1, user_hash: 'x'};</script>", KindIdentity, FormatJavaScript},
		{"boot call", "Intercom('boot', { app_id: 'a', email: 'z@example.com', user_hash: 'x' })", KindIdentity, FormatJavaScript},
		{"jwt in snippet", "window.intercomSettings = { intercom_user_jwt: 'eyJ.a.b' }", KindJWT, FormatJavaScript},
		{"identity JSON body", `{"user_id":"1","user_hash":"ab"}`, KindIdentity, FormatBody},
		{"webhook body naming a user_id", `{"type":"notification_event","data":{"item":{"user_id":"1","email":"a@b"}}}`, KindWebhook, FormatBody},
		{"form sheet", "intercom_data=" + strings.ReplaceAll(`{"user":"`+sealed+`"}`, "+", "%2B"), KindSheetOpen, FormatBody},
		{"bare sheet user", sealed, KindSheetOpen, FormatBody},
		{"broken sheet user in a body", `{"user":"!!!"}`, KindSheetOpen, FormatBody},
		{"canvas body", `{"workspace_id":"a","context":{}}`, KindCanvasKit, FormatBody},
		{"plain text", "hello there", KindUnknown, FormatBody},
		{"request carrying a jwt", "POST /login HTTP/1.1\n\neyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9.c2ln\n", KindJWT, FormatHTTPRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustRead(t, tt.input)
			if c.Kind != tt.kind || c.Format != tt.format {
				t.Errorf("kind %q format %q, want %q %q", c.Kind, c.Format, tt.kind, tt.format)
			}
		})
	}
}

func TestReadCaptureSnippetError(t *testing.T) {
	_, err := ReadCapture([]byte("window.intercomSettings = { user_id: 'unterminated };"), nil)
	var inputErr *InputError
	if !errors.As(err, &inputErr) || inputErr.Code != "snippet_invalid" || inputErr.Offset != 37 {
		t.Fatalf("err = %#v", err)
	}
	// The same text inside a signed body is the body's business, not an error.
	extra := []CaptureHeader{{Name: HeaderBodySignature, Value: "ab"}}
	if _, err := ReadCapture([]byte("window.intercomSettings = { user_id: 'unterminated };"), extra); err != nil {
		t.Errorf("a signed body that holds a broken snippet: %v", err)
	}
}

func TestSecretRole(t *testing.T) {
	for kind, role := range map[Kind]Role{KindJWT: RoleMessenger, KindIdentity: RoleIdentity, KindWebhook: RoleOAuth, KindSheetOpen: RoleOAuth, KindUnknown: RoleOAuth} {
		if got := (&Capture{Kind: kind}).SecretRole(); got != role {
			t.Errorf("%s: role %s, want %s", kind, got, role)
		}
	}
}

func hasNote(notes []Note, code Code) bool {
	for _, n := range notes {
		if n.Code == code {
			return true
		}
	}
	return false
}
