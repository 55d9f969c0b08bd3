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
	"slices"
	"sync"

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
	secretUnquoted                        // the quotes around the stored secret removed (a .env value kept them)
	secretQuoted                          // double quotes added, as the sender's loader kept them
	secretKeyValue                        // the value of a stored NAME=value line
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
		return CodeSecretBase64Decoded
	case secretUnquoted, secretQuoted:
		return CodeSecretQuoted
	case secretKeyValue:
		return CodeSecretKeyValue
	}
	return ""
}

// codeFor is the form's code for a payload kind: a JWT names the
// base64-decoded secret after jwt.io's box.
func (f secretForm) codeFor(k *payloadKind) Code {
	if f == secretBase64Decoded && k.base64SecretCode != "" {
		return k.base64SecretCode
	}
	return f.code()
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
	case secretUnquoted:
		t := bytes.TrimSpace(secret)
		if len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0] {
			return bytes.TrimSpace(t[1 : len(t)-1])
		}
	case secretQuoted:
		if len(secret) > 0 && secret[0] != '"' && secret[0] != '\'' {
			return append(append([]byte{'"'}, secret...), '"')
		}
	case secretKeyValue:
		if name, value, ok := bytes.Cut(bytes.TrimSpace(secret), []byte("=")); ok && isEnvName(name) && len(bytes.Trim(value, "=")) > 0 {
			if unquoted := deriveSecretForm(secretUnquoted, value); unquoted != nil {
				return unquoted
			}
			return value
		}
	}
	return nil
}

