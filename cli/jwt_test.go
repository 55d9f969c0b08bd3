package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCLIJWT(t *testing.T) {
	vars := map[string]string{"M": fixtureSecrets(t)["messenger-prod"].Value}
	token := func(name string) string { return captureInput(t, name) }
	code, out, _ := runCLI(t, "", vars, "jwt", "--secret-env", "M", "--at", "2025-06-01T12:00:00Z", strings.TrimSpace(token("jwt-valid"))).parts()
	if code != exitOK || !strings.Contains(out, `"user_id": "4711"`) || !strings.Contains(out, `"alg": "HS256"`) {
		t.Errorf("token argument: %d %s", code, out)
	}
	code, out, _ = runCLI(t, token("jwt-settings"), vars, "jwt", "--json", "--secret-env", "M", "--at", "1748779200").parts()
	var got captureResult
	if code != exitOK || json.Unmarshal([]byte(out), &got) != nil || !got.OK || got.JWT == nil || got.JWT.UserID != "4711" || got.Signatures[0].Header != "intercom_user_jwt" {
		t.Errorf("snippet on stdin: %d %s", code, out)
	}
	code, out, errOut := runCLI(t, token("jwt-expired"), vars, "jwt", "--secret-env", "M", "--at", "2025-06-01T12:00:00Z").parts()
	if code != exitMismatch || !strings.Contains(errOut, "jwt_expired: the token expired 2 hours ago") || !strings.Contains(out, "claims:") {
		t.Errorf("expired: %d %s %s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, `{"type":"notification_event"}`, vars, "jwt", "--secret-env", "M").parts()
	if code != exitUsage || !strings.Contains(errOut, "found no JWT") {
		t.Errorf("not a token: %d %q", code, errOut)
	}
}

func TestJWTJSONWithoutAToken(t *testing.T) {
	r := runCLI(t, `{"type":"notification_event"}`, nil, "jwt", "--json", "--demo")
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || r.code != exitUsage || v["ok"] != false {
		t.Fatalf("code %d, stdout %q: want exit 2 and one JSON object with ok false", r.code, r.stdout)
	}
	ds, _ := v["diagnoses"].([]any)
	if len(ds) != 1 || ds[0].(map[string]any)["code"] != "jwt_malformed" {
		t.Fatalf("diagnoses %v, want jwt_malformed", ds)
	}
}
