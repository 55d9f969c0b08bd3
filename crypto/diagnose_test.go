package crypto_test

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// runCase runs one fixture through the engine entry point its kind calls
// for.
func runCase(c fixtures.DiagnosisCase) (diagnoses []crypto.Diagnosis, ok bool) {
	secrets := make([]crypto.Secret, len(c.Profiles))
	for i, p := range c.Profiles {
		secrets[i] = crypto.Secret{Name: p.Name, Role: crypto.Role(p.Role), Workspace: p.Workspace, Platform: p.Platform, Value: []byte(p.Secret)}
	}
	ring := crypto.NewKeyring(secrets...)
	switch c.Kind {
	case fixtures.KindSheet:
		r := crypto.InspectSheetUser([]byte(c.Input), ring, c.Chosen)
		return r.Diagnoses, r.OK()
	case fixtures.KindDigest:
		r := crypto.CheckUserHash([]byte(c.Data), c.Expected, ring, c.Chosen)
		return r.Diagnoses, r.OK()
	case fixtures.KindIdentity:
		id := crypto.Identity{UserID: c.UserID, Email: c.Email, HasUserID: c.HasUserID, HasEmail: c.HasEmail}
		r := crypto.CheckIdentity(id, c.Expected, ring, c.Chosen)
		return r.Diagnoses, r.OK()
	case fixtures.KindSignature:
		r := crypto.CheckSignature(c.Header, c.Expected, []byte(c.Body), ring, c.Chosen)
		return r.Diagnoses, r.OK()
	}
	panic("unknown kind " + c.Kind)
}

// codesOf returns the sorted codes of the diagnoses whose severity is in
// severities (every diagnosis when none is given).
func codesOf(ds []crypto.Diagnosis, severities ...crypto.Severity) []string {
	var codes []string
	for _, d := range ds {
		if len(severities) == 0 || slices.Contains(severities, d.Severity) {
			codes = append(codes, string(d.Code))
		}
	}
	slices.Sort(codes)
	return codes
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestEveryDiagnosisFixture(t *testing.T) {
	checkCases(t, fixtures.DiagnosisCases())
}

// The cases of fixtures/mistakes/, made by code in PHP, Ruby, Python, Java
// and Node written the way developers get it wrong: each triggers exactly
// its codes.
func TestEveryMistakeFixture(t *testing.T) {
	cases := fixtures.MistakeCases()
	if n := len(cases) + len(fixtures.DiagnosisCases()); n < 120 {
		t.Errorf("the corpus has %d cases, want at least 120", n)
	}
	checkCases(t, cases)
}

func checkCases(t *testing.T, cases []fixtures.DiagnosisCase) {
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			ds, ok := runCase(c)
			if got, want := codesOf(ds, crypto.SeverityError, crypto.SeverityWarn), sorted(c.ExpectCodes); !slices.Equal(got, want) {
				t.Errorf("error and warning codes %v, want %v\n%s", got, want, dump(ds))
			}
			if c.ExpectInfo != nil {
				if got, want := codesOf(ds, crypto.SeverityInfo), sorted(c.ExpectInfo); !slices.Equal(got, want) {
					t.Errorf("info codes %v, want %v\n%s", got, want, dump(ds))
				}
			}
			for code, text := range c.ExpectMessages {
				if d := find(ds, crypto.Code(code)); d == nil || !strings.Contains(d.Message, text) {
					t.Errorf("the %s message should contain %q\n%s", code, text, dump(ds))
				}
			}
			hasError := slices.ContainsFunc(ds, func(d crypto.Diagnosis) bool { return d.Severity == crypto.SeverityError })
			if onlyInfo := len(codesOf(ds, crypto.SeverityError, crypto.SeverityWarn)) == 0; (hasError && ok) || (onlyInfo && !ok) {
				t.Errorf("OK() = %v with these diagnoses:\n%s", ok, dump(ds))
			}
			for _, d := range ds {
				checkDiagnosis(t, d, c.Profiles)
			}
		})
	}
}

