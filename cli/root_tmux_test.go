package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
)

// TestTUIInTmux drives the built binary in a real terminal: tmux at
// 120x40, a bracketed paste of an open-sheet JSON body, the copy key, then
// a bracketed paste of a signed webhook request.
func TestTUIInTmux(t *testing.T) {
	needTmux(t)
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	secret := []byte("FAKE-tmux-test-oauth-secret")
	secretFile := filepath.Join(dir, "oauth.secret")
	writeFile(t, secretFile, secret)
	cipher, err := crypto.NewSheetCipher(crypto.SheetKey(secret))
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := cipher.Seal([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, []byte(`{"user_id":"u_42","email":"alice@example.com"}`))
	if err != nil {
		t.Fatal(err)
	}
	body := filepath.Join(dir, "body.json")
	writeFile(t, body, []byte(`{"user":"`+crypto.EncodeSheetUser(sealed)+`"}`))

	// No SSH variables, so the copy uses the local path (and says how).
	tm := startTmux(t, dir, "e2e", "120", "40",
		"env -u SSH_CONNECTION -u SSH_TTY NO_COLOR=1 TERM=xterm-256color "+bin+" --secret-file "+secretFile)

	tm.waitFor("Paste a sealed user")
	tm.paste(body)
	screen := tm.waitFor("000102030405060708090a0b", `"email": "alice@example.com"`, "from_json_body", "✓ opened by")
	if strings.Contains(screen, string(secret)) {
		t.Fatalf("the secret is on screen:\n%s", screen)
	}
	// input, profiles, split: an open-sheet body, never signed, has no
	// signature header field for tab to stop at
	tm.run("send-keys", "-t", "e2e", "Tab", "Tab", "i")
	tm.waitFor("copied the IV (hex), 24 B, via OSC 52")

	// A captured webhook: the signature is checked against the raw body.
	hook := `{"type":"notification_event","topic":"ping","data":{"item":{"type":"ping"}}}`
	signature := crypto.SignatureValue(crypto.HeaderHubSignature, secret, []byte(hook))
	request := filepath.Join(dir, "webhook.http")
	// LF line endings: tmux pastes each LF as a CR, which the UI reads back
	// as one line break (a CRLF would arrive as two).
	writeFile(t, request, []byte("POST /intercom/webhooks HTTP/1.1\nHost: hooks.example.com\nContent-Type: application/json\n"+
		crypto.HeaderHubSignature+": "+signature+"\n\n"+hook))
	tm.paste(request)
	screen = tm.waitFor("HTTP request (detected)", "X-Hub-Signature · HMAC-SHA1", "expected  "+signature, "computed  "+signature, "result    ✓ match", "✓ verified by")
	if strings.Contains(screen, string(secret)) {
		t.Fatalf("the secret is on screen:\n%s", screen)
	}
	// The paste took focus back to the input, where q is text: shift+tab
	// wraps to the diagnostics, where it quits.
	tm.run("send-keys", "-t", "e2e", "BTab", "q")
	deadline := time.Now().Add(5 * time.Second)
	for exec.Command("tmux", "-S", tm.socket, "has-session", "-t", "e2e").Run() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", tm.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// needTmux skips a test when tmux is missing, except in CI (CI=true),
// where it must run (.ci/interpreters installs tmux).
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("tmux: %v (CI must have it: run .ci/interpreters)", err)
		}
		t.Skip("tmux is not installed")
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// buildBinary builds sealpeek (the module root, wherever the test runs) into dir, for the tests and benchmarks that
// run the real binary in a terminal. It is built as releases are (.goreleaser.yaml: CGO_ENABLED=0): a cgo
// build links libc through the net package and starts about 5 ms later.
func buildBinary(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "sealpeek")
	build := exec.Command("go", "build", "-o", bin, "github.com/sealpeek/sealpeek")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// tmuxServer is a private tmux server on its own socket, with one session.
type tmuxServer struct {
	t       testing.TB
	socket  string
	session string
}

// startTmux starts a server (its socket in dir) whose session runs command
// in a terminal of cols x rows; the test kills it when it ends.
func startTmux(t testing.TB, dir, session, cols, rows, command string) tmuxServer {
	t.Helper()
	s := tmuxServer{t: t, socket: filepath.Join(dir, "tmux.sock"), session: session}
	s.run("-f", "/dev/null", "new-session", "-d", "-x", cols, "-y", rows, "-s", session, command)
	t.Cleanup(s.kill)
	return s
}

// run runs a tmux command, failing the test if it fails, and returns what
// it printed.
func (s tmuxServer) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s tmuxServer) kill() { exec.Command("tmux", "-S", s.socket, "kill-server").Run() }

// paste pastes the file into the session as a bracketed paste.
func (s tmuxServer) paste(file string) {
	s.t.Helper()
	s.run("load-buffer", file)
	s.run("paste-buffer", "-p", "-t", s.session)
}

