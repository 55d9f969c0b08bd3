package crypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// sheetSearch tries the sheet variants on one decoded user. It keeps its
// buffers across tries, so a search allocates once whatever it tries.
type sheetSearch struct {
	ring  *Keyring
	data  []byte
	out   []byte // where a full check writes the plaintext; sized on first use
	glued []byte // ciphertext ‖ tag for layouts that put the tag first; the re-sealed data of a short tag
	first [2 * TagSize]byte
	ids   []EnclosingID // the enclosing body's ids, tried as associated data

	middle     []byte // the base64 text between IV and tag, decoded; nil when it is not base64
	middleRead bool

	plaintext []byte
	split     Split
	aad       *EnclosingID // the associated data it opened with, if any

	// nearMiss is the first variant and secret whose first block read as
	// text but whose full check failed: that key is very likely right.
	nearMiss struct {
		found   bool
		variant sheetVariant
		secret  int
	}
}

// try reports whether variant v of secret i opens the user. A mistake
// variant is first tested on the first ciphertext block: what the sender
// sealed is text (JSON, or the text a not_json sender sealed), and a wrong
// key or layout turns it into random bytes, so only a variant whose first
// block reads as text gets the full check. This keeps the worst case
// (nothing opens: every variant with every secret) to one full check per
// secret (protocolRound's), whatever the size; Go's GCM verifies the tag
// only after a whole pass over the data.
func (s *sheetSearch) try(v sheetVariant, i int) bool {
	switch v.layout.mode {
	case modeCBC:
		return s.tryCBC(v, i)
	case modeBase64CT:
		middle := s.decodedMiddle(v.layout)
		if middle == nil {
			return false
		}
		split, _ := v.layout.split(s.data)
		split.Ciphertext.Bytes = middle
		return s.tryGCM(v, i, split, true)
	}
	split, ok := v.layout.split(s.data)
	if !ok {
		return false
	}
	return s.tryGCM(v, i, split, v != protocolSheetVariant)
}

// protocolRound tries Intercom's own way with every secret: the first in
// order (the chosen one, the usual case and every line of a clean batch)
// with the full check at once; then the first block with each other (a key
// that turns it into text is very likely right, and is fully checked at
// once); then the full check with those whose first block is not text (a
// plaintext that is no text still opens). With many profiles, the one that
// opens a large user is found after one or two full checks instead of one
// per profile.
func (s *sheetSearch) protocolRound(order []int) (int, bool) {
	v := protocolSheetVariant
	split, ok := v.layout.split(s.data)
	if !ok {
		return -1, false
	}
	if s.tryGCM(v, order[0], split, false) {
		return order[0], true
	}
	var rest []int
	for _, i := range order[1:] {
		aead := s.ring.sheetAEAD(i, v.key, IVSize)
		if !s.firstBlockIsText(aead, split.IV.Bytes, split.Ciphertext.Bytes) {
			rest = append(rest, i)
			continue
		}
		if s.tryGCM(v, i, split, true) {
			return i, true
		}
	}
	for _, i := range rest {
		if s.tryGCM(v, i, split, false) {
			return i, true
		}
	}
	return -1, false
}

// tryGCM checks an AES-GCM variant on split; checkFirst says to test the
// first block before the full check. A variant whose first block is text
// but whose tag fails is tried with the enclosing body's ids as
// associated data, then kept as the near miss.
func (s *sheetSearch) tryGCM(v sheetVariant, i int, split Split, checkFirst bool) bool {
	aead := s.ring.sheetAEAD(i, v.key, v.layout.ivSize)
	if aead == nil {
		return false
	}
	iv, ciphertext := split.IV.Bytes, split.Ciphertext.Bytes
	if checkFirst && !s.firstBlockIsText(aead, iv, ciphertext) {
		return false
	}
	if s.out == nil {
		s.out = make([]byte, 0, len(s.data))
	}
	if v.layout.tagSize != TagSize {
		if s.openShortTag(aead, split) {
			s.split = split
			return true
		}
	} else {
		sealed := s.data[v.layout.ivSize:] // ciphertext ‖ tag, as Open wants it
		if v.layout.tagFirst || v.layout.mode != modeGCM {
			s.glued = append(append(s.glued[:0], ciphertext...), split.Tag.Bytes...)
			sealed = s.glued
		}
		if plaintext, err := aead.Open(s.out[:0], iv, sealed, nil); err == nil {
			s.plaintext, s.split = plaintext, split
			return true
		}
		// Checked before or not, a first block that reads as text makes
		// the key very likely right: try the associated data.
		checkFirst = checkFirst || s.firstBlockIsText(aead, iv, ciphertext)
		if checkFirst {
			for j := range s.ids {
				if plaintext, err := aead.Open(s.out[:0], iv, sealed, []byte(s.ids[j].Value)); err == nil {
					s.plaintext, s.split, s.aad = plaintext, split, &s.ids[j]
					return true
				}
			}
		}
	}
	if checkFirst && !s.nearMiss.found {
		s.nearMiss.found, s.nearMiss.variant, s.nearMiss.secret = true, v, i
	}
	return false
}

