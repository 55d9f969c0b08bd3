package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// fixtureSecrets maps the capture fixtures' secrets by name.
func fixtureSecrets(t *testing.T) map[string]fixtures.CaptureSecret {
	t.Helper()
	list, err := fixtures.CaptureSecrets()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]fixtures.CaptureSecret{}
	for _, s := range list {
		m[s.Name] = s
	}
	return m
}

// captureInput is the input of the capture fixture of this name.
func captureInput(t *testing.T, name string) string {
	t.Helper()
	cases, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(cases, func(c fixtures.CaptureCase) bool { return c.Name == name })
	if i < 0 {
		t.Fatalf("no capture fixture %q", name)
	}
	data, err := cases[i].Input()
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// writeFixture copies a capture fixture to a temporary file, as a user's
// capture would be on disk.
func writeFixture(t *testing.T, c fixtures.CaptureCase) string {
	t.Helper()
	data, err := c.Input()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), c.File)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// needsRing reports a fixture that only a keyring of several labelled
// profiles can check: --secret-env gives one secret, labelled with the role
// the capture needs. Those go through the same JSON writer with the ring
// built directly, until --profile lands.
func needsRing(c fixtures.CaptureCase, secrets map[string]fixtures.CaptureSecret, role crypto.Role) bool {
	return len(c.Profiles) != 1 || c.Profiles[0] != c.Chosen || crypto.Role(secrets[c.Chosen].Role) != role
}

func TestCLIVerifyEveryCaptureFixture(t *testing.T) {
	cases, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	secrets := fixtureSecrets(t)
	viaRun := 0
	covered := map[string]bool{}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, code := range c.Expect.Codes {
				covered[code] = true
			}
			input, _ := c.Input()
			capture, _ := crypto.ReadCapture(input, nil)
			role := capture.SecretRole()
			if len(c.Headers) > 0 {
				role = crypto.RoleOAuth
			}
			var code int
			var stdout, stderr string
			if needsRing(c, secrets, role) {
				code, stdout = verifyWithRing(t, c, secrets)
			} else {
				viaRun++
				args := []string{"verify", "--json", "--secret-env", "CAPTURE_SECRET", "--at", c.At, writeFixture(t, c)}
				for _, h := range c.Headers {
					args = append(args, "--header", h)
				}
				code, stdout, stderr = runCLI(t, "", map[string]string{"CAPTURE_SECRET": secrets[c.Chosen].Value}, args...).parts()
			}
			checkCaptureJSON(t, c, code, stdout, stderr)
			for _, s := range secrets {
				if strings.Contains(stdout+stderr, strings.TrimSpace(s.Value)) {
					t.Errorf("the output shows the secret %s", s.Name)
				}
			}
		})
	}
	if viaRun < 30 {
		t.Errorf("only %d fixtures went through run()", viaRun)
	}
	// The codes only signatures and JWTs report; those they share with
	// decrypt and hmac are held to TestDiagnosesThroughTheCLI.
	for _, info := range crypto.Codes() {
		mine := slices.Contains(info.Payloads, crypto.PayloadSignature) || slices.Contains(info.Payloads, crypto.PayloadJWT)
		shared := slices.Contains(info.Payloads, crypto.PayloadSheet) || slices.Contains(info.Payloads, crypto.PayloadUserHash)
		if mine && !shared && !covered[string(info.Code)] {
			t.Errorf("no capture fixture covers %s through the CLI", info.Code)
		}
	}
}

// verifyWithRing checks a fixture with its whole keyring and writes the
// report with the CLI's JSON writer.
func verifyWithRing(t *testing.T, c fixtures.CaptureCase, secrets map[string]fixtures.CaptureSecret) (int, string) {
	t.Helper()
	var ring []crypto.Secret
	for _, name := range c.Profiles {
		s := secrets[name]
		ring = append(ring, crypto.Secret{Name: s.Name, Role: crypto.Role(s.Role), Workspace: s.Workspace, Platform: s.Platform, Value: []byte(s.Value)})
	}
	input, _ := c.Input()
	var headers []crypto.CaptureHeader
	for _, line := range c.Headers {
		h, _ := crypto.ParseHeaderLine(line)
		headers = append(headers, h)
	}
	at, _ := time.Parse(time.RFC3339, c.At)
	keyring := crypto.NewKeyring(ring...)
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := printCaptureReport(e, "verify", crypto.InspectCapture(input, headers, keyring, c.Chosen, at), keyring, nil, fixLangs{}, true)
	return code, stdout.String()
}

