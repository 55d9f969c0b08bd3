package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/fixtures"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// inputVerbs are the verbs that read a payload from standard input, with
// the secret that fits each.
var inputVerbs = [][]string{
	{"decrypt", "--secret-env", "H_OAUTH"},
	{"encrypt", "--secret-env", "H_OAUTH"},
	{"verify", "--secret-env", "H_OAUTH"},
	{"jwt", "--secret-env", "H_MESSENGER"},
	{"hmac", "--secret-env", "H_IDENTITY", "-"},
	{"sign", "--secret-env", "H_OAUTH"},
}

// bothModes runs args as text and as --json.
func bothModes(args []string) [][]string {
	return [][]string{slices.Clone(args), append(slices.Clone(args), "--json")}
}

// TestHostileLargeInputIsRefused gives every verb four times termtext.MaxInputSize,
// on standard input and as a file: each refuses it in one sentence that
// names the limit, with exit 2, having read no more than the limit.
func TestHostileLargeInputIsRefused(t *testing.T) {
	vars := hostileVars(t)
	big := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, fixtures.HostileLargeInput(fixtures.HostileLargeSize)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	limit := fmt.Sprintf("larger than %d MiB, the most sealpeek reads", termtext.MaxInputSize>>20)
	for _, verb := range inputVerbs {
		for _, args := range bothModes(verb) {
			counter := &countingReader{r: fixtures.HostileLargeInput(fixtures.HostileLargeSize)}
			r := runInert(t, counter, vars, args...)
			if r.code != exitUsage || r.stdout != "" {
				t.Errorf("sealpeek %s on 64 MiB: exit %d, stdout %s", shortArgs(args), r.code, clip(r.stdout))
			}
			oneSentence(t, r, "standard input is "+limit)
			if counter.n > termtext.MaxInputSize+1<<20 {
				t.Errorf("sealpeek %s read %d bytes of standard input", shortArgs(args), counter.n)
			}
			if verb[0] == "jwt" || verb[0] == "hmac" {
				continue // they take a token or data, not a file
			}
			r = runInert(t, nil, vars, append(args, big)...)
			oneSentence(t, r, big+" is "+limit)
		}
	}
	r := runInert(t, nil, vars, big)
	if r.code != exitUsage {
		t.Errorf("the terminal UI opened 64 MiB: exit %d", r.code)
	}
	oneSentence(t, r, big+" is "+limit)
	// A secret, a profiles file, a secret piped to 'profiles add' have
	// limits of their own, far smaller.
	config := filepath.Join(t.TempDir(), "profiles.toml")
	for _, c := range []struct {
		stdin io.Reader
		args  []string
		want  string
	}{
		{nil, []string{"decrypt", "--secret-file", big}, "the secret file " + big + " is larger than 64 KiB"},
		{nil, []string{"sign", "--secret-file", big}, "the secret file " + big + " is larger than 64 KiB"},
		{nil, []string{"profiles", "--config", big}, "the file is larger than 1024 KiB"},
		{fixtures.HostileLargeInput(fixtures.HostileLargeSize), []string{"profiles", "add", "big", "--role", "oauth", "--config", config}, "standard input holds more than 64 KiB"},
	} {
		r := runInert(t, c.stdin, vars, c.args...)
		if r.code != exitUsage {
			t.Errorf("sealpeek %s: exit %d", shortArgs(c.args), r.code)
		}
		if !strings.Contains(r.stderr, c.want) {
			t.Errorf("sealpeek %s: stderr does not say %q: %s", shortArgs(c.args), c.want, clip(r.stderr))
		}
	}
	if _, err := os.Stat(config); err == nil {
		t.Error("profiles add wrote a profile from 64 MiB of standard input")
	}
}

