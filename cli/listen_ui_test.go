package cli

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/interp"
	"github.com/sealpeek/sealpeek/internal/listen"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// TestListenInTmux runs 'sealpeek listen' in a real terminal: the UI opens
// on the Requests pane, curl --data-binary sends a correctly and a wrongly
// signed webhook, each is listed with its verdict, and enter shows the
// chosen one in the usual panes.
func TestListenInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	curl := interp.Need(t, "curl")
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	secret := []byte("FAKE-tmux-listen-oauth-secret")
	secretFile := filepath.Join(dir, "oauth.secret")
	writeFile(t, secretFile, secret)
	kept := filepath.Join(dir, "kept")
	tm := startTmux(t, dir, "listen", "160", "40",
		"env NO_COLOR=1 TERM=xterm-256color "+bin+" listen --addr 127.0.0.1:0 --keep "+kept+" --secret-file "+secretFile)
	screen := tm.waitFor("Requests · listening on http://127.0.0.1:", "waiting for requests")
	url := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+`).FindString(screen)

	hook := `{"type":"notification_event","topic":"ping","data":{"item":{"type":"ping"}}}`
	body := filepath.Join(dir, "hook.json")
	writeFile(t, body, []byte(hook))
	for _, sig := range []string{crypto.SignatureValue("X-Hub-Signature", secret, []byte(hook)), "sha1=" + strings.Repeat("0", 40)} {
		out, err := exec.Command(curl, "-sS", "--max-time", "30", "--data-binary", "@"+body, "-H", "Content-Type: application/json",
			"-H", "X-Hub-Signature: "+sig, url+"/hooks").CombinedOutput()
		if err != nil {
			t.Fatalf("curl: %v\n%s", err, out)
		}
	}
	screen = tm.waitFor("2 received", "webhook ping", "✓ verified", "✗ signature_mismatch")
	if strings.Index(screen, "✗ signature_mismatch") > strings.Index(screen, "✓ verified") {
		t.Errorf("not newest first:\n%s", screen)
	}
	// Down to the older, correct one; enter shows it in the usual panes.
	tm.run("send-keys", "-t", "listen", "Down", "Enter")
	screen = tm.waitFor("Request · webhook · POST /hooks", "result    ✓ match", "✓ verified by")
	if strings.Contains(screen, string(secret)) {
		t.Fatalf("the secret is on screen:\n%s", screen)
	}
	tm.run("send-keys", "-t", "listen", "q")
	deadline := time.Now().Add(30 * time.Second)
	for exec.Command("tmux", "-S", tm.socket, "has-session", "-t", "listen").Run() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", tm.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if files, _ := listen.List(kept); len(files) != 2 {
		t.Errorf("kept %d requests", len(files))
	}
}

func TestReceivedOfSaysTheVerdictAndTheAppsAnswer(t *testing.T) {
	s := &listenSetup{rings: &roleKeyrings{e: &env{getenv: func(k string) string { return map[string]string{"S": listenSecret}[k] }}, secrets: &secretFlags{envVar: "S"}}}
	body := []byte(`{"type":"notification_event","topic":"ping"}`)
	req := &wire.Request{Method: "POST", Target: "/hooks", Body: body,
		Headers: []wire.Header{{Name: "X-Hub-Signature", Value: crypto.SignatureValue("X-Hub-Signature", []byte(listenSecret), body)}}}
	ev := &listen.Event{ReceivedAt: time.Now(), Method: "POST", Path: "/hooks", Request: req, Raw: req.Raw(), Verdict: s.verify(req),
		App: &listen.App{Status: 401, Latency: time.Millisecond}}
	r := receivedOf(ev, s.record(ev))
	if !r.OK || r.Verdict != "verified; app_rejected_valid" || r.Topic != "ping" || r.Kind != "webhook" || r.AppStatus != 401 || string(r.Raw) != string(req.Raw()) {
		t.Errorf("%+v", r)
	}
	tooLarge := &listen.Event{ReceivedAt: time.Now(), Method: "POST", Path: "/", TooLarge: true, Err: errTest("the body is over 16 MiB")}
	if r := receivedOf(tooLarge, s.record(tooLarge)); r.OK || r.Problem != "the body is over 16 MiB" || r.Raw != nil {
		t.Errorf("%+v", r)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }
