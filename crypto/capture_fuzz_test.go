package crypto_test

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// FuzzInspectCapture reads and verifies arbitrary pastes, seeded with every
// capture fixture: it must never panic, must keep the body a slice of the
// input (or say it is not), and must explain every result.
func FuzzInspectCapture(f *testing.F) {
	cases, err := fixtures.CaptureCases()
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		input, _ := c.Input()
		f.Add(input)
	}
	ring := crypto.NewKeyring(
		crypto.Secret{Name: "oauth", Role: crypto.RoleOAuth, Value: []byte("3f9c2b7e-51d4-4a8e-b6c0-8d2e7f14a593")},
		crypto.Secret{Name: "messenger", Role: crypto.RoleMessenger, Value: []byte("msg_pr0d_9Xk2LwQ7vR4tZ8yN1cB5hJ3m")},
	)
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, input []byte) {
		r := crypto.InspectCapture(input, nil, ring, "oauth", at)
		c := r.Capture
		if c.BodyOffset >= 0 && (c.BodyOffset > len(input) || string(input[c.BodyOffset:c.BodyOffset+len(c.Body)]) != string(c.Body)) {
			t.Fatalf("the body is not the input's bytes at offset %d", c.BodyOffset)
		}
		if len(r.Diagnoses) == 0 {
			t.Fatal("no diagnosis")
		}
		for _, d := range r.Diagnoses {
			if d.Code == "" || d.Message == "" || !utf8.ValidString(string(d.Code)) {
				t.Fatalf("empty diagnosis %+v", d)
			}
			if _, ok := crypto.LookupCode(d.Code); !ok || d.Fix == "" {
				t.Fatalf("code %s is not in crypto.Codes(), or has no fix: %+v", d.Code, d)
			}
		}
		if r.OK() && !r.Checked() {
			t.Fatal("OK without checking anything")
		}
	})
}

// FuzzCheckJWT decodes arbitrary tokens: never a panic, and never OK for a
// token whose header does not say HS256.
func FuzzCheckJWT(f *testing.F) {
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9.c2ln")
	f.Add("eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoiMSJ9.")
	f.Add("a.b.c.d.e")
	ring := crypto.NewKeyring(crypto.Secret{Name: "m", Role: crypto.RoleMessenger, Value: []byte("k")})
	f.Fuzz(func(t *testing.T, token string) {
		r := crypto.CheckJWT(token, ring, "", time.Unix(1748779200, 0))
		if r.OK() && r.Alg != "HS256" {
			t.Fatalf("accepted alg %q", r.Alg)
		}
		for _, d := range r.Diagnoses {
			if _, ok := crypto.LookupCode(d.Code); !ok {
				t.Fatalf("code %s is not in crypto.Codes()", d.Code)
			}
		}
	})
}
