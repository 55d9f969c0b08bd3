package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTUIArgumentErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown verb "frobnicate", and no file of that name`},
		{[]string{"--role", "admin", "--secret-env", "SEALPEEK_TEST_SECRET"}, `--role must be oauth, identity or messenger, not "admin"`},
		{[]string{"--secret-env", "SEALPEEK_TEST_UNSET"}, "SEALPEEK_TEST_UNSET is not set"},
		{[]string{"a", "b"}, "too many arguments"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, stdinIsTTY: true,
			getenv: func(k string) string {
				if k == "SEALPEEK_TEST_SECRET" {
					return "FAKE-secret"
				}
				return ""
			}}
		if code := run(e, c.args); code != exitUsage || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("sealpeek %s: code %d, stderr %q; want 2 and %q", strings.Join(c.args, " "), code, stderr.String(), c.want)
		}
	}
}
