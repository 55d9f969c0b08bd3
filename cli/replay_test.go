package cli

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

// appGot is a request an app received.
type appGot struct {
	path   string
	header http.Header
	body   []byte
}

// testApp answers status to every request and passes each on.
func testApp(t *testing.T, status int) (*httptest.Server, <-chan appGot) {
	t.Helper()
	got := make(chan appGot, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- appGot{r.URL.RequestURI(), r.Header.Clone(), b}
		w.WriteHeader(status)
		io.WriteString(w, "answer\n")
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func TestReplaySendsTheKeptBytes(t *testing.T) {
	_, good, _ := keptByListen(t)
	srv, got := testApp(t, 200)
	r := runCLI(t, "", nil, "replay", good.Kept, "--to", srv.URL)
	if r.code != 0 || r.stdout != "answer\n" || !strings.Contains(r.stderr, "sent POST /hooks to "+srv.URL+": 200 OK") {
		t.Fatalf("exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
	a := <-got
	raw, _ := os.ReadFile(good.Kept)
	c, _ := crypto.ReadCapture(raw, nil)
	sig, _ := c.Header("X-Hub-Signature")
	if a.path != "/hooks" || !bytes.Equal(a.body, c.Body) || a.header.Get("X-Hub-Signature") != sig {
		t.Errorf("the app got %s %q %v", a.path, a.body, a.header)
	}
}

func TestReplayExits1WhenTheAppRejects(t *testing.T) {
	_, good, _ := keptByListen(t)
	srv, _ := testApp(t, 401)
	r := runCLI(t, "", nil, "replay", good.Kept, "--to", srv.URL+"/mine", "--json")
	res := decodeJSON(t, r.stdout)
	if r.code != exitMismatch || res["status"] != float64(401) || res["ok"] != false || res["body"] != "answer\n" {
		t.Errorf("exit %d, %v", r.code, res)
	}
}

func TestReplayResignsAnEditedBody(t *testing.T) {
	_, good, _ := keptByListen(t)
	raw, _ := os.ReadFile(good.Kept)
	// The body edited, and its Content-Length line removed, as the help says.
	head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	var lines []string
	for _, l := range strings.Split(string(head), "\r\n") {
		if !strings.HasPrefix(strings.ToLower(l), "content-length:") {
			lines = append(lines, l)
		}
	}
	edited := []byte(`{"type":"notification_event","topic":"conversation.user.replied"}`)
	file := filepath.Join(t.TempDir(), "edited.http")
	os.WriteFile(file, append([]byte(strings.Join(lines, "\r\n")+"\r\n\r\n"), edited...), 0o600)
	srv, got := testApp(t, 200)
	vars := map[string]string{"APP_SECRET": listenSecret}
	r := runCLI(t, "", vars, "replay", file, "--to", srv.URL, "--resign", "--secret-env", "APP_SECRET")
	if r.code != 0 || !strings.Contains(r.stderr, "X-Hub-Signature signed again") {
		t.Fatalf("exit %d, %q", r.code, r.stderr)
	}
	a := <-got
	if !bytes.Equal(a.body, edited) || a.header.Get("X-Hub-Signature") != crypto.SignatureValue("X-Hub-Signature", []byte(listenSecret), edited) {
		t.Errorf("the app got %q signed %q", a.body, a.header.Get("X-Hub-Signature"))
	}
	if strings.Contains(r.stdout+r.stderr, listenSecret) {
		t.Error("the secret is in the output")
	}
}

func TestReplayErrors(t *testing.T) {
	dir := t.TempDir()
	body := filepath.Join(dir, "body.json")
	os.WriteFile(body, []byte(`{"topic":"ping"}`), 0o600)
	unsigned := filepath.Join(dir, "unsigned.http")
	os.WriteFile(unsigned, []byte("POST /h HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{}"), 0o600)
	vars := map[string]string{"APP_SECRET": listenSecret}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{body}, "give --to URL"},
		{[]string{"--to", "http://127.0.0.1:1"}, "name the FILE"},
		{[]string{body, "--to", "localhost:3000"}, "--to \"localhost:3000\" is not an http or https URL"},
		{[]string{body, "--to", "http://127.0.0.1:1"}, body + " is not a raw HTTP request"},
		{[]string{filepath.Join(dir, "missing.http"), "--to", "http://127.0.0.1:1"}, "cannot read " + filepath.Join(dir, "missing.http")},
		{[]string{unsigned, "--to", "http://127.0.0.1:1", "--resign", "--secret-env", "APP_SECRET"}, "no X-Hub-Signature or X-Body-Signature header"},
		{[]string{unsigned, "--to", "http://127.0.0.1:1"}, "the connection was refused"},
	} {
		r := runCLI(t, "", vars, append([]string{"replay"}, tt.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, %q", tt.args, r.code, r.stderr)
		}
	}
}
