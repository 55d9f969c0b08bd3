package cli

import (
	"fmt"
	"runtime/debug"
)

func runVersion(e *env, args []string) int {
	fs := newFlags(e, "version", "",
		"Prints the version: the one stamped at build time, else the module version 'go install' recorded,\nelse dev.")
	if _, code, done := parseFlags(e, fs, args, 0); done {
		return code
	}
	fmt.Fprintf(e.stdout, "sealpeek %s\n", buildVersion(e.version))
	return exitOK
}

// buildVersion is the stamped version, else the module version that
// 'go install' records, else "dev".
func buildVersion(stamped string) string {
	if stamped != "" && stamped != "dev" {
		return stamped
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
