package crypto

import (
	"bytes"
	"encoding/base64"
	"testing"
)

// The fast path must change nothing the full reading would do: a value it
// decodes comes back from normaliseBase64 as it is, with no note, decodes to
// the same bytes, and is how those bytes encode (no trailing-bits note).
func FuzzDecodeCanonicalIsWhatNormalisingMakes(f *testing.F) {
	for _, s := range []string{"AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ==", "ab+/", "abc=", "ab==", "aQ==", "a===", "====", "ab-_", "ab\ncd==", "abc", "user====", "AAAA", "ab==cd==", "ab\r\n", " abc", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sealed, ok := decodeCanonical(s)
		if !ok {
			return
		}
		u := &EncodedUser{Container: ContainerBare}
		got, err := u.normaliseBase64(s, "input", 0)
		if err != nil || got != s || len(u.Notes) != 0 {
			t.Fatalf("%q is taken as canonical, but normalising makes %q, notes %v, err %v", s, got, u.Notes, err)
		}
		if want, err := base64.StdEncoding.DecodeString(got); err != nil || !bytes.Equal(want, sealed) {
			t.Fatalf("%q decodes to %x on the fast path and %x (%v) on the full one", s, sealed, want, err)
		}
		if again := EncodeSheetUser(sealed); again != s {
			t.Fatalf("%q is taken as canonical but encodes back as %q", s, again)
		}
	})
}

func TestDecodeCanonical(t *testing.T) {
	for s, want := range map[string]bool{
		"AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ==": true,
		"ab+/": true, "abc=": true, "aQ==": true, "ab==": false, "abd=": false,
		"": false, "a===": false, "====": false, "ab-_": false, "abc": false, "ab\ncd==": false, " abc": false, "ab=c": false, "ab==cd==": false,
	} {
		if _, got := decodeCanonical(s); got != want {
			t.Errorf("decodeCanonical(%q) = %v, want %v", s, got, want)
		}
	}
}
