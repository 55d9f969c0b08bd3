package forge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// A JSON value read with its keys in the order they came, so that a body
// changed by --set keeps the shape its template (or the user's file) had:
// object, array, string, json.Number, bool or nil.
type object []member

type member struct {
	key   string
	value any
}

// maxDepth bounds how deep a body read for --set may nest: a request is a
// few levels deep, and the reader recurses.
const maxDepth = 64

// decode reads one JSON value, keys in order, numbers as written.
func decode(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	v, err := decodeValue(d, 0)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("there is more after the JSON value")
	}
	return v, nil
}

func decodeValue(d *json.Decoder, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("the JSON nests more than %d levels deep", maxDepth)
	}
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			var o object
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeValue(d, depth+1)
				if err != nil {
					return nil, err
				}
				o = append(o, member{key: k.(string), value: v})
			}
			if _, err := d.Token(); err != nil {
				return nil, err
			}
			if o == nil {
				o = object{}
			}
			return o, nil
		case '[':
			a := []any{}
			for d.More() {
				v, err := decodeValue(d, depth+1)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := d.Token(); err != nil {
				return nil, err
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	}
	return tok, nil
}

// Encoding says how a body is written back as text.
type Encoding struct {
	Indent     string // "" compact; else each level indented by it, as pretty-printers do
	SortKeys   bool   // keys in byte order, as some encoders sort them
	EscapeAll  bool   // "/" as "\/" and every non-ASCII character as \uXXXX, as PHP's json_encode does
	EscapeHTML bool   // <, > and & as \u003c…, as Go's encoding/json does
}

// encode writes v as JSON. Intercom writes compact JSON with "/" and
// non-ASCII characters as they are: Encoding{} is that.
func encode(v any, e Encoding) []byte {
	var b bytes.Buffer
	encodeValue(&b, v, e, 0)
	return b.Bytes()
}

func encodeValue(b *bytes.Buffer, v any, e Encoding, depth int) {
	newline := func(level int) {
		if e.Indent != "" {
			b.WriteByte('\n')
			b.WriteString(strings.Repeat(e.Indent, level))
		}
	}
	colon := ":"
	if e.Indent != "" {
		colon = ": "
	}
	switch t := v.(type) {
	case object:
		if len(t) == 0 {
			b.WriteString("{}")
			return
		}
		members := t
		if e.SortKeys {
			members = slices.Clone(t)
			slices.SortStableFunc(members, func(x, y member) int { return strings.Compare(x.key, y.key) })
		}
		b.WriteByte('{')
		for i, m := range members {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(depth + 1)
			writeString(b, m.key, e)
			b.WriteString(colon)
			encodeValue(b, m.value, e, depth+1)
		}
		newline(depth)
		b.WriteByte('}')
	case []any:
		if len(t) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, x := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(depth + 1)
			encodeValue(b, x, e, depth+1)
		}
		newline(depth)
		b.WriteByte(']')
	case string:
		writeString(b, t, e)
	case json.Number:
		b.WriteString(t.String())
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case nil:
		b.WriteString("null")
	default:
		panic(fmt.Sprintf("forge: cannot encode %T", v)) // only decode's types reach here
	}
}

// writeString writes s as a JSON string: the escapes JSON requires, and
// those e asks for.
func writeString(b *bytes.Buffer, s string, e Encoding) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20, e.EscapeHTML && (r == '<' || r == '>' || r == '&'):
			fmt.Fprintf(b, `\u%04x`, r)
		case e.EscapeAll && r == '/':
			b.WriteString(`\/`)
		case e.EscapeAll && r > 0x7f:
			if r > 0xffff {
				r1, r2 := surrogates(r)
				fmt.Fprintf(b, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

func surrogates(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// Reencode reads a JSON body and writes it back with e: what an app does
// when it parses a body and encodes it again.
func Reencode(body []byte, e Encoding) ([]byte, error) {
	v, err := decode(body)
	if err != nil {
		return nil, err
	}
	return encode(v, e), nil
}

// set gives the value at path (keys joined by dots; an array's items by
// their index) the value: a key missing from an object is added at its end.
func set(root any, path []string, value any) (any, error) {
	if len(path) == 0 {
		return value, nil
	}
	key := path[0]
	switch t := root.(type) {
	case object:
		for i := range t {
			if t[i].key == key {
				v, err := set(t[i].value, path[1:], value)
				if err != nil {
					return nil, err
				}
				t[i].value = v
				return t, nil
			}
		}
		v, err := set(object{}, path[1:], value)
		if err != nil {
			return nil, err
		}
		return append(t, member{key: key, value: v}), nil
	case []any:
		i, err := strconv.Atoi(key)
		if err != nil || i < 0 || i >= len(t) {
			return nil, fmt.Errorf("%q is not an index of an array of %d items", key, len(t))
		}
		v, err := set(t[i], path[1:], value)
		if err != nil {
			return nil, err
		}
		t[i] = v
		return t, nil
	}
	return nil, fmt.Errorf("%q is inside a value that is not an object or an array", key)
}
