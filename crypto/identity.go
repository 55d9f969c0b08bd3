package crypto

// Identity is the identifiers of a user as the app gives them to the
// Messenger: user_id and email, each with whether it is sent. A known
// identifier that is not sent (HasUserID false but UserID set) is only tried
// as the one hashed by mistake.
type Identity struct {
	UserID, Email       string
	HasUserID, HasEmail bool
}

// Checked returns the name and value of the identifier Intercom checks the
// user_hash against: the user_id when one is sent (it takes precedence), else
// the email. ok is false when neither is sent.
func (id Identity) Checked() (name, value string, ok bool) {
	switch {
	case id.HasUserID:
		return "user_id", id.UserID, true
	case id.HasEmail:
		return "email", id.Email, true
	}
	return "", "", false
}

// CheckIdentity checks a user_hash against the identifier Intercom uses for
// this identity (see Checked), as CheckUserHash does for bare data, and also
// diagnoses a digest of the other identifier (identifier_choice).
func CheckIdentity(id Identity, expected string, ring *Keyring, chosen string) *DigestReport {
	name, value, ok := id.Checked()
	if !ok {
		r := &DigestReport{Algorithm: digestAlgorithms[algoHMACSHA256].name, Expected: expected, SecretAt: -1, Chosen: -1}
		if chosen != "" {
			r.Chosen = ring.Find(chosen)
		}
		if expected != "" {
			match := false
			r.Match = &match
		}
		r.add(diag("identifier_missing", "there is neither a user_id nor an email to check the user_hash against", fixIdentifierNeeded))
		return r
	}
	data := identifierData{name: name, value: []byte(value)}
	switch {
	case name == "user_id" && (id.HasEmail || id.Email != ""):
		data.otherName, data.other, data.otherSent = "email", []byte(id.Email), id.HasEmail
	case name == "email" && id.UserID != "":
		data.otherName, data.other = "user_id", []byte(id.UserID)
	}
	return checkDigest(data, expected, ring, chosen)
}
