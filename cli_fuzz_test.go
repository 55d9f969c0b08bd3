package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/fixtures"
)

// FuzzCLIOutputIsInert feeds arbitrary input to every verb that reads one,
// as text and as JSON, with the hostile fixtures' secrets: whatever comes
// in, nothing printed may drive a terminal, and stderr stays a few lines.
// Seeded with every hostile fixture.
func FuzzCLIOutputIsInert(f *testing.F) {
	cases, err := fixtures.HostileCases()
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		f.Add(c.Escape)
		for _, name := range c.Files.All() {
			data, _ := fixtures.HostileFile(name)
			f.Add(data)
		}
	}
	vars := map[string]string{}
	for env, role := range map[string]string{"H_OAUTH": "oauth", "H_IDENTITY": "identity", "H_MESSENGER": "messenger"} {
		vars[env], _ = fixtures.HostileSecret(role)
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		for _, verb := range inputVerbs {
			for _, args := range bothModes(verb) {
				var stdout, stderr bytes.Buffer
				e := &env{stdin: bytes.NewReader(input), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }}
				code := run(e, args)
				for what, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
					if p := inertProblem(out); p != "" {
						t.Fatalf("sealpeek %s: %s holds a %s: %s", strings.Join(args, " "), what, p, clip(out))
					}
				}
				if code < exitOK || code > exitUsage || stderr.Len() > 16<<10 {
					t.Fatalf("sealpeek %s: exit %d, %d bytes on stderr", strings.Join(args, " "), code, stderr.Len())
				}
			}
		}
	})
}
