package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/interp"
)

// lineFeed is an output written to concurrently, read line by line.
type lineFeed struct {
	mu    sync.Mutex
	all   bytes.Buffer
	part  []byte
	lines chan string
}

func newLineFeed() *lineFeed { return &lineFeed{lines: make(chan string, 20000)} }

func (f *lineFeed) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.all.Len() < 1<<20 { // what String shows when a test fails
		f.all.Write(p)
	}
	f.part = append(f.part, p...)
	for {
		i := bytes.IndexByte(f.part, '\n')
		if i < 0 {
			return len(p), nil
		}
		f.lines <- string(f.part[:i])
		f.part = f.part[i+1:]
	}
}

func (f *lineFeed) String() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.all.String()
}

// next is the next line, or fails the test after a minute.
func (f *lineFeed) next(t testing.TB) string {
	t.Helper()
	select {
	case l := <-f.lines:
		return l
	case <-time.After(time.Minute):
		t.Fatalf("no line after a minute; so far:\n%s", f.String())
	}
	return ""
}

// listening is a 'sealpeek listen' run in the test.
type listening struct {
	url            string
	stdout, stderr *lineFeed
	stop           func() int
}

// startListen runs 'sealpeek listen ARGS' (on a port of its own unless
// --addr is given) until the test ends or stop is called.
func startListen(t testing.TB, vars map[string]string, args ...string) *listening {
	t.Helper()
	l := &listening{stdout: newLineFeed(), stderr: newLineFeed()}
	e := &env{stdin: strings.NewReader(""), stdout: l.stdout, stderr: l.stderr, getenv: func(k string) string { return vars[k] }}
	root := newRootCmd(e)
	root.SetArgs(append([]string{"listen", "--addr", "127.0.0.1:0"}, args...))
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- exitCodeOf(root.ExecuteContext(ctx)) }()
	var once sync.Once
	code := 0
	l.stop = func() int {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
	t.Cleanup(func() { l.stop() })
	var rest string
	for ok := false; !ok; {
		_, rest, ok = strings.Cut(l.stderr.next(t), "listening on ")
	}
	l.url, _, _ = strings.Cut(rest, ";")
	return l
}

// postWebhook sends body with an X-Hub-Signature made with secret (none
// when secret is "") and returns the status and answer.
func postWebhook(t testing.TB, url string, secret string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Hub-Signature", crypto.SignatureValue("X-Hub-Signature", []byte(secret), body))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(answer)
}

// listenLineOf decodes one NDJSON line of listen.
type listenLineOf struct {
	OK         bool      `json:"ok"`
	Kind       string    `json:"kind"`
	ReceivedAt time.Time `json:"received_at"`
	Method     string    `json:"method"`
	Path       string    `json:"path"`
	Kept       string    `json:"kept"`
	KeepError  string    `json:"keep_error"`
	Answered   int       `json:"answered"`
	Error      string    `json:"error"`
	Request    struct {
		Body string `json:"body"`
	} `json:"request"`
	Signatures []struct {
		Match   bool   `json:"match"`
		Profile string `json:"profile"`
	} `json:"signatures"`
	Diagnoses []struct {
		Code string `json:"code"`
	} `json:"diagnoses"`
	App *struct {
		Status int     `json:"status"`
		MS     float64 `json:"ms"`
		Body   string  `json:"body"`
		Error  string  `json:"error"`
	} `json:"app"`
}

func decodeListenLine(t testing.TB, line string) listenLineOf {
	t.Helper()
	var r listenLineOf
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, line)
	}
	return r
}

func (r listenLineOf) codes() []string {
	var out []string
	for _, d := range r.Diagnoses {
		out = append(out, d.Code)
	}
	return out
}

const listenSecret = "listen-test-client-secret"

