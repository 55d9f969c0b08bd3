package reader

import (
	"bytes"
	"strconv"
	"strings"
)

// dechunk joins the chunks of a body sent with Transfer-Encoding: chunked, as
// a raw capture (tcpdump, a proxy's log) shows it; the signature is over the
// joined bytes. Inspectors usually show the body already joined: when the
// body is not chunk framing, it is kept as is, with a note.
func (r *Request) dechunk() {
	te, ok := r.Header("Transfer-Encoding")
	if !ok || !strings.EqualFold(strings.TrimSpace(te), "chunked") {
		return
	}
	joined, chunks, ok := joinChunks(r.Body)
	if !ok {
		r.note("not_chunked", "Transfer-Encoding says chunked but the body is not chunk framing, so it was taken as already joined")
		return
	}
	r.note("chunks_joined", "joined %d chunks of the chunked body into %d bytes", chunks, len(joined))
	r.Body, r.BodyOffset = joined, -1
}

// joinChunks decodes chunk framing: hex size (with optional extensions), a
// line ending, that many bytes, a line ending; a zero size ends it, and any
// trailer lines after it are ignored.
func joinChunks(body []byte) (joined []byte, chunks int, ok bool) {
	joined = []byte{}
	for {
		i := bytes.IndexByte(body, '\n')
		if i < 0 {
			return nil, 0, false
		}
		sizeText, _, _ := strings.Cut(strings.TrimSpace(string(body[:i])), ";")
		size, err := strconv.ParseUint(strings.TrimSpace(sizeText), 16, 31)
		if err != nil {
			return nil, 0, false
		}
		body = body[i+1:]
		if size == 0 {
			return joined, chunks, true
		}
		if uint64(len(body)) < size {
			return nil, 0, false
		}
		joined = append(joined, body[:size]...)
		chunks++
		body = body[size:]
		switch {
		case bytes.HasPrefix(body, []byte("\r\n")):
			body = body[2:]
		case bytes.HasPrefix(body, []byte("\n")):
			body = body[1:]
		default:
			return nil, 0, false
		}
	}
}
