package reader

import "bytes"

// SettingsStart finds the object a snippet boots the Messenger with: the
// '{' after "intercomSettings =" (or ":", or "= Object.assign("), or else
// after "Intercom('boot'," or "Intercom('update',". It returns that
// offset, or false when the paste has neither.
func SettingsStart(input []byte) (int, bool) {
	if at, ok := findMarker(input, "intercomSettings", afterSettingsName); ok {
		return at, true
	}
	return findMarker(input, "Intercom(", afterIntercomCall)
}

// findMarker tries match after each occurrence of word, leftmost first.
// Each attempt reads only whitespace and a few fixed words past its
// occurrence, so the search stays linear in the input.
func findMarker(input []byte, word string, match func(b []byte, i int) (int, bool)) (int, bool) {
	for from := 0; ; {
		i := bytes.Index(input[from:], []byte(word))
		if i < 0 {
			return 0, false
		}
		at := from + i + len(word)
		if brace, ok := match(input, at); ok {
			return brace, true
		}
		from = at
	}
}

// afterSettingsName matches `\s*[=:]\s*(Object\.assign\(\s*)?\{` at b[i].
func afterSettingsName(b []byte, i int) (int, bool) {
	i = skipRESpace(b, i)
	if i >= len(b) || b[i] != '=' && b[i] != ':' {
		return 0, false
	}
	i = skipRESpace(b, i+1)
	if bytes.HasPrefix(b[i:], []byte("Object.assign(")) {
		j := skipRESpace(b, i+len("Object.assign("))
		if j < len(b) && b[j] == '{' {
			return j, true
		}
	}
	if i < len(b) && b[i] == '{' {
		return i, true
	}
	return 0, false
}

// afterIntercomCall matches `\s*['"](boot|update)['"]\s*,\s*\{` at b[i].
func afterIntercomCall(b []byte, i int) (int, bool) {
	i = skipRESpace(b, i)
	if i >= len(b) || b[i] != '\'' && b[i] != '"' {
		return 0, false
	}
	i++
	switch {
	case bytes.HasPrefix(b[i:], []byte("boot")):
		i += len("boot")
	case bytes.HasPrefix(b[i:], []byte("update")):
		i += len("update")
	default:
		return 0, false
	}
	if i >= len(b) || b[i] != '\'' && b[i] != '"' {
		return 0, false
	}
	i = skipRESpace(b, i+1)
	if i >= len(b) || b[i] != ',' {
		return 0, false
	}
	i = skipRESpace(b, i+1)
	if i < len(b) && b[i] == '{' {
		return i, true
	}
	return 0, false
}

func skipRESpace(b []byte, i int) int {
	for i < len(b) && isRESpace(b[i]) {
		i++
	}
	return i
}
