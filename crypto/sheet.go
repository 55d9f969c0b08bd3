package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
)

// Sizes of a sealed sheet user's parts, in bytes.
const (
	IVSize        = 12               // the GCM nonce that starts the data
	TagSize       = 16               // the GCM tag that ends it
	KeySize       = 32               // an AES-256 key
	MinSealedSize = IVSize + TagSize // a sealed empty plaintext
)

// ErrAuthentication is returned by Open when the tag does not verify: the
// key is wrong, or the data was changed, cut or laid out differently.
var ErrAuthentication = errors.New("the GCM tag does not verify: wrong key, or the data was changed")

// Part is one part of a sealed user: where it starts in the decoded data, and
// its bytes (its length is len(Bytes)).
type Part struct {
	Offset int
	Bytes  []byte
}

// End returns the offset just past the part.
func (p Part) End() int { return p.Offset + len(p.Bytes) }

// Split is a sealed user cut into its IV, ciphertext and tag.
type Split struct {
	IV, Ciphertext, Tag Part
}

// SplitSealed cuts decoded data into IV (the first 12 bytes), tag (the last 16)
// and the ciphertext between them. The parts share data's memory. Data shorter
// than MinSealedSize is an *InputError naming its length.
func SplitSealed(data []byte) (Split, error) {
	if len(data) < MinSealedSize {
		return Split{}, &InputError{Code: CodeTooShort, Field: "decoded user", Offset: -1, Length: len(data),
			Reason: fmt.Sprintf("the decoded user is %d bytes; a sealed user is at least %d (a %d-byte IV and a %d-byte tag)",
				len(data), MinSealedSize, IVSize, TagSize)}
	}
	tagAt := len(data) - TagSize
	return Split{
		IV:         Part{Offset: 0, Bytes: data[:IVSize:IVSize]},
		Ciphertext: Part{Offset: IVSize, Bytes: data[IVSize:tagAt:tagAt]},
		Tag:        Part{Offset: tagAt, Bytes: data[tagAt:]},
	}, nil
}

// SheetKey derives the AES-256 key of sheet users from a secret: the raw
// 32-byte SHA-256 of it (not the 64-character hex text of that digest).
func SheetKey(secret []byte) []byte {
	key := sha256.Sum256(secret)
	return key[:]
}

// SheetCipher opens and seals sheet users with one key. It is safe for
// concurrent use; make one per secret and keep it.
type SheetCipher struct {
	aead cipher.AEAD
}

// NewSheetCipher returns a SheetCipher for a 32-byte AES-256 key, such as
// SheetKey(secret).
func NewSheetCipher(key []byte) (*SheetCipher, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("an AES-256 key is %d bytes, this one is %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &SheetCipher{aead: aead}, nil
}

// Open checks the tag and decrypts sealed (IV ‖ ciphertext ‖ tag). It returns
// an *InputError for data shorter than MinSealedSize and ErrAuthentication
// when the tag does not verify.
func (c *SheetCipher) Open(sealed []byte) ([]byte, error) {
	if _, err := SplitSealed(sealed); err != nil {
		return nil, err
	}
	plaintext, err := c.aead.Open(nil, sealed[:IVSize], sealed[IVSize:], nil)
	if err != nil {
		return nil, ErrAuthentication
	}
	return plaintext, nil
}

// Seal encrypts plaintext and returns IV ‖ ciphertext ‖ tag. A nil iv draws a
// random one, as a sender must; a given iv (12 bytes) makes reproducible test
// data.
func (c *SheetCipher) Seal(iv, plaintext []byte) ([]byte, error) {
	if iv == nil {
		iv = make([]byte, IVSize)
		if _, err := rand.Read(iv); err != nil {
			return nil, err
		}
	}
	if len(iv) != IVSize {
		return nil, fmt.Errorf("the IV must be %d bytes, this one is %d", IVSize, len(iv))
	}
	out := make([]byte, IVSize, IVSize+len(plaintext)+TagSize)
	copy(out, iv)
	return c.aead.Seal(out, iv, plaintext, nil), nil
}

// EncodeSheetUser returns sealed data as Intercom sends it: standard padded
// base64.
func EncodeSheetUser(sealed []byte) string {
	return base64.StdEncoding.EncodeToString(sealed)
}
