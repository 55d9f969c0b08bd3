package crypto

import (
	"bytes"
	"crypto/rand"
	"sync"
	"testing"
)

// TestFirstBlockIsWhatOpenDecrypts checks the engine's cheap first-block test
// against the full decryption, for every key kind and layout: sealing the
// first ciphertext block must give exactly the first plaintext block.
func TestFirstBlockIsWhatOpenDecrypts(t *testing.T) {
	ring := NewKeyring(Secret{Name: "s", Role: RoleOAuth, Value: []byte(" 00112233445566778899aabbccddeeff\n")},
		Secret{Name: "h", Role: RoleOAuth, Value: []byte("00112233445566778899aabbccddeeff")})
	plaintext := []byte(`{"type":"user","name":"Zoë Ñúñez 张伟"}`)
	for i := range ring.Len() {
		for kind := range numSheetKeys {
			for _, ivSize := range []int{IVSize, longIVSize} {
				aead := ring.sheetAEAD(i, kind, ivSize)
				if aead == nil {
					continue
				}
				iv := make([]byte, ivSize)
				rand.Read(iv)
				ciphertext := aead.Seal(nil, iv, plaintext, nil)
				s := &sheetSearch{}
				block := aead.Seal(s.first[:0], iv, ciphertext[:TagSize], nil)
				if !bytes.Equal(block[:TagSize], plaintext[:TagSize]) {
					t.Errorf("secret %d kind %d IV %d: first block %q, want %q", i, kind, ivSize, block[:TagSize], plaintext[:TagSize])
				}
			}
		}
	}
}

func TestLooksLikeText(t *testing.T) {
	for _, text := range []string{`{"user_id":"42"}`, "user_id=42&x=1", "  {\n\t\"a\": 1", "Zoë Ñúñez 张伟 🚀", "ab\xe5\xbc", ""} {
		if !looksLikeText([]byte(text)) {
			t.Errorf("%q should look like text", text)
		}
	}
	for _, binary := range []string{"\x00\x01{}", "{\"a\":\x1b[2J", "\xff\xfe{", "abc\xc2\x85", "\x7fabc", "ab\xe5\xbcz"} {
		if looksLikeText([]byte(binary)) {
			t.Errorf("%q should not look like text", binary)
		}
	}
	// Random blocks must almost never pass: each one that does costs a full
	// GCM check in the worst case.
	passed := 0
	block := make([]byte, TagSize)
	for range 200000 {
		rand.Read(block)
		if looksLikeText(block) {
			passed++
		}
	}
	if passed > 20 {
		t.Errorf("%d of 200000 random blocks look like text", passed)
	}
}

// TestKeyringIsSafeForConcurrentUse inspects from many goroutines at once
// with one keyring whose variant keys are not derived yet; run with -race.
func TestKeyringIsSafeForConcurrentUse(t *testing.T) {
	secrets := []Secret{
		{Name: "test", Role: RoleOAuth, Value: []byte("test-secret\n")},
		{Name: "prod", Role: RoleOAuth, Value: []byte("prod-secret")},
		{Name: "web", Role: RoleIdentity, Value: []byte("0a1b2c3d4e5f")},
	}
	ring := NewKeyring(secrets...)
	hexKey, err := NewSheetCipher(hexDigestKey([]byte("prod-secret")))
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := hexKey.Seal(nil, []byte(`{"type":"user"}`))
	if err != nil {
		t.Fatal(err)
	}
	input := []byte(EncodeSheetUser(sealed))
	digest := UserHash([]byte("0a1b2c3d4e5f\n"), []byte("42"))
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for range 20 {
				r := InspectSheetUser(input, ring, "test")
				if r.OpenedBy != 1 || len(r.Mistakes) != 1 || r.Mistakes[0] != "key_hex_digest" {
					t.Errorf("goroutine %d: opened by %d with %v", g, r.OpenedBy, r.Mistakes)
					return
				}
				d := CheckUserHash([]byte("42"), digest, ring, "web")
				if len(d.Mistakes) != 1 || d.Mistakes[0] != "secret_whitespace" {
					t.Errorf("goroutine %d: digest mistakes %v", g, d.Mistakes)
					return
				}
			}
		})
	}
	wg.Wait()
}
