package crypto

// Severity says how much a diagnosis matters.
type Severity string

// Severities, from the most to the least important.
const (
	SeverityError Severity = "error"
	SeverityWarn  Severity = "warn"
	SeverityInfo  Severity = "info"
)

// rank orders severities for sorting: errors first.
func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarn:
		return 1
	default:
		return 2
	}
}

// Diagnosis is one finding about an input: a stable machine-readable Code, a
// Severity, a Message specific to this input and a Fix that says what to change
// in the sender's or verifier's code.
type Diagnosis struct {
	Code     Code     `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix"`
}
