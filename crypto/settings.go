package crypto

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// SettingsFields are the identity fields of an intercomSettings snippet, an
// Intercom('boot', …) call or a JSON body: what the Messenger is booted with.
type SettingsFields struct {
	AppID       string `json:"app_id,omitempty"`
	UserID      string `json:"user_id,omitempty"`
	Email       string `json:"email,omitempty"`
	UserHash    string `json:"user_hash,omitempty"`
	JWT         string `json:"intercom_user_jwt,omitempty"`
	HasUserID   bool   `json:"-"`
	HasEmail    bool   `json:"-"`
	HasUserHash bool   `json:"-"`
	Offset      int    `json:"-"` // where the object starts in the input
}

// Identity is the user the settings boot the Messenger with, as
// CheckIdentity takes it: user_hash is over the user_id when one is sent (it
// takes precedence), otherwise the email.
func (f *SettingsFields) Identity() Identity {
	return Identity{UserID: f.UserID, Email: f.Email, HasUserID: f.HasUserID, HasEmail: f.HasEmail}
}

// FindSettings finds the identity fields in a paste: the object of an
// intercomSettings assignment or an Intercom('boot'|'update', …) call, or,
// when the paste starts with '{', the paste itself (JSON or an object
// literal). It returns nil when there is no such object or it holds none of
// user_id, email, user_hash and intercom_user_jwt; an *InputError when the
// object cannot be read; and notes on values that are not literals.
func FindSettings(input []byte) (*SettingsFields, []Note, error) {
	start, marked := reader.SettingsStart(input)
	snippet := marked
	if !marked {
		trimmed := bytes.TrimLeft(input, " \t\r\n\ufeff")
		if len(trimmed) == 0 || trimmed[0] != '{' {
			return nil, nil, nil
		}
		start = len(input) - len(trimmed)
		// An object literal that is not JSON was pasted as a snippet.
		snippet = !json.Valid(trimmed)
	}
	obj, _, err := reader.ParseJSObject(input, start)
	if err != nil {
		if !marked {
			return nil, nil, nil // a body that is neither JSON nor an object literal: not settings
		}
		return nil, nil, fromReaderError(err)
	}
	return settingsFromObject(obj, start, snippet)
}

// settingsFromObject takes the identity fields of an object, looking into
// nested objects too ({"intercomSettings": {...}}). A snippet's object is
// taken whatever it holds; any other object only when it carries a user_hash
// or a JWT, so a webhook body that mentions a user_id is not mistaken for one.
func settingsFromObject(obj reader.JSValue, start int, snippet bool) (*SettingsFields, []Note, error) {
	f := &SettingsFields{Offset: start}
	var notes []Note
	found := false
	take := func(key string, into *string, has *bool) {
		v, ok := obj.Field(key)
		if !ok {
			return
		}
		switch v.Kind {
		case reader.JSString, reader.JSNumber:
			*into, found = v.Text, true
			if has != nil {
				*has = true
			}
		case reader.JSExpression:
			notes = append(notes, Note{Code: CodeSettingsExpression,
				Message: fmt.Sprintf("%s is the expression %s, not a value: paste the snippet as the browser received it (view the page source), where the server has filled it in", key, v.Text)})
		}
	}
	take("app_id", &f.AppID, nil)
	take("user_id", &f.UserID, &f.HasUserID)
	take("email", &f.Email, &f.HasEmail)
	take("user_hash", &f.UserHash, &f.HasUserHash)
	take("intercom_user_jwt", &f.JWT, nil)
	if (found || len(notes) > 0) && (snippet || f.HasUserHash || f.JWT != "") {
		return f, notes, nil
	}
	for _, field := range obj.Fields {
		if field.Value.Kind == reader.JSObject {
			if inner, innerNotes, _ := settingsFromObject(field.Value, field.Value.Offset, false); inner != nil {
				return inner, innerNotes, nil
			}
		}
	}
	if snippet {
		return f, notes, nil
	}
	return nil, nil, nil
}
