package crypto

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

const fox = "The quick brown fox jumps over the lazy dog"

// Published HMAC vectors (key "key", the fox sentence).
func TestSignatureValueVectors(t *testing.T) {
	if got := SignatureValue("x-hub-signature", []byte("key"), []byte(fox)); got != "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9" {
		t.Errorf("X-Hub-Signature: %s", got)
	}
	if got := SignatureValue(HeaderBodySignature, []byte("key"), []byte(fox)); got != "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8" {
		t.Errorf("X-Body-Signature: %s", got)
	}
	if got := SignatureValue("X-Other", []byte("key"), []byte(fox)); got != "" {
		t.Errorf("an unknown header: %q", got)
	}
}

func sigRing(secrets ...Secret) *Keyring { return NewKeyring(secrets...) }

func mac(a digestAlgorithm, key, message []byte) []byte { return a.sum(nil, key, message) }

var (
	oauthTest = Secret{Name: "test-oauth", Role: RoleOAuth, Workspace: "test", Value: []byte("key")}
	oauthProd = Secret{Name: "prod-oauth", Role: RoleOAuth, Workspace: "production", Value: []byte("prod key")}
	identity  = Secret{Name: "web-identity", Role: RoleIdentity, Value: []byte("identity key")}
)

func TestCheckSignatureCombinations(t *testing.T) {
	sha1Hex := "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"
	sha256Hex := "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
	prodSHA1 := hex.EncodeToString(mac(algoHMACSHA1, oauthProd.Value, []byte(fox)))
	tests := []struct {
		name, header, value string
		ring                *Keyring
		chosen              string
		codes               []string
		match, ok           bool
	}{
		{"exact", HeaderHubSignature, "sha1=" + sha1Hex, sigRing(oauthTest), "test-oauth", []string{"match"}, true, true},
		{"none chosen, any secret", HeaderHubSignature, "sha1=" + prodSHA1, sigRing(oauthTest, oauthProd), "", []string{"match"}, true, true},
		{"uppercase and no prefix", HeaderHubSignature, strings.ToUpper(sha1Hex), sigRing(oauthTest), "", []string{"signature_prefix", "uppercase_hex"}, false, false},
		{"sha256 under sha1=", HeaderHubSignature, "sha1=" + sha256Hex, sigRing(oauthTest), "", []string{"wrong_algorithm"}, false, false},
		{"uppercase prefix", HeaderHubSignature, "SHA1=" + sha1Hex, sigRing(oauthTest), "", []string{"signature_prefix"}, false, false},
		{"sha256= prefix on a sha1 digest", HeaderHubSignature, "sha256=" + sha1Hex, sigRing(oauthTest), "", []string{"signature_prefix"}, false, false},
		{"mixed case hex", HeaderBodySignature, "F7bc" + sha256Hex[4:], sigRing(oauthTest), "", []string{"uppercase_hex"}, false, false},
		{"base64 of sha1 under X-Body-Signature", HeaderBodySignature, base64.StdEncoding.EncodeToString(mac(algoHMACSHA1, []byte("key"), []byte(fox))), sigRing(oauthTest), "", []string{"digest_base64", "wrong_algorithm"}, false, false},
		{"url-safe unpadded base64", HeaderBodySignature, base64.RawURLEncoding.EncodeToString(mac(algoHMACSHA256, []byte("key"), []byte(fox))), sigRing(oauthTest), "", []string{"digest_base64"}, false, false},
		{"sha512", HeaderBodySignature, hex.EncodeToString(mac(algoHMACSHA512, []byte("key"), []byte(fox))), sigRing(oauthTest), "", []string{"wrong_algorithm"}, false, false},
		{"md5", HeaderHubSignature, "md5=" + hex.EncodeToString(mac(algoHMACMD5, []byte("key"), []byte(fox))), sigRing(oauthTest), "", []string{"wrong_algorithm"}, false, false},
		{"wrong profile and wrong role", HeaderHubSignature, SignatureValue(HeaderHubSignature, identity.Value, []byte(fox)), sigRing(oauthTest, identity), "test-oauth", []string{"wrong_profile", "wrong_role"}, true, false},
		{"no match, chosen has the wrong role", HeaderHubSignature, "sha1=" + strings.Repeat("0", 40), sigRing(identity, oauthTest), "web-identity", []string{"wrong_role"}, false, false},
		{"no match", HeaderHubSignature, "sha1=" + strings.Repeat("0", 40), sigRing(oauthTest), "", []string{"signature_mismatch"}, false, false},
		{"empty", HeaderHubSignature, "", sigRing(oauthTest), "", []string{"signature_malformed"}, false, false},
		{"prefix only", HeaderHubSignature, "sha1=", sigRing(oauthTest), "", []string{"signature_malformed"}, false, false},
		{"no secret", HeaderHubSignature, "sha1=" + sha1Hex, sigRing(), "", []string{"no_secret"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CheckSignature(tt.header, tt.value, []byte(fox), tt.ring, tt.chosen)
			if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, tt.codes) {
				for _, d := range c.Diagnoses {
					t.Logf("%s: %s", d.Code, d.Message)
				}
				t.Errorf("codes %v, want %v", got, tt.codes)
			}
			if c.Match != tt.match || c.OK() != tt.ok {
				t.Errorf("match %v ok %v, want %v %v", c.Match, c.OK(), tt.match, tt.ok)
			}
		})
	}
}

