package cli

import (
	"bytes"
	"strconv"

	"github.com/sealpeek/sealpeek/crypto"
)

// hmacLines is 'hmac --lines' with the batch's fast path: each worker keeps
// an HMAC state keyed once, computes each line's digest once, and writes the
// record of a clean line (nothing expected, or exactly the digest the first
// secret in order makes, of printable data) from a template; every other
// line goes to the full engine, as hmacLine does. The records are the same
// bytes either way (TestHMACFastPathIsTheEngine).
func hmacLines(ring *crypto.Keyring, chosen string, secretNotes []crypto.Note, langs fixLangs) func() lineWork {
	full := hmacLine(ring, chosen, secretNotes, langs)
	batch := crypto.NewUserHashBatch(ring, chosen)
	tmpl, ok := newHMACTemplate(batch, full)
	if !ok {
		return func() lineWork { return full }
	}
	return func() lineWork {
		h := batch.Hasher()
		return func(line []byte, number int, out []byte) ([]byte, bool) {
			data, expected := line, []byte(nil)
			if tab := bytes.LastIndexByte(line, '\t'); tab >= 0 {
				data, expected = line[:tab], line[tab+1:]
			}
			if plainJSONText(data) {
				if digest, ok := h.Check(data, expected); ok {
					return tmpl.append(out, number, digest, data, expected), true
				}
			}
			return full(line, number, out)
		}
	}
}

// hmacTemplate is the rest of a clean 'hmac --lines' record after its data,
// which is the same for every clean line of a batch: cut from the full
// engine's records of two sample lines.
type hmacTemplate struct {
	checked  []byte // after the data, up to "expected", when a digest was expected
	suffix   []byte // after "expected"
	computed []byte // after the data, when none was
}

// newHMACTemplate cuts the template from full's records of sample lines,
// hashed by the batch; it reports false when a record does not have the
// shape the template assumes (then every line goes to the full engine).
func newHMACTemplate(batch *crypto.UserHashBatch, full lineWork) (hmacTemplate, bool) {
	h := batch.Hasher()
	var tmpl hmacTemplate
	for i, data := range []string{"x", "Sample-2"} {
		digest, ok := h.Check([]byte(data), nil)
		if !ok {
			return hmacTemplate{}, false
		}
		hexDigest := string(digest)
		head := []byte(`{"line":1,"ok":true,"digest":"` + hexDigest + `","data":"` + data + `"`)
		checked, okChecked := full([]byte(data+"\t"+hexDigest), 1, nil)
		computed, okComputed := full([]byte(data), 1, nil)
		if !okChecked || !okComputed || !bytes.HasPrefix(checked, head) || !bytes.HasPrefix(computed, head) {
			return hmacTemplate{}, false
		}
		rest := checked[len(head):]
		expected := []byte(`,"expected":"` + hexDigest + `"`)
		at := bytes.Index(rest, expected)
		if at < 0 {
			return hmacTemplate{}, false
		}
		t := hmacTemplate{checked: rest[:at], suffix: rest[at+len(expected):], computed: computed[len(head):]}
		if i > 0 && (!bytes.Equal(t.checked, tmpl.checked) || !bytes.Equal(t.suffix, tmpl.suffix) || !bytes.Equal(t.computed, tmpl.computed)) {
			return hmacTemplate{}, false // the rest depends on the line: no template
		}
		tmpl = t
	}
	return tmpl, true
}

// append writes line number's record: its digest, its data (plainJSONText)
// and, when not empty, the expected digest (equal to digest).
func (t hmacTemplate) append(out []byte, number int, digest, data, expected []byte) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(number), 10)
	out = append(out, `,"ok":true,"digest":"`...)
	out = append(out, digest...)
	out = append(out, `","data":"`...)
	out = append(out, data...)
	out = append(out, '"')
	if len(expected) == 0 {
		return append(out, t.computed...)
	}
	out = append(out, t.checked...)
	out = append(out, `,"expected":"`...)
	out = append(out, expected...)
	out = append(out, '"')
	return append(out, t.suffix...)
}

// plainJSONText reports whether b is printable ASCII without a quote or a
// backslash: a JSON string of it is b between quotes, with nothing to escape
// or make inert (as appendJSONString writes it).
func plainJSONText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
