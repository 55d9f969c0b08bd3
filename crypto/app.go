package crypto

import (
	"encoding/json"
	"fmt"
)

// The app's answer to a request forwarded to it, compared with what the
// request's signatures say.
const (
	CodeAppRejectedValid   Code = "app_rejected_valid"
	CodeAppAcceptedInvalid Code = "app_accepted_invalid"
)

// DiagnoseAppAnswer compares the status the developer's app answered a
// forwarded request with the report of that request: a 4xx to a request
// that verifies means the app's own check is wrong; a 2xx to a request
// whose signature does not verify (or is missing) means the app does not
// check. It reports false when the answer agrees with the report, or when
// the report cannot tell (nothing checked, no secret).
func DiagnoseAppAnswer(r *CaptureReport, status int) (Diagnosis, bool) {
	switch {
	case status >= 400 && status < 500 && r.OK():
		return standardf(CodeAppRejectedValid,
			"the app answered %d to a request whose signature verifies: the app's own check rejects what Intercom really sends", status), true
	case status >= 200 && status < 300 && !r.OK() && r.InputError == nil && unverifiedByTheSender(r):
		return standardf(CodeAppAcceptedInvalid,
			"the app answered %d to a request whose signature does not verify: anyone can send the app requests it takes for Intercom's", status), true
	}
	return Diagnosis{}, false
}

// unverifiedByTheSender reports whether the report shows a signature that
// does not verify, or one that is missing, with a secret to check it.
func unverifiedByTheSender(r *CaptureReport) bool {
	missing := false
	for _, d := range r.Diagnoses {
		switch d.Code {
		case CodeNoSecret:
			return false
		case CodeSignatureMissing:
			missing = true
		}
	}
	return missing || r.Checked()
}

// standardf is standard with a formatted message.
func standardf(code Code, format string, args ...any) Diagnosis {
	return standard(code, fmt.Sprintf(format, args...))
}

// NotificationTopic is the topic of a webhook notification's body ("ping",
// "conversation.user.created"), "" when the body has none.
func NotificationTopic(body []byte) string {
	var n struct {
		Topic string `json:"topic"`
	}
	if json.Unmarshal(body, &n) != nil {
		return ""
	}
	return n.Topic
}
