package crypto

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// This file is the signature headers' front of the keyed-digest engine
// (diagnose_digest.go): each header is a row of payloads.go, and the body's
// re-serialisations (reserialize.go) are its data forms.

// SignatureValue returns the value a sender puts in the signature header for
// body: "sha1=" and the lowercase hex HMAC-SHA1 for X-Hub-Signature, the
// lowercase hex HMAC-SHA256 for X-Body-Signature. It returns "" for any other
// header.
func SignatureValue(header string, secret, body []byte) string {
	k, ok := signaturePayloadFor(header)
	if !ok {
		return ""
	}
	return k.prefix + hex.EncodeToString(k.algorithms[0].sum(nil, secret, body))
}

// SignatureCheck is one signature header checked against a body.
type SignatureCheck struct {
	Header    string // the canonical header name, e.g. "X-Hub-Signature"
	Algorithm string // the HMAC the header must carry, e.g. "HMAC-SHA1"
	Expected  string // the value as received
	Computed  string // the value the header should carry, made with SecretAt
	Match     bool   // Expected is exactly Computed
	SecretAt  int    // keyring index of the secret behind Computed, -1 if none
	Chosen    int    // keyring index of the chosen secret, -1 if none
	Diagnoses []Diagnosis
}

// OK reports whether the signature matched exactly, with the chosen secret
// (or any, with none chosen), and nothing else is wrong with it.
func (c *SignatureCheck) OK() bool {
	if !c.Match {
		return false
	}
	for _, d := range c.Diagnoses {
		if d.Severity != SeverityInfo {
			return false
		}
	}
	return true
}

// signatureBudget bounds the bytes a signature's search hashes (the
// protocol's own way is tried with every secret whatever it costs) and so
// the re-serialisations of the body it makes: a few kilobytes times every
// variant and secret is well under it, and a hostile megabyte stops in tens
// of milliseconds.
const signatureBudget = 32 << 20

// CheckSignature checks a signature header's value against the raw body with
// the keyring's secrets, the chosen one first, then those of role oauth. When
// no secret makes it exactly, it finds which mistake does (a missing or
// doubled prefix, uppercase or base64 digest, another HMAC, a re-serialised
// body, the secret with whitespace or decoded, another profile) and
// diagnoses it.
func CheckSignature(header, value string, body []byte, ring *Keyring, chosen string) *SignatureCheck {
	k, _ := signaturePayloadFor(header)
	c := &SignatureCheck{Header: k.name, Algorithm: digestAlgorithms[k.algorithms[0]].name, Expected: value, SecretAt: -1, Chosen: ring.Find(chosen)}
	if ring.Len() == 0 {
		c.Diagnoses = append(c.Diagnoses, noSecret(k))
		return c
	}
	order := ring.Order(chosen, k.role)
	e := readExpected(k, value)
	d := newDigestSearch(k, ring, e.readings, bodyForms(body), k.dataNoun)
	d.limit = signatureBudget
	v, i, found := d.run(order, reserializedBodies(body))
	c.SecretAt = order[0]
	if found {
		c.SecretAt = i
	}
	c.Computed = k.prefix + hex.EncodeToString(d.computed(c.SecretAt))
	c.Match = DigestsEqual(c.Computed, value)
	if !found {
		c.Diagnoses = d.unexplained(e, order, c.Chosen, func() Diagnosis {
			message := fmt.Sprintf("%s matches no %s of the body with %s, %s", k.subject, c.Algorithm, secretsTried(len(order)),
				d.triedAndNearest(e, "check that the body is the raw bytes as received and that the secret is the OAuth client secret of the app that sent it"))
			return k.diag(CodeSignatureMismatch, message)
		})
	} else {
		_, c.Diagnoses = d.explain(e, v, i, c.Chosen, func(f dataForm, code Code) Diagnosis { return bodyMistake(k, f, code) })
		if len(c.Diagnoses) == 0 {
			c.Diagnoses = append(c.Diagnoses, d.match(i))
		}
	}
	sortDiagnoses(c.Diagnoses)
	return c
}

// bodyMistake says the signature was made over other bytes than those
// received: the same data, re-encoded, or with a newline, a byte-order mark
// or the encoding of its text changed.
func bodyMistake(k *payloadKind, f dataForm, code Code) Diagnosis {
	fix := codeInfo(code).Fix
	if code == CodeBodyReserialized && strings.Contains(f.what, "newline") && !strings.Contains(f.what, "JSON") {
		fix = fixBodyNewline
	}
	return diag(code, fmt.Sprintf("%s matches the body %s, not the bytes as given: the body was changed between signing and checking", k.subject, f.what), fix)
}

// bodyForms are the body as given and its cheap forms, each one pass over
// it: a byte-order mark removed or added, a final CRLF added, and its text
// read as ISO-8859-1 and encoded as UTF-8 again (mojibake), or the reverse.
func bodyForms(body []byte) []dataForm {
	forms := []dataForm{{data: body}}
	if rest, ok := bytes.CutPrefix(body, []byte(byteOrderMark)); ok {
		forms = append(forms, dataForm{data: rest, code: CodeBodyBOM, what: "without its byte-order mark (U+FEFF)"})
	} else {
		forms = append(forms, dataForm{data: slices.Concat([]byte(byteOrderMark), body), code: CodeBodyBOM, what: "with a byte-order mark (U+FEFF) added before it"})
	}
	if !bytes.HasSuffix(body, []byte("\n")) {
		forms = append(forms, dataForm{data: slices.Concat(body, []byte("\r\n")), code: CodeBodyReserialized, what: "with a trailing CRLF added"})
	}
	if m, ok := latin1ToUTF8(body); ok {
		forms = append(forms, dataForm{data: m, code: CodeBodyMojibake, what: "with its bytes read as ISO-8859-1 and encoded as UTF-8 again (mojibake)"})
	}
	if m, ok := utf8ToLatin1(body); ok {
		forms = append(forms, dataForm{data: m, code: CodeBodyMojibake, what: "with its UTF-8 text written as ISO-8859-1 bytes"})
	}
	return forms
}

// latin1ToUTF8 is what PHP's utf8_encode does: each byte taken as an
// ISO-8859-1 character and encoded as UTF-8; ok is false for ASCII, which
// it leaves as it is.
func latin1ToUTF8(b []byte) ([]byte, bool) {
	high := 0
	for _, c := range b {
		if c >= 0x80 {
			high++
		}
	}
	if high == 0 {
		return nil, false
	}
	out := make([]byte, 0, len(b)+high)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out, true
}

// utf8ToLatin1 undoes latin1ToUTF8: valid UTF-8 whose characters all fit
// in ISO-8859-1, written one byte each; ok is false otherwise, and for
// ASCII.
func utf8ToLatin1(b []byte) ([]byte, bool) {
	if !utf8.Valid(b) {
		return nil, false
	}
	out := make([]byte, 0, len(b))
	changed := false
	for _, r := range string(b) {
		if r > 0xff {
			return nil, false
		}
		changed = changed || r >= 0x80
		out = append(out, byte(r))
	}
	return out, changed
}
