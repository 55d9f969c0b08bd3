package ui

import "strings"

// normalizeNewlines turns the carriage returns terminals send for pasted
// line breaks back into '\n'. A terminal turns each '\n' of the clipboard
// into '\r', so text copied with CRLF line ends (an HTTP request from an
// inspector) arrives with every break doubled, and a request's head may be
// CRLF while its body is not: the head (up to the blank line) and the body
// are each read on their own. Byte-exact input (a body whose signature
// covers its CRLFs) should come from a FILE, which is read untouched.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	if strings.Contains(s, "\n") {
		return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if blank := strings.Index(s, "\r\r\r\r"); blank >= 0 && everyCRRunIsEven(s[:blank]) {
		end := blank
		for end < len(s) && s[end] == '\r' {
			end++
		}
		return strings.ReplaceAll(s[:blank], "\r\r", "\n") + strings.Repeat("\n", (end-blank)/2) + pastedCRs(s[end:])
	}
	return pastedCRs(s)
}

// pastedCRs turns a paste's carriage returns into line breaks: pairs when
// every run is even (CRLF text), else each one.
func pastedCRs(s string) string {
	if everyCRRunIsEven(s) {
		return strings.ReplaceAll(s, "\r\r", "\n")
	}
	return strings.ReplaceAll(s, "\r", "\n")
}

// everyCRRunIsEven reports whether every run of consecutive '\r' in s has
// an even length.
func everyCRRunIsEven(s string) bool {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] == '\r' {
			run++
			continue
		}
		if run%2 != 0 {
			return false
		}
		run = 0
	}
	return true
}
