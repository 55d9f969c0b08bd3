package crypto

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"iter"
	"slices"
	"strings"
)

// This file is the engine of keyed digests: user_hash, the signature headers
// and the Messenger JWT's signature. It reads the digest received in every
// way it may have been written (hex in either case, base64, behind algorithm
// prefixes), tries the variants of the payload's kind (digestVariants) with
// each secret until one reproduces it, and explains what it finds. What
// differs between those payloads is in their rows of payloads.go; what they
// are made of (an identifier, a body) is the callers'.

// expectedForm is one reading of a received digest as bytes, with the code
// of the mistake its writing implies ("" for lowercase hex).
type expectedForm struct {
	raw  []byte
	code Code // "", CodeUppercaseHex or CodeDigestBase64
}

// expectedValue is a received digest taken apart.
type expectedValue struct {
	text     string   // as received
	prefixes []string // the algorithm prefixes read off its start, as spelled ("sha1=")
	digest   string   // what follows them
	readings []expectedForm
}

// readExpected takes a received digest apart: the algorithm prefixes in
// front of it, for kinds whose values carry one; then the digest as hex and,
// when it is not hex, as the base64 of a digest of a size the kind's
// algorithms make.
func readExpected(k *payloadKind, text string) expectedValue {
	e := expectedValue{text: text, digest: text}
	for stripped := k.readsPrefixes; stripped; {
		stripped = false
		for _, a := range hmacAlgorithms {
			p := digestAlgorithms[a].prefix
			if len(e.digest) >= len(p) && strings.EqualFold(e.digest[:len(p)], p) {
				e.prefixes = append(e.prefixes, e.digest[:len(p)])
				e.digest = e.digest[len(p):]
				stripped = true
			}
		}
	}
	if isHex(e.digest) {
		var code Code
		if strings.ContainsAny(e.digest, "ABCDEF") {
			code = CodeUppercaseHex
		}
		if raw, err := hex.DecodeString(e.digest); err == nil { // an odd number of digits: digest_length says so
			e.readings = []expectedForm{{raw, code}}
		}
		// A number's toString(16) drops the leading zeros: a few digits
		// short of a digest's length, they are put back.
		for size := range k.sizes {
			if missing := 2*size - len(e.digest); missing > 0 && missing <= maxLeadingZeros {
				if raw, err := hex.DecodeString(strings.Repeat("0", missing) + e.digest); err == nil {
					e.readings = append(e.readings, expectedForm{raw, CodeDigestLeadingZeros})
				}
			}
		}
		return e
	}
	if raw, ok := decodeAnyBase64(e.digest); ok {
		// The base64 of a digest, or of its hex text (88 characters for
		// SHA-256, which a SHA-512 digest's base64 also has: both are read).
		for size := range k.sizes {
			if len(raw) == 2*size && isHex(string(raw)) {
				if digest, err := hex.DecodeString(string(raw)); err == nil {
					e.readings = append(e.readings, expectedForm{digest, CodeDigestBase64Hex})
				}
			}
		}
		for size := range k.sizes {
			if len(raw) == size {
				e.readings = append(e.readings, expectedForm{raw, CodeDigestBase64})
				break
			}
		}
	}
	return e
}

// pairBudget bounds the bytes the two-mistake variants hash: every pair of
// a short identifier is tried, while a large body, whose single mistakes
// are already many hashes of it with every secret, tries the first pairs.
const pairBudget = 256 << 10

// maxLeadingZeros is the most leading zeros a digest written as a number
// is taken to have lost: eight in a row come once in four billion digests.
const maxLeadingZeros = 8

