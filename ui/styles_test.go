package ui

import (
	"image/color"
	"math"
	"testing"
)

// TestHelpIsReadableOnBothBackgrounds: the help's keys and words keep the
// WCAG 4.5:1 contrast on white (a light terminal) and on black, and its
// separators 2.5:1 (issue 13: 249/253 on white were barely readable).
func TestHelpIsReadableOnBothBackgrounds(t *testing.T) {
	for _, dark := range []bool{false, true} {
		bg := color.Color(color.White)
		if dark {
			bg = color.Black
		}
		h := NewStyles(dark, false).Help
		for _, c := range []struct {
			what  string
			fg    color.Color
			least float64
		}{
			{"short key", h.ShortKey.GetForeground(), 4.5}, {"short words", h.ShortDesc.GetForeground(), 4.5},
			{"full key", h.FullKey.GetForeground(), 4.5}, {"full words", h.FullDesc.GetForeground(), 4.5},
			{"separator", h.ShortSeparator.GetForeground(), 2.5},
		} {
			if r := contrast(c.fg, bg); r < c.least {
				t.Errorf("dark %v: the help's %s has contrast %.1f:1, want at least %.1f:1", dark, c.what, r, c.least)
			}
		}
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
