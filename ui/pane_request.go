package ui

import (
	"bytes"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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

// Shows: a request that was read; until the analysis says, the kinds that
// usually are one.
func (p *requestPane) Shows(k Kind, a *analysis) bool {
	if a != nil {
		return a.request != nil
	}
	switch k {
	case KindHTTPRequest, KindHeaders, KindCurl:
		return true
	}
	return false
}

func (p *requestPane) showResult(_ *paneContext, a *analysis) { p.set(a.request) }

// Title says what the request is.
func (p *requestPane) Title(*paneContext) (string, string) {
	t := "Request"
	if r := p.text; r != nil {
		t += " · " + termtext.EscapeControl(r.summary, false)
	}
	return t, p.win.indicator()
}

// Rows draws the visible rows of the request.
func (p *requestPane) Rows(c *paneContext, w, h int) []string { return p.rows(&c.st, w, h) }

// Captures: the request pane has no text to type.
func (p *requestPane) Captures(*paneContext, tea.Msg) bool { return false }

// Update scrolls.
func (p *requestPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if n, ok := c.keys.scrollBy(k, p.win.height); ok {
			p.Scroll(n)
		}
	}
	return nil
}

// Scroll moves the window over the head and body.
func (p *requestPane) Scroll(n int) { p.win.scroll(n) }

// Copy takes the body, exactly as received.
func (p *requestPane) Copy(c *paneContext) (string, string) {
	if a := c.result; a != nil && a.request != nil {
		return "the request body (exact bytes)", string(a.request.body)
	}
	return "", ""
}

// Help is the request pane's keys.
func (p *requestPane) Help(c *paneContext) []key.Binding { return scrollHelp(&c.keys, "copy") }

func (p *requestPane) setStyles(*Styles) { p.body.invalidate() }

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

// What the root asks of the pane, checked when building.
var (
	_ Pane         = (*requestPane)(nil)
	_ resultShower = (*requestPane)(nil)
	_ restyler     = (*requestPane)(nil)
)