func TestListenKeepsVerifiesAndPrintsOneJSONLineARequest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kept")
	vars := map[string]string{"APP_SECRET": listenSecret}
	l := startListen(t, vars, "--secret-env", "APP_SECRET", "--keep", dir, "--status", "202")
	body := []byte("{\"type\":\"notification_event\",\"topic\":\"ping\",\n  \"data\":{}}\r\n")
	if code, _ := postWebhook(t, l.url+"/hooks", listenSecret, body); code != 202 {
		t.Errorf("answered %d, not --status", code)
	}
	postWebhook(t, l.url+"/hooks", "another-secret", body)
	good, bad := decodeListenLine(t, l.stdout.next(t)), decodeListenLine(t, l.stdout.next(t))
	if !good.OK || good.Kind != "webhook" || good.Method != "POST" || good.Path != "/hooks" || good.Answered != 202 ||
		len(good.Signatures) != 1 || !good.Signatures[0].Match || good.Signatures[0].Profile != "$APP_SECRET" || good.ReceivedAt.IsZero() {
		t.Errorf("a correctly signed webhook: %+v", good)
	}
	if bad.OK || len(bad.Diagnoses) == 0 || bad.Diagnoses[0].Code != "signature_mismatch" {
		t.Errorf("a wrongly signed webhook: %+v", bad)
	}
	raw, err := os.ReadFile(good.Kept)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := crypto.ReadCapture(raw, nil); err != nil || !bytes.Equal(c.Body, body) || good.Request.Body != string(body) {
		t.Errorf("kept body %q, %v", c.Body, err)
	}
	if filepath.Dir(good.Kept) != dir {
		t.Errorf("kept in %s", good.Kept)
	}
	// The file kept reads as verify reads it.
	if r := runCLI(t, "", vars, "verify", "--secret-env", "APP_SECRET", good.Kept); r.code != 0 {
		t.Errorf("verify of the kept file exits %d: %s", r.code, r.stderr)
	}
	if code := l.stop(); code != 0 {
		t.Errorf("stopping exits %d", code)
	}
	if out := l.stdout.String() + l.stderr.String(); strings.Contains(out, listenSecret) {
		t.Error("the secret is in the output")
	}
}

func TestListenSaysAFolderItCannotKeepInAndStillVerifies(t *testing.T) {
	// A file where the folder should be: no folder can be made there, even
	// by root.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	l := startListen(t, map[string]string{"APP_SECRET": listenSecret}, "--secret-env", "APP_SECRET", "--keep", filepath.Join(file, "sub"), "--json")
	if !strings.Contains(l.stderr.String(), "cannot make "+filepath.Join(file, "sub")) {
		t.Errorf("no warning about the folder: %q", l.stderr.String())
	}
	if code, _ := postWebhook(t, l.url, listenSecret, []byte(`{"topic":"ping"}`)); code != 200 {
		t.Errorf("answered %d", code)
	}
	r := decodeListenLine(t, l.stdout.next(t))
	if !r.OK || r.Kept != "" || !strings.Contains(r.KeepError, "cannot keep the request in "+filepath.Join(file, "sub")+": not a directory") {
		t.Errorf("%+v", r)
	}
}

func TestListenOver16MiBIs413AndSaid(t *testing.T) {
	l := startListen(t, map[string]string{"APP_SECRET": listenSecret}, "--secret-env", "APP_SECRET", "--no-keep")
	code, _ := postWebhook(t, l.url, listenSecret, bytes.Repeat([]byte(" "), 16<<20+1))
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("answered %d", code)
	}
	r := decodeListenLine(t, l.stdout.next(t))
	if r.OK || r.Answered != 413 || !strings.Contains(r.Error, "16 MiB") || r.Kept != "" {
		t.Errorf("%+v", r)
	}
}

func TestListenFlagErrors(t *testing.T) {
	vars := map[string]string{"APP_SECRET": listenSecret}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--status", "99"}, "--status 99 is not an HTTP status"},
		{[]string{"--keep", "d", "--no-keep"}, "give --keep DIR or --no-keep, not both"},
		{[]string{"--forward-to", "ftp://x"}, "not an http or https URL"},
		{[]string{"--addr", "8788"}, "is not host:port"},
	} {
		r := runCLI(t, "", vars, append([]string{"listen", "--secret-env", "APP_SECRET"}, tt.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, %q", tt.args, r.code, r.stderr)
		}
	}
	r := runCLI(t, "", map[string]string{"HOME": t.TempDir()}, "listen")
	if r.code != exitUsage || !strings.Contains(r.stderr, "no secret") {
		t.Errorf("without a secret: exit %d, %q", r.code, r.stderr)
	}
}

func TestListenSaysAnAddressInUse(t *testing.T) {
	l := startListen(t, map[string]string{"APP_SECRET": listenSecret}, "--secret-env", "APP_SECRET", "--no-keep")
	addr := strings.TrimPrefix(l.url, "http://")
	r := runCLI(t, "", map[string]string{"APP_SECRET": listenSecret}, "listen", "--secret-env", "APP_SECRET", "--addr", addr)
	if r.code != exitUsage || !strings.Contains(r.stderr, "cannot listen on "+addr+": another program already listens there") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
}

