package ui

import (
	"bytes"
	"strings"
)

// jsonRowStates says, for each row of pretty-printed JSON, whether it starts
// inside a string (a long string wrapped over several rows), so each row can
// be coloured on its own. It jumps from quote to quote (bytes.IndexByte)
// rather than stepping through every byte of a megabyte.
func jsonRowStates(text []byte, spans []span) []bool {
	states := make([]bool, len(spans))
	inStr, pos := false, 0
	for i, s := range spans {
		for pos < s.start {
			if !inStr {
				j := bytes.IndexByte(text[pos:s.start], '"')
				if j < 0 {
					pos = s.start
					break
				}
				pos, inStr = pos+j+1, true
				continue
			}
			j := bytes.IndexAny(text[pos:s.start], `"\`)
			if j < 0 {
				pos = s.start
				break
			}
			pos += j
			if text[pos] == '\\' {
				pos += 2 // the escaped byte, even when it starts the next row
			} else {
				pos, inStr = pos+1, false
			}
		}
		states[i] = inStr
	}
	return states
}

// colorJSON colours one row of pretty-printed JSON: keys, strings, numbers,
// literals. The row has already been made safe.
func colorJSON(row string, inStr bool, st *Styles) string {
	var b strings.Builder
	i := 0
	for i < len(row) {
		c := row[i]
		switch {
		case inStr || c == '"':
			j := i
			if !inStr {
				j++ // the opening quote
			}
			closed, escaped := false, false
			for ; j < len(row) && !closed; j++ {
				switch {
				case escaped:
					escaped = false
				case row[j] == '\\':
					escaped = true
				case row[j] == '"':
					closed = true
				}
			}
			inStr = !closed
			style := st.JSONString
			if strings.HasPrefix(strings.TrimLeft(row[j:], " "), ":") {
				style = st.JSONKey
			}
			b.WriteString(style.Render(row[i:j]))
			i = j
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(row) && strings.IndexByte("0123456789.eE+-", row[j]) >= 0 {
				j++
			}
			b.WriteString(st.JSONNumber.Render(row[i:j]))
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(row) && row[j] >= 'a' && row[j] <= 'z' {
				j++
			}
			b.WriteString(st.JSONLit.Render(row[i:j]))
			i = j
		default:
			j := i
			for j < len(row) && strings.IndexByte(`"-0123456789tfn`, row[j]) < 0 {
				j++
			}
			b.WriteString(row[i:j])
			i = j
		}
	}
	return b.String()
}
