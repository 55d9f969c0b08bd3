// Package docs holds sealpeek's documentation (the Markdown files beside this
// one) and the tests that keep it honest: the generated pages are up to date
// and every relative link resolves. It has no code.
package docs

//go:generate go run ../internal/docgen/gendocs -diagnoses diagnoses.md
