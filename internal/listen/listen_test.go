package listen

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// running is a server started for a test, and the events it reported.
type running struct {
	url    string
	mu     sync.Mutex
	events []*Event
	got    chan *Event
	stop   func() error
}

func (r *running) all() []*Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*Event(nil), r.events...)
}

// start runs a server with o on a loopback port of its own until the test
// ends (or stop is called).
func start(t *testing.T, o Options) *running {
	t.Helper()
	r := &running{got: make(chan *Event, 1024)}
	o.Report = func(ev *Event) {
		r.mu.Lock()
		r.events = append(r.events, ev)
		r.mu.Unlock()
		r.got <- ev
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.url = "http://" + l.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- New(o).Serve(ctx, l, 30*time.Second) }()
	var once sync.Once
	var stopErr error
	r.stop = func() error {
		once.Do(func() { cancel(); stopErr = <-done })
		return stopErr
	}
	t.Cleanup(func() { r.stop() })
	return r
}

func post(t *testing.T, url string, body []byte, headers ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestHeadAndGetAnswer200AndAreNotKept(t *testing.T) {
	dir := t.TempDir()
	r := start(t, Options{Keep: dir})
	for _, method := range []string{"HEAD", "GET"} {
		resp, err := http.DefaultClient.Do(must(http.NewRequest(method, r.url+"/hooks", nil)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s answered %d", method, resp.StatusCode)
		}
	}
	post(t, r.url+"/hooks", []byte("{}"))
	if ev := <-r.got; ev.Seq != 3 || ev.Method != "POST" {
		t.Errorf("the first event is %+v: HEAD and GET report nothing", ev)
	}
	if kept, _ := List(dir); len(kept) != 1 {
		t.Errorf("kept %d files", len(kept))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestAPostIsKeptByteForByteAndVerified(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "captures")
	secret := []byte("s3cret-client-secret")
	body := []byte("{\"topic\":\"ping\",\r\n \"data\":\"caf\xc3\xa9\"}\n")
	var verified []*wire.Request
	var mu sync.Mutex
	r := start(t, Options{Keep: dir, Status: 202, Verify: func(req *wire.Request) any {
		mu.Lock()
		verified = append(verified, req)
		mu.Unlock()
		c, err := crypto.ReadCapture(req.Raw(), nil)
		return crypto.VerifyCapture(c, err, crypto.NewKeyring(crypto.Secret{Name: "app", Role: crypto.RoleOAuth, Value: secret}), "", time.Now())
	}})
	sig := crypto.SignatureValue("X-Hub-Signature", secret, body)
	resp := post(t, r.url+"/hooks?x=1", body, "X-Hub-Signature", sig, "Content-Type", "application/json")
	if resp.StatusCode != 202 {
		t.Errorf("answered %d, not --status", resp.StatusCode)
	}
	ev := <-r.got
	if ev.Path != "/hooks?x=1" || ev.KeepErr != nil || ev.Status != 202 {
		t.Fatalf("event %+v", ev)
	}
	if rep := ev.Verdict.(*crypto.CaptureReport); !rep.OK() {
		t.Errorf("a correctly signed webhook does not verify: %+v", rep.Diagnoses)
	}
	raw, err := os.ReadFile(ev.Kept)
	if err != nil {
		t.Fatal(err)
	}
	c, err := crypto.ReadCapture(raw, nil)
	if err != nil || !bytes.Equal(c.Body, body) {
		t.Fatalf("the kept file reads back as %q, %v", c.Body, err)
	}
	if v, _ := c.Header("X-Hub-Signature"); v != sig {
		t.Errorf("kept X-Hub-Signature %q", v)
	}
	if bytes.Contains(raw, secret) {
		t.Error("the secret is in the kept file")
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, ev.Kept: 0o600} {
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v (%v)", path, info.Mode().Perm(), want, err)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".partial-*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestTheSenderIsAnsweredBeforeTheRequestIsVerified(t *testing.T) {
	for _, status := range []int{200, 204} {
		answered := make(chan struct{})
		r := start(t, Options{Keep: t.TempDir(), Status: status, Verify: func(*wire.Request) any {
			select {
			case <-answered:
				return "after the answer"
			case <-time.After(time.Minute):
				return "the answer waited for this"
			}
		}})
		resp := post(t, r.url, []byte("{}"))
		close(answered)
		if resp.StatusCode != status || resp.ContentLength > 0 {
			t.Errorf("answered %d with %d bytes, not %d", resp.StatusCode, resp.ContentLength, status)
		}
		if ev := <-r.got; ev.Verdict != "after the answer" || ev.Kept == "" || ev.Status != status {
			t.Errorf("%d: event %+v", status, ev)
		}
	}
}

func TestEventsAreReportedInTheOrderRequestsArrived(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	r := start(t, Options{Verify: func(req *wire.Request) any {
		if string(req.Body) == "first" {
			entered <- struct{}{}
			<-release // the first is slow: the second must wait for it
		}
		return nil
	}})
	first := make(chan struct{})
	go func() {
		// On a connection of its own: the first is answered before it is
		// verified, and a second request on the same connection would be
		// read only once the first is done.
		resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Post(r.url, "text/plain", strings.NewReader("first"))
		if err == nil {
			resp.Body.Close()
		}
		close(first)
	}()
	<-entered
	post(t, r.url, []byte("second"))
	select {
	case ev := <-r.got:
		t.Fatalf("%q was reported before the first request was done", ev.Request.Body)
	default:
	}
	close(release)
	<-first
	a, b := <-r.got, <-r.got
	if string(a.Request.Body) != "first" || string(b.Request.Body) != "second" {
		t.Errorf("reported %q then %q", a.Request.Body, b.Request.Body)
	}
}

func TestABodyOverTheLimitIs413AndSaid(t *testing.T) {
	dir := t.TempDir()
	r := start(t, Options{Keep: dir, MaxBody: 1 << 20})
	resp := post(t, r.url, bytes.Repeat([]byte("a"), 1<<20+1))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("answered %d", resp.StatusCode)
	}
	ev := <-r.got
	if !ev.TooLarge || ev.Err == nil || !strings.Contains(ev.Err.Error(), "1 MiB") || ev.Kept != "" {
		t.Errorf("event %+v", ev)
	}
	if kept, _ := List(dir); len(kept) != 0 {
		t.Errorf("kept %v", kept)
	}
}

func TestAnUnwritableFolderIsSaidAndTheRequestStillAnsweredAndVerified(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into any folder")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	r := start(t, Options{Keep: dir, Verify: func(*wire.Request) any { return "checked" }})
	if resp := post(t, r.url, []byte("{}")); resp.StatusCode != 200 {
		t.Errorf("answered %d", resp.StatusCode)
	}
	ev := <-r.got
	if ev.KeepErr == nil || ev.KeepErr.Error() != "cannot keep the request in "+dir+": the folder cannot be written to" {
		t.Errorf("keep error: %v", ev.KeepErr)
	}
	if ev.Verdict != "checked" || ev.Kept != "" {
		t.Errorf("event %+v", ev)
	}
}

func TestKeepSaysAFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	// A folder on a full disk cannot be made in a test; the error a full
	// disk gives is what keepError is given.
	err := keepError("/captures", &os.PathError{Op: "write", Path: "/captures/x", Err: errFull()})
	if err.Error() != "cannot keep the request in /captures: the disk is full" {
		t.Errorf("%v", err)
	}
}

func errFull() error {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Write([]byte("x"))
	return err
}

func TestForwardingRelaysTheAppsAnswerAndDropsHopByHopHeaders(t *testing.T) {
	seen := make(chan *http.Request, 1)
	bodies := make(chan []byte, 1)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen <- r
		bodies <- b
		w.Header().Set("X-App", "yes")
		w.WriteHeader(401)
		io.WriteString(w, `{"error":"bad signature"}`)
	}))
	defer app.Close()
	r := start(t, Options{ForwardTo: app.URL})
	body := []byte("{\"a\": 1}\n")
	req := must(http.NewRequest("POST", r.url+"/hooks", bytes.NewReader(body)))
	req.Header.Set("X-Hub-Signature", "sha1=00")
	req.Header.Set("Keep-Alive", "timeout=5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || string(answer) != `{"error":"bad signature"}` || resp.Header.Get("X-App") != "yes" {
		t.Errorf("relayed %d %q %v", resp.StatusCode, answer, resp.Header)
	}
	got := <-seen
	if b := <-bodies; !bytes.Equal(b, body) || got.URL.Path != "/hooks" || got.Header.Get("X-Hub-Signature") != "sha1=00" || got.Header.Get("Keep-Alive") != "" {
		t.Errorf("the app got %s %q %v", got.URL.Path, b, got.Header)
	}
	ev := <-r.got
	if ev.App == nil || ev.App.Status != 401 || ev.App.Latency <= 0 || string(ev.App.Body) != `{"error":"bad signature"}` || ev.Status != 401 {
		t.Errorf("event app %+v", ev.App)
	}
}

