package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/ui"
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
	return ui.EscapeJSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
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
	if escaped := ui.EscapeJSON(out[start:]); len(escaped) != len(out)-start {
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

// runHMACLines is 'hmac --lines': each line is the DATA to hash, or
// DATA<TAB>EXPECTED to check (the text after the last tab is the expected
// digest, trimmed of spaces), and its record is what 'hmac --json' prints
// for it. Lines without EXPECTED are hashed with --profile, else the first
// profile of role identity, which each record names.
func runHMACLines(e *env, secrets *secretFlags, given map[string]bool, name string) int {
	for _, flag := range []string{"expect", "user-id", "email"} {
		if given[flag] {
			return fail(e, "hmac", usageError{fmt.Sprintf("--%s does not go with --lines: each line is DATA, or DATA<TAB>EXPECTED", flag)})
		}
	}
	ring, chosen, secretNotes, err := secrets.keyring(e, crypto.RoleIdentity)
	if err != nil {
		return fail(e, "hmac", err)
	}
	return runLines(e, "hmac", name, hmacLine(ring, chosen, secretNotes))
}

// hmacLine checks one line of 'hmac --lines'.
func hmacLine(ring *crypto.Keyring, chosen string, secretNotes []crypto.Note) lineWork {
	notesJSON := inertJSON(orEmpty(secretNotes))
	return func(line []byte, number int, out []byte) ([]byte, bool) {
		data, expected := line, ""
		if tab := bytes.LastIndexByte(line, '\t'); tab >= 0 {
			data, expected = line[:tab], strings.TrimSpace(string(line[tab+1:]))
		}
		r := crypto.CheckUserHash(data, expected, ring, chosen)
		return appendHMACRecord(out, number, newHMACResult(r, ring, secretNotes), notesJSON), r.OK()
	}
}

// runVerifyLines is 'verify --lines': each line is one capture, read as
// 'verify' reads a whole input (so a one-line JWT, snippet or body, with
// the --header flags added to each), and its record is what 'verify --json'
// prints for it. A JWT's exp and nbf are checked as of the batch's start,
// or --at. The keyring of each role a line needs is resolved once, on
// first need.
func runVerifyLines(e *env, secrets *secretFlags, headers headerFlags, now time.Time, name string) int {
	rings := &roleKeyrings{e: e, secrets: secrets}
	code := runLines(e, "verify", name, func(line []byte, number int, out []byte) ([]byte, bool) {
		capture, readErr := crypto.ReadCapture(line, headers)
		if readErr != nil {
			r := crypto.VerifyCapture(capture, readErr, nil, "", now)
			return appendRecord(out, number, newCaptureResult(r, nil, nil)), false
		}
		k := rings.get(capture.SecretRole())
		if k.err != nil {
			return appendRecord(out, number, failedRecord{Error: k.err.Error()}), false
		}
		r := crypto.VerifyCapture(capture, nil, k.ring, k.chosen, now)
		return appendRecord(out, number, newCaptureResult(r, k.ring, k.notes)), captureExitCode(r) == exitOK
	})
	if err := rings.err(); err != nil {
		return fail(e, "verify", err)
	}
	return code
}

// failedRecord is the record of a line that could not be checked at all.
type failedRecord struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

// roleKeyrings resolves the secrets of each role once, when a line first
// needs them: a batch of one kind of capture resolves its profiles (and
// runs their secret_cmd) once, not once per line.
type roleKeyrings struct {
	e       *env
	secrets *secretFlags
	mu      sync.Mutex
	byRole  map[crypto.Role]*resolvedKeyring
	first   error
}

// resolvedKeyring is what secretFlags.keyring gives for one role.
type resolvedKeyring struct {
	ring   *crypto.Keyring
	chosen string
	notes  []crypto.Note
	err    error
}

func (k *roleKeyrings) get(role crypto.Role) *resolvedKeyring {
	k.mu.Lock()
	defer k.mu.Unlock()
	if r, ok := k.byRole[role]; ok {
		return r
	}
	r := &resolvedKeyring{}
	r.ring, r.chosen, r.notes, r.err = k.secrets.keyring(k.e, role)
	if r.err != nil && k.first == nil {
		k.first = r.err
	}
	if k.byRole == nil {
		k.byRole = map[crypto.Role]*resolvedKeyring{}
	}
	k.byRole[role] = r
	return r
}

// err is the first error resolving a role's secrets met: a usage error
// that makes the whole batch exit 2.
func (k *roleKeyrings) err() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.first
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off, made inert as ui.EscapeJSON makes it. Printable ASCII
// without a quote or a backslash, most of what records hold, needs neither
// and is copied as it is; anything else goes through inertJSON.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return append(dst, inertJSON(s)...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendHMACRecord writes an 'hmac --lines' record by hand: encoding/json
// was a fifth of the time of a line. notesJSON is res.Notes, encoded once
// for the batch. TestHMACLinesAreTheJSONRecords holds it to --json, and
// TestHandWrittenRecordsKnowEveryField to hmacResult's fields.
func appendHMACRecord(out []byte, number int, res hmacResult, notesJSON []byte) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(number), 10)
	out = append(out, `,"ok":`...)
	out = strconv.AppendBool(out, res.OK)
	out = append(out, `,"digest":`...)
	out = appendJSONString(out, res.Digest)
	out = append(out, `,"data":`...)
	out = appendJSONString(out, res.Data)
	out = append(out, `,"algorithm":`...)
	out = appendJSONString(out, res.Algorithm)
	if res.Identifier != "" {
		out = append(out, `,"identifier":`...)
		out = appendJSONString(out, res.Identifier)
	}
	if res.Expected != "" {
		out = append(out, `,"expected":`...)
		out = appendJSONString(out, res.Expected)
	}
	out = append(out, `,"match":`...)
	if res.Match == nil {
		out = append(out, "null"...)
	} else {
		out = strconv.AppendBool(out, *res.Match)
	}
	if res.Profile != "" {
		out = append(out, `,"profile":`...)
		out = appendJSONString(out, res.Profile)
	}
	if len(res.Mistakes) > 0 {
		out = append(out, `,"mistakes":[`...)
		for i, m := range res.Mistakes {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendJSONString(out, m)
		}
		out = append(out, ']')
	}
	out = append(out, `,"notes":`...)
	out = append(out, notesJSON...)
	out = append(out, `,"diagnoses":[`...)
	for i, d := range res.Diagnoses {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"code":`...)
		out = appendJSONString(out, d.Code)
		out = append(out, `,"severity":`...)
		out = appendJSONString(out, string(d.Severity))
		out = append(out, `,"message":`...)
		out = appendJSONString(out, d.Message)
		out = append(out, `,"fix":`...)
		out = appendJSONString(out, d.Fix)
		out = append(out, '}')
	}
	return append(out, "]}\n"...)
}