func checkCaptureJSON(t *testing.T, c fixtures.CaptureCase, code int, stdout, stderr string) {
	t.Helper()
	var got struct {
		OK         bool   `json:"ok"`
		Kind       string `json:"kind"`
		Signatures []struct {
			Header, Algorithm, Expected, Computed string
			Match                                 *bool
		} `json:"signatures"`
		Diagnoses []crypto.Diagnosis `json:"diagnoses"`
		JWT       *struct {
			Header json.RawMessage `json:"header"`
			Claims json.RawMessage `json:"claims"`
		} `json:"jwt"`
		Sheet    *struct{ Plaintext json.RawMessage } `json:"sheet"`
		Identity *struct{ Data, Computed string }     `json:"identity"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON (%v):\n%s\nstderr: %s", err, stdout, stderr)
	}
	var codes []string
	for _, d := range got.Diagnoses {
		codes = append(codes, string(d.Code))
	}
	slices.Sort(codes)
	if want := slices.Sorted(slices.Values(c.Expect.Codes)); !slices.Equal(codes, want) {
		t.Errorf("codes %v, want %v", codes, want)
	}
	if got.OK != c.Expect.OK || got.Kind != c.Expect.Kind || code != c.Expect.Exit {
		t.Errorf("ok %v kind %q exit %d, want %v %q %d", got.OK, got.Kind, code, c.Expect.OK, c.Expect.Kind, c.Expect.Exit)
	}
	for _, s := range got.Signatures {
		if s.Header == "" || s.Algorithm == "" || s.Computed == "" || s.Match == nil {
			t.Errorf("incomplete signature %+v", s)
		}
	}
	if c.Expect.Kind == "jwt" && (got.JWT == nil || len(got.JWT.Header) == 0) {
		t.Errorf("no decoded JWT header")
	}
	if c.Expect.Kind == "sheet_open" && (got.Sheet == nil || len(got.Sheet.Plaintext) == 0) {
		t.Errorf("no sheet plaintext")
	}
	if c.Expect.Kind == "identity" && (got.Identity == nil || got.Identity.Data != "4711") {
		t.Errorf("identity %+v", got.Identity)
	}
}

func TestCLIVerifyStdinAndText(t *testing.T) {
	secrets := fixtureSecrets(t)
	code, out, errOut := runCLI(t, captureInput(t, "sheet-open"), map[string]string{"S": secrets["test-oauth"].Value}, "verify", "-", "--secret-env", "S").parts()
	if code != exitOK || !strings.Contains(out, "sheet open · http request · POST /sheet") || !strings.Contains(out, `"user_id": "4711"`) ||
		!strings.Contains(errOut, "not_signed") {
		t.Errorf("%d\n%s\n%s", code, out, errOut)
	}
}

func TestCLIVerifyUsageErrors(t *testing.T) {
	vars := map[string]string{"S": "secret"}
	code, _, errOut := runCLI(t, "{}", vars, "verify", "--header", "no colon here", "--secret-env", "S").parts()
	if code != exitUsage || !strings.Contains(errOut, "Name: value") {
		t.Errorf("bad --header: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "{}", vars, "verify", "--at", "yesterday", "--secret-env", "S").parts()
	if code != exitUsage || !strings.Contains(errOut, "RFC 3339") {
		t.Errorf("bad --at: %d %q", code, errOut)
	}
	code, out, _ := runCLI(t, "  \n", vars, "verify", "--json", "--secret-env", "S").parts()
	var got captureResult
	if code != exitUsage || json.Unmarshal([]byte(out), &got) != nil || got.OK || got.Error == "" || got.Diagnoses[0].Code != "empty_input" {
		t.Errorf("empty input: %d %s", code, out)
	}
	code, _, errOut = runCLI(t, `{"type":"notification_event","topic":"ping"}`, nil, "verify").parts()
	if code != exitUsage || !strings.Contains(errOut, "no secret") {
		t.Errorf("no secret: %d %q", code, errOut)
	}
	code, out, _ = runCLI(t, "", nil, "verify", "--help").parts()
	if code != exitOK || !strings.Contains(out, "--header") {
		t.Errorf("help: %d %q", code, out)
	}
}

func TestVerifyLinesAreTheJSONRecords(t *testing.T) {
	cases, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	secrets, _ := fixtures.CaptureSecrets()
	var profiles []fixtures.DiagnosisProfile
	for _, s := range secrets {
		profiles = append(profiles, fixtures.DiagnosisProfile{Name: s.Name, Role: s.Role, Workspace: s.Workspace, Platform: s.Platform, Secret: s.Value})
	}
	config := writeProfiles(t, t.TempDir(), profiles)
	var lines []string
	for _, c := range cases {
		data, err := c.Input()
		if err != nil {
			t.Fatal(err)
		}
		if line := strings.TrimSuffix(string(data), "\n"); !strings.ContainsAny(line, "\r\n") {
			lines = append(lines, line)
		}
	}
	if len(lines) < 10 {
		t.Fatalf("only %d one-line captures", len(lines))
	}
	lines = append(lines, "", "not a capture", `{"user":"`+publishedUser+`"}`)
	// With --lang, each diagnosis whose fix is code carries it, the same
	// in a record as in --json.
	for _, lang := range [][]string{nil, {"--lang", "node"}} {
		args := append([]string{"--config", config, "--at", "2025-06-01T12:00:00Z"}, lang...)
		batch := runCLI(t, strings.Join(lines, "\n")+"\n", nil, append([]string{"verify", "--lines"}, args...)...)
		if batch.code != exitMismatch {
			t.Fatalf("some captures do not verify: code %d, want %d; stderr %q", batch.code, exitMismatch, batch.stderr)
		}
		sameRecords(t, lines, batch, func(line string) cliRun {
			return runCLI(t, line, nil, append([]string{"verify", "--json", "-"}, args...)...)
		})
		if !strings.Contains(batch.stdout, `"kind":"jwt"`) || !strings.Contains(batch.stdout, `"ok":true`) {
			t.Fatalf("the batch should hold a verified JWT: %.300s", batch.stdout)
		}
		if withCode := strings.Contains(batch.stdout, `"fix_code":{"lang":"node","topic":"jwt-mint",`); withCode != (lang != nil) {
			t.Errorf("%v: a JWT's fix_code in the records is %v, want %v", lang, withCode, lang != nil)
		}
	}
}

func TestVerifyLinesWithoutSecretsExits2(t *testing.T) {
	token := strings.TrimSpace(captureInput(t, "jwt-valid"))
	r := runCLI(t, token+"\n", nil, "verify", "--lines", "--secret-env", "UNSET")
	if r.code != exitUsage || !strings.Contains(r.stderr, "UNSET is not set") || !strings.Contains(r.stdout, `{"line":1,"ok":false,"error":`) {
		t.Fatalf("no secret: %+v", r)
	}
}
