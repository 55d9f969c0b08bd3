package crypto

import (
	"strings"
	"testing"
	"time"
)

func TestDiagnoseAppAnswer(t *testing.T) {
	secret := []byte("client-secret-of-the-app")
	ring := NewKeyring(Secret{Name: "app", Role: RoleOAuth, Value: secret})
	body := `{"type":"notification_event","topic":"ping"}`
	good := "POST /hooks HTTP/1.1\r\nX-Hub-Signature: " + SignatureValue("X-Hub-Signature", secret, []byte(body)) + "\r\n\r\n" + body
	bad := "POST /hooks HTTP/1.1\r\nX-Hub-Signature: sha1=" + strings.Repeat("0", 40) + "\r\n\r\n" + body
	unsigned := "POST /hooks HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" + body
	report := func(raw string, ring *Keyring) *CaptureReport {
		return InspectCapture([]byte(raw), nil, ring, "", time.Now())
	}
	for _, tt := range []struct {
		name   string
		r      *CaptureReport
		status int
		want   Code
	}{
		{"valid rejected", report(good, ring), 401, CodeAppRejectedValid},
		{"valid accepted", report(good, ring), 200, ""},
		{"valid, app failed", report(good, ring), 500, ""},
		{"invalid accepted", report(bad, ring), 204, CodeAppAcceptedInvalid},
		{"unsigned accepted", report(unsigned, ring), 200, CodeAppAcceptedInvalid},
		{"invalid rejected", report(bad, ring), 403, ""},
		{"no secret to tell", report(bad, NewKeyring()), 200, ""},
	} {
		d, ok := DiagnoseAppAnswer(tt.r, tt.status)
		if ok != (tt.want != "") || d.Code != tt.want {
			t.Errorf("%s: %v %q; diagnoses %v", tt.name, ok, d.Code, diagnosisCodes(tt.r.Diagnoses))
			continue
		}
		if ok && (d.Severity != SeverityError || d.Fix == "" || d.Message == "") {
			t.Errorf("%s: %+v", tt.name, d)
		}
	}
}

func TestNotificationTopic(t *testing.T) {
	for body, want := range map[string]string{
		`{"type":"notification_event","topic":"ping"}`: "ping",
		`{"topic":""}`:               "",
		`{"data":{"topic":"inner"}}`: "",
		`not json`:                   "",
		`{"topic":7}`:                "",
	} {
		if got := NotificationTopic([]byte(body)); got != want {
			t.Errorf("%s: %q, want %q", body, got, want)
		}
	}
}