// checkDiagnosis holds every diagnosis to the rules: a documented code with
// its documented severity, a message and a fix, and no secret in either.
func checkDiagnosis(t *testing.T, d crypto.Diagnosis, profiles []fixtures.DiagnosisProfile) {
	t.Helper()
	info, known := crypto.LookupCode(d.Code)
	switch {
	case !known:
		t.Errorf("code %s is not in crypto.Codes()", d.Code)
	case d.Severity != info.Severity && !(d.Code == "wrong_role" && d.Severity == crypto.SeverityWarn):
		t.Errorf("%s has severity %s, documented as %s", d.Code, d.Severity, info.Severity)
	}
	if d.Message == "" || d.Fix == "" {
		t.Errorf("%s has an empty message or fix: %+v", d.Code, d)
	}
	if strings.HasSuffix(d.Message, ".") {
		t.Errorf("%s message should be one sentence without a final period: %q", d.Code, d.Message)
	}
	for _, p := range profiles {
		if secret := strings.TrimSpace(p.Secret); len(secret) >= 8 && (strings.Contains(d.Message, secret) || strings.Contains(d.Fix, secret)) {
			t.Errorf("%s shows the secret of %s: %q", d.Code, p.Name, d.Message)
		}
	}
}

// Every code a payload reports has a fixture (fixtures/diagnoses.json or a
// capture of fixtures/captures/) that triggers it and no other error or
// warning. Codes about reading a capture or a secret as stored, whose inputs
// are no payload, are held to their unit tests instead (capture_test.go,
// jsobject_test.go, capture_curl_test.go, hygiene_test.go).
func TestEveryCodeHasAFixtureOfItsOwn(t *testing.T) {
	alone := map[string]bool{}
	for _, c := range append(fixtures.DiagnosisCases(), fixtures.MistakeCases()...) {
		if _, known := crypto.LookupCode(crypto.Code(c.Code)); !known {
			t.Errorf("case %s is for %s, which crypto.Codes() does not list", c.Name, c.Code)
		}
		others := slices.DeleteFunc(slices.Clone(c.ExpectCodes), func(code string) bool { return code == c.Code })
		if len(others) == 0 {
			alone[c.Code] = true
		}
	}
	captures, err := fixtures.CaptureCases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range captures {
		var problems []string
		for _, code := range c.Expect.Codes {
			info, known := crypto.LookupCode(crypto.Code(code))
			if !known {
				t.Errorf("capture %s expects %s, which crypto.Codes() does not list", c.Name, code)
			}
			if info.Severity != crypto.SeverityInfo {
				problems = append(problems, code)
			}
		}
		for _, code := range c.Expect.Codes {
			if len(problems) == 0 || (len(problems) == 1 && problems[0] == code) {
				alone[code] = true
			}
		}
	}
	for _, info := range crypto.Codes() {
		readingOrStored := !slices.ContainsFunc(info.Payloads, func(p string) bool { return p != crypto.PayloadCapture && p != crypto.PayloadSecret })
		if !alone[string(info.Code)] && !readingOrStored {
			t.Errorf("no fixture triggers %s and no other error or warning", info.Code)
		}
	}
}

func find(ds []crypto.Diagnosis, code crypto.Code) *crypto.Diagnosis {
	for i := range ds {
		if ds[i].Code == code {
			return &ds[i]
		}
	}
	return nil
}

func dump(ds []crypto.Diagnosis) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + string(d.Severity) + " " + string(d.Code) + ": " + d.Message + "\n")
	}
	return b.String()
}

// The one access-token detector serves user_hash too: a digest made with
// one is named, and, nothing matching, one chosen is a warning beside the
// mismatch.
func TestUserHashWithAnAccessToken(t *testing.T) {
	token := crypto.Secret{Name: "token", Role: crypto.RoleIdentity, Value: []byte(base64.StdEncoding.EncodeToString([]byte("tok:0f1e2d3c_4b5a_6978_8796_a5b4c3d2e1f0:1:0")))}
	ring := crypto.NewKeyring(token)
	r := crypto.CheckUserHash([]byte("42"), crypto.UserHash(token.Value, []byte("42")), ring, "token")
	if got := codesOf(r.Diagnoses); !slices.Equal(got, []string{"access_token_as_secret"}) || r.OK() {
		t.Errorf("made with a token: %v", got)
	}
	r = crypto.CheckUserHash([]byte("42"), crypto.UserHash([]byte("another"), []byte("42")), ring, "token")
	if got := codesOf(r.Diagnoses, crypto.SeverityError); !slices.Equal(got, []string{"digest_mismatch"}) {
		t.Errorf("nothing matches: errors %v", got)
	}
	if got := codesOf(r.Diagnoses, crypto.SeverityWarn); !slices.Equal(got, []string{"access_token_as_secret"}) {
		t.Errorf("nothing matches: warnings %v", got)
	}
}
