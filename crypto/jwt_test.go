package crypto

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	jwtNow       = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	jwtMessenger = Secret{Name: "messenger", Role: RoleMessenger, Value: []byte("messenger secret")}
)

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func signHS256(key []byte, header, claims string) string {
	input := b64(header) + "." + b64(claims)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(input))
	return input + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

const hs256 = `{"alg":"HS256","typ":"JWT"}`

func TestCheckJWT(t *testing.T) {
	key := jwtMessenger.Value
	valid := signHS256(key, hs256, `{"user_id":"4711","exp":1748782800}`)
	parts := strings.Split(valid, ".")
	tests := []struct {
		name, token string
		codes       []string
		ok          bool
	}{
		{"valid", valid, []string{"match"}, true},
		{"valid with quotes and whitespace", "\n\"" + valid + "\" ", []string{"match"}, true},
		{"numeric user_id, no exp", signHS256(key, hs256, `{"user_id":4711}`), []string{"match"}, true},
		{"one part", parts[0], []string{"jwt_malformed"}, false},
		{"JWE", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..iv.ct.tag", []string{"jwt_malformed"}, false},
		{"padding", parts[0] + "=." + parts[1] + "." + parts[2], []string{"jwt_malformed", "jwt_signature"}, false},
		{"standard base64 characters", signHS256(key, hs256, `{"user_id":"4711","note":">>>??"}`), []string{"match"}, true},
		// The right MAC written the wrong way (issue 12): named, not a bare ok:false.
		{"signature padded", valid + "=", []string{"jwt_signature_encoding"}, false},
		{"signature in standard base64", parts[0] + "." + parts[1] + "." + strings.NewReplacer("-", "+", "_", "/").Replace(parts[2]), []string{"jwt_signature_encoding"}, false},
		{"signature with non-canonical trailing bits", parts[0] + "." + parts[1] + "." + nonCanonical(parts[2]), []string{"jwt_signature_encoding"}, false},
		{"claims not JSON", parts[0] + "." + b64("not json") + "." + parts[2], []string{"jwt_malformed", "jwt_signature"}, false},
		{"no alg", signHS256(key, `{"typ":"JWT"}`, `{"user_id":"1"}`), []string{"jwt_alg"}, false},
		{"alg None, any case, signature or not", b64(`{"alg":"None"}`) + "." + b64(`{"user_id":"1"}`) + "." + parts[2], []string{"jwt_alg"}, false},
		{"RS256", b64(`{"alg":"RS256"}`) + "." + b64(`{"user_id":"1"}`) + ".c2ln", []string{"jwt_alg"}, false},
		{"exp is a string", signHS256(key, hs256, `{"user_id":"1","exp":"tomorrow"}`), []string{"jwt_malformed"}, false},
		{"empty user_id", signHS256(key, hs256, `{"user_id":""}`), []string{"jwt_missing_user_id"}, false},
		{"object user_id", signHS256(key, hs256, `{"user_id":{"id":1}}`), []string{"jwt_missing_user_id"}, false},
		{"issued in the future", signHS256(key, hs256, `{"user_id":"1","iat":1748779500}`), []string{"jwt_not_yet_valid"}, false},
		{"expired exactly now", signHS256(key, hs256, `{"user_id":"1","exp":1748779200}`), []string{"jwt_expired"}, false},
		{"secret with a newline", signHS256([]byte("messenger secret\n"), hs256, `{"user_id":"1"}`), []string{"secret_whitespace"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CheckJWT(tt.token, NewKeyring(jwtMessenger), "messenger", jwtNow)
			if got := diagnosisCodes(r.Diagnoses); !slices.Equal(got, tt.codes) {
				for _, d := range r.Diagnoses {
					t.Logf("%s: %s", d.Code, d.Message)
				}
				t.Errorf("codes %v, want %v", got, tt.codes)
			}
			if r.OK() != tt.ok {
				t.Errorf("OK() = %v, want %v", r.OK(), tt.ok)
			}
		})
	}
}

func TestCheckJWTSaysWhereAPartIsBroken(t *testing.T) {
	token := b64(hs256) + ".eyJ1c2VyX2lkIjoiMSJ9+x.c2ln"
	r := CheckJWT(token, NewKeyring(jwtMessenger), "", jwtNow)
	want := "the claims part is not base64url: '+' at offset 57 (standard base64; JWTs use base64url, '-' and '_')"
	if r.Diagnoses[0].Code != "jwt_malformed" || r.Diagnoses[0].Message != want {
		t.Errorf("got %q\nwant %q", r.Diagnoses[0].Message, want)
	}
}

// alg none is never accepted, whatever else is right about the token.
func TestCheckJWTNeverAcceptsAlgNone(t *testing.T) {
	for _, alg := range []string{"none", "None", "NONE", "nOnE"} {
		token := b64(`{"alg":"`+alg+`"}`) + "." + b64(`{"user_id":"1"}`) + "."
		r := CheckJWT(token, NewKeyring(jwtMessenger), "", jwtNow)
		if r.OK() || r.Signature != nil || diagnosisCodes(r.Diagnoses)[0] != "jwt_alg" {
			t.Errorf("alg %q: ok %v signature %v codes %v", alg, r.OK(), r.Signature, diagnosisCodes(r.Diagnoses))
		}
	}
}

func TestCheckJWTReportsTimesAndParts(t *testing.T) {
	token := signHS256(jwtMessenger.Value, hs256, `{"user_id":"4711","iat":1748779140,"nbf":1748779140,"exp":1748782800.5}`)
	r := CheckJWT(token, NewKeyring(jwtMessenger), "", jwtNow)
	if !r.OK() || r.Alg != "HS256" || r.UserID != "4711" || string(r.Header) != hs256 {
		t.Fatalf("report %+v", r)
	}
	if !r.ExpiresAt.Equal(time.Unix(1748782800, 5e8)) || !r.NotBefore.Equal(time.Unix(1748779140, 0)) || !r.IssuedAt.Equal(time.Unix(1748779140, 0)) {
		t.Errorf("times %v %v %v", r.ExpiresAt, r.NotBefore, r.IssuedAt)
	}
	if !strings.Contains(r.Diagnoses[0].Message, "expires in 1 hour, at 2025-06-01T13:00:00Z") {
		t.Errorf("match message %q", r.Diagnoses[0].Message)
	}
	if r.Signature.Computed != strings.Split(token, ".")[2] || !r.Signature.Match {
		t.Errorf("signature %+v", r.Signature)
	}
}

func TestCheckJWTNoSecret(t *testing.T) {
	r := CheckJWT(signHS256([]byte("k"), hs256, `{"user_id":"1"}`), NewKeyring(), "", jwtNow)
	if got := diagnosisCodes(r.Diagnoses); !slices.Equal(got, []string{"no_secret"}) || r.OK() {
		t.Errorf("codes %v", got)
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                     "0 seconds",
		time.Second:                           "1 second",
		90 * time.Second:                      "1 minute 30 seconds",
		2*time.Hour + 5*time.Second:           "2 hours",
		-(3*24*time.Hour + 4*time.Hour + 5):   "3 days 4 hours",
		25 * time.Hour:                        "1 day 1 hour",
		59*time.Minute + 59*time.Second + 1e8: "59 minutes 59 seconds",
	} {
		if got := HumanDuration(d); got != want {
			t.Errorf("HumanDuration(%v) = %q, want %q", d, got, want)
		}
		if got := string(AppendHumanDuration([]byte("in "), d)); got != "in "+want {
			t.Errorf("AppendHumanDuration(\"in \", %v) = %q, want %q", d, got, "in "+want)
		}
	}
}

func BenchmarkCheckJWT(b *testing.B) {
	token := signHS256(jwtMessenger.Value, hs256, `{"user_id":"4711","email":"zoe@example.com","exp":1748782800}`)
	ring := NewKeyring(jwtMessenger)
	for b.Loop() {
		CheckJWT(token, ring, "messenger", jwtNow)
	}
}

// nonCanonical changes the last character of a base64url text so that it
// sets bits past the end of the data: it decodes to the same bytes.
func nonCanonical(sig string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, sig[len(sig)-1])
	return sig[:len(sig)-1] + string(alphabet[last|1])
}
