package ui

import (
	"bytes"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

// requestPane shows a captured request as it was read: the request line,
// the headers (signature headers marked, those given separately said so),
// a blank line and the body, exactly as received. The head is a few rows
// formatted whole; the body may be a megabyte, so it is a textView and only
// its visible rows are drawn. One window scrolls over both.
type requestPane struct {
	text *requestText
	body textView
	win  window
}

// set shows a new request. Typing at the end of a large request changes
// only the end of its body, so the body is wrapped again only from the
// first byte that changed, as the input pane does.
func (p *requestPane) set(t *requestText) {
	old := p.text
	p.text = t
	switch {
	case t == nil:
		p.body.setText(nil, false)
	case old != nil && old.bodyJSON == t.bodyJSON && p.body.width > 0:
		p.body.edit(t.body, commonPrefix(old.body, t.body))
	default:
		p.body.setText(t.body, t.bodyJSON)
		p.win.top = 0
	}
}

// commonPrefix is the length of the bytes a and b start with alike. It
// compares in blocks (bytes.Equal is vectorised) and byte by byte only in
// the block that differs.
func commonPrefix(a, b []byte) int {
	const block = 4096
	n := min(len(a), len(b))
	i := 0
	for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// headRows are the request line, the headers and the blank line after them.
func (p *requestPane) headRows(st *Styles) []string {
	t := p.text
	var rows []string
	if t.line != "" {
		rows = append(rows, st.Header.Render(termtext.EscapeControl(t.line, false)))
	}
	for _, h := range t.headers {
		name := st.Label.Render(termtext.EscapeControl(h.name, false) + ":")
		if h.signature {
			name = st.Header.Render(termtext.EscapeControl(h.name, false) + ":")
		}
		row := name + " " + termtext.EscapeControl(h.value, false)
		if h.given {
			row += st.Dim.Render("  (given in the signature header field)")
		}
		rows = append(rows, row)
	}
	return append(rows, "")
}

// rows renders the visible rows, each exactly width cells.
func (p *requestPane) rows(st *Styles, width, height int) []string {
	if p.text == nil {
		return fitLines([]string{st.Dim.Render("not a request")}, width, height)
	}
	head := p.headRows(st)
	p.body.setWidth(width)
	bodyRows := p.body.win.rows
	if len(p.text.body) == 0 {
		bodyRows = 0
	}
	p.win.height, p.win.rows = height, len(head)+bodyRows
	from, to := p.win.visible()
	out := make([]string, 0, height)
	for i := from; i < min(to, len(head)); i++ {
		out = append(out, fit(head[i], width))
	}
	if to > len(head) {
		first := max(from-len(head), 0)
		p.body.win.top = first
		out = append(out, p.body.rows(st, to-len(head)-first)...)
	}
	if len(p.text.body) == 0 {
		out = append(out, st.Dim.Render("(no body)"))
	}
	return fitLines(out, width, height)
}
