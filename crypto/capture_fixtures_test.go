package crypto_test

import (
	"slices"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// fixtureRing builds the keyring a capture fixture is checked with.
func fixtureRing(t testing.TB, names []string) *crypto.Keyring {
	t.Helper()
	all, err := fixtures.CaptureSecrets()
	if err != nil {
		t.Fatal(err)
	}
	var secrets []crypto.Secret
	for _, name := range names {
		i := slices.IndexFunc(all, func(s fixtures.CaptureSecret) bool { return s.Name == name })
		if i < 0 {
			t.Fatalf("no fixture secret %q", name)
		}
		s := all[i]
		secrets = append(secrets, crypto.Secret{Name: s.Name, Role: crypto.Role(s.Role), Workspace: s.Workspace, Platform: s.Platform, Value: []byte(s.Value)})
	}
	return crypto.NewKeyring(secrets...)
}

// inspectFixture checks a capture fixture as its manifest says to.
func inspectFixture(t testing.TB, c fixtures.CaptureCase) *crypto.CaptureReport {
	t.Helper()
	input, err := c.Input()
	if err != nil {
		t.Fatal(err)
	}
	var headers []crypto.CaptureHeader
	for _, line := range c.Headers {
		h, err := crypto.ParseHeaderLine(line)
		if err != nil {
			t.Fatal(err)
		}
		headers = append(headers, h)
	}
	at, err := time.Parse(time.RFC3339, c.At)
	if err != nil {
		t.Fatal(err)
	}
	return crypto.InspectCapture(input, headers, fixtureRing(t, c.Profiles), c.Chosen, at)
}

func TestCaptureFixtures(t *testing.T) {
	cases, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("only %d capture fixtures", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			r := inspectFixture(t, c)
			want := slices.Sorted(slices.Values(c.Expect.Codes))
			if got := codesOf(r.Diagnoses); !slices.Equal(got, want) {
				for _, d := range r.Diagnoses {
					t.Logf("%s %s: %s", d.Severity, d.Code, d.Message)
				}
				t.Errorf("codes %v, want %v", got, want)
			}
			if string(r.Capture.Kind) != c.Expect.Kind {
				t.Errorf("kind %q, want %q", r.Capture.Kind, c.Expect.Kind)
			}
			if r.OK() != c.Expect.OK {
				t.Errorf("OK() = %v, want %v", r.OK(), c.Expect.OK)
			}
			for _, d := range r.Diagnoses {
				if d.Message == "" || d.Fix == "" {
					t.Errorf("%s has no message or no fix: %+v", d.Code, d)
				}
				if info, known := crypto.LookupCode(d.Code); !known || d.Severity != info.Severity {
					t.Errorf("%s (%s) is not in crypto.Codes() with that severity", d.Code, d.Severity)
				}
			}
		})
	}
}
