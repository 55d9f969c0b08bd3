package reader

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// JSKind is what a JSValue is. It is a byte, not a string, because a
// parsed object holds one per value and a JSField's size is most of what
// reading a large object costs (issue 12's memory bound).
type JSKind uint8

// Kinds of JSValue.
const (
	JSString     JSKind = iota + 1
	JSNumber            // a number literal, its source in Text
	JSBool              // true or false
	JSNull              // null or undefined
	JSObject            // an object literal, its fields in Fields
	JSArray             // an array literal, its items in Fields with empty keys
	JSExpression        // anything that is not a literal: a variable, a call, a template
)

var jsKindNames = [...]string{"", "string", "number", "bool", "null", "object", "array", "expression"}

// String names the kind as JavaScript's typeof would, roughly.
func (k JSKind) String() string {
	if int(k) < len(jsKindNames) {
		return jsKindNames[k]
	}
	return "unknown"
}

// JSValue is a value of a JavaScript object literal as people write the
// intercomSettings snippet. JSON is a subset, so it reads JSON too.
type JSValue struct {
	Text string // a string's decoded value, a literal's or an expression's source
	// Fields are an object's fields in source order, or an array's items,
	// each with an empty Key: one slice, not two, keeps a value at 56 bytes.
	Fields []JSField
	Offset int // where the value starts in the source
	Kind   JSKind
}

// JSField is one "key: value" of an object literal.
type JSField struct {
	Key    string
	Value  JSValue
	Offset int // where the key starts in the source
}

// Item returns an array's i-th item.
func (v JSValue) Item(i int) (JSValue, bool) {
	if v.Kind != JSArray || i < 0 || i >= len(v.Fields) {
		return JSValue{}, false
	}
	return v.Fields[i].Value, true
}

// Field returns the value of the first field named key. An array has none.
func (v JSValue) Field(key string) (JSValue, bool) {
	if v.Kind != JSObject {
		return JSValue{}, false
	}
	for _, f := range v.Fields {
		if f.Key == key {
			return f.Value, true
		}
	}
	return JSValue{}, false
}

// jsMaxDepth bounds nesting: a settings object is a few levels deep, and
// hostile input must not exhaust the stack.
const jsMaxDepth = 200

// ParseJSObject reads the object literal that starts at src[start] ('{'):
// unquoted, single- or double-quoted keys, single-, double- or back-quoted
// strings, trailing commas and comments. It returns the object and the
// offset just past it, or an *Error naming the offset at fault.
func ParseJSObject(src []byte, start int) (JSValue, int, error) {
	p := &jsParser{src: string(src), pos: start}
	v, err := p.value(0)
	if err != nil {
		return JSValue{}, p.pos, err
	}
	if v.Kind != JSObject {
		return JSValue{}, p.pos, p.fail(start, "expected an object literal starting with '{'")
	}
	return v, p.pos, nil
}

type jsParser struct {
	src string
	pos int
}

func (p *jsParser) fail(at int, format string, args ...any) *Error {
	return &Error{Code: "snippet_invalid", Field: "snippet", Offset: at, Length: -1,
		Reason: fmt.Sprintf("the snippet cannot be read at offset %d: %s", at, fmt.Sprintf(format, args...))}
}

// skip moves past whitespace and comments.
func (p *jsParser) skip() {
	for p.pos < len(p.src) {
		switch {
		case strings.HasPrefix(p.src[p.pos:], "//"):
			if i := strings.IndexByte(p.src[p.pos:], '\n'); i >= 0 {
				p.pos += i + 1
			} else {
				p.pos = len(p.src)
			}
		case strings.HasPrefix(p.src[p.pos:], "/*"):
			if i := strings.Index(p.src[p.pos+2:], "*/"); i >= 0 {
				p.pos += i + 4
			} else {
				p.pos = len(p.src)
			}
		case strings.IndexByte(" \t\r\n\f\v", p.src[p.pos]) >= 0:
			p.pos++
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			if r != '\u00a0' && r != '\ufeff' && r != '\u2028' && r != '\u2029' {
				return
			}
			p.pos += size
		}
	}
}

// found names what stands at the current offset, for an error.
func (p *jsParser) found() string {
	if p.pos >= len(p.src) {
		return "the end of the snippet"
	}
	return QuoteChar(p.src, p.pos)
}

