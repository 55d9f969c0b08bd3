// Package profile is sealpeek's secret store: named secrets kept in a TOML
// profiles file, each read from where the user keeps it (a literal, an
// environment variable, a file or a command). It does the I/O that the pure
// crypto package must not, and hands it resolved crypto.Secret values.
//
// Nothing here ever prints, logs or puts a secret in an error: profiles are
// shown by name, role, source kind and crypto.Fingerprint.
package profile

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/snippets"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// SourceKind says where a profile's secret comes from. Its value is the key
// that holds it in the profiles file.
type SourceKind string

// The sources a profile can read its secret from.
const (
	// SourceLiteral is the secret itself, written in the profiles file.
	SourceLiteral SourceKind = "secret"
	// SourceEnv is the name of an environment variable holding the secret.
	SourceEnv SourceKind = "secret_env"
	// SourceFile is the path of a file holding the secret.
	SourceFile SourceKind = "secret_file"
	// SourceCommand is a command, run through sh -c, that prints the secret.
	SourceCommand SourceKind = "secret_cmd"
)

// SourceKinds lists every source kind, in the order they are documented.
var SourceKinds = []SourceKind{SourceEnv, SourceFile, SourceCommand, SourceLiteral}

// Short is the kind as people call it: "literal", "env", "file", "command".
func (k SourceKind) Short() string {
	switch k {
	case SourceLiteral:
		return "literal"
	case SourceEnv:
		return "env"
	case SourceFile:
		return "file"
	case SourceCommand:
		return "command"
	}
	return string(k)
}

// MaxNameLength is the longest profile name, in characters: names are typed
// on command lines and shown in narrow table columns.
const MaxNameLength = 64

// Profile is one named secret and where to find it. The literal secret of a
// SourceLiteral profile is kept unexported, and String, GoString and Format
// never show it.
type Profile struct {
	Name      string
	Role      crypto.Role
	Workspace string // e.g. "test", "production"; may be empty
	Platform  string // e.g. "web", "ios", "android"; may be empty
	// Lang is the language the app behind the secret is written in, one of
	// snippets.Languages(), so that fixes are shown as code in it; empty
	// when not said.
	Lang   string
	Source SourceKind
	// Ref is the environment variable name, the file path or the command,
	// as written in the profiles file; empty for a literal secret.
	Ref string
	// Line is the line of the profile's [[profile]] header in its file, 0
	// when unknown (an inline table, or a profile not read from a file).
	Line int

	literal []byte
}

// WithSecret returns a copy of p holding value as its literal secret, for
// Append. It sets Source to SourceLiteral and clears Ref.
func (p Profile) WithSecret(value []byte) Profile {
	p.Source, p.Ref = SourceLiteral, ""
	p.literal = append([]byte(nil), value...)
	return p
}

// Label describes the profile as crypto.Secret.Label does, e.g.
// "'prod-oauth' (oauth, production)".
func (p Profile) Label() string {
	return crypto.Secret{Name: p.Name, Role: p.Role, Workspace: p.Workspace, Platform: p.Platform}.Label()
}

// String names the profile and its source, never the secret.
func (p Profile) String() string {
	if p.Source == SourceLiteral || p.Source == SourceCommand {
		return fmt.Sprintf("profile %s from %s", p.Label(), p.Source)
	}
	return fmt.Sprintf("profile %s from %s %s", p.Label(), p.Source, p.Ref)
}

// GoString keeps %#v from printing the literal secret.
func (p Profile) GoString() string { return p.String() }

// Format keeps every fmt verb from printing the literal secret.
func (p Profile) Format(f fmt.State, _ rune) { fmt.Fprint(f, p.String()) }

