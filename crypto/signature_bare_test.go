package crypto

import (
	"strings"
	"testing"
)

func TestBareSignatureHeader(t *testing.T) {
	hex40, hex64 := strings.Repeat("fe", 20), strings.Repeat("0a", 32)
	notification := []byte(`{"type":"notification_event","topic":"ping"}`)
	canvas := []byte(`{"workspace_id":"abc","component_id":"x"}`)
	cases := []struct {
		value string
		body  []byte
		want  string
	}{
		{"sha1=" + hex40, canvas, HeaderHubSignature},
		{" SHA1=" + hex40 + "\n", nil, HeaderHubSignature},
		{"sha256=" + hex64, canvas, HeaderHubSignature}, // the check says the algorithm is wrong
		{hex64, canvas, HeaderBodySignature},
		{hex40, notification, HeaderHubSignature}, // the check says sha1= is missing
		{"X-Hub-Signature: sha1=" + hex40, canvas, ""},
		{"sha1=not-hex", canvas, ""},
		{"hello", canvas, ""},
		{"", canvas, ""},
	}
	for _, c := range cases {
		got, ok := BareSignatureHeader(c.value, c.body)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("BareSignatureHeader(%q) = %q, %v; want %q", c.value, got, ok, c.want)
		}
	}
}
