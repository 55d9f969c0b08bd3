package crypto

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"iter"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// This file is the table of variants: every way, right or wrong, that a
// payload may have been made from a secret. The engine (diagnose.go) tries
// them in the order given here and names the mistakes of the first that
// reproduces the payload.

// secretForm is what a sender or verifier may have done to the secret before
// using it. Each payload kind lists the forms it tries (payloads.go); sheet
// keys name theirs in sheetKeyDerivations.
type secretForm uint8

const (
	secretAsIs          secretForm = iota // as the profile holds it
	secretTrimmed                         // whitespace around it removed
	secretNewline                         // a newline appended, as a file read whole or echo adds
	secretCRLF                            // "\r\n" appended, as a file saved on Windows adds
	secretHexDecoded                      // hex text decoded to bytes
	secretBase64Decoded                   // base64 text decoded to bytes (jwt.io's "secret base64 encoded" box)
	numSecretForms
)

// code is the diagnosis code of the mistake the form stands for.
func (f secretForm) code() Code {
	switch f {
	case secretTrimmed, secretNewline, secretCRLF:
		return CodeSecretWhitespace
	case secretHexDecoded:
		return CodeSecretHexDecoded
	case secretBase64Decoded:
		return CodeJWTSecretBase64
	}
	return ""
}

// minDecodedSecret is the fewest bytes a base64-decoded secret is taken to
// be a key at all: shorter text decodes to a few bytes by chance.
const minDecodedSecret = 16

// deriveSecretForm returns the secret in form f, or nil when the form does not
// apply to this secret (nothing to trim, not hex), so no variant repeats
// another.
func deriveSecretForm(f secretForm, secret []byte) []byte {
	switch f {
	case secretAsIs:
		return secret
	case secretTrimmed:
		if t := bytes.TrimSpace(secret); len(t) != len(secret) && len(t) > 0 {
			return t
		}
	case secretNewline, secretCRLF:
		if !bytes.HasSuffix(secret, []byte("\n")) {
			return append(bytes.Clone(secret), newlineOf(f)...)
		}
	case secretHexDecoded:
		if decoded, err := hex.DecodeString(string(secret)); err == nil && len(decoded) > 0 {
			return decoded
		}
	case secretBase64Decoded:
		if decoded, ok := decodeAnyBase64(string(bytes.TrimSpace(secret))); ok && len(decoded) >= minDecodedSecret {
			return decoded
		}
	}
	return nil
}

// newlineOf is the line ending a newline form appends.
func newlineOf(f secretForm) string {
	if f == secretCRLF {
		return "\r\n"
	}
	return "\n"
}

// decodeAnyBase64 decodes standard or URL-safe base64, padded or not.
func decodeAnyBase64(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if raw, err := enc.DecodeString(s); err == nil {
			return raw, true
		}
	}
	return nil, false
}

// sheetKeyKind is a way of turning a secret into the AES-256 key of a sheet
// user.
type sheetKeyKind uint8

const (
	keyStandard   sheetKeyKind = iota // SHA-256 of the secret, 32 raw bytes: what Intercom does
	keyHexDigest                      // the first 32 characters of the hex SHA-256 text
	keyRawSecret                      // the secret itself, zero-padded or cut to 32 bytes
	keyTrimmed                        // SHA-256 of the secret without surrounding whitespace
	keyNewline                        // SHA-256 of the secret with a newline appended
	keyHexDecoded                     // SHA-256 of the hex-decoded secret
	numSheetKeys
)

// sheetKeyDerivations says, for each kind of key, which form of the secret it
// starts from, how it makes the key, and the code of the mistake.
var sheetKeyDerivations = [numSheetKeys]struct {
	form   secretForm
	derive func(secret []byte) []byte
	code   Code
}{
	keyStandard:   {secretAsIs, SheetKey, ""},
	keyHexDigest:  {secretAsIs, hexDigestKey, CodeKeyHexDigest},
	keyRawSecret:  {secretAsIs, rawSecretKey, CodeKeyRawSecret},
	keyTrimmed:    {secretTrimmed, SheetKey, CodeSecretWhitespace},
	keyNewline:    {secretNewline, SheetKey, CodeSecretWhitespace},
	keyHexDecoded: {secretHexDecoded, SheetKey, CodeSecretHexDecoded},
}

