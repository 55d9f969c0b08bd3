package cli

import (
	"strings"
	"testing"
)

func TestHMAC(t *testing.T) {
	key := map[string]string{"K": "secret"}
	const digest = "aa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597"
	r := runCLI(t, "", key, "hmac", "--secret-env", "K", "Message")
	if r.code != exitOK || r.stdout != digest+"\n" {
		t.Fatalf("published vector: %+v", r)
	}
	r = runCLI(t, "", key, "hmac", "Message", "--expect", digest, "--json", "--secret-env", "K")
	v := decodeJSON(t, r.stdout)
	if r.code != exitOK || v["match"] != true || v["digest"] != digest || v["algorithm"] != "HMAC-SHA256" || v["data"] != "Message" {
		t.Fatalf("match: %+v", v)
	}
	r = runCLI(t, "", key, "hmac", "Message", "--expect", strings.Repeat("0", 64), "--json", "--secret-env", "K")
	if v = decodeJSON(t, r.stdout); r.code != exitMismatch || v["match"] != false || v["ok"] != false {
		t.Fatalf("mismatch: code %d %+v", r.code, v)
	}
	r = runCLI(t, "", key, "hmac", "--json", "--secret-env", "K", "Message")
	if v = decodeJSON(t, r.stdout); v["match"] != nil {
		t.Fatalf("match without --expect should be null: %+v", v)
	}
	r = runCLI(t, "Message\n", key, "hmac", "--secret-env", "K", "-")
	if r.code != exitOK || r.stdout == digest+"\n" {
		t.Fatalf("stdin is hashed exactly, trailing newline included: %+v", r)
	}
	r = runCLI(t, "", key, "hmac", "--secret-env", "K")
	if r.code != exitUsage || !strings.Contains(r.stderr, "give the DATA to hash") {
		t.Fatalf("no data: %+v", r)
	}
}
