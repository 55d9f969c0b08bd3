package ui

import (
	"sort"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

// textView shows a possibly huge text as wrapped rows, rendering only the
// rows in its window. Its text is never written to: edits hand it a new
// slice and the offset of the first changed byte.
type textView struct {
	text   []byte
	width  int
	spans  []span
	win    window
	asJSON bool
	inStr  []bool // asJSON: whether each row starts inside a JSON string
	cache  map[int]string
}

// setText replaces the whole text.
func (v *textView) setText(text []byte, asJSON bool) {
	v.text, v.asJSON = text, asJSON
	v.spans = nil
	v.rewrap(0)
	v.win.top = 0
}

// edit replaces the text with one that is the same up to byte from, and
// wraps again only from the row holding from: typing at the end of a
// megabyte re-reads a row, not the megabyte.
func (v *textView) edit(text []byte, from int) {
	v.text = text
	v.rewrap(from)
}

func (v *textView) setWidth(width int) {
	if width != v.width {
		v.width = width
		v.spans = nil
		v.rewrap(0)
	}
}

func (v *textView) rewrap(from int) {
	if v.width <= 0 {
		return
	}
	k := sort.Search(len(v.spans), func(i int) bool { return v.spans[i].start > from }) - 1
	start := 0
	if k > 0 {
		start = v.spans[k].start
		v.spans = v.spans[:k]
	} else {
		v.spans = v.spans[:0]
	}
	start = min(start, len(v.text))
	v.spans = appendSpans(v.spans, v.text[start:], start, v.width)
	if v.asJSON {
		v.inStr = jsonRowStates(v.text, v.spans)
	}
	v.win.rows = len(v.spans)
	v.cache = nil
}

// rows renders the visible rows, each exactly width cells.
func (v *textView) rows(st *Styles, height int) []string {
	v.win.height = height
	from, to := v.win.visible()
	if v.cache == nil || len(v.cache) > 8*max(height, 1) {
		v.cache = make(map[int]string, 2*height)
	}
	out := make([]string, 0, height)
	for i := from; i < to; i++ {
		line, ok := v.cache[i]
		if !ok {
			s := v.spans[i]
			raw := v.text[s.start:s.end]
			// A CRLF line ending is marked once, dimly, not escaped as
			// \x0d at the end of every line of a captured request.
			crlf := len(raw) > 0 && raw[len(raw)-1] == '\r' && s.end < len(v.text) && v.text[s.end] == '\n'
			if crlf {
				raw = raw[:len(raw)-1]
			}
			text := termtext.EscapeControl(string(raw), false)
			if v.asJSON {
				text = colorJSON(text, v.inStr[i], st)
			}
			if crlf {
				text += st.Dim.Render("␍")
			}
			line = fit(text, v.width)
			v.cache[i] = line
		}
		out = append(out, line)
	}
	for len(out) < height {
		out = append(out, strings.Repeat(" ", max(v.width, 0)))
	}
	return out
}

// invalidate drops rendered rows, after a change of styles.
func (v *textView) invalidate() { v.cache = nil }
