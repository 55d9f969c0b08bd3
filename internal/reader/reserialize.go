package reader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"sort"
	"strings"
	"unicode/utf8"
)

// reserializeMaxSize bounds the bodies sealpeek re-encodes: real requests are
// kilobytes, and each variant costs a copy.
const reserializeMaxSize = 1 << 20

// reserializeMaxDepth bounds nesting for the same reason.
const reserializeMaxDepth = 512

// Variant is a body as something between the signer and the checker may
// have changed it, and how.
type Variant struct {
	Data []byte
	How  string // e.g. "with a trailing newline added"
}

// Reserialized yields the ways a body is commonly changed between the
// bytes that were signed and the bytes that were checked: a trailing newline
// added or removed, and, for JSON, the object re-encoded by JSON.stringify,
// PHP's json_encode, Python's json.dumps, Go's json.Marshal and their options
// (indent, sorted keys, escaped '/', escaped non-ASCII). Each distinct byte
// string comes once, described by its first (simplest) recipe. Variants are
// made one at a time, so a caller that stops early pays only for those it saw.
func Reserialized(raw []byte) iter.Seq[Variant] {
	return func(yield func(Variant) bool) {
		seed := maphash.MakeSeed()
		seen := map[uint64]bool{maphash.Bytes(seed, raw): true}
		emit := func(b []byte, how string) bool {
			h := maphash.Bytes(seed, b)
			if seen[h] {
				return true
			}
			seen[h] = true
			return yield(Variant{Data: b, How: how})
		}
		if t, ok := bytes.CutSuffix(raw, []byte("\r\n")); ok && !emit(t, "with its trailing CRLF removed") {
			return
		}
		if t, ok := bytes.CutSuffix(raw, []byte("\n")); ok {
			if !emit(t, "with its trailing newline removed") {
				return
			}
		} else if !emit(append(bytes.Clone(raw), '\n'), "with a trailing newline added") {
			return
		}
		if len(raw) > reserializeMaxSize {
			return
		}
		tree, err := reencParse(raw)
		if err != nil {
			return
		}
		facts := tree.facts()
		facts.rawEscapesSlash = bytes.Contains(raw, []byte(`\/`))
		facts.rawEscapesUnicode = hasNonASCIIEscape(raw)
		for _, style := range reencStyles() {
			if !facts.changes(style) {
				continue
			}
			var buf bytes.Buffer
			buf.Grow(len(raw) + len(raw)/4)
			style.encode(&buf, tree, 0)
			if style.newline {
				buf.WriteByte('\n')
			}
			if !emit(buf.Bytes(), style.describe(facts)) {
				return
			}
		}
	}
}

// changes reports whether every option the style turns on can change this
// body: escaping '/' in a body without one gives the bytes of the style
// without it, so encoding it is wasted work.
func (f reencFacts) changes(s reencStyle) bool {
	return (!s.escapeSlash || f.slash) && (!s.asciiOnly || f.nonASCII) && (!s.htmlEscape || f.html)
}

// hasNonASCIIEscape reports whether raw holds a \uXXXX escape of a
// non-ASCII character (0080 and up).
func hasNonASCIIEscape(raw []byte) bool {
	for from := 0; ; {
		i := bytes.Index(raw[from:], []byte(`\u`))
		if i < 0 {
			return false
		}
		at := from + i + 2
		if at+4 <= len(raw) {
			n := 0
			for _, c := range raw[at : at+4] {
				d := hexValue(c)
				if d < 0 {
					n = -1
					break
				}
				n = n<<4 | d
			}
			if n >= 0x80 {
				return true
			}
		}
		from = at
	}
}

// hexValue is the value of a hex digit, -1 for any other byte.
func hexValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// reencNode is a parsed JSON value that keeps the order of object keys and
// the text of numbers, so re-encoding changes only what a serialiser would.
type reencNode struct {
	kind   byte // '{', '[', '"', '0' (number), 'l' (literal true/false/null)
	text   string
	keys   []string
	values []*reencNode
}

