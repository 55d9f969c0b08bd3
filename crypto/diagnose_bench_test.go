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
		secrets[i] = crypto.Secret{Name: fmt.Sprintf(nameFormat(n), i), Role: role, Value: []byte(value)}
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

// The bounds of issue 14, with every family of mistakes and every pair the
// engine tries: the worst case (nothing fits, 20 profiles) at most 5 ms for
// a 4 KiB payload and 80 ms for 1 MiB. Run with
//
//	go test ./crypto -run '^$' -bench 'WorstCase|Profiles500' -benchtime 20x
//
// Each sub-benchmark first checks that nothing fits, so every variant is
// tried with every secret.
func BenchmarkWorstCase(b *testing.B) {
	for _, size := range []int{4 << 10, 1 << 20} {
		name := fmt.Sprintf("%dKiB", size>>10)
		if size >= 1<<20 {
			name = fmt.Sprintf("%dMiB", size>>20)
		}
		b.Run("sheet/"+name, func(b *testing.B) { benchmarkNothingOpens(b, size, true) })
		b.Run("signature/"+name, func(b *testing.B) { benchmarkNoSignatureFits(b, size) })
	}
	b.Run("user_hash/email", func(b *testing.B) { benchmarkNoUserHashFits(b, "Ada.Lovelace@Example.com ") })
	b.Run("user_hash/4KiB", func(b *testing.B) { benchmarkNoUserHashFits(b, strings.Repeat("a", 4<<10)) })
}

// jsonBody is a JSON webhook body of size bytes, with non-ASCII text and
// slashes, so every form of the body (mojibake, escapes, re-serialised)
// applies.
func jsonBody(size int) []byte {
	head, tail := `{"type":"notification_event","data":{"item":{"url":"https://example.com/a/b","name":"Zoë Ångström","notes":"`, `"}}}`
	return []byte(head + strings.Repeat("x", size-len(head)-len(tail)) + tail)
}

func benchmarkNoSignatureFits(b *testing.B, size int) {
	body := jsonBody(size)
	ring := benchRing(benchProfiles, crypto.RoleOAuth)
	value := crypto.SignatureValue(crypto.HeaderBodySignature, []byte("a secret no profile holds"), body)
	c := crypto.CheckSignature(crypto.HeaderBodySignature, value, body, ring, "profile-00")
	if codes := codesOf(c.Diagnoses, crypto.SeverityError); len(codes) != 1 || codes[0] != "signature_mismatch" {
		b.Fatalf("diagnoses %v, want only signature_mismatch", codes)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		crypto.CheckSignature(crypto.HeaderBodySignature, value, body, ring, "profile-00")
	}
}

func benchmarkNoUserHashFits(b *testing.B, data string) {
	ring := benchRing(benchProfiles, crypto.RoleIdentity)
	id := crypto.Identity{UserID: "4217", HasUserID: true, Email: data, HasEmail: true}
	expected := crypto.UserHash([]byte("a secret no profile holds"), []byte(data))
	r := crypto.CheckIdentity(id, expected, ring, "profile-00")
	if codes := codesOf(r.Diagnoses, crypto.SeverityError); len(codes) != 1 || codes[0] != "digest_mismatch" {
		b.Fatalf("diagnoses %v, want only digest_mismatch", codes)
	}
	for b.Loop() {
		crypto.CheckIdentity(id, expected, ring, "profile-00")
	}
}

// BenchmarkProfiles500 is the UI's analysis of a 16 MiB sheet user with 500
// profiles, the last of which opens it (bound: 200 ms): the first block is
// checked with every secret before any full check, so one full check is
// made, not 500.
func BenchmarkProfiles500(b *testing.B) {
	const n, size = 500, 16 << 20
	ring := benchRing(n, crypto.RoleOAuth)
	last := ring.Secret(n - 1)
	plaintext := `{"type":"user","notes":"` + strings.Repeat("x", size-crypto.MinSealedSize-len(`{"type":"user","notes":""}`)) + `"}`
	c, err := crypto.NewSheetCipher(crypto.SheetKey(last.Value))
	if err != nil {
		b.Fatal(err)
	}
	sealed, err := c.Seal(nil, []byte(plaintext))
	if err != nil {
		b.Fatal(err)
	}
	input := []byte(crypto.EncodeSheetUser(sealed))
	r := crypto.InspectSheetUser(input, ring, "profile-000")
	if r.OpenedBy != n-1 {
		b.Fatalf("opened by %d, want the last profile", r.OpenedBy)
	}
	b.SetBytes(size)
	for b.Loop() {
		crypto.InspectSheetUser(input, ring, "profile-000")
	}
}

// nameFormat names n profiles with as many digits as the largest needs (at
// least two): profile-00, or profile-000 for hundreds.
func nameFormat(n int) string {
	return fmt.Sprintf("profile-%%0%dd", max(2, len(fmt.Sprint(n-1))))
}
