package crypto

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
)

// sigHash is an HMAC a signature may have been made with.
type sigHash struct {
	name   string // "HMAC-SHA1"
	prefix string // "sha1", as in "sha1=<hex>"
	size   int
	new    func() hash.Hash
}

// sigHashes are the HMACs tried, those Intercom uses first. MD5 and the
// SHA-2 siblings are there to name what a sender used by mistake.
var sigHashes = []sigHash{
	{"HMAC-SHA1", "sha1", sha1.Size, sha1.New},
	{"HMAC-SHA256", "sha256", sha256.Size, sha256.New},
	{"HMAC-SHA384", "sha384", sha512.Size384, sha512.New384},
	{"HMAC-SHA512", "sha512", sha512.Size, sha512.New},
	{"HMAC-MD5", "md5", md5.Size, md5.New},
}

func (h sigHash) mac(secret, body []byte) []byte {
	m := hmac.New(h.new, secret)
	m.Write(body)
	return m.Sum(nil)
}

// sigScheme is what a signature header must carry.
type sigScheme struct {
	header string
	hash   sigHash
	prefix string // "sha1=" for X-Hub-Signature, "" for X-Body-Signature
	what   string // what sends it, for messages
}

func sigSchemeFor(header string) (sigScheme, bool) {
	switch {
	case strings.EqualFold(header, HeaderHubSignature):
		return sigScheme{HeaderHubSignature, sigHashes[0], "sha1=", "webhooks"}, true
	case strings.EqualFold(header, HeaderBodySignature):
		return sigScheme{HeaderBodySignature, sigHashes[1], "", "Canvas Kit requests and app webhooks"}, true
	}
	return sigScheme{}, false
}

// SignatureValue returns the value a sender puts in the signature header for
// body: "sha1=" and the lowercase hex HMAC-SHA1 for X-Hub-Signature, the
// lowercase hex HMAC-SHA256 for X-Body-Signature. It returns "" for any other
// header.
func SignatureValue(header string, secret, body []byte) string {
	scheme, ok := sigSchemeFor(header)
	if !ok {
		return ""
	}
	return scheme.value(secret, body)
}

