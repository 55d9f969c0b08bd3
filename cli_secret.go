package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

// secretFlags are the ways a verb is given its secret: the profiles, or one
// secret named on the command line. There is deliberately no flag that takes
// the secret itself: argv is visible to every user of the machine.
type secretFlags struct {
	envVar  string
	file    string
	profile string
	store   storeFlags
}

func (s *secretFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.profile, "profile", "", "try profile `NAME` first, then the others (default: every profile, those of the payload's role first)")
	s.store.register(fs)
	fs.StringVar(&s.envVar, "secret-env", "", "use only the secret in environment variable `VAR`, not the profiles")
	fs.StringVar(&s.file, "secret-file", "", "use only the secret in file `PATH` (one trailing newline is trimmed), not the profiles")
}

// keyring resolves the secrets for a verb whose payloads belong to role. It
// returns the keyring, the name of the chosen secret ("" when every profile
// is tried alike), and notes about what was done to the secrets (never the
// secrets themselves).
func (s *secretFlags) keyring(e *env, role crypto.Role) (*crypto.Keyring, string, []crypto.Note, error) {
	return s.keyringFor(e, role, false)
}

// keyringFor is keyring for a verb that reads (signing false) or one that
// makes a payload and so needs exactly one secret (signing true): without
// --profile it then chooses the only profile of role, and refuses to guess
// between several.
func (s *secretFlags) keyringFor(e *env, role crypto.Role, signing bool) (*crypto.Keyring, string, []crypto.Note, error) {
	var notes []crypto.Note
	switch {
	case (s.envVar != "" || s.file != "") && (s.profile != "" || s.store.demo || s.store.config != ""):
		return nil, "", nil, usageError{"give --secret-env or --secret-file, or use the profiles (--profile, --config, --demo), not both"}
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
		value, err := readSecretFile(s.file)
		if err != nil {
			return nil, "", nil, err
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
	return s.profileKeyring(e, role, signing)
}

// signingSecret is the one secret of role a verb that makes a payload
// signs or seals with (keyringFor with signing), and the notes about it.
func (s *secretFlags) signingSecret(e *env, role crypto.Role) (crypto.Secret, []crypto.Note, error) {
	ring, chosen, notes, err := s.keyringFor(e, role, true)
	if err != nil {
		return crypto.Secret{}, nil, err
	}
	return ring.Secret(max(ring.Find(chosen), 0)), notes, nil
}

// readSecretFile reads --secret-file, up to profile.MaxSecretSize: the wrong
// file (a log, /dev/zero) must not be read whole.
func readSecretFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, usageError{fmt.Sprintf("cannot read the secret file %s: %v", name, errors.Unwrap(err))}
	}
	defer f.Close()
	value, err := io.ReadAll(io.LimitReader(f, profile.MaxSecretSize+1))
	switch {
	case err != nil:
		return nil, usageError{fmt.Sprintf("cannot read the secret file %s: %v", name, err)}
	case len(value) > profile.MaxSecretSize:
		return nil, usageError{fmt.Sprintf("the secret file %s is larger than %d KiB; a secret is under a hundred bytes: is it the right file?", name, profile.MaxSecretSize>>10)}
	}
	return value, nil
}

// trimOneNewline removes one trailing "\n" or "\r\n", as editors and echo add.
func trimOneNewline(b []byte) ([]byte, bool) {
	if t, ok := bytes.CutSuffix(b, []byte("\r\n")); ok {
		return t, true
	}
	return bytes.CutSuffix(b, []byte("\n"))
}
