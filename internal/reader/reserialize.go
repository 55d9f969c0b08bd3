package reader

import (
	"bytes"
	"hash/maphash"
	"iter"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
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
		d, ok := reencIndex(raw)
		if !ok {
			return
		}
		facts := d.sizes.facts()
		facts.rawEscapesSlash = bytes.Contains(raw, []byte(`\/`))
		facts.rawEscapesUnicode = hasNonASCIIEscape(raw)
		// Each variant is a new slice, since callers keep them, made of
		// exactly its size: growing one would hold the old and the new.
		for _, style := range reencStyles() {
			if !facts.changes(style) {
				continue
			}
			data := d.encode(style, make([]byte, 0, d.sizes.length(style)))
			if !emit(data, style.describe(facts)) {
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

// reencDoc is a JSON body checked and indexed for re-encoding. It keeps no
// copy of the body's values: strings are decoded from the raw bytes as they
// are written (numbers are written as they stand, as json.Number keeps
// them), and the only index is, for every object, where its members' keys
// are in sorted order: 8 bytes a member and 4 an object.
type reencDoc struct {
	raw []byte
	// objects[k] is where the members of the k-th object opened end in
	// members; they start where those of object k-1 end (0 for the first).
	objects []int32
	// members are every object's members, stably sorted by their decoded
	// keys (as Go compares strings: by their UTF-8 bytes), an object's
	// together.
	members []reencMember
	sizes   reencSizes
}

// reencMember is a member of an object: where its key's opening quote is,
// and how many objects open before its value, so the objects in the value
// are found in objects whatever order the members are written in.
type reencMember struct {
	key, objectsBefore int32
}

// reencIndex checks raw as encoding/json's Decoder reads one value (and
// within reserializeMaxDepth) and indexes it; ok is false when it is not
// exactly one JSON value.
func reencIndex(raw []byte) (d *reencDoc, ok bool) {
	s := reencScan{js: jsonScan{b: raw}}
	end, ok := s.value(s.js.skipSpace(0), 0)
	if !ok || s.js.skipSpace(end) != len(raw) {
		return nil, false
	}
	// The counts become where each object's members end; a second scan
	// fills them in, moving each object's end from its start to its end.
	total := int32(0)
	for k, n := range s.objects {
		s.objects[k] = total
		total += n
	}
	s.members = make([]reencMember, total)
	s.fill, s.nobj = true, 0
	s.value(s.js.skipSpace(0), 0)
	d = &reencDoc{raw: raw, objects: s.objects, members: s.members, sizes: s.sizes}
	d.sortMembers()
	return d, true
}

// reencScan reads a JSON body twice: once to check it, count each object's
// members and find its facts, once (fill) to put the members in place.
type reencScan struct {
	js      jsonScan
	fill    bool
	at      int // where the value being scanned starts
	nobj    int32
	objects []int32 // first scan: members per object; second: the next free slot
	members []reencMember
	sizes   reencSizes
	scratch []byte
}

func (s *reencScan) value(i, depth int) (int, bool) {
	if depth > reserializeMaxDepth {
		return i, false
	}
	b := s.js.b
	if i >= len(b) {
		return i, false
	}
	s.at = i
	switch c := b[i]; {
	case c == '"':
		return s.str(i)
	case c == '{':
		return s.object(i, depth)
	case c == '[':
		return s.array(i, depth)
	case c == '-' || '0' <= c && c <= '9':
		return s.scalar(s.js.number(i))
	case c == 't':
		return s.scalar(s.js.literal(i, "true"))
	case c == 'f':
		return s.scalar(s.js.literal(i, "false"))
	case c == 'n':
		return s.scalar(s.js.literal(i, "null"))
	}
	return i, false
}

// scalar counts the number or literal that ends at end, which starts where
// the scan of it started.
func (s *reencScan) scalar(end int, ok bool) (int, bool) {
	if ok && !s.fill {
		s.sizes.scalars += end - s.at
	}
	return end, ok
}

// str checks the string at b[i] and, on the first scan, counts what it
// holds.
func (s *reencScan) str(i int) (int, bool) {
	end, ok := s.js.str(i)
	if !ok || s.fill {
		return end, ok
	}
	text := s.js.b[i+1 : end-1]
	if bytes.IndexByte(text, '\\') >= 0 {
		s.scratch = reencUnquote(s.scratch[:0], text)
		text = s.scratch
	}
	s.sizes.count(text)
	return end, true
}

func (s *reencScan) object(i, depth int) (int, bool) {
	b := s.js.b
	k := s.nobj
	s.nobj++
	if !s.fill {
		s.objects = append(s.objects, 0)
	}
	i = s.js.skipSpace(i + 1)
	empty := i < len(b) && b[i] == '}'
	if !s.fill {
		s.sizes.container(depth, empty)
	}
	if empty {
		return i + 1, true
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return i, false
		}
		key := i
		var ok bool
		if i, ok = s.str(i); !ok {
			return i, false
		}
		i = s.js.skipSpace(i)
		if i >= len(b) || b[i] != ':' {
			return i, false
		}
		if s.fill {
			s.members[s.objects[k]] = reencMember{key: int32(key), objectsBefore: s.nobj}
		} else {
			s.sizes.members++
			s.sizes.child(depth)
		}
		s.objects[k]++
		if i, ok = s.value(s.js.skipSpace(i+1), depth+1); !ok {
			return i, false
		}
		i = s.js.skipSpace(i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case '}':
			return i + 1, true
		case ',':
			i = s.js.skipSpace(i + 1)
		default:
			return i, false
		}
	}
}

func (s *reencScan) array(i, depth int) (int, bool) {
	b := s.js.b
	i = s.js.skipSpace(i + 1)
	empty := i < len(b) && b[i] == ']'
	if !s.fill {
		s.sizes.container(depth, empty)
	}
	if empty {
		return i + 1, true
	}
	for {
		if !s.fill {
			s.sizes.child(depth)
		}
		var ok bool
		if i, ok = s.value(i, depth+1); !ok {
			return i, false
		}
		i = s.js.skipSpace(i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case ']':
			return i + 1, true
		case ',':
			i = s.js.skipSpace(i + 1)
		default:
			return i, false
		}
	}
}

// object returns the members of the k-th object opened.
func (d *reencDoc) object(k int32) []reencMember {
	from := int32(0)
	if k > 0 {
		from = d.objects[k-1]
	}
	return d.members[from:d.objects[k]]
}

// sortMembers sorts each object's members by their decoded keys, keeping
// the order of equal keys (sort.SliceStable's order).
func (d *reencDoc) sortMembers() {
	type keyed struct {
		from, to int32 // the decoded key in raw, or, when from < 0, in decoded at ^from
		m        reencMember
	}
	var scratch []keyed
	var decoded []byte
	key := func(k keyed) []byte {
		if k.from < 0 {
			return decoded[^k.from:k.to]
		}
		return d.raw[k.from:k.to]
	}
	for k := range int32(len(d.objects)) {
		members := d.object(k)
		if len(members) < 2 {
			continue
		}
		plain := true
		for _, m := range members {
			if text, _ := reencStringText(d.raw, int(m.key)); !reencPlain(text) {
				plain = false
				break
			}
		}
		if plain { // the keys as written are the keys: sort in place
			slices.SortStableFunc(members, func(a, b reencMember) int {
				x, _ := reencStringText(d.raw, int(a.key))
				y, _ := reencStringText(d.raw, int(b.key))
				return bytes.Compare(x, y)
			})
			continue
		}
		scratch, decoded = scratch[:0], decoded[:0]
		for _, m := range members {
			text, _ := reencStringText(d.raw, int(m.key))
			from := m.key + 1
			if reencPlain(text) {
				scratch = append(scratch, keyed{from, from + int32(len(text)), m})
				continue
			}
			at := len(decoded)
			decoded = reencUnquote(decoded, text)
			scratch = append(scratch, keyed{^int32(at), int32(len(decoded)), m})
		}
		slices.SortStableFunc(scratch, func(a, b keyed) int { return bytes.Compare(key(a), key(b)) })
		for i, s := range scratch {
			members[i] = s.m
		}
	}
}

// reencPlain reports whether a string's text is its value: no escapes, and
// valid UTF-8 (encoding/json decodes each invalid byte as U+FFFD).
func reencPlain(text []byte) bool {
	if bytes.IndexByte(text, '\\') >= 0 {
		return false
	}
	for _, c := range text {
		if c >= utf8.RuneSelf {
			return utf8.Valid(text)
		}
	}
	return true
}

// reencStringText returns the text between the quotes of the string that
// starts at raw[i] (checked already), and whether it holds an escape.
func reencStringText(raw []byte, i int) (text []byte, escaped bool) {
	j := i + 1
	for {
		switch raw[j] {
		case '"':
			return raw[i+1 : j], escaped
		case '\\':
			escaped = true
			j += 2
		default:
			j++
		}
	}
}

// reencUnquote appends the value of a JSON string's text (checked already)
// to dst as encoding/json decodes it: a \u escape of a surrogate not in a
// pair, and each byte of invalid UTF-8, become U+FFFD.
func reencUnquote(dst, text []byte) []byte {
	for r := 0; r < len(text); {
		switch c := text[r]; {
		case c == '\\':
			switch text[r+1] {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				rr := reencHex4(text[r+2:])
				r += 6
				if utf16.IsSurrogate(rr) {
					rr1 := rune(-1)
					if len(text)-r >= 6 && text[r] == '\\' && text[r+1] == 'u' {
						rr1 = reencHex4(text[r+2:])
					}
					if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
						r += 6
						dst = utf8.AppendRune(dst, dec)
						continue
					}
					rr = unicode.ReplacementChar
				}
				dst = utf8.AppendRune(dst, rr)
				continue
			default: // '"', '\\', '/'
				dst = append(dst, text[r+1])
			}
			r += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			r++
		default:
			rr, size := utf8.DecodeRune(text[r:])
			if rr == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			} else {
				dst = append(dst, text[r:r+size]...)
			}
			r += size
		}
	}
	return dst
}

