package cli

import (
	"strings"
	"testing"
)

func TestUsageAndVersion(t *testing.T) {
	if r := runCLI(t, "", nil, "version"); r.code != exitOK || r.stdout != "sealpeek dev\n" {
		t.Fatalf("version: %+v", r)
	}
	if r := runCLI(t, "", nil, "--version"); r.code != exitOK || !strings.HasPrefix(r.stdout, "sealpeek ") {
		t.Fatalf("--version: %+v", r)
	}
	if r := runCLI(t, "", nil, "frobnicate"); r.code != exitUsage || !strings.Contains(r.stderr, `unknown verb "frobnicate"`) {
		t.Fatalf("unknown verb: %+v", r)
	}
	if r := runCLI(t, "", nil, "decrypt", "--nope"); r.code != exitUsage || !strings.Contains(r.stderr, "unknown flag: --nope") {
		t.Fatalf("unknown flag: %+v", r)
	}
	if r := runCLI(t, "", nil, "decrypt", "--help"); r.code != exitOK || !(strings.Contains(r.stdout, "sealpeek decrypt") && strings.Contains(r.stdout, "--secret-env")) {
		t.Fatalf("help: %+v", r)
	}
	if r := runCLI(t, "", nil, "decrypt", "a", "b"); r.code != exitUsage || !strings.Contains(r.stderr, "too many arguments (b)") {
		t.Fatalf("extra argument: %+v", r)
	}
}