func reencParse(raw []byte) (*reencNode, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	n, err := reencRead(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	return n, nil
}

func reencRead(dec *json.Decoder, depth int) (*reencNode, error) {
	if depth > reserializeMaxDepth {
		return nil, errors.New("nested too deep to re-encode")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &reencNode{kind: byte(t)}
		for dec.More() {
			if t == '{' {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key.(string))
			}
			v, err := reencRead(dec, depth+1)
			if err != nil {
				return nil, err
			}
			n.values = append(n.values, v)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &reencNode{kind: '"', text: t}, nil
	case json.Number:
		return &reencNode{kind: '0', text: t.String()}, nil
	case bool:
		return &reencNode{kind: 'l', text: fmt.Sprint(t)}, nil
	default:
		return &reencNode{kind: 'l', text: "null"}, nil
	}
}

// reencFacts are what a body holds that decides whether an option changes it,
// so a variant's description names only the options that matter.
type reencFacts struct {
	slash, nonASCII, html bool
	rawEscapesSlash       bool
	rawEscapesUnicode     bool
}

func (n *reencNode) facts() reencFacts {
	var f reencFacts
	var walk func(*reencNode)
	see := func(s string) {
		f.slash = f.slash || strings.Contains(s, "/")
		f.html = f.html || strings.ContainsAny(s, "<>&\u2028\u2029")
		for i := 0; i < len(s) && !f.nonASCII; i++ {
			f.nonASCII = s[i] >= 0x80
		}
	}
	walk = func(n *reencNode) {
		if n.kind == '"' {
			see(n.text)
		}
		for _, k := range n.keys {
			see(k)
		}
		for _, v := range n.values {
			walk(v)
		}
	}
	walk(n)
	return f
}

// reencStyle is one serialiser's way of writing JSON.
type reencStyle struct {
	layout      int // index into reencLayouts
	sortKeys    bool
	escapeSlash bool // '/' as '\/' (PHP)
	asciiOnly   bool // non-ASCII as \uXXXX (PHP, Python)
	htmlEscape  bool // <, >, &, U+2028, U+2029 as \uXXXX (Go)
	newline     bool // a trailing newline (Go's Encoder, print, echo)
}

// reencLayouts are the whitespace layouts serialisers use.
var reencLayouts = []struct {
	indent string // "" for one line
	spaced bool   // one line with ", " and ": " (Python's default)
	how    string
}{
	{"", false, "compact JSON (as JSON.stringify(req.body) writes it)"},
	{"", true, "JSON with spaces after ',' and ':' (as Python's json.dumps writes it)"},
	{"  ", false, "pretty-printed JSON with a 2-space indent"},
	{"    ", false, "pretty-printed JSON with a 4-space indent"},
	{"\t", false, "pretty-printed JSON with a tab indent"},
}

// reencStyles lists every combination, the plainest first so that a
// variant's description has the fewest options.
func reencStyles() []reencStyle {
	var styles []reencStyle
	for layout := range reencLayouts {
		for bits := 0; bits < 32; bits++ {
			styles = append(styles, reencStyle{layout: layout,
				sortKeys: bits&1 != 0, escapeSlash: bits&2 != 0, asciiOnly: bits&4 != 0, htmlEscape: bits&8 != 0, newline: bits&16 != 0})
		}
	}
	sort.SliceStable(styles, func(i, j int) bool { return styles[i].options() < styles[j].options() })
	return styles
}

func (s reencStyle) options() int {
	n := 0
	for _, on := range []bool{s.sortKeys, s.escapeSlash, s.asciiOnly, s.htmlEscape, s.newline} {
		if on {
			n++
		}
	}
	return n
}

// describe says how the body was re-encoded, naming only what changed it.
func (s reencStyle) describe(f reencFacts) string {
	parts := []string{"re-encoded as " + reencLayouts[s.layout].how}
	if s.sortKeys {
		parts = append(parts, "with its keys sorted")
	}
	switch {
	case f.slash && s.escapeSlash && !f.rawEscapesSlash:
		parts = append(parts, `with '/' escaped as '\/' (as PHP's json_encode does)`)
	case f.slash && !s.escapeSlash && f.rawEscapesSlash:
		parts = append(parts, `with '\/' unescaped to '/'`)
	}
	switch {
	case f.nonASCII && s.asciiOnly && !f.rawEscapesUnicode:
		parts = append(parts, `with non-ASCII characters escaped as \uXXXX`)
	case f.nonASCII && !s.asciiOnly && f.rawEscapesUnicode:
		parts = append(parts, `with \uXXXX escapes written as the characters`)
	}
	if f.html && s.htmlEscape {
		parts = append(parts, `with <, > and & escaped as \u003c, \u003e, \u0026 (as Go's json.Marshal does)`)
	}
	if s.newline {
		parts = append(parts, "with a trailing newline")
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return parts[0] + ", " + strings.Join(parts[1:], ", ")
}

func (s reencStyle) encode(buf *bytes.Buffer, n *reencNode, depth int) {
	layout := reencLayouts[s.layout]
	switch n.kind {
	case '"':
		s.encodeString(buf, n.text)
	case '0', 'l':
		buf.WriteString(n.text)
	case '{', '[':
		closing := byte('}')
		if n.kind == '[' {
			closing = ']'
		}
		buf.WriteByte(n.kind)
		if len(n.values) == 0 {
			buf.WriteByte(closing)
			return
		}
		order := make([]int, len(n.values))
		for i := range order {
			order[i] = i
		}
		if s.sortKeys && n.kind == '{' {
			sort.SliceStable(order, func(a, b int) bool { return n.keys[order[a]] < n.keys[order[b]] })
		}
		for pos, i := range order {
			if pos > 0 {
				buf.WriteByte(',')
				if layout.spaced {
					buf.WriteByte(' ')
				}
			}
			if layout.indent != "" {
				buf.WriteByte('\n')
				buf.WriteString(strings.Repeat(layout.indent, depth+1))
			}
			if n.kind == '{' {
				s.encodeString(buf, n.keys[i])
				buf.WriteByte(':')
				if layout.spaced || layout.indent != "" {
					buf.WriteByte(' ')
				}
			}
			s.encode(buf, n.values[i], depth+1)
		}
		if layout.indent != "" {
			buf.WriteByte('\n')
			buf.WriteString(strings.Repeat(layout.indent, depth))
		}
		buf.WriteByte(closing)
	}
}

const reencHexDigits = "0123456789abcdef"

func (s reencStyle) encodeString(buf *bytes.Buffer, str string) {
	buf.WriteByte('"')
	for _, r := range str {
		switch {
		case r == '"':
			buf.WriteString(`\"`)
		case r == '\\':
			buf.WriteString(`\\`)
		case r == '\n':
			buf.WriteString(`\n`)
		case r == '\r':
			buf.WriteString(`\r`)
		case r == '\t':
			buf.WriteString(`\t`)
		case r == '\b':
			buf.WriteString(`\b`)
		case r == '\f':
			buf.WriteString(`\f`)
		case r < 0x20:
			reencUnicodeEscape(buf, r)
		case r == '/' && s.escapeSlash:
			buf.WriteString(`\/`)
		case s.htmlEscape && (r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029'):
			reencUnicodeEscape(buf, r)
		case r >= 0x80 && s.asciiOnly:
			if r > 0xffff {
				r -= 0x10000
				reencUnicodeEscape(buf, 0xd800+(r>>10))
				reencUnicodeEscape(buf, 0xdc00+(r&0x3ff))
			} else {
				reencUnicodeEscape(buf, r)
			}
		default:
			var tmp [utf8.UTFMax]byte
			buf.Write(tmp[:utf8.EncodeRune(tmp[:], r)])
		}
	}
	buf.WriteByte('"')
}

func reencUnicodeEscape(buf *bytes.Buffer, r rune) {
	buf.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		buf.WriteByte(reencHexDigits[(r>>shift)&0xf])
	}
}
