package crypto

import (
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/internal/lineartest"
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
	for name, input := range inputs {
		t.Run(name, func(t *testing.T) {
			small, large := input(20000), input(40000)
			lineartest.AssertLinear(t, func() { ReadCapture(small, nil) }, func() { ReadCapture(large, nil) })
		})
	}
}
