package wire

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// received is what a test endpoint saw.
type received struct {
	method, uri, host string
	header            http.Header
	body              []byte
}

func endpoint(t *testing.T, answer func(w http.ResponseWriter, r *http.Request)) (*httptest.Server, <-chan received) {
	t.Helper()
	got := make(chan received, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- received{r.Method, r.RequestURI, r.Host, r.Header.Clone(), body}
		answer(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func TestSendPassesTheBodyAndHeadersAsTheyAre(t *testing.T) {
	srv, got := endpoint(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-App", "seen")
		w.WriteHeader(401)
		io.WriteString(w, `{"error":"hmac_mismatch"}`)
	})
	body := []byte("{\"b\": 1,\n \"a\":\"\\u00e9\"}\r\n")
	req := &Request{Method: "POST", Target: "/hooks", Body: body, Headers: []Header{
		{Name: "Host", Value: "abc.ngrok.example"}, {Name: "X-Hub-Signature", Value: "sha1=00"},
		{Name: "Connection", Value: "close"}, {Name: "Content-Length", Value: "1"}, {Name: "Content-Type", Value: "application/json"}}}
	a, err := NewSender(SenderOptions{}).Send(context.Background(), srv.URL, req)
	if err != nil {
		t.Fatal(err)
	}
	r := <-got
	if !bytes.Equal(r.body, body) {
		t.Errorf("body sent = %q, want %q", r.body, body)
	}
	if r.uri != "/hooks" {
		t.Errorf("a URL without a path keeps the request's target; sent to %q", r.uri)
	}
	if r.host != strings.TrimPrefix(srv.URL, "http://") {
		t.Errorf("Host = %q: the URL says where it goes", r.host)
	}
	if r.header.Get("X-Hub-Signature") != "sha1=00" || r.header.Get("Content-Type") != "application/json" {
		t.Errorf("headers sent = %v", r.header)
	}
	if a.Status != 401 || string(a.Body) != `{"error":"hmac_mismatch"}` || a.Truncated() || a.Latency <= 0 {
		t.Errorf("answer = %+v", a)
	}
	found := false
	for _, h := range a.Headers {
		found = found || h.Name == "X-App" && h.Value == "seen"
	}
	if !found {
		t.Errorf("answer headers = %+v", a.Headers)
	}
}

func TestSendToAPathUsesThatPath(t *testing.T) {
	srv, got := endpoint(t, func(http.ResponseWriter, *http.Request) {})
	req := &Request{Method: "POST", Target: "/from-the-capture", Body: []byte("{}")}
	if _, err := NewSender(SenderOptions{}).Send(context.Background(), srv.URL+"/mine?q=1", req); err != nil {
		t.Fatal(err)
	}
	if r := <-got; r.uri != "/mine?q=1" {
		t.Errorf("sent to %q", r.uri)
	}
}

func TestSendDoesNotFollowARedirectUnlessAsked(t *testing.T) {
	var srv *httptest.Server
	srv, got := endpoint(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, srv.URL+"/new", http.StatusTemporaryRedirect)
		}
	})
	req := &Request{Method: "POST", Body: []byte("x")}
	a, err := NewSender(SenderOptions{}).Send(context.Background(), srv.URL+"/old", req)
	if err != nil || a.Status != http.StatusTemporaryRedirect {
		t.Fatalf("answer %+v, %v: a 3xx is the answer", a, err)
	}
	<-got
	a, err = NewSender(SenderOptions{FollowRedirects: true}).Send(context.Background(), srv.URL+"/old", req)
	if err != nil || a.Status != 200 {
		t.Fatalf("answer %+v, %v", a, err)
	}
	<-got
	if r := <-got; r.uri != "/new" || string(r.body) != "x" {
		t.Errorf("redirected request = %+v", r)
	}
}

func TestSendKeepsABoundedAnswer(t *testing.T) {
	srv, _ := endpoint(t, func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, strings.Repeat("a", 5000)) })
	s := NewSender(SenderOptions{})
	s.MaxAnswer = 100
	a, err := s.Send(context.Background(), srv.URL, &Request{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Body) != 100 || a.BodyBytes != 5000 || !a.Truncated() {
		t.Errorf("kept %d of %d", len(a.Body), a.BodyBytes)
	}
}

func TestSendErrorsAreOneSentenceNamingTheURL(t *testing.T) {
	// A port nobody listens on: bind one, then close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/hook"
	l.Close()
	slow := make(chan struct{})
	srv, _ := endpoint(t, func(http.ResponseWriter, *http.Request) { <-slow })
	t.Cleanup(func() { close(slow) }) // before the server's Close, which waits for the handler
	for _, tt := range []struct {
		url, opts, want string
	}{
		{closed, "", "cannot reach " + closed + ": the connection was refused"},
		{srv.URL, "slow", "no answer from " + srv.URL + " in time"},
		{"ftp://x.example/", "", `"ftp://x.example/" is not an http or https URL`},
		{"http://user:pw@/x", "", `names no host`},
		{"http://user:hunter2@" + l.Addr().String() + "/", "", "cannot reach http://user:xxxxx@"},
	} {
		o := SenderOptions{}
		if tt.opts == "slow" {
			o.Answer = 200 * time.Millisecond
		}
		_, err := NewSender(o).Send(context.Background(), tt.url, &Request{Body: []byte("{}")})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to say %q", tt.url, err, tt.want)
		}
		if err != nil && (strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "\n")) {
			t.Errorf("%s: error %q shows a password or is not one line", tt.url, err)
		}
	}
}
