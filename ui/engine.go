package ui

import (
	"bytes"
	"context"
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/report"
)

// request is one analysis to run off the update loop. The input comes as
// a snapshot of the edit buffer, which nothing writes to until the command
// has copied it (see analyzeCmd), so the user keeps typing meanwhile.
type request struct {
	gen      int
	kind     Kind
	text     textSnapshot // the input as the request was made
	input    []byte       // the text, the analysis's own copy
	expected string       // the expected user_hash, for user data
	other    string       // user data: the other identifier, when the app sends both
	header   string       // the signature header given with a body, "Name: value"
	ring     *crypto.Keyring
	chosen   string
	now      time.Time // JWT validity is checked as of now
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
	now       time.Time
	sheet     *crypto.SheetReport   // the sheet user: bare, or the capture's
	digest    *crypto.DigestReport  // user data, or the capture's user_hash
	capture   *crypto.CaptureReport // everything but bare sheet users and user data
	request   *requestText          // the Request pane's text, nil when the input is not a request
	plain     []byte                // what the plaintext pane shows
	plainSize int                   // the plaintext's own size, before pretty-printing
	plainKind PlainKind
	plainWhat string   // the plaintext pane's title: "decrypted user", "JWT header and claims"
	plainHead []string // rows above the plaintext: a JWT's algorithm, user and validity
	diagnoses []crypto.Diagnosis
	remarks   []string // what the UI itself has to say, e.g. how to give a missing header
	headerAs  string   // the header a bare value in the signature field was taken as
	worked    int      // keyring index of the profile that opened, matched or verified it, -1 for none
	verb      string   // what that profile did: "opened", "matched", "verified"
	ok        bool     // the engine's verdict: everything checked passed with the chosen profile
	cancelled bool     // a newer input superseded it: it stopped early and shows nothing
	elapsed   time.Duration
}

// analysisMsg carries a finished analysis back to the update loop.
type analysisMsg struct{ analysis }

// analyzeCmd runs a request in a command with run (analyze, or a test's
// stand-in) and releases its context when done. The root model drops
// results whose generation is not the latest.
func analyzeCmd(ctx context.Context, release context.CancelFunc, run func(context.Context, request) analysis, req request) tea.Cmd {
	return func() tea.Msg {
		defer release()
		// A private copy: whatever the result keeps of the input (a digest
		// report keeps its data, a capture its body) never shares the bytes
		// the input pane edits in place; once copied, the buffer is free to.
		text, copied := req.text.Bytes()
		if !copied {
			text = bytes.Clone(text)
		}
		req.text.release()
		req.input = text
		return analysisMsg{run(ctx, req)}
	}
}

// analyze dispatches on the kind: a bare sealed user is opened, user data
// hashed, and everything else read and verified as a capture. Between
// stages it checks ctx, so an analysis a newer input supersedes stops at
// the next stage rather than run to the end for nothing; the engine's own
// stages take no context and run whole.
func analyze(ctx context.Context, req request) analysis {
	start := time.Now()
	a := analysis{gen: req.gen, kind: req.kind, now: req.now, worked: -1}
	if ctx.Err() != nil {
		a.cancelled = true
		return a
	}
	switch {
	case req.kind == KindUserData:
		analyzeUserData(&a, req)
	case req.kind.isCapture():
		analyzeCapture(ctx, &a, req)
	default:
		analyzeSheet(ctx, &a, req)
	}
	a.cancelled = ctx.Err() != nil
	a.elapsed = time.Since(start)
	return a
}

func analyzeSheet(ctx context.Context, a *analysis, req request) {
	r := crypto.InspectSheetUser(req.input, req.ring, req.chosen)
	a.sheet, a.diagnoses, a.ok = r, r.Diagnoses, r.OK()
	if ctx.Err() != nil {
		return // pretty-printing a megabyte of plaintext nobody will see
	}
	a.showSheet()
}

// showSheet puts the opened user in the plaintext pane and says who opened it.
func (a *analysis) showSheet() {
	r := a.sheet
	if r == nil || r.OpenedBy < 0 {
		return
	}
	a.plainWhat = "decrypted user"
	a.plain, a.plainKind = preparePlaintext(r.Plaintext)
	a.plainSize = len(r.Plaintext)
	if a.worked < 0 {
		a.worked, a.verb = r.OpenedBy, "opened"
	}
}

func analyzeUserData(a *analysis, req request) {
	// A pasted digest brings its line break (the field shows it as a
	// space): trimmed, as the command line's --expect and the signature
	// field are.
	expected := strings.TrimSpace(req.expected)
	var r *crypto.DigestReport
	if other := strings.TrimSpace(req.other); other != "" {
		// Both identifiers: checked as a snippet's are, the user_id taking
		// precedence, and a digest of the other one named.
		r = crypto.CheckIdentity(identity(req.input, other), expected, req.ring, req.chosen)
	} else {
		r = crypto.CheckUserHash(req.input, expected, req.ring, req.chosen)
	}
	a.digest, a.diagnoses, a.ok = r, r.Diagnoses, r.OK()
	if r.Match != nil && *r.Match {
		a.worked, a.verb = r.SecretAt, "matched"
	}
	if trimmed := bytes.TrimSpace(req.input); len(trimmed) != len(req.input) && len(trimmed) > 0 {
		a.remarks = append(a.remarks, "the data has "+itoa(len(req.input)-len(trimmed))+" bytes of surrounding whitespace, which are hashed too (ctrl+t trims them)")
	}
}

// preparePlaintext makes decrypted bytes ready to show: JSON pretty-printed
// and made inert, text as is (escaped when rendered, a stray invalid byte
// as \xNN), anything else as hex.
func preparePlaintext(p []byte) ([]byte, PlainKind) {
	if pretty, ok := report.PrettyJSON(p); ok {
		return pretty, PlainJSON
	}
	if mostlyText(p) {
		return p, PlainText
	}
	return p, PlainBinary
}

// mostlyText reports whether bytes read as text: at least three in four
// are valid UTF-8 and not controls besides line breaks and tabs. Random
// bytes are about half invalid, so they stay a hex dump.
func mostlyText(p []byte) bool {
	odd := 0
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 || r < 0x20 && r != '\n' && r != '\r' && r != '\t' {
			odd++
		}
		i += size
	}
	return odd*4 <= len(p)
}
