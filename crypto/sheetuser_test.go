package crypto_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

// The published vector of PROTOCOLS.md: secret test-client-secret, IV 00..0b,
// plaintext {"test":"test"}.
const publishedUser = "AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ=="

func TestDecodeSheetUserRejectsUnreadableInput(t *testing.T) {
	cases := []struct {
		name, input, code string
		offset, length    int
		reason            string
	}{
		{"empty", "", "empty_input", -1, 0, "the input is empty"},
		{"only whitespace", " \n\t ", "empty_input", -1, 0, "the input is empty"},
		{"bad character", "AAECAwQF#gcICQoL", "base64_invalid", 8, -1, `'#' at offset 8 is not a base64 character`},
		{"bad character after leading space", "  AAEC*wQF", "base64_invalid", 6, -1, `'*' at offset 6`},
		{"binary junk", "\x00\xff\xfe junk", "base64_invalid", 0, -1, `'\x00' at offset 0`},
		{"invalid utf-8", "AAAA\xffAAA", "base64_invalid", 4, -1, `byte \xff at offset 4`},
		{"escape sequence", "AAAA\x1b[2J", "base64_invalid", 4, -1, `'\x1b' at offset 4`},
		{"data after padding", "AAECAw==AAECAw==", "base64_invalid", 6, -1, "padding '=' at offset 6 is followed by more data at offset 8"},
		{"mixed alphabets", "AAEC-wQF+gcI", "base64_invalid", 8, -1, "mixes the URL-safe base64 alphabet ('-' at offset 4) with the standard one ('+' at offset 8)"},
		{"impossible length", "AAECA", "base64_invalid", -1, 5, "has 5 base64 characters"},
		{"json without user", `{"workspace_id":"abc123"}`, "user_missing", -1, -1, "has no user or intercom_data field (it has: workspace_id)"},
		{"json user object", `{"user":{"id":"1"}}`, "user_not_encrypted", -1, -1, "plain JSON object"},
		{"broken json", `{"user": "abc`, "body_invalid_json", 13, -1, "not a valid JSON object"},
		{"broken intercom_data", `intercom_data=%7B%22user%22`, "body_invalid_json", 7, -1, "the intercom_data is not a valid JSON object"},
		{"broken form", "intercom_data=%zz", "form_invalid", -1, -1, "looks like a form body but cannot be decoded"},
		{"empty user", `{"user":""}`, "empty_input", -1, 0, "the user field is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := crypto.DecodeSheetUser([]byte(tc.input))
			if u == nil {
				t.Fatal("DecodeSheetUser returned no EncodedUser with its error")
			}
			var ie *crypto.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an *InputError", err)
			}
			if string(ie.Code) != tc.code || ie.Offset != tc.offset || ie.Length != tc.length {
				t.Errorf("got code %q offset %d length %d, want %q %d %d", ie.Code, ie.Offset, ie.Length, tc.code, tc.offset, tc.length)
			}
			if !strings.Contains(ie.Error(), tc.reason) {
				t.Errorf("message %q does not contain %q", ie.Error(), tc.reason)
			}
			if d := ie.Diagnosis(); d.Severity != crypto.SeverityError || d.Fix == "" {
				t.Errorf("diagnosis %+v should be an error with a fix", d)
			}
		})
	}
}

func TestSplitSealedNamesTheLength(t *testing.T) {
	_, err := crypto.SplitSealed(make([]byte, 27))
	var ie *crypto.InputError
	if !errors.As(err, &ie) || ie.Code != "too_short" || ie.Length != 27 {
		t.Fatalf("err = %v, want too_short with length 27", err)
	}
	if !strings.Contains(err.Error(), "27 bytes") || !strings.Contains(err.Error(), "at least 28") {
		t.Errorf("message %q should name the length and the minimum", err)
	}
	split, err := crypto.SplitSealed(make([]byte, 28))
	if err != nil || len(split.Ciphertext.Bytes) != 0 || split.Tag.Offset != 12 || split.Tag.End() != 28 {
		t.Fatalf("28 bytes should split into IV, empty ciphertext and tag: %+v %v", split, err)
	}
}

func TestOpenWithWrongKeyIsAnAuthenticationError(t *testing.T) {
	u, err := crypto.DecodeSheetUser([]byte(publishedUser))
	if err != nil {
		t.Fatal(err)
	}
	wrong, _ := crypto.NewSheetCipher(crypto.SheetKey([]byte("not-the-client-secret")))
	if _, err := wrong.Open(u.Sealed); !errors.Is(err, crypto.ErrAuthentication) {
		t.Fatalf("err = %v, want ErrAuthentication", err)
	}
	right, _ := crypto.NewSheetCipher(crypto.SheetKey([]byte("test-client-secret")))
	if _, err := right.Open(u.Sealed[:20]); err == nil || !strings.Contains(err.Error(), "20 bytes") {
		t.Fatalf("opening 20 bytes: err = %v, want a length error (not a GCM panic)", err)
	}
	tampered := append([]byte(nil), u.Sealed...)
	tampered[15] ^= 1
	if _, err := right.Open(tampered); !errors.Is(err, crypto.ErrAuthentication) {
		t.Fatalf("a flipped ciphertext bit: err = %v, want ErrAuthentication", err)
	}
}

