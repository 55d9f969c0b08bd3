package crypto

import (
	"errors"
	"fmt"
	"time"
)

// maxSignatureHeaders bounds the signature headers checked in one capture:
// a request has one or two, and each costs a search.
const maxSignatureHeaders = 8

// CaptureReport is everything sealpeek learned about a capture: each
// signature checked, the sheet user opened, the user_hash or the JWT
// verified, and the diagnoses of all of them, most important first.
type CaptureReport struct {
	Capture    *Capture // never nil
	Signatures []*SignatureCheck
	Sheet      *SheetReport  // the encrypted sheet user, nil if none
	Identity   *DigestReport // the user_hash check, nil if none
	JWT        *JWTReport    // the Messenger JWT, nil if none
	InputError *InputError
	Diagnoses  []Diagnosis
	ownOK      bool // no capture-level diagnosis above info
}

// Checked reports whether anything in the capture could be verified.
func (r *CaptureReport) Checked() bool {
	return len(r.Signatures) > 0 || r.Sheet != nil || r.Identity != nil || r.JWT != nil
}

// OK reports whether something was verified and everything verified
// passed with the chosen secret.
func (r *CaptureReport) OK() bool {
	if !r.Checked() || !r.ownOK || r.InputError != nil {
		return false
	}
	for _, s := range r.Signatures {
		if !s.OK() {
			return false
		}
	}
	return (r.Sheet == nil || r.Sheet.OK()) && (r.Identity == nil || r.Identity.OK()) && (r.JWT == nil || r.JWT.OK())
}

// InspectCapture reads a paste (see ReadCapture) and verifies it.
func InspectCapture(input []byte, extra []CaptureHeader, ring *Keyring, chosen string, now time.Time) *CaptureReport {
	c, err := ReadCapture(input, extra)
	return VerifyCapture(c, err, ring, chosen, now)
}

// VerifyCapture checks every part of a read capture with the keyring's
// secrets, the chosen one first: each signature header against the raw
// body, the encrypted sheet user (as decrypt does), the user_hash (as hmac
// does) and the JWT, with exp and nbf checked as of now. readErr is
// ReadCapture's error, reported as the input error.
func VerifyCapture(c *Capture, readErr error, ring *Keyring, chosen string, now time.Time) *CaptureReport {
	r := &CaptureReport{Capture: c, ownOK: true}
	for _, n := range c.Notes {
		r.Diagnoses = append(r.Diagnoses, n.Diagnosis())
	}
	if readErr != nil {
		r.InputError = asInputError(readErr)
		r.own(r.InputError.Diagnosis())
		sortDiagnoses(r.Diagnoses)
		return r
	}
	skipped := 0
	for _, h := range c.Headers {
		if hasSignatureHeader(h.Name) {
			if len(r.Signatures) == maxSignatureHeaders {
				skipped++
				continue
			}
			check := CheckSignature(h.Name, h.Value, c.Body, ring, chosen)
			r.Signatures = append(r.Signatures, check)
			r.Diagnoses = append(r.Diagnoses, check.Diagnoses...)
		}
	}
	if skipped > 0 {
		r.own(standard(CodeSignaturesSkipped, fmt.Sprintf("checked the first %d signature headers and left out %d more", maxSignatureHeaders, skipped)))
	}
	switch c.Kind {
	case KindJWT:
		r.JWT = CheckJWT(c.Token, ring, chosen, now)
		r.Diagnoses = append(r.Diagnoses, r.JWT.Diagnoses...)
	case KindIdentity:
		r.checkIdentity(ring, chosen)
	case KindSheetOpen:
		r.Sheet = InspectSheetUser(c.Body, ring, chosen)
		r.Diagnoses = append(r.Diagnoses, r.Sheet.Diagnoses...)
	}
	r.sayWhatIsUnsigned()
	sortDiagnoses(r.Diagnoses)
	return r
}

// own adds a diagnosis about the capture itself, not one of its parts.
func (r *CaptureReport) own(d Diagnosis) {
	if d.Severity != SeverityInfo {
		r.ownOK = false
	}
	r.Diagnoses = append(r.Diagnoses, d)
}

// checkIdentity checks the user_hash of a snippet or body, or says what is
// missing to check it.
func (r *CaptureReport) checkIdentity(ring *Keyring, chosen string) {
	f := r.Capture.Settings
	switch {
	case f.HasUserHash && f.UserHash == "":
		r.own(diag(CodeNothingToVerify, "the settings' user_hash is empty: nothing to verify, and with identity verification enforced the Messenger rejects this user",
			"Fill in user_hash: the HMAC-SHA256 of the user_id (or, without one, the email) with the identity verification secret."))
	case f.HasUserHash && (f.HasUserID || f.HasEmail):
		r.Identity = checkCapturedIdentity(f, ring, chosen)
		r.Diagnoses = append(r.Diagnoses, r.Identity.Diagnoses...)
	case f.HasUserHash:
		r.own(diag(CodeNothingToVerify, "the settings have a user_hash but neither a user_id nor an email to check it against",
			"Send the user_id (or, without one, the email) that the user_hash was computed from."))
	default:
		r.own(diag(CodeNothingToVerify, "the settings have no user_hash and no intercom_user_jwt: nothing to verify, and with identity verification enforced the Messenger rejects this user",
			"Add user_hash (HMAC-SHA256 of the user_id with the identity verification secret), or intercom_user_jwt."))
	}
}

// checkCapturedIdentity is the one place that checks a captured user_hash:
// as CheckIdentity does, over the user_id when one is sent (it takes
// precedence), else the email, and naming a digest of the other one.
func checkCapturedIdentity(f *SettingsFields, ring *Keyring, chosen string) *DigestReport {
	return CheckIdentity(f.Identity(), f.UserHash, ring, chosen)
}

// sayWhatIsUnsigned notes a request without a signature: expected for an
// open-sheet request, missing for a webhook or Canvas Kit body, and for
// anything else, that there was nothing to verify.
func (r *CaptureReport) sayWhatIsUnsigned() {
	c := r.Capture
	if len(r.Signatures) > 0 || c.Kind == KindJWT || c.Kind == KindIdentity {
		return
	}
	switch {
	case c.Kind == KindSheetOpen:
		r.own(standard(CodeNotSigned, "the request carries no X-Hub-Signature or X-Body-Signature: open-sheet requests are not signed, so only the encrypted user is checked"))
	case c.Kind == KindWebhook:
		r.own(standard(CodeSignatureMissing, fmt.Sprintf("this is a webhook notification%s, but no %s was given to check", captureTopic(c.Body), HeaderHubSignature)))
	case c.Kind == KindCanvasKit:
		r.own(diag(CodeSignatureMissing, fmt.Sprintf("this is a Canvas Kit request body, but no %s was given to check", HeaderBodySignature),
			"Paste the whole request with its headers, or give the X-Body-Signature header that came with the body."))
	default:
		message := fmt.Sprintf("found no signature header, encrypted sheet user, user_hash or JWT in the %s: nothing to verify", c.Format)
		if _, err := DecodeSheetUser(c.Body); err != nil {
			var inputErr *InputError
			if errors.As(err, &inputErr) && inputErr.Code == CodeUserNotEncrypted {
				message = "the user field is a plain JSON object, as submit-sheet requests send it: nothing is encrypted or signed to verify"
			}
		}
		r.own(standard(CodeNothingToVerify, message))
	}
}

// captureTopic names a notification's topic for messages, e.g. ` (topic "ping")`.
func captureTopic(body []byte) string {
	if topic := NotificationTopic(body); topic != "" {
		return fmt.Sprintf(" (topic %q)", topic)
	}
	return ""
}
