package reader

import "github.com/sealpeek/sealpeek/internal/termtext"

// JSONShape reports whether b is exactly one JSON value, surrounded by
// optional whitespace, and, if so, whether it is compact: no whitespace
// between or around its tokens, so already what encoding/json's Compact
// would make of it. Its validity is encoding/json's Valid (a fuzz test
// holds the two together), including the limit of 10,000 nested arrays
// and objects and the acceptance of any byte above 0x7f in strings. It is
// several times faster than json.Valid, whose table-driven scanner calls a
// function per byte; a batch of sealed users spent a third of its time
// there.
func JSONShape(b []byte) (valid, compact bool) {
	s := jsonScan{b: b}
	i, ok := s.value(s.skipSpace(0), 0)
	valid = ok && s.skipSpace(i) == len(b)
	return valid, valid && !s.spaced
}

// JSONShapeSafe is JSONShape that also says, of compact JSON, how many of
// its leading bytes termtext.EscapeJSON leaves as they are: up to the first
// rune it escapes (DEL, a C1 control, an invisible formatting character,
// invalid UTF-8), all of b when there is none. A writer copies those and
// escapes only the rest, without a second pass over the text. safe is 0
// when b is not compact JSON.
func JSONShapeSafe(b []byte) (valid, compact bool, safe int) {
	s := jsonScan{b: b, track: true, safe: len(b)}
	i, ok := s.value(s.skipSpace(0), 0)
	valid = ok && s.skipSpace(i) == len(b)
	if compact = valid && !s.spaced; !compact {
		return valid, false, 0
	}
	// Outside its strings, compact JSON is printable ASCII.
	return true, true, s.safe
}

// CompactObject reports whether b is one JSON object, valid and compact as
// JSONShape says, and calls member with each of its members in order: the
// name as written between its quotes (escapes and all) and the value's
// text. Checking and reading are one pass; a member already given stays
// given when a later byte makes b invalid.
func CompactObject(b []byte, member func(name, value []byte)) bool {
	if len(b) < 2 || b[0] != '{' {
		return false
	}
	if b[1] == '}' {
		return len(b) == 2
	}
	s := jsonScan{b: b}
	for i := 1; ; {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		end, ok := s.str(i)
		if !ok || end >= len(b) || b[end] != ':' {
			return false
		}
		stop, ok := s.value(end+1, 1)
		if !ok || stop >= len(b) {
			return false
		}
		member(b[i+1:end-1], b[end+1:stop])
		switch b[stop] {
		case '}':
			return stop+1 == len(b) && !s.spaced
		case ',':
			i = stop + 1
		default:
			return false
		}
	}
}

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

// jsonScan checks one JSON text; spaced records whether any whitespace
// stood between or around its tokens.
type jsonScan struct {
	b      []byte
	spaced bool
	track  bool // whether str still looks for the first rune EscapeJSON escapes
	safe   int  // where that rune starts, len(b) while there is none
}

func (s *jsonScan) skipSpace(i int) int {
	j := i
	for j < len(s.b) && (s.b[j] == ' ' || s.b[j] == '\n' || s.b[j] == '\r' || s.b[j] == '\t') {
		j++
	}
	if j != i {
		s.spaced = true
	}
	return j
}

// value checks the value that starts at b[i], inside depth containers, and
// returns the index just past it.
func (s *jsonScan) value(i, depth int) (int, bool) {
	if i >= len(s.b) {
		return i, false
	}
	switch c := s.b[i]; {
	case c == '"':
		return s.str(i)
	case c == '{':
		return s.object(i, depth+1)
	case c == '[':
		return s.array(i, depth+1)
	case c == '-' || '0' <= c && c <= '9':
		return s.number(i)
	case c == 't':
		return s.literal(i, "true")
	case c == 'f':
		return s.literal(i, "false")
	case c == 'n':
		return s.literal(i, "null")
	}
	return i, false
}

func (s *jsonScan) literal(i int, lit string) (int, bool) {
	if len(s.b)-i >= len(lit) && string(s.b[i:i+len(lit)]) == lit {
		return i + len(lit), true
	}
	return i, false
}

func (s *jsonScan) object(i, depth int) (int, bool) {
	if depth > maxJSONDepth {
		return i, false
	}
	b := s.b
	i = s.skipSpace(i + 1)
	if i < len(b) && b[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return i, false
		}
		var ok bool
		if i, ok = s.str(i); !ok {
			return i, false
		}
		i = s.skipSpace(i)
		if i >= len(b) || b[i] != ':' {
			return i, false
		}
		if i, ok = s.value(s.skipSpace(i+1), depth); !ok {
			return i, false
		}
		i = s.skipSpace(i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case '}':
			return i + 1, true
		case ',':
			i = s.skipSpace(i + 1)
		default:
			return i, false
		}
	}
}

