package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/demo"
	"github.com/sealpeek/sealpeek/internal/termtext"
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

// register adds the secret flags to a verb's flags.
func (s *secretFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&s.profile, "profile", "", "try profile NAME first, then the others (default: every profile, those of the payload's role first)")
	s.store.register(fs)
	fs.StringVar(&s.envVar, "secret-env", "", "use only the secret in environment variable VAR, not the profiles")
	fs.StringVar(&s.file, "secret-file", "", "use only the secret in file PATH (one trailing newline is trimmed), not the profiles")
}

// secretsHelp ends the help of every command that takes the secret flags.
const secretsHelp = "Secrets: from the profiles ('sealpeek help profiles'). Checking tries every one, --profile's\n" +
	"first; making a payload (encrypt, sign, hmac without --expect) uses --profile's, or the only one\n" +
	"of its role. --secret-env or --secret-file gives one secret instead. No flag takes a secret\n" +
	"itself: the command line is visible to every user of the machine. Secrets are never printed;\n" +
	"their fingerprints are."

// refusedSecretFlag reports whether an unknown flag looks like an attempt to
// pass a secret itself, which sealpeek refuses by having no such flag.
func refusedSecretFlag(name string) bool {
	switch name {
	case "secret", "key", "client-secret", "password", "token":
		return true
	}
	return false
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
		value, fileNotes, err := readSecretFile(s.file)
		if err != nil {
			return nil, "", nil, err
		}
		notes = append(notes, fileNotes...)
		if trimmed, ok := trimOneNewline(value); ok {
			value = trimmed
			notes = append(notes, crypto.Note{Code: noteSecretNewlineTrimmed,
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

// readSecretFile reads --secret-file as the profiles' secret files are
// read (profile.ReadSecretFile): the same size limit, and the same warning,
// as a note, when others can read the file.
func readSecretFile(name string) ([]byte, []crypto.Note, error) {
	value, warning, problem := profile.ReadSecretFile(name)
	if problem != nil {
		return nil, nil, usageError{problem.Message}
	}
	var notes []crypto.Note
	if warning != nil {
		notes = append(notes, crypto.Note{Code: warning.Code, Message: warning.Message})
	}
	return value, notes, nil
}

// trimOneNewline removes one trailing "\n" or "\r\n", as editors and echo add.
func trimOneNewline(b []byte) ([]byte, bool) {
	if t, ok := bytes.CutSuffix(b, []byte("\r\n")); ok {
		return t, true
	}
	return bytes.CutSuffix(b, []byte("\n"))
}

// demoOrigin names the embedded demo profiles in messages.
const demoOrigin = "the demo profiles (--demo)"

// noSecret starts the message of a verb that has no secret at all.
const noSecret = "no secret: pass --secret-env VAR or --secret-file PATH"

// storeFlags say which profiles a verb uses: a profiles file, or the demo.
type storeFlags struct {
	config string
	demo   bool

	// The store as loaded, once a run: the keyring and the languages of
	// the fixes both read it, and each load reads the file and checks the
	// owner of every folder above it.
	loaded  *profile.Store
	loadErr error
	done    bool
}

// register adds the profile-file flags to a verb's flags.
func (s *storeFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&s.config, "config", "", "read profiles from PATH (default $"+profile.ConfigEnv+", else profiles.toml in the user config folder's sealpeek/)")
	fs.BoolVar(&s.demo, "demo", false, "use the built-in demo profiles, whose fake secrets open the demo samples")
}

// path is the profiles file these flags name: --config, else $SEALPEEK_CONFIG,
// else the default in the user's config folder.
func (s *storeFlags) path(e *env) (string, error) {
	if s.config != "" {
		return s.config, nil
	}
	path, err := profile.DefaultPath(e.getenv)
	if err != nil {
		return "", usageError{fmt.Sprintf("%v; pass --config PATH or set %s", err, profile.ConfigEnv)}
	}
	return path, nil
}

// load reads the profiles these flags name. A refused file is a
// *profile.ConfigError that says what to change.
func (s *storeFlags) load(e *env) (*profile.Store, error) {
	if !s.done {
		s.loaded, s.loadErr = s.read(e)
		s.done = true
	}
	return s.loaded, s.loadErr
}

// read reads the store the flags name: the demo's, or the profiles file.
func (s *storeFlags) read(e *env) (*profile.Store, error) {
	if s.demo {
		if s.config != "" {
			return nil, usageError{"give --demo or --config, not both"}
		}
		return profile.Parse(demo.Profiles(), demoOrigin)
	}
	path, err := s.path(e)
	if err != nil {
		return nil, err
	}
	return profile.Load(path)
}

// profileKeyring builds the keyring from the profiles: every one that can
// be read, in file order (crypto.Keyring.Order puts the chosen one and
// those of role first). A profile that cannot be read is skipped with a
// note, unless it is the chosen one; hygiene problems become notes too.
func (s *secretFlags) profileKeyring(e *env, role crypto.Role, signing bool) (*crypto.Keyring, string, []crypto.Note, error) {
	if !s.store.demo && s.store.config == "" {
		if _, err := profile.DefaultPath(e.getenv); err != nil {
			return nil, "", nil, usageError{fmt.Sprintf("%s, or --config PATH for profiles (%v)", noSecret, err)}
		}
	}
	store, err := s.store.load(e)
	if err != nil {
		return nil, "", nil, err
	}
	if len(store.Profiles) == 0 {
		return nil, "", nil, usageError{fmt.Sprintf("%s, add a profile to %s with 'sealpeek profiles add NAME --role %s', or try --demo", noSecret, store.Origin, role)}
	}
	if s.profile != "" {
		if _, ok := store.Find(s.profile); !ok {
			return nil, "", nil, unknownProfile(s.profile, store)
		}
	}
	all := store
	if signing {
		// A verb that makes a payload uses one secret: the one named, else
		// the only one of its role. It reads only those, so that a slow or
		// broken command of an unrelated profile cannot hold it up.
		store = store.Only(func(p profile.Profile) bool {
			return p.Name == s.profile || s.profile == "" && p.Role == role
		})
	}
	var secrets []crypto.Secret
	var notes []crypto.Note
	othersProblems := 0
	for _, r := range store.Resolve(context.Background(), e.getenv) {
		// Problems of profiles that cannot be meant are counted, not shown:
		// 'profiles check' has the details.
		meant := r.Profile.Role == role || r.Profile.Name == s.profile
		if !r.OK() {
			if r.Profile.Name == s.profile {
				return nil, "", nil, usageError{r.Err.Message}
			}
			if meant {
				notes = append(notes, crypto.Note{Code: r.Err.Code, Message: r.Err.Message + "; skipped it"})
			} else {
				othersProblems++
			}
			continue
		}
		secrets = append(secrets, r.Secret)
		for _, w := range r.Warnings {
			if meant {
				notes = append(notes, crypto.Note{Code: w.Code, Message: w.Message})
			} else {
				othersProblems++
			}
		}
	}
	if othersProblems > 0 {
		notes = append(notes, crypto.Note{Code: noteProfileProblems, Message: fmt.Sprintf("profiles of roles other than %s have %d %s; run 'sealpeek profiles check%s'",
			role, othersProblems, termtext.Plural(othersProblems, "problem", "problems"), storeFlagsText(s.store))})
	}
	if len(secrets) == 0 {
		if signing && len(store.Profiles) == 0 {
			return nil, "", notes, usageError{fmt.Sprintf("%s: no profile in %s has role %s; add one with 'sealpeek profiles add NAME --role %s', or choose one with --profile", noSecret, all.Origin, role, role)}
		}
		return nil, "", notes, usageError{fmt.Sprintf("no secret: none of the %d profiles in %s could be read; run 'sealpeek profiles check'", len(store.Profiles), store.Origin)}
	}
	chosen := s.profile
	if signing && chosen == "" {
		if chosen, err = onlyOfRole(secrets, role); err != nil {
			return nil, "", notes, err
		}
		notes = append(notes, crypto.Note{Code: noteProfileChosen, Message: fmt.Sprintf("using profile '%s', the only one with role %s", chosen, role)})
	}
	return crypto.NewKeyring(secrets...), chosen, notes, nil
}

// onlyOfRole names the one secret of role, for a verb that must not guess.
func onlyOfRole(secrets []crypto.Secret, role crypto.Role) (string, error) {
	var fit []string
	for _, s := range secrets {
		if s.Role == role {
			fit = append(fit, s.Name)
		}
	}
	switch len(fit) {
	case 1:
		return fit[0], nil
	case 0:
		return "", usageError{fmt.Sprintf("no readable profile has role %s: pass --profile NAME to use another one, or add one with 'sealpeek profiles add'", role)}
	}
	return "", usageError{fmt.Sprintf("%d profiles have role %s (%s): pass --profile NAME to say which one to use", len(fit), role, nameList(fit))}
}

// unknownProfile is the error for a --profile that names no profile.
func unknownProfile(name string, store *profile.Store) error {
	return usageError{fmt.Sprintf("no profile named '%s' in %s; the profiles are: %s", name, store.Origin, nameList(store.Names()))}
}

// maxNamesListed bounds the names a message lists: a sentence, not a page.
const maxNamesListed = 12

// nameList joins names for a message, the first few and a count of the
// rest when there are many: 'sealpeek profiles' lists them all.
func nameList(names []string) string {
	if len(names) <= maxNamesListed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more (see 'sealpeek profiles')", strings.Join(names[:maxNamesListed-2], ", "), len(names)-maxNamesListed+2)
}
