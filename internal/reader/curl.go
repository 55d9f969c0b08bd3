package reader

import (
	"fmt"
	"strconv"
	"strings"
)

// isCurlCommand reports whether a paste is a curl command line.
func isCurlCommand(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n")
	return strings.HasPrefix(t, "curl ") || strings.HasPrefix(t, "curl\t") || strings.HasPrefix(t, "curl \\")
}

// readCurl reads the method, URL, headers and body of a curl command, as
// bash would split it: single quotes, double quotes, $'…' (which inspectors
// use for bodies with special characters) and backslash line continuations.
// The body is the data argument's bytes exactly, as curl would send them.
func (r *Request) readCurl(text string) error {
	words, err := curlWords(text)
	if err != nil {
		return err
	}
	r.Format, r.BodyOffset = FormatCurl, -1
	var data []string
	for i := 1; i < len(words); i++ {
		w := words[i]
		value := func() string {
			if i+1 < len(words) {
				i++
				return words[i]
			}
			return ""
		}
		switch {
		case w == "-H" || w == "--header":
			if name, v, ok := SplitHeaderLine(value()); ok {
				r.Headers = append(r.Headers, Header{Name: name, Value: v})
			}
		case strings.HasPrefix(w, "-H") && len(w) > 2:
			if name, v, ok := SplitHeaderLine(w[2:]); ok {
				r.Headers = append(r.Headers, Header{Name: name, Value: v})
			}
		case w == "-X" || w == "--request":
			r.Method = value()
		case w == "-d" || w == "--data" || w == "--data-raw" || w == "--data-binary" || w == "--data-ascii" || w == "--data-urlencode":
			data = append(data, value())
		case strings.HasPrefix(w, "--data") && strings.Contains(w, "="):
			data = append(data, w[strings.IndexByte(w, '=')+1:])
		case w == "-u" || w == "--user" || w == "-A" || w == "--user-agent" || w == "-e" || w == "--referer" || w == "-b" || w == "--cookie" || w == "-o" || w == "--output":
			value()
		case strings.HasPrefix(w, "-"):
			// --compressed, -s, -i and the like change nothing that is signed.
		case r.Target == "":
			r.Target = w
		}
	}
	for _, d := range data {
		if strings.HasPrefix(d, "@") {
			return &Error{Code: "curl_invalid", Field: "curl command", Offset: -1, Length: -1,
				Reason: fmt.Sprintf("the curl command reads its body from the file %s: paste the body itself, or the request as an inspector shows it", d[1:])}
		}
	}
	r.Body = []byte(strings.Join(data, "&"))
	if r.Method == "" {
		r.Method = "GET"
		if len(data) > 0 {
			r.Method = "POST"
		}
	}
	r.note("from_curl", "read the request from a curl command: the body is its data argument, exactly as curl sends it")
	return nil
}

// maxCurlWords bounds a curl command's arguments: each is kept as a string,
// so millions of them would cost many times the command's size. Every
// header is two arguments, so this also bounds the headers at MaxHeaders.
const maxCurlWords = 2*MaxHeaders + 64

// curlWords splits a command line as a POSIX shell does, without
// expanding anything.
func curlWords(text string) ([]string, error) {
	var words []string
	var b strings.Builder
	inWord := false
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case ch == '\\' && i+1 < len(text) && (text[i+1] == '\n' || text[i+1] == '\r'):
			i++ // a line continuation
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			if inWord {
				if len(words) == maxCurlWords {
					return nil, &Error{Code: "curl_invalid", Field: "curl command", Offset: i, Length: -1,
						Reason: fmt.Sprintf("the curl command has more than %d arguments (at offset %d); one copied from an inspector has a few dozen: paste only the request to inspect", maxCurlWords, i)}
				}
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		case ch == '\'':
			end := strings.IndexByte(text[i+1:], '\'')
			if end < 0 {
				return nil, curlQuoteError(i, "single quote")
			}
			b.WriteString(text[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case ch == '$' && i+1 < len(text) && text[i+1] == '\'':
			n, err := curlANSIString(text[i+2:], &b)
			if err != nil {
				return nil, curlQuoteError(i, "$'")
			}
			i += n + 1 // past the closing quote; the loop adds one
			inWord = true
		case ch == '"':
			j := i + 1
			for ; j < len(text) && text[j] != '"'; j++ {
				if text[j] == '\\' && j+1 < len(text) && strings.IndexByte("\"\\$`\n", text[j+1]) >= 0 {
					j++
					if text[j] != '\n' {
						b.WriteByte(text[j])
					}
					continue
				}
				b.WriteByte(text[j])
			}
			if j >= len(text) {
				return nil, curlQuoteError(i, "double quote")
			}
			i = j
			inWord = true
		case ch == '\\' && i+1 < len(text):
			i++
			b.WriteByte(text[i])
			inWord = true
		default:
			b.WriteByte(ch)
			inWord = true
		}
	}
	if inWord {
		words = append(words, b.String())
	}
	return words, nil
}

func curlQuoteError(at int, what string) *Error {
	return &Error{Code: "curl_invalid", Field: "curl command", Offset: at, Length: -1,
		Reason: fmt.Sprintf("the curl command's %s at offset %d is never closed: copy the whole command", what, at)}
}

// curlANSIString decodes the body of a bash $'…' string into b and returns how
// many bytes it read, the closing quote included.
func curlANSIString(s string, b *strings.Builder) (int, error) {
	simple := map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', 'a': 7, 'b': 8, 'e': 27, 'E': 27, 'f': 12, 'v': 11, '\\': '\\', '\'': '\'', '"': '"', '?': '?'}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\'':
			return i + 1, nil
		case s[i] != '\\' || i+1 >= len(s):
			b.WriteByte(s[i])
			continue
		}
		i++
		c := s[i]
		if r, ok := simple[c]; ok {
			b.WriteByte(r)
			continue
		}
		start, base, limit := i+1, 16, 0
		switch {
		case c == 'x':
			limit = 2
		case c == 'u':
			limit = 4
		case c == 'U':
			limit = 8
		case '0' <= c && c <= '7':
			start, base, limit = i, 8, 3
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
			continue
		}
		j := start
		for j < len(s) && j-start < limit && curlIsDigitIn(s[j], base) {
			j++
		}
		n, err := strconv.ParseUint(s[start:j], base, 32)
		if err != nil {
			b.WriteByte('\\')
			b.WriteByte(c)
			continue
		}
		if c == 'u' || c == 'U' {
			b.WriteRune(rune(n))
		} else {
			b.WriteByte(byte(n))
		}
		i = j - 1
	}
	return 0, fmt.Errorf("unterminated $' string")
}

func curlIsDigitIn(c byte, base int) bool {
	if base == 8 {
		return '0' <= c && c <= '7'
	}
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