// countingReader counts what was read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestHostileDeepJSON gives JSON nested 100,000 deep as a sealed user's
// plaintext, as a signed body, as JWT claims, as data to hash and as JSON
// to seal.
func TestHostileDeepJSON(t *testing.T) {
	vars := hostileVars(t)
	deep := fixtures.HostileDeepJSON(fixtures.HostileDepth)
	iv := bytes.Repeat([]byte{7}, 12)
	sealed := fixtures.SealSheetUser(vars["H_OAUTH"], iv, deep)
	for _, c := range []struct {
		stdin []byte
		args  []string
		code  int
	}{
		{[]byte(sealed), []string{"decrypt", "--secret-env", "H_OAUTH"}, exitOK},
		{fixtures.HostileRequest(vars["H_OAUTH"], nil, deep), []string{"verify", "--secret-env", "H_OAUTH"}, exitOK},
		{deep, []string{"verify", "--secret-env", "H_OAUTH", "--header", "X-Hub-Signature: sha1=" + fixtures.HubSignature(vars["H_OAUTH"], deep)}, exitOK},
		{[]byte(fixtures.SignJWT(vars["H_MESSENGER"], deep)), []string{"jwt", "--secret-env", "H_MESSENGER"}, exitMismatch},
		{deep, []string{"hmac", "--secret-env", "H_IDENTITY", "-"}, exitOK},
		{deep, []string{"sign", "--secret-env", "H_OAUTH"}, exitOK},
		{deep, []string{"encrypt", "--secret-env", "H_OAUTH"}, exitUsage},
		{deep, []string{"decrypt", "--secret-env", "H_OAUTH"}, exitUsage},
	} {
		for _, args := range bothModes(c.args) {
			r := runInert(t, bytes.NewReader(c.stdin), vars, args...)
			if r.code != c.code {
				t.Errorf("sealpeek %s on JSON 100,000 deep: exit %d, want %d\nstdout: %s\nstderr: %s", shortArgs(args), r.code, c.code, clip(r.stdout), clip(r.stderr))
			}
			if args[0] == "encrypt" {
				oneSentence(t, r, "the input nests JSON more than 10000 levels deep (at offset 50001)")
			}
		}
	}
}

// TestHostileLongHeaderLine gives a header line of 1 MiB in a signed
// request, as --header, and one that is not a header at all.
func TestHostileLongHeaderLine(t *testing.T) {
	vars := hostileVars(t)
	line := fixtures.HostileHeaderLine(fixtures.HostileHeaderSize)
	body := []byte(`{"type":"notification_event","topic":"ping"}`)
	signed := fixtures.HostileRequest(vars["H_OAUTH"], [][]byte{line}, body)
	for _, args := range bothModes([]string{"verify", "--secret-env", "H_OAUTH"}) {
		if r := runInert(t, bytes.NewReader(signed), vars, args...); r.code != exitOK {
			t.Errorf("sealpeek %s: a signed request with a 1 MiB header: exit %d: %s", shortArgs(args), r.code, clip(r.stderr))
		}
		r := runInert(t, bytes.NewReader(body), vars, append(args, "--header", string(line), "--header", "X-Hub-Signature: sha1="+fixtures.HubSignature(vars["H_OAUTH"], body))...)
		if r.code != exitOK {
			t.Errorf("sealpeek %s: --header of 1 MiB: exit %d: %s", shortArgs(args), r.code, clip(r.stderr))
		}
		noColon := bytes.ReplaceAll(line, []byte(":"), []byte("-"))
		r = runInert(t, bytes.NewReader(body), vars, append(args, "--header", string(noColon))...)
		if r.code != exitUsage {
			t.Errorf("sealpeek %s: a 1 MiB --header that is not a header: exit %d", shortArgs(args), r.code)
		}
		oneSentence(t, r, "for flag --header: \"X-Hostile-Long-")
	}
	// The same request, with the header line where the verbs that do not
	// read requests look for their payload.
	for _, verb := range inputVerbs {
		for _, args := range bothModes(verb) {
			runInert(t, bytes.NewReader(signed), vars, args...)
			runInert(t, bytes.NewReader(line), vars, args...)
		}
	}
}

