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

// Reserialized yields the ways a body is commonly changed between the
// bytes that were signed and the bytes that were checked: a trailing newline
// added or removed, and, for JSON, the object re-encoded by JSON.stringify,
// PHP's json_encode, Python's json.dumps, Go's json.Marshal and their options
// (indent, sorted keys, escaped '/', escaped non-ASCII). Each distinct byte
// string comes once, described by its first (simplest) recipe. Variants are
// made one at a time, so a caller that stops early pays only for those it saw.
func reserializedOld(raw []byte) iter.Seq[Variant] {
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
		tree, err := oldParse(raw)
		if err != nil {
			return
		}
		facts := tree.factsOld()
		facts.rawEscapesSlash = bytes.Contains(raw, []byte(`\/`))
		facts.rawEscapesUnicode = hasNonASCIIEscape(raw)
		for _, style := range reencStyles() {
			if !facts.changes(style) {
				continue
			}
			var buf bytes.Buffer
			buf.Grow(len(raw) + len(raw)/4)
			style.encodeOld(&buf, tree, 0)
			if style.newline {
				buf.WriteByte('\n')
			}
			if !emit(buf.Bytes(), style.describe(facts)) {
				return
			}
		}
	}
}

// oldNode is a parsed JSON value that keeps the order of object keys and
// the text of numbers, so re-encoding changes only what a serialiser would.
type oldNode struct {
	kind   byte // '{', '[', '"', '0' (number), 'l' (literal true/false/null)
	text   string
	keys   []string
	values []*oldNode
}

func oldParse(raw []byte) (*oldNode, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	n, err := oldRead(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	return n, nil
}

func oldRead(dec *json.Decoder, depth int) (*oldNode, error) {
	if depth > reserializeMaxDepth {
		return nil, errors.New("nested too deep to re-encode")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &oldNode{kind: byte(t)}
		for dec.More() {
			if t == '{' {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key.(string))
			}
			v, err := oldRead(dec, depth+1)
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
		return &oldNode{kind: '"', text: t}, nil
	case json.Number:
		return &oldNode{kind: '0', text: t.String()}, nil
	case bool:
		return &oldNode{kind: 'l', text: fmt.Sprint(t)}, nil
	default:
		return &oldNode{kind: 'l', text: "null"}, nil
	}
}

func (n *oldNode) factsOld() reencFacts {
	var f reencFacts
	var walk func(*oldNode)
	see := func(s string) {
		f.slash = f.slash || strings.Contains(s, "/")
		f.html = f.html || strings.ContainsAny(s, "<>&\u2028\u2029")
		for i := 0; i < len(s) && !f.nonASCII; i++ {
			f.nonASCII = s[i] >= 0x80
		}
	}
	walk = func(n *oldNode) {
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

func (s reencStyle) encodeOld(buf *bytes.Buffer, n *oldNode, depth int) {
	layout := reencLayouts[s.layout]
	switch n.kind {
	case '"':
		s.encodeStringOld(buf, n.text)
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
				s.encodeStringOld(buf, n.keys[i])
				buf.WriteByte(':')
				if layout.spaced || layout.indent != "" {
					buf.WriteByte(' ')
				}
			}
			s.encodeOld(buf, n.values[i], depth+1)
		}
		if layout.indent != "" {
			buf.WriteByte('\n')
			buf.WriteString(strings.Repeat(layout.indent, depth))
		}
		buf.WriteByte(closing)
	}
}

func (s reencStyle) encodeStringOld(buf *bytes.Buffer, str string) {
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
			oldUnicodeEscape(buf, r)
		case r == '/' && s.escapeSlash:
			buf.WriteString(`\/`)
		case s.htmlEscape && (r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029'):
			oldUnicodeEscape(buf, r)
		case r >= 0x80 && s.asciiOnly:
			if r > 0xffff {
				r -= 0x10000
				oldUnicodeEscape(buf, 0xd800+(r>>10))
				oldUnicodeEscape(buf, 0xdc00+(r&0x3ff))
			} else {
				oldUnicodeEscape(buf, r)
			}
		default:
			var tmp [utf8.UTFMax]byte
			buf.Write(tmp[:utf8.EncodeRune(tmp[:], r)])
		}
	}
	buf.WriteByte('"')
}

func oldUnicodeEscape(buf *bytes.Buffer, r rune) {
	buf.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		buf.WriteByte(oldHexDigits[(r>>shift)&0xf])
	}
}

const oldHexDigits = "0123456789abcdef"
