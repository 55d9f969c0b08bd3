package wire

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/sealpeek/sealpeek/internal/reader"
)

func TestSetKeepsThePlaceOfTheFirstAndDropsTheRest(t *testing.T) {
	r := &Request{Headers: []Header{{Name: "A", Value: "1"}, {Name: "x-hub-signature", Value: "old"}, {Name: "B", Value: "2"}, {Name: "X-Hub-Signature", Value: "older"}}}
	r.Set("X-Hub-Signature", "sha1=new")
	want := []Header{{Name: "A", Value: "1"}, {Name: "x-hub-signature", Value: "sha1=new"}, {Name: "B", Value: "2"}}
	if len(r.Headers) != len(want) {
		t.Fatalf("headers = %+v", r.Headers)
	}
	for i := range want {
		if r.Headers[i] != want[i] {
			t.Fatalf("headers = %+v, want %+v", r.Headers, want)
		}
	}
	r.Set("C", "3")
	if v, _ := r.Header("c"); v != "3" || r.Headers[len(r.Headers)-1].Name != "C" {
		t.Errorf("a new header is not added at the end: %+v", r.Headers)
	}
	r.Del("x-HUB-signature")
	if _, ok := r.Header("X-Hub-Signature"); ok {
		t.Errorf("Del left it: %+v", r.Headers)
	}
}

// A kept request is read back by sealpeek's own reader with the same
// body, byte for byte, CR, LF and all, and the same headers.
func TestRawReadsBackByteForByte(t *testing.T) {
	body := []byte("{\"a\":\"x\\r\\n\"}\r\n\r\ntrailing\n\x00é")
	r := &Request{Method: "POST", Target: "/hooks?x=1", Body: body, Headers: []Header{
		{Name: "Host", Value: "example.test"}, {Name: "X-Hub-Signature", Value: "sha1=ab"},
		{Name: "Content-Length", Value: "3"}, {Name: "Transfer-Encoding", Value: "chunked"}}}
	raw := r.Raw()
	if !bytes.HasPrefix(raw, []byte("POST /hooks?x=1 HTTP/1.1\r\nHost: example.test\r\nX-Hub-Signature: sha1=ab\r\n")) {
		t.Fatalf("raw starts %q", raw[:60])
	}
	got, err := reader.Read(raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Body, body) {
		t.Errorf("body read back = %q, want %q", got.Body, body)
	}
	if v, _ := got.Header("Content-Length"); v != strconv.Itoa(len(body)) {
		t.Errorf("Content-Length = %q, want the body's own length", v)
	}
	if _, ok := got.Header("Transfer-Encoding"); ok {
		t.Error("a Transfer-Encoding would make the file mean another body")
	}
	if got.Method != "POST" || got.Target != "/hooks?x=1" {
		t.Errorf("request line read back as %s %s", got.Method, got.Target)
	}
}

func TestRawOfAGetHasNoContentLength(t *testing.T) {
	raw := (&Request{Method: "GET"}).Raw()
	if string(raw) != "GET / HTTP/1.1\r\n\r\n" {
		t.Errorf("raw = %q", raw)
	}
}

func TestHopByHop(t *testing.T) {
	for _, name := range []string{"connection", "Keep-Alive", "TRANSFER-ENCODING", "Upgrade", "te"} {
		if !IsHopByHop(name) {
			t.Errorf("%s is hop-by-hop", name)
		}
	}
	for _, name := range []string{"X-Hub-Signature", "Content-Type", "Host", "Content-Length"} {
		if IsHopByHop(name) {
			t.Errorf("%s is passed on", name)
		}
	}
}
