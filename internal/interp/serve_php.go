package interp

import (
	"bufio"
	"context"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// phpStarted is the line PHP's built-in server writes to standard error
// once it listens: "PHP 8.2.1 Development Server (http://127.0.0.1:PORT) started".
var phpStarted = regexp.MustCompile(`Development Server \((http://127\.0\.0\.1:[0-9]+)\) started`)

// ServePHP starts PHP's built-in server on a port of its choosing with
// router, a PHP file in dir that answers every request, and returns the URL
// it listens on, as Serve does for servers that print their own line: 'php
// -S 127.0.0.1:0' cannot run code before it listens, so it is the server's
// own "started" line that says where. It is stopped when the test ends;
// what it wrote is logged if the test failed.
func ServePHP(t testing.TB, dir string, env map[string]string, router string) string {
	t.Helper()
	php := Need(t, PHP)
	ctx, cancel := context.WithCancel(context.Background())
	argv := []string{php, "-S", "127.0.0.1:0", "-t", dir, router}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = Env(env)
	log := &lockedBuffer{}
	errOut, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = log
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("%s: %v", strings.Join(argv, " "), err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if s := log.String(); s != "" && t.Failed() {
			t.Logf("%s wrote:\n%s", strings.Join(argv, " "), s)
		}
	})
	found := make(chan string, 1)
	go func() {
		// Every line is kept for the log, and read to the end so that the
		// server, which logs each request, never blocks on a full pipe.
		s := bufio.NewScanner(errOut)
		sent := false
		for s.Scan() {
			line := s.Text()
			log.Write([]byte(line + "\n"))
			if m := phpStarted.FindStringSubmatch(line); m != nil && !sent {
				found <- m[1]
				sent = true
			}
		}
		_, _ = io.Copy(log, errOut) // after a line too long to scan
		if !sent {
			close(found)
		}
	}()
	select {
	case url, ok := <-found:
		if !ok {
			t.Fatalf("%s stopped without saying where it listens; it wrote:\n%s", strings.Join(argv, " "), log.String())
		}
		return url
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: no 'Development Server (URL) started' line after a minute", strings.Join(argv, " "))
	}
	return ""
}
