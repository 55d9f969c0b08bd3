package crypto

import (
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// This file is the fast path of a batch (--lines): the common line, made the
// way the protocol says with the first secret that fits and with nothing to
// note, is recognised and answered with buffers a worker keeps and with what
// the batch worked out once (the order of the secrets, what the engine
// would say of each). Whatever it does not recognise as clean, it declines,
// and the caller runs the full engine on that line. The fast path never
// reports anything the engine would not: a clean line's report from the
// engine is exactly the one a caller builds from what the fast path
// returns (the tests and a fuzz target hold the two to the same output).

// SheetBatch is the fast path of InspectSheetUser for a batch of lines with
// one keyring and one chosen secret. It is safe for concurrent use; each
// goroutine opens lines with its own SheetOpener.
type SheetBatch struct {
	order []int         // the secrets in the engine's order
	aeads []cipher.AEAD // the protocol's AES-GCM of each, by position in order
	clean []bool        // whether a user opened by it is reported with no finding, by position
}

// NewSheetBatch works out once what InspectSheetUser works out per input.
func NewSheetBatch(ring *Keyring, chosen string) *SheetBatch {
	b := &SheetBatch{}
	if ring.Len() == 0 {
		return b // the engine says no_secret
	}
	k := &sheetPayload
	chosenAt := -1
	if chosen != "" {
		chosenAt = ring.Find(chosen)
	}
	b.order = ring.Order(chosen, k.role)
	for _, i := range b.order {
		b.aeads = append(b.aeads, ring.sheetAEAD(i, protocolSheetVariant.key, protocolSheetVariant.layout.ivSize))
		b.clean = append(b.clean, len(profileFindings(ring, k, i, chosenAt)) == 0)
	}
	return b
}

// SheetOpener opens lines for one goroutine, in buffers it keeps.
type SheetOpener struct {
	b      *SheetBatch
	sealed []byte
	plain  []byte
}

// Opener returns a new SheetOpener of the batch.
func (b *SheetBatch) Opener() *SheetOpener { return &SheetOpener{b: b} }

// CleanSheet is a sheet user InspectSheetUser would report OK with nothing
// to note: a bare canonical base64 value that the protocol's way opens to
// JSON with the secret its report names. Its slices are the opener's
// buffers, valid until its next Open.
type CleanSheet struct {
	OpenedBy   int    // keyring index of the secret that opened it
	Sealed     []byte // IV ‖ ciphertext ‖ tag, as decoded
	Plaintext  []byte
	Compact    bool // the plaintext is JSON without whitespace between its tokens
	Safe       int  // when Compact, how many leading bytes of the plaintext termtext.EscapeJSON leaves as they are
	IV, Tag    []byte
	Ciphertext int // the ciphertext's length
}

// Open returns line as a CleanSheet, or false when the engine would say
// anything about it beyond that it opened: then the caller runs
// InspectSheetUser on it.
func (o *SheetOpener) Open(line []byte) (CleanSheet, bool) {
	if len(line) == 0 || len(o.b.order) == 0 {
		return CleanSheet{}, false
	}
	// DecodeSheetUser reads a line of the standard alphabet and padding
	// alone (no space, BOM, quote, brace, escape or percent sign) as the
	// bare value itself, and canonical base64 of it with nothing to note.
	// The strict decoder below refuses every other byte but line breaks,
	// which it skips (and DecodeSheetUser notes). Those are ruled out by
	// counting, without a pass over the line: a line of whole quanta that
	// decodes to as many bytes as its length and padding say skipped none
	// (a skipped byte would leave a quantum short, or the decoded length
	// shorter by a whole quantum). A form body (reader.LooksLikeForm) never
	// decodes: its '=' follows a key ("user", or one with '&' or '_',
	// outside the alphabet) that is not the end of the value.
	if len(line)%4 != 0 {
		return CleanSheet{}, false
	}
	if need := base64.StdEncoding.DecodedLen(len(line)); cap(o.sealed) < need {
		o.sealed = make([]byte, need)
	}
	n, err := base64.StdEncoding.Strict().Decode(o.sealed[:cap(o.sealed)], line)
	if err != nil || n < MinSealedSize || n != len(line)/4*3-padding(line) {
		return CleanSheet{}, false
	}
	sealed := o.sealed[:n]
	// The engine tries the protocol's way with each secret in order first.
	for j, aead := range o.b.aeads {
		if aead == nil {
			continue
		}
		plain, err := aead.Open(o.plain[:0], sealed[:IVSize], sealed[IVSize:], nil)
		if err != nil {
			continue
		}
		o.plain = plain[:0]
		if !o.b.clean[j] {
			return CleanSheet{}, false
		}
		isJSON, compact, safe := reader.JSONShapeSafe(plain)
		if !isJSON {
			return CleanSheet{}, false
		}
		tagAt := n - TagSize
		return CleanSheet{OpenedBy: o.b.order[j], Sealed: sealed, Plaintext: plain, Compact: compact, Safe: safe,
			IV: sealed[:IVSize], Tag: sealed[tagAt:], Ciphertext: tagAt - IVSize}, true
	}
	return CleanSheet{}, false
}

// padding is how many '=' end a base64 value of whole quanta: 0 to 2.
func padding(line []byte) int {
	n := 0
	for n < 2 && n < len(line) && line[len(line)-1-n] == '=' {
		n++
	}
	return n
}

// UserHashBatch is the fast path of CheckUserHash for a batch of lines with
// one keyring and one chosen secret: a line whose expected digest is the
// lowercase hex HMAC-SHA256 made with the first secret in the engine's
// order, or that expects nothing. It is safe for concurrent use; each
// goroutine hashes with its own UserHasher.
type UserHashBatch struct {
	secretAt int    // the first secret in the engine's order, -1 when there is none
	secret   []byte // its value, as the engine keys the HMAC
	clean    bool   // whether a match with it is reported with the match alone
}

// NewUserHashBatch works out once what CheckUserHash works out per line.
func NewUserHashBatch(ring *Keyring, chosen string) *UserHashBatch {
	b := &UserHashBatch{secretAt: -1}
	if ring.Len() == 0 {
		return b
	}
	k := &userHashPayload
	chosenAt := -1
	if chosen != "" {
		chosenAt = ring.Find(chosen)
	}
	b.secretAt = ring.Order(chosen, k.role)[0]
	b.secret = ring.secretForm(b.secretAt, secretAsIs)
	b.clean = b.secret != nil && k.algorithms[0] == algoHMACSHA256 && !k.readsPrefixes &&
		len(profileFindings(ring, k, b.secretAt, chosenAt)) == 0
	return b
}

// SecretAt is the keyring index of the secret a clean line is hashed with.
func (b *UserHashBatch) SecretAt() int { return b.secretAt }

// UserHasher hashes lines for one goroutine with an HMAC state keyed once
// and reset per line.
type UserHasher struct {
	b   *UserHashBatch
	mac hash.Hash
	sum [sha256.Size]byte
	hex [2 * sha256.Size]byte
}

// Hasher returns a new UserHasher of the batch.
func (b *UserHashBatch) Hasher() *UserHasher {
	h := &UserHasher{b: b}
	if b.clean {
		h.mac = hmac.New(sha256.New, b.secret)
	}
	return h
}

// Check returns the lowercase hex user_hash of data, when CheckUserHash(data,
// expected) would report it cleanly: expected empty (nothing to check), or
// exactly that digest. Otherwise it returns false, and the caller runs
// CheckUserHash. The digest is the hasher's buffer, valid until its next
// Check.
func (h *UserHasher) Check(data, expected []byte) ([]byte, bool) {
	if h.mac == nil || (len(expected) != 0 && len(expected) != len(h.hex)) {
		return nil, false
	}
	h.mac.Reset()
	h.mac.Write(data)
	sum := h.mac.Sum(h.sum[:0])
	hex.Encode(h.hex[:], sum)
	// The digest is public once computed (the record prints it); the
	// comparison is constant-time all the same, as the engine's.
	if len(expected) != 0 && !hmac.Equal(h.hex[:], expected) {
		return nil, false
	}
	return h.hex[:], true
}
