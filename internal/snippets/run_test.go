package snippets

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	sealcrypto "github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
	"github.com/sealpeek/sealpeek/internal/interp"
)

// runCase is one run of a snippet: its standard input and environment, and
// what it must print and exit with.
type runCase struct {
	name      string
	stdin     string
	secret    string
	signature string // SIGNATURE, for the signature topics
	want      string // standard output, exactly
	wantExit  int
	// check, when set, replaces the comparison with want.
	check func(t *testing.T, stdout string)
	// extra marks a case that only a full run makes (see subsetOnly): the
	// other cases cover the same code with the same kinds of data.
	extra bool
}

// interpreter is how the tests run one language.
type interpreter struct {
	// resolve returns what replaces Run[0] (e.g. /usr/bin/python3), or an
	// error saying what is missing.
	resolve func() (string, error)
	// prepare, when set, turns the snippet saved in dir into a faster command
	// for every run but the first, which always uses Run as documented: Go is
	// built once, Java compiled once, instead of at every run.
	prepare func(t *testing.T, tool, dir string, s Snippet) []string
	// slow languages run only the cases that are not extra.
	slow bool
}

var interpreters = map[string]interpreter{
	LangPHP:    {resolve: lookPath("php")},
	LangNode:   {resolve: lookPath("node")},
	LangPython: {resolve: interp.PythonWithCryptography},
	LangRuby:   {resolve: lookPath("ruby")},
	LangGo:     {resolve: lookPath("go"), prepare: buildGo},
	LangJava:   {resolve: interp.JavaWithCompiler, prepare: compileJava, slow: true},
}

func lookPath(name string) func() (string, error) {
	return func() (string, error) { return interp.LookPath(name) }
}

func buildGo(t *testing.T, tool, dir string, s Snippet) []string {
	bin := filepath.Join(dir, "snippet")
	build := exec.Command(tool, "build", "-o", bin, s.File)
	build.Dir, build.Env = dir, snippetEnv(nil)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", s.File, err, out)
	}
	return []string{bin}
}

func compileJava(t *testing.T, tool, dir string, s Snippet) []string {
	classes := filepath.Join(dir, "classes")
	javac := exec.Command("javac", "-d", classes, s.File)
	javac.Dir, javac.Env = dir, snippetEnv(nil)
	if out, err := javac.CombinedOutput(); err != nil {
		t.Fatalf("javac %s: %v\n%s", s.File, err, out)
	}
	// One compiler tier and the serial collector: a JVM that runs for a
	// moment starts faster and burns less CPU so.
	return []string{tool, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classes, strings.TrimSuffix(s.File, ".java")}
}

// snippetEnv is the environment of a snippet: this process's, without the
// variables the snippets read or that change how go run behaves, with a UTF-8
// locale (the JVM decodes the environment by it), plus extra.
func snippetEnv(extra map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "INTERCOM_SECRET", "SIGNATURE", "LC_ALL", "LANG", "GOFLAGS", "GOOS", "GOARCH", "NODE_OPTIONS", "RUBYOPT", "PYTHONPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}

// subsetOnly says whether the language runs only the cases that are not
// extra: always, unless SNIPPETS_ALL=1, for a language whose every run is
// slow (Java); for the others, outside CI (CI=true), to keep go test ./...
// quick. CI runs every case of every other language.
func subsetOnly(in interpreter) bool {
	if os.Getenv("SNIPPETS_ALL") == "1" {
		return false
	}
	return in.slow || os.Getenv("CI") != "true"
}

// missingInterpreter skips the test of a language whose interpreter is
// missing, except in CI (CI=true), where every snippet must run.
func missingInterpreter(t testing.TB, lang string, err error) {
	t.Helper()
	interp.Missing(t, lang, err)
}

// runSnippets saves the snippet of topic in lang to a fresh folder and runs
// it once per case, the first time exactly as Run says.
func runSnippets(t *testing.T, lang, topic string, cases []runCase) {
	t.Helper()
	s, ok := Get(lang, topic)
	if !ok {
		t.Fatalf("no %s snippet of %s", lang, topic)
	}
	in := interpreters[lang]
	tool, err := in.resolve()
	if err != nil {
		missingInterpreter(t, lang, err)
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, s.File), []byte(s.Source), 0o644); err != nil {
		t.Fatal(err)
	}
	if subsetOnly(in) {
		var some []runCase
		for _, c := range cases {
			if !c.extra {
				some = append(some, c)
			}
		}
		cases = some
	}
	documented := append([]string{tool}, s.Run[1:]...)
	check := func(command []string, c runCase) {
		stdout, stderr, exit, ok := runOnce(t, dir, command, c)
		switch {
		case !ok:
		case exit != c.wantExit:
			t.Errorf("%s %s, %s: exit %d, want %d\nstdout: %q\nstderr: %s", lang, s.File, c.name, exit, c.wantExit, stdout, stderr)
		case c.check != nil:
			c.check(t, stdout)
		case stdout != c.want:
			t.Errorf("%s %s, %s: printed %q, want %q\nstderr: %s", lang, s.File, c.name, stdout, c.want, stderr)
		}
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	// The first case runs exactly as Run says; the others run a few at a
	// time, since each mostly waits for its interpreter to start.
	check(documented, cases[0])
	fast := documented
	if in.prepare != nil && len(cases) > 1 {
		fast = in.prepare(t, tool, dir, s)
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	for _, c := range cases[1:] {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			check(fast, c)
		}()
	}
	wg.Wait()
}

// runOnce runs command in dir for c; ok is false, and the test failed, when
// the command could not run at all. It may run on another goroutine than
// the test's.
func runOnce(t *testing.T, dir string, command []string, c runCase) (stdout, stderr string, exit int, ok bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, command[0], command[1:]...)
	cmd.Dir = dir
	extra := map[string]string{"INTERCOM_SECRET": c.secret}
	if c.signature != "" {
		extra["SIGNATURE"] = c.signature
	}
	cmd.Env = snippetEnv(extra)
	cmd.Stdin = strings.NewReader(c.stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		exit = exitErr.ExitCode()
	default:
		t.Errorf("%v: %v", command, err)
		return "", "", 0, false
	}
	return out.String(), errOut.String(), exit, true
}

