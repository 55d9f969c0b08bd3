package crypto_test

import (
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// fuzzRing has a secret for every secret form: whitespace, hex, plain, and
// one of another role.
var fuzzRing = crypto.NewKeyring(
	crypto.Secret{Name: "ws", Role: crypto.RoleOAuth, Value: []byte(" oauth-secret\n")},
	crypto.Secret{Name: "hex", Role: crypto.RoleIdentity, Value: []byte("0a1b2c3d4e5f")},
	crypto.Secret{Name: "plain", Role: crypto.RoleMessenger, Value: []byte("plain")},
)

// FuzzDiagnose feeds arbitrary pastes and digests to the engine: whatever
// comes in, it must answer with documented diagnoses, never panic.
func FuzzDiagnose(f *testing.F) {
	for _, c := range append(fixtures.DiagnosisCases(), fixtures.MistakeCases()...) {
		f.Add([]byte(c.Input), c.Data, c.Expected)
	}
	f.Fuzz(func(t *testing.T, input []byte, data, expected string) {
		for _, chosen := range []string{"", "ws", "hex"} {
			for _, d := range crypto.InspectSheetUser(input, fuzzRing, chosen).Diagnoses {
				if _, ok := crypto.LookupCode(d.Code); !ok {
					t.Fatalf("undocumented code %s", d.Code)
				}
			}
			for _, d := range crypto.CheckUserHash([]byte(data), expected, fuzzRing, chosen).Diagnoses {
				if _, ok := crypto.LookupCode(d.Code); !ok {
					t.Fatalf("undocumented code %s", d.Code)
				}
			}
			id := crypto.Identity{UserID: data, Email: expected, HasUserID: len(data)%2 == 0, HasEmail: true}
			crypto.CheckIdentity(id, expected, fuzzRing, chosen)
		}
	})
}
