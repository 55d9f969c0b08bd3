package cli

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// verifyRings is a roleKeyrings with ring for every role, as the CLI
// resolves them from the profiles, with its notes.
func verifyRings(ring *crypto.Keyring, chosen string, notes []crypto.Note) *roleKeyrings {
	byRole := map[crypto.Role]*resolvedKeyring{}
	for _, role := range []crypto.Role{crypto.RoleOAuth, crypto.RoleIdentity, crypto.RoleMessenger} {
		byRole[role] = &resolvedKeyring{ring: ring, chosen: chosen, notes: notes}
	}
	return &roleKeyrings{byRole: byRole}
}

// signToken signs a header and claims, given as JSON, with HS256 and secret.
func signToken(secret, header, claims string) string {
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(claims))
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signed))
	return signed + "." + enc.EncodeToString(mac.Sum(nil))
}

// jwtLines are tokens signed with each secret of ring: clean ones, and
// ones with everything CheckJWT has something to say about, as of now.
func jwtLines(ring *crypto.Keyring, now time.Time) []string {
	hs256 := `{"alg":"HS256","typ":"JWT"}`
	at := func(d time.Duration) int64 { return now.Add(d).Unix() }
	claims := []string{
		fmt.Sprintf(`{"user_id":"4711","email":"zoe@example.com","iat":%d,"exp":%d}`, at(-time.Minute), at(time.Hour)),
		`{"user_id":"4711"}`,
		`{"user_id":4711,"name":"Zoë"}`,
		`{"user_id":-1.5e3}`,
		fmt.Sprintf(`{"user_id":"u","exp":%d.25,"nbf":%d,"iat":%d}`, at(24*time.Hour), at(-time.Hour), at(-time.Hour)),
		`{"user_id":"u","nested":{"exp":1,"a":[1,{"b":"}"}]},"s":"a\"b,c"}`,
		fmt.Sprintf(`{"user_id":"u","exp":%d}`, at(-time.Hour)),
		fmt.Sprintf(`{"user_id":"u","nbf":%d}`, at(time.Hour)),
		fmt.Sprintf(`{"user_id":"u","iat":%d}`, at(time.Hour)),
		fmt.Sprintf(`{"user_id":"u","exp":%d}`, at(time.Hour)*1000),
		`{"user_id":"u","exp":"tomorrow"}`,
		`{"user_id":"u","exp":-99999999999}`,
		`{"user_id":""}`,
		`{"sub":"4711"}`,
		`{"user_id":null}`,
		`{"user_id":"a\"b"}`,
		`{"user_id":"\u00e9"}`,
		`{"user_id":"é"}`,
		`{"user_id":"` + "\u202e" + `"}`,
		`{"user_id":"a","user_id":"b"}`,
		`{"user\u005fid":"4711"}`,
		`{"user_id": "4711"}`,
		`{"user_id":"<b>&"}`,
		`{"s":"` + "\u009b\x7f" + `","user_id":"x"}`,
		`[1]`,
		`{}`,
	}
	var lines []string
	for i := range ring.Len() {
		secret := string(ring.Secret(i).Value)
		for _, c := range claims {
			lines = append(lines, signToken(secret, hs256, c))
		}
		for _, h := range []string{`{"typ":"JWT","alg":"HS256","kid":"k1"}`, `{"alg":"HS512"}`, `{"alg":"none"}`, `{"alg":"HS256","alg":"none"}`, `{"typ":"JWT"}`, `{ "alg":"HS256"}`} {
			lines = append(lines, signToken(secret, h, claims[1]))
		}
		token := signToken(secret, hs256, claims[0])
		lines = append(lines, token+"=", strings.ReplaceAll(token, "-", "+"), token[:len(token)-1]+"B", " "+token, `"`+token+`"`, token+".x")
	}
	return append(lines, signToken("another secret", hs256, claims[1]), "eyJ", "eyJ.e.e", "not a token", "")
}

func TestVerifyFastPathIsTheEngine(t *testing.T) {
	now := time.Now()
	notes := []crypto.Note{{Code: "secret_file_permissions", Message: "a note about the secret"}}
	rings := []*crypto.Keyring{fastPathRing(nil), crypto.NewKeyring(crypto.Secret{Name: "m'\"é", Role: crypto.RoleMessenger, Value: []byte("FAKE-m")})}
	for ri, ring := range rings {
		lines := jwtLines(ring, now)
		lines = append(lines, sheetLines(t, ring, "")[:3]...)
		lines = append(lines, hmacLinesFor(ring, "42", "x")[:3]...)
		for _, chosen := range []string{"", "messenger", "prod-oauth", "token"} {
			for _, n := range []([]crypto.Note){nil, notes} {
				r := verifyRings(ring, chosen, n)
				full := verifyLine(r, fixLangs{}, nil, now)
				sameAsEngine(t, fmt.Sprintf("keyring %d, chosen %q", ri, chosen), full, verifyLines(r, fixLangs{}, nil, now, full), lines)
			}
		}
		header := headerFlags{{Name: "X-Hub-Signature", Value: "sha1=00"}}
		r := verifyRings(ring, "", nil)
		full := verifyLine(r, fixLangs{}, header, now)
		sameAsEngine(t, "with --header", full, verifyLines(r, fixLangs{}, header, now, full), lines)
	}
	// The token fixtures, each with its secrets and time.
	cases, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := fixtures.CaptureSecrets()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Layout != "token" || len(c.Headers) > 0 {
			continue
		}
		input, err := c.Input()
		if err != nil {
			t.Fatal(err)
		}
		var ring []crypto.Secret
		for _, name := range c.Profiles {
			for _, s := range secrets {
				if s.Name == name {
					ring = append(ring, crypto.Secret{Name: s.Name, Role: crypto.Role(s.Role), Workspace: s.Workspace, Platform: s.Platform, Value: []byte(s.Value)})
				}
			}
		}
		at := now
		if c.At != "" {
			if at, err = time.Parse(time.RFC3339, c.At); err != nil {
				t.Fatal(err)
			}
		}
		r := verifyRings(crypto.NewKeyring(ring...), c.Chosen, nil)
		full := verifyLine(r, fixLangs{}, nil, at)
		sameAsEngine(t, c.Name, full, verifyLines(r, fixLangs{}, nil, at, full), []string{string(bytes.TrimSpace(input))})
	}
}

// FuzzVerifyFastPathIsTheEngine holds the fast path of 'verify --lines' to
// the full engine: for any line, the same record and verdict.
func FuzzVerifyFastPathIsTheEngine(f *testing.F) {
	ring := fastPathRing(nil)
	now := time.Unix(1_800_000_000, 0)
	for _, line := range jwtLines(ring, now) {
		f.Add([]byte(line))
	}
	r := verifyRings(ring, "", nil)
	full := verifyLine(r, fixLangs{}, nil, now)
	fast := verifyLines(r, fixLangs{}, nil, now, full)()
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.ContainsAny(line, "\r\n") {
			return // not one line
		}
		want, wantOK := full(line, 1, nil)
		got, gotOK := fast(line, 1, nil)
		if !bytes.Equal(got, want) || gotOK != wantOK {
			t.Fatalf("line %q:\n fast path %v %s\n engine    %v %s", line, gotOK, got, wantOK, want)
		}
	})
}
