package profile

import "strings"

// layout is where things are written in a profiles file. The TOML library
// reports positions only for syntax errors, so sealpeek finds the lines of
// [[profile]] headers and their keys itself, to name them in its own
// messages. It is a line scanner, not a parser: Parse uses it only for data
// the library has already accepted, and drops it when it finds a different
// number of profiles than the library did.
type layout struct {
	blocks []blockLayout  // the [[profile]] blocks, in order
	top    map[string]int // first line of every other top-level key or table
}

// blockLayout is where one [[profile]] block and its keys are.
type blockLayout struct {
	header int            // the line of "[[profile]]"
	keys   map[string]int // first line of each key in the block
}

// line returns the line of key in the block, else of the block's header.
func (b blockLayout) line(key string) int {
	if n, ok := b.keys[key]; ok {
		return n
	}
	return b.header
}

func scanLayout(data []byte) layout {
	l := layout{top: map[string]int{}}
	var keys map[string]int // the keys of the [[profile]] block being read, else nil
	inString := ""          // the delimiter of the multi-line string being read
	for i, raw := range strings.Split(string(data), "\n") {
		n := i + 1
		if inString != "" {
			if strings.Count(raw, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		line := strings.TrimSpace(raw)
		switch {
		case line == "" || line[0] == '#':
			continue
		case strings.HasPrefix(line, "[["):
			name := tableName(line[2:], "]]")
			if name == "profile" {
				l.blocks = append(l.blocks, blockLayout{header: n, keys: map[string]int{}})
				keys = l.blocks[len(l.blocks)-1].keys
			} else {
				keys = nil
				setFirst(l.top, firstSegment(name), n)
			}
			continue
		case line[0] == '[':
			keys = nil
			setFirst(l.top, firstSegment(tableName(line[1:], "]")), n)
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			continue
		}
		key := firstSegment(strings.TrimSpace(line[:eq]))
		if keys != nil {
			setFirst(keys, key, n)
		} else {
			setFirst(l.top, key, n)
		}
		value := line[eq+1:]
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(value, delim)%2 == 1 {
				inString = delim
			}
		}
	}
	return l
}

// tableName is the name in a table header, up to its closing brackets.
func tableName(s, closing string) string {
	if end := strings.Index(s, closing); end >= 0 {
		s = s[:end]
	}
	return strings.TrimSpace(s)
}

// firstSegment is the first part of a dotted key, unquoted: `"a".b` is a.
func firstSegment(key string) string {
	if key != "" && (key[0] == '"' || key[0] == '\'') {
		if end := strings.IndexByte(key[1:], key[0]); end >= 0 {
			return key[1 : end+1]
		}
	}
	if dot := strings.IndexByte(key, '.'); dot >= 0 {
		key = key[:dot]
	}
	return strings.TrimSpace(key)
}

func setFirst(m map[string]int, key string, line int) {
	if _, ok := m[key]; !ok {
		m[key] = line
	}
}
