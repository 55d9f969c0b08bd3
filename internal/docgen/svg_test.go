package docgen

import (
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	runs, end := parseLine("\x1b[1m\x1b[38;5;147mseal\x1b[0m · \x1b[48;5;111m\x1b[38;5;234m▸ In\x1b[0m│\x1b[7mx\x1b[31m", style{})
	type want struct {
		col, width int
		text, fg   string
		bg         string
		bold       bool
	}
	wants := []want{
		{0, 4, "seal", "#afafff", "", true},
		{4, 3, " · ", defaultFG, "", false},
		{7, 4, "▸ In", "#1c1c1c", "#87afff", false},
		{11, 1, "│", defaultFG, "", false},
		{12, 1, "x", defaultFG, "", false},
	}
	if len(runs) != len(wants) {
		t.Fatalf("%d runs, want %d: %+v", len(runs), len(wants), runs)
	}
	for i, w := range wants {
		r := runs[i]
		if r.col != w.col || r.width != w.width || r.text != w.text || hex(r.style.fg, defaultFG) != w.fg || hex(r.style.bg, "") != w.bg || r.style.bold != w.bold {
			t.Errorf("run %d = %+v (fg %s bg %s), want %+v", i, r, hex(r.style.fg, defaultFG), hex(r.style.bg, ""), w)
		}
	}
	if !runs[4].style.reverse {
		t.Error("SGR 7 should reverse the colours")
	}
	if end.fg == nil || !end.reverse {
		t.Errorf("the style at the end of the line carries over: %+v", end)
	}
}

func TestScreenSVG(t *testing.T) {
	svg := string(ScreenSVG([]byte("a<b\n\x1b[31mred\x1b[0m  &\n")))
	for _, want := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" width="82.4"`, // the widest line, 6 columns: 2*16 + 6*8.4
		`>a&lt;b</text>`,
		`fill="#800000">red</text>`,
		`<text x="41.2" y="47.5" textLength="25.2"`, // column 3, 3 columns wide, second row
		`>  &amp;</text>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG has no %q:\n%s", want, svg)
		}
	}
}
