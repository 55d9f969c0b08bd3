package crypto_test

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

// benchProfiles is how many profiles the performance targets are set for.
const benchProfiles = 20

// benchRing makes n secrets of role, half with whitespace around them and half
// hex, so that every mistake variant (trimmed, hex-decoded...) applies to some
// of them and the engine has the most to try.
func benchRing(n int, role crypto.Role) *crypto.Keyring {
	secrets := make([]crypto.Secret, n)
	for i := range secrets {
		raw := make([]byte, 20)
		rand.Read(raw)
		value := " " + hex.EncodeToString(raw)[:36] + "\n"
		if i%2 == 1 {
			value = hex.EncodeToString(raw)
		}
		secrets[i] = crypto.Secret{Name: fmt.Sprintf("profile-%02d", i), Role: role, Value: []byte(value)}
	}
	return crypto.NewKeyring(secrets...)
}

// unopenableUser seals a JSON user so that the sealed data is size bytes,
// with a secret no benchRing holds: the worst case, where every variant is
// tried with every secret and nothing opens.
func unopenableUser(tb testing.TB, size int) []byte {
	plaintext := `{"type":"user","notes":"` + strings.Repeat("x", size-crypto.MinSealedSize-len(`{"type":"user","notes":""}`)) + `"}`
	c, err := crypto.NewSheetCipher(crypto.SheetKey([]byte("a secret no profile holds")))
	if err != nil {
		tb.Fatal(err)
	}
	sealed, err := c.Seal(nil, []byte(plaintext))
	if err != nil || len(sealed) != size {
		tb.Fatalf("sealed %d bytes, want %d (%v)", len(sealed), size, err)
	}
	return []byte(crypto.EncodeSheetUser(sealed))
}

func benchmarkNothingOpens(b *testing.B, size int, warm bool) {
	input := unopenableUser(b, size)
	ring := benchRing(benchProfiles, crypto.RoleOAuth)
	r := crypto.InspectSheetUser(input, ring, "profile-00")
	if codes := codesOf(r.Diagnoses, crypto.SeverityError, crypto.SeverityWarn); len(codes) != 1 || codes[0] != "auth_failed" {
		b.Fatalf("diagnoses %v, want only auth_failed", codes)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		if !warm {
			ring = benchRing(benchProfiles, crypto.RoleOAuth)
		}
		crypto.InspectSheetUser(input, ring, "profile-00")
	}
}

// The targets: a sealed user of up to 4 KiB fully diagnosed against 20
// profiles in under 1 ms, a 1 MiB one in under 50 ms. The keyring is warm, as
// in the UI and in a batch, where it outlives the inspections.
func BenchmarkInspectSheetUserNothingOpens(b *testing.B) {
	b.Run("4KiB", func(b *testing.B) { benchmarkNothingOpens(b, 4<<10, true) })
	b.Run("1MiB", func(b *testing.B) { benchmarkNothingOpens(b, 1<<20, true) })
}

// With a keyring made for every inspection: what the first keystroke after
// loading profiles costs.
func BenchmarkInspectSheetUserNothingOpensColdKeyring(b *testing.B) {
	b.Run("4KiB", func(b *testing.B) { benchmarkNothingOpens(b, 4<<10, false) })
}

func BenchmarkCheckUserHashNothingMatches(b *testing.B) {
	ring := benchRing(benchProfiles, crypto.RoleIdentity)
	expected := crypto.UserHash([]byte("a secret no profile holds"), []byte("ada@example.com"))
	r := crypto.CheckUserHash([]byte("Ada@Example.com "), expected, ring, "profile-00")
	if codes := codesOf(r.Diagnoses, crypto.SeverityError); len(codes) != 1 || codes[0] != "digest_mismatch" {
		b.Fatalf("diagnoses %v, want only digest_mismatch", codes)
	}
	for b.Loop() {
		crypto.CheckUserHash([]byte("Ada@Example.com "), expected, ring, "profile-00")
	}
}

// BenchmarkGCMOpenFails measures Go's AES-GCM rejecting data sealed with
// another key. Its time grows with the size (the amd64 assembly decrypts and
// hashes in one pass and compares the tag at the end), so the tag check
// itself never fails fast: the engine's first-block test is what keeps the
// mistake variants cheap.
func BenchmarkGCMOpenFails(b *testing.B) {
	for _, size := range []int{4 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			block, _ := aes.NewCipher(make([]byte, 32))
			aead, _ := cipher.NewGCM(block)
			data := make([]byte, size)
			rand.Read(data)
			out := make([]byte, 0, size)
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, err := aead.Open(out[:0], data[:12], data[12:], nil); err == nil {
					b.Fatal("random data opened")
				}
			}
		})
	}
}

// BenchmarkDecodeSheetUser1MiB is the reading part of the 1 MiB case alone,
// so the engine's share of BenchmarkInspectSheetUserNothingOpens/1MiB is the
// difference.
func BenchmarkDecodeSheetUser1MiB(b *testing.B) {
	input := unopenableUser(b, 1<<20)
	b.SetBytes(1 << 20)
	for b.Loop() {
		if _, err := crypto.DecodeSheetUser(input); err != nil {
			b.Fatal(err)
		}
	}
}
