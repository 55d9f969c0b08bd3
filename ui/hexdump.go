package ui

import (
	"encoding/hex"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// bytesPerRow fits the dump to the width: 16 bytes need 72 cells.
func bytesPerRow(width int) int {
	if width >= 8+16*3+2+16 {
		return 16
	}
	return 8
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
