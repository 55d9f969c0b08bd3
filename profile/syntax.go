package profile

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// The TOML library is given a profiles file only after a linear scan of
// its own has bounded what makes the library slow, and its errors are shown
// only when they cannot hold a secret: the library quotes what it failed to
// read, and on a secret's line that is the secret.

// Bounds on a profiles file's shape. A real one is [[profile]] tables of
// strings: no value nests, no key has a dot. The TOML library takes time and
// memory that grow faster than the input with nesting and with dotted keys
// (BurntSushi/toml issue 496: 40 KB of nested inline tables took 19 s and
// 4 GB), so anything past these is refused before it is parsed.
const (
	maxNesting    = 4 // brackets and braces open at once, in values and headers
	maxKeySegment = 4 // parts of one dotted key or table name
)

// secretSpan is where a value that may be a secret is written: the lines
// from the one that names its key to the one where the value ends.
type secretSpan struct {
	key         string // the dotted key, as written
	first, last int    // 1-based lines
}

// secretSpans are the spans of a file, in order, with a lookup by line.
type secretSpans []secretSpan

// at returns the span that line n falls in.
func (ss secretSpans) at(n int) (secretSpan, bool) {
	i := sort.Search(len(ss), func(i int) bool { return ss[i].last >= n })
	if i < len(ss) && ss[i].first <= n {
		return ss[i], true
	}
	return secretSpan{}, false
}

// scanShape reads a profiles file once, byte by byte, as TOML's lexer would
// for strings, comments and brackets, and refuses nesting deeper than
// maxNesting or a key of more than maxKeySegment parts. It returns where
// the values of keys that may hold a secret are written, so that an error
// can be told to be about one. It keeps nothing per line: a file of empty
// lines costs no memory.
func scanShape(data []byte, origin string) (secretSpans, error) {
	var spans secretSpans
	n := 1 // the line being read
	inSpan := false
	var (
		open     []byte // the brackets and braces open, innermost last
		header   bool   // reading a [table] or [[array]] header
		table    string // the current [table] or [[array]] name
		key      strings.Builder
		inKey    bool   // reading a key: at a line's start, or after { or , in an inline table
		segments int    // dots seen in the key being read, plus one
		str      string // the delimiter of the string being read: " ' """ '''
		comment  bool
		current  string // the key of the value being read
	)
	inKey, segments = true, 1
	line := func() int { return n }
	depth := func() int { return len(open) }
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\n' {
			comment = false
			if str == `"` || str == "'" {
				str = "" // a one-line string left open: the library will say so
			}
			if str == "" && depth() == 0 {
				current = ""
				inKey, segments = true, 1
				key.Reset()
				inSpan = false
			}
			if n++; inSpan {
				spans[len(spans)-1].last = n
			}
			continue
		}
		switch {
		case comment:
			continue
		case str != "":
			switch {
			case c == '\\' && (str == `"` || str == `"""`):
				if i+1 < len(data) && data[i+1] != '\n' {
					i++
				}
			case strings.HasPrefix(string(data[i:min(i+len(str), len(data))]), str):
				i += len(str) - 1
				str = ""
			}
			continue
		}
		switch c {
		case '#':
			comment = true
		case '"', '\'':
			str = string(c)
			if i+2 < len(data) && data[i+1] == c && data[i+2] == c {
				str = strings.Repeat(string(c), 3)
				i += 2
			}
			if inKey {
				key.WriteString("\"…\"")
			}
		case '[', '{':
			if len(open) == maxNesting {
				return nil, &ConfigError{Origin: origin, Line: line(),
					Reason: fmt.Sprintf("more than %d brackets or braces open at once; a profiles file holds only [[profile]] tables of strings", maxNesting)}
			}
			if c == '[' && inKey && depth() == 0 || c == '[' && header && depth() == 1 && key.Len() == 0 {
				// A table header: its name is read as a key.
				header, segments = true, 1
				open = append(open, c)
				continue
			}
			open = append(open, c)
			if c == '{' {
				inKey, segments = true, 1
				key.Reset()
			}
		case ']', '}':
			if depth() > 0 {
				open = open[:len(open)-1]
			}
			if header && c == ']' {
				if key.Len() > 0 {
					table = strings.TrimSpace(key.String())
					key.Reset()
				}
				if depth() == 0 {
					header, inKey = false, false
				}
			}
		case '=':
			if inKey {
				current = strings.TrimSpace(key.String())
				if table != "" && depth() == 0 {
					current = table + "." + current
				}
				if inSpan = holdsSecret(current); inSpan {
					spans = append(spans, secretSpan{key: current, first: n, last: n})
				}
				key.Reset()
				inKey = false
			}
		case ',':
			if depth() > 0 && open[len(open)-1] == '{' {
				inKey, segments = true, 1
				key.Reset()
			}
		case '.':
			if inKey {
				if segments++; segments > maxKeySegment {
					return nil, &ConfigError{Origin: origin, Line: line(),
						Reason: fmt.Sprintf("a key or table name of more than %d dotted parts; a profiles file's keys have one", maxKeySegment)}
				}
			}
			fallthrough
		default:
			if inKey && key.Len() < 256 {
				key.WriteByte(c)
			}
		}
	}
	return spans, nil
}

// holdsSecret reports whether a dotted key is, or is under, a key that may
// hold a secret or a command that prints one: any part named secret….
func holdsSecret(key string) bool {
	for part := range strings.SplitSeq(key, ".") {
		if strings.HasPrefix(strings.Trim(strings.TrimSpace(part), `"'`), "secret") {
			return true
		}
	}
	return false
}

// secretValueProblem says, without quoting it, what is wrong with how a
// secret's value is written on a line that the TOML library refused.
func secretValueProblem(line string) string {
	_, value, _ := strings.Cut(line, "=")
	value = strings.TrimSpace(value)
	switch {
	case value == "":
		return "the value is missing or not on the key's line"
	case value[0] != '"' && value[0] != '\'':
		return `the value is not in quotes: write it as "…", or '…' when it holds backslashes`
	case value[0] == '"' && hasBadEscape(value):
		return `the value has a backslash that starts no TOML escape: write each backslash as \\, or use '…'`
	}
	return "the value's quotes or escapes are not valid TOML"
}

// hasBadEscape reports whether a basic string has a backslash escape TOML
// does not define.
func hasBadEscape(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		if i+1 >= len(s) || !strings.ContainsRune(`btnfr"\uUe`, rune(s[i+1])) {
			return true
		}
		i++
	}
	return false
}

// quotesSecretText reports whether msg holds six or more bytes in a row of
// a value that may be a secret. The library's message is then not shown,
// whatever line it names: a line number can be off, the value cannot leak.
func quotesSecretText(msg string, data []byte, spans secretSpans) bool {
	const run = 6
	if len(msg) < run || len(spans) == 0 {
		return false
	}
	grams := make(map[string]struct{}, len(msg))
	for i := 0; i+run <= len(msg); i++ {
		grams[msg[i:i+run]] = struct{}{}
	}
	next := 0 // the first span not yet passed
	for n, start := 1, 0; start <= len(data) && next < len(spans); n++ {
		end := start + bytes.IndexByte(data[start:], '\n')
		if end < start {
			end = len(data)
		}
		if span := spans[next]; n >= span.first {
			text := data[start:end]
			if n == span.first {
				text = text[bytes.IndexByte(text, '=')+1:]
			}
			for i := 0; i+run <= len(text); i++ {
				if _, ok := grams[string(text[i:i+run])]; ok {
					return true
				}
			}
			if n == span.last {
				next++
			}
		}
		start = end + 1
	}
	return false
}
