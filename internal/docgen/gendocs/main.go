// Command gendocs writes the generated parts of sealpeek's documentation.
// go generate ./docs runs it from the docs folder:
//
//	gendocs -diagnoses diagnoses.md              the diagnosis reference, from crypto.Codes()
//	gendocs -screen ui.ansi -svg ui.svg          the UI picture, from a captured screen
//
// docs/screenshot.sh captures ui.ansi from the real UI in tmux.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sealpeek/sealpeek/internal/docgen"
)

func main() {
	diagnoses := flag.String("diagnoses", "", "write the diagnosis reference (from crypto.Codes()) to this `file`")
	screen := flag.String("screen", "", "read a terminal screen (text and SGR colours, as tmux capture-pane -e prints it) from this `file`")
	svg := flag.String("svg", "", "write the -screen as an SVG picture to this `file`")
	flag.Parse()
	if flag.NArg() > 0 || (*diagnoses == "" && *svg == "") || (*svg == "") != (*screen == "") {
		fmt.Fprintln(os.Stderr, "usage: gendocs [-diagnoses FILE] [-screen FILE -svg FILE]")
		os.Exit(2)
	}
	if *diagnoses != "" {
		write(*diagnoses, docgen.Diagnoses())
	}
	if *svg != "" {
		data, err := os.ReadFile(*screen)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
		write(*svg, docgen.ScreenSVG(data))
	}
}

func write(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