func (s tmuxServer) capture() string {
	out, _ := exec.Command("tmux", "-S", s.socket, "capture-pane", "-p", "-t", s.session).CombinedOutput()
	return string(out)
}

// waitFor polls the screen until it shows every want, and returns it.
func (s tmuxServer) waitFor(wants ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		screen := s.capture()
		missing := ""
		for _, w := range wants {
			if !strings.Contains(screen, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q:\n%s", missing, screen)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTUIInTmuxEditsAndScopes drives the binary in tmux at 80x24 with a
// profiles file one of whose profiles reads (a literal), one whose
// command fails and one whose variable is unset: the welcome names the
// file and what was read, the broken profiles are listed and named; the
// input is edited at its cursor; and a signature header typed for one
// body does not outlive it (issue 13).
func TestTUIInTmuxEditsAndScopes(t *testing.T) {
	needTmux(t)
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	secret := []byte("FAKE-tmux-edit-oauth-secret")
	config := filepath.Join(dir, "profiles.toml")
	writeFile(t, config, []byte(`[[profile]]
name = "good-oauth"
role = "oauth"
secret = "`+string(secret)+`"

[[profile]]
name = "failing-cmd"
role = "oauth"
secret_cmd = "exit 3"

[[profile]]
name = "unset-env"
role = "identity"
secret_env = "SEALPEEK_TMUX_UNSET"
`))
	tm := startTmux(t, dir, "edit", "80", "24",
		"env -u SEALPEEK_TMUX_UNSET NO_COLOR=1 TERM=xterm-256color HOME="+dir+" "+bin+" --config "+config)

	// The welcome: what to paste, the file and how many profiles it gave.
	tm.waitFor("Paste a sealed user", "2 profiles could not be read: 'failing-cmd' (secret_cmd_failed)", "1 profile read from", "profiles.toml.")
	tm.run("send-keys", "-t", "edit", "Tab")
	tm.waitFor("failing-cmd · unreadable", "unset-env · unreadable")
	tm.run("send-keys", "-t", "edit", "BTab")

	// Editing at the cursor: typed, then moved into and typed again.
	tm.run("send-keys", "-t", "edit", "-l", "alice@example.com")
	tm.waitFor("alice@example.com", "user data (detected)")
	tm.run("send-keys", "-t", "edit", "Left", "Left", "Left", "Left")
	tm.run("send-keys", "-t", "edit", "-l", "X")
	tm.run("send-keys", "-t", "edit", "Home")
	tm.run("send-keys", "-t", "edit", "-l", ">")
	tm.run("send-keys", "-t", "edit", "End", "BSpace")
	// 18 bytes: the m is gone (">alice@exampleX.co" is also in "…com").
	tm.waitFor(">alice@exampleX.co", "user data (detected) · 18 B")
	if screen := tm.capture(); strings.Contains(screen, ">alice@exampleX.com") {
		t.Fatalf("backspace at the end should have removed the m:\n%s", screen)
	}
	tm.run("send-keys", "-t", "edit", "C-u")

	// A paste of more than the terminal library's 4 KiB reads arrives
	// whole, with no key pressed after it (it used to wait 4 KiB a key).
	big := filepath.Join(dir, "big.txt")
	writeFile(t, big, []byte(strings.Repeat("QUJD", 50<<10)))
	tm.paste(big)
	tm.waitFor("sheet user (detected) · 200.0 KiB")
	tm.run("send-keys", "-t", "edit", "C-u")

	// A signature header typed for one body is not the next input's.
	hook := `{"type":"notification_event","topic":"ping","data":{"item":{"type":"ping"}}}`
	body := filepath.Join(dir, "hook.json")
	writeFile(t, body, []byte(hook))
	tm.paste(body)
	tm.waitFor("JSON body (detected)", "signature_missing")
	tm.run("send-keys", "-t", "edit", "C-g")
	tm.run("send-keys", "-t", "edit", "-l", "sha1="+strings.Repeat("0", 40))
	tm.waitFor("(as X-Hub-Signature)", "signature_mismatch")
	tm.run("send-keys", "-t", "edit", "C-g", "C-u")
	signature := crypto.SignatureValue(crypto.HeaderHubSignature, secret, []byte(hook))
	request := filepath.Join(dir, "hook.http")
	writeFile(t, request, []byte("POST /hooks HTTP/1.1\nHost: example.com\nContent-Type: application/json\n"+
		crypto.HeaderHubSignature+": "+signature+"\n\n"+hook))
	tm.paste(request)
	screen := tm.waitFor("HTTP request (detected)", "✓ verified by good-oauth")
	if strings.Contains(screen, "header_replaced") || strings.Contains(screen, "signature_mismatch") || strings.Contains(screen, string(secret)) {
		t.Fatalf("the old header outlived its input, or the secret shows:\n%s", screen)
	}
}