// isEnvName reports whether b is an environment variable's name, as a .env
// line starts with one: a letter or underscore, then letters, digits and
// underscores; "export " before it is allowed.
func isEnvName(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("export "))
	if len(b) == 0 || '0' <= b[0] && b[0] <= '9' {
		return false
	}
	for _, c := range b {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
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

// sheetKeyKind is a way of turning a secret into the AES key of a sheet
// user.
type sheetKeyKind uint8

const (
	keyStandard   sheetKeyKind = iota // SHA-256 of the secret, 32 raw bytes: what Intercom does
	keyHexDigest                      // the first 32 characters of the hex SHA-256 text
	keyRawSecret                      // the secret itself, zero-padded or cut to 32 bytes
	keyTrimmed                        // SHA-256 of the secret without surrounding whitespace
	keyNewline                        // SHA-256 of the secret with a newline appended
	keyHexDecoded                     // SHA-256 of the hex-decoded secret
	keyAES128                         // the first 16 bytes of SHA-256 of the secret: AES-128
	keyCRLF                           // SHA-256 of the secret with "\r\n" appended
	keyUnquoted                       // SHA-256 of the stored secret without its quotes
	keyKeyValue                       // SHA-256 of the value of a stored NAME=value line
	keySHA1                           // SHA-1 of the secret, 20 raw bytes zero-padded to 32
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
	keyAES128:     {secretAsIs, aes128Key, CodeSheetAES128},
	keyCRLF:       {secretCRLF, SheetKey, CodeSecretWhitespace},
	keyUnquoted:   {secretUnquoted, SheetKey, CodeSecretQuoted},
	keyKeyValue:   {secretKeyValue, SheetKey, CodeSecretKeyValue},
	keySHA1:       {secretAsIs, sha1Key, CodeWrongAlgorithm},
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

// aes128Key is the key of a sender that chose AES-128-GCM: the cipher takes
// the first 16 bytes of the 32-byte key (PHP's openssl_encrypt cuts it
// without a word).
func aes128Key(secret []byte) []byte {
	return SheetKey(secret)[:16]
}

// sha1Key is the key of a sender that hashed the secret with SHA-1: its 20
// bytes, zero-padded to 32 as PHP's openssl_encrypt pads a short key.
func sha1Key(secret []byte) []byte {
	digest := sha1.Sum(secret)
	return rawSecretKey(digest[:])
}

// sheetMode is the cipher and the shape of the data between IV and tag.
type sheetMode uint8

const (
	modeGCM      sheetMode = iota // AES-GCM over raw bytes: what Intercom does
	modeCBC                       // AES-CBC with PKCS#7 padding and no tag
	modeBase64CT                  // AES-GCM whose ciphertext is base64 text (openssl_encrypt without OPENSSL_RAW_DATA)
)

// sheetLayout is where the IV, the ciphertext and the tag sit in the decoded
// data, and how the ciphertext was made.
type sheetLayout struct {
	ivSize   int
	tagFirst bool // IV ‖ tag ‖ ciphertext instead of IV ‖ ciphertext ‖ tag
	tagSize  int  // 16; 12 or 8 for a short tag; 0 for CBC
	mode     sheetMode
}

// longIVSize is the IV size of senders who assume AES's 16-byte block size.
const longIVSize = 16

// sheetLayouts are the layouts tried, Intercom's first.
var sheetLayouts = []sheetLayout{
	{IVSize, false, TagSize, modeGCM},
	{IVSize, true, TagSize, modeGCM},
	{longIVSize, false, TagSize, modeGCM},
	{longIVSize, true, TagSize, modeGCM},
	{IVSize, false, 12, modeGCM},
	{IVSize, false, 8, modeGCM},
	{longIVSize, false, 0, modeCBC},
	{IVSize, false, TagSize, modeBase64CT},
}

// codes are the mistakes the layout stands for.
func (l sheetLayout) codes() []Code {
	var codes []Code
	switch l.mode {
	case modeCBC:
		return []Code{CodeSheetCBC} // its 16-byte IV is CBC's own
	case modeBase64CT:
		codes = append(codes, CodeSheetCiphertextBase64)
	}
	if l.ivSize != IVSize {
		codes = append(codes, CodeNonce16)
	}
	if l.tagFirst {
		codes = append(codes, CodeTagFirst)
	}
	if l.tagSize != TagSize {
		codes = append(codes, CodeSheetShortTag)
	}
	return codes
}

// split cuts data by the layout; ok is false when data is too short for it,
// or cannot be the layout's (CBC data is whole blocks).
func (l sheetLayout) split(data []byte) (s Split, ok bool) {
	if len(data) < l.ivSize+l.tagSize || len(data) == l.ivSize {
		return Split{}, false
	}
	s.IV = Part{Offset: 0, Bytes: data[:l.ivSize:l.ivSize]}
	if l.mode == modeCBC {
		if (len(data)-l.ivSize)%16 != 0 {
			return Split{}, false
		}
		s.Ciphertext = Part{Offset: l.ivSize, Bytes: data[l.ivSize:]}
		s.Tag = Part{Offset: len(data), Bytes: data[len(data):]}
		return s, true
	}
	if l.tagFirst {
		s.Tag = Part{Offset: l.ivSize, Bytes: data[l.ivSize : l.ivSize+l.tagSize : l.ivSize+l.tagSize]}
		s.Ciphertext = Part{Offset: l.ivSize + l.tagSize, Bytes: data[l.ivSize+l.tagSize:]}
		return s, true
	}
	tagAt := len(data) - l.tagSize
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
var protocolSheetVariant = sheetVariant{keyStandard, sheetLayouts[0]}

// sheetVariants lists every variant in the order the engine tries them: the
// protocol's own way first, then one mistake (the commonest first), then two,
// then three. Every key kind meets every layout, so a sender who made two
// mistakes is explained as well as one who made one.
// Made on first use: a command that opens no sheet user never orders them.
var sheetVariants = sync.OnceValue(orderSheetVariants)

func orderSheetVariants() []sheetVariant {
	keys := []sheetKeyKind{keyStandard, keyHexDigest, keyRawSecret, keyTrimmed, keyNewline, keyHexDecoded, keyAES128, keyCRLF, keyUnquoted, keyKeyValue, keySHA1}
	var out []sheetVariant
	for mistakes := 0; mistakes <= 3; mistakes++ {
		for _, layout := range sheetLayouts {
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
// given, or the data after a mistake (or two: also).
type dataForm struct {
	data []byte
	code Code   // "" for the data as given
	also Code   // a second mistake of the same form, "" for none
	what string // how it differs from the data, for messages
}

// construction is how a digest is made of a key and a message.
type construction uint8

const (
	constructHMAC        construction = iota // HMAC(key = secret, message = data): what Intercom does
	constructSwapped                         // HMAC(key = data, message = secret)
	constructSecretFirst                     // hash(secret ‖ data), no HMAC
	constructDataFirst                       // hash(data ‖ secret), no HMAC
)

// digestVariant is one way a digest may have been made.
type digestVariant struct {
	algorithm    digestAlgorithm
	secret       secretForm
	data         int // index into the search's data forms
	construction construction
	cut          bool // a longer digest cut to the length received
}

// plainHashes are the hashes a plain hash(secret ‖ data) is tried with,
// beyond the payload's own: SHA-256 and SHA-1, the two people mix up.
var plainHashes = []digestAlgorithm{algoHMACSHA256, algoHMACSHA1}

// maxPairs bounds the two-mistake variants (each tried with every
// secret), so the worst case stays bounded whatever the data.
const maxPairs = 160

// digestSingles lists the variants of one mistake to try for a payload
// kind, in order, cheapest first: the protocol's own way; the secret in
// each of the kind's forms; key and message swapped; the other algorithms;
// a plain hash of secret and data; a longer HMAC cut short; then every
// other cheap form of the data with every algorithm (forms[0] is the data
// as given). The costly forms of the data (a re-serialised body) are
// tried after these, all at once (digestSearch.moreRound), then the pairs.
func digestSingles(k *payloadKind, forms []dataForm) iter.Seq[digestVariant] {
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
		if k.swapped && !yield(digestVariant{algorithm: right, construction: constructSwapped}) {
			return
		}
		for _, a := range k.algorithms[1:] {
			if !yield(digestVariant{algorithm: a}) {
				return
			}
		}
		if k.plain {
			for _, a := range plainAlgorithms(right) {
				for _, c := range []construction{constructSecretFirst, constructDataFirst} {
					if a == algoHMACSHA1 && c == constructSecretFirst && slices.Contains(k.algorithms, algoLegacySHA1) {
						continue // the legacy Secure Mode digest, tried among the algorithms
					}
					if !yield(digestVariant{algorithm: a, construction: c}) {
						return
					}
				}
			}
			for _, a := range k.algorithms[1:] {
				if a.isHMAC() && digestAlgorithms[a].size > digestAlgorithms[right].size && !yield(digestVariant{algorithm: a, cut: true}) {
					return
				}
			}
		}
		for d := 1; d < len(forms); d++ {
			for _, a := range k.algorithms {
				if !yield(digestVariant{algorithm: a, data: d}) {
					return
				}
			}
		}
	}
}

// digestPairs lists, bounded, two mistakes at once: each form of the
// secret with each of the first cheap forms of the data, then with each
// other algorithm; and each cheap form of the data made with key and
// message swapped or as a plain hash. pairsAllowed, when not nil, is asked
// before each pair: false ends the list (a search bounds the bytes its
// pairs hash).
func digestPairs(k *payloadKind, cheap int, pairsAllowed func() bool) iter.Seq[digestVariant] {
	return func(yield func(digestVariant) bool) {
		right := k.algorithms[0]
		pairs := 0
		pair := func(v digestVariant) bool {
			pairs++
			if pairs > maxPairs || pairsAllowed != nil && !pairsAllowed() {
				return false
			}
			return yield(v)
		}
		for _, f := range k.secretForms {
			for d := 1; d < cheap; d++ {
				if !pair(digestVariant{algorithm: right, secret: f, data: d}) {
					return
				}
			}
			for _, a := range k.algorithms[1:] {
				if !pair(digestVariant{algorithm: a, secret: f}) {
					return
				}
			}
		}
		for d := 1; d < cheap; d++ {
			if k.swapped && !pair(digestVariant{algorithm: right, construction: constructSwapped, data: d}) {
				return
			}
			if k.plain {
				for _, a := range plainAlgorithms(right) {
					if !pair(digestVariant{algorithm: a, construction: constructSecretFirst, data: d}) {
						return
					}
				}
			}
		}
	}
}

// plainAlgorithms are the hashes a plain hash of secret and data is tried
// with: the payload's own first.
func plainAlgorithms(right digestAlgorithm) []digestAlgorithm {
	out := []digestAlgorithm{right}
	for _, a := range plainHashes {
		if a != right {
			out = append(out, a)
		}
	}
	return out
}

// mistakes are the codes of the variant's departures from the kind's
// protocol.
func (v digestVariant) mistakes(k *payloadKind, forms []dataForm) []Code {
	var codes []Code
	switch {
	case v.construction == constructSecretFirst || v.construction == constructDataFirst:
		codes = append(codes, CodePlainHash)
		if v.algorithm != k.algorithms[0] {
			codes = append(codes, CodeWrongAlgorithm)
		}
	case v.cut:
		codes = append(codes, CodeHMACTruncated)
	case v.algorithm != k.algorithms[0]:
		codes = append(codes, CodeWrongAlgorithm)
	}
	if c := v.secret.codeFor(k); c != "" {
		codes = append(codes, c)
	}
	if f := forms[v.data]; f.code != "" {
		codes = append(codes, f.code)
		if f.also != "" {
			codes = append(codes, f.also)
		}
	}
	if v.construction == constructSwapped {
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
