package ui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/sealpeek/sealpeek/crypto"
)

// request is one analysis to run off the update loop. The input's bytes
// are never written to after it is handed over (edits append past its
// length or make new slices), so the command can read it while the user
// keeps typing.
type request struct {
	gen      int
	kind     Kind
	input    []byte
	expected string
	ring     *crypto.Keyring
	chosen   string
}

// PlainKind says how the plaintext pane shows its bytes.
type PlainKind int

// How plaintext is shown.
const (
	PlainNone   PlainKind = iota // nothing was decrypted or decoded
	PlainJSON                    // pretty-printed, syntax-coloured JSON
	PlainText                    // UTF-8 text, escaped
	PlainBinary                  // a hex dump
)

// analysis is the result of one request: the engine's reports and what the
// panes show of them, prepared off the update loop.
type analysis struct {
	gen       int
	kind      Kind
	sheet     *crypto.SheetReport  // sheet users, bodies and requests
	digest    *crypto.DigestReport // user data
	plain     []byte               // what the plaintext pane shows
	plainKind PlainKind
	plainWhat string // the plaintext pane's title: "decrypted user", "JWT header and claims"
	diagnoses []crypto.Diagnosis
	remarks   []string // what the UI itself has to say, e.g. what was not checked
	elapsed   time.Duration
}

// analysisMsg carries a finished analysis back to the update loop.
type analysisMsg struct{ analysis }

// analyzeCmd runs a request in a command; the root model drops results
// whose generation is not the latest.
func analyzeCmd(req request) tea.Cmd {
	return func() tea.Msg { return analysisMsg{analyze(req)} }
}

// analyze dispatches on the kind. Each kind is one function, so a new
// analyser (captures, signatures, JWT verification) slots in here.
func analyze(req request) analysis {
	start := time.Now()
	// A private copy: whatever the result keeps of the input (a digest
	// report keeps its data) never shares the bytes the input pane appends
	// to in place once this analysis is done.
	req.input = bytes.Clone(req.input)
	a := analysis{gen: req.gen, kind: req.kind}
	switch req.kind {
	case KindUserData:
		analyzeUserData(&a, req)
	case KindJWT:
		analyzeJWT(&a, req)
	case KindHTTPRequest:
		head, body := splitRequest(req.input)
		analyzeSheet(&a, req, body)
		a.remarks = append(a.remarks, "read the request's "+itoa(len(head))+"-byte head and inspected its "+itoa(len(body))+"-byte body; signature headers are not checked in this build")
	default:
		analyzeSheet(&a, req, req.input)
	}
	a.elapsed = time.Since(start)
	return a
}

func analyzeSheet(a *analysis, req request, input []byte) {
	r := crypto.InspectSheetUser(input, req.ring, req.chosen)
	a.sheet, a.diagnoses = r, r.Diagnoses
	if r.OpenedBy >= 0 {
		a.plainWhat = "decrypted user"
		a.plain, a.plainKind = preparePlaintext(r.Plaintext)
	}
}

func analyzeUserData(a *analysis, req request) {
	r := crypto.CheckUserHash(req.input, req.expected, req.ring, req.chosen)
	a.digest, a.diagnoses = r, r.Diagnoses
	if trimmed := bytes.TrimSpace(req.input); len(trimmed) != len(req.input) && len(trimmed) > 0 {
		a.remarks = append(a.remarks, "the data has "+itoa(len(req.input)-len(trimmed))+" bytes of surrounding whitespace, which are hashed too (ctrl+t trims them)")
	}
}

// analyzeJWT shows a JWT's header and claims. Verifying its signature is
// the capture engine's job; until it lands the pane says it was not checked.
func analyzeJWT(a *analysis, req request) {
	parts := bytes.Split(bytes.TrimSpace(req.input), []byte("."))
	if len(parts) != 3 {
		a.remarks = append(a.remarks, "this is not a JWT: it has "+itoa(len(parts))+" dot-separated parts, a JWT has 3 (header.claims.signature)")
		return
	}
	var out bytes.Buffer
	out.WriteString("{\n")
	for i, name := range []string{"header", "claims"} {
		raw, err := base64.RawURLEncoding.DecodeString(string(bytes.TrimRight(parts[i], "=")))
		out.WriteString(`  "` + name + `": `)
		var pretty bytes.Buffer
		switch {
		case err != nil:
			out.WriteString(`"(not base64url: ` + err.Error() + `)"`)
		case json.Indent(&pretty, raw, "  ", "  ") != nil:
			quoted, _ := json.Marshal(string(raw))
			out.Write(quoted)
		default:
			out.Write(pretty.Bytes())
		}
		if i == 0 {
			out.WriteString(",")
		}
		out.WriteString("\n")
	}
	out.WriteString("}")
	a.plainWhat = "JWT header and claims"
	a.plain, a.plainKind = EscapeJSON(out.Bytes()), PlainJSON
	a.remarks = append(a.remarks, "the JWT's signature is not verified in this build: only its header and claims are shown")
}

// preparePlaintext makes decrypted bytes ready to show: JSON pretty-printed
// and made inert, text as is (escaped when rendered), anything else as hex.
func preparePlaintext(p []byte) ([]byte, PlainKind) {
	var pretty bytes.Buffer
	// Indent checks the JSON as it goes: no json.Valid pass before it.
	if json.Indent(&pretty, p, "", "  ") == nil {
		return EscapeJSON(pretty.Bytes()), PlainJSON
	}
	if utf8.Valid(p) {
		return p, PlainText
	}
	return p, PlainBinary
}

// splitRequest cuts a captured HTTP request at its first blank line (CRLF or
// LF) into head and body; the body keeps its bytes exactly.
func splitRequest(input []byte) (head, body []byte) {
	for _, sep := range [][]byte{[]byte("\r\n\r\n"), []byte("\n\n")} {
		if i := bytes.Index(input, sep); i >= 0 {
			return input[:i], input[i+len(sep):]
		}
	}
	return input, nil
}
