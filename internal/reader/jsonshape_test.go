package reader

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

var jsonValidCases = []string{
	``, ` `, `{}`, `[]`, `""`, `0`, `-0`, `01`, `-`, `1.`, `1.5`, `1e`, `1e+`, `1E-7`, `.5`, `+1`, `1.5e3`,
	`true`, `tru`, `truex`, `nul`, `null `, ` false`, `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":1 "b":2}`,
	`[1,2]`, `[1,]`, `[,1]`, `[1 2]`, `{"a":[{"b":null}]}`, `"\u00e9\n\t\"\\\/\b\f\r"`, `"\x"`, `"\u12"`, `"\u12g4"`,
	"\"a\x01\"", "\"\xff\xfe\"", `"unterminated`, `{"k":"v"} x`, `[1] [2]`, "\t{ \"a\" : [ 1 , 2 ] }\r\n", `{"a":}`, `[`, `{`,
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000), strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000), strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001),
}

func TestJSONShapeIsJSONValid(t *testing.T) {
	for _, c := range jsonValidCases {
		if got, _ := JSONShape([]byte(c)); got != json.Valid([]byte(c)) {
			t.Errorf("JSONShape(%.60q) says valid %v, json.Valid the opposite", c, got)
		}
	}
}

// checkJSONShapeSafe holds JSONShapeSafe to JSONShape and to
// termtext.EscapeJSON: the same answers, and the safe prefix is what
// EscapeJSON leaves as it is, up to the first rune it escapes.
func checkJSONShapeSafe(t *testing.T, b []byte) {
	t.Helper()
	valid, compact := JSONShape(b)
	v, c, safe := JSONShapeSafe(b)
	if v != valid || c != compact {
		t.Fatalf("JSONShapeSafe(%.80q) = %v, %v; JSONShape %v, %v", b, v, c, valid, compact)
	}
	if !compact {
		if safe != 0 {
			t.Fatalf("JSONShapeSafe(%.80q) gives safe %d of JSON that is not compact", b, safe)
		}
		return
	}
	if got := termtext.EscapeJSON(b[:safe]); !bytes.Equal(got, b[:safe]) {
		t.Fatalf("JSONShapeSafe(%.80q) says %d bytes are safe, but EscapeJSON changes them", b, safe)
	}
	if safe < len(b) {
		_, size := utf8.DecodeRune(b[safe:])
		if got := termtext.EscapeJSON(b[safe : safe+size]); bytes.Equal(got, b[safe:safe+size]) {
			t.Fatalf("JSONShapeSafe(%.80q) stops at %d, but EscapeJSON leaves %q as it is", b, safe, b[safe:safe+size])
		}
	}
}

var jsonSafeCases = []string{
	`{"a":"b"}`, `{"name":"José Müller","x":[1,2.5,true,null]}`, "{\"a\":\"\u00e9\\n\",\"b\":\"x\u200dy\"}",
	"[\"\u202eevil\",\"ok\"]", "[\"ok\",\"\x7f\"]", "[\"\xc2\x85\"]", "[\"\xff\"]", "[\"a\xadb\"]", "\"\U0001F469\u200d\U0001F4BB\"",
	"[\"\\u200d\",\"\u2028\"]", `"plain ascii with \"quotes\" and \\ backslashes, long enough for words"`, "[\"\xe0\xa4\"]",
	"{\"a\":\"\u05d9\u05e2\u05dc\",\"b\":\"\u0600\"}", "\"\U000E0041\"", "\"\uFEFF\"",
}

func TestJSONShapeSafeIsEscapeJSON(t *testing.T) {
	for _, c := range append(jsonValidCases, jsonSafeCases...) {
		checkJSONShapeSafe(t, []byte(c))
	}
}

// checkCompactObject holds CompactObject to JSONShape and encoding/json:
// it says yes of exactly the compact JSON objects, and gives their members
// as json.Decoder reads them.
func checkCompactObject(t *testing.T, b []byte) {
	t.Helper()
	var names, values []string
	got := CompactObject(b, func(name, value []byte) {
		names, values = append(names, string(name)), append(values, string(value))
	})
	valid, compact := JSONShape(b)
	if want := valid && compact && len(b) > 0 && b[0] == '{'; got != want {
		t.Fatalf("CompactObject(%.80q) = %v, want %v", b, got, want)
	}
	if !got {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	dec.Token() // {
	for k := 0; dec.More(); k++ {
		name, _ := dec.Token()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatal(err)
		}
		if k >= len(names) {
			t.Fatalf("CompactObject(%.80q) gives %d members, json.Decoder more", b, len(names))
		}
		var unquoted string
		if err := json.Unmarshal([]byte(`"`+names[k]+`"`), &unquoted); err != nil || unquoted != name || values[k] != string(raw) {
			t.Fatalf("CompactObject(%.80q): member %d is %q: %q, json.Decoder reads %q: %q", b, k, names[k], values[k], name, raw)
		}
	}
}

func TestCompactObjectIsJSONShapeAndDecoder(t *testing.T) {
	for _, c := range append(append(jsonValidCases, jsonSafeCases...), `{"user_id":"4711","exp":1,"n":{"a":[1,{"b":"}"}]},"s":"a\"b,c"}`,
		`{"a":1,}`, `{"a":1}x`, `{"a" :1}`, `{"a":[1, 2]}`, `{"\u0061":true}`, `{"a":{}}`, `{"a":1,"a":2}`, `{"a"}`, `{"a":`, `{`, `{}`, `{}}`) {
		checkCompactObject(t, []byte(c))
	}
}

func FuzzJSONShapeIsJSONValidAndCompact(f *testing.F) {
	for _, c := range jsonValidCases {
		if len(c) < 200 {
			f.Add(c)
		}
	}
	for _, c := range jsonSafeCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkJSONShapeSafe(t, []byte(s))
		checkCompactObject(t, []byte(s))
		valid, compact := JSONShape([]byte(s))
		if want := json.Valid([]byte(s)); valid != want {
			t.Fatalf("JSONShape(%q) says valid %v, json.Valid says %v", s, valid, want)
		}
		if valid {
			var c bytes.Buffer
			json.Compact(&c, []byte(s))
			if want := c.String() == s; compact != want {
				t.Fatalf("JSONShape(%q) says compact %v, json.Compact makes %q", s, compact, c.String())
			}
		}
	})
}

func BenchmarkJSONValidity(b *testing.B) {
	user := []byte(`{"type":"user","id":"00b349c98706c4ebfb2627fd","user_id":"62707394","email":"user62707394@example.com","name":"יעל Müller 👩‍💻","created_at":1680185786,"custom_attributes":{"plan":"starter","seats":498,"city":"Reykjavík","beta_tester":true,"notes":"trial invoice renewal"}}`)
	// Most users of the harness's peer need no escaping at all.
	safeUser := bytes.ReplaceAll(user, []byte("\u200d"), nil)
	for _, bc := range []struct {
		name  string
		input []byte
		check func([]byte)
	}{
		{"jsonShape", user, func(b []byte) { JSONShape(b) }},
		{"jsonShapeSafe", user, func(b []byte) { JSONShapeSafe(b) }},
		{"jsonShapeSafe/noEscape", safeUser, func(b []byte) { JSONShapeSafe(b) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.input)))
			for i := 0; i < b.N; i++ {
				bc.check(bc.input)
			}
		})
	}
	b.Run("json.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(user)))
		for i := 0; i < b.N; i++ {
			json.Valid(user)
		}
	})
}
