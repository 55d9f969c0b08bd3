package docgen

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// A cell style: what SGR sequences set. nil colours are the terminal's
// defaults.
type style struct {
	fg, bg                         color.Color
	bold, faint, italic, underline bool
	reverse                        bool
}

// A run of cells of one line in one style.
type run struct {
	col, width int
	text       string
	style      style
}

// The picture's geometry and default colours: a dark terminal, as the UI is
// usually shown.
const (
	cellWidth  = 8.4 // px, a 14px monospace font's advance
	lineHeight = 18.0
	fontSize   = 14
	padding    = 16.0
	defaultFG  = "#d0d0d0"
	defaultBG  = "#1c1c22"
)

// ScreenSVG renders a terminal screen, as tmux capture-pane -e prints it
// (text with SGR colour sequences, one line per row), as an SVG picture.
// Every run of text is placed at its own column and stretched to its width in
// cells, so the columns line up whatever monospace font the viewer has.
// The picture is as wide as the widest line.
func ScreenSVG(screen []byte) []byte {
	lines := strings.Split(strings.TrimRight(string(screen), "\n"), "\n")
	rows := make([][]run, len(lines))
	st := style{}
	cols := 0
	for i, line := range lines {
		rows[i], st = parseLine(line, st)
		if n := len(rows[i]); n > 0 {
			cols = max(cols, rows[i][n-1].col+rows[i][n-1].width)
		}
	}
	width := 2*padding + float64(cols)*cellWidth
	height := 2*padding + float64(len(lines))*lineHeight
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-label="the sealpeek terminal UI">`+"\n",
		num(width), num(height), num(width), num(height))
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" rx="8" fill="%s"/>`+"\n", defaultBG)
	fmt.Fprintf(&b, `<g font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="%d" fill="%s" xml:space="preserve">`+"\n", fontSize, defaultFG)
	for i, row := range rows {
		y := padding + float64(i)*lineHeight
		for _, r := range row {
			fg, bg := r.style.fg, r.style.bg
			fgHex, bgHex := hex(fg, defaultFG), hex(bg, "")
			if r.style.reverse {
				fgHex, bgHex = hex(bg, defaultBG), hex(fg, defaultFG)
			}
			x := padding + float64(r.col)*cellWidth
			w := float64(r.width) * cellWidth
			if bgHex != "" {
				fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", num(x), num(y), num(w), num(lineHeight), bgHex)
			}
			if strings.TrimSpace(r.text) == "" {
				continue
			}
			var attrs strings.Builder
			if fgHex != defaultFG {
				fmt.Fprintf(&attrs, ` fill="%s"`, fgHex)
			}
			if r.style.bold {
				attrs.WriteString(` font-weight="bold"`)
			}
			if r.style.faint {
				attrs.WriteString(` opacity="0.6"`)
			}
			if r.style.italic {
				attrs.WriteString(` font-style="italic"`)
			}
			if r.style.underline {
				attrs.WriteString(` text-decoration="underline"`)
			}
			fmt.Fprintf(&b, `<text x="%s" y="%s" textLength="%s" lengthAdjust="spacingAndGlyphs"%s>%s</text>`+"\n",
				num(x), num(y+lineHeight*0.75), num(w), attrs.String(), escapeXML(r.text))
		}
	}
	b.WriteString("</g>\n</svg>\n")
	return b.Bytes()
}

// parseLine splits one captured line into runs of one style, starting in
// style st, and returns the style at its end (tmux carries it over).
func parseLine(line string, st style) ([]run, style) {
	var runs []run
	var text strings.Builder
	col, start, width := 0, 0, 0
	flush := func() {
		if width > 0 {
			runs = append(runs, run{col: start, width: width, text: text.String(), style: st})
		}
		text.Reset()
		start, width = col, 0
	}
	p := ansi.NewParser()
	var state byte
	for len(line) > 0 {
		seq, w, n, newState := ansi.DecodeSequence(line, state, p)
		state = newState
		line = line[n:]
		if w == 0 {
			if ansi.Cmd(p.Command()).Final() == 'm' && strings.HasPrefix(seq, "\x1b[") {
				next := applySGR(st, p.Params())
				if next != st {
					flush()
					st = next
				}
			}
			continue
		}
		text.WriteString(seq)
		width += w
		col += w
	}
	flush()
	return runs, st
}

// applySGR returns st changed by the parameters of one SGR sequence.
func applySGR(st style, params ansi.Params) style {
	if len(params) == 0 {
		return style{}
	}
	for i := 0; i < len(params); i++ {
		switch code := params[i].Param(0); {
		case code == 0:
			st = style{}
		case code == 1:
			st.bold = true
		case code == 2:
			st.faint = true
		case code == 3:
			st.italic = true
		case code == 4:
			st.underline = true
		case code == 7:
			st.reverse = true
		case code == 22:
			st.bold, st.faint = false, false
		case code == 23:
			st.italic = false
		case code == 24:
			st.underline = false
		case code == 27:
			st.reverse = false
		case code >= 30 && code <= 37:
			st.fg = ansi.BasicColor(code - 30)
		case code >= 90 && code <= 97:
			st.fg = ansi.BasicColor(code - 90 + 8)
		case code == 39:
			st.fg = nil
		case code >= 40 && code <= 47:
			st.bg = ansi.BasicColor(code - 40)
		case code >= 100 && code <= 107:
			st.bg = ansi.BasicColor(code - 100 + 8)
		case code == 49:
			st.bg = nil
		case code == 38 || code == 48 || code == 58:
			var c color.Color
			n := ansi.ReadStyleColor(params[i:], &c)
			if n == 0 {
				return st
			}
			switch code {
			case 38:
				st.fg = c
			case 48:
				st.bg = c
			}
			i += n - 1
		}
	}
	return st
}

// hex writes a colour as #rrggbb, or def when it is the default (nil).
func hex(c color.Color, def string) string {
	if c == nil {
		return def
	}
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// num writes a length without needless decimals.
func num(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

var escapeXML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace
