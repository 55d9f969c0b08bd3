package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/fixtures"
)

// TestFlagErrorsKeepStdoutClean is a regression test: the flag package
// printed the whole help on stdout on every bad flag, so 'VERB --json
// --bad' put text where a script expects JSON, and named the bad flag
// unescaped on stderr.
func TestFlagErrorsKeepStdoutClean(t *testing.T) {
	for _, v := range verbs {
		for _, args := range [][]string{{v.name, "--json", "--no-such-flag\x1b[2J"}, {v.name, "--json", "--secret-env"}} {
			r := runCLI(t, "", nil, args...)
			if v.name == "version" {
				continue // takes no flags at all
			}
			if r.code != exitUsage || r.stdout != "" {
				t.Errorf("sealpeek %s: exit %d, stdout %q", shortArgs(args), r.code, r.stdout)
			}
			if p := inertProblem(r.stderr); p != "" || !strings.HasPrefix(r.stderr, "sealpeek "+v.name+": ") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("sealpeek %s: stderr is not one inert sentence (%s): %q", shortArgs(args), p, r.stderr)
			}
		}
	}
	if r := runCLI(t, "", nil, "--no-such-flag"); r.code != exitUsage || r.stdout != "" || !strings.HasPrefix(r.stderr, "sealpeek: flag provided but not defined") {
		t.Errorf("the terminal UI's flags: %+v", r)
	}
}

// TestSentenceCutsLongQuotes checks the shortening of messages that quote
// huge input: each long quoted value, then the middle of the whole.
func TestSentenceCutsLongQuotes(t *testing.T) {
	long := strings.Repeat("A", 100_000)
	got := sentence(`invalid value "` + long + `" for flag -header: "` + long + `" is not a header`)
	want := `invalid value "` + strings.Repeat("A", 59) + `…" (100000 bytes) for flag -header: "` + strings.Repeat("A", 59) + `…" (100000 bytes) is not a header`
	if got != want {
		t.Errorf("sentence = %q", got)
	}
	got = sentence("unquoted " + long + " end")
	if len(got) > 600 || !strings.HasPrefix(got, "unquoted AAA") || !strings.HasSuffix(got, "AAA end") || !strings.Contains(got, "bytes not shown") {
		t.Errorf("sentence = %q", got)
	}
	if got := sentence("short \x1b[2J é"); got != `short \x1b[2J é` {
		t.Errorf("sentence = %q", got)
	}
	// A cut never splits a character.
	if got := sentence(strings.Repeat("é", 1000)); inertProblem(got) != "" {
		t.Errorf("sentence split a rune: %q", got)
	}
}

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
