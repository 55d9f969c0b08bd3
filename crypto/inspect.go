package crypto

import (
	"errors"
	"fmt"
	"sort"
)

// SheetReport is everything sealpeek learned about a pasted sheet user.
type SheetReport struct {
	User            *EncodedUser // what was read and how; never nil
	Split           *Split       // nil when the input could not be read or split
	Plaintext       []byte       // the decrypted user, nil when nothing opened it
	PlaintextIsJSON bool
	OpenedBy        int // keyring index of the secret that opened it, -1 if none
	Chosen          int // keyring index of the chosen secret, -1 if none
	InputError      *InputError
	Diagnoses       []Diagnosis // most important first
}

// OK reports whether the chosen secret (or, with none chosen, any secret)
// opened the user.
func (r *SheetReport) OK() bool {
	return r.OpenedBy >= 0 && (r.Chosen < 0 || r.OpenedBy == r.Chosen)
}

// InspectSheetUser reads, splits and opens a pasted sheet user with the
// keyring's secrets, the chosen one first, and diagnoses what it finds.
func InspectSheetUser(input []byte, ring *Keyring, chosen string) *SheetReport {
	r := &SheetReport{OpenedBy: -1, Chosen: ring.Find(chosen)}
	user, err := DecodeSheetUser(input)
	r.User = user
	if err == nil {
		var split Split
		if split, err = SplitSealed(user.Sealed); err == nil {
			r.Split = &split
		}
	}
	if err != nil {
		var inputErr *InputError
		if !errors.As(err, &inputErr) {
			inputErr = &InputError{Code: "input_invalid", Field: "input", Offset: -1, Length: -1, Reason: err.Error()}
		}
		r.InputError = inputErr
		r.add(inputErr.Diagnosis())
	} else {
		r.open(ring, chosen)
	}
	for _, n := range user.Notes {
		r.add(n.Diagnosis())
	}
	sortDiagnoses(r.Diagnoses)
	return r
}

// open tries each secret in order and records the first that opens the user.
func (r *SheetReport) open(ring *Keyring, chosen string) {
	if ring.Len() == 0 {
		r.add(Diagnosis{Code: "no_secret", Severity: SeverityError,
			Message: "no secret to try: the user cannot be opened without the OAuth client secret",
			Fix:     "Add a profile with role oauth, or pass --secret-env or --secret-file."})
		return
	}
	for _, i := range ring.Order(chosen, RoleOAuth) {
		plaintext, err := ring.entries[i].sheet.Open(r.User.Sealed)
		if err != nil {
			continue
		}
		r.OpenedBy, r.Plaintext = i, plaintext
		r.PlaintextIsJSON = validJSON(plaintext)
		break
	}
	switch {
	case r.OpenedBy < 0 && r.Chosen >= 0:
		s := ring.Secret(r.Chosen)
		r.add(Diagnosis{Code: "auth_failed", Severity: SeverityError,
			Message: fmt.Sprintf("the tag does not verify with %s (fingerprint %s), nor with any other secret", s.Label(), s.Fingerprint()),
			Fix:     "Check which OAuth client secret this workspace's app uses, and that the value was copied whole."})
	case r.OpenedBy < 0:
		r.add(Diagnosis{Code: "auth_failed", Severity: SeverityError,
			Message: fmt.Sprintf("the tag does not verify with any of the %d secrets tried", ring.Len()),
			Fix:     "Check which OAuth client secret this workspace's app uses, and that the value was copied whole."})
	case !r.OK():
		opened, want := ring.Secret(r.OpenedBy), ring.Secret(r.Chosen)
		r.add(Diagnosis{Code: "wrong_profile", Severity: SeverityError,
			Message: fmt.Sprintf("opened by %s, not by the chosen %s", opened.Label(), want.Label()),
			Fix:     fmt.Sprintf("Use the secret of %s where this payload is verified, or send from the workspace %s belongs to.", opened.Label(), want.Label())})
	}
	if r.OpenedBy >= 0 && !r.PlaintextIsJSON {
		r.add(Diagnosis{Code: "not_json", Severity: SeverityWarn,
			Message: fmt.Sprintf("it opens, but the %d-byte plaintext is not JSON", len(r.Plaintext)),
			Fix:     "The sender sealed something other than the user's JSON; check what it passes to the cipher."})
	}
}

