package crypto

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// CheckSecretHygiene looks at a secret's value for the mistakes people make
// when they copy one: whitespace around it, or something else pasted in its
// place (the app_id, a mobile SDK API key, an access token). Each diagnosis
// names the secret by its label and fingerprint, never by its value.
func CheckSecretHygiene(s Secret) []Diagnosis {
	var ds []Diagnosis
	if d, ok := surroundingWhitespace(s); ok {
		ds = append(ds, d)
	}
	value := bytes.TrimFunc(s.Value, unicode.IsSpace)
	switch {
	case looksLikeAppID(value):
		ds = append(ds, diag(CodeAppIDAsSecret, fmt.Sprintf("the secret of %s, fingerprint %s, is 8 lowercase letters and digits: the shape of a workspace app_id, which is public, not of a secret", s.Label(), s.Fingerprint()),
			fixFor(s.Role)))
	case bytes.HasPrefix(value, []byte("android_sdk-")) || bytes.HasPrefix(value, []byte("ios_sdk-")):
		platform := "Android"
		if value[0] == 'i' {
			platform = "iOS"
		}
		ds = append(ds, diag(CodeAPIKeyAsSecret, fmt.Sprintf("the secret of %s, fingerprint %s, is an %s SDK API key, which the app ships to phones, not a secret", s.Label(), s.Fingerprint(), platform),
			fixFor(s.Role)))
	case looksLikeAccessToken(value):
		ds = append(ds, diag(CodeAccessTokenAsSecret, fmt.Sprintf("the secret of %s, fingerprint %s, is an Intercom access token (base64 of \"tok:…\"), which calls the REST API and signs nothing", s.Label(), s.Fingerprint()),
			fixAccessToken(s.Role)))
	}
	return ds
}

// surroundingWhitespace reports whitespace at either end of the secret,
// naming which end and what kind, so the user knows what to delete.
func surroundingWhitespace(s Secret) (Diagnosis, bool) {
	first, _ := utf8.DecodeRune(s.Value)
	last, _ := utf8.DecodeLastRune(s.Value)
	leading, trailing := len(s.Value) > 0 && unicode.IsSpace(first), len(s.Value) > 0 && unicode.IsSpace(last)
	if !leading && !trailing {
		return Diagnosis{}, false
	}
	where := "ends with " + spaceName(last)
	switch {
	case leading && trailing:
		where = fmt.Sprintf("starts with %s and ends with %s", spaceName(first), spaceName(last))
	case leading:
		where = "starts with " + spaceName(first)
	}
	return standard(CodeSecretSurroundingWhitespace, fmt.Sprintf("the secret of %s, fingerprint %s, %s, which no Intercom secret has", s.Label(), s.Fingerprint(), where)), true
}

func spaceName(r rune) string {
	switch r {
	case '\n':
		return "a newline"
	case '\r':
		return "a carriage return"
	case '\t':
		return "a tab"
	case ' ':
		return "a space"
	}
	return fmt.Sprintf("whitespace (U+%04X)", r)
}

// looksLikeAppID matches an Intercom app_id (workspace id): 8 characters,
// lowercase letters and digits.
func looksLikeAppID(v []byte) bool {
	if len(v) != 8 {
		return false
	}
	for _, c := range v {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// accessTokenPrefix is what every Intercom access token decodes to first.
var accessTokenPrefix = []byte("tok:")

// minAccessToken is the shortest text taken for an access token: a real one
// is the base64 of "tok:", a UUID-like id and more, some sixty characters.
const minAccessToken = 20

// looksLikeAccessToken matches an Intercom access token: base64 of "tok:…"
// (so it starts "dG9rO"), whitespace around it ignored. Its first 8
// characters decode to 6 bytes, enough to see the prefix whatever the
// alphabet or padding of the rest. It is the one test of an access token,
// for secrets as stored and for the secret that made a payload.
func looksLikeAccessToken(v []byte) bool {
	v = bytes.TrimSpace(v)
	if len(v) < minAccessToken {
		return false
	}
	head := make([]byte, 6)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		if n, err := enc.Decode(head, v[:8]); err == nil && bytes.HasPrefix(head[:n], accessTokenPrefix) {
			return true
		}
	}
	return false
}

// fixFor says where the right secret for a role is found.
func fixFor(role Role) string {
	switch role {
	case RoleOAuth:
		return "Use the app's client secret, from its Basic information page in the Developer Hub."
	case RoleIdentity:
		return "Use the identity verification secret from the Messenger's security settings; web, iOS and Android each have their own."
	case RoleMessenger:
		return "Use the Messenger API secret from the Messenger's security settings."
	}
	return "Use the secret itself, as Intercom shows it, not an identifier or key copied from nearby."
}

// fixAccessToken says what to use instead of an access token where a secret
// of the role is needed.
func fixAccessToken(role Role) string {
	return fixFor(role) + " An access token calls the REST API; it never signs or seals anything."
}

// CheckDistinctSecrets warns about secrets that hold the same value under
// different names: test and production, or web and iOS, each have their own
// secret, so two equal ones are almost always a copy-paste slip, and they
// make it impossible to say which of the two a payload belongs to. Each
// later duplicate gets one diagnosis naming the first one.
func CheckDistinctSecrets(secrets []Secret) [][]Diagnosis {
	out := make([][]Diagnosis, len(secrets))
	// Indexing by a hash of the value keeps this linear: comparing every
	// pair took a second for a file of 10,000 profiles.
	firstWith := make(map[[sha256.Size]byte]int, len(secrets))
	for j, s := range secrets {
		digest := sha256.Sum256(s.Value)
		i, seen := firstWith[digest]
		if !seen {
			firstWith[digest] = j
			continue
		}
		out[j] = append(out[j], diag(CodeDuplicateSecret, fmt.Sprintf("%s holds the same secret as %s (fingerprint %s)", s.Label(), secrets[i].Label(), s.Fingerprint()),
			fmt.Sprintf("Each workspace and platform has its own secret: copy the right one into '%s', or remove it if it is an alias.", s.Name)))
	}
	return out
}