// reencHex4 is the value of four hex digits (checked already).
func reencHex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		r = r<<4 | rune(hexValue(c))
	}
	return r
}

// reencFacts are what a body holds that decides whether an option changes it,
// so a variant's description names only the options that matter.
type reencFacts struct {
	slash, nonASCII, html bool
	rawEscapesSlash       bool
	rawEscapesUnicode     bool
}

// reencSizes counts what decides how long a variant is, whatever the
// order of its keys.
type reencSizes struct {
	scalars int // bytes of numbers, true, false and null
	strings int
	// The characters of strings: those every style writes alike (fixed,
	// their bytes so written), '/', '<', '>' and '&', U+2028 and U+2029,
	// the other non-ASCII ones of the BMP (and their bytes), those
	// beyond it, and bytes of invalid UTF-8.
	fixed, slashes, htmlASCII, lineSeps, bmp, bmpBytes, astral, invalid int
	containers, nonEmptyContainers, children, members                   int
	// childIndent is the sum over members and elements of their depth,
	// closeIndent over non-empty containers of theirs less one.
	childIndent, closeIndent int
}

// container counts an array or object, depth deep, and whether it has
// members or elements.
func (z *reencSizes) container(depth int, empty bool) {
	z.containers++
	if !empty {
		z.nonEmptyContainers++
		z.closeIndent += depth
	}
}

