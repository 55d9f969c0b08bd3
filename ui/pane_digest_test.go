package ui

import (
	"strconv"
	"strings"
	"testing"
)

// quotePrefix must show what quoting all the data and cutting it showed.
func FuzzQuotePrefixIsTheCutQuote(f *testing.F) {
	for _, s := range []string{"", "184632", strings.Repeat("é", 150), strings.Repeat("x", 199) + "👩‍💻", strings.Repeat("\x00", 60), "\xff\xfe" + strings.Repeat("ab", 120)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strconv.QuoteToASCII(s)
		if len(want) > 200 {
			want = want[:200] + "…"
		}
		if got := quotePrefix([]byte(s), 200); got != want {
			t.Fatalf("quotePrefix(%q) = %q, want %q", s, got, want)
		}
	})
}
