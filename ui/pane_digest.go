package ui

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
)

// digestRows shows a user_hash check: the data, the expected and computed
// digests and a match mark. It is small, so it is formatted whole.
func digestRows(r *crypto.DigestReport, profiles []profileRow, st *Styles) []string {
	if r == nil {
		return []string{st.Dim.Render("no digest yet")}
	}
	label := func(s string) string { return st.Label.Render(fmt.Sprintf("%-9s ", s)) }
	data := quotePrefix(r.Data, 200)
	rows := []string{
		label("algorithm") + r.Algorithm + st.Dim.Render(" → user_hash, lowercase hex"),
		label("data") + EscapeControl(data, false) + st.Dim.Render(fmt.Sprintf("  %d B", len(r.Data))),
	}
	if r.Expected == "" {
		rows = append(rows, label("expected")+st.Dim.Render("none: type it in the Input pane's expected field"))
	} else {
		rows = append(rows, label("expected")+EscapeControl(r.Expected, false))
	}
	if r.Computed != "" {
		rows = append(rows, label("computed")+r.Computed)
		if r.SecretAt >= 0 && r.SecretAt < len(profiles) {
			row := profiles[r.SecretAt]
			rows = append(rows, label("with")+EscapeControl(row.secret.Label(), false)+st.Dim.Render(" · fingerprint "+row.fingerprint))
		}
	}
	switch {
	case r.Match == nil:
		rows = append(rows, label("result")+st.Dim.Render("– nothing to compare"))
	case r.OK():
		rows = append(rows, label("result")+st.Good.Render("✓ match"))
	case *r.Match:
		rows = append(rows, label("result")+st.Bad.Render("✗ matches another profile, not the chosen one"))
	default:
		rows = append(rows, label("result")+st.Bad.Render("✗ mismatch"))
	}
	return rows
}

// quotePrefix is strconv.QuoteToASCII(string(data)) cut to limit
// characters and "…", as the digest pane shows the data on one row, but it
// quotes only enough of the bytes (cut where a rune starts) to fill the
// row: a megabyte of data costs what a row does. Each byte quotes to at
// least one character, so limit+4 bytes always fill limit characters.
func quotePrefix(data []byte, limit int) string {
	cut := min(len(data), limit+4)
	// Back to where the rune at the cut starts; after three continuation
	// bytes the byte is a stray one, quoted alone wherever the cut is.
	for back := 0; back < 3 && cut < len(data) && cut > 0 && !utf8.RuneStart(data[cut]); back++ {
		cut--
	}
	quoted := strconv.QuoteToASCII(string(data[:cut]))
	if len(quoted) > limit {
		return quoted[:limit] + "…"
	}
	return quoted
}
