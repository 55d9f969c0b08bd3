package crypto

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// explainMatch turns each way the found computation differs from the one
// the header must carry into a diagnosis; none at all is a match.
func (c *SignatureCheck) explainMatch(ring *Keyring, scheme sigScheme, r *sigReading, f *sigFound) {
	h := scheme.header
	if d, ok := r.prefixProblem(f.candidate); ok {
		c.add(d)
	}
	switch {
	case f.candidate.base64:
		c.add(Diagnosis{Code: "digest_base64", Severity: SeverityError,
			Message: fmt.Sprintf("the digest in %s is base64: decoded, it is the %s of the body, but Intercom sends lowercase hex", h, f.candidate.hash.name),
			Fix:     "Encode the digest as lowercase hex (Node: .digest('hex'); PHP: hash_hmac(…, false); Ruby: OpenSSL::HMAC.hexdigest), not base64."})
	case f.candidate.upper:
		c.add(Diagnosis{Code: "uppercase_hex", Severity: SeverityWarn,
			Message: fmt.Sprintf("the digest in %s is uppercase hex: it equals the %s of the body but for case, and signatures are compared as lowercase text", h, f.candidate.hash.name),
			Fix:     "Write the digest in lowercase hex (Java: HexFormat.of().formatHex; C#: Convert.ToHexString(…).ToLowerInvariant()), or compare case-insensitively."})
	}
	if f.candidate.hash.name != scheme.hash.name {
		c.add(Diagnosis{Code: "wrong_algorithm", Severity: SeverityError,
			Message: fmt.Sprintf("%s is the %s of the body, but %s are signed with %s", h, f.candidate.hash.name, scheme.what, scheme.hash.name),
			Fix:     "Use HMAC-SHA1 for X-Hub-Signature ('sha1=' and hex) and HMAC-SHA256 for X-Body-Signature (bare hex)."})
	}
	if f.body != nil {
		c.add(sigReserializedDiagnosis(h, f.body))
	}
	secret := ring.Secret(f.secretAt)
	if f.secretHow != "" {
		c.add(Diagnosis{Code: "secret_whitespace", Severity: SeverityError,
			Message: fmt.Sprintf("%s matches with %s only %s", h, secret.Label(), f.secretHow),
			Fix:     "Trim the secret where it is read (a file's final newline, spaces copied with it), on the sending and the checking side."})
	}
	if c.Chosen >= 0 && f.secretAt != c.Chosen {
		want := ring.Secret(c.Chosen)
		c.add(Diagnosis{Code: "wrong_profile", Severity: SeverityError,
			Message: fmt.Sprintf("%s was made with %s, not the chosen %s", h, secret.Label(), want.Label()),
			Fix:     fmt.Sprintf("Verify with the secret of %s, or check which workspace's app sent this request.", secret.Label())})
	}
	switch {
	case looksLikeAccessToken(f.secret):
		c.add(sigAccessTokenDiagnosis(h, scheme, secret, true))
	case !captureRoleFits(secret.Role, RoleOAuth):
		c.add(Diagnosis{Code: "wrong_role", Severity: SeverityError,
			Message: fmt.Sprintf("%s was made with %s, %s, but Intercom signs %s with the app's OAuth client secret", h, secret.Label(), roleNoun(secret.Role), scheme.what),
			Fix:     "Sign and verify with the OAuth client secret (role oauth), not the identity verification or Messenger API secret."})
	}
	if len(c.Diagnoses) == 0 {
		c.add(Diagnosis{Code: "match", Severity: SeverityInfo,
			Message: fmt.Sprintf("%s matches the %s of the body with %s", h, scheme.hash.name, secret.Label()),
			Fix:     "Nothing to fix."})
	}
}

// explainMismatch says why nothing matched: the secret tried first is an
// access token or has the wrong role, or no known mistake explains it.
func (c *SignatureCheck) explainMismatch(ring *Keyring, search sigSearch) {
	scheme, _ := sigSchemeFor(c.Header)
	first := ring.Secret(c.SecretAt)
	switch {
	case looksLikeAccessToken(first.Value):
		c.add(sigAccessTokenDiagnosis(c.Header, scheme, first, false))
	case c.Chosen >= 0 && !captureRoleFits(first.Role, RoleOAuth):
		c.add(Diagnosis{Code: "wrong_role", Severity: SeverityError,
			Message: fmt.Sprintf("%s does not match with the chosen %s, %s: Intercom signs %s with the app's OAuth client secret, and no other secret tried matches either", c.Header, first.Label(), roleNoun(first.Role), scheme.what),
			Fix:     "Choose the profile of the app's OAuth client secret (role oauth), or add it."})
	default:
		tried := fmt.Sprintf("%d computations: other HMACs, re-serialised body, whitespace around the secret", search.tries)
		if search.stopped {
			tried = fmt.Sprintf("%d computations, stopped after hashing %d MiB: the body is too large to try every re-serialisation", search.tries, search.hashed>>20)
		}
		c.add(Diagnosis{Code: "signature_mismatch", Severity: SeverityError,
			Message: fmt.Sprintf("%s matches no HMAC of the body with %s, nor any known mistake (%s)", c.Header, captureSecretsTried(ring), tried),
			Fix:     "Check that the body is the raw bytes as received (not re-serialised, cut or re-encoded) and that the secret is the OAuth client secret of the app that sent it."})
	}
}

