package ui

import (
	"encoding/hex"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/internal/report"
)

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

// Shows: what was decrypted or decoded; until the analysis says, what
// sheet users and JWTs usually have.
func (p *plainPane) Shows(k Kind, a *analysis) bool {
	if a != nil {
		return a.sheet != nil || a.plainKind != PlainNone || a.capture != nil && a.capture.JWT != nil
	}
	return k == KindJWT || k.usuallySealed()
}

func (p *plainPane) showResult(_ *paneContext, a *analysis) { p.set(a) }

func (p *plainPane) set(a *analysis) {
	p.kind, p.what, p.bin, p.size, p.head = PlainNone, "", nil, 0, nil
	if a == nil {
		return
	}
	// The size of what was decrypted, not of the pretty-printed text shown:
	// a 116-byte ciphertext holds 116 bytes, whatever the indentation adds.
	p.kind, p.what, p.size, p.head = a.plainKind, a.plainWhat, a.plainSize, a.plainHead
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

// Rows draws the plaintext, or says why there is none.
func (p *plainPane) Rows(c *paneContext, w, h int) []string {
	return p.rows(&c.st, w, h, plainWhy(c))
}

// plainWhy says why there is no plaintext.
func plainWhy(c *paneContext) string {
	switch {
	case c.result == nil || c.pending:
		return "working…"
	case c.input.size() == 0:
		return "paste a sealed user to see what is inside"
	case c.result.capture != nil && c.result.capture.JWT != nil:
		return "nothing decoded: the token is malformed (see Diagnostics)"
	}
	return "nothing decrypted: no profile opens it (see Diagnostics)"
}

// Title says what the plaintext is, how it is shown and its size.
func (p *plainPane) Title(c *paneContext) (string, string) {
	t := "Plaintext"
	if a := c.result; a != nil && a.plainKind != PlainNone {
		t += " · " + a.plainWhat + " · " + [...]string{"", "JSON", "text", "binary"}[a.plainKind] + " · " + report.ByteCount(p.size)
	}
	return t, p.indicator()
}

// Captures: the plaintext pane has no text to type.
func (p *plainPane) Captures(*paneContext, tea.Msg) bool { return false }

// Update scrolls.
func (p *plainPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if n, ok := c.keys.scrollBy(k, p.page()); ok {
			p.Scroll(n)
		}
	}
	return nil
}

// Scroll moves the window over the text or the dump.
func (p *plainPane) Scroll(n int) { p.scroll(n) }

// Copy takes the plaintext: JSON and text as they are, binary as hex.
func (p *plainPane) Copy(c *paneContext) (string, string) {
	a := c.result
	if a == nil || a.plainKind == PlainNone {
		return "", ""
	}
	if a.plainKind == PlainBinary {
		return "the " + a.plainWhat + " (hex)", hex.EncodeToString(a.plain)
	}
	if a.sheet != nil && a.plainKind == PlainJSON {
		return "the decrypted JSON", string(a.plain)
	}
	return "the " + a.plainWhat, string(a.plain)
}

// Help is the plaintext pane's keys.
func (p *plainPane) Help(c *paneContext) []key.Binding { return scrollHelp(&c.keys, "copy") }

func (p *plainPane) setStyles(*Styles) { p.text.invalidate() }

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

// What the root asks of the pane, checked when building.
var (
	_ Pane         = (*plainPane)(nil)
	_ resultShower = (*plainPane)(nil)
	_ restyler     = (*plainPane)(nil)
)
