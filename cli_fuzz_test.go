package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/fixtures"
)

// seedHostile adds every hostile fixture to f's corpus and returns the
// environment holding the fake secrets they are made with.
func seedHostile(f *testing.F) map[string]string {
	for _, c := range hostileCases(f) {
		f.Add(c.Escape)
		for _, name := range c.Files.All() {
			data, _ := fixtures.HostileFile(name)
			f.Add(data)
		}
	}
	return hostileVars(f)
}

// FuzzCLIOutputIsInert feeds arbitrary input to every verb that reads one,
// as text and as JSON, with the hostile fixtures' secrets: whatever comes
// in, nothing printed may drive a terminal, and stderr stays a few lines.
// Seeded with every hostile fixture.
func FuzzCLIOutputIsInert(f *testing.F) {
	vars := seedHostile(f)
	f.Fuzz(func(t *testing.T, input []byte) {
		for _, verb := range inputVerbs {
			for _, args := range bothModes(verb) {
				r := execCLI(bytes.NewReader(input), vars, args)
				checkInert(t, r)
				if r.code < exitOK || r.code > exitUsage || len(r.stderr) > 16<<10 {
					t.Fatalf("sealpeek %s: exit %d, %d bytes on stderr", strings.Join(args, " "), r.code, len(r.stderr))
				}
			}
		}
	})
}
