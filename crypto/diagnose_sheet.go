package crypto

import (
	"crypto/cipher"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// sheetSearch tries the sheet variants on one decoded user. It keeps its
// buffers across tries, so a search allocates once whatever it tries.
type sheetSearch struct {
	ring  *Keyring
	data  []byte
	out   []byte // where a full check writes the plaintext; sized on first use
	glued []byte // ciphertext ‖ tag for layouts that put the tag first
	first [2 * TagSize]byte

	plaintext []byte
	split     Split
}

// try reports whether variant v of secret i opens the user. The protocol's
// own variant gets the full check (GCM's tag over all the data) with every
// secret. A mistake variant is first tested on the first ciphertext block:
// what the sender sealed is text (JSON, or the text a not_json sender
// sealed), and a wrong key or layout turns it into random bytes, so only a
// variant whose first block reads as text gets the full check. This keeps
// the worst case (nothing opens: every variant with every secret) to one
// full check per secret, whatever the size; Go's GCM verifies the tag only
// after a whole pass over the data.
func (s *sheetSearch) try(variant sheetVariant, i int) bool {
	split, ok := variant.layout.split(s.data)
	if !ok {
		return false
	}
	aead := s.ring.sheetAEAD(i, variant.key, variant.layout.ivSize)
	if aead == nil {
		return false
	}
	iv, ciphertext := split.IV.Bytes, split.Ciphertext.Bytes
	if variant != protocolSheetVariant && !s.firstBlockIsText(aead, iv, ciphertext) {
		return false
	}
	sealed := s.data[variant.layout.ivSize:] // ciphertext ‖ tag, as Open wants it
	if variant.layout.tagFirst {
		s.glued = append(append(s.glued[:0], ciphertext...), split.Tag.Bytes...)
		sealed = s.glued
	}
	if s.out == nil {
		s.out = make([]byte, 0, len(s.data))
	}
	plaintext, err := aead.Open(s.out[:0], iv, sealed, nil)
	if err != nil {
		return false
	}
	s.plaintext, s.split = plaintext, split
	return true
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
// nothing did.
func (r *SheetReport) diagnose(ring *Keyring, chosen string) {
	k := &sheetPayload
	if ring.Len() == 0 {
		r.add(noSecret(k))
		return
	}
	order := ring.Order(chosen, k.role)
	s := &sheetSearch{ring: ring, data: r.User.Sealed}
	variant, i, found := search(slices.Values(sheetVariants), order, s.try)
	if !found {
		r.Diagnoses = append(r.Diagnoses, unexplained(ring, k, order[0], r.Chosen, r.authFailed(ring, len(order)))...)
		return
	}
	r.OpenedBy, r.Plaintext, r.Mistakes = i, s.plaintext, variant.mistakes()
	r.split = s.split
	r.Split = &r.split
	r.PlaintextIsJSON, r.PlaintextIsCompact = reader.JSONShape(r.Plaintext)
	for _, code := range r.Mistakes {
		r.add(sheetMistake(code, variant, ring.Secret(i), r.split))
	}
	r.Diagnoses = append(r.Diagnoses, profileFindings(ring, k, i, r.Chosen)...)
	if !r.PlaintextIsJSON {
		r.add(diag(CodeNotJSON, fmt.Sprintf("it opens, but the %d-byte plaintext is not JSON (%s); it is shown as it is",
			len(r.Plaintext), jsonProblem(r.Plaintext)), fixNotJSON))
	}
}

func (r *SheetReport) authFailed(ring *Keyring, tried int) Diagnosis {
	mistakes := len(sheetVariants) - 1
	others := "the only secret tried"
	if tried > 1 {
		others = "nor with the other " + plural(tried-1, "secret")
	}
	if r.Chosen >= 0 {
		s := ring.Secret(r.Chosen)
		return diag(CodeAuthFailed, fmt.Sprintf("the tag does not verify with %s (fingerprint %s), %s, nor under any of the %d sender mistakes sealpeek tries",
			s.quotedName(), s.Fingerprint(), others, mistakes), fixAuthFailed)
	}
	return diag(CodeAuthFailed, fmt.Sprintf("the tag does not verify with %s, nor under any of the %d sender mistakes sealpeek tries",
		secretsTried(tried), mistakes), fixAuthFailed)
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
	case CodeSecretWhitespace, CodeSecretHexDecoded:
		return secretFormMistake(&sheetPayload, sheetKeyDerivations[v.key].form, s)
	}
	return diag(code, "it opens only under the mistake "+string(code), codeBook[code].Fix)
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