func (z *reencSizes) child(depth int) {
	z.children++
	z.childIndent += depth + 1
}

// count adds a decoded string.
func (z *reencSizes) count(s []byte) {
	z.strings++
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '/':
				z.slashes++
			case c == '<' || c == '>' || c == '&':
				z.htmlASCII++
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
				z.fixed += 2
			case c < 0x20:
				z.fixed += 6
			default:
				z.fixed++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			z.invalid++
		case r == '\u2028' || r == '\u2029':
			z.lineSeps++
		case size == 4:
			z.astral++
		default:
			z.bmp++
			z.bmpBytes += size
		}
		i += size
	}
}

// facts are what the counts tell of the strings.
func (z *reencSizes) facts() reencFacts {
	return reencFacts{slash: z.slashes > 0, html: z.htmlASCII+z.lineSeps > 0, nonASCII: z.lineSeps+z.bmp+z.astral+z.invalid > 0}
}

// length is the length of the body as the style writes it.
func (z *reencSizes) length(s reencStyle) int {
	layout := reencLayouts[s.layout]
	n := z.scalars + 2*z.strings + z.fixed + 2*z.containers
	n += z.slashes * pick(s.escapeSlash, 2, 1)
	n += z.htmlASCII * pick(s.htmlEscape, 6, 1)
	n += z.lineSeps * pick(s.htmlEscape || s.asciiOnly, 6, 3)
	if s.asciiOnly {
		n += 6*z.bmp + 12*z.astral + 6*z.invalid
	} else {
		n += z.bmpBytes + 4*z.astral + 3*z.invalid
	}
	n += (z.children - z.nonEmptyContainers) * pick(layout.spaced, 2, 1) // separators
	n += z.members * pick(layout.spaced || layout.indent != "", 2, 1)    // colons
	if layout.indent != "" {
		n += z.children + z.nonEmptyContainers + len(layout.indent)*(z.childIndent+z.closeIndent)
	}
	return n + pick(s.newline, 1, 0)
}

