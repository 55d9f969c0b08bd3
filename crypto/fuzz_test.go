package crypto_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// FuzzDecodeSheetUser: any input is read or refused with an *InputError,
// never a panic; what is read re-reads to itself with nothing to normalise.
func FuzzDecodeSheetUser(f *testing.F) {
	for _, v := range fixtures.SheetUsers() {
		f.Add([]byte(v.Input))
	}
	f.Add([]byte("intercom_data=%7B%22user%22%3A%22AAEC%2B%22%7D"))
	f.Add([]byte(`{"intercom_data":{"user":"AAECAw=="}}`))
	f.Add([]byte("\ufeff  AAEC-_==\n"))
	f.Fuzz(func(t *testing.T, input []byte) {
		u, err := crypto.DecodeSheetUser(input)
		if u == nil {
			t.Fatal("no EncodedUser returned")
		}
		if err != nil {
			var ie *crypto.InputError
			if !errors.As(err, &ie) || ie.Reason == "" || ie.Code == "" {
				t.Fatalf("error %v is not an explained *InputError", err)
			}
			return
		}
		again, err := crypto.DecodeSheetUser([]byte(u.Base64))
		if err != nil || again.Base64 != u.Base64 || !bytes.Equal(again.Sealed, u.Sealed) {
			t.Fatalf("canonical %q does not re-read to itself: %v", u.Base64, err)
		}
		if len(again.Notes) != 0 {
			t.Fatalf("canonical %q still needed normalising: %+v", u.Base64, again.Notes)
		}
		if crypto.EncodeSheetUser(u.Sealed) != u.Base64 {
			t.Fatalf("canonical %q is not the standard encoding of its bytes", u.Base64)
		}
	})
}

// FuzzSealOpen: whatever the secret, IV and plaintext, sealing then opening
// gives the plaintext back, and any changed byte fails authentication.
func FuzzSealOpen(f *testing.F) {
	f.Add([]byte("test-client-secret"), []byte("0123456789ab"), []byte(`{"test":"test"}`), uint16(0))
	f.Add([]byte(""), []byte("\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), []byte(""), uint16(7))
	f.Fuzz(func(t *testing.T, secret, iv, plaintext []byte, flip uint16) {
		c, err := crypto.NewSheetCipher(crypto.SheetKey(secret))
		if err != nil {
			t.Fatal(err)
		}
		sealed, err := c.Seal(iv, plaintext)
		if len(iv) != crypto.IVSize {
			if err == nil {
				t.Fatalf("sealed with a %d-byte IV", len(iv))
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		opened, err := c.Open(sealed)
		if err != nil || !bytes.Equal(opened, plaintext) {
			t.Fatalf("round trip failed: %v", err)
		}
		tampered := append([]byte(nil), sealed...)
		tampered[int(flip)%len(tampered)] ^= 0x80
		if _, err := c.Open(tampered); !errors.Is(err, crypto.ErrAuthentication) {
			t.Fatalf("a changed byte at %d opened: %v", int(flip)%len(tampered), err)
		}
	})
}

// FuzzSplitSealed: any data splits into parts that tile it, or is refused
// as too short.
func FuzzSplitSealed(f *testing.F) {
	f.Add(make([]byte, 27))
	f.Add(make([]byte, 43))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := crypto.SplitSealed(data)
		if len(data) < crypto.MinSealedSize {
			if err == nil {
				t.Fatal("short data was split")
			}
			return
		}
		if err != nil || s.IV.End() != s.Ciphertext.Offset || s.Ciphertext.End() != s.Tag.Offset || s.Tag.End() != len(data) ||
			len(s.IV.Bytes) != crypto.IVSize || len(s.Tag.Bytes) != crypto.TagSize {
			t.Fatalf("parts do not tile %d bytes: %+v %v", len(data), s, err)
		}
	})
}
