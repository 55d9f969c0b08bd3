package crypto_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// The vectors were made by fixtures/peer.mjs, an implementation written from
// PROTOCOLS.md alone, so agreeing with them is agreeing with the protocol and
// not with ourselves.

func TestSheetUserVectors(t *testing.T) {
	for _, v := range fixtures.SheetUsers() {
		t.Run(v.Name, func(t *testing.T) {
			user, err := crypto.DecodeSheetUser([]byte(v.Input))
			if err != nil {
				t.Fatalf("DecodeSheetUser: %v (notes so far %v)", err, noteCodes(user.Notes))
			}
			if user.Base64 != v.SealedBase64 {
				t.Errorf("Base64 = %s, want %s", shorten(user.Base64), shorten(v.SealedBase64))
			}
			if string(user.Container) != v.Container {
				t.Errorf("Container = %q, want %q", user.Container, v.Container)
			}
			if got := noteCodes(user.Notes); !slices.Equal(got, v.Notes) {
				t.Errorf("notes = %v, want %v", got, v.Notes)
			}

			split, err := crypto.SplitSealed(user.Sealed)
			if err != nil {
				t.Fatalf("SplitSealed: %v", err)
			}
			if got := hex.EncodeToString(split.IV.Bytes); got != v.IV || split.IV.Offset != 0 {
				t.Errorf("IV = %s at %d, want %s at 0", got, split.IV.Offset, v.IV)
			}
			if got := hex.EncodeToString(split.Tag.Bytes); got != v.Tag || split.Tag.End() != len(user.Sealed) {
				t.Errorf("tag = %s ending at %d, want %s ending at %d", got, split.Tag.End(), v.Tag, len(user.Sealed))
			}
			if got := len(split.Ciphertext.Bytes); got != v.CiphertextBytes || split.Ciphertext.Offset != crypto.IVSize {
				t.Errorf("ciphertext = %d bytes at %d, want %d at %d", got, split.Ciphertext.Offset, v.CiphertextBytes, crypto.IVSize)
			}

			sheet, err := crypto.NewSheetCipher(crypto.SheetKey([]byte(v.Secret)))
			if err != nil {
				t.Fatal(err)
			}
			plaintext, err := sheet.Open(user.Sealed)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if string(plaintext) != v.Plaintext {
				t.Errorf("plaintext = %s, want %s", shorten(string(plaintext)), shorten(v.Plaintext))
			}

			iv, err := hex.DecodeString(v.IV)
			if err != nil {
				t.Fatal(err)
			}
			sealed, err := sheet.Seal(iv, []byte(v.Plaintext))
			if err != nil {
				t.Fatalf("Seal: %v", err)
			}
			if got := crypto.EncodeSheetUser(sealed); got != v.SealedBase64 {
				t.Errorf("sealing the plaintext with the vector's IV gives %s, want %s", shorten(got), shorten(v.SealedBase64))
			}
		})
	}
}

// A tag that verifies must stop verifying when anything changes: the Python
// sample's failure (never checking the tag) is what this guards against.
func TestSheetUserVectorsRejectChanges(t *testing.T) {
	for _, v := range fixtures.SheetUsers() {
		t.Run(v.Name, func(t *testing.T) {
			user, err := crypto.DecodeSheetUser([]byte(v.SealedBase64))
			if err != nil {
				t.Fatalf("DecodeSheetUser: %v", err)
			}
			sheet, err := crypto.NewSheetCipher(crypto.SheetKey([]byte(v.Secret)))
			if err != nil {
				t.Fatal(err)
			}
			for _, offset := range []int{0, crypto.IVSize, len(user.Sealed) - 1} {
				changed := slices.Clone(user.Sealed)
				changed[offset] ^= 0x01
				if _, err := sheet.Open(changed); !errors.Is(err, crypto.ErrAuthentication) {
					t.Errorf("flipping a bit at offset %d: Open error = %v, want ErrAuthentication", offset, err)
				}
			}
			other, err := crypto.NewSheetCipher(crypto.SheetKey([]byte(v.Secret + "-other")))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := other.Open(user.Sealed); !errors.Is(err, crypto.ErrAuthentication) {
				t.Errorf("opening with another secret: error = %v, want ErrAuthentication", err)
			}
		})
	}
}

func TestUserHashVectors(t *testing.T) {
	for _, v := range fixtures.UserHashes() {
		t.Run(v.Name, func(t *testing.T) {
			got := crypto.UserHash([]byte(v.Secret), []byte(v.Data))
			if got != v.Digest {
				t.Errorf("UserHash = %s, want %s", got, v.Digest)
			}
			if !crypto.DigestsEqual(got, v.Digest) {
				t.Errorf("DigestsEqual(%s, itself) = false", v.Digest)
			}
			// PROTOCOLS.md: uppercase hex is a warning, not a match.
			if crypto.DigestsEqual(strings.ToUpper(v.Digest), v.Digest) {
				t.Errorf("DigestsEqual matches the uppercase digest")
			}
			if crypto.DigestsEqual(v.Digest[:63], v.Digest) {
				t.Errorf("DigestsEqual matches a digest one character short")
			}
			changed := []byte(v.Digest)
			changed[len(changed)-1] ^= 0x01
			if crypto.DigestsEqual(string(changed), v.Digest) {
				t.Errorf("DigestsEqual matches %s", changed)
			}
		})
	}
}

func noteCodes(notes []crypto.Note) []string {
	codes := []string{}
	for _, n := range notes {
		codes = append(codes, string(n.Code))
	}
	return codes
}

// shorten keeps failure messages readable for the 64 KiB vector.
func shorten(s string) string {
	if len(s) <= 120 {
		return s
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:100], len(s))
}
