package ui

// rect is a pane's place on screen; h includes its title row.
type rect struct{ x, y, w, h int }

// screenLayout is where every shown pane goes for the current size and kind.
type screenLayout struct {
	wide  bool
	left  int // wide: width of the left column
	rects map[paneID]rect
}

// wideFrom is the width from which panes stand side by side.
const wideFrom = 120

// Minimum size the UI lays out for; below it, it says so.
const (
	minWidth  = 60
	minHeight = 16
)

// layout places the panes: side by side on wide terminals (input and
// profiles left; the kind's result panes and diagnostics right), stacked on
// narrow ones (input, one detail pane at a time, diagnostics).
func (m *Model) layout() screenLayout {
	l := screenLayout{wide: m.width >= wideFrom, rects: map[paneID]rect{}}
	body := m.height - 3 // header, status, help
	top := 1
	if l.wide {
		l.left = min(max(m.width*3/8, 44), 72)
		right := m.width - l.left - 1
		inH := body * 55 / 100
		l.rects[paneInput] = rect{0, top, l.left, inH}
		l.rects[paneProfiles] = rect{0, top + inH, l.left, body - inH}
		x := l.left + 1
		switch m.kind {
		case KindUserData:
			dg := min(8, body/2)
			l.rects[paneDigest] = rect{x, top, right, dg}
			l.rects[paneDiag] = rect{x, top + dg, right, body - dg}
		case KindJWT:
			pl := body * 6 / 10
			l.rects[panePlain] = rect{x, top, right, pl}
			l.rects[paneDiag] = rect{x, top + pl, right, body - pl}
		default:
			dg := max(body*3/10, 6)
			sp := min(m.splitWant(right), (body-dg)/2)
			l.rects[paneSplit] = rect{x, top, right, sp}
			l.rects[panePlain] = rect{x, top + sp, right, body - dg - sp}
			l.rects[paneDiag] = rect{x, top + body - dg, right, dg}
		}
		return l
	}
	inH := max(body*3/10, 4)
	dg := max(body*3/10, 4)
	l.rects[paneInput] = rect{0, top, m.width, inH}
	l.rects[m.detail()] = rect{0, top + inH, m.width, body - inH - dg}
	l.rects[paneDiag] = rect{0, top + body - dg, m.width, dg}
	return l
}

// splitWant is how many rows the split pane would like: title, legend and
// the whole dump of a typical payload.
func (m *Model) splitWant(width int) int {
	n := len(m.split.sealed)
	rows := (n + bytesPerRow(width) - 1) / bytesPerRow(width)
	return 1 + 4 + max(rows, 1)
}