// openShortTag checks a GCM tag shorter than 16 bytes, which Go's GCM does
// not take: GCM is a counter mode, so sealing the ciphertext yields the
// plaintext, and sealing that yields the full tag, whose first bytes a
// short tag is.
func (s *sheetSearch) openShortTag(aead cipher.AEAD, split Split) bool {
	n := len(split.Ciphertext.Bytes)
	plaintext := aead.Seal(s.out[:0], split.IV.Bytes, split.Ciphertext.Bytes, nil)[:n]
	s.glued = aead.Seal(s.glued[:0], split.IV.Bytes, plaintext, nil)
	if subtle.ConstantTimeCompare(s.glued[n:n+len(split.Tag.Bytes)], split.Tag.Bytes) != 1 {
		return false
	}
	s.plaintext = plaintext
	return true
}

// tryCBC checks AES-CBC with PKCS#7 padding: the first block must be text
// and the padding well formed, which a wrong key gives about once in 2^28.
func (s *sheetSearch) tryCBC(v sheetVariant, i int) bool {
	split, ok := v.layout.split(s.data)
	if !ok {
		return false
	}
	block := s.ring.sheetBlock(i, v.key)
	if block == nil {
		return false
	}
	iv, ciphertext := split.IV.Bytes, split.Ciphertext.Bytes
	first := s.first[:aes.BlockSize]
	block.Decrypt(first, ciphertext[:aes.BlockSize])
	subtle.XORBytes(first, first, iv)
	if !looksLikeText(first) {
		return false
	}
	if s.out == nil {
		s.out = make([]byte, 0, len(s.data))
	}
	out := append(s.out[:0], ciphertext...)
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, out)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > aes.BlockSize || pad > len(out) {
		s.miss(v, i)
		return false
	}
	for _, c := range out[len(out)-pad:] {
		if int(c) != pad {
			s.miss(v, i)
			return false
		}
	}
	s.plaintext, s.split = out[:len(out)-pad], split
	return true
}

// tagIsText reports whether, under the near miss's key and layout (GCM,
// the tag last), the 16 bytes that should be the tag decrypt to text like
// the ciphertext before them: then they are ciphertext, and the user was
// cut. A changed user keeps its tag, which decrypts to random bytes.
func (s *sheetSearch) tagIsText() bool {
	v, i := s.nearMiss.variant, s.nearMiss.secret
	if v.layout.mode != modeGCM || v.layout.tagFirst || v.layout.tagSize != TagSize {
		return false
	}
	aead := s.ring.sheetAEAD(i, v.key, v.layout.ivSize)
	if aead == nil || len(s.data) < v.layout.ivSize+2*TagSize {
		return false
	}
	rest := s.data[v.layout.ivSize:]
	plain := aead.Seal(nil, s.data[:v.layout.ivSize], rest, nil)[:len(rest)]
	tail := plain[len(plain)-TagSize:]
	// Start at a character boundary: the block may cut one.
	for len(tail) > 0 && tail[0]&0xc0 == 0x80 {
		tail = tail[1:]
	}
	return looksLikeText(tail)
}

func (s *sheetSearch) miss(v sheetVariant, i int) {
	if !s.nearMiss.found {
		s.nearMiss.found, s.nearMiss.variant, s.nearMiss.secret = true, v, i
	}
}

// decodedMiddle is the data between the IV and the tag decoded from base64,
// when it is base64 text (openssl_encrypt without OPENSSL_RAW_DATA); nil
// otherwise. It is read once per search.
func (s *sheetSearch) decodedMiddle(l sheetLayout) []byte {
	if !s.middleRead {
		s.middleRead = true
		if split, ok := l.split(s.data); ok {
			s.middle = decodeBase64Text(split.Ciphertext.Bytes)
		}
	}
	return s.middle
}

