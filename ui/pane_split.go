package ui

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

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
}

func (p *splitPane) set(a *analysis, m *Model) {
	p.sealed, p.split, p.keyRow = nil, nil, ""
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
	if at >= 0 && at < len(m.profiles.rows) {
		row := m.profiles.rows[at]
		// Both fingerprints, named, so the key's is never taken for the secret's (the list shows the secret's).
		p.keyRow = fmt.Sprintf("fp %s: SHA-256 of '%s' (secret fp %s) · %s", row.keyFP, row.secret.Name, row.fingerprint, how)
	}
	p.win.top = 0
}

// bytesPerRow fits the dump to the width: 16 bytes need 72 cells.
func bytesPerRow(width int) int {
	if width >= 8+16*3+2+16 {
		return 16
	}
	return 8
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
		return fitLines([]string{st.Dim.Render("nothing to split: the input did not decode (see Diagnostics)")}, width, height)
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

// hexRow formats one dump row: offset, bytes coloured by part with a '│'
// where a part starts, and the printable characters.
func hexRow(data []byte, off, per int, split *crypto.Split, st *Styles) string {
	end := min(off+per, len(data))
	var b strings.Builder
	fmt.Fprintf(&b, "%06x ", off)
	partOf := func(i int) int {
		switch {
		case split == nil:
			return -1
		case i < split.Ciphertext.Offset:
			return 0
		case i < split.Tag.Offset:
			return 1
		}
		return 2
	}
	styles := [3]lipgloss.Style{st.IV, st.Cipher, st.Tag}
	for i := off; i < end; {
		part := partOf(i)
		j := i
		var run strings.Builder
		for ; j < end && partOf(j) == part; j++ {
			sep := " "
			if split != nil && j > 0 && partOf(j-1) != part {
				sep = "│"
			}
			run.WriteString(sep + hex.EncodeToString(data[j:j+1]))
		}
		if part < 0 {
			b.WriteString(run.String())
		} else {
			b.WriteString(styles[part].Render(run.String()))
		}
		i = j
	}
	b.WriteString(strings.Repeat("   ", per-(end-off)))
	b.WriteString("  ")
	for _, c := range data[off:end] {
		if c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
		} else {
			b.WriteByte('.')
		}
	}
	return b.String()
}
