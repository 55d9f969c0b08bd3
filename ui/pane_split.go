package ui

import (
	"encoding/hex"
	"fmt"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// splitPane shows a sealed user's bytes as a hex dump, IV, ciphertext and
// tag each in its own colour, with a legend of offsets and lengths. Only
// the visible rows are formatted.
type splitPane struct {
	sealed []byte
	split  *crypto.Split
	keyRow string // which key, as a fingerprint only
	win    window
	empty  bool // the input was empty: nothing pasted yet
}

// Shows: a sealed user is split; until its analysis says, the kinds that
// are usually one (a sheet user, an open-sheet body) show the pane.
func (p *splitPane) Shows(k Kind, a *analysis) bool {
	if a != nil {
		return a.sheet != nil
	}
	return k.usuallySealed()
}

// showResult takes the sealed user of a new analysis and names the key.
func (p *splitPane) showResult(c *paneContext, a *analysis) {
	p.sealed, p.split, p.keyRow = nil, nil, ""
	p.empty = c.input.size() == 0
	if a == nil || a.sheet == nil {
		return
	}
	r := a.sheet
	p.split = r.Split
	if r.User != nil {
		p.sealed = r.User.Sealed
	}
	at := r.OpenedBy
	how := "opened it"
	if at < 0 {
		at, how = r.Chosen, "chosen; did not open it"
	}
	if at >= 0 && at < len(c.profileRows) {
		row := c.profileRows[at]
		// Both fingerprints, named, so the key's is never taken for the secret's (the list shows the secret's).
		p.keyRow = fmt.Sprintf("fp %s: SHA-256 of the secret of '%s' (secret fp %s) · %s", row.keyFP, row.secret.Name, row.fingerprint, how)
	}
	p.win.top = 0
}

// Title says how the sealed bytes split.
func (p *splitPane) Title(*paneContext) (string, string) {
	t := "Split"
	if s := p.split; s != nil {
		t = fmt.Sprintf("Split · %d B = IV %d + ciphertext %d + tag %d", len(p.sealed), len(s.IV.Bytes), len(s.Ciphertext.Bytes), len(s.Tag.Bytes))
	}
	if len(p.sealed) == 0 {
		return t, ""
	}
	return t, p.win.indicator()
}

// Rows draws the legend and the visible dump rows.
func (p *splitPane) Rows(c *paneContext, w, h int) []string { return p.rows(&c.st, w, h) }

// wantRows is the title, the legend and the whole dump of a typical payload.
func (p *splitPane) wantRows(_ *paneContext, w int) int {
	rows := (len(p.sealed) + bytesPerRow(w) - 1) / bytesPerRow(w)
	return 1 + 4 + max(rows, 1)
}

// Captures: the split pane has no text to type.
func (p *splitPane) Captures(*paneContext, tea.Msg) bool { return false }

// Update copies a part (i, c, t) or scrolls.
func (p *splitPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, c.keys.CopyIV):
		return copyPart(c, "IV")
	case key.Matches(k, c.keys.CopyTag):
		return copyPart(c, "tag")
	case key.Matches(k, c.keys.CopyCiphertext):
		return copyPart(c, "ciphertext")
	}
	if n, ok := c.keys.scrollBy(k, p.win.height); ok {
		p.Scroll(n)
	}
	return nil
}

// copyPart copies the IV, ciphertext or tag as hex.
func copyPart(c *paneContext, name string) tea.Cmd {
	if c.result == nil || c.result.sheet == nil || c.result.sheet.Split == nil {
		return c.setStatus("no "+name+": the input did not split", false)
	}
	s := c.result.sheet.Split
	part := map[string]crypto.Part{"IV": s.IV, "tag": s.Tag, "ciphertext": s.Ciphertext}[name]
	return c.copyValue("the "+name+" (hex)", hex.EncodeToString(part.Bytes))
}

// Scroll moves the window over the dump.
func (p *splitPane) Scroll(n int) { p.win.scroll(n) }

// Copy takes the sealed bytes as hex.
func (p *splitPane) Copy(c *paneContext) (string, string) {
	if a := c.result; a != nil && a.sheet != nil && a.sheet.User != nil {
		return "IV ‖ ciphertext ‖ tag (hex)", hex.EncodeToString(a.sheet.User.Sealed)
	}
	return "", ""
}

// Help is the split pane's keys.
func (p *splitPane) Help(c *paneContext) []key.Binding {
	k := &c.keys
	return []key.Binding{shortKey(k.Down, "scroll"), shortKey(k.CopyIV, "IV"), shortKey(k.CopyCiphertext, "ciphertext"), shortKey(k.CopyTag, "tag"), shortKey(k.Copy, "copy all")}
}

// legend is the rows above the dump.
func (p *splitPane) legend(st *Styles) []string {
	if p.split == nil {
		return nil
	}
	part := func(name string, style lipgloss.Style, pt crypto.Part, showHex bool) string {
		s := fmt.Sprintf("%-10s @%-5d %5d B", name, pt.Offset, len(pt.Bytes))
		if showHex {
			s += "  " + hex.EncodeToString(pt.Bytes[:min(len(pt.Bytes), 32)])
			if len(pt.Bytes) > 32 {
				s += "…"
			}
		}
		return style.Render(s)
	}
	rows := []string{
		part("IV", st.IV, p.split.IV, true),
		part("ciphertext", st.Cipher, p.split.Ciphertext, true),
		part("tag", st.Tag, p.split.Tag, true),
	}
	if p.keyRow != "" {
		rows = append(rows, st.Label.Render(fmt.Sprintf("%-10s ", "key"))+st.Dim.Render(termtext.EscapeControl(p.keyRow, false)))
	}
	return rows
}

// rows renders the legend and the visible dump rows.
func (p *splitPane) rows(st *Styles, width, height int) []string {
	if len(p.sealed) == 0 {
		p.win.rows = 0 // no dump left to scroll
		why := "nothing to split: the input did not decode (see Diagnostics)"
		if p.empty {
			why = "a sealed user's IV, ciphertext and tag show here"
		}
		return fitLines([]string{st.Dim.Render(why)}, width, height)
	}
	out := p.legend(st)
	per := bytesPerRow(width)
	p.win.height = max(height-len(out), 1)
	p.win.rows = (len(p.sealed) + per - 1) / per
	from, to := p.win.visible()
	for row := from; row < to; row++ {
		out = append(out, hexRow(p.sealed, row*per, per, p.split, st))
	}
	return fitLines(out, width, height)
}

// What the root asks of the pane, checked when building.
var (
	_ Pane         = (*splitPane)(nil)
	_ resultShower = (*splitPane)(nil)
	_ sizedPane    = (*splitPane)(nil)
)