func TestListenWarnsAboutAnAddressOthersCanReach(t *testing.T) {
	l := startListen(t, map[string]string{"APP_SECRET": listenSecret}, "--secret-env", "APP_SECRET", "--no-keep", "--addr", "0.0.0.0:0")
	if !strings.Contains(l.stderr.String(), "warning: 0.0.0.0:") || !strings.Contains(l.stderr.String(), "reachable from other machines") {
		t.Errorf("stderr %q", l.stderr.String())
	}
}

// forwardingTo starts the Node app fixtures/endpoints/NAME with the test
// secret and a listen forwarding to it.
func forwardingTo(t *testing.T, name string) *listening {
	t.Helper()
	node := interp.Need(t, interp.Node)
	dir, err := filepath.Abs("../fixtures/endpoints")
	if err != nil {
		t.Fatal(err)
	}
	app := interp.Serve(t, dir, map[string]string{"INTERCOM_CLIENT_SECRET": listenSecret}, node, name)
	return startListen(t, map[string]string{"APP_SECRET": listenSecret}, "--secret-env", "APP_SECRET", "--no-keep", "--forward-to", app+"/webhooks")
}

func TestListenForwardsToAnAppThatVerifies(t *testing.T) {
	l := forwardingTo(t, "listen_verifying_app.js")
	body := []byte(`{"type":"notification_event","topic":"ping"}`)
	if code, answer := postWebhook(t, l.url+"/hooks", listenSecret, body); code != 200 || answer != `{"received":true}` {
		t.Errorf("relayed %d %q", code, answer)
	}
	if code, _ := postWebhook(t, l.url+"/hooks", "not-the-secret", body); code != 401 {
		t.Errorf("relayed %d", code)
	}
	good, bad := decodeListenLine(t, l.stdout.next(t)), decodeListenLine(t, l.stdout.next(t))
	if !good.OK || good.App == nil || good.App.Status != 200 || good.App.MS <= 0 || good.App.Body != `{"received":true}` || len(good.Diagnoses) != 1 || good.Diagnoses[0].Code != "match" {
		t.Errorf("valid, accepted: %+v %+v", good, good.App)
	}
	if bad.OK || bad.App == nil || bad.App.Status != 401 || bad.codes()[0] != "signature_mismatch" {
		t.Errorf("invalid, rejected: %+v %+v", bad, bad.App)
	}
}

func TestListenSaysAnAppRejectsAValidRequest(t *testing.T) {
	l := forwardingTo(t, "listen_reparsing_app.js")
	// Pretty-printed JSON, as a sender may send it: the app re-serialises
	// it before checking, and so rejects it.
	body := []byte("{\n  \"type\": \"notification_event\",\n  \"topic\": \"ping\"\n}")
	if code, _ := postWebhook(t, l.url, listenSecret, body); code != 401 {
		t.Errorf("relayed %d", code)
	}
	r := decodeListenLine(t, l.stdout.next(t))
	if !r.OK || r.App == nil || r.App.Status != 401 || r.codes()[0] != string(crypto.CodeAppRejectedValid) {
		t.Errorf("%+v: codes %v", r, r.codes())
	}
}

func TestListenSaysAnAppAcceptsAnInvalidRequest(t *testing.T) {
	l := forwardingTo(t, "listen_accepting_app.js")
	body := []byte(`{"type":"notification_event","topic":"ping"}`)
	postWebhook(t, l.url, "not-the-secret", body)
	postWebhook(t, l.url, "", body)
	for _, what := range []string{"wrongly signed", "unsigned"} {
		r := decodeListenLine(t, l.stdout.next(t))
		if r.OK || r.App == nil || r.App.Status != 200 || r.codes()[0] != string(crypto.CodeAppAcceptedInvalid) {
			t.Errorf("%s: %+v: codes %v", what, r, r.codes())
		}
	}
}

func TestListenAppThatIsDownIs502(t *testing.T) {
	l := startListen(t, map[string]string{"APP_SECRET": listenSecret}, "--secret-env", "APP_SECRET", "--no-keep", "--forward-to", "http://127.0.0.1:1/x")
	if code, _ := postWebhook(t, l.url, listenSecret, []byte(`{}`)); code != http.StatusBadGateway {
		t.Errorf("answered %d", code)
	}
	r := decodeListenLine(t, l.stdout.next(t))
	if r.App == nil || !strings.Contains(r.App.Error, "refused") || r.Answered != 502 {
		t.Errorf("%+v", r)
	}
}