func pick(cond bool, yes, no int) int {
	if cond {
		return yes
	}
	return no
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
var reencLayouts = [...]struct {
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

// encode appends the body as the style writes it to dst.
func (d *reencDoc) encode(s reencStyle, dst []byte) []byte {
	e := reencEncoder{d: d, style: s, indent: reencLayouts[s.layout].indent, spaced: reencLayouts[s.layout].spaced, buf: dst}
	i := skipJSONSpace(d.raw, 0)
	e.value(i, 0, 0)
	if s.newline {
		e.buf = append(e.buf, '\n')
	}
	return e.buf
}

// reencEncoder writes one variant, walking the raw body: in document order,
// or, with sorted keys, each object's members in the order of d.members.
type reencEncoder struct {
	d       *reencDoc
	style   reencStyle
	indent  string
	spaced  bool
	buf     []byte
	scratch []byte // a decoded string
}

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// value writes the value at raw[i], depth containers deep, objects the
// number of objects opened before it, and returns the index just past it
// and the number of objects opened up to there.
func (e *reencEncoder) value(i, depth int, objects int32) (int, int32) {
	raw := e.d.raw
	switch raw[i] {
	case '"':
		return e.str(i), objects
	case '{':
		if e.style.sortKeys {
			return e.sortedObject(i, depth, objects)
		}
		return e.container(i, depth, objects+1)
	case '[':
		return e.container(i, depth, objects)
	case 't', 'n':
		e.buf = append(e.buf, raw[i:i+4]...)
		return i + 4, objects
	case 'f':
		e.buf = append(e.buf, raw[i:i+5]...)
		return i + 5, objects
	}
	j := i + 1
	for j < len(raw) && (jsonDigit(raw[j]) || raw[j] == '.' || raw[j] == 'e' || raw[j] == 'E' || raw[j] == '+' || raw[j] == '-') {
		j++
	}
	e.buf = append(e.buf, raw[i:j]...)
	return j, objects
}

// str writes the string at raw[i] and returns the index past it.
func (e *reencEncoder) str(i int) int {
	text, escaped := reencStringText(e.d.raw, i)
	end := i + len(text) + 2
	if escaped {
		e.scratch = reencUnquote(e.scratch[:0], text)
		text = e.scratch
	}
	e.buf = e.style.appendString(e.buf, text)
	return end
}

// newline starts a line depth deep, in an indented layout.
func (e *reencEncoder) newline(depth int) {
	if e.indent == "" {
		return
	}
	e.buf = append(e.buf, '\n')
	for range depth {
		e.buf = append(e.buf, e.indent...)
	}
}

// separate writes what comes between two members or elements.
func (e *reencEncoder) separate() {
	e.buf = append(e.buf, ',')
	if e.spaced {
		e.buf = append(e.buf, ' ')
	}
}

// key writes the key at raw[i] and what follows it, and returns the
// index of the value.
func (e *reencEncoder) key(i int) int {
	i = e.str(i)
	e.buf = append(e.buf, ':')
	if e.spaced || e.indent != "" {
		e.buf = append(e.buf, ' ')
	}
	i = skipJSONSpace(e.d.raw, i)
	return skipJSONSpace(e.d.raw, i+1) // past the colon
}

// container writes the array or object at raw[i] in document order.
func (e *reencEncoder) container(i, depth int, objects int32) (int, int32) {
	raw := e.d.raw
	open := raw[i]
	e.buf = append(e.buf, open)
	i = skipJSONSpace(raw, i+1)
	for n := 0; ; n++ {
		if raw[i] == ']' || raw[i] == '}' {
			if n > 0 {
				e.newline(depth)
			}
			e.buf = append(e.buf, raw[i])
			return i + 1, objects
		}
		if n > 0 {
			e.separate()
			i = skipJSONSpace(raw, i+1) // past the comma
		}
		e.newline(depth + 1)
		if open == '{' {
			i = e.key(i)
		}
		i, objects = e.value(i, depth+1, objects)
		i = skipJSONSpace(raw, i)
	}
}

// sortedObject writes the object at raw[i] with its members in key order.
// It ends where its last member in document order does, which has seen the
// most objects opened.
func (e *reencEncoder) sortedObject(i, depth int, objects int32) (int, int32) {
	raw := e.d.raw
	members := e.d.object(objects)
	objects++
	e.buf = append(e.buf, '{')
	end := i + 1
	for n, m := range members {
		if n > 0 {
			e.separate()
		}
		e.newline(depth + 1)
		at, seen := e.value(e.key(int(m.key)), depth+1, m.objectsBefore)
		end, objects = max(end, at), max(objects, seen)
	}
	if len(members) > 0 {
		e.newline(depth)
	}
	e.buf = append(e.buf, '}')
	return skipJSONSpace(raw, end) + 1, objects
}

const reencHexDigits = "0123456789abcdef"

// appendString appends str (a decoded JSON string: UTF-8, where each invalid
// byte stands for U+FFFD) quoted and escaped as the style escapes.
func (s reencStyle) appendString(buf, str []byte) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(str); {
		c := str[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (c != '/' || !s.escapeSlash) && (!s.htmlEscape || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			buf = append(buf, str[start:i]...)
			switch c {
			case '"':
				buf = append(buf, `\"`...)
			case '\\':
				buf = append(buf, `\\`...)
			case '\n':
				buf = append(buf, `\n`...)
			case '\r':
				buf = append(buf, `\r`...)
			case '\t':
				buf = append(buf, `\t`...)
			case '\b':
				buf = append(buf, `\b`...)
			case '\f':
				buf = append(buf, `\f`...)
			case '/':
				buf = append(buf, `\/`...)
			default: // other controls, and <, > and & escaped for HTML
				buf = reencUnicodeEscape(buf, rune(c))
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(str[i:])
		html := s.htmlEscape && (r == '\u2028' || r == '\u2029')
		if !html && !s.asciiOnly && (r != utf8.RuneError || size != 1) {
			i += size
			continue
		}
		buf = append(buf, str[start:i]...)
		switch {
		case html:
			buf = reencUnicodeEscape(buf, r)
		case s.asciiOnly && r > 0xffff:
			r -= 0x10000
			buf = reencUnicodeEscape(buf, 0xd800+(r>>10))
			buf = reencUnicodeEscape(buf, 0xdc00+(r&0x3ff))
		case s.asciiOnly:
			buf = reencUnicodeEscape(buf, r)
		default: // invalid UTF-8
			buf = utf8.AppendRune(buf, utf8.RuneError)
		}
		i += size
		start = i
	}
	buf = append(buf, str[start:]...)
	return append(buf, '"')
}

func reencUnicodeEscape(buf []byte, r rune) []byte {
	buf = append(buf, `\u`...)
	for shift := 12; shift >= 0; shift -= 4 {
		buf = append(buf, reencHexDigits[(r>>shift)&0xf])
	}
	return buf
}
