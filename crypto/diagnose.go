package crypto

import (
	"fmt"
	"strings"
)

// This file is the part of the engine that sheet users and digests share: the
// search through variants and secrets, and the findings about profiles and
// roles that any payload can bring.

// search tries each variant, in order, with each secret, in order, and returns
// the first pair for which try reports that it reproduces the payload. Variants
// are the outer loop so that a payload the protocol's own way explains (with
// any secret) is never blamed on a mistake.
func search(variants int, order []int, try func(variant, secret int) bool) (variant, secret int, found bool) {
	for v := range variants {
		for _, i := range order {
			if try(v, i) {
				return v, i, true
			}
		}
	}
	return -1, -1, false
}

// payloadKind says what a payload needs of a secret, for the findings about
// profiles and roles.
type payloadKind struct {
	role        Role
	name        string // "sheet user", "user_hash"
	reproduced  string // how a secret reproduces it: "opened by", "made with"
	rightSecret string // the secret it needs, for people
	rule        string // what Intercom does, for people
	// chosenRoleSeverity is the severity of wrong_role when the secret of
	// the wrong role is the one chosen (or none was chosen) and it works.
	chosenRoleSeverity Severity
	chosenRoleFix      string
	wrongProfileFix    string
}

var (
	sheetPayload = payloadKind{
		role: RoleOAuth, name: "sheet user", reproduced: "opened by", rightSecret: "the app's OAuth client secret",
		rule:               "Intercom seals sheet users with the app's OAuth client secret",
		chosenRoleSeverity: SeverityWarn,
		chosenRoleFix:      "If your own code sealed this, key it with SHA-256 of the app's OAuth client secret, as Intercom does; if it is the Rails gem's encrypted-mode payload (window.intercomEncryptedPayload), the identity verification secret is right and this warning does not apply.",
		wrongProfileFix:    "Use the secret of the profile that opens it for payloads from this app, or check which workspace's app sent it: each app has its own OAuth client secret.",
	}
	digestPayload = payloadKind{
		role: RoleIdentity, name: "user_hash", reproduced: "made with", rightSecret: "the identity verification secret of the workspace and platform",
		rule:               "Intercom checks user_hash with the identity verification secret of the workspace and platform",
		chosenRoleSeverity: SeverityError,
		chosenRoleFix:      "Compute user_hash with the identity verification secret (Settings › Security › Identity verification, one per platform), not with the OAuth client secret or the Messenger API secret.",
		wrongProfileFix:    "Make the server compute user_hash with the secret of the workspace and platform the Messenger talks to: each has its own identity verification secret.",
	}
)

// profileFindings are the diagnoses that come with a payload reproduced by
// secret hit when chosen (or -1) was the secret the user picked: wrong_profile
// when they differ, and wrong_role when the one that works, or the chosen one,
// is not of the role the payload needs.
func profileFindings(ring *Keyring, kind payloadKind, hit, chosen int) []Diagnosis {
	var ds []Diagnosis
	got := ring.Secret(hit)
	if chosen >= 0 && hit != chosen {
		want := ring.Secret(chosen)
		gotLabel, wantLabel := contrast(got, want)
		ds = append(ds, diag("wrong_profile",
			fmt.Sprintf("%s %s, you chose %s", kind.reproduced, gotLabel, wantLabel), kind.wrongProfileFix))
	}
	switch {
	case got.Role.Valid() && got.Role != kind.role:
		d := diag("wrong_role", fmt.Sprintf("the %s is %s %s, %s, but %s",
			kind.name, kind.reproduced, got.quotedName(), roleNoun(got.Role), kind.rule), kind.chosenRoleFix)
		if chosen < 0 || hit == chosen {
			d.Severity = kind.chosenRoleSeverity
		}
		ds = append(ds, d)
	case chosen >= 0 && hit != chosen && ring.Secret(chosen).Role.Valid() && ring.Secret(chosen).Role != kind.role:
		want := ring.Secret(chosen)
		ds = append(ds, diag("wrong_role", fmt.Sprintf("you chose %s, %s, but a %s needs %s, and %s (%s) is the one that works",
			want.quotedName(), roleNoun(want.Role), kind.name, kind.rightSecret, got.quotedName(), got.Role),
			fmt.Sprintf("Pick a profile with role %s for a %s.", kind.role, kind.name)))
	}
	return ds
}

// unexplainedFindings are the diagnoses that come with a payload nothing
// reproduces: a warning when the chosen secret has the wrong role, a likely
// cause although unproven.
func unexplainedFindings(ring *Keyring, kind payloadKind, chosen int) []Diagnosis {
	if chosen < 0 {
		return nil
	}
	want := ring.Secret(chosen)
	if !want.Role.Valid() || want.Role == kind.role {
		return nil
	}
	d := diag("wrong_role", fmt.Sprintf("you chose %s, %s, but a %s needs %s; no profile of that role reproduces it either",
		want.quotedName(), roleNoun(want.Role), kind.name, kind.rightSecret),
		fmt.Sprintf("Add or pick a profile with role %s (%s) for a %s.", kind.role, kind.rightSecret, kind.name))
	d.Severity = SeverityWarn
	return []Diagnosis{d}
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
