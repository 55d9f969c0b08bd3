package wire

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// What a server receives, sent by Send, is the same request: body byte for
// byte, every header, the target.
func TestReceivedIsWhatWasSent(t *testing.T) {
	got := make(chan *Request, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := Received(r, 1<<20)
		if err != nil {
			t.Error(err)
		}
		got <- req
	}))
	defer srv.Close()
	body := []byte("{\"x\":1}\r\n\xef\xbb\xbf")
	sent := &Request{Method: "POST", Target: "/hook?topic=ping", Body: body, Headers: []Header{
		{Name: "X-Hub-Signature", Value: "sha1=aa"}, {Name: "accept", Value: "a"}, {Name: "Accept", Value: "b"}}}
	if _, err := NewSender(SenderOptions{}).Send(context.Background(), srv.URL, sent); err != nil {
		t.Fatal(err)
	}
	r := <-got
	if !bytes.Equal(r.Body, body) || r.Method != "POST" || r.Target != "/hook?topic=ping" {
		t.Fatalf("received %s %s %q", r.Method, r.Target, r.Body)
	}
	if r.Headers[0].Name != "Host" {
		t.Errorf("Host is not first: %+v", r.Headers)
	}
	var accept []string
	for _, h := range r.Headers {
		if h.Name == "Accept" {
			accept = append(accept, h.Value)
		}
	}
	if len(accept) != 2 || accept[0] != "a" || accept[1] != "b" {
		t.Errorf("a repeated header lost its order: %v", accept)
	}
	if v, _ := r.Header("x-hub-signature"); v != "sha1=aa" {
		t.Errorf("X-Hub-Signature = %q", v)
	}
}

func TestReceivedRefusesABodyOverTheLimit(t *testing.T) {
	for _, n := range []int{10, 11} {
		r := httptest.NewRequest("POST", "/", bytes.NewReader(bytes.Repeat([]byte("a"), n)))
		req, err := Received(r, 10)
		if n == 10 && (err != nil || len(req.Body) != 10) {
			t.Errorf("a body of the limit itself is kept: %v", err)
		}
		if n == 11 && !errors.Is(err, ErrTooLarge) {
			t.Errorf("a body over the limit: err = %v", err)
		}
	}
}
