package ui

// plainPane shows the decrypted user (or a JWT's header and claims, under
// a few rows on its algorithm, user and validity): JSON pretty-printed and
// coloured, text escaped, binary as a hex dump. It scrolls over wrapped
// rows and formats only the visible ones.
type plainPane struct {
	kind PlainKind
	what string
	size int
	head []string // rows above the text, already made safe
	text textView
	bin  []byte
	win  window // binary dumps
}

func (p *plainPane) set(a *analysis) {
	p.kind, p.what, p.bin, p.size, p.head = PlainNone, "", nil, 0, nil
	if a == nil {
		return
	}
	p.kind, p.what, p.size, p.head = a.plainKind, a.plainWhat, len(a.plain), a.plainHead
	switch a.plainKind {
	case PlainJSON, PlainText:
		p.text.setText(a.plain, a.plainKind == PlainJSON)
	case PlainBinary:
		p.bin = a.plain
		p.win.top = 0
	}
}

func (p *plainPane) scroll(n int) {
	if p.kind == PlainBinary {
		p.win.scroll(n)
	} else {
		p.text.win.scroll(n)
	}
}

func (p *plainPane) page() int { return max(p.text.win.height, p.win.height, 1) }

func (p *plainPane) rows(st *Styles, width, height int, why string) []string {
	if len(p.head) > 0 && p.kind != PlainNone && height > len(p.head)+1 {
		out := make([]string, 0, height)
		for _, h := range p.head {
			label, text := cutLabel(h)
			out = append(out, fit(st.Label.Render(label)+text, width))
		}
		return append(out, p.body(st, width, height-len(p.head), why)...)
	}
	return p.body(st, width, height, why)
}

// cutLabel splits a head row into its 11-cell label and its text.
func cutLabel(row string) (label, text string) {
	if len(row) < 11 {
		return row, ""
	}
	return row[:11], row[11:]
}

func (p *plainPane) body(st *Styles, width, height int, why string) []string {
	switch p.kind {
	case PlainJSON, PlainText:
		p.text.setWidth(width)
		return p.text.rows(st, height)
	case PlainBinary:
		per := bytesPerRow(width)
		p.win.height, p.win.rows = height, (len(p.bin)+per-1)/per
		from, to := p.win.visible()
		out := make([]string, 0, height)
		for row := from; row < to; row++ {
			out = append(out, hexRow(p.bin, row*per, per, nil, st))
		}
		return fitLines(out, width, height)
	}
	return fitLines([]string{st.Dim.Render(why)}, width, height)
}

// indicator says where the pane is scrolled to.
func (p *plainPane) indicator() string {
	if p.kind == PlainBinary {
		return p.win.indicator()
	}
	return p.text.win.indicator()
}