// TestListenUnderLoad sends 10,000 webhooks, half correctly signed, from 50
// concurrent clients over loopback to a listen that verifies and keeps
// each, and checks that none is lost (every kept file's body hashes to what
// was sent) and every verdict is right. It runs with SEALPEEK_LOAD=1
// (SEALPEEK_LOAD=nokeep: with --no-keep, to see what keeping costs), twice:
//
//   - saturation: the 50 clients send as fast as they are answered (closed
//     loop), which finds the most requests a second the machine takes;
//   - paced: the 50 clients together send at a fixed rate (open loop,
//     SEALPEEK_LOAD_RATE a second, 2,100 unless told), request i due at
//     start + i/rate; its time to an answer counts from when it was due, not
//     from when a client got round to sending it, so that a listener falling
//     behind shows in the percentiles instead of slowing the senders down
//     (coordinated omission).
//
// Each logs requests a second (answered requests over the time from the
// first send to the last answer), the time to an answer at p50, p90, p99
// and max, and the processor time a request took (listener and clients,
// which share this process). The paced run fails when fewer than 2,000 requests a second were
// answered or its p99 is over 20 ms, issue 15's target: the default rate is
// a little above 2,000 as the run's start and end, where no request is in
// flight, count in its time.
//
//	SEALPEEK_LOAD=1 go test ./cli -run TestListenUnderLoad -v
//	SEALPEEK_LOAD=1 SEALPEEK_LOAD_RATE=3000 go test ./cli -run TestListenUnderLoad/paced -v
//
// The files are kept under the test's temporary folder. On ext4 without a
// journal, as on the VM this project is measured on, a new file skips every
// inode removed in the last 30 s or so in its part of the disk (its block
// group), and /tmp's is where every go build on the machine removes its
// files: there a new file can cost ten times what it costs elsewhere. A
// temporary folder flagged chattr +T has its subfolders placed in groups of
// their own (docs/performance.md):
//
//	export TMPDIR=$(mktemp -d) && chattr +T $TMPDIR
func TestListenUnderLoad(t *testing.T) {
	mode := os.Getenv("SEALPEEK_LOAD")
	if mode == "" {
		t.Skip("a load test: run it with SEALPEEK_LOAD=1")
	}
	rate := 2100.0
	if s := os.Getenv("SEALPEEK_LOAD_RATE"); s != "" {
		r, err := strconv.ParseFloat(s, 64)
		if err != nil || r <= 0 {
			t.Fatalf("SEALPEEK_LOAD_RATE=%q is not a number of requests a second", s)
		}
		rate = r
	}
	// Both runs keep in one folder removed when both are done: on ext4
	// without a journal, as on the VM this is measured on, each new file
	// skips the inodes removed in the last 30 s or so, and removing the
	// first run's 10,000 files would slow the second.
	kept := t.TempDir()
	t.Run("saturation", func(t *testing.T) { loadListen(t, filepath.Join(kept, "saturation"), mode == "nokeep", 0) })
	t.Run("paced", func(t *testing.T) {
		got := loadListen(t, filepath.Join(kept, "paced"), mode == "nokeep", rate)
		if got.rate < 2000 {
			t.Errorf("%.0f requests/s answered, under the 2,000 targeted", got.rate)
		}
		if got.p99 > 20*time.Millisecond {
			t.Errorf("p99 %v, over the 20 ms targeted", got.p99)
		}
	})
}

// loadResult is what a load run measured.
type loadResult struct {
	rate float64 // requests answered a second
	p99  time.Duration
}

