package ui

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// report is everything on screen as plain text, for an issue or a chat:
// profiles appear by label and fingerprint, never by value.
func (m *shared) report() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("sealpeek report")
	line("input: %s, %d bytes", m.kind, m.input.size())
	if i := m.ring.Find(m.chosen); i >= 0 {
		line("chosen profile: %s, fingerprint %s", m.secrets[i].Label(), m.profileRows[i].fingerprint)
	} else {
		line("chosen profile: none (every profile tried)")
	}
	a := m.result
	if a == nil || m.pending {
		line("analysis: still working")
		return b.String()
	}
	if w := m.worked(); w >= 0 {
		line("worked with: %s, fingerprint %s", m.secrets[w].Label(), m.profileRows[w].fingerprint)
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
		line("capture: %s, read as %s", report.KindName(c.Kind), c.Format)
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
	for _, l := range report.DiagnosisLines(a.diagnoses, report.Copied) {
		line("%s", l)
	}
	for _, r := range a.remarks {
		line("  note: %s", r)
	}
	return b.String()
}

// reportSignature writes one signature check to the report.
func (m *shared) reportSignature(line func(string, ...any), s *crypto.SignatureCheck) {
	line("%s (%s): %s", s.Header, s.Algorithm, report.Verdict(s.Match))
	line("  expected: %s", termtext.EscapeControl(s.Expected, false))
	line("  computed: %s", termtext.EscapeControl(s.Computed, false))
	if s.SecretAt >= 0 && s.SecretAt < len(m.profileRows) {
		line("  with: %s, fingerprint %s", m.secrets[s.SecretAt].Label(), m.profileRows[s.SecretAt].fingerprint)
	}
}
