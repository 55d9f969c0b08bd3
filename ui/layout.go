package ui

import "slices"

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
// profiles left; the input's result panes and diagnostics right), stacked
// on narrow ones (input, one detail pane at a time, diagnostics).
func (m *Model) layout() screenLayout {
	l := screenLayout{wide: m.width >= wideFrom, rects: map[paneID]rect{}}
	body := m.height - 3 // header, status, help
	top := 1
	if l.wide {
		l.left = min(max(m.width*3/8, 44), 72)
		inH := body * 55 / 100
		l.rects[m.inSlot(slotInput)] = rect{0, top, l.left, inH}
		l.rects[m.inSlot(slotProfiles)] = rect{0, top + inH, l.left, body - inH}
		m.layoutRight(&l, body)
		return l
	}
	inH := max(body*3/10, 4)
	dg := max(body*3/10, 4)
	l.rects[m.inSlot(slotInput)] = rect{0, top, m.width, inH}
	l.rects[m.detail()] = rect{0, top + inH, m.width, body - inH - dg}
	l.rects[m.inSlot(slotDiag)] = rect{0, top + body - dg, m.width, dg}
	return l
}

// inSlot is the pane that has a slot of its own (the input, the
// profiles, the diagnostics).
func (m *Model) inSlot(s slot) paneID {
	for id, e := range m.panes {
		if e.slot == s {
			return paneID(id)
		}
	}
	panic("ui: no pane registered for a slot every layout has")
}

// layoutRight stacks the result panes and the diagnostics in the right
// column. The diagnostics claim about a third, or fewer when their
// findings take fewer (never under six rows); the panes that say how many
// rows they want (the digest and split panes) take them from what is left,
// whole when that leaves the others room, else an even share; the others
// (the request and plaintext panes, which scroll) share the rest, and
// without them the diagnostics take all that is left.
func (m *Model) layoutRight(l *screenLayout, body int) {
	x, w := l.left+1, m.width-l.left-1
	var panes []paneID
	for _, p := range m.visiblePanes() {
		if m.panes[p].slot == slotResult {
			panes = append(panes, p)
		}
	}
	const least = 4 // a title and three rows
	diagLeast := min(6, body/3)
	heights := make([]int, len(panes))
	wants := make([]int, len(panes))
	var flexible, sized []int
	for i, p := range panes {
		if s, ok := m.panes[p].pane.(sizedPane); ok {
			wants[i] = max(s.wantRows(m.context(p), w), 1)
			sized = append(sized, i)
		} else {
			flexible = append(flexible, i)
		}
	}
	c := m.context(paneDiag)
	diag := min(max(body*3/10, 6), max(1+len(m.diag.layout(w, c.focused).lines), diagLeast))
	// The sized panes, the smallest want first: whole when that leaves
	// each scrolling pane eight rows, else up to an even share of what is
	// left among the panes still to place (a huge payload's dump does not
	// starve the plaintext).
	const flexRoom = 8
	budget := max(body-diag, 0)
	slices.SortStableFunc(sized, func(a, b int) int { return wants[a] - wants[b] })
	used := 0
	for k, i := range sized {
		room := budget - used - flexRoom*len(flexible) - least*(len(sized)-k-1)
		if wants[i] <= room {
			heights[i] = wants[i]
		} else {
			heights[i] = min(wants[i], max((budget-used)/(len(panes)-k), min(least, wants[i])))
		}
		used += heights[i]
	}
	// The scrolling panes share the rest, what the diagnostics keep aside.
	rest := max(body-used-diag, 0)
	for k, i := range flexible {
		heights[i] = rest / len(flexible)
		if k == 0 {
			heights[i] += rest % len(flexible)
		}
	}
	y := 1
	for i, p := range panes {
		h := min(heights[i], body-(y-1))
		l.rects[p] = rect{x, y, w, h}
		y += h
	}
	l.rects[m.inSlot(slotDiag)] = rect{x, y, w, body - (y - 1)}
}
