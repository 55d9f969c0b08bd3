package profile

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse: any file is read into valid, uniquely named profiles or refused
// with a *ConfigError; a refusal never echoes a literal secret.
func FuzzParse(f *testing.F) {
	f.Add([]byte("[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret = \"FUZZ-SECRET-VALUE\"\n"))
	f.Add([]byte("[[profile]]\nname = \"a\"\nrole = \"identity\"\nsecret_env = \"X\"\n[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_cmd = \"pass x\"\n"))
	f.Add([]byte("[[profile]]\nname = 1\n"))
	f.Add([]byte("profile = [{name = \"x\", role = \"messenger\", secret_file = \"~/s\"}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		store, err := Parse(data, "fuzz.toml")
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Reason == "" {
				t.Fatalf("error %v is not an explained *ConfigError", err)
			}
			if strings.Contains(err.Error(), "FUZZ-SECRET-VALUE") {
				t.Fatalf("the refusal echoes the secret: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, p := range store.Profiles {
			if field, reason := p.validate(); reason != "" {
				t.Fatalf("accepted an invalid profile (%s: %s)", field, reason)
			}
			if seen[p.Name] {
				t.Fatalf("accepted the name %q twice", p.Name)
			}
			seen[p.Name] = true
		}
	})
}
