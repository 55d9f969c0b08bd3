package crypto

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// UserHash returns the identity verification digest of an identifier (the
// user_id, or the email when there is no user_id): lowercase hex
// HMAC-SHA256 keyed with the identity verification secret.
func UserHash(secret, identifier []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(identifier)
	return hex.EncodeToString(mac.Sum(nil))
}

// DigestsEqual compares two digests in constant time for equal lengths, so a
// comparison does not tell an attacker how many leading characters match.
func DigestsEqual(a, b string) bool {
	return hmac.Equal([]byte(a), []byte(b))
}