func (r *SheetReport) add(d Diagnosis) { r.Diagnoses = append(r.Diagnoses, d) }

// sortDiagnoses puts errors first, then warnings, then information, keeping
// the engine's order within a severity.
func sortDiagnoses(ds []Diagnosis) {
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Severity.rank() < ds[j].Severity.rank() })
}

// DigestReport is everything sealpeek learned about a user_hash.
type DigestReport struct {
	Algorithm string // "HMAC-SHA256"
	Data      []byte
	Expected  string // as given, "" when none was
	Computed  string // with the secret that matched, else the first tried
	Match     *bool  // nil when nothing was expected
	SecretAt  int    // keyring index of the secret behind Computed, -1 if none
	Chosen    int    // keyring index of the chosen secret, -1 if none
	Diagnoses []Diagnosis
}

// OK reports whether the expected digest matched with the chosen secret (or
// any, with none chosen); with nothing expected, whether a digest was made.
func (r *DigestReport) OK() bool {
	if r.Match == nil {
		return r.SecretAt >= 0
	}
	return *r.Match && (r.Chosen < 0 || r.SecretAt == r.Chosen)
}

// CheckUserHash computes the identity verification digest of data with the
// keyring's secrets (the chosen one first) and, when expected is not empty,
// compares it in constant time with each until one matches.
func CheckUserHash(data []byte, expected string, ring *Keyring, chosen string) *DigestReport {
	r := &DigestReport{Algorithm: "HMAC-SHA256", Data: data, Expected: expected, SecretAt: -1, Chosen: ring.Find(chosen)}
	if ring.Len() == 0 {
		r.Diagnoses = append(r.Diagnoses, Diagnosis{Code: "no_secret", Severity: SeverityError,
			Message: "no secret to compute the digest with",
			Fix:     "Add a profile with role identity, or pass --secret-env or --secret-file."})
		return r
	}
	order := ring.Order(chosen, RoleIdentity)
	r.SecretAt = order[0]
	r.Computed = UserHash(ring.Secret(order[0]).Value, data)
	if expected == "" {
		return r
	}
	match := false
	for _, i := range order {
		digest := UserHash(ring.Secret(i).Value, data)
		if DigestsEqual(digest, expected) {
			match, r.SecretAt, r.Computed = true, i, digest
			break
		}
	}
	r.Match = &match
	switch {
	case r.OK():
		r.Diagnoses = append(r.Diagnoses, Diagnosis{Code: "match", Severity: SeverityInfo,
			Message: fmt.Sprintf("the expected digest matches HMAC-SHA256 with %s", ring.Secret(r.SecretAt).Label()),
			Fix:     "Nothing to fix."})
	case match:
		got, want := ring.Secret(r.SecretAt), ring.Secret(r.Chosen)
		r.Diagnoses = append(r.Diagnoses, Diagnosis{Code: "wrong_profile", Severity: SeverityError,
			Message: fmt.Sprintf("the expected digest was made with %s, not the chosen %s", got.Label(), want.Label()),
			Fix:     fmt.Sprintf("Compute user_hash with the secret of %s, or check which workspace and platform the app talks to.", want.Label())})
	default:
		r.Diagnoses = append(r.Diagnoses, Diagnosis{Code: "digest_mismatch", Severity: SeverityError,
			Message: fmt.Sprintf("the expected digest matches no HMAC-SHA256 of the data with any of the %d secrets tried", ring.Len()),
			Fix:     "Hash exactly the identifier sent to Intercom (the user_id when one is sent, else the email) with this platform's identity verification secret."})
	}
	sortDiagnoses(r.Diagnoses)
	return r
}
