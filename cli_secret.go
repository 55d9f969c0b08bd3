package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/sealpeek/sealpeek/crypto"
)

// secretFlags are the ways a verb is given its secret. There is deliberately
// no flag that takes the secret itself: argv is visible to every user of the
// machine.
type secretFlags struct {
	envVar string
	file   string
}

func (s *secretFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.envVar, "secret-env", "", "read the secret from environment variable `VAR`")
	fs.StringVar(&s.file, "secret-file", "", "read the secret from file `PATH` (one trailing newline is trimmed)")
}

// keyring resolves the secret for a verb whose payloads belong to role. It
// returns the keyring, the name of the chosen secret, and notes about what was
// done to the secret (never the secret itself).
func (s *secretFlags) keyring(e *env, role crypto.Role) (*crypto.Keyring, string, []crypto.Note, error) {
	var notes []crypto.Note
	switch {
	case s.envVar != "" && s.file != "":
		return nil, "", nil, usageError{"give one of --secret-env and --secret-file, not both"}
	case s.envVar != "":
		value := e.getenv(s.envVar)
		if value == "" {
			return nil, "", nil, usageError{fmt.Sprintf("the environment variable %s is not set or is empty", s.envVar)}
		}
		secret := crypto.Secret{Name: "$" + s.envVar, Role: role, Value: []byte(value)}
		return crypto.NewKeyring(secret), secret.Name, notes, nil
	case s.file != "":
		value, err := os.ReadFile(s.file)
		if err != nil {
			return nil, "", nil, usageError{fmt.Sprintf("cannot read the secret file %s: %v", s.file, errors.Unwrap(err))}
		}
		if trimmed, ok := trimOneNewline(value); ok {
			value = trimmed
			notes = append(notes, crypto.Note{Code: "secret_newline_trimmed",
				Message: fmt.Sprintf("trimmed the trailing newline of the secret file %s", s.file)})
		}
		if len(value) == 0 {
			return nil, "", nil, usageError{fmt.Sprintf("the secret file %s is empty", s.file)}
		}
		secret := crypto.Secret{Name: s.file, Role: role, Value: value}
		return crypto.NewKeyring(secret), secret.Name, notes, nil
	}
	return nil, "", nil, usageError{"no secret: pass --secret-env VAR or --secret-file PATH"}
}

// trimOneNewline removes one trailing "\n" or "\r\n", as editors and echo add.
func trimOneNewline(b []byte) ([]byte, bool) {
	if t, ok := bytes.CutSuffix(b, []byte("\r\n")); ok {
		return t, true
	}
	return bytes.CutSuffix(b, []byte("\n"))
}