// validate checks what a profile must be whatever file it comes from, and
// returns the field at fault and a reason that fits after "field: ".
func (p Profile) validate() (field, reason string) {
	switch {
	case p.Name == "":
		return "name", "a profile needs a name"
	case !utf8.ValidString(p.Name):
		return "name", "the name is not UTF-8 text, which TOML cannot hold"
	case utf8.RuneCountInString(p.Name) > MaxNameLength:
		return "name", fmt.Sprintf("the name is %d characters long; keep it to %d", utf8.RuneCountInString(p.Name), MaxNameLength)
	case unsafeRuneAt(p.Name) >= 0:
		i := unsafeRuneAt(p.Name)
		r, _ := utf8.DecodeRuneInString(p.Name[i:])
		return "name", fmt.Sprintf("the name holds U+%04X, a control or invisible character, at character %d, so it would look like another name; use letters, digits, '-' or '_'", r, utf8.RuneCountInString(p.Name[:i])+1)
	case strings.TrimSpace(p.Name) != p.Name:
		return "name", "the name starts or ends with a space"
	case p.Role == "":
		return "role", fmt.Sprintf("profile '%s' needs a role: %s", p.Name, roleList())
	case !p.Role.Valid():
		return "role", fmt.Sprintf("%q is not a role; use %s", string(p.Role), roleList())
	case !utf8.ValidString(p.Workspace):
		return "workspace", "the workspace label is not UTF-8 text, which TOML cannot hold"
	case !utf8.ValidString(p.Platform):
		return "platform", "the platform label is not UTF-8 text, which TOML cannot hold"
	case unsafeRuneAt(p.Workspace) >= 0:
		return "workspace", "the workspace label holds a control or invisible character"
	case unsafeRuneAt(p.Platform) >= 0:
		return "platform", "the platform label holds a control or invisible character"
	case p.Lang != "" && !knownLang(p.Lang):
		return "lang", fmt.Sprintf("sealpeek has no snippets in %q; use %s", p.Lang, orList(snippets.Languages()))
	}
	switch p.Source {
	case SourceLiteral:
		if len(p.literal) == 0 {
			return string(p.Source), fmt.Sprintf("profile '%s' has an empty secret", p.Name)
		}
	case SourceEnv, SourceFile, SourceCommand:
		if strings.TrimSpace(p.Ref) == "" {
			return string(p.Source), fmt.Sprintf("profile '%s' has an empty %s", p.Name, p.Source)
		}
		if !utf8.ValidString(p.Ref) {
			return string(p.Source), fmt.Sprintf("the %s of profile '%s' is not UTF-8 text, which TOML cannot hold", p.Source, p.Name)
		}
		if p.Source == SourceEnv && (strings.ContainsAny(p.Ref, "=$ ") || unsafeRuneAt(p.Ref) >= 0) {
			return string(p.Source), fmt.Sprintf("%q is not an environment variable name; write the name alone, e.g. INTERCOM_CLIENT_SECRET", p.Ref)
		}
		if p.Source == SourceFile && strings.ContainsRune(p.Ref, 0) {
			return string(p.Source), "the path holds a NUL byte"
		}
	default:
		return "secret", fmt.Sprintf("profile '%s' has no secret source: add one of %s", p.Name, sourceList())
	}
	return "", ""
}

// knownLang reports whether lang names a language of the snippets, by its
// name or a usual alias ("js", "py", "rb", "golang").
func knownLang(lang string) bool {
	_, ok := snippets.Language(lang)
	return ok
}

// unsafeRuneAt is the byte offset of the first rune in s that a terminal
// would not show as itself, or -1.
func unsafeRuneAt(s string) int {
	return strings.IndexFunc(s, termtext.IsUnsafeRune)
}

func roleList() string {
	names := make([]string, len(crypto.Roles))
	for i, r := range crypto.Roles {
		names[i] = string(r)
	}
	return orList(names)
}

func sourceList() string {
	names := make([]string, len(SourceKinds))
	for i, k := range SourceKinds {
		names[i] = string(k)
	}
	return orList(names)
}

// orList writes "a, b or c".
func orList(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
