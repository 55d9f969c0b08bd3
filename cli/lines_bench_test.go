package cli

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// benchUsers seals n users of about 300 bytes of JSON, as the harness's
// Node peer makes them, one base64 value per line.
func benchUsers(b *testing.B, secret crypto.Secret, n int) []byte {
	return benchUsersNamed(b, secret, n, "Zoë Müller 🚀")
}

// benchUsersNamed is benchUsers of users who all have the given name.
func benchUsersNamed(b *testing.B, secret crypto.Secret, n int, name string) []byte {
	cipher, err := crypto.NewSheetCipher(crypto.SheetKey(secret.Value))
	if err != nil {
		b.Fatal(err)
	}
	var lines bytes.Buffer
	for i := range n {
		user := fmt.Sprintf(`{"type":"user","id":"%024x","user_id":"%d","email":"user%d@example.com","name":"%s","created_at":%d,"custom_attributes":{"plan":"pro","seats":%d,"city":"São Paulo","beta_tester":true,"notes":"onboarding renewal invoice seats trial upgrade support webhook canvas"}}`,
			i, 1000+i, 1000+i, name, 1600000000+i, i%500)
		sealed, err := cipher.Seal(nil, []byte(user))
		if err != nil {
			b.Fatal(err)
		}
		lines.WriteString(crypto.EncodeSheetUser(sealed))
		lines.WriteByte('\n')
	}
	return lines.Bytes()
}

// BenchmarkDecryptRecord is one line of 'decrypt --lines' on one core:
// reading, opening and encoding its record.
func BenchmarkDecryptRecord(b *testing.B) {
	benchDecryptRecords(b, "Zoë Müller 🚀")
}

// BenchmarkDecryptRecordEscaped is BenchmarkDecryptRecord of users whose
// name holds a zero-width joiner (👩‍💻), which the record escapes: one in
// seven of the harness's users.
func BenchmarkDecryptRecordEscaped(b *testing.B) {
	benchDecryptRecords(b, "יעל Müller 👩\u200d💻")
}

// benchDecryptRecords is one record at a time, on one core, of 1,024 users
// of the given name.
func benchDecryptRecords(b *testing.B, name string) {
	secret := crypto.Secret{Name: "bench", Role: crypto.RoleOAuth, Value: []byte("FAKE-bench-oauth-secret")}
	lines := bytes.Split(bytes.TrimSuffix(benchUsersNamed(b, secret, 1024, name), []byte("\n")), []byte("\n"))
	work := decryptLines(crypto.NewKeyring(secret), "", nil, fixLangs{})()
	var out []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var ok bool
		out, ok = work(lines[i%len(lines)], i+1, out[:0])
		if !ok {
			b.Fatalf("line %d did not open: %s", i%len(lines)+1, out)
		}
	}
}

// BenchmarkDecryptLines is 'decrypt --lines' over 20,000 users on every
// core, records discarded; ns/op is per run, so records/s is 20,000/that.
func BenchmarkDecryptLines(b *testing.B) {
	secret := crypto.Secret{Name: "bench", Role: crypto.RoleOAuth, Value: []byte("FAKE-bench-oauth-secret")}
	const n = 20000
	input := benchUsers(b, secret, n)
	work := decryptLines(crypto.NewKeyring(secret), "", nil, fixLangs{})
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines, fails, err := forEachLineEach(bytes.NewReader(input), io.Discard, work)
		if err != nil || lines != n || fails != 0 {
			b.Fatalf("lines %d fails %d err %v", lines, fails, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkHMACLines is 'hmac --lines' over 20,000 user_id<TAB>digest
// lines on every core, records discarded.
func BenchmarkHMACLines(b *testing.B) {
	secret := []byte("FAKE-bench-identity-secret")
	const n = 20000
	var input bytes.Buffer
	for i := range n {
		id := fmt.Sprint(10_000_000 + i*7919)
		fmt.Fprintf(&input, "%s\t%s\n", id, crypto.UserHash(secret, []byte(id)))
	}
	ring := crypto.NewKeyring(crypto.Secret{Name: "bench", Role: crypto.RoleIdentity, Value: secret})
	work := hmacLines(ring, "", nil, fixLangs{})
	b.SetBytes(int64(input.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines, fails, err := forEachLineEach(bytes.NewReader(input.Bytes()), io.Discard, work)
		if err != nil || lines != n || fails != 0 {
			b.Fatalf("lines %d fails %d err %v", lines, fails, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkVerifyJWTLines is 'verify --lines' over 20,000 HS256 Messenger
// JWTs on every core, records discarded.
func BenchmarkVerifyJWTLines(b *testing.B) {
	secret := "FAKE-bench-messenger-secret"
	const n = 20000
	var input bytes.Buffer
	now := time.Now()
	for i := range n {
		claims := fmt.Sprintf(`{"user_id":"%d","email":"user%d@example.com","iat":%d,"exp":%d}`, 10_000_000+i*7919, i, now.Unix(), now.Unix()+365*86400)
		input.WriteString(fixtures.SignJWT(secret, []byte(claims)))
		input.WriteByte('\n')
	}
	ring := crypto.NewKeyring(crypto.Secret{Name: "bench", Role: crypto.RoleMessenger, Value: []byte(secret)})
	rings := &roleKeyrings{byRole: map[crypto.Role]*resolvedKeyring{crypto.RoleMessenger: {ring: ring}}}
	work := verifyLines(rings, fixLangs{}, nil, now, verifyLine(rings, fixLangs{}, nil, now))
	b.SetBytes(int64(input.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines, fails, err := forEachLineEach(bytes.NewReader(input.Bytes()), io.Discard, work)
		if err != nil || lines != n || fails != 0 {
			b.Fatalf("lines %d fails %d err %v", lines, fails, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
