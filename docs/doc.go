// Package docs holds sealpeek's documentation (the Markdown files beside this
// one) and the tests that keep it honest: the generated files are up to date
// and every relative link resolves. It has no code.
//
// go generate ./... rebuilds diagnoses.md from crypto.Codes() and ui.svg from
// ui.ansi; screenshot.sh captures ui.ansi from the real UI first.
package docs

//go:generate go run ../internal/docgen/gendocs -diagnoses diagnoses.md -screen ui.ansi -svg ui.svg