// hexDigestKey is the key of a sender that hex-encodes SHA-256(secret) and
// keeps the 32 characters an AES-256 key has room for (PHP's openssl_encrypt
// cuts a long key silently; Node code slices it to avoid ERR_CRYPTO_INVALID_KEYLEN).
func hexDigestKey(secret []byte) []byte {
	digest := sha256.Sum256(secret)
	return []byte(hex.EncodeToString(digest[:])[:KeySize])
}

// rawSecretKey is the key of a sender that skips the hash: the secret's bytes,
// zero-padded or cut to 32 (what PHP's openssl_encrypt does with a key of the
// wrong length).
func rawSecretKey(secret []byte) []byte {
	key := make([]byte, KeySize)
	copy(key, secret)
	return key
}

// sheetLayout is where the IV, the ciphertext and the tag sit in the decoded
// data.
type sheetLayout struct {
	ivSize   int
	tagFirst bool // IV ‖ tag ‖ ciphertext instead of IV ‖ ciphertext ‖ tag
}

// longIVSize is the IV size of senders who assume AES's 16-byte block size.
const longIVSize = 16

// codes are the mistakes the layout stands for.
func (l sheetLayout) codes() []Code {
	var codes []Code
	if l.ivSize != IVSize {
		codes = append(codes, CodeNonce16)
	}
	if l.tagFirst {
		codes = append(codes, CodeTagFirst)
	}
	return codes
}

// split cuts data by the layout; ok is false when data is too short for it.
func (l sheetLayout) split(data []byte) (s Split, ok bool) {
	if len(data) < l.ivSize+TagSize {
		return Split{}, false
	}
	s.IV = Part{Offset: 0, Bytes: data[:l.ivSize:l.ivSize]}
	if l.tagFirst {
		s.Tag = Part{Offset: l.ivSize, Bytes: data[l.ivSize : l.ivSize+TagSize : l.ivSize+TagSize]}
		s.Ciphertext = Part{Offset: l.ivSize + TagSize, Bytes: data[l.ivSize+TagSize:]}
		return s, true
	}
	tagAt := len(data) - TagSize
	s.Ciphertext = Part{Offset: l.ivSize, Bytes: data[l.ivSize:tagAt:tagAt]}
	s.Tag = Part{Offset: tagAt, Bytes: data[tagAt:]}
	return s, true
}

// sheetVariant is one way a sheet user may have been sealed.
type sheetVariant struct {
	key    sheetKeyKind
	layout sheetLayout
}

// mistakes are the codes of the variant's departures from the protocol, key
// first.
func (v sheetVariant) mistakes() []Code {
	var codes []Code
	if c := sheetKeyDerivations[v.key].code; c != "" {
		codes = append(codes, c)
	}
	return append(codes, v.layout.codes()...)
}

// protocolSheetVariant is how Intercom seals: the raw SHA-256 key, IV ‖
// ciphertext ‖ tag with a 12-byte IV.
var protocolSheetVariant = sheetVariant{keyStandard, sheetLayout{IVSize, false}}

// sheetVariants lists every variant in the order the engine tries them: the
// protocol's own way first, then one mistake (the commonest first), then two,
// then three. Every key kind meets every layout, so a sender who made two
// mistakes is explained as well as one who made one.
var sheetVariants = orderSheetVariants()