// prefixProblem checks the "sha1=" in front of the digest: X-Hub-Signature
// has it exactly once; X-Body-Signature has none. A prefix that names the
// HMAC actually used is left to wrong_algorithm.
func (r *sigReading) prefixProblem(cand sigCandidate) (Diagnosis, bool) {
	h := r.scheme.header
	d := Diagnosis{Code: "signature_prefix", Severity: SeverityError}
	switch {
	case r.scheme.prefix == "" && len(r.prefixes) > 0:
		d.Message = fmt.Sprintf("%s starts with %q, but it carries the bare hex digest", h, strings.Join(r.prefixes, ""))
		d.Fix = fmt.Sprintf("Send %s as the bare lowercase hex digest, without a prefix; when checking, compare it with the bare hex.", h)
	case r.scheme.prefix == "":
		return d, false
	case len(r.prefixes) == 0:
		d.Message = fmt.Sprintf("%s holds the bare digest, without its %q prefix", h, r.scheme.prefix)
		d.Fix = fmt.Sprintf("Compare the whole header with %q followed by the hex digest (or strip the prefix on both sides); if you copied only the digest, copy the whole value.", r.scheme.prefix)
	case len(r.prefixes) > 1:
		d.Message = fmt.Sprintf("%s has %d prefixes (%q) before the digest; it has one", h, len(r.prefixes), strings.Join(r.prefixes, ""))
		d.Fix = fmt.Sprintf("Add %q once: the code that builds the header adds it to a value that already has it.", r.scheme.prefix)
	case r.prefixes[0] == r.scheme.prefix, strings.EqualFold(r.prefixes[0], cand.hash.prefix+"=") && !strings.EqualFold(r.prefixes[0], r.scheme.prefix):
		return d, false
	default:
		d.Message = fmt.Sprintf("%s starts with %q, but the digest is %s and the prefix is %q", h, r.prefixes[0], cand.hash.name, r.scheme.prefix)
		d.Fix = fmt.Sprintf("Write the prefix as %q, in lowercase, followed by the hex digest.", r.scheme.prefix)
	}
	return d, true
}

// sigReserializedDiagnosis says the signature was made over other bytes than
// those received: the same data, re-encoded, or with a newline changed.
func sigReserializedDiagnosis(header string, v *sigBodyVariant) Diagnosis {
	d := Diagnosis{Code: "body_reserialized", Severity: SeverityError,
		Message: fmt.Sprintf("%s matches the body %s, not the bytes as given: the body was changed between signing and checking", header, v.how),
		Fix:     "Verify the raw bytes, not JSON.stringify(req.body): take the body before any JSON parsing (Express: express.raw({type: 'application/json'}); Flask: request.get_data(); PHP: file_get_contents('php://input')) and capture it the same way."}
	if strings.Contains(v.how, "newline") && !strings.Contains(v.how, "JSON") {
		d.Fix = "Verify the raw bytes exactly as received: a newline added or removed (an editor saving the capture, echo, a logger) changes the signature; save captures without a final newline, or paste the whole request so its Content-Length tells where the body ends."
	}
	return d
}

// sigAccessTokenDiagnosis says the secret is an access token, which never
// signs anything Intercom sends.
func sigAccessTokenDiagnosis(header string, scheme sigScheme, s Secret, matched bool) Diagnosis {
	d := Diagnosis{Code: "access_token_as_secret", Severity: SeverityError,
		Fix: "Use the app's OAuth client secret (Developer Hub, the app's Basic information), not an access token: access tokens call the API, they never sign requests."}
	if matched {
		d.Message = fmt.Sprintf("%s was made with %s, which looks like an Intercom access token (base64 of \"tok:…\"), but Intercom signs %s with the app's OAuth client secret", header, s.Label(), scheme.what)
	} else {
		d.Message = fmt.Sprintf("%s does not match, and %s looks like an Intercom access token (base64 of \"tok:…\"), not the OAuth client secret that signs %s", header, s.Label(), scheme.what)
	}
	return d
}

// captureDecodeBase64 decodes standard or URL-safe base64, padded or not.
func captureDecodeBase64(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if raw, err := enc.DecodeString(s); err == nil {
			return raw, true
		}
	}
	return nil, false
}

// captureRoleFits reports whether a secret of role have suits payloads of role
// want; a secret with no role given may be anything.
func captureRoleFits(have, want Role) bool { return have == "" || have == want }

// captureSecretsTried names the secrets tried, for messages.
func captureSecretsTried(ring *Keyring) string {
	if ring.Len() == 1 {
		return ring.Secret(0).Label()
	}
	return fmt.Sprintf("any of the %d secrets tried", ring.Len())
}