// sizes calls yield with each distinct size of the kind's digests, in
// bytes, without allocating: readExpected runs for every line of a batch.
func (k *payloadKind) sizes(yield func(int) bool) {
	for j, a := range k.algorithms {
		size := digestAlgorithms[a].size
		if slices.ContainsFunc(k.algorithms[:j], func(b digestAlgorithm) bool { return digestAlgorithms[b].size == size }) {
			continue
		}
		if !yield(size) {
			return
		}
	}
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// digestSearch tries a kind's variants on one received digest. It keeps an
// HMAC keyed with each secret per algorithm, so a search that hashes many
// forms of the data keys each secret once.
type digestSearch struct {
	kind     *payloadKind
	ring     *Keyring
	noun     string // what the data is, for messages: "user_id", "body"
	expected []expectedForm
	forms    []dataForm // made so far; [0] is the data as given
	fits     [numDigestAlgorithms]bool
	keyed    []borrowedMAC // the HMACs the search has keyed, by secret and algorithm
	buf      [sha512.Size]byte
	matched  expectedForm
	secrets  int // how many secrets each variant is tried with

	limit    int  // the most bytes the search hashes past the protocol's own round; 0 for no limit
	pairsCut bool // whether pairBudget ended the pairs before they were all tried
	calls    int  // variants tried with a secret, computed or not
	tries    int  // digests computed
	hashed   int  // bytes hashed
	stopped  bool
}

// newDigestSearch starts a search for a digest read as expected, made of
// forms (the data as given first, then any cheap forms of it).
func newDigestSearch(k *payloadKind, ring *Keyring, expected []expectedForm, forms []dataForm, noun string) *digestSearch {
	d := &digestSearch{kind: k, ring: ring, noun: noun, expected: expected, forms: forms}
	for _, a := range k.algorithms {
		for _, f := range expected {
			d.fits[a] = d.fits[a] || len(f.raw) == digestAlgorithms[a].size
		}
	}
	return d
}

// run searches with the secrets in order: every single mistake over the
// cheap forms of the data (digestSingles), then the costly forms more
// makes (moreRound; nil when there are none), then two mistakes at once
// over the cheap forms (digestPairs), whose hashing pairBudget bounds.
func (d *digestSearch) run(order []int, more iter.Seq[dataForm]) (v digestVariant, secret int, found bool) {
	d.secrets = len(order)
	cheap := len(d.forms)
	if v, secret, found = search(digestSingles(d.kind, d.forms), order, d.try); found {
		return v, secret, true
	}
	if more != nil {
		if v, secret, found = d.moreRound(order, more); found {
			return v, secret, true
		}
	}
	pairsFrom := d.hashed
	pairsAllowed := func() bool {
		if d.hashed-pairsFrom > pairBudget {
			d.pairsCut = true
			return false
		}
		return true
	}
	return search(digestPairs(d.kind, cheap, pairsAllowed), order, d.try)
}

// moreRound tries the costly forms of the data (re-serialised bodies) with
// each secret and each HMAC whose size fits. Many forms share a long start
// (the same JSON with '/' escaped or not, with or without a final
// newline), so they are hashed in sorted order from a clone of the HMAC
// state at the start they share with the previous one: a body's 79
// re-serialisations cost a third of their bytes. Algorithms that are no
// HMAC are tried one form at a time.
func (d *digestSearch) moreRound(order []int, more iter.Seq[dataForm]) (digestVariant, int, bool) {
	first := len(d.forms)
	// Made only while hashing each with every secret fits the search's
	// limit: a large body's re-serialisations are costly to make as well.
	room, made := -1, 0
	if d.limit > 0 {
		room = max(d.limit-d.hashed, 0)
	}
	for f := range more {
		if room >= 0 && (made+len(f.data))*len(order) > room {
			d.stopped = true
			break
		}
		made += len(f.data)
		d.forms = append(d.forms, f)
	}
	sorted := make([]int, 0, len(d.forms)-first)
	for j := first; j < len(d.forms); j++ {
		sorted = append(sorted, j)
	}
	slices.SortFunc(sorted, func(a, b int) int { return bytes.Compare(d.forms[a].data, d.forms[b].data) })
	// shared[k] is the start sorted[k] shares with the form before it.
	shared := make([]int, len(sorted))
	for k := 1; k < len(sorted); k++ {
		shared[k] = commonPrefix(d.forms[sorted[k-1]].data, d.forms[sorted[k]].data)
	}
	for _, i := range order {
		for _, a := range d.kind.algorithms {
			if !d.fits[a] {
				continue
			}
			if !a.isHMAC() {
				for _, j := range sorted {
					if v := (digestVariant{algorithm: a, data: j}); d.try(v, i) {
						return v, i, true
					}
				}
				continue
			}
			if j, ok := d.sharedPrefixes(i, a, sorted, shared); ok {
				return digestVariant{algorithm: a, data: j}, i, true
			}
			if d.stopped {
				return digestVariant{}, -1, false
			}
		}
	}
	return digestVariant{}, -1, false
}

// checkpoint is an HMAC state after the first n bytes of a form.
type checkpoint struct {
	n     int
	state hash.Hash
}

// sharedPrefixes hashes the forms at sorted (in byte order; shared[k] is
// the start the k-th shares with the one before) with the HMAC of
// algorithm a keyed with secret i, each from the deepest checkpoint whose
// bytes it starts with, and reports the first that makes the digest. A form
// leaves a checkpoint where the next one departs from it.
func (d *digestSearch) sharedPrefixes(i int, a digestAlgorithm, sorted, shared []int) (int, bool) {
	base := d.keyedWith(i, secretAsIs, a)
	var stack []checkpoint // each a start of the last form hashed, deepest last
	for k, j := range sorted {
		if d.limit > 0 && d.hashed > d.limit {
			d.stopped = true
			return -1, false
		}
		data := d.forms[j].data
		for len(stack) > 0 && stack[len(stack)-1].n > shared[k] {
			stack = stack[:len(stack)-1]
		}
		from, state := 0, base
		if len(stack) > 0 {
			from, state = stack[len(stack)-1].n, stack[len(stack)-1].state
		}
		h, ok := cloneHash(state)
		if !ok {
			return -1, false
		}
		if k+1 < len(sorted) {
			if next := shared[k+1]; next-from >= sha512.BlockSize {
				h.Write(data[from:next])
				d.hashed += next - from
				if c, ok := cloneHash(h); ok {
					stack = append(stack, checkpoint{next, c})
				}
				from = next
			}
		}
		h.Write(data[from:])
		d.hashed += len(data) - from
		d.calls++
		d.tries++
		sum := h.Sum(d.buf[:0])
		for _, f := range d.expected {
			if len(f.raw) == len(sum) && hmac.Equal(f.raw, sum) {
				d.matched = f
				return j, true
			}
		}
	}
	return -1, false
}

// commonPrefix is the length of the start a and b share.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// cloneHash copies a hash's state; every hash of the standard library can.
func cloneHash(h hash.Hash) (hash.Hash, bool) {
	c, ok := h.(hash.Cloner)
	if !ok {
		return nil, false
	}
	clone, err := c.Clone()
	return clone, err == nil
}

// protocolRound is the search's first round on its own: the kind's own way
// (digestVariants' first variant, over the data as given) with each secret
// in order, tried as run tries it. It needs no other form of the data and no
// variant list, so a payload made the right way, the usual case and every
// line of a clean batch, is found without making them. Before a run after
// it, reset calls, tries and hashed: the run counts its rounds itself.
func (d *digestSearch) protocolRound(order []int) (v digestVariant, secret int, found bool) {
	d.secrets = len(order)
	v = digestVariant{algorithm: d.kind.algorithms[0]}
	for _, i := range order {
		if d.try(v, i) {
			return v, i, true
		}
	}
	return v, -1, false
}

// try reports whether variant v with secret i makes the expected digest.
// Only variants whose digest has the size of a reading (or, cut, is longer
// than one) are computed at all.
func (d *digestSearch) try(v digestVariant, i int) bool {
	d.calls++
	if d.limit > 0 && d.hashed > d.limit && (v != digestVariant{algorithm: d.kind.algorithms[0]}) {
		d.stopped = true
		return false
	}
	size := digestAlgorithms[v.algorithm].size
	if v.cut {
		if !d.longer(size) {
			return false
		}
	} else if !d.fits[v.algorithm] {
		return false
	}
	secret := d.ring.secretForm(i, v.secret)
	if secret == nil {
		return false
	}
	message := d.forms[v.data].data
	var sum []byte
	switch v.construction {
	case constructSwapped:
		sum = v.algorithm.sum(d.buf[:0], message, secret)
	case constructSecretFirst, constructDataFirst:
		h := digestAlgorithms[v.algorithm].hash()
		first, second := secret, message
		if v.construction == constructDataFirst {
			first, second = message, secret
		}
		h.Write(first)
		h.Write(second)
		sum = h.Sum(d.buf[:0])
	default:
		if v.algorithm.isHMAC() {
			mac := d.keyedWith(i, v.secret, v.algorithm)
			mac.Write(message)
			sum = mac.Sum(d.buf[:0])
		} else {
			sum = v.algorithm.sum(d.buf[:0], secret, message)
		}
	}
	d.tries++
	d.hashed += len(message)
	for _, f := range d.expected {
		n := len(f.raw)
		if (n == len(sum) || v.cut && n < len(sum)) && hmac.Equal(f.raw, sum[:n]) {
			d.matched = f
			return true
		}
	}
	return false
}

// longer reports whether some reading is shorter than a digest of size
// bytes, so a digest of that size cut short may be it.
func (d *digestSearch) longer(size int) bool {
	for _, f := range d.expected {
		if len(f.raw) >= sha1.Size && len(f.raw) < size {
			return true
		}
	}
	return false
}

// borrowedMAC is an HMAC a search keyed with one form of one secret, and
// whether it has hashed a message since: a fresh one needs no reset, whose
// first call costs a copy of the keyed state. Those of the secret as it is
// come from the keyring and go back to it.
type borrowedMAC struct {
	secret int
	form   secretForm
	alg    digestAlgorithm
	mac    hash.Hash
	used   bool
}

// keyedWith returns the HMAC of algorithm a keyed with secret i in form f,
// ready for a message.
func (d *digestSearch) keyedWith(i int, f secretForm, a digestAlgorithm) hash.Hash {
	// A search keys a secret or two, so a list beats a table of every
	// secret and algorithm made for each search.
	j := slices.IndexFunc(d.keyed, func(k borrowedMAC) bool { return k.secret == i && k.form == f && k.alg == a })
	if j < 0 {
		var mac hash.Hash
		if f == secretAsIs {
			// Kept in the keyring: keyed once per secret for every search.
			mac = d.ring.takeMAC(i, a)
		} else {
			mac = hmac.New(digestAlgorithms[a].hash, d.ring.secretForm(i, f))
		}
		d.keyed = append(d.keyed, borrowedMAC{secret: i, form: f, alg: a, mac: mac})
		j = len(d.keyed) - 1
	}
	k := &d.keyed[j]
	if k.used {
		k.mac.Reset()
	}
	k.used = true
	return k.mac
}

// release gives the search's keyed HMACs back to the keyring, for the next
// search (a search not released only misses that: its HMACs are collected).
func (d *digestSearch) release() {
	for _, k := range d.keyed {
		if k.form == secretAsIs {
			d.ring.putMAC(k.secret, k.alg, k.mac)
		}
	}
	d.keyed = nil
}

// computed is the digest the payload should carry, made the kind's way with
// secret i over the data as given.
func (d *digestSearch) computed(i int) []byte {
	right := d.kind.algorithms[0]
	if !right.isHMAC() {
		return right.sum(nil, d.ring.Secret(i).Value, d.forms[0].data)
	}
	mac := d.keyedWith(i, secretAsIs, right)
	mac.Write(d.forms[0].data)
	return mac.Sum(nil)
}

// explain turns variant v, which made the digest with secret i, into
// diagnoses: each mistake of the variant (dataMistake explains those of the
// data, which only the caller knows, given the form and which of its codes),
// the writing of the value, and the findings about profiles. mistakes are
// their codes. Two mistakes or more at once are said to be so.
func (d *digestSearch) explain(e expectedValue, v digestVariant, i, chosen int, dataMistake func(dataForm, Code) Diagnosis) (mistakes []Code, ds []Diagnosis) {
	k, s := d.kind, d.ring.Secret(i)
	mistakes = v.mistakes(k, d.forms)
	for _, code := range mistakes {
		switch code {
		case CodePlainHash:
			ds = append(ds, d.plainMistake(v, s))
		case CodeHMACTruncated:
			ds = append(ds, k.diag(code, fmt.Sprintf("%s is the first %d hex characters of %s of the %s with %s, not %s: a longer HMAC was cut to fit",
				k.subject, 2*len(d.matched.raw), digestAlgorithms[v.algorithm].name, d.noun, s.quotedName(), digestAlgorithms[k.algorithms[0]].name)))
		case CodeWrongAlgorithm:
			if v.construction == constructSecretFirst || v.construction == constructDataFirst {
				ds = append(ds, k.diag(code, fmt.Sprintf("%s is made with %s, not %s", k.subject, digestAlgorithms[v.algorithm].hashName, digestAlgorithms[k.algorithms[0]].hashName)))
				continue
			}
			ds = append(ds, d.algorithmMistake(v.algorithm, s))
		case v.secret.codeFor(k):
			ds = append(ds, secretFormMistake(k, v.secret, s))
		case CodeSwappedKeyMessage:
			ds = append(ds, k.diag(code, fmt.Sprintf("%s is %s keyed with the %s over the secret of %s: the key and message arguments are swapped",
				k.subject, digestAlgorithms[v.algorithm].name, d.noun, s.quotedName())))
		default:
			ds = append(ds, dataMistake(d.forms[v.data], code))
		}
	}
	if d.matched.code != "" {
		mistakes = append(mistakes, d.matched.code)
		ds = append(ds, d.writingMistake(e, v, len(mistakes) == 1, s))
	}
	if p, ok := prefixMistake(k, e, v.algorithm); ok {
		mistakes = append(mistakes, p.Code)
		ds = append(ds, p)
	}
	sayTogether(ds)
	return mistakes, append(ds, profileFindings(d.ring, k, i, chosen)...)
}

// sayTogether marks the diagnoses of mistakes found together, so each
// says it is one of them: a fix of one alone would not be enough.
func sayTogether(ds []Diagnosis) {
	if len(ds) < 2 {
		return
	}
	lead := "two mistakes at once"
	if len(ds) > 2 {
		lead = fmt.Sprintf("%d mistakes at once", len(ds))
	}
	for j := range ds {
		ds[j].Message = fmt.Sprintf("%s (%d of %d): %s", lead, j+1, len(ds), ds[j].Message)
	}
}

// plainMistake explains a digest that is a plain hash of the secret and
// the data concatenated, not an HMAC.
func (d *digestSearch) plainMistake(v digestVariant, s Secret) Diagnosis {
	k := d.kind
	order := "secret + " + d.noun
	if v.construction == constructDataFirst {
		order = d.noun + " + secret"
	}
	return k.diag(CodePlainHash, fmt.Sprintf("%s is the plain %s(%s) with the secret of %s, not an HMAC: the secret was concatenated and hashed",
		k.subject, strings.ReplaceAll(digestAlgorithms[v.algorithm].hashName, "-", ""), order, s.quotedName()))
}

// match says the digest is exactly what the payload needs, made with secret
// i.
func (d *digestSearch) match(i int) Diagnosis {
	return diag(CodeMatch, fmt.Sprintf("%s matches %s of the %s with %s", d.kind.subject, digestAlgorithms[d.kind.algorithms[0]].name, d.noun, d.ring.label(i)), "Nothing to fix.")
}

// algorithmMistake explains a digest made with another algorithm than the
// kind's.
func (d *digestSearch) algorithmMistake(a digestAlgorithm, s Secret) Diagnosis {
	k := d.kind
	right := digestAlgorithms[k.algorithms[0]].name
	if a == algoLegacySHA1 {
		return k.diag(CodeWrongAlgorithm, fmt.Sprintf("%s is the legacy hex(SHA1(secret + %s)) of Secure Mode before December 2012, made with %s, not %s", k.subject, d.noun, s.quotedName(), right))
	}
	return k.diag(CodeWrongAlgorithm, fmt.Sprintf("%s is %s of the %s with %s, not %s", k.subject, digestAlgorithms[a].name, d.noun, s.quotedName(), right))
}

// secretFormMistake explains a payload that a secret reproduces only in
// another form than the one stored: the same words for every payload, since
// the mistake is the same.
func secretFormMistake(k *payloadKind, f secretForm, s Secret) Diagnosis {
	code, who := f.codeFor(k), s.quotedName()
	var message, fix string
	switch f {
	case secretNewline, secretCRLF:
		what := map[secretForm]string{secretNewline: "newline", secretCRLF: "CRLF"}[f]
		message = fmt.Sprintf("%s %s only when a %s is appended to the secret of %s: %s read its secret with a trailing %s", k.pronoun, k.verb, what, who, k.maker, what)
		fix = fixSenderNewline
	case secretTrimmed:
		message = fmt.Sprintf("%s %s only when the secret of %s is trimmed of its %s: the stored secret has whitespace the real one lacks", k.pronoun, k.verb, who, describeWhitespace(s.Value))
		fix = fixTrimSecret
	case secretHexDecoded:
		message = fmt.Sprintf("%s %s only when the secret of %s is first hex-decoded to %d bytes: %s used the decoded bytes as the key", k.pronoun, k.verb, who, len(s.Value)/2, k.maker)
		fix = fixSecretAsText
	case secretBase64Decoded:
		decoded := deriveSecretForm(f, s.Value)
		box := ""
		if code == CodeJWTSecretBase64 {
			box = " (jwt.io's \"secret base64 encoded\" box)"
		}
		message = fmt.Sprintf("%s %s only when the secret of %s is first base64-decoded to %d bytes%s: Intercom keys the HMAC with the secret's text", k.pronoun, k.verb, who, len(decoded), box)
		fix = codeInfo(code).Fix
	case secretUnquoted:
		message = fmt.Sprintf("%s %s only once the quotes around the secret of %s are removed: the stored secret kept the quotes of a .env file", k.pronoun, k.verb, who)
		fix = codeInfo(code).Fix
	case secretQuoted:
		message = fmt.Sprintf("%s %s only when the secret of %s is wrapped in double quotes: %s read its secret with the quotes of a .env file (docker --env-file keeps them)", k.pronoun, k.verb, who, k.maker)
		fix = codeInfo(code).Fix
	case secretKeyValue:
		message = fmt.Sprintf("%s %s only with the part of the secret of %s after its '=': the stored secret is a whole NAME=value line", k.pronoun, k.verb, who)
		fix = codeInfo(code).Fix
	}
	return diag(code, message, fix)
}

// writingMistake explains a digest written in uppercase hex or in base64.
// alone says whether it is the only mistake, so the message can call the
// digest right.
func (d *digestSearch) writingMistake(e expectedValue, v digestVariant, alone bool, s Secret) Diagnosis {
	k, f := d.kind, d.matched
	what := "is the digest described above"
	if alone {
		what = fmt.Sprintf("is the right %s of the %s with %s", digestAlgorithms[v.algorithm].name, d.noun, s.quotedName())
	}
	switch f.code {
	case CodeDigestBase64Hex:
		return k.diag(f.code, fmt.Sprintf("%s %s, but its hex text was base64-encoded again (%d characters instead of the %d hex characters)",
			k.subject, what, len(e.digest), 2*len(f.raw)))
	case CodeDigestLeadingZeros:
		return k.diag(f.code, fmt.Sprintf("%s %s, but written without its %s: %d hex characters instead of %d",
			k.subject, what, plural(2*len(f.raw)-len(e.digest), "leading zero"), len(e.digest), 2*len(f.raw)))
	}
	if f.code == CodeDigestBase64 {
		return k.diag(f.code, fmt.Sprintf("%s %s, but in base64 (%d characters) instead of %d lowercase hex characters",
			k.subject, what, len(e.digest), 2*len(f.raw)))
	}
	letterCase := "uppercase"
	if strings.ToUpper(e.digest) != e.digest {
		letterCase = "mixed-case"
	}
	return k.diag(f.code, fmt.Sprintf("%s %s, but in %s hex: %s", k.subject, what, letterCase, k.caseNote))
}

// prefixMistake checks the algorithm prefix in front of a signature's digest
// against the kind's: exactly once where the kind has one ("sha1="), never
// where it has none. A prefix that names the algorithm actually used is left
// to wrong_algorithm.
func prefixMistake(k *payloadKind, e expectedValue, used digestAlgorithm) (Diagnosis, bool) {
	if !k.readsPrefixes {
		return Diagnosis{}, false
	}
	h, joined := k.definite, strings.Join(e.prefixes, "")
	switch {
	case k.prefix == "" && len(e.prefixes) > 0:
		return diag(CodeSignaturePrefix, fmt.Sprintf("%s starts with %q, but it carries the bare hex digest", h, joined),
			fmt.Sprintf("Send %s as the bare lowercase hex digest, without a prefix; when checking, compare it with the bare hex.", h)), true
	case k.prefix == "":
		return Diagnosis{}, false
	case len(e.prefixes) == 0:
		return diag(CodeSignaturePrefix, fmt.Sprintf("%s holds the bare digest, without its %q prefix", h, k.prefix),
			fmt.Sprintf("Compare the whole header with %q followed by the hex digest (or strip the prefix on both sides); if you copied only the digest, copy the whole value.", k.prefix)), true
	case len(e.prefixes) > 1:
		return diag(CodeSignaturePrefix, fmt.Sprintf("%s has %d prefixes (%q) before the digest; it has one", h, len(e.prefixes), joined),
			fmt.Sprintf("Add %q once: the code that builds the header adds it to a value that already has it.", k.prefix)), true
	case e.prefixes[0] == k.prefix, strings.EqualFold(e.prefixes[0], digestAlgorithms[used].prefix) && !strings.EqualFold(e.prefixes[0], k.prefix):
		return Diagnosis{}, false
	}
	return diag(CodeSignaturePrefix, fmt.Sprintf("%s starts with %q, but the digest is %s and the prefix is %q", h, e.prefixes[0], digestAlgorithms[used].name, k.prefix),
		fmt.Sprintf("Write the prefix as %q, in lowercase, followed by the hex digest.", k.prefix)), true
}

// unexplained says why nothing reproduced the received digest: it is no
// digest, it has the wrong length, or (mismatch) it is simply not the
// digest of this data with any secret; with what is suspect about the
// secret tried first (see unexplained), unless the value itself is at fault
// and the kind would have the suspect stand in the value's place.
func (d *digestSearch) unexplained(e expectedValue, order []int, chosen int, mismatch func() Diagnosis) []Diagnosis {
	k := d.kind
	right := digestAlgorithms[k.algorithms[0]]
	var primary Diagnosis
	switch {
	case strings.TrimSpace(e.text) == "":
		primary = k.diag(k.notDigest, fmt.Sprintf("%s is empty", k.subject))
	case e.digest == "":
		primary = k.diag(k.notDigest, fmt.Sprintf("%s holds only the prefix %q and no digest", k.subject, e.text))
	case len(e.readings) == 0 && !isHex(e.digest):
		at := len(e.text) - len(e.digest)
		for at < len(e.text) && isHexDigit(e.text[at]) {
			at++
		}
		primary = k.diag(k.notDigest, fmt.Sprintf("%s is not hex: %s at offset %d is not a hex digit, and the %d characters are not the base64 of a digest either",
			k.subject, quoteChar(e.text, at), at, len(e.digest)))
	case isHex(e.digest) && len(e.digest) != 2*right.size:
		primary = k.diag(CodeDigestLength, fmt.Sprintf("%s has %d hex characters, not %d: %s", k.subject, len(e.digest), 2*right.size, d.lengthHint(e, order)))
	default:
		return unexplained(d.ring, k, order[0], chosen, mismatch())
	}
	if k.suspectExplains {
		return []Diagnosis{primary}
	}
	return unexplained(d.ring, k, order[0], chosen, primary)
}

// lengthHint says what a hex digest of the wrong length suggests: the start
// of the right digest (cut), or another algorithm's length.
func (d *digestSearch) lengthHint(e expectedValue, order []int) string {
	n, right := len(e.digest), digestAlgorithms[d.kind.algorithms[0]]
	lower := strings.ToLower(e.digest)
	for _, i := range order {
		if n < 2*right.size && strings.HasPrefix(hex.EncodeToString(d.computed(i)), lower) {
			return fmt.Sprintf("it is the first %d characters of %s with %s, so the digest was cut short", n, right.name, d.ring.Secret(i).quotedName())
		}
	}
	for _, a := range d.kind.algorithms {
		if spec := digestAlgorithms[a]; 2*spec.size == n {
			return fmt.Sprintf("%d is the length of a %s digest, but it is no %s digest of the %s with any secret tried", n, spec.hashName, spec.hashName, d.noun)
		}
	}
	if n < 2*right.size {
		return "shorter than any digest of the data with the secrets tried begins, so it was cut short and changed, or made otherwise"
	}
	return fmt.Sprintf("longer than an %s digest, so something was added to it", right.name)
}

// triedAndNearest says, for a search that found nothing, what it tried and
// what is left to check: the families of mistakes, and what the value's
// length says of the algorithm.
func (d *digestSearch) triedAndNearest(e expectedValue, what string) string {
	k := d.kind
	families := "the construction (other HMACs, a plain hash, key and message swapped, a longer HMAC cut), the secret as stored (whitespace, quotes, NAME=value, hex or base64 decoded), the digest as written (case, base64, base64 of the hex, lost leading zeros)"
	switch {
	case k.dataNoun == "body":
		families = "the body as logged (a newline or CRLF, a byte-order mark, mojibake, re-serialised JSON), " + families
	case k.dataNoun == "":
		families = "the identifier as written (whitespace, letter case, number form, JSON quotes, the other identifier, both joined), " + families
	}
	message := "in any way sealpeek tries: " + families + ", and two of these at once"
	if d.pairsCut {
		message += fmt.Sprintf(" (as many pairs as %d KiB of hashing allows)", pairBudget>>10)
	}
	if d.stopped {
		message += fmt.Sprintf(" (it stopped after hashing %d MiB: the %s is too large to try every way)", d.hashed>>20, d.noun)
	}
	likely := ""
	for _, f := range e.readings {
		for _, a := range k.algorithms {
			if spec := digestAlgorithms[a]; spec.size == len(f.raw) && a.isHMAC() {
				likely = spec.hashName
				break
			}
		}
		if likely != "" {
			written := fmt.Sprintf("%d hex characters", len(e.digest))
			if f.code == CodeDigestBase64 || f.code == CodeDigestBase64Hex {
				written = fmt.Sprintf("read as the base64 of a %d-byte digest", len(f.raw))
			}
			message += fmt.Sprintf("; nearest: it is %s, so %s is likely, but no secret and no form of the %s reproduces it: %s", written, likely, d.noun, what)
			break
		}
	}
	if likely == "" {
		message += "; " + what
	}
	return message
}