func orderSheetVariants() []sheetVariant {
	layouts := []sheetLayout{{IVSize, false}, {IVSize, true}, {longIVSize, false}, {longIVSize, true}}
	keys := []sheetKeyKind{keyStandard, keyHexDigest, keyRawSecret, keyTrimmed, keyNewline, keyHexDecoded}
	var out []sheetVariant
	for mistakes := 0; mistakes <= 3; mistakes++ {
		for _, layout := range layouts {
			for _, key := range keys {
				v := sheetVariant{key, layout}
				if len(v.mistakes()) == mistakes {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// digestAlgorithm is a way of making a digest from a key and a message.
type digestAlgorithm uint8

const (
	algoHMACSHA256 digestAlgorithm = iota // user_hash, X-Body-Signature, HS256
	algoHMACSHA1                          // X-Hub-Signature
	algoHMACSHA384
	algoHMACSHA512
	algoHMACMD5
	algoLegacySHA1 // hex(SHA1(secret ‖ identifier)), Secure Mode before December 2012
	numDigestAlgorithms
)

var digestAlgorithms = [numDigestAlgorithms]struct {
	name     string // the construction, for messages
	hashName string // the hash function alone
	prefix   string // how a signature header names it, as in "sha1=<hex>"; "" for none
	size     int
	hash     func() hash.Hash
}{
	algoHMACSHA256: {"HMAC-SHA256", "SHA-256", "sha256=", sha256.Size, sha256.New},
	algoHMACSHA1:   {"HMAC-SHA1", "SHA-1", "sha1=", sha1.Size, sha1.New},
	algoHMACSHA384: {"HMAC-SHA384", "SHA-384", "sha384=", sha512.Size384, sha512.New384},
	algoHMACSHA512: {"HMAC-SHA512", "SHA-512", "sha512=", sha512.Size, sha512.New},
	algoHMACMD5:    {"HMAC-MD5", "MD5", "md5=", md5.Size, md5.New},
	algoLegacySHA1: {"SHA1(secret + identifier)", "SHA-1", "", sha1.Size, sha1.New},
}

// hmacAlgorithms are the HMACs, the payload's own first in each kind's list.
var hmacAlgorithms = []digestAlgorithm{algoHMACSHA256, algoHMACSHA1, algoHMACSHA384, algoHMACSHA512, algoHMACMD5}

// isHMAC reports whether the algorithm is an HMAC (and so can be keyed once
// and reset for every message).
func (a digestAlgorithm) isHMAC() bool { return a != algoLegacySHA1 }

// sum computes the algorithm's digest of message with key, appending it to
// dst.
func (a digestAlgorithm) sum(dst, key, message []byte) []byte {
	spec := digestAlgorithms[a]
	if !a.isHMAC() {
		h := spec.hash()
		h.Write(key)
		h.Write(message)
		return h.Sum(dst)
	}
	mac := hmac.New(spec.hash, key)
	mac.Write(message)
	return mac.Sum(dst)
}

// dataForm is one candidate for the bytes a digest was made of: the data as
// given, or the data after a mistake.
type dataForm struct {
	data []byte
	code Code   // "" for the data as given
	what string // how it differs from the data, for messages
}

// digestVariant is one way a digest may have been made.
type digestVariant struct {
	algorithm digestAlgorithm
	secret    secretForm
	data      int  // index into the search's data forms
	swapped   bool // HMAC(key = data, message = secret)
}

// digestVariants lists the variants to try for a payload kind, in order,
// cheapest first: the protocol's own way; the secret in each of the kind's
// forms; key and message swapped; the other algorithms; then every other
// form of the data with every algorithm. The other forms come from more,
// made one at a time (a re-serialised body is costly), each appended to
// forms before its variants are listed; forms[0] is the data as given.
func digestVariants(k *payloadKind, forms *[]dataForm, more iter.Seq[dataForm]) iter.Seq[digestVariant] {
	return func(yield func(digestVariant) bool) {
		right := k.algorithms[0]
		if !yield(digestVariant{algorithm: right}) {
			return
		}
		for _, f := range k.secretForms {
			if !yield(digestVariant{algorithm: right, secret: f}) {
				return
			}
		}
		if k.swapped && !yield(digestVariant{algorithm: right, swapped: true}) {
			return
		}
		for _, a := range k.algorithms[1:] {
			if !yield(digestVariant{algorithm: a}) {
				return
			}
		}
		for d := 1; d < len(*forms); d++ {
			for _, a := range k.algorithms {
				if !yield(digestVariant{algorithm: a, data: d}) {
					return
				}
			}
		}
		if more == nil {
			return
		}
		for f := range more {
			*forms = append(*forms, f)
			for _, a := range k.algorithms {
				if !yield(digestVariant{algorithm: a, data: len(*forms) - 1}) {
					return
				}
			}
		}
	}
}

// mistakes are the codes of the variant's departures from the kind's
// protocol.
func (v digestVariant) mistakes(k *payloadKind, forms []dataForm) []Code {
	var codes []Code
	if v.algorithm != k.algorithms[0] {
		codes = append(codes, CodeWrongAlgorithm)
	}
	if c := v.secret.code(); c != "" {
		codes = append(codes, c)
	}
	if c := forms[v.data].code; c != "" {
		codes = append(codes, c)
	}
	if v.swapped {
		codes = append(codes, CodeSwappedKeyMessage)
	}
	return codes
}

// reserializedBodies yields the body as commonly re-encoded between signing
// and checking, each a data form reported as body_reserialized.
func reserializedBodies(raw []byte) iter.Seq[dataForm] {
	return func(yield func(dataForm) bool) {
		for v := range reader.Reserialized(raw) {
			if !yield(dataForm{data: v.Data, code: CodeBodyReserialized, what: v.How}) {
				return
			}
		}
	}
}