// TestSnippetsRun runs every snippet with its real interpreter against every
// fixture vector and against payloads made here, good and bad.
func TestSnippetsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs interpreters")
	}
	cases := map[string][]runCase{
		TopicSheetUser:        sheetUserCases(t),
		TopicUserHash:         userHashCases(t),
		TopicWebhookSignature: signatureCases(t, sealcrypto.HeaderHubSignature),
		TopicCanvasSignature:  signatureCases(t, sealcrypto.HeaderBodySignature),
		TopicJWTVerify:        jwtVerifyCases(t),
		TopicJWTMint:          jwtMintCases(t),
	}
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			for _, topic := range Topics() {
				t.Run(topic, func(t *testing.T) {
					runSnippets(t, lang, topic, cases[topic])
				})
			}
			// A token each language mints is one its own verifier accepts.
			t.Run("jwt-mint-then-verify", func(t *testing.T) {
				mint := mintWith(t, lang, `{"user_id":"round-trip","email":"zoë@example.com","exp":`+fmt.Sprint(time.Now().Unix()+600)+`}`)
				runSnippets(t, lang, TopicJWTVerify, []runCase{{
					name: "its own token", stdin: mint + "\n", secret: jwtSecret,
					check: sameJSON(t, `{"user_id":"round-trip","email":"zoë@example.com","exp":`+claimExp(t, mint)+`}`),
				}})
			})
		})
	}
}

// representative are the fixture vectors every language runs: the published
// ones and those at an edge (empty, long, non-ASCII data or secret).
var representative = map[string]bool{
	"published": true, "empty-plaintext": true, "unicode-secret": true, "user-64kib": true,
	"numeric-user-id-trailing-newline": true, "unicode-identifier": true, "empty-data": true,
	"non-ascii-secret": true, "secret-longer-than-a-block": true,
}

