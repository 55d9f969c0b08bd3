package crypto

import "errors"

// InputError says what in an input could not be read, and where. Its Error
// is one sentence for people; Code is the diagnosis code that reports it.
type InputError struct {
	Code   Code   // e.g. CodeBase64Invalid, CodeTooShort, CodeEmptyInput
	Field  string // what was being read: "input", "user field", "intercom_data"...
	Offset int    // byte offset into Field, or -1
	Length int    // the length at fault, or -1
	Reason string // the whole sentence
}

// Error returns the reason: one sentence for people.
func (e *InputError) Error() string { return e.Reason }

// Diagnosis reports the error as an error-severity diagnosis.
func (e *InputError) Diagnosis() Diagnosis {
	return Diagnosis{Code: e.Code, Severity: SeverityError, Message: e.Reason, Fix: codeInfo(e.Code).Fix}
}

// asInputError returns err as an *InputError: the reader's own, or one that
// reports any other error as input_invalid.
func asInputError(err error) *InputError {
	err = fromReaderError(err)
	var inputErr *InputError
	if !errors.As(err, &inputErr) {
		inputErr = &InputError{Code: CodeInputInvalid, Field: "input", Offset: -1, Length: -1, Reason: err.Error()}
	}
	return inputErr
}
