package interp

import (
	"bufio"
	"context"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Serve starts a small real server, argv run in dir with env, and returns
// the URL it listens on. The server must listen on 127.0.0.1 on a port of
// its choosing (PORT=0 is in its environment) and print, on a line of its
// standard output, "listening on http://127.0.0.1:PORT". It is stopped when
// the test ends; what it wrote is logged if the test failed.
func Serve(t testing.TB, dir string, env map[string]string, argv ...string) string {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	env["PORT"] = "0"
	return serve(t, dir, env, argv, false, "'listening on URL'", func(line string) (string, bool) {
		return strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	})
}

// phpStarted is the line PHP's built-in server writes to standard error
// once it listens: "PHP 8.2.1 Development Server (http://127.0.0.1:PORT) started".
var phpStarted = regexp.MustCompile(`Development Server \((http://127\.0\.0\.1:[0-9]+)\) started`)

// ServePHP starts PHP's built-in server on a port of its choosing with
// router, a PHP file in dir that answers every request, and returns the URL
// it listens on, as Serve does for servers that print their own line: 'php
// -S 127.0.0.1:0' cannot run code before it listens, so it is the server's
// own "started" line that says where.
func ServePHP(t testing.TB, dir string, env map[string]string, router string) string {
	t.Helper()
	php := Need(t, PHP)
	argv := []string{php, "-S", "127.0.0.1:0", "-t", dir, router}
	return serve(t, dir, env, argv, true, "'Development Server (URL) started'", func(line string) (string, bool) {
		if m := phpStarted.FindStringSubmatch(line); m != nil {
			return m[1], true
		}
		return "", false
	})
}

// serve starts argv and reads its standard output (or error) line by line
// to the end, so that a server that logs each request never blocks on a
// full pipe, keeping every line for the log; the URL is what where finds in
// the first line it finds one in.
func serve(t testing.TB, dir string, env map[string]string, argv []string, stderr bool, want string, where func(string) (string, bool)) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = Env(env)
	log := &lockedBuffer{}
	var out io.Reader
	var err error
	if stderr {
		cmd.Stdout = log
		out, err = cmd.StderrPipe()
	} else {
		cmd.Stderr = log
		out, err = cmd.StdoutPipe()
	}
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Join(argv, " ")
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if s := log.String(); s != "" && t.Failed() {
			t.Logf("%s wrote:\n%s", name, s)
		}
	})
	found := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		sent := false
		for s.Scan() {
			line := s.Text()
			log.Write([]byte(line + "\n"))
			if url, ok := where(line); ok && !sent {
				found <- url
				sent = true
			}
		}
		_, _ = io.Copy(log, out) // after a line too long to scan
		if !sent {
			close(found)
		}
	}()
	select {
	case url, ok := <-found:
		if !ok {
			t.Fatalf("%s stopped without saying where it listens; it wrote:\n%s", name, log.String())
		}
		return url
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: no %s line after a minute; it wrote:\n%s", name, want, log.String())
	}
	return ""
}

// lockedBuffer is what a server writes, read while it still runs when it
// fails to start.
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
