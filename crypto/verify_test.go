package crypto

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func inspect(input string, ring *Keyring, chosen string, extra ...CaptureHeader) *CaptureReport {
	return InspectCapture([]byte(input), extra, ring, chosen, time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
}

// A body whose own line endings are CRLF, inside a request with LF headers:
// the signature is over the body's bytes exactly.
func TestVerifyCaptureSignsTheRawBody(t *testing.T) {
	body := "{\r\n  \"type\": \"notification_event\",\r\n  \"topic\": \"ping\"\r\n}\r\n"
	value := SignatureValue(HeaderHubSignature, oauthTest.Value, []byte(body))
	r := inspect("POST /hook HTTP/1.1\nX-Hub-Signature: "+value+"\n\n"+body, sigRing(oauthTest), "test-oauth")
	if !r.OK() || len(r.Signatures) != 1 || !r.Signatures[0].Match {
		t.Errorf("codes %v", diagnosisCodes(r.Diagnoses))
	}
}

func TestVerifyCaptureBothSignatureHeaders(t *testing.T) {
	body := `{"type":"notification_event","topic":"app.uninstalled"}`
	hub := SignatureValue(HeaderHubSignature, oauthTest.Value, []byte(body))
	r := inspect("X-Hub-Signature: "+hub+"\nX-Body-Signature: 00\n\n"+body, sigRing(oauthTest), "")
	if len(r.Signatures) != 2 || !r.Signatures[0].OK() || r.Signatures[1].OK() || r.OK() {
		t.Errorf("signatures %+v codes %v", r.Signatures, diagnosisCodes(r.Diagnoses))
	}
}

func TestVerifyCaptureIdentity(t *testing.T) {
	ring := sigRing(identity)
	hashOf := func(s string) string { return UserHash(identity.Value, []byte(s)) }
	tests := []struct {
		name, input string
		codes       []string
		ok, checked bool
	}{
		{"user_id takes precedence", `window.intercomSettings = { user_id: "42", email: "a@b.c", user_hash: "` + hashOf("42") + `" }`, []string{"match"}, true, true},
		{"email alone", `window.intercomSettings = { email: "a@b.c", user_hash: "` + hashOf("a@b.c") + `" }`, []string{"match"}, true, true},
		{"email hashed though a user_id is sent", `window.intercomSettings = { user_id: "42", email: "a@b.c", user_hash: "` + hashOf("a@b.c") + `" }`, []string{"identifier_choice"}, false, true},
		{"numeric user_id", `Intercom('boot', { user_id: 42, user_hash: '` + hashOf("42") + `' })`, []string{"match"}, true, true},
		{"no user_hash", `window.intercomSettings = { app_id: "a", user_id: "42" }`, []string{"nothing_to_verify"}, false, false},
		{"empty user_hash", `{email:'',user_hash:""}`, []string{"nothing_to_verify"}, false, false},
		{"user_hash alone", `window.intercomSettings = { user_hash: "ab" }`, []string{"nothing_to_verify"}, false, false},
		{"expression", `window.intercomSettings = { user_id: currentUser.id, user_hash: "ab" }`, []string{"nothing_to_verify", "settings_expression"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := inspect(tt.input, ring, "web-identity")
			if got := diagnosisCodes(r.Diagnoses); !slices.Equal(got, tt.codes) {
				t.Errorf("codes %v, want %v", got, tt.codes)
			}
			if r.OK() != tt.ok || r.Checked() != tt.checked {
				t.Errorf("ok %v checked %v, want %v %v", r.OK(), r.Checked(), tt.ok, tt.checked)
			}
		})
	}
}

func TestVerifyCaptureSheet(t *testing.T) {
	cipher, _ := NewSheetCipher(SheetKey(oauthTest.Value))
	sealed, _ := cipher.Seal(make([]byte, IVSize), []byte(`{"email":"z@example.com"}`))
	body := `{"user":"` + EncodeSheetUser(sealed) + `"}`
	r := inspect("POST /sheet HTTP/1.1\r\nContent-Type: application/json\r\n\r\n"+body, sigRing(oauthProd, oauthTest), "test-oauth")
	if !r.OK() || r.Sheet == nil || string(r.Sheet.Plaintext) != `{"email":"z@example.com"}` {
		t.Fatalf("codes %v", diagnosisCodes(r.Diagnoses))
	}
	r = inspect(body, sigRing(oauthProd), "prod-oauth")
	if r.OK() || !slices.Contains(diagnosisCodes(r.Diagnoses), "auth_failed") || !slices.Contains(diagnosisCodes(r.Diagnoses), "not_signed") {
		t.Errorf("with the wrong secret: %v", diagnosisCodes(r.Diagnoses))
	}
}

func TestVerifyCaptureNothingToVerify(t *testing.T) {
	r := inspect(`{"workspace_id":"a","user":{"email":"z@example.com"}}`, sigRing(oauthTest), "")
	if r.Checked() || r.OK() || !strings.Contains(r.Diagnoses[0].Message, "submit-sheet") {
		t.Errorf("submit-sheet body: %+v", r.Diagnoses)
	}
	r = inspect("just some text", sigRing(oauthTest), "")
	if got := diagnosisCodes(r.Diagnoses); !slices.Equal(got, []string{"nothing_to_verify"}) || !strings.Contains(r.Diagnoses[0].Message, "in the body") {
		t.Errorf("text: %v %v", got, r.Diagnoses)
	}
}

func TestVerifyCaptureInputError(t *testing.T) {
	r := inspect("window.intercomSettings = { user_id: 'x", sigRing(identity), "")
	if r.InputError == nil || r.OK() || r.Checked() || diagnosisCodes(r.Diagnoses)[0] != "snippet_invalid" {
		t.Errorf("report %+v", r)
	}
	if r.Diagnoses[0].Severity != SeverityError || r.Capture == nil {
		t.Errorf("diagnosis %+v", r.Diagnoses[0])
	}
}

func TestVerifyCaptureJWTInSnippet(t *testing.T) {
	token := signHS256(jwtMessenger.Value, hs256, `{"user_id":"1"}`)
	r := inspect("<script>window.intercomSettings = {\n  app_id: 'a',\n  intercom_user_jwt: '"+token+"',\n};</script>", NewKeyring(jwtMessenger), "")
	if !r.OK() || r.JWT == nil || r.Capture.Format != FormatJavaScript {
		t.Errorf("codes %v", diagnosisCodes(r.Diagnoses))
	}
}

func BenchmarkInspectCaptureWebhook(b *testing.B) {
	body := `{"type":"notification_event","topic":"conversation.user.created","data":{"item":{"body":"` + strings.Repeat("word ", 400) + `"}}}`
	input := []byte("POST /hook HTTP/1.1\r\nContent-Type: application/json\r\nX-Hub-Signature: " +
		SignatureValue(HeaderHubSignature, oauthTest.Value, []byte(body)) + "\r\n\r\n" + body)
	ring := sigRing(oauthTest)
	at := time.Now()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		InspectCapture(input, nil, ring, "test-oauth", at)
	}
}

func TestVerifyCaptureBoundsSignatureHeaders(t *testing.T) {
	input := "POST / HTTP/1.1\n" + strings.Repeat("X-Hub-Signature: sha1=00\n", 20) + "\n{}"
	r := inspect(input, sigRing(oauthTest), "")
	if len(r.Signatures) != maxSignatureHeaders || !slices.Contains(diagnosisCodes(r.Diagnoses), "signatures_skipped") {
		t.Errorf("%d signatures, codes %v", len(r.Signatures), diagnosisCodes(r.Diagnoses))
	}
}
