package crypto

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// This file is how messages show things: counts, untrusted text, whitespace.
// Nothing here ever shows a secret.

// plural writes n and the noun, with an s when n is not 1.
func plural(n int, noun string) string {
	return string(appendPlural(nil, n, noun))
}

// HumanDuration says a duration for people, in its two largest units, as
// the engine's messages do: "3 days 4 hours", "12 minutes 5 seconds", "40
// seconds". The sign is dropped: a message says "ago" or "in".
func HumanDuration(d time.Duration) string {
	return string(AppendHumanDuration(nil, d))
}

// AppendHumanDuration appends HumanDuration(d) to b, without making a
// string: a batch words one per token.
func AppendHumanDuration(b []byte, d time.Duration) []byte {
	if d < 0 {
		d = -d
	}
	units := [...]struct {
		name string
		size time.Duration
	}{{"day", 24 * time.Hour}, {"hour", time.Hour}, {"minute", time.Minute}, {"second", time.Second}}
	parts := 0
	for _, u := range units {
		n := d / u.size
		if n == 0 && parts == 0 && u.size != time.Second {
			continue // the largest unit is smaller
		}
		if n == 0 && parts > 0 {
			break
		}
		if parts > 0 {
			b = append(b, ' ')
		}
		b = appendPlural(b, int(n), u.name)
		d -= n * u.size
		if parts++; parts == 2 {
			break
		}
	}
	return b
}

// appendPlural appends plural(n, noun) to b.
func appendPlural(b []byte, n int, noun string) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	b = append(b, noun...)
	if n != 1 {
		b = append(b, 's')
	}
	return b
}

// secretsTried says how many secrets were tried: "the 1 secret tried" or
// "any of the 3 secrets tried".
func secretsTried(n int) string {
	if n == 1 {
		return "the 1 secret tried"
	}
	return "any of the " + plural(n, "secret") + " tried"
}

// countsOf writes two counts, leaving out a zero one: "3 line breaks and 1
// space", "2 spaces".
func countsOf(a int, aNoun string, b int, bNoun string) string {
	switch {
	case a == 0:
		return plural(b, bNoun)
	case b == 0:
		return plural(a, aNoun)
	}
	return plural(a, aNoun) + " and " + plural(b, bNoun)
}

// describeWhitespace says what whitespace surrounds s, e.g. `trailing "\n"`
// or `leading "  " and trailing "\r\n"`. It shows only the whitespace, so it
// is safe to use on a secret.
func describeWhitespace(s []byte) string {
	trimmedLeft := strings.TrimLeft(string(s), " \t\r\n\v\f")
	lead := len(s) - len(trimmedLeft)
	trail := len(trimmedLeft) - len(strings.TrimRight(trimmedLeft, " \t\r\n\v\f"))
	var parts []string
	if lead > 0 {
		parts = append(parts, "leading "+strconv.Quote(string(s[:lead])))
	}
	if trail > 0 {
		parts = append(parts, "trailing "+strconv.Quote(string(s[len(s)-trail:])))
	}
	if len(parts) == 0 {
		return "whitespace"
	}
	return strings.Join(parts, " and ")
}

// quoteData shows untrusted data in a message: quoted with Go escapes (so no
// control character reaches a terminal) and cut after 60 bytes.
func quoteData(b []byte) string {
	const most = 60
	if len(b) <= most {
		return strconv.Quote(string(b))
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return strconv.Quote(string(b[:cut])) + fmt.Sprintf("… (%d bytes)", len(b))
}

// quoteChar shows the character at s[i] safely: printable characters quoted,
// everything else escaped, invalid UTF-8 as \xNN.
func quoteChar(s string, i int) string { return reader.QuoteChar(s, i) }
