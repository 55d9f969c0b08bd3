package reader

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
	want := map[string]struct {
		kind JSKind
		text string
	}{
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
		if !ok || v.Kind != kv.kind || v.Text != kv.text {
			t.Errorf("%s = %+v, want %s %q", key, v, kv.kind, kv.text)
		}
	}
	company, _ := obj.Field("company")
	tags, _ := company.Field("tags")
	if company.Kind != JSObject || tags.Kind != JSArray || len(tags.Fields) != 2 || tags.Fields[1].Key != "" {
		t.Errorf("company = %+v", company)
	}
	if b, ok := tags.Item(1); !ok || b.Text != "b" {
		t.Errorf("tags[1] = %+v", b)
	}
	if _, ok := tags.Item(2); ok {
		t.Error("tags has a third item")
	}
	if _, ok := tags.Field(""); ok {
		t.Error("an array's item is found as a field")
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
		var inputErr *Error
		if !errors.As(err, &inputErr) || inputErr.Offset != tt.offset || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("ParseJSObject(%q) = %v (offset %d), want offset %d saying %q", tt.src, err, offsetOf(err), tt.offset, tt.says)
		}
	}
}

func offsetOf(err error) int {
	var inputErr *Error
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