// decodeBase64Text decodes b when it is standard base64 text, padded or
// not, of a length an encoder makes; nil otherwise. Random bytes are never
// all base64 characters, so this tells base64 text apart from ciphertext
// without a key.
func decodeBase64Text(b []byte) []byte {
	if len(b) < 4 {
		return nil
	}
	for _, c := range b {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return nil
		}
	}
	decoded, ok := decodeAnyBase64(string(b))
	if !ok {
		return nil
	}
	return decoded
}

// firstBlockIsText decrypts the first ciphertext block alone: GCM is a
// counter mode, so sealing the ciphertext block under the same IV yields the
// plaintext block (and a tag, ignored).
func (s *sheetSearch) firstBlockIsText(aead cipher.AEAD, iv, ciphertext []byte) bool {
	n := min(len(ciphertext), TagSize)
	block := aead.Seal(s.first[:0], iv, ciphertext[:n], nil)
	return looksLikeText(block[:n])
}

// looksLikeText reports whether b could start a text: printable ASCII, tab,
// CR and LF, and well-formed UTF-8 without control characters (a sequence cut
// by the end of b counts). Random bytes pass with a chance of about one in a
// million for a 16-byte block.
func looksLikeText(b []byte) bool {
	for len(b) > 0 {
		c := b[0]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
				return false
			}
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return !utf8.FullRune(b) // a sequence the block boundary cuts
		}
		if r < 0xa0 { // C1 controls
			return false
		}
		b = b[size:]
	}
	return true
}

// diagnose opens the user with the keyring: the protocol's way with every
// secret, then every mistake variant; and reports what opened it, or that
// nothing did. Data that is itself base64 text (encoded twice) is decoded
// again first: its shape says so without a key.
func (r *SheetReport) diagnose(ring *Keyring, chosen string) {
	k := &sheetPayload
	data, twice := r.User.Sealed, false
	if inner := decodeBase64Text(data); len(inner) >= MinSealedSize {
		data, twice = inner, true
	}
	if ring.Len() == 0 {
		if twice {
			r.add(r.base64Twice(len(data)))
		}
		r.add(noSecret(k))
		return
	}
	order := ring.Order(chosen, k.role)
	s := &sheetSearch{ring: ring, data: data, ids: r.User.IDs}
	variant, i, found := protocolSheetVariant, -1, false
	if i, found = s.protocolRound(order); !found {
		variant, i, found = search(slices.Values(sheetVariants()[1:]), order, s.try)
	}
	if twice {
		r.add(r.base64Twice(len(data)))
	}
	if !found {
		if !twice && decodeBase64Text(r.User.Sealed[min(IVSize, len(r.User.Sealed)):max(IVSize, len(r.User.Sealed)-TagSize)]) != nil {
			r.add(standard(CodeSheetCiphertextBase64, fmt.Sprintf("the %d bytes between the 12-byte IV and the 16-byte tag are base64 text, not ciphertext: openssl_encrypt returned base64 (no OPENSSL_RAW_DATA), and no secret opens it",
				len(r.User.Sealed)-IVSize-TagSize)))
		}
		r.Diagnoses = append(r.Diagnoses, unexplained(ring, k, order[0], r.Chosen, r.authFailed(ring, s, len(order)))...)
		return
	}
	r.OpenedBy, r.Plaintext, r.Mistakes = i, s.plaintext, variant.mistakes()
	if twice {
		r.Mistakes = append([]Code{CodeSheetBase64Twice}, r.Mistakes...)
	}
	if s.aad != nil {
		r.Mistakes = append(r.Mistakes, CodeSheetAssociatedData)
	}
	r.split = s.split
	r.Split = &r.split
	r.PlaintextIsJSON, r.PlaintextIsCompact = reader.JSONShape(r.Plaintext)
	var ds []Diagnosis
	for _, code := range variant.mistakes() {
		ds = append(ds, sheetMistake(code, variant, ring.Secret(i), r.split))
	}
	if s.aad != nil {
		ds = append(ds, standard(CodeSheetAssociatedData, fmt.Sprintf("it opens with %s only when the enclosing body's %s %s is the associated data: the sealing code authenticated it beside the user, and Intercom uses none",
			ring.Secret(i).quotedName(), s.aad.Name, quoteData([]byte(s.aad.Value)))))
	}
	if twice && len(ds) > 0 {
		// The twice-encoded finding is one of the mistakes found together.
		ds = append([]Diagnosis{r.Diagnoses[len(r.Diagnoses)-1]}, ds...)
		r.Diagnoses = r.Diagnoses[:len(r.Diagnoses)-1]
	}
	sayTogether(ds)
	r.Diagnoses = append(r.Diagnoses, ds...)
	r.Diagnoses = append(r.Diagnoses, profileFindings(ring, k, i, r.Chosen)...)
	switch {
	case !r.PlaintextIsJSON:
		r.add(diag(CodeNotJSON, fmt.Sprintf("it opens, but the %d-byte plaintext is not JSON (%s); it is shown as it is",
			len(r.Plaintext), jsonProblem(r.Plaintext)), fixNotJSON))
	case isJSONTwice(r.Plaintext):
		r.add(standard(CodePlaintextJSONTwice, fmt.Sprintf("it opens, but the %d-byte plaintext is a JSON string whose text is a JSON object: the user was JSON-encoded twice before sealing", len(r.Plaintext))))
	}
}