func TestCheckSignatureSecretWhitespaceBothWays(t *testing.T) {
	body := []byte(fox)
	// The stored secret has whitespace the sender's did not.
	padded := Secret{Name: "padded", Role: RoleOAuth, Value: []byte("  key\n")}
	c := CheckSignature(HeaderHubSignature, SignatureValue(HeaderHubSignature, []byte("key"), body), body, sigRing(padded), "padded")
	if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, []string{"secret_whitespace"}) || !strings.Contains(c.Diagnoses[0].Message, "trimmed of its") {
		t.Errorf("stored with whitespace: %v %v", got, c.Diagnoses)
	}
	// The sender's secret had the newline a file or echo adds.
	c = CheckSignature(HeaderHubSignature, SignatureValue(HeaderHubSignature, []byte("key\n"), body), body, sigRing(oauthTest), "")
	if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, []string{"secret_whitespace"}) || !strings.Contains(c.Diagnoses[0].Message, "trailing newline") {
		t.Errorf("signed with a newline: %v %v", got, c.Diagnoses)
	}
}

// Signatures try the secret forms of the shared table, so a signer that
// read its secret from a Windows file, or decoded a hex secret, is named as
// a user_hash sender would be.
func TestCheckSignatureSecretForms(t *testing.T) {
	body := []byte(fox)
	hexSecret := Secret{Name: "hex", Role: RoleOAuth, Value: []byte("0a1b2c3d4e5f60718293a4b5c6d7e8f9")}
	decoded, _ := hex.DecodeString(string(hexSecret.Value))
	for _, tt := range []struct {
		name   string
		signer []byte
		secret Secret
		code   string
		says   string
	}{
		{"CRLF", []byte("key\r\n"), oauthTest, "secret_whitespace", "a CRLF is appended to the secret of 'test-oauth'"},
		{"hex-decoded", decoded, hexSecret, "secret_hex_decoded", "hex-decoded to 16 bytes"},
	} {
		c := CheckSignature(HeaderHubSignature, SignatureValue(HeaderHubSignature, tt.signer, body), body, sigRing(tt.secret), "")
		if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, []string{tt.code}) || !strings.Contains(c.Diagnoses[0].Message, tt.says) || c.Match {
			t.Errorf("%s: %v %v", tt.name, got, c.Diagnoses)
		}
	}
}

// A value that is hex of another algorithm's length, and matches nothing,
// is said to be of the wrong length, as a user_hash would be.
func TestCheckSignatureOtherLengthMatchingNothing(t *testing.T) {
	c := CheckSignature(HeaderHubSignature, "sha1="+strings.Repeat("ab", 32), []byte(fox), sigRing(oauthTest), "")
	if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, []string{"digest_length"}) || !strings.Contains(c.Diagnoses[0].Message, "64 is the length of a SHA-256 digest") {
		t.Errorf("%v %v", got, c.Diagnoses)
	}
}

func TestCheckSignatureAccessTokenThatSigned(t *testing.T) {
	token := Secret{Name: "token", Role: RoleOAuth, Value: []byte(base64.StdEncoding.EncodeToString([]byte("tok:0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0:1:0")))}
	body := []byte(fox)
	c := CheckSignature(HeaderBodySignature, SignatureValue(HeaderBodySignature, token.Value, body), body, sigRing(token), "token")
	if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, []string{"access_token_as_secret"}) || !c.Match || c.OK() {
		t.Errorf("codes %v match %v ok %v", got, c.Match, c.OK())
	}
}

