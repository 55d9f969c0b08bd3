package crypto

import (
	"errors"
	"strings"
	"testing"
)

func TestParseJSObjectSyntax(t *testing.T) {
	src := `{
		app_id: 'abc12345',            // single quotes, unquoted key
		"user_id": "4711",
		'email': "zo\u00eb@example.com",
		name: 'It\'s Zo\xeb \u{1F600} \ud83d\ude00',
		created_at: 1712000000,
		ratio: -1.5e3,
		beta: true, gone: null,
		/* a block
		   comment */
		company: { id: 'c1', tags: ['a', "b",], },
		avatar: currentUser.avatarUrl(),
		greeting: ` + "`Hello ${name}`" + `,
		plain: ` + "`no substitution`" + `,
		multi: 'one \
two',
	}`
	obj, end, err := ParseJSObject([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	if end != len(src) {
		t.Errorf("end %d, want %d", end, len(src))
	}
	want := map[string][2]string{
		"app_id":     {JSString, "abc12345"},
		"user_id":    {JSString, "4711"},
		"email":      {JSString, "zoë@example.com"},
		"name":       {JSString, "It's Zoë 😀 😀"},
		"created_at": {JSNumber, "1712000000"},
		"ratio":      {JSNumber, "-1.5e3"},
		"beta":       {JSBool, "true"},
		"gone":       {JSNull, "null"},
		"avatar":     {JSExpression, "currentUser.avatarUrl()"},
		"greeting":   {JSExpression, "`Hello ${name}`"},
		"plain":      {JSString, "no substitution"},
		"multi":      {JSString, "one two"},
	}
	for key, kv := range want {
		v, ok := obj.Field(key)
		if !ok || v.Kind != kv[0] || v.Text != kv[1] {
			t.Errorf("%s = %+v, want %s %q", key, v, kv[0], kv[1])
		}
	}
	company, _ := obj.Field("company")
	tags, _ := company.Field("tags")
	if company.Kind != JSObject || tags.Kind != JSArray || len(tags.Items) != 2 || tags.Items[1].Text != "b" {
		t.Errorf("company = %+v", company)
	}
}

func TestParseJSObjectErrors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
		says   string
	}{
		{`{ a: 'x }`, 5, "never closed"},
		{"{ a: 'x\n', b: 1 }", 5, "end of the line"},
		{`{ a: 1 `, 0, "never closed with '}'"},
		{"{ a: 1\n  b: 2 }", 9, "expected ',' or '}' after the value of a, found 'b'"},
		{`{ a: }`, 5, "expected a value"},
		{`{ [k]: 1 }`, 2, "computed keys"},
		{`[1, 2]`, 0, "expected an object"},
		{`{ a: ['x' 'y'] }`, 10, "expected ',' or ']'"},
		{`{ a: '\u12' }`, 6, "not a valid escape"},
	}
	for _, tt := range tests {
		_, _, err := ParseJSObject([]byte(tt.src), 0)
		var inputErr *InputError
		if !errors.As(err, &inputErr) || inputErr.Offset != tt.offset || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("ParseJSObject(%q) = %v (offset %d), want offset %d saying %q", tt.src, err, offsetOf(err), tt.offset, tt.says)
		}
	}
}

func offsetOf(err error) int {
	var inputErr *InputError
	if errors.As(err, &inputErr) {
		return inputErr.Offset
	}
	return -2
}

func TestParseJSObjectDepthLimit(t *testing.T) {
	src := "{a:" + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}"
	_, _, err := ParseJSObject([]byte(src), 0)
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("deep nesting: %v", err)
	}
}

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
			if tt.note != "" && !hasNote(notes, tt.note) {
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
