package crypto

import (
	"encoding/base64"
	"testing"
)

// The fast path must change nothing the full normalisation would do: a
// canonical value comes back as it is, with no note and no error.
func FuzzCanonicalBase64IsWhatRebuildMakes(f *testing.F) {
	for _, s := range []string{"AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ==", "ab+/", "abc=", "ab==", "a===", "====", "ab-_", "ab\ncd==", "abc", "user====", "AAAA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || !isCanonicalBase64(s) {
			return
		}
		u := &EncodedUser{Container: ContainerBare}
		got, err := u.rebuildBase64(s, "input", 0)
		if err != nil || got != s || len(u.Notes) != 0 {
			t.Fatalf("%q is taken as canonical, but the full normalisation makes %q, notes %v, err %v", s, got, u.Notes, err)
		}
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			t.Fatalf("%q is taken as canonical but does not decode: %v", s, err)
		}
	})
}

func TestIsCanonicalBase64(t *testing.T) {
	for s, want := range map[string]bool{
		"AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ==": true,
		"ab+/": true, "abc=": true, "ab==": true,
		"a===": false, "====": false, "ab-_": false, "abc": false, "ab\ncd==": false, " abc": false, "ab=c": false,
	} {
		if got := isCanonicalBase64(s); got != want {
			t.Errorf("isCanonicalBase64(%q) = %v, want %v", s, got, want)
		}
	}
}