// sheetUserCases are every distinct sealed user of the fixtures, users sealed
// here, and users a snippet must refuse.
func sheetUserCases(t *testing.T) []runCase {
	var cases []runCase
	seen := map[string]bool{}
	for _, v := range fixtures.SheetUsers() {
		if seen[v.Secret+v.SealedBase64] {
			continue
		}
		seen[v.Secret+v.SealedBase64] = true
		cases = append(cases, runCase{
			name: "fixture " + v.Name, stdin: v.SealedBase64 + "\n", secret: v.Secret,
			want:  v.Plaintext + "\n",
			extra: !representative[v.Name],
		})
	}
	const secret = "snippet-test-oauth-client-secret"
	user := `{"type":"user","user_id":"u-🦄-42","email":"zoë@example.com","name":"Zoë \"Z\" / Ω"}`
	sealed := seal(t, sealcrypto.SheetKey([]byte(secret)), user)
	tamperedTag := bytes.Clone(sealed)
	tamperedTag[len(tamperedTag)-1] ^= 1
	tamperedText := bytes.Clone(sealed)
	tamperedText[12] ^= 0x20
	hexKey := sha256.Sum256([]byte(secret))
	// key_hex_digest: the 64-character hex cut to 32 characters, as code that
	// "works" with its own data does. The snippet must not open it.
	sealedHexKey := seal(t, []byte(hex.EncodeToString(hexKey[:])[:32]), user)
	tagFirst := append(append(bytes.Clone(sealed[:12]), sealed[len(sealed)-16:]...), sealed[12:len(sealed)-16]...)
	return append(cases,
		runCase{name: "sealed here", stdin: sealcrypto.EncodeSheetUser(sealed), secret: secret, want: user + "\n"},
		runCase{name: "sealed here, surrounded by whitespace", stdin: "  " + sealcrypto.EncodeSheetUser(sealed) + "\r\n", secret: secret, want: user + "\n"},
		runCase{name: "tampered tag", stdin: sealcrypto.EncodeSheetUser(tamperedTag), secret: secret, want: "invalid\n", wantExit: 1},
		runCase{name: "tampered ciphertext", stdin: sealcrypto.EncodeSheetUser(tamperedText), secret: secret, want: "invalid\n", wantExit: 1},
		runCase{name: "another secret", stdin: sealcrypto.EncodeSheetUser(sealed), secret: secret + "x", want: "invalid\n", wantExit: 1},
		runCase{name: "sealed with the hex key", stdin: sealcrypto.EncodeSheetUser(sealedHexKey), secret: secret, want: "invalid\n", wantExit: 1},
		runCase{name: "tag first", stdin: sealcrypto.EncodeSheetUser(tagFirst), secret: secret, want: "invalid\n", wantExit: 1},
		runCase{name: "too short", stdin: sealcrypto.EncodeSheetUser(sealed[:27]), secret: secret, want: "invalid\n", wantExit: 1},
	)
}

func seal(t *testing.T, key []byte, plaintext string) []byte {
	c, err := sealcrypto.NewSheetCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := c.Seal(nil, []byte(plaintext))
	if err != nil {
		t.Fatal(err)
	}
	return sealed
}

// userHashCases feed every fixture with one trailing newline (which the
// snippets remove) or, where the data has none, as it is.
func userHashCases(t *testing.T) []runCase {
	var cases []runCase
	for i, v := range fixtures.UserHashes() {
		stdin := v.Data
		if i%2 == 0 || strings.HasSuffix(v.Data, "\n") {
			stdin += "\n"
		}
		cases = append(cases, runCase{name: "fixture " + v.Name, stdin: stdin, secret: v.Secret, want: v.Digest + "\n", extra: !representative[v.Name]})
	}
	const secret = "snippet-test-identity-secret"
	for _, id := range []string{"  spaced id \n", "line one\nline two", "\r", "ünïcödé@example.com"} {
		want := sealcrypto.UserHash([]byte(secret), []byte(id))
		if std := hexHMAC(sha256.New, secret, id); std != want {
			t.Fatalf("crypto.UserHash disagrees with crypto/hmac: %s, %s", want, std)
		}
		cases = append(cases, runCase{name: fmt.Sprintf("%q plus a newline", id), stdin: id + "\n", secret: secret, want: want + "\n", extra: id == "\r"})
	}
	return cases
}

func hexHMAC(h func() hash.Hash, key, data string) string {
	mac := hmac.New(h, []byte(key))
	mac.Write([]byte(data))
	return hex.EncodeToString(mac.Sum(nil))
}