// loadListen sends 10,000 webhooks from 50 clients to a new listen keeping
// in dir, as fast as they are answered (rate 0) or at rate a second, checks
// each verdict and kept file, and logs what it measured.
func loadListen(t *testing.T, dir string, noKeep bool, rate float64) loadResult {
	const clients, total = 50, 10000
	keep := []string{"--keep", dir}
	if noKeep {
		keep = []string{"--no-keep"}
	}
	l := startListen(t, map[string]string{"APP_SECRET": listenSecret}, append(keep, "--secret-env", "APP_SECRET", "--json")...)
	transport := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: time.Minute}
	bodyOf := func(i int) []byte {
		return fmt.Appendf(nil, `{"type":"notification_event","topic":"conversation.user.created","id":"notif_%d","data":{"item":{"body":"%s"}}}`, i, strings.Repeat("x", i%512))
	}
	signed := func(i int) bool { return i%2 == 0 }
	// Made before the clock starts: the senders share the listener's two
	// cores, and should spend as little of them as they can.
	bodies, signatures := make([][]byte, total), make([]string, total)
	for i := range total {
		bodies[i] = bodyOf(i)
		secret := listenSecret
		if !signed(i) {
			secret = "not-the-secret"
		}
		signatures[i] = crypto.SignatureValue("X-Hub-Signature", []byte(secret), bodies[i])
	}
	latencies := make([]time.Duration, total)
	var answered []time.Duration // when each answer came, since start
	var answeredMu sync.Mutex
	var failures atomic.Int64
	next := atomic.Int64{}
	var wg sync.WaitGroup
	cpuBefore, cpuOK := processCPU()
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= total {
					return
				}
				due := time.Now()
				if rate > 0 {
					due = start.Add(time.Duration(float64(i) * float64(time.Second) / rate))
					if wait := time.Until(due); wait > 0 {
						time.Sleep(wait)
					}
				}
				req, _ := http.NewRequest("POST", l.url+"/hooks", bytes.NewReader(bodies[i]))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Hub-Signature", signatures[i])
				resp, err := client.Do(req)
				if err != nil {
					failures.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				now := time.Now()
				latencies[i] = now.Sub(due)
				answeredMu.Lock()
				answered = append(answered, now.Sub(start))
				answeredMu.Unlock()
				if resp.StatusCode != 200 {
					failures.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	cpuAfter, _ := processCPU()
	if n := failures.Load(); n > 0 {
		t.Errorf("%d requests failed", n)
	}
	seen := make([]bool, total)
	for range total {
		r := decodeListenLine(t, l.stdout.next(t))
		var i int
		if _, err := fmt.Sscanf(r.Request.Body[strings.Index(r.Request.Body, `"notif_`)+7:], "%d", &i); err != nil || i < 0 || i >= total || seen[i] {
			t.Fatalf("a line for an unknown or repeated request: %v %d", err, i)
		}
		seen[i] = true
		if r.OK != signed(i) {
			t.Errorf("request %d: ok %v, signed %v", i, r.OK, signed(i))
		}
		if noKeep {
			if r.Request.Body != string(bodies[i]) {
				t.Errorf("request %d: the body verified is not what was sent", i)
			}
			continue
		}
		raw, err := os.ReadFile(r.Kept)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		c, _ := crypto.ReadCapture(raw, nil)
		if sha256.Sum256(c.Body) != sha256.Sum256(bodies[i]) {
			t.Errorf("request %d: the kept body is not what was sent", i)
		}
	}
	if files, _ := os.ReadDir(dir); !noKeep && len(files) != total {
		t.Errorf("%d files kept, not %d", len(files), total)
	}
	slices.Sort(latencies)
	at := func(q float64) time.Duration {
		return latencies[max(0, int(math.Ceil(q*total))-1)].Round(10 * time.Microsecond)
	}
	elapsed := slices.Max(answered)
	got := loadResult{rate: float64(len(answered)) / elapsed.Seconds(), p99: at(0.99)}
	how := "as fast as answered"
	if rate > 0 {
		how = fmt.Sprintf("paced at %.0f/s, timed from when due", rate)
	}
	// The processor time a request took, listener and client together: a
	// figure that moves less than the times above when other programs
	// share the machine.
	cpu := "n/a"
	if cpuOK {
		cpu = ((cpuAfter - cpuBefore) / total).Round(time.Microsecond).String()
	}
	t.Logf("%d requests from %d clients (%s) in %v: %.0f requests/s; answered in p50 %v, p90 %v, p99 %v, max %v; processor time a request %s",
		total, clients, how, elapsed.Round(time.Millisecond), got.rate, at(0.50), at(0.90), got.p99, at(1), cpu)
	return got
}

// TestListenBinaryStopsOnASignal runs the real binary without a terminal:
// its lines are JSON, and SIGTERM (as SIGINT) stops it with exit 0 once
// the requests in flight are done.
func TestListenBinaryStopsOnASignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	secretFile := filepath.Join(dir, "oauth.secret")
	writeFile(t, secretFile, []byte(listenSecret+"\n"))
	cmd := exec.Command(bin, "listen", "--addr", "127.0.0.1:0", "--no-keep", "--secret-file", secretFile)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	stdout, stderr := newLineFeed(), newLineFeed()
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var rest string
	for ok := false; !ok; {
		_, rest, ok = strings.Cut(stderr.next(t), "listening on ")
	}
	url, _, _ := strings.Cut(rest, ";")
	postWebhook(t, url, listenSecret, []byte(`{"type":"notification_event","topic":"ping"}`))
	if r := decodeListenLine(t, stdout.next(t)); !r.OK {
		t.Errorf("%+v", r)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("stopping with SIGTERM: %v; stderr:\n%s", err, stderr.String())
	}
	if !strings.HasSuffix(stderr.String(), "sealpeek listen: stopped\n") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}