func TestAnAppThatCannotBeReachedIs502AndSaid(t *testing.T) {
	l := must(net.Listen("tcp", "127.0.0.1:0"))
	closed := "http://" + l.Addr().String()
	l.Close()
	r := start(t, Options{ForwardTo: closed})
	if resp := post(t, r.url, []byte("{}")); resp.StatusCode != http.StatusBadGateway {
		t.Errorf("answered %d", resp.StatusCode)
	}
	if ev := <-r.got; ev.App == nil || ev.App.Err == nil || !strings.Contains(ev.App.Err.Error(), "connection was refused") {
		t.Errorf("event app %+v", ev.App)
	}
}

func TestStoppingFinishesTheRequestsInFlight(t *testing.T) {
	dir := t.TempDir()
	release := make(chan struct{})
	entered := make(chan struct{})
	r := start(t, Options{Keep: dir, Verify: func(*wire.Request) any {
		close(entered)
		<-release
		return "done"
	}})
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Post(r.url, "application/json", strings.NewReader("{}"))
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	<-entered
	stopped := make(chan error, 1)
	go func() { stopped <- r.stop() }()
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if code := <-answered; code != 200 {
		t.Errorf("the request in flight was answered %d", code)
	}
	if evs := r.all(); len(evs) != 1 || evs[0].Verdict != "done" || evs[0].Kept == "" {
		t.Errorf("events %+v", evs)
	}
}

