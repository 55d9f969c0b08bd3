package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// headerFlags collects repeated --header 'Name: value' flags.
type headerFlags []crypto.CaptureHeader

func (h *headerFlags) String() string { return "" }

func (h *headerFlags) Set(line string) error {
	header, err := crypto.ParseHeaderLine(line)
	if err != nil {
		return err
	}
	*h = append(*h, header)
	return nil
}

// timeFlag is --at: the time to check a JWT's exp and nbf at.
type timeFlag struct{ t time.Time }

func (f *timeFlag) String() string {
	if f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f *timeFlag) Set(s string) error {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		f.t = t
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		f.t = time.Unix(n, 0).UTC()
		return nil
	}
	return fmt.Errorf("%q is neither an RFC 3339 time (2025-06-01T12:00:00Z) nor Unix seconds", s)
}

// now returns --at, or the clock's time without it.
func (f *timeFlag) now() time.Time {
	if f.t.IsZero() {
		return time.Now()
	}
	return f.t
}

func runVerify(e *env, args []string) int {
	fs := newFlags(e, "verify", "[flags] [FILE|-]",
		"Checks everything in a captured request: a raw HTTP request (CRLF or LF), headers and body as an\n"+
			"inspector shows them, a body alone (add its headers with --header), an intercomSettings snippet\n"+
			"or a JWT. X-Hub-Signature (sha1=, webhooks) and X-Body-Signature (Canvas Kit) are checked against\n"+
			"the raw body bytes; an encrypted sheet user is opened; a user_hash or JWT is verified. When nothing\n"+
			"matches, says which mistake does.")
	var secrets secretFlags
	secrets.register(fs)
	var headers headerFlags
	fs.Var(&headers, "header", "add a header to the capture, as `'Name: value'` (repeatable); it replaces one of the same name")
	var at timeFlag
	fs.Var(&at, "at", "check a JWT's exp and nbf at `TIME` (RFC 3339 or Unix seconds) instead of now")
	asJSON := fs.Bool("json", false, "print one JSON object (also on failure)")
	lines := fs.Bool("lines", false, linesFlagHelp+"; each line is one capture (a JWT, a snippet, a body), --header added to each")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	if *lines {
		return runVerifyLines(e, &secrets, headers, at.now(), first(positional))
	}
	input, err := readInput(e, first(positional))
	if err != nil {
		return fail(e, "verify", err)
	}
	capture, readErr := crypto.ReadCapture(input, headers)
	return printVerified(e, "verify", &secrets, capture, readErr, at.now(), *asJSON)
}

func runJWT(e *env, args []string) int {
	fs := newFlags(e, "jwt", "[flags] [TOKEN|-]",
		"Decodes a Messenger JWT (intercom_user_jwt) and verifies it: HS256 with the Messenger API secret,\n"+
			"exp and nbf as of now (or --at), and a user_id claim. alg \"none\" is never accepted. TOKEN '-' or\n"+
			"none reads standard input, which may also be an intercomSettings snippet holding the token.")
	var secrets secretFlags
	secrets.register(fs)
	var at timeFlag
	fs.Var(&at, "at", "check exp and nbf at `TIME` (RFC 3339 or Unix seconds) instead of now")
	asJSON := fs.Bool("json", false, "print one JSON object (also on failure)")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	var input []byte
	if arg := first(positional); arg != "" && arg != "-" {
		input = []byte(arg)
	} else {
		var err error
		if input, err = readInput(e, "-"); err != nil {
			return fail(e, "jwt", err)
		}
	}
	capture, readErr := crypto.ReadCapture(input, nil)
	if readErr == nil && capture.Kind != crypto.KindJWT {
		msg := fmt.Sprintf("found no JWT in the input (it reads as a %s); give the token (eyJ…), or use 'sealpeek verify' for a whole capture", capture.Format)
		if *asJSON {
			// --json promises an object on failure too.
			info, _ := crypto.LookupCode(crypto.CodeJWTMalformed)
			writeJSON(e.stdout, map[string]any{"ok": false, "kind": capture.Kind, "signatures": []any{}, "error": msg,
				"diagnoses": []crypto.Diagnosis{{Code: info.Code, Severity: info.Severity, Message: msg, Fix: info.Fix}}})
		}
		return fail(e, "jwt", usageError{msg})
	}
	return printVerified(e, "jwt", &secrets, capture, readErr, at.now(), *asJSON)
}

// printVerified checks a capture (or reports readErr, why it could not be
// read) with the secrets of its role, and prints the report: 'verify' and
// 'jwt' on a whole input.
func printVerified(e *env, verb string, secrets *secretFlags, capture *crypto.Capture, readErr error, now time.Time, asJSON bool) int {
	report, k := (&roleKeyrings{e: e, secrets: secrets}).verify(capture, readErr, now)
	if k.err != nil {
		return fail(e, verb, k.err)
	}
	return printCaptureReport(e, verb, report, k.ring, k.notes, asJSON)
}

// captureExitCode maps a report to the exit codes every verb shares: 2 when
// the input could not be read or nothing in it could be checked (or there
// was no secret), 0 when everything matched, 1 otherwise.
func captureExitCode(r *crypto.CaptureReport) int {
	if r.InputError != nil || !r.Checked() {
		return exitUsage
	}
	for _, d := range r.Diagnoses {
		if d.Code == crypto.CodeNoSecret {
			return exitUsage
		}
	}
	if r.OK() {
		return exitOK
	}
	return exitMismatch
}

// describeCapture is the one-line summary of what was read.
func describeCapture(c *crypto.Capture) string {
	parts := []string{strings.ReplaceAll(string(c.Kind), "_", " ")}
	if string(c.Format) != string(c.Kind) {
		parts = append(parts, string(c.Format))
	}
	if c.Method != "" {
		parts = append(parts, strings.TrimSpace(c.Method+" "+c.Target))
	}
	if len(c.Headers) > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", len(c.Headers), termtext.Plural(len(c.Headers), "header", "headers")))
	}
	switch {
	case c.Format == crypto.FormatJavaScript:
		parts = append(parts, fmt.Sprintf("%d-byte snippet", len(c.Body)))
	case c.Kind != crypto.KindJWT:
		parts = append(parts, fmt.Sprintf("%d-byte body", len(c.Body)))
	}
	return strings.Join(parts, " · ")
}
