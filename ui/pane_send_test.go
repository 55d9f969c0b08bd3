package ui

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/internal/wire"
)

// typeText types s into the focused field, one key a character.
func typeText(t *testing.T, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		press(t, m, string(r))
	}
}

func TestSendPaneSendsTheInputAndShowsTheAnswer(t *testing.T) {
	got := make(chan *wire.Request, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := wire.Received(r, 1<<20)
		if err != nil {
			t.Error(err)
		}
		got <- req
		w.Header().Set("X-App", "seen")
		w.WriteHeader(401)
		w.Write([]byte("{\"error\":\"hmac_mismatch\x1b]0;pwned\x07\"}"))
	}))
	defer srv.Close()

	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 160, 48)
	body := `{"type":"notification_event","topic":"ping"}`
	paste(t, m, "POST /hooks HTTP/1.1\r\nHost: x.example\r\nX-Hub-Signature: sha1=0000000000000000000000000000000000000000\r\nContent-Length: 44\r\n\r\n"+body)
	press(t, m, "ctrl+o")
	if m.focus != paneSend || !strings.Contains(screen(m), "enter: send the input's request, as it is, to this URL") {
		t.Fatalf("ctrl+o did not open the Send pane:\n%s", screen(m))
	}
	typeText(t, m, srv.URL+"/mine")
	if m.send.url.Value() != srv.URL+"/mine" || strings.Contains(string(m.input.bytes()), "/mine") {
		t.Fatalf("the URL went to %q, the input is %q", m.send.url.Value(), m.input.bytes())
	}
	press(t, m, "enter")
	r := <-got
	if !bytes.Equal(r.Body, []byte(body)) || r.Target != "/mine" {
		t.Errorf("sent %s %q", r.Target, r.Body)
	}
	if v, _ := r.Header("X-Hub-Signature"); v != "sha1=0000000000000000000000000000000000000000" {
		t.Errorf("the signature header sent is %q", v)
	}
	s := screen(m)
	for _, want := range []string{"✗ 401 Unauthorized", "X-App: seen", `{"error":"hmac_mismatch\x1b]0;pwned\x07"}`} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(m.View().Content, "\x1b]0;") {
		t.Error("the answer's escape reached the terminal")
	}
	press(t, m, "esc")
	if strings.Contains(screen(m), "URL: ") || m.focus != paneInput {
		t.Errorf("esc did not close the pane:\n%s", screen(m))
	}
}

func TestSendPaneSaysWhatIsMissing(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, "user-42")
	press(t, m, "ctrl+o")
	typeText(t, m, "http://127.0.0.1:1/")
	press(t, m, "enter")
	if !strings.Contains(screen(m), "the input is not a request to send") {
		t.Errorf("user data sent:\n%s", screen(m))
	}
	press(t, m, "ctrl+u")
	for range len("http://127.0.0.1:1/") {
		press(t, m, "backspace")
	}
	typeText(t, m, "localhost:3000")
	press(t, m, "enter")
	if !strings.Contains(screen(m), "is not an http or https URL") {
		t.Errorf("a URL without a scheme:\n%s", screen(m))
	}
}

// In the narrow layout the Send pane takes the detail slot while focused.
func TestSendPaneInTheNarrowLayout(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "POST /hooks HTTP/1.1\r\nHost: x.example\r\nContent-Length: 2\r\n\r\n{}")
	press(t, m, "ctrl+o")
	s := screen(m)
	if !strings.Contains(s, "URL: ") || !strings.Contains(s, "Send") {
		t.Errorf("the Send pane is not on the narrow screen:\n%s", s)
	}
	for _, line := range strings.Split(s, "\n") {
		if w := len([]rune(line)); w > 80 {
			t.Errorf("a line of %d cells: %q", w, line)
		}
	}
	press(t, m, "ctrl+o")
	if strings.Contains(screen(m), "URL: ") {
		t.Error("ctrl+o again did not close it")
	}
}
