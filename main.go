// Command sealpeek shows what is inside the signed and encrypted payloads an
// Intercom integration sends and receives, and says exactly why one does not
// match. Run it with no verb for the terminal UI; the verbs are the same core
// as a scriptable command line (package cli).
package main

import (
	"os"

	"github.com/sealpeek/sealpeek/cli"
)

// version is stamped at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(cli.Main(version))
}
