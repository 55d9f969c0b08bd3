package crypto

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Role says what a secret is for in Intercom, and so which payloads it can
// open or sign.
type Role string

// The roles a secret can have.
const (
	// RoleOAuth is the app's OAuth client secret: sheet users, Canvas Kit
	// request signatures and webhook signatures.
	RoleOAuth Role = "oauth"
	// RoleIdentity is an identity verification secret: user_hash digests and
	// the Rails gem's encrypted mode. Each platform has its own.
	RoleIdentity Role = "identity"
	// RoleMessenger is the Messenger API secret: HS256 Messenger JWTs.
	RoleMessenger Role = "messenger"
)

// Roles lists every role, in the order they are documented.
var Roles = []Role{RoleOAuth, RoleIdentity, RoleMessenger}

// Valid reports whether r is one of [Roles].
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// Secret is a resolved secret with the labels that tell it apart from the
// others. Value is never printed: String, GoString and Format show the name
// and the [Fingerprint] instead.
type Secret struct {
	Name      string
	Role      Role
	Workspace string // e.g. "test", "production"
	Platform  string // e.g. "web", "ios", "android"
	Value     []byte
}

// Fingerprint returns a short, stable identifier of the secret that reveals
// nothing usable about it.
func (s Secret) Fingerprint() string { return Fingerprint(s.Value) }

// Label describes the secret for people: its name and whichever of role,
// workspace and platform are set, e.g. "'prod-oauth' (oauth, production)".
func (s Secret) Label() string {
	label := fmt.Sprintf("'%s'", s.Name)
	extra := ""
	for _, part := range []string{string(s.Role), s.Workspace, s.Platform} {
		if part == "" {
			continue
		}
		if extra != "" {
			extra += ", "
		}
		extra += part
	}
	if extra != "" {
		label += " (" + extra + ")"
	}
	return label
}

// String shows the name and fingerprint, never the value.
func (s Secret) String() string {
	return fmt.Sprintf("secret %s fingerprint %s", s.Label(), s.Fingerprint())
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return s.String() }

// Format keeps every fmt verb from printing the value.
func (s Secret) Format(f fmt.State, verb rune) { fmt.Fprint(f, s.String()) }

// MarshalJSON keeps encoding/json from writing the value.
func (s Secret) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name        string `json:"name"`
		Role        Role   `json:"role"`
		Workspace   string `json:"workspace,omitempty"`
		Platform    string `json:"platform,omitempty"`
		Fingerprint string `json:"fingerprint"`
	}{s.Name, s.Role, s.Workspace, s.Platform, s.Fingerprint()})
}

// fingerprintDomain separates fingerprints from every other hash of a secret:
// a plain SHA-256 of the OAuth client secret is the sheet key itself, so even
// a prefix of it must never be shown.
const fingerprintDomain = "sealpeek secret fingerprint v1\x00"

// Fingerprint returns the first 8 hex digits of SHA-256 over a fixed domain
// prefix and the secret. Two secrets with the same fingerprint are almost
// certainly the same; the fingerprint cannot open or sign anything.
func Fingerprint(secret []byte) string {
	h := sha256.New()
	h.Write([]byte(fingerprintDomain))
	h.Write(secret)
	return hex.EncodeToString(h.Sum(nil)[:4])
}
