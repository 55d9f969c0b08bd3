package reader

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// QuoteChar shows the character at s[i] safely in a message: printable
// characters quoted, everything else escaped, invalid UTF-8 as \xNN, so no
// control character of a paste reaches a terminal.
func QuoteChar(s string, i int) string {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf(`byte \x%02x`, s[i])
	}
	return strconv.QuoteRuneToASCII(r)
}
