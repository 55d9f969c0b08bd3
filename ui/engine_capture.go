package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// requestText is a captured request as the Request pane shows it: the
// request line and headers, few enough to format whole, and the body,
// kept as the exact bytes received and drawn a window at a time.
type requestText struct {
	summary  string    // what it is, e.g. "webhook · POST /intercom/webhooks · 6 headers · 233 B body"
	line     string    // the request line, "" without one
	headers  []headRow // in the order received, headers given separately last
	body     []byte
	bodyJSON bool // the body is JSON, coloured as such
}

// headRow is one header of a request.
type headRow struct {
	name, value string
	signature   bool // X-Hub-Signature or X-Body-Signature
	given       bool // given in the signature header field, not in the paste
}

// headerHint is how to give a signature header the capture lacks.
const headerHint = "type it in the signature header field at the top of the Input pane (ctrl+g), e.g. X-Hub-Signature: sha1=… for a webhook, X-Body-Signature: … for Canvas Kit"

// analyzeCapture reads the input as a capture and verifies every part of
// it, as 'sealpeek verify' does, with the signature header field added.
func analyzeCapture(ctx context.Context, a *analysis, req request) {
	var extra []crypto.CaptureHeader
	if line := strings.TrimSpace(req.header); line != "" && req.kind.takesHeader() {
		if h, err := crypto.ParseHeaderLine(line); err == nil {
			extra = []crypto.CaptureHeader{h}
		} else if name, ok := crypto.BareSignatureHeader(line, bareBody(req.input)); ok {
			// A value without its name: the core knows whose form it has.
			extra = []crypto.CaptureHeader{{Name: name, Value: line}}
			a.headerAs = name
			a.remarks = append(a.remarks, "the signature header field's value, given without a name, is taken as "+name+" (write 'Name: value' to give another)")
		} else {
			a.remarks = append(a.remarks, "the signature header field is left out: write it as 'Name: value', e.g. X-Hub-Signature: sha1=…")
		}
	}
	r := crypto.InspectCapture(req.input, extra, req.ring, req.chosen, req.now)
	if ctx.Err() != nil {
		return
	}
	if req.kind == KindJWT && r.Capture.Kind != crypto.KindJWT && r.InputError == nil {
		// ctrl+k said JWT: check it as one, so what is wrong with it is said.
		c := &crypto.Capture{Format: crypto.FormatJWT, Kind: crypto.KindJWT, Body: req.input, Token: string(bytes.TrimSpace(req.input))}
		r = crypto.VerifyCapture(c, nil, req.ring, req.chosen, req.now)
	}
	a.capture, a.sheet, a.digest, a.diagnoses, a.ok = r, r.Sheet, r.Identity, r.Diagnoses, r.OK()
	if ctx.Err() != nil {
		return // the request text, plaintext and claims are what nobody will see
	}
	c := r.Capture
	switch c.Format {
	case crypto.FormatHTTPRequest, crypto.FormatHeadersAndBody, crypto.FormatCurl:
		a.request = newRequestText(c)
	}
	for _, s := range r.Signatures {
		if s.Match && a.worked < 0 {
			a.worked, a.verb = s.SecretAt, "verified"
		}
	}
	a.showSheet()
	if d := r.Identity; d != nil && d.Match != nil && *d.Match && a.worked < 0 {
		a.worked, a.verb = d.SecretAt, "matched"
	}
	if j := r.JWT; j != nil {
		a.showJWT(j)
	}
	for _, d := range r.Diagnoses {
		if d.Code == crypto.CodeSignatureMissing {
			a.remarks = append(a.remarks, "no signature header: "+headerHint)
			break
		}
	}
}

// bareBody is the body of a capture, for telling whose a bare signature
// value is; the input itself when it cannot be read.
func bareBody(input []byte) []byte {
	if c, err := crypto.ReadCapture(input, nil); err == nil && c != nil {
		return c.Body
	}
	return input
}

