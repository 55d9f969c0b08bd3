package crypto

import (
	"crypto/hmac"
	"fmt"
	"iter"
	"strings"
)

// This file is the part of the engine every payload shares: the search
// through variants and secrets, and the findings about profiles, roles and
// secrets that any payload can bring. What differs between payloads is in
// their rows of the table in payloads.go.

// search tries each variant, in order, with each secret, in order, and returns
// the first pair for which try reports that it reproduces the payload. Variants
// are the outer loop so that a payload the protocol's own way explains (with
// any secret) is never blamed on a mistake.
func search[V any](variants iter.Seq[V], order []int, try func(variant V, secret int) bool) (found V, secret int, ok bool) {
	for v := range variants {
		for _, i := range order {
			if try(v, i) {
				return v, i, true
			}
		}
	}
	return found, -1, false
}

// noSecret says there is no secret to try the payload with.
func noSecret(k *payloadKind) Diagnosis {
	return diag(CodeNoSecret, fmt.Sprintf("no secret to try: %s needs %s", k.indefinite, k.rightSecret),
		fmt.Sprintf("Add a profile with role %s (%s), or give that secret for this check alone.", k.role, k.rightSecret))
}

// profileFindings are the diagnoses that come with a payload reproduced by
// secret hit when chosen (or -1) was the secret the user picked: wrong_profile
// when they differ; access_token_as_secret when the one that works is an
// access token; else wrong_role when it, or the chosen one, is not of the
// role the payload needs.
func profileFindings(ring *Keyring, k *payloadKind, hit, chosen int) []Diagnosis {
	var ds []Diagnosis
	got := ring.Secret(hit)
	if chosen >= 0 && hit != chosen {
		gotLabel, wantLabel := contrast(got, ring.Secret(chosen))
		lead := k.reproduced
		if k.named {
			lead = k.definite + " was " + lead
		}
		ds = append(ds, k.diag(CodeWrongProfile, fmt.Sprintf("%s %s, you chose %s", lead, gotLabel, wantLabel)))
		if d, ok := storedOtherwise(ring, k, chosen, hit); ok {
			ds = append(ds, d)
		}
	}
	switch {
	case looksLikeAccessToken(got.Value):
		ds = append(ds, diag(CodeAccessTokenAsSecret, fmt.Sprintf("%s is %s %s, which looks like an Intercom access token (base64 of \"tok:…\"), but %s",
			k.definite, k.reproduced, got.Label(), k.rule), fixAccessToken(k.role)))
	case got.Role.Valid() && got.Role != k.role:
		d := k.diag(CodeWrongRole, fmt.Sprintf("%s is %s %s, %s, but %s", k.definite, k.reproduced, got.quotedName(), roleNoun(got.Role), k.rule))
		if chosen < 0 || hit == chosen {
			d.Severity = k.chosenRoleSeverity
		}
		ds = append(ds, d)
	case chosen >= 0 && hit != chosen && ring.Secret(chosen).Role.Valid() && ring.Secret(chosen).Role != k.role:
		want := ring.Secret(chosen)
		ds = append(ds, diag(CodeWrongRole, fmt.Sprintf("you chose %s, %s, but %s needs %s, and %s (%s) is the one that works",
			want.quotedName(), roleNoun(want.Role), k.indefinite, k.rightSecret, got.quotedName(), got.Role),
			fmt.Sprintf("Pick a profile with role %s for %s.", k.role, k.indefinite)))
	}
	return ds
}