// The chosen secret's explanation wins over another secret's exact match.
func TestCheckSignaturePrefersTheChosenSecret(t *testing.T) {
	body := []byte(fox)
	value := strings.ToUpper(hex.EncodeToString(mac(algoHMACSHA256, oauthTest.Value, body)))
	c := CheckSignature(HeaderBodySignature, value, body, sigRing(oauthProd, oauthTest), "test-oauth")
	if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, []string{"uppercase_hex"}) || c.SecretAt != 1 {
		t.Errorf("codes %v secret %d", got, c.SecretAt)
	}
}

func TestCheckSignatureComparesInConstantTimeOnTheValue(t *testing.T) {
	// Computed is what the header should carry; Match is exact equality.
	c := CheckSignature(HeaderBodySignature, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", []byte(fox), sigRing(oauthTest), "")
	mac := hmac.New(sha256.New, []byte("key"))
	mac.Write([]byte(fox))
	if c.Computed != hex.EncodeToString(mac.Sum(nil)) || !c.Match {
		t.Errorf("computed %s match %v", c.Computed, c.Match)
	}
}

func BenchmarkCheckSignatureMatch(b *testing.B) {
	body := []byte(fmt.Sprintf(`{"type":"notification_event","data":{"item":{"body":%q}}}`, strings.Repeat("word ", 400)))
	value := SignatureValue(HeaderHubSignature, oauthTest.Value, body)
	ring := sigRing(oauthTest)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		CheckSignature(HeaderHubSignature, value, body, ring, "test-oauth")
	}
}

// The worst case: nothing explains the signature, so every variant of a
// 2 KiB JSON body is tried with each of 20 secrets.
func BenchmarkCheckSignatureMismatch20Secrets(b *testing.B) {
	body := []byte(fmt.Sprintf(`{"type":"notification_event","url":"https://example.com/a","name":"Zoë","data":{"item":{"body":%q}}}`, strings.Repeat("word ", 400)))
	var secrets []Secret
	for i := range 20 {
		secrets = append(secrets, Secret{Name: fmt.Sprint("s", i), Role: RoleOAuth, Value: []byte(fmt.Sprint("secret-", i))})
	}
	ring := NewKeyring(secrets...)
	value := "sha1=" + strings.Repeat("ab", 20)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		CheckSignature(HeaderHubSignature, value, body, ring, "s0")
	}
}

func TestCheckSignatureLargeBodyStaysBounded(t *testing.T) {
	body := []byte(`{"a":"` + strings.Repeat("é/", 200000) + `"}`)
	var secrets []Secret
	for i := range 20 {
		secrets = append(secrets, Secret{Name: fmt.Sprint("s", i), Role: RoleOAuth, Value: []byte(fmt.Sprint("secret-", i))})
	}
	start := time.Now()
	c := CheckSignature(HeaderHubSignature, "sha1="+strings.Repeat("ab", 20), body, NewKeyring(secrets...), "")
	if got := diagnosisCodes(c.Diagnoses); !slices.Equal(got, []string{"signature_mismatch"}) || !strings.Contains(c.Diagnoses[0].Message, "too large") {
		t.Errorf("codes %v: %v", got, c.Diagnoses)
	}
	t.Logf("%d-byte body, 20 secrets: %v", len(body), time.Since(start))
}

func TestBodyFormsAsLogged(t *testing.T) {
	body := []byte(`{"name":"Zoë"}`)
	mojibake, ok := latin1ToUTF8(body)
	if !ok || string(mojibake) != `{"name":"ZoÃ«"}` {
		t.Fatalf("latin1ToUTF8 = %q, %v", mojibake, ok)
	}
	if back, ok := utf8ToLatin1(mojibake); !ok || !bytes.Equal(back, body) {
		t.Errorf("utf8ToLatin1 undoes it: %q, %v", back, ok)
	}
	if _, ok := latin1ToUTF8([]byte(`{"a":1}`)); ok {
		t.Error("ASCII has no mojibake form")
	}
	if _, ok := utf8ToLatin1([]byte("日本")); ok {
		t.Error("text beyond ISO-8859-1 has no Latin-1 form")
	}
	codes := map[Code]int{}
	for _, f := range bodyForms(append([]byte(byteOrderMark), body...))[1:] {
		codes[f.code]++
	}
	// U+FEFF is beyond ISO-8859-1: one mojibake form, the other way.
	if codes[CodeBodyBOM] != 1 || codes[CodeBodyMojibake] != 1 || codes[CodeBodyReserialized] != 1 {
		t.Errorf("forms of a body with a BOM and non-ASCII text: %v", codes)
	}
}
