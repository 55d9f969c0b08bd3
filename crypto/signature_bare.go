package crypto

import "strings"

// BareSignatureHeader names the signature header that a value given
// without its name belongs to, for a request with this body: a value in
// the form "sha1=<hex>" (any "<algorithm>=<hex>") is X-Hub-Signature's, the
// webhooks' header; bare hex is X-Body-Signature's (Canvas Kit, uninstall
// and health-check requests), except on a webhook notification body, which
// Intercom signs only with X-Hub-Signature (the check then reports the
// missing sha1= prefix). ok is false for a value neither form fits.
func BareSignatureHeader(value string, body []byte) (name string, ok bool) {
	v := strings.TrimSpace(value)
	if alg, digest, found := strings.Cut(v, "="); found {
		if isHex(strings.TrimSpace(digest)) && isAlgorithmName(strings.TrimSpace(alg)) {
			return HeaderHubSignature, true
		}
		return "", false
	}
	if !isHex(v) {
		return "", false
	}
	if jsonObjectKeys(body).notification() {
		return HeaderHubSignature, true
	}
	return HeaderBodySignature, true
}

// isAlgorithmName reports a word such as sha1 or SHA256: letters, then
// digits.
func isAlgorithmName(s string) bool {
	letters := strings.TrimRight(s, "0123456789")
	if letters == "" || len(s) > 16 {
		return false
	}
	for i := 0; i < len(letters); i++ {
		if c := letters[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
