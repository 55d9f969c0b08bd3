package crypto

// InputError says what in an input could not be read, and where. Its Error
// is one sentence for people; Code is the diagnosis code that reports it.
type InputError struct {
	Code   string // e.g. "base64_invalid", "too_short", "empty_input"
	Field  string // what was being read: "input", "user field", "intercom_data"...
	Offset int    // byte offset into Field, or -1
	Length int    // the length at fault, or -1
	Reason string // the whole sentence
}

func (e *InputError) Error() string { return e.Reason }

// Diagnosis reports the error as an error-severity diagnosis.
func (e *InputError) Diagnosis() Diagnosis {
	return Diagnosis{Code: e.Code, Severity: SeverityError, Message: e.Reason, Fix: inputFixes[e.Code]}
}

// inputFixes says what to do about each kind of unreadable input.
var inputFixes = map[string]string{
	"empty_input":        "Paste the user value of an open-sheet request, the whole JSON or form body, or the user data to hash.",
	"base64_invalid":     "Copy the value again from the raw request; if it came from a log, make sure nothing was cut, wrapped with markers or mixed with other text.",
	"too_short":          "The value was cut short or is not a sheet user: copy the whole user field of the request.",
	"body_invalid_json":  "Paste the body exactly as received, or only its user value.",
	"form_invalid":       "Paste the form body exactly as received (application/x-www-form-urlencoded), or only its user value.",
	"user_missing":       "Paste the open-sheet request body, whose intercom_data holds the encrypted user, or the user value itself.",
	"user_not_encrypted": "Submit-sheet requests send the user as plain JSON: there is nothing to decrypt. Use the open-sheet request's user.",
	"input_too_large":    "Paste only the request or value you want to inspect.",
}
