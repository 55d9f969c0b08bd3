package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinaryCarriesNoTestData keeps the vectors, captures and hostile
// inputs under fixtures/ out of the release binary: only the demo data
// (internal/demo) may ship.
func TestBinaryCarriesNoTestData(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps .: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "github.com/sealpeek/sealpeek/fixtures" || strings.HasPrefix(pkg, "github.com/sealpeek/sealpeek/fixtures/") {
			t.Errorf("the sealpeek binary depends on %s, which holds test data; import it from tests only", pkg)
		}
	}
}
