// Command gendocs writes the generated parts of sealpeek's documentation.
// Run from the docs folder by go generate:
//
//	gendocs -diagnoses diagnoses.md
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sealpeek/sealpeek/internal/docgen"
)

func main() {
	diagnoses := flag.String("diagnoses", "", "write the diagnosis reference (from crypto.Codes()) to this `file`")
	flag.Parse()
	if flag.NArg() > 0 || *diagnoses == "" {
		fmt.Fprintln(os.Stderr, "usage: gendocs -diagnoses FILE")
		os.Exit(2)
	}
	if err := os.WriteFile(*diagnoses, docgen.Diagnoses(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
