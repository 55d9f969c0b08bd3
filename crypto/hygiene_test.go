package crypto

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestCheckSecretHygiene(t *testing.T) {
	token := base64.StdEncoding.EncodeToString([]byte("tok:0f2c4e6a_8b1d_4f3e_9a7c_5e2b1d0c9f8a:NOT-REAL"))
	cases := []struct {
		name, value, codes, message string
	}{
		{"clean", "9f8e7d6c5b4a39281706f5e4d3c2b1a0NOT-REAL", "", ""},
		{"trailing newline", "9f8e7d6c5b4a39281706f5e4d3c2b1a0NOT-REAL\n", "secret_surrounding_whitespace", "ends with a newline, which no Intercom secret has"},
		{"leading space", " 9f8e7d6c5b4a39281706f5e4d3c2b1a0NOT-REAL", "secret_surrounding_whitespace", "starts with a space"},
		{"both ends", "\t9f8e7d6c5b4a39281706f5e4d3c2b1a0NOT-REAL\r\n", "secret_surrounding_whitespace", "starts with a tab and ends with a newline"},
		{"no-break space", "9f8e7d6c5b4a39281706f5e4d3c2b1a0NOT-REAL\u00a0", "secret_surrounding_whitespace", "ends with whitespace (U+00A0)"},
		{"app_id", "ab12cd34", "app_id_as_secret", "is 8 lowercase letters and digits: the shape of a workspace app_id"},
		{"app_id with newline", "ab12cd34\n", "secret_surrounding_whitespace,app_id_as_secret", ""},
		{"uppercase is no app_id", "AB12CD34", "", ""},
		{"nine characters is no app_id", "ab12cd345", "", ""},
		{"android key", "android_sdk-0123456789abcdef0123456789abcdef01234567", "api_key_as_secret", "is an Android SDK API key"},
		{"ios key", "ios_sdk-0123456789abcdef0123456789abcdef01234567", "api_key_as_secret", "is an iOS SDK API key"},
		{"access token", token, "access_token_as_secret", `is an Intercom access token (base64 of "tok:…")`},
		{"url-safe access token", strings.NewReplacer("+", "-", "/", "_").Replace(token), "access_token_as_secret", ""},
		{"tok: prefix without base64", "tok:abcdef", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Secret{Name: "web", Role: RoleIdentity, Platform: "web", Value: []byte(c.value)}
			ds := CheckSecretHygiene(s)
			var codes []string
			for _, d := range ds {
				codes = append(codes, string(d.Code))
				if d.Severity != SeverityError || d.Fix == "" {
					t.Errorf("%s: severity %s, fix %q", d.Code, d.Severity, d.Fix)
				}
				if !strings.Contains(d.Message, "the secret of 'web' (identity, web), fingerprint "+s.Fingerprint()+", ") {
					t.Errorf("%s does not name the profile and fingerprint: %s", d.Code, d.Message)
				}
				if trimmed := strings.TrimSpace(c.value); strings.Contains(d.Message+d.Fix, trimmed) {
					t.Errorf("%s shows the secret: %s", d.Code, d.Message)
				}
			}
			if got := strings.Join(codes, ","); got != c.codes {
				t.Fatalf("got codes %q, want %q", got, c.codes)
			}
			if c.message != "" && !strings.Contains(ds[0].Message, c.message) {
				t.Errorf("message %q does not say %q", ds[0].Message, c.message)
			}
		})
	}
}

func TestCheckDistinctSecrets(t *testing.T) {
	secrets := []Secret{
		{Name: "a", Role: RoleOAuth, Workspace: "test", Value: []byte("one-NOT-REAL")},
		{Name: "b", Role: RoleOAuth, Workspace: "production", Value: []byte("two-NOT-REAL")},
		{Name: "c", Role: RoleOAuth, Workspace: "production", Value: []byte("one-NOT-REAL")},
		{Name: "d", Role: RoleOAuth, Value: []byte("one-NOT-REAL")},
	}
	got := CheckDistinctSecrets(secrets)
	if len(got[0]) != 0 || len(got[1]) != 0 || len(got[2]) != 1 || len(got[3]) != 1 {
		t.Fatalf("got %v", got)
	}
	d := got[2][0]
	if d.Code != "duplicate_secret" || d.Severity != SeverityWarn ||
		d.Message != "'c' (oauth, production) holds the same secret as 'a' (oauth, test) (fingerprint "+Fingerprint([]byte("one-NOT-REAL"))+")" {
		t.Errorf("got %+v", d)
	}
	if !strings.Contains(got[3][0].Message, "as 'a'") {
		t.Errorf("the third copy should name the first: %s", got[3][0].Message)
	}
}

// One detector serves secrets as stored and the secret that made a payload.
func TestLooksLikeAccessToken(t *testing.T) {
	yes := base64.StdEncoding.EncodeToString([]byte("tok:0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0:1:0"))
	for value, want := range map[string]bool{
		yes:                                    true,
		strings.TrimRight(yes, "="):            true,
		" " + yes + "\n":                       true,
		"dG9rOnNob3J0":                         false, // "tok:short", too short to be one
		"3f9c2b7e-51d4-4a8e-b6c0-8d2e7f14a593": false,
		"dG9rOi" + strings.Repeat("!", 30):     false,
	} {
		if got := looksLikeAccessToken([]byte(value)); got != want {
			t.Errorf("%q: %v, want %v", value, got, want)
		}
	}
}
