package crypto

import (
	"encoding/hex"
	"fmt"
	"strings"
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

// signatureBudget bounds the bytes hashed while trying re-serialisations of
// the body: a few kilobytes times every variant and secret is well under it,
// and a hostile megabyte stops in tens of milliseconds.
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
	d := newDigestSearch(k, ring, e.readings, []dataForm{{data: body}}, k.dataNoun)
	v, i, found := d.run(order, d.budget(signatureBudget, reserializedBodies(body)))
	c.SecretAt = order[0]
	if found {
		c.SecretAt = i
	}
	c.Computed = k.prefix + hex.EncodeToString(d.computed(c.SecretAt))
	c.Match = DigestsEqual(c.Computed, value)
	if !found {
		c.Diagnoses = d.unexplained(e, order, c.Chosen, func() Diagnosis {
			message := fmt.Sprintf("%s matches no %s of the body with %s, nor %s", k.subject, c.Algorithm, secretsTried(len(order)), d.mistakesTried())
			if d.stopped {
				message += fmt.Sprintf(" (it stopped after hashing %d MiB: the body is too large to try every re-serialisation)", d.hashed>>20)
			}
			return k.diag(CodeSignatureMismatch, message)
		})
	} else {
		_, c.Diagnoses = d.explain(e, v, i, c.Chosen, func(f dataForm) Diagnosis { return bodyMistake(k, f) })
		if len(c.Diagnoses) == 0 {
			c.Diagnoses = append(c.Diagnoses, d.match(i))
		}
	}
	sortDiagnoses(c.Diagnoses)
	return c
}

// bodyMistake says the signature was made over other bytes than those
// received: the same data, re-encoded, or with a newline changed.
func bodyMistake(k *payloadKind, f dataForm) Diagnosis {
	fix := codeBook[f.code].Fix
	if strings.Contains(f.what, "newline") && !strings.Contains(f.what, "JSON") {
		fix = fixBodyNewline
	}
	return diag(f.code, fmt.Sprintf("%s matches the body %s, not the bytes as given: the body was changed between signing and checking", k.subject, f.what), fix)
}
