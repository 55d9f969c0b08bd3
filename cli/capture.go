package cli

import (
	"encoding/base64"
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/report"
)

// captureResult is the JSON contract of 'verify --json' and 'jwt --json'.
type captureResult struct {
	OK         bool            `json:"ok"`
	Kind       crypto.Kind     `json:"kind"`
	Format     crypto.Format   `json:"format"`
	Request    *requestJSON    `json:"request,omitempty"`
	Signatures []signatureJSON `json:"signatures"`
	Sheet      *decryptResult  `json:"sheet,omitempty"`
	Identity   *identityJSON   `json:"identity,omitempty"`
	JWT        *jwtJSON        `json:"jwt,omitempty"`
	Notes      []crypto.Note   `json:"notes"`
	Diagnoses  []diagnosisOut  `json:"diagnoses"`
	Error      string          `json:"error,omitempty"`
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

// newCaptureResult is r as 'verify --json' gives it, its fixes shown in the
// language langs chooses.
func newCaptureResult(r *crypto.CaptureReport, ring *crypto.Keyring, secretNotes []crypto.Note, langs fixLangs) captureResult {
	c := r.Capture
	fixes := langs.forCapture(r, ring)
	out := captureResult{OK: r.OK(), Kind: c.Kind, Format: c.Format, Signatures: []signatureJSON{},
		Notes: orEmpty(secretNotes), Diagnoses: fixes.diagnoses(r.Diagnoses)}
	profile := func(i int) string { return profileAt(ring, i) }
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
		sheet := newDecryptResult(r.Sheet, ring, nil, fixes)
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
func printCaptureReport(e *env, verb string, r *crypto.CaptureReport, ring *crypto.Keyring, secretNotes []crypto.Note, langs fixLangs, asJSON bool) int {
	code := captureExitCode(r)
	if asJSON {
		writeJSON(e.stdout, newCaptureResult(r, ring, secretNotes, langs))
		return code
	}
	if r.InputError != nil {
		printError(e, verb, r.InputError)
		return code
	}
	report.WriteCaptureChecks(e.stdout, r, func(i int) string { return profileAt(ring, i) })
	printNotes(e, secretNotes)
	printDiagnosesWithCode(e.stderr, r.Diagnoses, langs.forCapture(r, ring))
	report.WriteSheetUser(e.stdout, r)
	return code
}

// profileAt names the secret at index i of ring, "" when there is none.
func profileAt(ring *crypto.Keyring, i int) string {
	if ring == nil || i < 0 || i >= ring.Len() {
		return ""
	}
	return ring.Secret(i).Name
}