func (s sigScheme) value(secret, body []byte) string {
	return s.prefix + hex.EncodeToString(s.hash.mac(secret, body))
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

// CheckSignature checks a signature header's value against the raw body with
// the keyring's secrets, the chosen one first, then those of role oauth. When
// no secret makes it exactly, it finds which mistake does (a missing or
// doubled prefix, uppercase or base64 digest, another HMAC, a re-serialised
// body, whitespace around the secret, another profile) and diagnoses it.
func CheckSignature(header, value string, body []byte, ring *Keyring, chosen string) *SignatureCheck {
	scheme, ok := sigSchemeFor(header)
	if !ok {
		scheme = sigScheme{header: header, hash: sigHashes[1], what: "this request"}
	}
	c := &SignatureCheck{Header: scheme.header, Algorithm: scheme.hash.name, Expected: value, SecretAt: -1, Chosen: ring.Find(chosen)}
	if ring.Len() == 0 {
		c.add(Diagnosis{Code: "no_secret", Severity: SeverityError,
			Message: fmt.Sprintf("no secret to check %s with", c.Header),
			Fix:     "Add a profile with role oauth (the app's OAuth client secret), or pass --secret-env or --secret-file."})
		return c
	}
	order := ring.Order(chosen, RoleOAuth)
	c.SecretAt = order[0]
	reading := sigRead(scheme, value)
	found, search := reading.search(ring, order, body)
	if found != nil {
		c.SecretAt = found.secretAt
	}
	c.Computed = scheme.value(ring.Secret(c.SecretAt).Value, body)
	c.Match = DigestsEqual(c.Computed, value)
	switch {
	case reading.problem != nil:
		c.add(*reading.problem)
	case found == nil:
		c.explainMismatch(ring, search)
	default:
		c.explainMatch(ring, scheme, reading, found)
	}
	sortDiagnoses(c.Diagnoses)
	return c
}

func (c *SignatureCheck) add(d Diagnosis) { c.Diagnoses = append(c.Diagnoses, d) }

// sigCandidate is one way to read the received digest: as hex or as base64.
type sigCandidate struct {
	digest []byte
	base64 bool
	upper  bool // hex with uppercase letters
	hash   sigHash
}

// sigReading is a received signature value taken apart.
type sigReading struct {
	scheme     sigScheme
	prefixes   []string // the "name=" prefixes in front of the digest, as spelled
	digest     string   // what follows them
	candidates []sigCandidate
	problem    *Diagnosis // set when the value cannot be a digest at all
}

// sigPrefixNames are the algorithm prefixes a value may start with.
var sigPrefixNames = []string{"sha1=", "sha256=", "sha384=", "sha512=", "md5="}

func sigRead(scheme sigScheme, value string) *sigReading {
	r := &sigReading{scheme: scheme, digest: value}
	for stripped := true; stripped; {
		stripped = false
		for _, p := range sigPrefixNames {
			if len(r.digest) >= len(p) && strings.EqualFold(r.digest[:len(p)], p) {
				r.prefixes = append(r.prefixes, r.digest[:len(p)])
				r.digest = r.digest[len(p):]
				stripped = true
			}
		}
	}
	if sigHexText(r.digest) && len(r.digest)%2 == 0 {
		if h, ok := sigHashOfSize(len(r.digest) / 2); ok {
			raw, _ := hex.DecodeString(r.digest)
			r.candidates = append(r.candidates, sigCandidate{digest: raw, upper: strings.ToLower(r.digest) != r.digest, hash: h})
		}
	}
	if raw, ok := captureDecodeBase64(r.digest); ok && len(r.digest) >= 20 {
		if h, ok := sigHashOfSize(len(raw)); ok {
			r.candidates = append(r.candidates, sigCandidate{digest: raw, base64: true, hash: h})
		}
	}
	if len(r.candidates) == 0 {
		r.problem = r.unreadable(value)
	}
	return r
}

// unreadable says why a value cannot be any digest.
func (r *sigReading) unreadable(value string) *Diagnosis {
	h := r.scheme.header
	want := fmt.Sprintf("%s%d lowercase hex digits", r.scheme.prefix, 2*r.scheme.hash.size)
	switch {
	case strings.TrimSpace(value) == "":
		return &Diagnosis{Code: "signature_malformed", Severity: SeverityError,
			Message: fmt.Sprintf("%s is empty", h),
			Fix:     fmt.Sprintf("Copy the header's value again; it is %s.", want)}
	case r.digest == "":
		return &Diagnosis{Code: "signature_malformed", Severity: SeverityError,
			Message: fmt.Sprintf("%s holds only the prefix %q and no digest", h, value),
			Fix:     fmt.Sprintf("Copy the whole value again; it is %s.", want)}
	case sigHexText(r.digest):
		return &Diagnosis{Code: "digest_length", Severity: SeverityError,
			Message: fmt.Sprintf("the digest in %s is %d hex digits; %s gives %d, and no HMAC gives %d: it was cut or has extra characters", h, len(r.digest), r.scheme.hash.name, 2*r.scheme.hash.size, len(r.digest)),
			Fix:     fmt.Sprintf("Copy the whole value again; it is %s.", want)}
	}
	at := len(value) - len(r.digest)
	for i := 0; i < len(r.digest); i++ {
		if !sigIsHexByte(r.digest[i]) {
			at += i
			break
		}
	}
	return &Diagnosis{Code: "signature_malformed", Severity: SeverityError,
		Message: fmt.Sprintf("%s is not a digest: %s at offset %d is neither hex nor a base64 digest's character", h, quoteChar(value, at), at),
		Fix:     fmt.Sprintf("Copy the header's value again from the raw request; it is %s.", want)}
}

// sigFound is the computation that reproduced a received digest.
type sigFound struct {
	secretAt  int
	candidate sigCandidate
	secretHow string // "" for the secret as stored, else how it was changed
	secret    []byte
	body      *sigBodyVariant // nil for the raw body
}

// sigSearchBudget bounds the bytes hashed while trying re-serialisations of
// the body: a few kilobytes times every variant and secret is well under it,
// and a hostile megabyte stops in tens of milliseconds.
const sigSearchBudget = 32 << 20

// sigSearch is how far a search went.
type sigSearch struct {
	tries   int  // HMACs computed
	hashed  int  // bytes hashed
	stopped bool // the budget ran out before every variant was tried
}

// search tries, cheapest first, every secret on the raw body; every secret
// with the whitespace around it changed; then every re-serialisation of the
// body with every secret, within sigSearchBudget. It stops at the first
// digest that matches.
func (r *sigReading) search(ring *Keyring, order []int, body []byte) (*sigFound, sigSearch) {
	var s sigSearch
	try := func(at int, secret []byte, secretHow string, b []byte, variant *sigBodyVariant) *sigFound {
		for _, cand := range r.candidates {
			s.tries++
			s.hashed += len(b)
			if hmac.Equal(cand.hash.mac(secret, b), cand.digest) {
				return &sigFound{secretAt: at, candidate: cand, secretHow: secretHow, secret: secret, body: variant}
			}
		}
		return nil
	}
	for _, i := range order {
		if f := try(i, ring.Secret(i).Value, "", body, nil); f != nil {
			return f, s
		}
	}
	for _, i := range order {
		for _, form := range sigSecretForms(ring.Secret(i).Value) {
			if f := try(i, form.value, form.how, body, nil); f != nil {
				return f, s
			}
		}
	}
	if len(r.candidates) == 0 {
		return nil, s
	}
	for variant := range sigBodyVariants(body) {
		for _, i := range order {
			if s.hashed > sigSearchBudget {
				s.stopped = true
				return nil, s
			}
			if f := try(i, ring.Secret(i).Value, "", variant.body, &variant); f != nil {
				return f, s
			}
		}
	}
	return nil, s
}

// sigSecretForm is a secret as some code read it.
type sigSecretForm struct {
	value []byte
	how   string
}

// sigSecretForms are the secret with surrounding whitespace removed
// (when it has some) or with the newline a file or echo adds.
func sigSecretForms(secret []byte) []sigSecretForm {
	trimmed := strings.TrimSpace(string(secret))
	if trimmed != string(secret) {
		return []sigSecretForm{{[]byte(trimmed), "with the whitespace around it removed"}}
	}
	return []sigSecretForm{
		{append([]byte(trimmed), '\n'), "with a trailing newline"},
		{append([]byte(trimmed), '\r', '\n'), "with a trailing CRLF"},
	}
}

func sigHashOfSize(n int) (sigHash, bool) {
	for _, h := range sigHashes {
		if h.size == n {
			return h, true
		}
	}
	return sigHash{}, false
}

func sigHexText(s string) bool {
	for i := 0; i < len(s); i++ {
		if !sigIsHexByte(s[i]) {
			return false
		}
	}
	return s != ""
}

func sigIsHexByte(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}
