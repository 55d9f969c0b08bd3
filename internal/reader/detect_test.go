package reader

import (
	"bytes"
	"strings"
	"testing"
)

// LooksLikeForm must answer what looking for the four substrings answered.
func FuzzLooksLikeFormIsTheSubstrings(f *testing.F) {
	for _, s := range []string{"intercom_data=x", "a=1&intercom_data=x", "user=", "x&user=y", "abc==", "useruser=", "&user", "=user=", "auser=", "intercom_data", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		want := bytes.HasPrefix(b, []byte("intercom_data=")) || bytes.Contains(b, []byte("&intercom_data=")) ||
			bytes.HasPrefix(b, []byte("user=")) || bytes.Contains(b, []byte("&user="))
		if got := LooksLikeForm(b); got != want {
			t.Fatalf("LooksLikeForm(%q) = %v, want %v", s, got, want)
		}
	})
}

func TestDetect(t *testing.T) {
	sealed := "AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ=="
	cases := []struct {
		input string
		want  Shape
	}{
		{sealed, ShapeSealedValue},
		{"  " + sealed + "\n", ShapeSealedValue},
		{"", ShapeSealedValue},
		{`{"user":"` + sealed + `"}`, ShapeJSONBody},
		{"intercom_data=%7B%22user%22%3A%22x%22%7D", ShapeFormBody},
		{"a=1&user=" + sealed, ShapeFormBody},
		{"POST /sheet HTTP/1.1\r\nHost: example.com\r\n\r\n{}", ShapeHTTPRequest},
		{"POST /hooks\nX-Hub-Signature: sha1=00\n\n{}", ShapeHTTPRequest},
		// Read takes a request line split by tabs or several spaces, so
		// Detect does too.
		{"POST\t/hooks  HTTP/1.1\nX-Hub-Signature: sha1=00\n\n{}", ShapeHTTPRequest},
		{"host: example.com\nx-body-signature: 00\n\n{}", ShapeHeaders},
		{":authority: example.com\ncontent-type: application/json\n\n{}", ShapeHeaders},
		{"content-type: application/json\n\n{}", ShapeHeaders},
		{"user: u_42", ShapeIdentifier},
		{"user: u_42\nnot a header\n", ShapeSealedValue},
		{"alice@example.com", ShapeIdentifier},
		{"u_42", ShapeIdentifier},
		{"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidV80MiJ9.c2ln", ShapeJWT},
		{"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidV80MiJ9", ShapeJWT},
		{"curl 'https://example.com' -H 'X-Body-Signature: 00' --data-raw '{}'", ShapeCurl},
		{"\n curl\t'https://example.com'", ShapeCurl},
		{"<script>\n  window.intercomSettings = { app_id: 'x', user_id: '1', user_hash: 'ab' };\n</script>", ShapeSnippet},
		{"Intercom('boot', { app_id: 'x', email: 'a@b.c', user_hash: 'ab' });", ShapeSnippet},
		{`window.intercomSettings = settingsFromServer;`, ShapeSnippet},
		{`Intercom("update")`, ShapeSnippet},
		{`Intercom('shutdown')`, ShapeIdentifier},
	}
	for _, c := range cases {
		if got := Detect([]byte(c.input)); got != c.want {
			t.Errorf("Detect(%.40q) = %v, want %v", c.input, got, c.want)
		}
	}
}

// Detect looks at the first DetectLimit bytes only: a keystroke in a
// megabyte costs what one in a kilobyte does.
func TestDetectLooksAtTheHeadOnly(t *testing.T) {
	big := []byte(strings.Repeat("A", 1<<20))
	if got := Detect(big); got != ShapeSealedValue {
		t.Errorf("a megabyte of base64: %v", got)
	}
	jwt := []byte("eyJ" + strings.Repeat("a", DetectLimit) + ".x")
	if got := Detect(jwt); got == ShapeJWT {
		t.Error("a JWT past the limit cannot be seen whole")
	}
}