func (s *jsonScan) array(i, depth int) (int, bool) {
	if depth > maxJSONDepth {
		return i, false
	}
	b := s.b
	i = s.skipSpace(i + 1)
	if i < len(b) && b[i] == ']' {
		return i + 1, true
	}
	for {
		var ok bool
		if i, ok = s.value(i, depth); !ok {
			return i, false
		}
		i = s.skipSpace(i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case ']':
			return i + 1, true
		case ',':
			i = s.skipSpace(i + 1)
		default:
			return i, false
		}
	}
}

// plainStringByte marks the bytes a JSON string holds as they are: all but
// the quote, the backslash and the C0 controls.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// safeStringByte marks the printable ASCII bytes but the quote and the
// backslash.
var safeStringByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// strSafe is str while track is on: it also finds the first rune of the
// string termtext.EscapeJSON would escape, notes where it starts in safe,
// and turns track off.
func (s *jsonScan) strSafe(i int) (int, bool) {
	b := s.b
	i++ // the opening quote
	for {
		// A byte at a time from a table, four to a step: the strings of a
		// JSON document are mostly short, and for those this is faster
		// than looking at words of eight.
		for i+4 <= len(b) && safeStringByte[b[i]] && safeStringByte[b[i+1]] && safeStringByte[b[i+2]] && safeStringByte[b[i+3]] {
			i += 4
		}
		for i < len(b) && safeStringByte[b[i]] {
			i++
		}
		if i >= len(b) {
			return i, false
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c == '\\': // an escape is printable ASCII
			var ok bool
			if i, ok = s.escape(i); !ok {
				return i, false
			}
		case c >= 0x80:
			size, safe := termtext.SafeRuneAt(b[i:])
			if !safe {
				s.safe, s.track = i, false
				return s.strRest(i)
			}
			i += size
		case c == 0x7f:
			s.safe, s.track = i, false
			return s.strRest(i)
		case c >= 0x20:
			for i++; i < len(b) && safeStringByte[b[i]]; i++ {
			}
		default: // a control character
			return i, false
		}
	}
}

func (s *jsonScan) str(i int) (int, bool) {
	if s.track {
		return s.strSafe(i)
	}
	return s.strRest(i + 1) // past the opening quote
}

// strRest checks a string from b[i], past its opening quote or inside it.
func (s *jsonScan) strRest(i int) (int, bool) {
	b := s.b
	for {
		// Four plain bytes to a step, then one at a time up to the byte
		// that is not (as strSafe does).
		for i+4 <= len(b) && plainStringByte[b[i]] && plainStringByte[b[i+1]] && plainStringByte[b[i+2]] && plainStringByte[b[i+3]] {
			i += 4
		}
		for i < len(b) && plainStringByte[b[i]] {
			i++
		}
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case '"':
			return i + 1, true
		case '\\':
			var ok bool
			if i, ok = s.escape(i); !ok {
				return i, false
			}
		default: // a control character
			return i, false
		}
	}
}

// escape checks the escape that starts at b[i], a backslash in a string,
// and returns the index just past it.
func (s *jsonScan) escape(i int) (int, bool) {
	b := s.b
	if i+1 >= len(b) {
		return i, false
	}
	switch b[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2, true
	case 'u':
		if len(b)-i < 6 || !jsonHexDigit(b[i+2]) || !jsonHexDigit(b[i+3]) || !jsonHexDigit(b[i+4]) || !jsonHexDigit(b[i+5]) {
			return i, false
		}
		return i + 6, true
	}
	return i, false
}

func jsonHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func (s *jsonScan) number(i int) (int, bool) {
	b := s.b
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = jsonDigits(b, i)
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		if i+1 >= len(b) || !jsonDigit(b[i+1]) {
			return i, false
		}
		i = jsonDigits(b, i+1)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !jsonDigit(b[i]) {
			return i, false
		}
		i = jsonDigits(b, i)
	}
	return i, true
}

func jsonDigit(c byte) bool { return '0' <= c && c <= '9' }

func jsonDigits(b []byte, i int) int {
	for i < len(b) && jsonDigit(b[i]) {
		i++
	}
	return i
}
