package ui

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// copyFocused copies the focused pane's value.
func (m *Model) copyFocused() tea.Cmd {
	what, text := m.focusedValue()
	if text == "" {
		return m.setStatus("nothing to copy in "+paneNames[m.focus]+" yet", false)
	}
	return m.clip.Copy(what, text)
}

// focusedValue is what the copy key takes from each pane.
func (m *Model) focusedValue() (what, text string) {
	a := m.result
	switch m.focus {
	case paneInput:
		if a != nil && a.sheet != nil && a.sheet.User != nil && a.sheet.User.Base64 != "" {
			return "the normalised user (base64)", a.sheet.User.Base64
		}
		return "the input", string(m.input.data)
	case paneExpected:
		return "the expected digest", m.input.expected.Value()
	case paneHeader:
		return "the signature header", m.input.header.Value()
	case paneRequest:
		if a != nil && a.request != nil {
			return "the request body (exact bytes)", string(a.request.body)
		}
	case paneProfiles:
		if i := m.profiles.current(); i >= 0 {
			r := m.profiles.rows[i]
			return "the fingerprint of " + r.secret.Label(), r.fingerprint
		}
	case paneSplit:
		if a != nil && a.sheet != nil && a.sheet.User != nil {
			return "IV ‖ ciphertext ‖ tag (hex)", hex.EncodeToString(a.sheet.User.Sealed)
		}
	case panePlain:
		if a != nil && a.plainKind != PlainNone {
			if a.plainKind == PlainBinary {
				return "the " + a.plainWhat + " (hex)", hex.EncodeToString(a.plain)
			}
			if a.sheet != nil && a.plainKind == PlainJSON {
				return "the decrypted JSON", string(a.plain)
			}
			return "the " + a.plainWhat, string(a.plain)
		}
	case paneDigest:
		return m.computedValue()
	case paneDiag:
		return "the whole report", m.report()
	}
	return "", ""
}

// computedValue is what the digest pane computed, ready to paste where it
// was expected: each signature header as a sender would send it, the JWT
// signature, the user_hash.
func (m *Model) computedValue() (what, text string) {
	a := m.result
	if a == nil {
		return "", ""
	}
	var lines []string
	if r := a.capture; r != nil {
		for _, s := range r.Signatures {
			if s.Computed != "" {
				lines = append(lines, s.Header+": "+s.Computed)
			}
		}
		if j := r.JWT; j != nil && j.Signature != nil && j.Signature.Computed != "" {
			lines = append(lines, j.Signature.Computed)
		}
		if len(lines) > 0 {
			what = "the computed " + termtext.Plural(len(lines), "signature", "signatures")
		}
	}
	if a.digest != nil && a.digest.Computed != "" {
		lines = append(lines, a.digest.Computed)
		if what == "" {
			what = "the computed digest"
		}
	}
	return what, strings.Join(lines, "\n")
}

// copyPart copies the IV, ciphertext or tag as hex.
func (m *Model) copyPart(name string) tea.Cmd {
	if m.result == nil || m.result.sheet == nil || m.result.sheet.Split == nil {
		return m.setStatus("no "+name+": the input did not split", false)
	}
	s := m.result.sheet.Split
	part := map[string]crypto.Part{"IV": s.IV, "tag": s.Tag, "ciphertext": s.Ciphertext}[name]
	return m.clip.Copy("the "+name+" (hex)", hex.EncodeToString(part.Bytes))
}

// report is everything on screen as plain text, for an issue or a chat:
// profiles appear by label and fingerprint, never by value.
func (m *Model) report() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("sealpeek report")
	line("input: %s, %d bytes", m.kind, len(m.input.data))
	if i := m.ring.Find(m.chosen); i >= 0 {
		line("chosen profile: %s, fingerprint %s", m.secrets[i].Label(), m.profiles.rows[i].fingerprint)
	} else {
		line("chosen profile: none (every profile tried)")
	}
	a := m.result
	if a == nil || m.pending {
		line("analysis: still working")
		return b.String()
	}
	if w := m.worked(); w >= 0 {
		line("worked with: %s, fingerprint %s", m.secrets[w].Label(), m.profiles.rows[w].fingerprint)
	}
	if a.sheet != nil && a.sheet.User != nil {
		line("container: %s", a.sheet.User.Container)
		if s := a.sheet.Split; s != nil {
			line("IV: %s (offset %d, %d bytes)", hex.EncodeToString(s.IV.Bytes), s.IV.Offset, len(s.IV.Bytes))
			line("ciphertext: offset %d, %d bytes", s.Ciphertext.Offset, len(s.Ciphertext.Bytes))
			line("tag: %s (offset %d, %d bytes)", hex.EncodeToString(s.Tag.Bytes), s.Tag.Offset, len(s.Tag.Bytes))
		}
	}
	if r := a.capture; r != nil {
		c := r.Capture
		line("capture: %s, read as %s", captureKindNames[c.Kind], c.Format)
		if c.Method != "" {
			line("request: %s %s %s", termtext.EscapeControl(c.Method, false), termtext.EscapeControl(c.Target, false), termtext.EscapeControl(c.Proto, false))
		}
		for _, h := range c.Headers {
			line("header: %s: %s", termtext.EscapeControl(h.Name, false), termtext.EscapeControl(h.Value, false))
		}
		line("body: %d bytes", len(c.Body))
		for _, s := range r.Signatures {
			m.reportSignature(line, s)
		}
		if j := r.JWT; j != nil {
			line("JWT alg: %s, user_id: %q", termtext.EscapeControl(j.Alg, false), termtext.EscapeControl(j.UserID, false))
			if j.Signature != nil {
				m.reportSignature(line, j.Signature)
			}
		}
	}
	if d := a.digest; d != nil {
		line("algorithm: %s", d.Algorithm)
		line("data: %q", d.Data)
		line("expected: %s", termtext.EscapeControl(d.Expected, false))
		line("computed: %s", d.Computed)
	}
	if a.plainKind != PlainNone {
		line("%s:", a.plainWhat)
		if a.plainKind == PlainBinary {
			line("%s", hex.EncodeToString(a.plain))
		} else {
			line("%s", termtext.EscapeControl(string(a.plain), true))
		}
	}
	line("diagnoses:")
	for _, d := range a.diagnoses {
		line("  %s %s: %s", d.Severity, d.Code, d.Message)
		if d.Fix != "" && d.Severity != crypto.SeverityInfo {
			line("    fix: %s", d.Fix)
		}
	}
	for _, r := range a.remarks {
		line("  note: %s", r)
	}
	return b.String()
}

// reportSignature writes one signature check to the report.
func (m *Model) reportSignature(line func(string, ...any), s *crypto.SignatureCheck) {
	verdict := "mismatch"
	if s.Match {
		verdict = "match"
	}
	line("%s (%s): %s", s.Header, s.Algorithm, verdict)
	line("  expected: %s", termtext.EscapeControl(s.Expected, false))
	line("  computed: %s", termtext.EscapeControl(s.Computed, false))
	if s.SecretAt >= 0 && s.SecretAt < len(m.profiles.rows) {
		line("  with: %s, fingerprint %s", m.secrets[s.SecretAt].Label(), m.profiles.rows[s.SecretAt].fingerprint)
	}
}