func (p *jsParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *jsParser) value(depth int) (JSValue, error) {
	if depth > jsMaxDepth {
		return JSValue{}, p.fail(p.pos, "nested more than %d levels deep", jsMaxDepth)
	}
	p.skip()
	at := p.pos
	switch c := p.peek(); {
	case c == 0:
		return JSValue{}, p.fail(at, "the snippet ends where a value was expected")
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"' || c == '\'' || c == '`':
		s, template, err := p.str()
		if err != nil {
			return JSValue{}, err
		}
		if template {
			return JSValue{Kind: JSExpression, Text: p.src[at:p.pos], Offset: at}, nil
		}
		return JSValue{Kind: JSString, Text: s, Offset: at}, nil
	}
	text := p.expression()
	v := JSValue{Kind: JSExpression, Text: text, Offset: at}
	switch {
	case text == "":
		return JSValue{}, p.fail(at, "expected a value, found %s", p.found())
	case text == "true" || text == "false":
		v.Kind = JSBool
	case text == "null":
		v.Kind = JSNull
	case isJSNumber(text):
		v.Kind = JSNumber
	}
	return v, nil
}

// expression takes the source of a non-literal value up to the ',', '}' or
// ']' that ends it, keeping brackets and strings inside it whole.
func (p *jsParser) expression() string {
	start, depth := p.pos, 0
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"' || c == '\'' || c == '`':
			if _, _, err := p.str(); err != nil {
				p.pos = len(p.src)
			}
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case (c == ')' || c == ']' || c == '}') && depth > 0:
			depth--
		case (c == ',' || c == '}' || c == ']' || c == ';') && depth == 0:
			return strings.TrimSpace(p.src[start:p.pos])
		case c == '\n' && depth == 0:
			// The whitespace run is crossed once: from any newline in it the
			// next token is the same, and checking from each newline anew
			// made a run of newlines quadratic.
			next := p.pos + 1
			for next < len(p.src) && isRESpace(p.src[next]) {
				next++
			}
			if startsField(p.src, next) {
				// A missing comma: the next line starts the next field.
				return strings.TrimSpace(p.src[start:p.pos])
			}
			p.pos = next
			continue
		}
		p.pos++
	}
	return strings.TrimSpace(p.src[start:p.pos])
}

// isRESpace reports the whitespace of a regexp's \s, which is what the
// field check has always taken between a newline and a key: not \v.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// startsField reports whether "key:" starts at s[i]: an identifier or a
// single- or double-quoted key on one line, optional whitespace, a colon.
// It reads at most to the colon or the first byte that rules a key out.
func startsField(s string, i int) bool {
	switch {
	case i >= len(s):
		return false
	case s[i] == '"' || s[i] == '\'':
		quote := s[i]
		i++
		for i < len(s) && s[i] != quote && s[i] != '\n' {
			i++
		}
		if i >= len(s) || s[i] != quote {
			return false
		}
		i++
	case isIdentStart(s[i]):
		i++
		for i < len(s) && (isIdentStart(s[i]) || '0' <= s[i] && s[i] <= '9') {
			i++
		}
	default:
		return false
	}
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i < len(s) && s[i] == ':'
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isJSNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if s == "" {
		return false
	}
	_, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	return err == nil
}

func (p *jsParser) object(depth int) (JSValue, error) {
	v := JSValue{Kind: JSObject, Offset: p.pos}
	p.pos++ // '{'
	for {
		p.skip()
		switch p.peek() {
		case 0:
			return v, p.fail(v.Offset, "the object opened here is never closed with '}'")
		case '}':
			p.pos++
			return v, nil
		case ',':
			p.pos++ // a trailing or doubled comma
			continue
		}
		at := p.pos
		key, err := p.key()
		if err != nil {
			return v, err
		}
		p.skip()
		if p.peek() != ':' {
			// Shorthand ({ user_id }), a spread or a method: not a literal field.
			p.expression()
			continue
		}
		p.pos++
		value, err := p.value(depth + 1)
		if err != nil {
			return v, err
		}
		v.Fields = append(v.Fields, JSField{Key: key, Value: value, Offset: at})
		p.skip()
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
		case 0:
			return v, p.fail(v.Offset, "the object opened here is never closed with '}'")
		default:
			return v, p.fail(p.pos, "expected ',' or '}' after the value of %s, found %s", key, p.found())
		}
	}
}

