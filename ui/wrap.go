package ui

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// span is one display row of a text: the bytes [start, end) of it.
type span struct{ start, end int }

// appendSpans cuts text into display rows at most width cells wide once
// made safe by termtext.EscapeControl: at each '\n', and wherever a line is too
// long. It is the only pass over the whole text; rendering then touches
// only the visible rows, which is what keeps a megabyte on one line
// instant. It appends the rows to spans, each offset by base (where text
// starts in the whole). Room for every row is made at once: a
// pretty-printed megabyte has a hundred thousand short lines, and growing
// the slice row by row was a third of wrapping it.
func appendSpans(spans []span, text []byte, base, width int) []span {
	width = max(width, 8)
	spans = slices.Grow(spans, bytes.Count(text, []byte{'\n'})+len(text)/width+1)
	before := len(spans)
	start, w := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		if c-0x20 < 0x7f-0x20 {
			// A run of printable ASCII, one cell each, as much as the row
			// has room for: most of any paste, taken without the checks
			// below.
			if w >= width && i > start {
				spans = append(spans, span{base + start, base + i})
				start, w = i, 0
			}
			j, end := i+1, min(len(text), i+width-w)
			for j < end && text[j]-0x20 < 0x7f-0x20 {
				j++
			}
			w += j - i
			i = j
			continue
		}
		if c == '\n' {
			spans = append(spans, span{base + start, base + i})
			i++
			start, w = i, 0
			continue
		}
		size, cw := 1, 1
		switch {
		case c < 0x80:
			cw = 4 // \xNN
		default:
			var r rune
			r, size = utf8.DecodeRune(text[i:])
			cw = runeCells(r, size)
		}
		if w+cw > width && i > start {
			spans = append(spans, span{base + start, base + i})
			start, w = i, 0
		}
		w += cw
		i += size
	}
	if start < len(text) || len(spans) == before || text[len(text)-1] == '\n' {
		spans = append(spans, span{base + start, base + len(text)})
	}
	return spans
}

// WarmWidths builds the cell-width table that the first frame needs: the
// first width asked of a rune above U+02FF (a box line, a ✓) fills a 2.2 MB
// table, which on a machine where fresh memory is slow to touch (about 25 µs
// a page on a microVM) is half of the time to the first frame. Started on its
// own goroutine as soon as the terminal UI is chosen, the table is filled on
// the other core while the profiles are read and the terminal is set up.
func WarmWidths() {
	runewidth.RuneWidth('─')
}

// runeCells is how many cells a non-ASCII rune takes once escaped.
func runeCells(r rune, size int) int {
	switch {
	case r == utf8.RuneError && size == 1:
		return 4 // \xNN
	case termtext.IsUnsafeRune(r):
		return 6 // \uNNNN
	}
	return max(runewidth.RuneWidth(r), 0)
}

// fit pads or cuts a rendered line to exactly width cells.
func fit(line string, width int) string {
	if width <= 0 {
		return ""
	}
	w := cellWidth(line)
	if w > width {
		line = ansi.Truncate(line, width, "…")
		w = ansi.StringWidth(line)
	}
	if w < width {
		line += strings.Repeat(" ", width-w)
	}
	return line
}

// fitLines makes exactly height lines of exactly width cells.
func fitLines(lines []string, width, height int) []string {
	out := make([]string, height)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], width)
		} else {
			out[i] = strings.Repeat(" ", max(width, 0))
		}
	}
	return out
}

// window is a scroll position over a number of rows.
type window struct {
	top, height, rows int
}

func (w *window) clamp() {
	w.top = min(w.top, max(w.rows-w.height, 0))
	w.top = max(w.top, 0)
}

func (w *window) scroll(n int) { w.top += n; w.clamp() }

func (w *window) visible() (from, to int) {
	w.clamp()
	return w.top, min(w.top+w.height, w.rows)
}

// scrollIndicator says where the window is, e.g. "rows 1–10 of 13,200".
func (w window) indicator() string {
	if w.rows <= w.height || w.height <= 0 {
		return "" // all shown, or no room to show any: nothing to scroll
	}
	return "↕ " + itoa(w.top+1) + "–" + itoa(min(w.top+w.height, w.rows)) + " of " + itoa(w.rows)
}

// cellWidth is ansi.StringWidth with a fast path for plain ASCII, which is
// most of what the panes draw.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// cellStep is the size of the character at text[i] and the cells it takes
// once escaped, as appendSpans counts them.
func cellStep(text []byte, i int) (size, cells int) {
	c := text[i]
	switch {
	case c-0x20 < 0x7f-0x20:
		return 1, 1
	case c < 0x80:
		return 1, 4 // \xNN
	}
	r, size := utf8.DecodeRune(text[i:])
	return size, runeCells(r, size)
}

// textCells is how many cells text takes once escaped, as appendSpans
// counts them.
func textCells(text []byte) int {
	w := 0
	for i := 0; i < len(text); {
		size, cells := cellStep(text, i)
		w += cells
		i += size
	}
	return w
}
