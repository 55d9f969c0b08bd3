package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func itoa(n int) string { return strconv.Itoa(n) }

// stripStyle removes styling, to measure or compare text.
func stripStyle(s string) string { return ansi.Strip(s) }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// byteCount says a size the way people read it.
func byteCount(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
}

// humanDuration says a duration in its two largest units, the way the
// engine's messages do: "2 hours", "3 days 4 hours", "40 seconds".
func humanDuration(d time.Duration) string {
	units := []struct {
		name string
		size time.Duration
	}{{"day", 24 * time.Hour}, {"hour", time.Hour}, {"minute", time.Minute}, {"second", time.Second}}
	var parts []string
	for _, u := range units {
		n := d / u.size
		if n == 0 && len(parts) == 0 && u.size != time.Second {
			continue
		}
		if n == 0 {
			break
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, u.name+plural(int(n), "", "s")))
		d -= n * u.size
		if len(parts) == 2 {
			break
		}
	}
	if len(parts) == 0 {
		return "0 seconds"
	}
	return strings.Join(parts, " ")
}
