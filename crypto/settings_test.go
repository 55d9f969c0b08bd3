package crypto

import "testing"

func TestFindSettings(t *testing.T) {
	tests := []struct {
		name, input    string
		userID, email  string
		hash, jwt      string
		hasID, noneWay bool
		note           string
	}{
		{name: "assignment", input: `window.intercomSettings = { app_id: "a", user_id: 42, user_hash: "h", };`, userID: "42", hash: "h", hasID: true},
		{name: "boot call", input: `window.Intercom("boot", {app_id: 'a', email: 'z@example.com', user_hash: 'h'});`, email: "z@example.com", hash: "h"},
		{name: "Object.assign", input: `intercomSettings = Object.assign({ user_id: 'u', user_hash: 'h' }, extra)`, userID: "u", hash: "h", hasID: true},
		{name: "JSON body", input: `{"user_id":"u","email":"e","user_hash":"h"}`, userID: "u", email: "e", hash: "h", hasID: true},
		{name: "nested JSON", input: `{"page":"/","intercomSettings":{"user_id":"u","user_hash":"h"}}`, userID: "u", hash: "h", hasID: true},
		{name: "jwt", input: `window.intercomSettings = { intercom_user_jwt: "eyJ.x.y" }`, jwt: "eyJ.x.y"},
		{name: "expression", input: `window.intercomSettings = { user_id: <%= current_user.id %>, user_hash: "h" }`, hash: "h", note: "settings_expression"},
		{name: "object literal pasted alone", input: `{ user_id: currentUser.id }`, note: "settings_expression"},
		{name: "webhook body", input: `{"type":"notification_event","data":{"item":{"user_id":"u","email":"e"}}}`, noneWay: true},
		{name: "not an object", input: `user_id=u&user_hash=h`, noneWay: true},
		{name: "broken JSON body", input: `{"user_id": "u", `, noneWay: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, notes, err := FindSettings([]byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if tt.noneWay {
				if f != nil {
					t.Errorf("found settings %+v", f)
				}
				return
			}
			if f == nil {
				t.Fatal("found no settings")
			}
			if f.UserID != tt.userID || f.Email != tt.email || f.UserHash != tt.hash || f.JWT != tt.jwt || f.HasUserID != tt.hasID {
				t.Errorf("got %+v", f)
			}
			if tt.note != "" && !hasNote(notes, Code(tt.note)) {
				t.Errorf("notes %v, want %s", notes, tt.note)
			}
		})
	}
}

func TestSettingsIdentifierPrecedence(t *testing.T) {
	f := &SettingsFields{UserID: "", Email: "e", HasUserID: true, HasEmail: true}
	if name, value, ok := f.Identity().Checked(); name != "user_id" || value != "" || !ok {
		t.Errorf("an empty user_id that is sent still takes precedence, got %s %q", name, value)
	}
	f = &SettingsFields{Email: "e", HasEmail: true}
	if name, value, ok := f.Identity().Checked(); name != "email" || value != "e" || !ok {
		t.Errorf("without a user_id, the email: got %s %q", name, value)
	}
}
