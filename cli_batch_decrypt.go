package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// decryptLine is 'decrypt --lines': each line is one sealed user (bare, JSON
// body or form body), and its record is what 'decrypt --json' prints for it.
func decryptLine(ring *crypto.Keyring, chosen string, secretNotes []crypto.Note) lineWork {
	enc := newDecryptRecords(ring, secretNotes)
	return func(line []byte, number int, out []byte) ([]byte, bool) {
		r := crypto.InspectSheetUser(line, ring, chosen)
		return enc.append(out, number, r), r.OK()
	}
}

// decryptRecords writes 'decrypt --lines' records. A clean record (a bare
// user that opens with nothing to note) is written by hand: encoding/json
// would re-validate and re-compact the plaintext, and that was most of the
// time of a record. Every other record goes through newDecryptResult and
// encoding/json, and a test holds the two to the same bytes.
type decryptRecords struct {
	ring        *crypto.Keyring
	secretNotes []crypto.Note
	profiles    [][]byte // each secret's name, JSON-encoded and made inert
	notesJSON   []byte   // secretNotes, JSON-encoded and made inert
}

func newDecryptRecords(ring *crypto.Keyring, secretNotes []crypto.Note) *decryptRecords {
	d := &decryptRecords{ring: ring, secretNotes: secretNotes, profiles: make([][]byte, ring.Len())}
	for i := range d.profiles {
		d.profiles[i] = inertJSON(ring.Secret(i).Name)
	}
	d.notesJSON = inertJSON(orEmpty(secretNotes))
	return d
}

// inertJSON encodes v as writeJSON does, compactly, without the newline.
func inertJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // strings and notes always encode
	}
	return termtext.EscapeJSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// clean reports whether a record takes the hand-written path.
func clean(r *crypto.SheetReport) bool {
	return r.OK() && r.PlaintextIsJSON && r.Split != nil && r.User.Container == crypto.ContainerBare &&
		len(r.User.Notes) == 0 && len(r.Diagnoses) == 0
}

// append writes report r as line number's record.
func (d *decryptRecords) append(out []byte, number int, r *crypto.SheetReport) []byte {
	if !clean(r) {
		return appendRecord(out, number, newDecryptResult(r, d.ring, d.secretNotes))
	}
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(number), 10)
	out = append(out, `,"ok":true,"container":"bare","profile":`...)
	out = append(out, d.profiles[r.OpenedBy]...)
	out = append(out, `,"iv":"`...)
	out = hex.AppendEncode(out, r.Split.IV.Bytes)
	out = append(out, `","tag":"`...)
	out = hex.AppendEncode(out, r.Split.Tag.Bytes)
	out = append(out, `","ciphertext_bytes":`...)
	out = strconv.AppendInt(out, int64(len(r.Split.Ciphertext.Bytes)), 10)
	out = append(out, `,"bytes":`...)
	out = strconv.AppendInt(out, int64(len(r.User.Sealed)), 10)
	out = append(out, `,"plaintext":`...)
	start := len(out)
	if r.PlaintextIsCompact {
		out = append(out, r.Plaintext...) // what a sender's JSON encoder writes
	} else {
		out = appendCompactJSON(out, r.Plaintext)
	}
	// Escaping only ever lengthens, so an unchanged length means unchanged.
	if escaped := termtext.EscapeJSON(out[start:]); len(escaped) != len(out)-start {
		out = append(out[:start], escaped...)
	}
	out = append(out, `,"plaintext_is_json":true,"notes":`...)
	out = append(out, d.notesJSON...)
	return append(out, ",\"diagnoses\":[]}\n"...)
}

// appendCompactJSON appends valid JSON without the whitespace between its
// tokens, as encoding/json writes a json.RawMessage, but without checking
// it again: crypto has checked it. Runs without whitespace are copied whole.
func appendCompactJSON(dst, src []byte) []byte {
	from := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			i = stringEnd(src, i)
		case ' ', '\t', '\n', '\r':
			dst = append(dst, src[from:i]...)
			from = i + 1
		}
	}
	return append(dst, src[from:]...)
}

// stringEnd returns the index of the quote that closes the JSON string
// opened at src[open], or len(src) when none does.
func stringEnd(src []byte, open int) int {
	for i := open + 1; i < len(src); i++ {
		switch src[i] {
		case '"':
			return i
		case '\\':
			i++
		}
	}
	return len(src)
}
