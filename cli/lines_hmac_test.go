package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// hmacLinesFor are lines for a keyring: the mistake fixture's own line
// (when it fits on one), and for each secret a right digest, one in
// uppercase, one with spaces around it, of data that is plain and data that
// JSON must escape; a line without a digest, and wrong digests.
func hmacLinesFor(ring *crypto.Keyring, data, expected string) []string {
	var lines []string
	if !strings.ContainsAny(data+expected, "\r\n") {
		lines = append(lines, data+"\t"+expected)
	}
	for i := range ring.Len() {
		secret := ring.Secret(i).Value
		for _, d := range []string{"4711", "zoe@example.com", `quote " back \ slash`, "Zoë", "\x7f", "", "a\tb"} {
			digest := crypto.UserHash(secret, []byte(d))
			lines = append(lines, d+"\t"+digest, d+"\t"+strings.ToUpper(digest), d+"\t "+digest+" ", d+"\t"+digest[:40], d)
		}
	}
	return append(lines, "4711\t", "4711\t"+strings.Repeat("0", 64), "4711\tnot hex", "", "\t")
}

func TestHMACFastPathIsTheEngine(t *testing.T) {
	notes := []crypto.Note{{Code: "secret_file_permissions", Message: "a note about the secret"}}
	for _, c := range fixtures.DiagnosisCases() {
		if c.Kind != fixtures.KindDigest {
			continue
		}
		ring := fastPathRing(c.Profiles)
		for _, chosen := range []string{c.Chosen, ""} {
			sameAsEngine(t, c.Name, hmacLine(ring, chosen, nil, fixLangs{}), hmacLines(ring, chosen, nil, fixLangs{}), hmacLinesFor(ring, c.Data, c.Expected))
		}
	}
	for _, v := range fixtures.UserHashes() {
		ring := crypto.NewKeyring(crypto.Secret{Name: v.Name, Role: crypto.RoleIdentity, Value: []byte(v.Secret)})
		sameAsEngine(t, v.Name, hmacLine(ring, "", nil, fixLangs{}), hmacLines(ring, "", nil, fixLangs{}), hmacLinesFor(ring, v.Data, v.Digest))
	}
	ring := fastPathRing(nil)
	for _, chosen := range []string{"", "web", "prod-oauth", "token", "no such profile"} {
		sameAsEngine(t, "made-up secrets, chosen "+chosen, hmacLine(ring, chosen, notes, fixLangs{}), hmacLines(ring, chosen, notes, fixLangs{}), hmacLinesFor(ring, "42", "x"))
	}
	sameAsEngine(t, "no secret", hmacLine(crypto.NewKeyring(), "", nil, fixLangs{}), hmacLines(crypto.NewKeyring(), "", nil, fixLangs{}), []string{"42", "42\tabc"})
}

// FuzzHMACFastPathIsTheEngine holds the fast path of 'hmac --lines' to the
// full engine: for any line and any chosen profile, the same record and
// verdict.
func FuzzHMACFastPathIsTheEngine(f *testing.F) {
	ring := fastPathRing(nil)
	for i := range ring.Len() {
		f.Add([]byte("4711\t"+crypto.UserHash(ring.Secret(i).Value, []byte("4711"))), uint8(i))
		f.Add([]byte("zoe@example.com"), uint8(i))
	}
	for _, c := range fixtures.DiagnosisCases() {
		if c.Kind == fixtures.KindDigest {
			f.Add([]byte(c.Data+"\t"+c.Expected), uint8(255))
		}
	}
	type pair struct {
		full lineWork
		fast lineWork
	}
	works := map[uint8]pair{}
	f.Fuzz(func(t *testing.T, line []byte, chosen uint8) {
		if bytes.ContainsAny(line, "\r\n") {
			return // not one line
		}
		name := ""
		if int(chosen) < ring.Len() {
			name = ring.Secret(int(chosen)).Name
		} else {
			chosen = 255
		}
		w, ok := works[chosen]
		if !ok {
			w = pair{hmacLine(ring, name, nil, fixLangs{}), hmacLines(ring, name, nil, fixLangs{})()}
			works[chosen] = w
		}
		want, wantOK := w.full(line, 1, nil)
		got, gotOK := w.fast(line, 1, nil)
		if !bytes.Equal(got, want) || gotOK != wantOK {
			t.Fatalf("line %q, chosen %q:\n fast path %v %s\n engine    %v %s", line, name, gotOK, got, wantOK, want)
		}
	})
}