// signatureCases are bodies signed here the way Intercom signs them, and
// the mistakes the diagnoses name, each of which must be invalid.
func signatureCases(t *testing.T, header string) []runCase {
	const secret = "snippet-test-oauth-client-secret"
	compact := `{"type":"notification_event","topic":"ping","data":{"item":{"message":"Zoë / \u00e9"}}}`
	var v any
	if err := json.Unmarshal([]byte(compact), &v); err != nil {
		t.Fatal(err)
	}
	pretty, _ := json.MarshalIndent(v, "", "  ") // re-serialised: other bytes, same meaning
	prefix, other, otherHash := "", sealcrypto.HeaderHubSignature, func() hash.Hash { return sha1.New() }
	if header == sealcrypto.HeaderHubSignature {
		prefix, other, otherHash = "sha1=", sealcrypto.HeaderBodySignature, sha256.New
	}
	sign := func(body string) string { return sealcrypto.SignatureValue(header, []byte(secret), []byte(body)) }
	var cases []runCase
	for _, body := range []string{compact, string(pretty) + "\n", "", "not json at all\x00\xff"} {
		value := sign(body)
		std := prefix + hexHMAC(sha256.New, secret, body)
		if header == sealcrypto.HeaderHubSignature {
			std = prefix + hexHMAC(sha1.New, secret, body)
		}
		if value != std {
			t.Fatalf("crypto.SignatureValue disagrees with crypto/hmac: %s, %s", value, std)
		}
		cases = append(cases, runCase{name: fmt.Sprintf("signed body of %d bytes", len(body)), stdin: body, secret: secret, signature: value, want: "valid\n"})
	}
	value := sign(compact)
	digest := strings.TrimPrefix(value, prefix)
	raw, _ := hex.DecodeString(digest)
	invalid := map[string]string{
		"re-serialised body":   sign(string(pretty)),
		"body plus a newline":  sign(compact + "\n"),
		"another secret":       sealcrypto.SignatureValue(header, []byte(secret+"x"), []byte(compact)),
		"the other header's":   sealcrypto.SignatureValue(other, []byte(secret), []byte(compact)),
		"the other HMAC":       prefix + hexHMAC(otherHash, secret, compact),
		"HMAC-SHA512":          prefix + hexHMAC(sha512.New, secret, compact),
		"uppercase hex":        prefix + strings.ToUpper(digest),
		"base64 digest":        prefix + base64.StdEncoding.EncodeToString(raw),
		"truncated":            value[:len(value)-2],
		"empty":                "",
		"doubled or no prefix": map[bool]string{true: "sha1=" + value, false: "sha256=" + value}[prefix != ""],
		"key and message swapped": prefix + hexHMAC(map[bool]func() hash.Hash{true: sha1.New, false: sha256.New}[prefix != ""],
			compact, secret),
	}
	if prefix != "" {
		invalid["without prefix"] = digest
	}
	for name, sig := range invalid {
		if sig == "" && name != "empty" {
			t.Fatalf("%s: no value", name)
		}
		extra := !strings.Contains("re-serialised body|uppercase hex|the other header's|doubled or no prefix|empty", name)
		cases = append(cases, runCase{name: name, stdin: compact, secret: secret, signature: sig, want: "invalid\n", wantExit: 1, extra: extra})
	}
	return cases
}

const jwtSecret = "snippet-test-messenger-secret"

// makeJWT signs header and claims, both JSON text, with HMAC h.
func makeJWT(h func() hash.Hash, secret, header, claims string) string {
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(claims))
	mac := hmac.New(h, []byte(secret))
	mac.Write([]byte(signing))
	return signing + "." + enc.EncodeToString(mac.Sum(nil))
}

func jwtVerifyCases(t *testing.T) []runCase {
	hs256 := `{"alg":"HS256","typ":"JWT"}`
	future := time.Now().Unix() + 3600
	past := time.Now().Unix() - 60
	claims := fmt.Sprintf(`{"user_id":"u-42","email":"zoë@example.com","name":"Zoë / Ω","exp":%d}`, future)
	noExp := `{"user_id":"184632"}`
	good := makeJWT(sha256.New, jwtSecret, hs256, claims)
	parts := strings.Split(good, ".")
	edited := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(claims, "u-42", "u-43", 1))) + "." + parts[2]
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."
	invalid := map[string]string{
		"expired":                 makeJWT(sha256.New, jwtSecret, hs256, fmt.Sprintf(`{"user_id":"u-42","exp":%d}`, past)),
		"exp not a number":        makeJWT(sha256.New, jwtSecret, hs256, fmt.Sprintf(`{"user_id":"u-42","exp":"%d"}`, future)),
		"another secret":          makeJWT(sha256.New, jwtSecret+"x", hs256, claims),
		"alg none":                none,
		"alg none, HS256 signed":  makeJWT(sha256.New, jwtSecret, `{"alg":"none","typ":"JWT"}`, claims),
		"alg HS512":               makeJWT(sha512.New, jwtSecret, `{"alg":"HS512","typ":"JWT"}`, claims),
		"alg HS384 signed HS256":  makeJWT(sha256.New, jwtSecret, `{"alg":"HS384","typ":"JWT"}`, claims),
		"claims edited":           edited,
		"signature cut":           good[:len(good)-3],
		"two parts":               parts[0] + "." + parts[1],
		"four parts":              good + ".x",
		"padded signature":        good + "=",
		"claims not an object":    makeJWT(sha256.New, jwtSecret, hs256, `["user_id"]`),
		"not base64 in the token": "$$$.###.%%%",
	}
	cases := []runCase{
		{name: "valid with exp", stdin: good + "\n", secret: jwtSecret, want: claims + "\n"},
		{name: "valid without exp", stdin: makeJWT(sha256.New, jwtSecret, hs256, noExp), secret: jwtSecret, want: noExp + "\n"},
	}
	for name, token := range invalid {
		extra := !strings.Contains("expired|alg none|alg HS384 signed HS256|claims edited|exp not a number", name)
		cases = append(cases, runCase{name: name, stdin: token + "\n", secret: jwtSecret, want: "invalid\n", wantExit: 1, extra: extra})
	}
	return cases
}

