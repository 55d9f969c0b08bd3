// Package report renders what sealpeek found as plain text, the same for
// the command line and the terminal UI: the list of diagnoses, the summary
// of a capture, the checks of a capture, a decrypted user, pretty JSON.
// It styles nothing and writes to no terminal; each face adds its own
// colours, wrapping and streams.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// ShowsFix reports whether d's fix is shown with it: an info diagnosis
// says what was done, so there is nothing to fix.
func ShowsFix(d crypto.Diagnosis) bool {
	return d.Fix != "" && d.Severity != crypto.SeverityInfo
}

// Layout says how DiagnosisLines lays out a list of diagnoses.
type Layout struct {
	Indent        string // before each diagnosis
	SeverityWidth int    // the severity is padded to this many columns
	FixIndent     string // before each "fix: "
	// Clean is applied to each message and fix, e.g. to escape control
	// characters or shorten what quotes huge input; nil keeps them as
	// they are.
	Clean func(string) string
}

// CommandLine is the layout of the diagnoses a verb writes to standard
// error: "error auth_failed: …" with the fix under the message. The caller
// sets Clean.
var CommandLine = Layout{SeverityWidth: 5, FixIndent: "      "}

// Copied is the layout of the diagnoses in the report the UI copies for an
// issue or a chat.
var Copied = Layout{Indent: "  ", FixIndent: "    "}

// DiagnosisLines is ds as text, one line per diagnosis ("SEVERITY CODE:
// MESSAGE") and one per fix shown ("fix: FIX"), without newlines.
func DiagnosisLines(ds []crypto.Diagnosis, l Layout) []string {
	clean := l.Clean
	if clean == nil {
		clean = func(s string) string { return s }
	}
	var lines []string
	for _, d := range ds {
		lines = append(lines, fmt.Sprintf("%s%-*s %s: %s", l.Indent, l.SeverityWidth, d.Severity, d.Code, clean(d.Message)))
		if ShowsFix(d) {
			lines = append(lines, l.FixIndent+"fix: "+clean(d.Fix))
		}
	}
	return lines
}

// PrettyJSON is raw indented by two spaces and made inert for terminals,
// without a final newline; false when raw is not JSON. The UI shows it as
// it is; the command line adds the newline.
func PrettyJSON(raw []byte) ([]byte, bool) {
	var pretty bytes.Buffer
	// Indent checks the JSON as it goes: no json.Valid pass before it.
	if json.Indent(&pretty, raw, "", "  ") != nil {
		return nil, false
	}
	return termtext.EscapeJSON(pretty.Bytes()), true
}

// WritePlaintext writes a decrypted user and a newline: JSON pretty-printed,
// anything else with its control characters escaped.
func WritePlaintext(w io.Writer, plaintext []byte, isJSON bool) {
	if isJSON {
		if pretty, ok := PrettyJSON(plaintext); ok {
			w.Write(append(pretty, '\n'))
			return
		}
	}
	fmt.Fprintln(w, termtext.EscapeControl(string(plaintext), true))
}

// kindNames say what a capture turned out to be, for people.
var kindNames = map[crypto.Kind]string{
	crypto.KindWebhook:   "webhook",
	crypto.KindCanvasKit: "Canvas Kit request",
	crypto.KindSheetOpen: "open-sheet request",
	crypto.KindIdentity:  "identity (user_hash)",
	crypto.KindJWT:       "Messenger JWT",
	crypto.KindUnknown:   "nothing to verify",
}

// KindName is what a capture of kind is, for people: "Canvas Kit request"
// for canvas_kit.
func KindName(kind crypto.Kind) string {
	if name, ok := kindNames[kind]; ok {
		return name
	}
	return strings.ReplaceAll(string(kind), "_", " ")
}

// ByteCount is a size for people: 233 B, 1.5 KiB, 2.0 MiB.
func ByteCount(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
}

// CaptureSummary is the one line the command line prints first for a
// capture: its kind as sealpeek names it in JSON, how it was read, the
// request line, the headers and the size of what carries the payload, e.g.
// "webhook · http · POST /hooks · 6 headers · 233-byte body". Not escaped.
func CaptureSummary(c *crypto.Capture) string {
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

// RequestSummary is the UI's shorter line for a request: "webhook · POST
// /hooks · 6 headers · 233 B body", the kind named for people and every
// count given. Not escaped.
func RequestSummary(c *crypto.Capture) string {
	parts := []string{kindNames[c.Kind]}
	if c.Method != "" {
		parts = append(parts, c.Method+" "+c.Target)
	}
	parts = append(parts, fmt.Sprint(len(c.Headers))+termtext.Plural(len(c.Headers), " header", " headers"), ByteCount(len(c.Body))+" body")
	return strings.Join(parts, " · ")
}

// Verdict is "match" or "mismatch".
func Verdict(match bool) string {
	if match {
		return "match"
	}
	return "mismatch"
}

// WriteCaptureChecks writes what the command line prints on standard output
// for a checked capture, before the sheet user: the summary, each
// signature with what was expected and computed, the user_hash check, a
// JWT's header and claims. profile names the secret at an index of the
// keyring ("" for none). Everything quoted from the input is made inert.
func WriteCaptureChecks(w io.Writer, r *crypto.CaptureReport, profile func(secretAt int) string) {
	fmt.Fprintln(w, termtext.EscapeControl(CaptureSummary(r.Capture), false))
	signatures := r.Signatures
	if r.JWT != nil && r.JWT.Signature != nil {
		signatures = append(signatures[:len(signatures):len(signatures)], r.JWT.Signature)
	}
	for _, s := range signatures {
		v := Verdict(s.Match)
		if name := profile(s.SecretAt); name != "" {
			v += fmt.Sprintf(" (%s)", name)
		}
		fmt.Fprintf(w, "%s %s: %s\n  expected  %s\n  computed  %s\n", s.Header, s.Algorithm, termtext.EscapeControl(v, false),
			termtext.EscapeControl(s.Expected, false), termtext.EscapeControl(s.Computed, false))
	}
	if id := r.Identity; id != nil {
		fmt.Fprintf(w, "user_hash %s of %q: %s\n  expected  %s\n  computed  %s\n", id.Algorithm, string(id.Data), Verdict(id.Match != nil && *id.Match),
			termtext.EscapeControl(id.Expected, false), termtext.EscapeControl(id.Computed, false))
	}
	if j := r.JWT; j != nil {
		writeJSONBlock(w, "header", j.Header)
		writeJSONBlock(w, "claims", j.Claims)
	}
}

// WriteSheetUser writes the sheet user a capture carried, when a secret
// opened it: what the command line prints after the diagnoses.
func WriteSheetUser(w io.Writer, r *crypto.CaptureReport) {
	if r.Sheet != nil && r.Sheet.OpenedBy >= 0 {
		fmt.Fprintln(w, "sheet user:")
		WritePlaintext(w, r.Sheet.Plaintext, r.Sheet.PlaintextIsJSON)
	}
}

// writeJSONBlock writes a labelled JSON value pretty-printed and made inert.
func writeJSONBlock(w io.Writer, label string, raw []byte) {
	if pretty, ok := PrettyJSON(raw); ok {
		fmt.Fprintf(w, "%s: %s\n", label, pretty)
	}
}
