package crypto

import "sort"

// SheetReport is everything sealpeek learned about a pasted sheet user.
type SheetReport struct {
	User            *EncodedUser // what was read and how; never nil
	Split           *Split       // how the data was cut: the layout that opened it, else the protocol's; nil when unreadable
	Plaintext       []byte       // the decrypted user, nil when nothing opened it
	PlaintextIsJSON bool
	// PlaintextIsCompact says the plaintext is JSON with no whitespace
	// between or around its tokens: a writer of compact JSON (a batch's
	// records) can copy it as it is instead of compacting it again.
	PlaintextIsCompact bool
	OpenedBy           int    // keyring index of the secret that opened it, -1 if none
	Chosen             int    // keyring index of the chosen secret, -1 if none
	Mistakes           []Code // codes of the sender's mistakes under which it opened; empty when it opened as Intercom seals
	InputError         *InputError
	Diagnoses          []Diagnosis // most important first

	split Split // where Split points: one allocation with the report, not one more per line of a batch
}

// OK reports whether the user opened the way Intercom seals, with the chosen
// secret (or, with none chosen, any), and nothing is wrong with it.
func (r *SheetReport) OK() bool {
	return r.OpenedBy >= 0 && (r.Chosen < 0 || r.OpenedBy == r.Chosen) && len(r.Mistakes) == 0 && !hasError(r.Diagnoses)
}

// InspectSheetUser reads, splits and opens a pasted sheet user with the
// keyring's secrets (the chosen one first, then those of role oauth) and
// diagnoses what it finds. When the protocol's way opens it with no secret,
// it tries the mistakes senders make (see sheetVariants) and reports the one
// that opens it. The keyring's derived keys are re-used across calls, and the
// call is safe for concurrent use.
func InspectSheetUser(input []byte, ring *Keyring, chosen string) *SheetReport {
	r := &SheetReport{OpenedBy: -1, Chosen: ring.Find(chosen)}
	if chosen == "" {
		r.Chosen = -1
	}
	user, err := DecodeSheetUser(input)
	r.User = user
	if err == nil {
		if r.split, err = SplitSealed(user.Sealed); err == nil {
			r.Split = &r.split
		}
	}
	if err != nil {
		r.InputError = asInputError(err)
		r.add(r.InputError.Diagnosis())
	} else {
		r.diagnose(ring, chosen)
	}
	for _, n := range user.Notes {
		r.add(n.Diagnosis())
	}
	sortDiagnoses(r.Diagnoses)
	return r
}

func (r *SheetReport) add(d Diagnosis) { r.Diagnoses = append(r.Diagnoses, d) }

// sortDiagnoses puts errors first, then warnings, then information, keeping
// the engine's order within a severity.
func sortDiagnoses(ds []Diagnosis) {
	if len(ds) < 2 {
		return // the usual match: sort.SliceStable would still allocate
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Severity.rank() < ds[j].Severity.rank() })
}

// DigestReport is everything sealpeek learned about a user_hash.
type DigestReport struct {
	Algorithm  string // "HMAC-SHA256"
	Identifier string // "user_id" or "email" when checked with CheckIdentity, "" for bare data
	Data       []byte // what was hashed
	Expected   string // as given, "" when none was
	Computed   string // HMAC-SHA256 of Data with the secret at SecretAt: the digest to send
	Match      *bool  // nil when nothing was expected; true when Expected is exactly Computed
	SecretAt   int    // keyring index of the secret that reproduced Expected, else the first tried; -1 if none
	Chosen     int    // keyring index of the chosen secret, -1 if none
	Mistakes   []Code // codes of the mistakes under which Expected was reproduced; empty for an exact match
	Diagnoses  []Diagnosis
}

// OK reports whether the expected digest matched exactly, with the chosen
// secret (or any, with none chosen), and nothing is wrong with it; with
// nothing expected, whether a digest was made.
func (r *DigestReport) OK() bool {
	if r.Match == nil {
		return r.SecretAt >= 0 && !hasError(r.Diagnoses)
	}
	return *r.Match && (r.Chosen < 0 || r.SecretAt == r.Chosen) && !hasError(r.Diagnoses)
}

// CheckUserHash computes the identity verification digest of data with the
// keyring's secrets (the chosen one first, then those of role identity) and,
// when expected is not empty, compares it in constant time with each. When no
// secret reproduces it, it tries the mistakes people make (see
// digestVariants) and reports the one that does. Data is the identifier
// itself; use CheckIdentity when both a user_id and an email are known.
func CheckUserHash(data []byte, expected string, ring *Keyring, chosen string) *DigestReport {
	return checkDigest(identifierData{value: data}, expected, ring, chosen)
}
