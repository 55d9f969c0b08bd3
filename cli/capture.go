package cli

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// captureResult is the JSON contract of 'verify --json' and 'jwt --json'.
type captureResult struct {
	OK         bool               `json:"ok"`
	Kind       string             `json:"kind"`
	Format     string             `json:"format"`
	Request    *requestJSON       `json:"request,omitempty"`
	Signatures []signatureJSON    `json:"signatures"`
	Sheet      *decryptResult     `json:"sheet,omitempty"`
	Identity   *identityJSON      `json:"identity,omitempty"`
	JWT        *jwtJSON           `json:"jwt,omitempty"`
	Notes      []crypto.Note      `json:"notes"`
	Diagnoses  []crypto.Diagnosis `json:"diagnoses"`
	Error      string             `json:"error,omitempty"`
}

// requestJSON is what was read of a request: its line, headers and body.
type requestJSON struct {
	Method     string                 `json:"method,omitempty"`
	Target     string                 `json:"target,omitempty"`
	Proto      string                 `json:"proto,omitempty"`
	Headers    []crypto.CaptureHeader `json:"headers"`
	BodyBytes  int                    `json:"body_bytes"`
	Body       string                 `json:"body"`
	BodyBase64 string                 `json:"body_base64,omitempty"` // when the body is not UTF-8
}

// signatureJSON is one signature checked.
type signatureJSON struct {
	Header    string `json:"header"`
	Algorithm string `json:"algorithm"`
	Expected  string `json:"expected"`
	Computed  string `json:"computed"`
	Match     bool   `json:"match"`
	Profile   string `json:"profile,omitempty"`
}

// identityJSON is the user_hash check of a snippet or body.
type identityJSON struct {
	AppID     string `json:"app_id,omitempty"`
	UserID    string `json:"user_id,omitempty"`
	Email     string `json:"email,omitempty"`
	Data      string `json:"data"`
	Algorithm string `json:"algorithm"`
	Expected  string `json:"expected"`
	Computed  string `json:"computed"`
	Match     *bool  `json:"match"`
	Profile   string `json:"profile,omitempty"`
}

// jwtJSON is a decoded Messenger JWT.
type jwtJSON struct {
	Header    json.RawMessage `json:"header"`
	Claims    json.RawMessage `json:"claims"`
	Alg       string          `json:"alg"`
	UserID    string          `json:"user_id,omitempty"`
	ExpiresAt *time.Time      `json:"expires_at,omitempty"`
	NotBefore *time.Time      `json:"not_before,omitempty"`
	IssuedAt  *time.Time      `json:"issued_at,omitempty"`
}

func newCaptureResult(r *crypto.CaptureReport, ring *crypto.Keyring, secretNotes []crypto.Note) captureResult {
	c := r.Capture
	out := captureResult{OK: r.OK(), Kind: c.Kind, Format: c.Format, Signatures: []signatureJSON{},
		Notes: orEmpty(secretNotes), Diagnoses: orEmpty(r.Diagnoses)}
	profile := func(i int) string {
		if i < 0 || i >= ring.Len() {
			return ""
		}
		return ring.Secret(i).Name
	}
	signature := func(s *crypto.SignatureCheck) signatureJSON {
		return signatureJSON{Header: s.Header, Algorithm: s.Algorithm, Expected: s.Expected, Computed: s.Computed, Match: s.Match, Profile: profile(s.SecretAt)}
	}
	if c.Kind != crypto.KindJWT && c.Format != crypto.FormatJavaScript {
		req := &requestJSON{Method: c.Method, Target: c.Target, Proto: c.Proto, Headers: orEmpty(c.Headers), BodyBytes: len(c.Body), Body: string(c.Body)}
		if !utf8.Valid(c.Body) {
			req.BodyBase64 = base64.StdEncoding.EncodeToString(c.Body)
		}
		out.Request = req
	}
	for _, s := range r.Signatures {
		out.Signatures = append(out.Signatures, signature(s))
	}
	if r.Sheet != nil {
		sheet := newDecryptResult(r.Sheet, ring, nil)
		out.Sheet = &sheet
	}
	if r.Identity != nil {
		f := c.Settings
		out.Identity = &identityJSON{AppID: f.AppID, UserID: f.UserID, Email: f.Email, Data: string(r.Identity.Data),
			Algorithm: r.Identity.Algorithm, Expected: r.Identity.Expected, Computed: r.Identity.Computed, Match: r.Identity.Match,
			Profile: profile(r.Identity.SecretAt)}
	}
	if j := r.JWT; j != nil {
		out.JWT = &jwtJSON{Header: j.Header, Claims: j.Claims, Alg: j.Alg, UserID: j.UserID,
			ExpiresAt: j.ExpiresAt, NotBefore: j.NotBefore, IssuedAt: j.IssuedAt}
		if j.Signature != nil {
			out.Signatures = append(out.Signatures, signature(j.Signature))
		}
	}
	if !out.OK && len(r.Diagnoses) > 0 && r.Diagnoses[0].Severity != crypto.SeverityInfo {
		out.Error = r.Diagnoses[0].Message
	}
	return out
}

// printCaptureReport writes a report as JSON or for people, and returns the
// exit code. For people: what was read and each check on standard output,
// notes and diagnoses on standard error, as the other verbs do.
func printCaptureReport(e *env, verb string, r *crypto.CaptureReport, ring *crypto.Keyring, secretNotes []crypto.Note, asJSON bool) int {
	code := captureExitCode(r)
	if asJSON {
		writeJSON(e.stdout, newCaptureResult(r, ring, secretNotes))
		return code
	}
	if r.InputError != nil {
		printError(e, verb, r.InputError)
		return code
	}
	res := newCaptureResult(r, ring, secretNotes)
	fmt.Fprintln(e.stdout, termtext.EscapeControl(describeCapture(r.Capture), false))
	for _, s := range res.Signatures {
		v := verdict(s.Match)
		if s.Profile != "" {
			v += fmt.Sprintf(" (%s)", s.Profile)
		}
		fmt.Fprintf(e.stdout, "%s %s: %s\n  expected  %s\n  computed  %s\n", s.Header, s.Algorithm, termtext.EscapeControl(v, false),
			termtext.EscapeControl(s.Expected, false), termtext.EscapeControl(s.Computed, false))
	}
	if id := res.Identity; id != nil {
		fmt.Fprintf(e.stdout, "user_hash %s of %q: %s\n  expected  %s\n  computed  %s\n", id.Algorithm, id.Data, verdict(id.Match != nil && *id.Match),
			termtext.EscapeControl(id.Expected, false), termtext.EscapeControl(id.Computed, false))
	}
	if j := res.JWT; j != nil {
		printJSONBlock(e, "header", j.Header)
		printJSONBlock(e, "claims", j.Claims)
	}
	printNotes(e, secretNotes)
	printDiagnoses(e.stderr, r.Diagnoses)
	if r.Sheet != nil && r.Sheet.OpenedBy >= 0 {
		fmt.Fprintln(e.stdout, "sheet user:")
		printPlaintext(e, r.Sheet.Plaintext, r.Sheet.PlaintextIsJSON)
	}
	return code
}

func verdict(match bool) string {
	if match {
		return "match"
	}
	return "mismatch"
}

// printJSONBlock writes a labelled JSON value pretty-printed and made inert.
func printJSONBlock(e *env, label string, raw json.RawMessage) {
	if pretty, ok := prettyJSON(raw); ok {
		fmt.Fprintf(e.stdout, "%s: ", label)
		e.stdout.Write(pretty)
	}
}