func TestNewSheetCipherRefusesAHexKey(t *testing.T) {
	// The PHP mistake: openssl_digest without raw output gives 64 hex characters.
	_, err := crypto.NewSheetCipher([]byte(strings.Repeat("ab", 32)))
	if err == nil || !strings.Contains(err.Error(), "32 bytes, this one is 64") {
		t.Fatalf("err = %v, want the key length named", err)
	}
}

func TestSealRejectsAWrongIVLength(t *testing.T) {
	c, _ := crypto.NewSheetCipher(crypto.SheetKey([]byte("s")))
	if _, err := c.Seal(make([]byte, 16), []byte("{}")); err == nil || !strings.Contains(err.Error(), "12 bytes") {
		t.Fatalf("err = %v, want the IV length named", err)
	}
	a, _ := c.Seal(nil, []byte("{}"))
	b, _ := c.Seal(nil, []byte("{}"))
	if string(a[:12]) == string(b[:12]) {
		t.Fatal("two seals with a nil IV drew the same IV")
	}
}

func TestFingerprintIsNotAPrefixOfTheSheetKey(t *testing.T) {
	secret := []byte("test-client-secret")
	fp := crypto.Fingerprint(secret)
	if len(fp) != 8 || strings.HasPrefix(strings.ToLower(hexOf(crypto.SheetKey(secret))), fp) {
		t.Fatalf("fingerprint %q must be 8 hex digits and not reveal the sheet key", fp)
	}
	if crypto.Fingerprint([]byte("other")) == fp {
		t.Fatal("different secrets gave the same fingerprint")
	}
}

func TestSecretNeverFormatsItsValue(t *testing.T) {
	s := crypto.Secret{Name: "prod", Role: crypto.RoleOAuth, Workspace: "production", Value: []byte("hunter2-very-secret")}
	for _, out := range []string{s.String(), fmtAll(s)} {
		if strings.Contains(out, "hunter2") {
			t.Fatalf("the secret leaked: %q", out)
		}
	}
	j, _ := s.MarshalJSON()
	if strings.Contains(string(j), "hunter2") || !strings.Contains(string(j), s.Fingerprint()) {
		t.Fatalf("JSON %s must carry the fingerprint, not the value", j)
	}
}

func TestDecodeSheetUserNotesEveryNormalisationOfAFormBody(t *testing.T) {
	// A value full of '+', left unescaped in a form body (each arrives as a
	// space), with a Ruby line break sent as %0A.
	value := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xfb, 0xef, 0xbe, 0x01}, 15))
	body := "user=" + value[:60] + "%0A" + value[60:]
	u, err := crypto.DecodeSheetUser([]byte(strings.ReplaceAll(body, "+", " ")))
	if err != nil || u.Base64 != value {
		t.Fatalf("got %q, %v; want %q", u.Base64, err, value)
	}
	var codes []string
	for _, n := range u.Notes {
		codes = append(codes, string(n.Code))
	}
	if got := strings.Join(codes, ","); got != "from_form_body,plus_as_space,whitespace_removed" {
		t.Errorf("notes %s, want from_form_body,plus_as_space,whitespace_removed", got)
	}
}

func TestDecodeSheetUserRemovesAByteOrderMark(t *testing.T) {
	u, err := crypto.DecodeSheetUser([]byte("\ufeff" + publishedUser + "\r\n"))
	if err != nil || u.Base64 != publishedUser || len(u.Notes) != 1 || u.Notes[0].Code != "bom_removed" {
		t.Fatalf("got %+v, %v", u, err)
	}
}

// oneThings finds a count of one followed by a plural noun.
var oneThings = regexp.MustCompile(`(^|\D)1 (line break|space|character)s`)

// Notes count in words that agree with the number: "1 space", "2 spaces".
func TestDecodeSheetUserNotesCountInWords(t *testing.T) {
	cases := []struct{ name, input, code, message string }{
		{"one line break", publishedUser[:20] + "\n" + publishedUser[20:], "whitespace_removed", "removed 1 line break ("},
		{"breaks and a space", publishedUser[:20] + "\n" + publishedUser[20:40] + "\n " + publishedUser[40:], "whitespace_removed", "removed 2 line breaks and 1 space ("},
		{"one plus as a space", "user=AAEC AwQF", "plus_as_space", "turned 1 space back into '+'"},
		{"one padding character", "AAECAwQFBgc==", "padding_fixed", "from 2 to 1 character"},
		{"padding added", "AAECAwQFBgcICQoLDA", "padding_added", "(2 characters)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := crypto.DecodeSheetUser([]byte(tc.input))
			for _, n := range u.Notes {
				if string(n.Code) == tc.code {
					if !strings.Contains(n.Message, tc.message) || oneThings.MatchString(n.Message) {
						t.Errorf("%s: %q does not say %q, or says one thing in the plural", n.Code, n.Message, tc.message)
					}
					return
				}
			}
			t.Errorf("no %s note in %v", tc.code, u.Notes)
		})
	}
}

func TestNoFromJSONBodyNoteWithoutAUser(t *testing.T) {
	for _, input := range []string{`{"workspace_id":"x"}`, `{"user":{"id":"1"}}`, `[1,2]`} {
		u, err := crypto.DecodeSheetUser([]byte(input))
		if err == nil {
			t.Fatalf("%s: read a user from a body without one", input)
		}
		for _, n := range u.Notes {
			if n.Code == "from_json_body" {
				t.Errorf("%s: says it read the user from the JSON body, but there is none", input)
			}
		}
	}
}
