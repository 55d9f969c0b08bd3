package interp

import (
	"bufio"
	"context"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Serve starts a small real server, argv run in dir with env, and returns
// the URL it listens on. The server must listen on 127.0.0.1 on a port of
// its choosing (PORT=0 is in its environment) and print, as the first line
// of its standard output, "listening on http://127.0.0.1:PORT". It is
// stopped when the test ends; what it wrote to standard error is logged.
func Serve(t testing.TB, dir string, env map[string]string, argv ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	if env == nil {
		env = map[string]string{}
	}
	env["PORT"] = "0"
	cmd.Env = Env(env)
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("%s: %v", strings.Join(argv, " "), err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if s := stderr.String(); s != "" && t.Failed() {
			t.Logf("%s wrote:\n%s", strings.Join(argv, " "), s)
		}
	})
	first := make(chan string, 1)
	go func() {
		r := bufio.NewReader(out)
		line, _ := r.ReadString('\n')
		first <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r)
	}()
	select {
	case line := <-first:
		url, ok := strings.CutPrefix(line, "listening on ")
		if !ok {
			t.Fatalf("%s: its first line is %q, not 'listening on URL'; it wrote:\n%s", strings.Join(argv, " "), line, stderr.String())
		}
		return url
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: no 'listening on URL' line after a minute", strings.Join(argv, " "))
	}
	return ""
}

// lockedBuffer is what a server writes to standard error, read while it
// still runs when it fails to start.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
