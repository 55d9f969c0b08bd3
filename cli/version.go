package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// newVersionCmd is 'sealpeek version', the same as 'sealpeek --version'
// (which fang adds).
func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Long: "Prints the version: the one stamped at build time, else the module version 'go install' recorded,\n" +
			"else dev.\n\n" +
			"Exit codes: 0 (sealpeek --version is the same); 2 for a flag or argument it does not take.",
		Example: `sealpeek version
sealpeek --version`,
		Args: maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(e.stdout, "sealpeek %s\n", buildVersion(e.version))
			return nil
		},
	}
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