// base64Twice says the decoded user is base64 text again.
func (r *SheetReport) base64Twice(inner int) Diagnosis {
	return standard(CodeSheetBase64Twice, fmt.Sprintf("the %d decoded bytes are themselves base64 text, which decodes to %d bytes: the sealed data was base64-encoded twice",
		len(r.User.Sealed), inner))
}

// isJSONTwice reports whether a JSON plaintext is a string holding a JSON
// object or array.
func isJSONTwice(p []byte) bool {
	p = bytes.TrimSpace(p)
	if len(p) == 0 || p[0] != '"' {
		return false
	}
	var inner string
	if json.Unmarshal(p, &inner) != nil {
		return false
	}
	inner = strings.TrimSpace(inner)
	return inner != "" && (inner[0] == '{' || inner[0] == '[') && json.Valid([]byte(inner))
}

// sheetWaysTried names the families of ways of sealing the search tries,
// for messages that say what was tried.
const sheetWaysTried = "the key as hex digest, raw secret, SHA-1, AES-128 or a secret with whitespace, quotes, NAME= or hex; a 16-byte IV, the tag first, a 12- or 8-byte tag, CBC, a base64 ciphertext, associated data, base64 applied twice; and up to three at once"

func (r *SheetReport) authFailed(ring *Keyring, s *sheetSearch, tried int) Diagnosis {
	others := "the only secret tried"
	if tried > 1 {
		others = "nor with the other " + plural(tried-1, "secret")
	}
	var message string
	if r.Chosen >= 0 {
		c := ring.Secret(r.Chosen)
		message = fmt.Sprintf("the tag does not verify with %s (fingerprint %s), %s, nor sealed any way sealpeek tries (%s)",
			c.quotedName(), c.Fingerprint(), others, sheetWaysTried)
	} else {
		message = fmt.Sprintf("the tag does not verify with %s, nor sealed any way sealpeek tries (%s)", secretsTried(tried), sheetWaysTried)
	}
	cut := r.looksCut()
	if cut == "" && s.nearMiss.found && s.tagIsText() {
		cut = fmt.Sprintf("with %s, what should be the tag (its last 16 bytes) decrypts to text like the rest, so the real tag and the end of the user are missing", ring.Secret(s.nearMiss.secret).quotedName())
	}
	switch {
	case s.nearMiss.found:
		near := ""
		if codes := s.nearMiss.variant.mistakes(); len(codes) > 0 {
			near = " (under " + joinCodes(codes) + ")"
		}
		message += fmt.Sprintf("; nearest miss: the first block decrypts to text with %s%s, so that key is very likely right, but the tag does not verify: the data was changed or cut after sealing",
			ring.Secret(s.nearMiss.secret).quotedName(), near)
	default:
		message += "; no secret turns even the first block into text, so none of these sealed it: check which app's OAuth client secret, and which workspace, the sender uses"
	}
	if cut != "" {
		return standard(CodeUserTruncated, "it looks cut: "+cut+"; "+message)
	}
	return diag(CodeAuthFailed, message, fixAuthFailed)
}

