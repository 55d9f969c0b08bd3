package crypto

// validJSON reports whether b is exactly one JSON value, surrounded by
// optional whitespace: the same answer as encoding/json's Valid (a fuzz
// test holds the two together), including its limit of 10,000 nested
// arrays and objects and its acceptance of any byte above 0x7f in strings.
// It is several times faster than json.Valid, whose table-driven scanner
// calls a function per byte; a batch of sealed users spent a third of
// its time there.
func validJSON(b []byte) bool {
	i, ok := jsonValue(b, jsonSkipSpace(b, 0), 0)
	return ok && jsonSkipSpace(b, i) == len(b)
}

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

func jsonSkipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// jsonValue checks the value that starts at b[i], inside depth containers,
// and returns the index just past it.
func jsonValue(b []byte, i, depth int) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	switch c := b[i]; {
	case c == '"':
		return jsonString(b, i)
	case c == '{':
		return jsonObject(b, i, depth+1)
	case c == '[':
		return jsonArray(b, i, depth+1)
	case c == '-' || '0' <= c && c <= '9':
		return jsonNumber(b, i)
	case c == 't':
		return jsonLiteral(b, i, "true")
	case c == 'f':
		return jsonLiteral(b, i, "false")
	case c == 'n':
		return jsonLiteral(b, i, "null")
	}
	return i, false
}

func jsonLiteral(b []byte, i int, lit string) (int, bool) {
	if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
		return i + len(lit), true
	}
	return i, false
}

func jsonObject(b []byte, i, depth int) (int, bool) {
	if depth > maxJSONDepth {
		return i, false
	}
	i = jsonSkipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, true
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return i, false
		}
		var ok bool
		if i, ok = jsonString(b, i); !ok {
			return i, false
		}
		i = jsonSkipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return i, false
		}
		if i, ok = jsonValue(b, jsonSkipSpace(b, i+1), depth); !ok {
			return i, false
		}
		i = jsonSkipSpace(b, i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case '}':
			return i + 1, true
		case ',':
			i = jsonSkipSpace(b, i+1)
		default:
			return i, false
		}
	}
}

func jsonArray(b []byte, i, depth int) (int, bool) {
	if depth > maxJSONDepth {
		return i, false
	}
	i = jsonSkipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return i + 1, true
	}
	for {
		var ok bool
		if i, ok = jsonValue(b, i, depth); !ok {
			return i, false
		}
		i = jsonSkipSpace(b, i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case ']':
			return i + 1, true
		case ',':
			i = jsonSkipSpace(b, i+1)
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

func jsonString(b []byte, i int) (int, bool) {
	i++ // the opening quote
	for {
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

func jsonNumber(b []byte, i int) (int, bool) {
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