// storedOtherwise says when the chosen profile holds the secret that works
// in another form: with whitespace around it, in quotes, or as a NAME=value
// line. Then the chosen profile was meant to be that one, copied badly,
// and both findings stand: wrong_profile, and how it was copied.
func storedOtherwise(ring *Keyring, k *payloadKind, chosen, hit int) (Diagnosis, bool) {
	want, got := ring.Secret(chosen), ring.Secret(hit)
	for _, f := range []secretForm{secretTrimmed, secretUnquoted, secretKeyValue} {
		form := ring.secretForm(chosen, f)
		if form == nil || !hmac.Equal(form, got.Value) {
			continue
		}
		how := map[secretForm]string{secretTrimmed: "with " + describeWhitespace(want.Value), secretUnquoted: "in quotes", secretKeyValue: "as a whole NAME=value line"}[f]
		fix := codeInfo(f.code()).Fix
		if f == secretTrimmed {
			fix = fixTrimSecret
		}
		return diag(f.code(), fmt.Sprintf("%s holds the secret of %s %s: the same secret, copied badly, so with %s %s %s only once that is undone",
			want.quotedName(), got.quotedName(), how, want.quotedName(), k.pronoun, k.verb), fix), true
	}
	return Diagnosis{}, false
}

// unexplained is what is said of a payload that nothing reproduces: the
// mismatch, and what is suspect about the secret tried first (the chosen
// one, else the first of the payload's role): an access token, or a chosen
// secret of another role. A suspect secret is a likely cause although
// unproven, so it is a warning beside the mismatch, unless the kind says it
// explains the mismatch, in whose place it then stands.
func unexplained(ring *Keyring, k *payloadKind, first, chosen int, mismatch Diagnosis) []Diagnosis {
	s := ring.Secret(first)
	var suspect Diagnosis
	switch {
	case looksLikeAccessToken(s.Value):
		suspect = diag(CodeAccessTokenAsSecret, fmt.Sprintf("%s %s with %s, which looks like an Intercom access token (base64 of \"tok:…\"), not %s",
			k.definite, k.notVerb, s.Label(), k.rightSecret), fixAccessToken(k.role))
	case chosen >= 0 && s.Role.Valid() && s.Role != k.role:
		suspect = diag(CodeWrongRole, fmt.Sprintf("you chose %s, %s, but %s needs %s; no profile of that role reproduces it either",
			s.quotedName(), roleNoun(s.Role), k.indefinite, k.rightSecret),
			fmt.Sprintf("Add or pick a profile with role %s (%s) for %s.", k.role, k.rightSecret, k.indefinite))
	default:
		return []Diagnosis{mismatch}
	}
	if k.suspectExplains {
		return []Diagnosis{suspect}
	}
	suspect.Severity = SeverityWarn
	return []Diagnosis{mismatch, suspect}
}

// contrast labels two secrets by name with only the attributes that tell
// them apart, e.g. "'prod-oauth' (production)" and "'test-oauth' (test)"; when
// none does, by fingerprint.
func contrast(a, b Secret) (string, string) {
	var da, db []string
	for _, attr := range [][3]string{{"role", string(a.Role), string(b.Role)}, {"workspace", a.Workspace, b.Workspace}, {"platform", a.Platform, b.Platform}} {
		if attr[1] != attr[2] {
			da, db = append(da, orNo(attr[0], attr[1])), append(db, orNo(attr[0], attr[2]))
		}
	}
	if len(da) == 0 {
		da, db = []string{"fingerprint " + a.Fingerprint()}, []string{"fingerprint " + b.Fingerprint()}
	}
	return a.quotedName() + " (" + strings.Join(da, ", ") + ")", b.quotedName() + " (" + strings.Join(db, ", ") + ")"
}

// orNo is value, or "no <attribute>" when it is unset.
func orNo(attribute, value string) string {
	if value == "" {
		return "no " + attribute
	}
	return value
}

// quotedName is the secret's name as messages show it.
func (s Secret) quotedName() string { return "'" + s.Name + "'" }

// roleNoun says what a secret of a role is, for people.
func roleNoun(r Role) string {
	switch r {
	case RoleOAuth:
		return "an OAuth client secret"
	case RoleIdentity:
		return "an identity verification secret"
	case RoleMessenger:
		return "a Messenger API secret"
	}
	return "a secret of role " + string(r)
}

// hasError reports whether any diagnosis is an error.
func hasError(ds []Diagnosis) bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}
