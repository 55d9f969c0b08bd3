package wire

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// ErrTooLarge is returned by Received for a body over the limit: the
// request is refused (413) rather than kept in part.
var ErrTooLarge = errors.New("the body is larger than sealpeek keeps")

// Received takes a request a server received: the body byte for byte, read
// to at most limit bytes, and the headers. Go's server does not keep the
// order headers came in, so Host comes first and the others follow sorted
// by name; a value repeated keeps its order. A body over limit gives
// ErrTooLarge, wrapped with the length read.
func Received(r *http.Request, limit int64) (*Request, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("the body could not be read after %d bytes: %v", len(body), err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
	}
	req := &Request{Method: r.Method, Target: r.RequestURI, Body: body}
	if req.Target == "" {
		req.Target = r.URL.RequestURI()
	}
	if r.Host != "" {
		req.Headers = append(req.Headers, Header{Name: "Host", Value: r.Host})
	}
	names := make([]string, 0, len(r.Header))
	for name := range r.Header {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	for _, name := range names {
		for _, v := range r.Header[name] {
			req.Headers = append(req.Headers, Header{Name: name, Value: v})
		}
	}
	return req, nil
}
