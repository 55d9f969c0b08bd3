package crypto

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// issue12 is the paste of issue 12: a value followed by a long run of
// newlines before the closing brace, which took seconds to verify.
func issue12(n int) []byte {
	return []byte(`{"user_hash":"ab","n": 1` + strings.Repeat("\n", n) + `}`)
}

func TestIssue12ManyNewlinesVerifyFast(t *testing.T) {
	identity := Secret{Name: "test-identity", Role: RoleIdentity, Workspace: "test", Value: []byte("key")}
	start := time.Now()
	r := InspectCapture(issue12(16000), nil, NewKeyring(identity), "", jwtNow)
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	if r.Capture.Kind != KindIdentity || r.Capture.Settings == nil || r.Capture.Settings.UserHash != "ab" {
		t.Errorf("read %+v", r.Capture)
	}
}

// ReadCapture, which every paste goes through, takes at most about twice
// as long for twice the input, whatever the paste (issue 12).
func TestReadCaptureIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	inputs := map[string]func(n int) []byte{
		"issue 12": func(n int) []byte { return issue12(n * 10) },
		"snippet, newlines between fields": func(n int) []byte {
			return []byte("window.intercomSettings = {user_id: u\n" + strings.Repeat("\n  x", n) + "\n, user_hash: 'h'}")
		},
		"folded header": func(n int) []byte {
			return []byte("POST / HTTP/1.1\r\nX-Hub-Signature: sha1=00\r\n" + strings.Repeat(" 00\r\n", n) + "\r\n{}")
		},
		"headers and a chunked body": func(n int) []byte {
			return []byte("X-A: b\nTransfer-Encoding: chunked\n" + strings.Repeat("X-A: b\n", n) + "\n" + strings.Repeat("1\r\n{\r\n", n) + "0\r\n\r\n")
		},
		"curl": func(n int) []byte {
			return []byte("curl https://x " + strings.Repeat("-H 'X-A: b' ", n) + "--data-raw $'{\"user_hash\":\"" + strings.Repeat(`\x41`, n) + "\"}'")
		},
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	once := func(in []byte) time.Duration {
		runtime.GC()
		start := time.Now()
		ReadCapture(in, nil)
		return time.Since(start)
	}
	for name, input := range inputs {
		t.Run(name, func(t *testing.T) {
			small, large := input(20000), input(40000)
			once(small)
			var a, b time.Duration
			var ratio float64
			for range 5 {
				a, b = time.Duration(1<<63-1), time.Duration(1<<63-1)
				for range 11 {
					a, b = min(a, once(small)), min(b, once(large))
				}
				if ratio = float64(b) / float64(max(a, time.Microsecond)); ratio < 3 {
					return
				}
			}
			t.Errorf("%d bytes take %v, %d bytes %v: %.1f times as long for twice the input", len(small), a, len(large), b, ratio)
		})
	}
}
