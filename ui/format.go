package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

func itoa(n int) string { return strconv.Itoa(n) }

// stripStyle removes styling, to measure or compare text.
func stripStyle(s string) string { return ansi.Strip(s) }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