func TestASlowClientCannotHoldAConnection(t *testing.T) {
	r := start(t, Options{ReadHeaderTimeout: 200 * time.Millisecond})
	conn, err := net.Dial("tcp", strings.TrimPrefix(r.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\n") // and never the rest
	conn.SetReadDeadline(time.Now().Add(time.Minute))
	// The server closes the connection (Go answers 408 first, or nothing).
	_, err = io.Copy(io.Discard, bufio.NewReader(conn))
	if err != nil {
		t.Errorf("the connection was not closed by the server: %v", err)
	}
}

func TestListIsOldestFirstAndSkipsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 3, 22, 0, 0, 5, time.UTC)
	b, _ := Keep(dir, t0.Add(time.Second), 2, []byte("b"))
	a, _ := Keep(dir, t0, 1, []byte("a"))
	os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600)
	os.WriteFile(filepath.Join(dir, "mine.http"), nil, 0o600)
	kept, err := List(dir)
	if err != nil || len(kept) != 2 || kept[0].Path != a || kept[1].Path != b || !kept[0].ReceivedAt.Equal(t0) {
		t.Errorf("List = %+v, %v", kept, err)
	}
	if none, err := List(filepath.Join(dir, "missing")); none != nil || err != nil {
		t.Errorf("a missing folder: %v, %v", none, err)
	}
}

func TestDefaultDir(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/u"}
	if d, _ := DefaultDir(func(k string) string { return env[k] }); d != "/state/sealpeek/captures" {
		t.Errorf("with XDG_STATE_HOME: %s", d)
	}
	env["XDG_STATE_HOME"] = "relative"
	if d, _ := DefaultDir(func(k string) string { return env[k] }); d != "/home/u/.local/state/sealpeek/captures" {
		t.Errorf("without: %s", d)
	}
}

func TestKeepSaysWhyAFolderCannotBeMade(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "captures")
	if _, err := Keep(dir, time.Now(), 1, []byte("x")); err == nil || err.Error() != "cannot keep the request in "+dir+": not a directory" {
		t.Errorf("%v", err)
	}
}

func TestBothWaysOfKeepingWriteTheWholeFilePrivately(t *testing.T) {
	dir := t.TempDir()
	raw := []byte("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
	renamed := filepath.Join(dir, "renamed.http")
	if err := createRenamed(dir, renamed, "renamed", raw); err != nil {
		t.Fatal(err)
	}
	kept, err := Keep(dir, time.Now(), 7, raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{renamed, kept} {
		got, err := os.ReadFile(name)
		info, _ := os.Stat(name)
		if err != nil || !bytes.Equal(got, raw) || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %q, %v, mode %v", name, got, err, info.Mode())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d entries, not the 2 files", len(entries))
	}
}
