package profile

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// twentyProfiles is a large real-world file: test and production, every
// role and platform, a few times over.
func twentyProfiles() []byte {
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "# profile %d\n[[profile]]\nname = \"p%d\"\nrole = \"identity\"\nworkspace = \"production\"\nplatform = \"web\"\n", i, i)
		if i%2 == 0 {
			fmt.Fprintf(&b, "secret = \"literal-%d-NOT-A-REAL-SECRET\"\n\n", i)
		} else {
			fmt.Fprintf(&b, "secret_env = \"SECRET_%d\"\n\n", i)
		}
	}
	return []byte(b.String())
}

// BenchmarkParse measures reading a 20-profile file, which every verb does
// once per run.
func BenchmarkParse(b *testing.B) {
	data := twentyProfiles()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, "p.toml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSecrets measures resolving 20 literal and env profiles with all
// hygiene checks, pairwise duplicates included.
func BenchmarkSecrets(b *testing.B) {
	store, err := Parse(twentyProfiles(), "p.toml")
	if err != nil {
		b.Fatal(err)
	}
	getenv := func(k string) string { return k + "-NOT-A-REAL-SECRET" }
	for b.Loop() {
		if secrets, _ := store.Secrets(context.Background(), getenv); len(secrets) != 20 {
			b.Fatal("not every profile resolved")
		}
	}
}