// TestHostileManyProfiles lists, checks, adds to and uses a profiles file
// of 10,000 profiles.
func TestHostileManyProfiles(t *testing.T) {
	secret := func(i int) string { return fmt.Sprintf("many-FAKE-secret-%05d", i) }
	path := filepath.Join(t.TempDir(), "profiles.toml")
	if err := os.WriteFile(path, fixtures.HostileProfiles(fixtures.HostileProfileCount, secret), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"SEALPEEK_CONFIG": path}
	last := fixtures.HostileProfileCount - 1 // oauth when the count is 3k+1
	sealed := fixtures.SealSheetUser(secret(last), bytes.Repeat([]byte{1}, 12), []byte(`{"user_id":"many"}`))
	for _, c := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"", []string{"profiles"}, exitOK, "host-9999"},
		{"", []string{"profiles", "--json"}, exitOK, `"host-9999"`},
		{"", []string{"profiles", "check"}, exitOK, "10000 profiles, every secret readable"},
		{"", []string{"profiles", "check", "--json"}, exitOK, `"ok": true`},
		{sealed, []string{"decrypt"}, exitOK, `"user_id": "many"`},
		{sealed, []string{"decrypt", "--json", "--profile", "host-0"}, exitMismatch, `"profile": "host-9999"`},
		{"", []string{"hmac", "--profile", "host-1", "many"}, exitOK, ""},
		{"", []string{"hmac", "--json", "--expect", strings.Repeat("0", 64), "many"}, exitMismatch, `"match": false`},
		{`{"user_id":"many"}`, []string{"encrypt", "--profile", "host-9999"}, exitOK, ""},
		{`{"user_id":"many"}`, []string{"encrypt"}, exitUsage, ""},
		{"", []string{"decrypt", "--profile", "host-10000"}, exitUsage, ""},
		{"added-FAKE-secret\n", []string{"profiles", "add", "host-10000", "--role", "oauth"}, exitOK, "added profile 'host-10000'"},
	} {
		r := runInert(t, strings.NewReader(c.stdin), vars, c.args...)
		if r.code != c.code || !strings.Contains(r.stdout, c.want) {
			t.Errorf("sealpeek %s with 10,000 profiles: exit %d (want %d), stdout lacks %q:\n%s\n%s", shortArgs(c.args), r.code, c.code, c.want, clip(r.stdout), clip(r.stderr))
		}
	}
	if r := runInert(t, nil, vars, "decrypt", "--profile", "host-10000"); r.code != exitUsage || len(r.stderr) > 400 {
		t.Errorf("a missing profile among 10,000 is one short sentence: %s", clip(r.stderr))
	}
}

// TestHostileBinaryGarbage gives every verb random bytes as input, as a
// secret, as a profiles file and as a token.
func TestHostileBinaryGarbage(t *testing.T) {
	vars := hostileVars(t)
	dir := t.TempDir()
	for _, size := range []int{1, 43, 4 << 10, 256 << 10} {
		garbage := fixtures.HostileGarbage(size, fmt.Sprint("garbage", size))
		file := filepath.Join(dir, fmt.Sprint("garbage", size))
		if err := os.WriteFile(file, garbage, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, verb := range inputVerbs {
			for _, args := range bothModes(verb) {
				runInert(t, bytes.NewReader(garbage), vars, args...)
			}
		}
		for _, args := range [][]string{
			{"decrypt", "--secret-file", file},
			{"sign", "--secret-file", file},
			{"hmac", "--secret-file", file, "x"},
			{"jwt", "--secret-env", "H_MESSENGER", string(garbage)},
			{"hmac", "--secret-env", "H_IDENTITY", string(garbage)},
			{"profiles", "--config", file},
			{"profiles", "check", "--config", file},
			{"decrypt", "--config", file},
			{"verify", "--secret-env", "H_OAUTH", "--header", string(garbage)},
		} {
			for _, args := range bothModes(args) {
				runInert(t, strings.NewReader(publishedUser), vars, args...)
			}
		}
	}
}

// BenchmarkHostileManyProfiles times a verb on a file of 10,000 profiles:
// the file is parsed, every secret resolved and checked for duplicates.
func BenchmarkHostileManyProfiles(b *testing.B) {
	path := filepath.Join(b.TempDir(), "profiles.toml")
	os.WriteFile(path, fixtures.HostileProfiles(fixtures.HostileProfileCount, func(i int) string { return fmt.Sprintf("many-FAKE-secret-%05d", i) }), 0o600)
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	for b.Loop() {
		if code := run(e, []string{"profiles", "check", "--config", path}); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkHostileDeepJSON times opening a user whose plaintext is JSON
// nested 100,000 deep, as text.
func BenchmarkHostileDeepJSON(b *testing.B) {
	secret := "deep-FAKE-secret"
	sealed := fixtures.SealSheetUser(secret, bytes.Repeat([]byte{7}, 12), fixtures.HostileDeepJSON(fixtures.HostileDepth))
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return secret }}
	for b.Loop() {
		e.stdin = strings.NewReader(sealed)
		if code := run(e, []string{"decrypt", "--secret-env", "S"}); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkHostileLargeInput times refusing 64 MiB on standard input: it
// reads termtext.MaxInputSize and a byte, then stops.
func BenchmarkHostileLargeInput(b *testing.B) {
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "FAKE" }}
	for b.Loop() {
		e.stdin = fixtures.HostileLargeInput(fixtures.HostileLargeSize)
		if code := run(e, []string{"decrypt", "--secret-env", "S"}); code != exitUsage {
			b.Fatalf("exit %d", code)
		}
	}
}
