package crypto

import (
	"slices"
	"testing"
)

func TestIdentifierFormsAsWritten(t *testing.T) {
	forms := func(id identifierData) map[string]Code {
		out := map[string]Code{}
		for _, f := range id.forms()[1:] {
			out[string(f.data)] = f.code
		}
		return out
	}
	got := forms(identifierData{name: "user_id", value: []byte("4217"), otherName: "email", other: []byte("a<b>@example.com")})
	for data, code := range map[string]Code{
		"4217.0": CodeIdentifierNumberForm, "00004217": CodeIdentifierNumberForm,
		`"4217"`:                CodeIdentifierJSONEncoded,
		"4217a<b>@example.com":  CodeIdentifiersJoined,
		"a<b>@example.com|4217": CodeIdentifiersJoined,
		"4217\r":                CodeDataWhitespace,
		"a<b>@example.com":      CodeIdentifierChoice,
	} {
		if got[data] != code {
			t.Errorf("form %q is %q, want %q", data, got[data], code)
		}
	}
	got = forms(identifierData{name: "email", value: []byte(`"Ada@Example.com"`)})
	if got["Ada@Example.com"] != CodeIdentifierJSONEncoded {
		t.Errorf("a quoted identifier's unquoted form: %v", got)
	}
	if numbers := numberForms([]byte("004217.00")); !slices.ContainsFunc(numbers, func(f dataForm) bool { return string(f.data) == "004217" }) ||
		!slices.ContainsFunc(numbers, func(f dataForm) bool { return string(f.data) == "4217" }) {
		t.Errorf("004217.00 is written as 004217 and 4217 too: %v", numbers)
	}
	if numberForms([]byte("42a")) != nil || numberForms([]byte("4.5")) != nil {
		t.Error("only whole numbers have number forms")
	}
	// Both trimmed and lowercased is one form with two codes.
	for _, f := range (identifierData{name: "email", value: []byte(" Ada@Example.com ")}).forms() {
		if string(f.data) == "ada@example.com" && (f.code != CodeEmailCase || f.also != CodeDataWhitespace) {
			t.Errorf("trimmed and lowercased: codes %s, %s", f.code, f.also)
		}
	}
}
