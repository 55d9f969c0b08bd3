package reader

import "encoding/binary"

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

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

// jsonScan checks one JSON text; spaced records whether any whitespace
// stood between or around its tokens.
type jsonScan struct {
	b      []byte
	spaced bool
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

// plainStringWord reports whether none of the eight bytes of x is a quote,
// a backslash or a C0 control. It may say no of plain bytes (a borrow in
// the arithmetic), never yes of others: the caller then goes byte by byte.
func plainStringWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zeroIn := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	below20 := (x - 0x20*ones) & ^x & highs
	return below20|zeroIn(x^('"'*ones))|zeroIn(x^('\\'*ones)) == 0
}

func (s *jsonScan) str(i int) (int, bool) {
	b := s.b
	i++ // the opening quote
	for {
		// Eight plain bytes at a time (a run of text is most of a JSON
		// document), then one at a time up to the byte that is not.
		for i+8 <= len(b) && plainStringWord(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
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
			if i+1 >= len(b) {
				return i, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if len(b)-i < 6 || !jsonHexDigit(b[i+2]) || !jsonHexDigit(b[i+3]) || !jsonHexDigit(b[i+4]) || !jsonHexDigit(b[i+5]) {
					return i, false
				}
				i += 6
			default:
				return i, false
			}
		default: // a control character
			return i, false
		}
	}
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
