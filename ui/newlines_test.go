package ui

import "testing"

func TestNormalizeNewlines(t *testing.T) {
	cases := map[string]string{
		"no breaks":                            "no breaks",
		"lf\nstays":                            "lf\nstays",
		"crlf\r\nlines\r\n":                    "crlf\nlines\n",
		"terminal\rcr\r\rblank":                "terminal\ncr\n\nblank",
		"POST / HTTP/1.1\r\rHost: x\r\r\r\r{}": "POST / HTTP/1.1\nHost: x\n\n{}",
		"POST / HTTP/1.1\r\rHost: x\r\r\r\r{\r  \"a\": 1\r}": "POST / HTTP/1.1\nHost: x\n\n{\n  \"a\": 1\n}",
		"a\r\r\r\rb\r\rc": "a\n\nb\nc",
	}
	for in, want := range cases {
		if got := normalizeNewlines(in); got != want {
			t.Errorf("normalizeNewlines(%q) = %q, want %q", in, got, want)
		}
	}
}