// key reads an object key: an identifier, a quoted string or a number.
func (p *jsParser) key() (string, error) {
	switch c := p.peek(); {
	case c == '"' || c == '\'':
		s, _, err := p.str()
		return s, err
	case c == '[':
		return "", p.fail(p.pos, "computed keys ([…]: …) are not literal fields")
	}
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '_' || c == '$' || c == '.' || c == '-' || c == '+' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80 {
			p.pos++
			continue
		}
		break
	}
	if p.pos == start {
		return "", p.fail(start, "expected a key, found %s", p.found())
	}
	return p.src[start:p.pos], nil
}

func (p *jsParser) array(depth int) (JSValue, error) {
	v := JSValue{Kind: JSArray, Offset: p.pos}
	p.pos++ // '['
	for {
		p.skip()
		switch p.peek() {
		case 0:
			return v, p.fail(v.Offset, "the array opened here is never closed with ']'")
		case ']':
			p.pos++
			return v, nil
		case ',':
			p.pos++
			continue
		}
		item, err := p.value(depth + 1)
		if err != nil {
			return v, err
		}
		v.Fields = append(v.Fields, JSField{Value: item, Offset: item.Offset})
		p.skip()
		if c := p.peek(); c != ',' && c != ']' {
			return v, p.fail(p.pos, "expected ',' or ']' in the array, found %s", p.found())
		}
	}
}

// str reads a quoted string and decodes its escapes. template reports a
// back-quoted string with a ${…} substitution, whose value is not literal.
func (p *jsParser) str() (s string, template bool, err error) {
	quote, start := p.src[p.pos], p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == quote:
			p.pos++
			return b.String(), template, nil
		case c == '\n' && quote != '`':
			return "", false, p.fail(start, "the string opened here ends at the end of the line without its closing %c", quote)
		case c == '$' && quote == '`' && strings.HasPrefix(p.src[p.pos:], "${"):
			template = true
		case c == '\\':
			if err := p.escape(&b); err != nil {
				return "", false, err
			}
			continue
		}
		b.WriteByte(c)
		p.pos++
	}
	return "", false, p.fail(start, "the string opened here is never closed with %c", quote)
}

// escape decodes one backslash escape into b.
func (p *jsParser) escape(b *strings.Builder) error {
	at := p.pos
	p.pos++ // '\'
	if p.pos >= len(p.src) {
		return p.fail(at, "the snippet ends inside an escape")
	}
	c := p.src[p.pos]
	p.pos++
	switch c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'v':
		b.WriteByte('\v')
	case '0':
		b.WriteByte(0)
	case '\r':
		if p.peek() == '\n' {
			p.pos++
		}
	case '\n':
		// A line continuation adds nothing.
	case 'x':
		return p.hexEscape(b, at, 2)
	case 'u':
		if p.peek() == '{' {
			end := strings.IndexByte(p.src[p.pos:], '}')
			if end < 0 {
				return p.fail(at, "the \\u{…} escape is never closed")
			}
			n, err := strconv.ParseUint(p.src[p.pos+1:p.pos+end], 16, 32)
			if err != nil || n > utf8.MaxRune {
				return p.fail(at, "%q is not a valid \\u{…} escape", p.src[at:p.pos+end+1])
			}
			b.WriteRune(rune(n))
			p.pos += end + 1
			return nil
		}
		return p.hexEscape(b, at, 4)
	default:
		b.WriteByte(c) // \' \" \\ \/ and any other character stand for themselves
	}
	return nil
}

// hexEscape decodes \xHH or \uHHHH (joining a UTF-16 surrogate pair).
func (p *jsParser) hexEscape(b *strings.Builder, at, digits int) error {
	if p.pos+digits > len(p.src) {
		return p.fail(at, "the escape at offset %d is cut short", at)
	}
	n, err := strconv.ParseUint(p.src[p.pos:p.pos+digits], 16, 32)
	if err != nil {
		return p.fail(at, "%q is not a valid escape", p.src[at:p.pos+digits])
	}
	p.pos += digits
	r := rune(n)
	if 0xd800 <= r && r < 0xdc00 && strings.HasPrefix(p.src[p.pos:], `\u`) && p.pos+6 <= len(p.src) {
		if low, err := strconv.ParseUint(p.src[p.pos+2:p.pos+6], 16, 32); err == nil && 0xdc00 <= low && low < 0xe000 {
			r = 0x10000 + (r-0xd800)<<10 + rune(low-0xdc00)
			p.pos += 6
		}
	}
	b.WriteRune(r)
	return nil
}
