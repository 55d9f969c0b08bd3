package cli

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/interp"
	"github.com/sealpeek/sealpeek/internal/wire"
)

const checkProfiles = `[[profile]]
name = "app-test"
role = "oauth"
workspace = "test"
secret = "check-client-FAKE"

[[profile]]
name = "app-production"
role = "oauth"
workspace = "production"
secret = "check-production-FAKE"

[[profile]]
name = "web"
role = "identity"
workspace = "test"
secret = "check-identity-FAKE"
`

// verifyingEndpoint accepts what sealpeek's verify engine accepts with the
// secret, and rejects the rest with 401: a correct endpoint of every kind.
func verifyingEndpoint(t *testing.T, secret string, count *atomic.Int32) *httptest.Server {
	ring := crypto.NewKeyring(crypto.Secret{Name: "app", Role: crypto.RoleOAuth, Value: []byte(secret)})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		req, err := wire.Received(r, 1<<20)
		if err != nil {
			w.WriteHeader(413)
			return
		}
		c, err := crypto.ReadCapture(req.Raw(), nil)
		if !crypto.VerifyCapture(c, err, ring, "app", time.Now()).OK() {
			w.WriteHeader(401)
			return
		}
		w.Write([]byte("{}"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func writeCheckProfiles(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "profiles.toml")
	if err := os.WriteFile(path, []byte(checkProfiles), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckPassesACorrectEndpoint(t *testing.T) {
	config := writeCheckProfiles(t)
	for _, as := range []string{"webhook", "canvas", "sheet"} {
		var count atomic.Int32
		srv := verifyingEndpoint(t, "check-client-FAKE", &count)
		r := runCLI(t, "", nil, "check", srv.URL+"/in", "--as", as, "--config", config, "--profile", "app-test", "--delay", "1ms")
		if r.code != exitOK || !strings.Contains(r.stdout, "0 failed") || strings.Contains(r.stdout, "skipped") {
			t.Errorf("%s: %+v", as, r)
		}
		if strings.Contains(r.stdout, "FAKE") || strings.Contains(r.stderr, "FAKE") {
			t.Errorf("%s: a secret is shown", as)
		}
		lines := strings.Count(r.stdout, "  pass\n")
		if int(count.Load()) != lines || lines < 8 {
			t.Errorf("%s: %d requests for %d cases: each case is sent once", as, count.Load(), lines)
		}
	}
}

func TestCheckNamesTheFlawsAndSaysJSON(t *testing.T) {
	config := writeCheckProfiles(t)
	var count atomic.Int32
	// Verifies with the production secret: the test app's requests fail,
	// the other workspace's pass.
	srv := verifyingEndpoint(t, "check-production-FAKE", &count)
	r := runCLI(t, "", nil, "check", srv.URL, "--as", "webhook", "--config", config, "--profile", "app-test", "--json")
	if r.code != exitMismatch {
		t.Fatalf("%+v", r)
	}
	var res checkResult
	decodeJSONInto(t, r.stdout, &res)
	failed := map[string]string{}
	for _, c := range res.Cases {
		if !c.Pass {
			failed[c.Name] = c.Reason
		}
	}
	if res.OK || res.As != "webhook" || res.URL != srv.URL || res.Profile != "app-test" || len(failed) != 2 ||
		!strings.HasPrefix(failed["correct"], "answered 401 Unauthorized: rejected the correct request") ||
		!strings.Contains(failed["other-workspace"], "another workspace's client secret (profile 'app-production')") {
		t.Errorf("--json: %+v", res)
	}
	text := runCLI(t, "", nil, "check", srv.URL, "--as", "webhook", "--config", config, "--profile", "app-test")
	if !strings.Contains(text.stdout, "FAIL other-workspace: accepted a request signed with another workspace's") ||
		!strings.Contains(text.stdout, "11 cases: 9 passed, 2 failed") {
		t.Errorf("table: %s", text.stdout)
	}
}

func TestCheckSkipsCasesWithoutTheirSecrets(t *testing.T) {
	var count atomic.Int32
	srv := verifyingEndpoint(t, "only", &count)
	r := runCLI(t, "", map[string]string{"S": "only"}, "check", srv.URL, "--as", "sheet", "--secret-env", "S")
	if r.code != exitOK || !strings.Contains(r.stdout, "other-workspace         4xx       -    skipped") ||
		!strings.Contains(r.stdout, "skipped identity-secret: no identity profile") || !strings.Contains(r.stdout, ", 2 skipped") {
		t.Errorf("%+v", r)
	}
}

func TestCheckUnreachableAndUsage(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String() + "/hooks"
	l.Close()
	vars := map[string]string{"S": "x"}
	r := runCLI(t, "", vars, "check", url, "--as", "webhook", "--secret-env", "S", "--json")
	if r.code != exitUsage || !strings.Contains(r.stderr, "sealpeek check: case correct: cannot reach "+url+": the connection was refused") {
		t.Errorf("unreachable: %+v", r)
	}
	var res checkResult
	decodeJSONInto(t, r.stdout, &res)
	if res.OK || res.Error == "" || len(res.Cases) != 0 {
		t.Errorf("unreachable --json: %+v", res)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"check", url}, "--as says what the endpoint receives: webhook, canvas or sheet"},
		{[]string{"check", url, "--as", "ping"}, `--as is webhook, canvas or sheet, not "ping"`},
		{[]string{"check", "localhost:3000", "--as", "sheet"}, "is not an http or https URL"},
		{[]string{"check", url, "--as", "sheet", "--delay", "-1s"}, "--delay cannot be negative"},
		{[]string{"check", url, "--as", "sheet", "--answer-timeout", "0s"}, "--answer-timeout must be a positive duration"},
		{[]string{"check", "--as", "sheet"}, "give the URL of the endpoint to check"},
	} {
		r := runCLI(t, "", vars, append(tt.args, "--secret-env", "S")...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: %+v", tt.args, r)
		}
	}
}

// endpointsDir holds the real endpoints of the check tests, written as
// developers write them: a correct one per language, and flawed ones.
const endpointsDir = "../fixtures/endpoints"

// startEndpoint starts the endpoint in file with the secrets of
// checkProfiles, in the interpreter its name says.
func startEndpoint(t *testing.T, file string) string {
	t.Helper()
	env := map[string]string{"INTERCOM_CLIENT_SECRET": "check-client-FAKE", "INTERCOM_IDENTITY_SECRET": "check-identity-FAKE"}
	dir, err := filepath.Abs(endpointsDir)
	if err != nil {
		t.Fatal(err)
	}
	switch filepath.Ext(file) {
	case ".php":
		return interp.ServePHP(t, dir, env, file)
	case ".mjs":
		return interp.Serve(t, dir, env, interp.Need(t, interp.Node), file)
	case ".py":
		return interp.Serve(t, dir, env, interp.Need(t, interp.Python), file)
	}
	t.Fatalf("no interpreter for %s", file)
	return ""
}

// 'check' passes the correct endpoints of three languages, and names the
// flaw of each flawed one: exactly the cases of its flaw fail.
func TestCheckRealEndpoints(t *testing.T) {
	config := writeCheckProfiles(t)
	type run struct {
		as, path string
		fails    []string
	}
	correct := []run{{"webhook", "/webhook", nil}, {"canvas", "/canvas", nil}, {"sheet", "/sheet", nil}}
	for _, tt := range []struct {
		file string
		runs []run
		flaw string // a reason the text output must give
	}{
		{"check_node.mjs", correct, ""},
		{"check_python.py", correct, ""},
		{"check_php.php", correct, ""},
		{"check_node_reserialised.mjs", []run{{"webhook", "/", []string{"reserialised-whitespace", "reserialised-escapes"}}},
			"FAIL reserialised-whitespace: accepted a body re-serialised after signing (whitespace): it verifies a parsed and re-encoded body, not the raw bytes"},
		{"check_node_optional_signature.mjs", []run{{"webhook", "/", []string{"signature-missing", "signature-empty"}}},
			"FAIL signature-missing: accepted a request without X-Hub-Signature: a missing signature must be rejected, not skipped"},
		{"check_python_no_finalize.py", []run{{"sheet", "/", []string{"ciphertext-bit-flipped", "tag-bit-flipped"}}},
			"FAIL tag-bit-flipped: accepted a user whose GCM tag was changed: it never checks the tag"},
		{"check_php_identity_secret.php", []run{{"canvas", "/", []string{"correct", "identity-secret"}}},
			"FAIL identity-secret: accepted a request signed with the identity verification secret (profile 'web'): it verifies with the identity secret, not the OAuth client secret"},
		{"check_php_hex_key.php", []run{{"sheet", "/", []string{"correct", "hex-digest-key"}}},
			"FAIL hex-digest-key: accepted a user sealed with the hex text of the SHA-256 as the key"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			url := startEndpoint(t, tt.file)
			for _, r := range tt.runs {
				res := runCLI(t, "", nil, "check", url+r.path, "--as", r.as, "--config", config, "--profile", "app-test", "--json")
				var got checkResult
				decodeJSONInto(t, res.stdout, &got)
				var failed []string
				for _, c := range got.Cases {
					if c.Skipped {
						t.Errorf("%s: %s was skipped: %s", r.as, c.Name, c.Reason)
					}
					if !c.Pass {
						failed = append(failed, c.Name)
					}
				}
				wantCode := exitOK
				if len(r.fails) > 0 {
					wantCode = exitMismatch
				}
				if res.code != wantCode || !slices.Equal(failed, r.fails) || got.OK != (len(r.fails) == 0) {
					t.Errorf("%s: exit %d, failed %v, want %v\n%s%s", r.as, res.code, failed, r.fails, res.stdout, res.stderr)
				}
				if tt.flaw != "" {
					text := runCLI(t, "", nil, "check", url+r.path, "--as", r.as, "--config", config, "--profile", "app-test")
					if !strings.Contains(text.stdout, tt.flaw) {
						t.Errorf("%s: the table does not say %q:\n%s", r.as, tt.flaw, text.stdout)
					}
				}
			}
		})
	}
}
