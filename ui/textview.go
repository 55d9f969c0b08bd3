package ui

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

// textView shows a possibly huge text as wrapped rows, rendering only the
// rows in its window. Its text is either a slice it never writes to (set
// by setText) or the input's edit buffer (src), whose edits it is told of
// with splice. The input's view also draws a cursor.
type textView struct {
	text   []byte
	src    *editBuffer // when set, the text is the buffer's
	width  int
	spans  []span
	win    window
	asJSON bool
	inStr  []bool // asJSON: whether each row starts inside a JSON string
	cache  map[int]string

	// cursorRoom wraps a column short of the width, so that a cursor after
	// a full row's last character has a cell to stand in.
	cursorRoom bool
	cursor     int  // the cursor's offset, when src is set
	cursorOn   bool // the cursor is drawn (the input has focus)
	selAll     bool // everything is selected: drawn so
}

// length is the text's length.
func (v *textView) length() int {
	if v.src != nil {
		return v.src.Len()
	}
	return len(v.text)
}

// slice is the text's bytes [i, j).
func (v *textView) slice(i, j int) []byte {
	if v.src != nil {
		return v.src.Slice(i, j)
	}
	return v.text[i:j]
}

// setText replaces the whole text (with src set, text is ignored: the
// buffer's is shown).
func (v *textView) setText(text []byte, asJSON bool) {
	v.text, v.asJSON = text, asJSON
	v.spans = nil
	v.rewrap(0)
	v.win.top = 0
}

// edit replaces the text with one that is the same up to byte from, and
// wraps again only from the row holding from: a request that grew at its
// end re-reads a row, not the megabyte.
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

// wrapWidth is how many cells a row's text may take.
func (v *textView) wrapWidth() int {
	if v.cursorRoom {
		return v.width - 1
	}
	return v.width
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
	n := v.length()
	start = min(start, n)
	v.spans = appendSpans(v.spans, v.slice(start, n), start, v.wrapWidth())
	if v.asJSON {
		v.inStr = jsonRowStates(v.text, v.spans)
	}
	v.win.rows = len(v.spans)
	v.cache = nil
}

// splice rewraps after the bytes [from, oldEnd) of the text became
// [from, newEnd): from the row before the edit to the end of the line it
// ends in; the rows of the lines after are the old ones, moved. Typing in
// the middle of a megabyte of lines thus wraps one line again, not the
// rest of the text (a single megabyte line is wrapped from the edit on).
func (v *textView) splice(from, oldEnd, newEnd int) {
	if v.width <= 0 {
		return
	}
	if v.asJSON || len(v.spans) == 0 {
		v.rewrap(from)
		return
	}
	k := max(sort.Search(len(v.spans), func(i int) bool { return v.spans[i].start > from })-2, 0)
	start := v.spans[k].start
	n, delta := v.length(), newEnd-oldEnd
	nl := -1
	if v.src != nil {
		nl = v.src.IndexByte(newEnd, '\n')
	} else if i := bytes.IndexByte(v.text[newEnd:], '\n'); i >= 0 {
		nl = newEnd + i
	}
	if nl < 0 {
		v.spans = appendSpans(v.spans[:k], v.slice(start, n), start, v.wrapWidth())
	} else {
		// The rows of [start, nl), then the old rows after the old '\n'.
		rows := appendSpans(nil, v.slice(start, nl), start, v.wrapWidth())
		j := sort.Search(len(v.spans), func(i int) bool { return v.spans[i].start > nl-delta })
		v.spans = slices.Replace(v.spans, k, j, rows...)
		if delta != 0 {
			for i := k + len(rows); i < len(v.spans); i++ {
				v.spans[i].start += delta
				v.spans[i].end += delta
			}
		}
	}
	v.win.rows = len(v.spans)
	v.cache = nil
}

// rowOf is the row the offset i is drawn in.
func (v *textView) rowOf(i int) int {
	return max(sort.Search(len(v.spans), func(r int) bool { return v.spans[r].start > i })-1, 0)
}

