package cli

import (
	"strings"
	"testing"
)

func TestEncryptThenDecrypt(t *testing.T) {
	r := runCLI(t, `{"test":"test"}`+"\n", published, "encrypt", "--iv", "000102030405060708090a0b", "--secret-env", "SECRET")
	if r.code != exitOK || r.stdout != publishedUser+"\n" {
		t.Fatalf("encrypt with the published IV: %+v", r)
	}
	r = runCLI(t, `{"id":"42","name":"Zoë"}`, published, "encrypt", "--json", "--secret-env", "SECRET")
	v := decodeJSON(t, r.stdout)
	encoded, _ := v["encoded"].(string)
	back := runCLI(t, encoded, published, "decrypt", "--json", "--secret-env", "SECRET")
	if p := decodeJSON(t, back.stdout)["plaintext"].(map[string]any); p["name"] != "Zoë" {
		t.Fatalf("round trip lost the user: %v", p)
	}
	r = runCLI(t, `{"id": 42,}`, published, "encrypt", "--secret-env", "SECRET")
	if r.code != exitUsage || !strings.Contains(r.stderr, "the input is not JSON") || !strings.Contains(r.stderr, "offset 11") {
		t.Fatalf("non-JSON input: %+v", r)
	}
	r = runCLI(t, `{}`, published, "encrypt", "--iv", "0001", "--secret-env", "SECRET")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--iv must be 12 bytes") {
		t.Fatalf("short IV: %+v", r)
	}
}
