package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/fixtures"
)

// TestSignUsesTheOAuthProfile is a regression test: without --profile,
// sign used the first profile of the file, whatever its role.
func TestSignUsesTheOAuthProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	os.WriteFile(path, []byte("[[profile]]\nname = \"web\"\nrole = \"identity\"\nsecret = \"identity-FAKE\"\n\n"+
		"[[profile]]\nname = \"oauth\"\nrole = \"oauth\"\nsecret = \"oauth-FAKE\"\n"), 0o600)
	r := runCLI(t, "body", nil, "sign", "--config", path, "--json")
	if r.code != exitOK || !strings.Contains(r.stdout, `"profile": "oauth"`) || !strings.Contains(r.stdout, fixtures.HubSignature("oauth-FAKE", []byte("body"))) {
		t.Errorf("sign without --profile: %+v", r)
	}
	if r := runCLI(t, "body", nil, "sign", "--config", path, "--profile", "web"); r.code != exitOK || !strings.Contains(r.stdout, fixtures.HubSignature("identity-FAKE", []byte("body"))) {
		t.Errorf("sign --profile web: %+v", r)
	}
	os.WriteFile(path, []byte("[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret = \"a-FAKE\"\n\n[[profile]]\nname = \"b\"\nrole = \"oauth\"\nsecret = \"b-FAKE\"\n"), 0o600)
	if r := runCLI(t, "body", nil, "sign", "--config", path); r.code != exitUsage || !strings.Contains(r.stderr, "2 profiles have role oauth (a, b): pass --profile NAME") {
		t.Errorf("sign between two oauth profiles must not guess: %+v", r)
	}
}

func TestCLISign(t *testing.T) {
	dir := t.TempDir()
	body := filepath.Join(dir, "body.json")
	os.WriteFile(body, []byte("The quick brown fox jumps over the lazy dog"), 0o600)
	vars := map[string]string{"S": "key"}
	code, out, _ := runCLI(t, "", vars, "sign", "--secret-env", "S", body).parts()
	if code != exitOK || out != "X-Hub-Signature: sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9\n" {
		t.Errorf("sign: %d %q", code, out)
	}
	code, out, _ = runCLI(t, "", vars, "sign", body, "--algo", "sha256", "--json", "--secret-env", "S").parts()
	var got signResult
	if json.Unmarshal([]byte(out), &got) != nil || code != exitOK || got.Header != "X-Body-Signature" ||
		got.Value != "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8" || got.BodyBytes != 43 {
		t.Errorf("sign --json: %d %s", code, out)
	}
	code, _, errOut := runCLI(t, "", vars, "sign", "--algo", "md5", "--secret-env", "S", body).parts()
	if code != exitUsage || !strings.Contains(errOut, "sha1 or sha256") {
		t.Errorf("bad --algo: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", nil, "sign", body).parts()
	if code != exitUsage || !strings.Contains(errOut, "no secret") {
		t.Errorf("no secret: %d %q", code, errOut)
	}
}

// What sign prints, verify accepts: the round trip a test sender relies on.
func TestCLISignThenVerify(t *testing.T) {
	body := filepath.Join(t.TempDir(), "body.json")
	os.WriteFile(body, []byte(`{"type":"notification_event","topic":"ping"}`+"\n"), 0o600)
	vars := map[string]string{"S": "secret"}
	for _, algo := range []string{"sha1", "sha256"} {
		_, header, _ := runCLI(t, "", vars, "sign", "--algo", algo, "--secret-env", "S", body).parts()
		code, out, errOut := runCLI(t, "", vars, "verify", "--secret-env", "S", "--header", strings.TrimSpace(header), body).parts()
		if code != exitOK || !strings.Contains(out, ": match") || !strings.Contains(errOut, "info  match") {
			t.Errorf("%s: %d\n%s\n%s", algo, code, out, errOut)
		}
	}
}