// rowEnd is the last offset the cursor can take in row r: before its line
// break, or on the last character of a row that wraps.
func (v *textView) rowEnd(r int) int {
	s := v.spans[r]
	if r+1 < len(v.spans) && v.spans[r+1].start == s.end && s.end > s.start {
		_, size := utf8.DecodeLastRune(v.slice(max(s.end-utf8.UTFMax, s.start), s.end))
		return s.end - max(size, 1)
	}
	return s.end
}

// colOf is the column offset i is drawn at in row r.
func (v *textView) colOf(r, i int) int {
	s := v.spans[r]
	return textCells(v.slice(s.start, min(max(i, s.start), s.end)))
}

// offsetAt is the offset drawn at column col of row r, or the row's last
// offset when it is shorter.
func (v *textView) offsetAt(r, col int) int {
	s := v.spans[r]
	end := v.rowEnd(r)
	text := v.slice(s.start, end)
	w := 0
	for i := 0; i < len(text); {
		size, cells := cellStep(text, i)
		if w+cells > col {
			return s.start + i
		}
		w += cells
		i += size
	}
	return end
}

// showCursor scrolls the window so the cursor's row is in it.
func (v *textView) showCursor() {
	if v.width <= 0 || len(v.spans) == 0 {
		return
	}
	r := v.rowOf(v.cursor)
	switch {
	case r < v.win.top:
		v.win.top = r
	case v.win.height > 0 && r >= v.win.top+v.win.height:
		v.win.top = r - v.win.height + 1
	case v.win.height == 0:
		v.win.top = r // not drawn yet: the first frame clamps it
	}
	v.win.clamp()
}

// rows renders the visible rows, each exactly width cells.
func (v *textView) rows(st *Styles, height int) []string {
	v.win.height = height
	from, to := v.win.visible()
	if v.cache == nil || len(v.cache) > 8*max(height, 1) {
		v.cache = make(map[int]string, 2*height)
	}
	cursorRow := -1
	if v.src != nil && v.cursorOn {
		cursorRow = v.rowOf(v.cursor)
	}
	out := make([]string, 0, height)
	for i := from; i < to; i++ {
		if i == cursorRow || v.selAll {
			out = append(out, v.renderRow(st, i, true))
			continue
		}
		line, ok := v.cache[i]
		if !ok {
			line = v.renderRow(st, i, false)
			v.cache[i] = line
		}
		out = append(out, line)
	}
	for len(out) < height {
		out = append(out, strings.Repeat(" ", max(v.width, 0)))
	}
	return out
}

// renderRow draws row i, with the cursor or the selection when marked.
func (v *textView) renderRow(st *Styles, i int, marked bool) string {
	s := v.spans[i]
	raw := v.slice(s.start, s.end)
	// A CRLF line ending is marked once, dimly, not escaped as \x0d at
	// the end of every line of a captured request.
	crlf := len(raw) > 0 && raw[len(raw)-1] == '\r' && s.end < v.length() && v.slice(s.end, s.end+1)[0] == '\n'
	if crlf {
		raw = raw[:len(raw)-1]
	}
	esc := func(b []byte) string { return termtext.EscapeControl(string(b), false) }
	mark := ""
	if crlf {
		mark = st.Dim.Render("␍")
	}
	var text string
	switch {
	case marked && v.selAll:
		if crlf {
			raw, mark = append(raw[:len(raw):len(raw)], "␍"...), ""
		}
		text = st.Selected.Render(esc(raw))
	case marked:
		c := min(max(v.cursor-s.start, 0), len(raw))
		under := " "
		after := c
		switch {
		case c < len(raw):
			_, size := utf8.DecodeRune(raw[c:])
			after = c + max(size, 1)
			under = esc(raw[c:after])
		case crlf:
			under, mark = "␍", ""
		}
		text = esc(raw[:c]) + st.Cursor.Render(under) + esc(raw[min(after, len(raw)):])
	default:
		text = esc(raw)
		if v.asJSON {
			text = colorJSON(text, v.inStr[i], st)
		}
	}
	return fit(text+mark, v.width)
}

// invalidate drops rendered rows, after a change of styles.
func (v *textView) invalidate() { v.cache = nil }