func newRequestText(c *crypto.Capture) *requestText {
	t := &requestText{body: c.Body, bodyJSON: json.Valid(c.Body)}
	if c.Method != "" {
		t.line = strings.TrimSpace(c.Method + " " + c.Target + " " + c.Proto)
	}
	for _, h := range c.Headers {
		sig := strings.EqualFold(h.Name, crypto.HeaderHubSignature) || strings.EqualFold(h.Name, crypto.HeaderBodySignature)
		t.headers = append(t.headers, headRow{name: h.Name, value: h.Value, signature: sig, given: h.Line == 0 && c.Format != crypto.FormatCurl})
	}
	t.summary = report.RequestSummary(c)
	return t
}

// showJWT puts a JWT's header and claims in the plaintext pane, pretty and
// coloured, under rows that say its algorithm, user and validity as of the
// time it was checked.
func (a *analysis) showJWT(j *crypto.JWTReport) {
	if j.Signature != nil && j.Signature.Match && a.worked < 0 {
		a.worked, a.verb = j.Signature.SecretAt, "verified"
	}
	if j.Header == nil && j.Claims == nil {
		return
	}
	var doc bytes.Buffer
	doc.WriteString("{\n")
	for i, part := range []struct {
		name string
		raw  json.RawMessage
	}{{"header", j.Header}, {"claims", j.Claims}} {
		doc.WriteString(`  "` + part.name + `": `)
		var pretty bytes.Buffer
		if part.raw == nil || json.Indent(&pretty, part.raw, "  ", "  ") != nil {
			doc.WriteString("null")
		} else {
			doc.Write(pretty.Bytes())
		}
		if i == 0 {
			doc.WriteString(",")
		}
		doc.WriteString("\n")
	}
	doc.WriteString("}")
	a.plainWhat = "JWT header and claims"
	a.plain, a.plainKind = termtext.EscapeJSON(doc.Bytes()), PlainJSON
	a.plainSize = len(j.Header) + len(j.Claims)
	a.plainHead = jwtSummary(j, a.now)
}

// jwtSummary is the rows above a JWT's claims: its algorithm and user, and
// each validity time with how long ago or ahead it is.
func jwtSummary(j *crypto.JWTReport, now time.Time) []string {
	alg := termtext.EscapeControl(strconv.Quote(j.Alg), false) + ", but Messenger JWTs are HS256"
	switch j.Alg {
	case "HS256":
		alg = "HS256"
	case "":
		alg = "none given; Messenger JWTs are HS256"
	}
	row := func(label, text string) string { return fmt.Sprintf("%-10s %s", label, text) }
	rows := []string{row("alg", alg)}
	if j.HasUserID {
		rows = append(rows, row("user_id", termtext.EscapeControl(strconv.Quote(j.UserID), false)))
	} else {
		rows = append(rows, row("user_id", "missing: Intercom rejects the token"))
	}
	when := func(label string, t *time.Time, past, future string) {
		if t == nil {
			return
		}
		d := t.Sub(now)
		rel := future + " in " + crypto.HumanDuration(d)
		if d <= 0 {
			rel = past + " " + crypto.HumanDuration(-d) + " ago"
		}
		rows = append(rows, row(label, t.UTC().Format(time.RFC3339)+" · "+rel))
	}
	var claims map[string]json.RawMessage
	json.Unmarshal(j.Claims, &claims)
	// A time claim that is not a number of seconds (Date.now()'s
	// milliseconds, a string) is no time at all: say so here, as the
	// diagnostics do, rather than "never".
	unread := func(label, claim string, t *time.Time) {
		if raw, ok := claims[claim]; ok && t == nil {
			rows = append(rows, row(label, claim+" "+termtext.EscapeControl(string(raw), false)+" is not a time in seconds (see Diagnostics)"))
		}
	}
	when("issued", j.IssuedAt, "issued", "issued")
	unread("issued", "iat", j.IssuedAt)
	when("not before", j.NotBefore, "valid since", "valid")
	unread("not before", "nbf", j.NotBefore)
	when("expires", j.ExpiresAt, "expired", "expires")
	unread("expires", "exp", j.ExpiresAt)
	if _, ok := claims["exp"]; !ok && j.Claims != nil {
		rows = append(rows, row("expires", "never (no exp claim)"))
	}
	return rows
}