// looksCut says what in the user's base64 suggests it was cut short, or ""
// when nothing does.
func (r *SheetReport) looksCut() string {
	for _, n := range r.User.Notes {
		switch n.Code {
		case CodePaddingAdded:
			return fmt.Sprintf("its base64 is not a whole number of 4-character groups (%d bytes decoded), so characters are missing at its end", len(r.User.Sealed))
		case CodePaddingFixed:
			return "its base64 padding was wrong, so characters are missing or changed at its end"
		case CodeBase64TrailingBits:
			return "its last base64 character carries bits no encoder sets, so it was cut or changed at its end"
		}
	}
	return ""
}

// joinCodes lists codes for a message.
func joinCodes(codes []Code) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = string(c)
	}
	return strings.Join(s, " and ")
}

// sheetMistake explains one mistake of the variant that opened the user with
// secret s.
func sheetMistake(code Code, v sheetVariant, s Secret, split Split) Diagnosis {
	who := s.quotedName()
	switch code {
	case CodeKeyHexDigest:
		return diag(code, fmt.Sprintf("it opens with %s only when the key is the first 32 characters of the hex text of SHA-256(secret) instead of its 32 raw bytes: the sealing code used a hex digest", who), fixRawDigestKey)
	case CodeKeyRawSecret:
		how := "exactly 32 bytes long"
		switch n := len(s.Value); {
		case n < KeySize:
			how = fmt.Sprintf("%d bytes zero-padded to 32", n)
		case n > KeySize:
			how = fmt.Sprintf("%d bytes cut to 32", n)
		}
		return diag(code, fmt.Sprintf("it opens with %s only when the secret itself (%s) is the key instead of its SHA-256: the sealing code skipped the hash", who, how), fixHashTheSecret)
	case CodeTagFirst:
		return diag(code, fmt.Sprintf("it opens when the 16 bytes at offsets %d to %d, right after the IV, are the tag and the %d-byte ciphertext follows, instead of the tag ending the data",
			split.Tag.Offset, split.Tag.End()-1, len(split.Ciphertext.Bytes)), fixTagLast)
	case CodeNonce16:
		return diag(code, fmt.Sprintf("it opens when the IV is the first %d bytes instead of %d, so the ciphertext starts at offset %d", len(split.IV.Bytes), IVSize, split.Ciphertext.Offset), fixTwelveByteIV)
	case CodeSecretWhitespace, CodeSecretHexDecoded, CodeSecretQuoted, CodeSecretKeyValue:
		return secretFormMistake(&sheetPayload, sheetKeyDerivations[v.key].form, s)
	case CodeWrongAlgorithm:
		return diag(code, fmt.Sprintf("it opens with %s only when the key is SHA-1(secret), 20 bytes zero-padded to 32, instead of SHA-256(secret): the sealing code hashed with SHA-1", who), fixRawDigestKey)
	case CodeSheetAES128:
		return standard(code, fmt.Sprintf("it opens with %s as AES-128-GCM, with the first 16 bytes of SHA-256(secret) as the key: the sealing code chose a 128-bit cipher", who))
	case CodeSheetShortTag:
		return standard(code, fmt.Sprintf("it opens when the tag is the last %d bytes (offsets %d to %d) instead of 16: the sealing code asked for a %d-bit tag",
			len(split.Tag.Bytes), split.Tag.Offset, split.Tag.End()-1, 8*len(split.Tag.Bytes)))
	case CodeSheetCBC:
		return standard(code, fmt.Sprintf("it opens with %s as AES-CBC: a 16-byte IV, then %d bytes of ciphertext with PKCS#7 padding and no tag, so nothing proves it was not changed", who, len(split.Ciphertext.Bytes)))
	case CodeSheetCiphertextBase64:
		return standard(code, fmt.Sprintf("it opens when the %d bytes between the IV and the tag are read as base64 text (%d bytes of ciphertext): openssl_encrypt returned base64 because OPENSSL_RAW_DATA was not passed",
			split.Tag.Offset-IVSize, len(split.Ciphertext.Bytes)))
	}
	return diag(code, "it opens only under the mistake "+string(code), codeInfo(code).Fix)
}

// jsonProblem says where and why the plaintext stops being JSON.
func jsonProblem(p []byte) string {
	var v any
	err := json.Unmarshal(p, &v)
	var syntax *json.SyntaxError
	switch {
	case len(p) == 0:
		return "it is empty"
	case errors.As(err, &syntax):
		return fmt.Sprintf("%v, at offset %d", err, syntax.Offset)
	case err != nil:
		return err.Error()
	}
	return "it is not valid UTF-8 JSON text"
}