func jwtMintCases(t *testing.T) []runCase {
	var cases []runCase
	for _, claims := range []string{
		`{"user_id":"184632"}`,
		fmt.Sprintf(`{"user_id":"u-42","email":"zoë@example.com","name":"Zoë \"Z\" / Ω <b>","exp":%d,"custom":{"plan":"pro","seats":3}}`, time.Now().Unix()+3600),
	} {
		cases = append(cases, runCase{
			name: "claims " + claims, stdin: claims + "\n", secret: jwtSecret,
			check: checkMinted(t, claims),
		})
	}
	return cases
}

// checkMinted checks a printed token with crypto/hmac: HS256 header, a
// signature with the secret's text, and the given claims (same JSON value).
func checkMinted(t *testing.T, claims string) func(*testing.T, string) {
	sameClaims := sameJSON(t, claims)
	return func(t *testing.T, stdout string) {
		t.Helper()
		token, ok := strings.CutSuffix(stdout, "\n")
		parts := strings.Split(token, ".")
		if !ok || len(parts) != 3 || strings.ContainsAny(token, "=+/ \n") {
			t.Errorf("not one base64url JWT and a newline: %q", stdout)
			return
		}
		header, err1 := base64.RawURLEncoding.DecodeString(parts[0])
		payload, err2 := base64.RawURLEncoding.DecodeString(parts[1])
		if err1 != nil || err2 != nil {
			t.Errorf("token %q: %v %v", token, err1, err2)
			return
		}
		var h map[string]any
		if err := json.Unmarshal(header, &h); err != nil || h["alg"] != "HS256" {
			t.Errorf("header %s: alg is not HS256 (%v)", header, err)
		}
		if want := makeJWT(sha256.New, jwtSecret, string(header), string(payload)); !hmac.Equal([]byte(want), []byte(token)) {
			t.Errorf("signature of %q is not HS256 with the secret's text", token)
		}
		sameClaims(t, string(payload)+"\n")
	}
}

// sameJSON checks that stdout is one JSON value, the same as want's, and a
// newline.
func sameJSON(t *testing.T, want string) func(*testing.T, string) {
	var wantV any
	if err := json.Unmarshal([]byte(want), &wantV); err != nil {
		t.Fatal(err)
	}
	return func(t *testing.T, stdout string) {
		t.Helper()
		var got any
		text, ok := strings.CutSuffix(stdout, "\n")
		if err := json.Unmarshal([]byte(text), &got); !ok || err != nil || !reflect.DeepEqual(got, wantV) {
			t.Errorf("printed %q, want the JSON value %s (%v)", stdout, want, err)
		}
	}
}

// mintWith runs the jwt-mint snippet of lang once and returns its token.
func mintWith(t *testing.T, lang, claims string) string {
	t.Helper()
	var token string
	runSnippets(t, lang, TopicJWTMint, []runCase{{
		name: "mint", stdin: claims, secret: jwtSecret,
		check: func(t *testing.T, stdout string) {
			checkMinted(t, claims)(t, stdout)
			token = strings.TrimSpace(stdout)
		},
	}})
	if token == "" {
		t.FailNow()
	}
	return token
}

// claimExp is the exp claim of token, as JSON text.
func claimExp(t *testing.T, token string) string {
	t.Helper()
	payload, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]json.RawMessage
	if err := json.Unmarshal(payload, &c); err != nil {
		t.Fatal(err)
	}
	return string(c["exp"])
}
