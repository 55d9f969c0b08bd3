package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzParse: any file is read into valid, uniquely named profiles or refused
// with a *ConfigError; a refusal never echoes a literal secret.
func FuzzParse(f *testing.F) {
	f.Add([]byte("[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret = \"FUZZ-SECRET-VALUE\"\n"), uint64(1))
	f.Add([]byte("[[profile]]\nname = \"a\"\nrole = \"identity\"\nsecret_env = \"X\"\n[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_cmd = \"pass x\"\n"), uint64(2))
	f.Add([]byte("[[profile]]\nname = 1\n"), uint64(3))
	f.Add([]byte("profile = [{name = \"x\", role = \"messenger\", secret_file = \"~/s\"}]\n"), uint64(4))
	f.Add([]byte("[[profile]]\nsecret = \"\\q@\"\n"), uint64(5))
	f.Add([]byte("[[profile]]\nsecret = @\n"), uint64(6))
	f.Add([]byte("[[profile]]\nsecret_cmd = \"x\\q@\"\n"), uint64(7))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		// Each @ in the file stands for a secret the fuzzer cannot guess:
		// 20 characters no message writes by itself.
		secret := make([]byte, 20)
		for i := range secret {
			seed = seed*6364136223846793005 + 1442695040888963407
			secret[i] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[seed>>59]
		}
		// Only on lines that give a secret key: other values, names, may
		// be quoted in messages.
		lines := bytes.Split(data, []byte("\n"))
		for i, line := range lines {
			if bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("secret")) {
				lines[i] = bytes.ReplaceAll(line, []byte("@"), secret)
			}
		}
		data = bytes.Join(lines, []byte("\n"))
		store, err := Parse(data, "fuzz.toml")
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Reason == "" {
				t.Fatalf("error %v is not an explained *ConfigError", err)
			}
			if !bytes.Contains(data, secret) {
				return
			}
			msg, _ := json.Marshal(err.Error())
			for _, form := range append(secretForms(string(secret)), "FUZZ-SECRET-VALUE") {
				if strings.Contains(err.Error(), form) || strings.Contains(string(msg), form) {
					t.Fatalf("the refusal echoes the secret as %q: %v", form, err)
				}
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
