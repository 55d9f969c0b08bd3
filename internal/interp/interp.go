// Package interp finds the interpreters that tests run code with (php, ruby,
// python3 with the cryptography package, a JDK, node, go), and says what a
// test does when one is missing: it skips, except in CI (CI=true), where
// every interpreter must be installed (.ci/interpreters installs them).
// The fix-it snippets (internal/snippets) and the fixture generators of
// fixtures/mistakes are run this way.
package interp

import (
	"errors"
	"os"
	"os/exec"
	"testing"
)

// LookPath finds a program by name on PATH.
func LookPath(name string) (string, error) { return exec.LookPath(name) }

// PythonWithCryptography prefers Debian's /usr/bin/python3, where
// python3-cryptography installs: python3 on PATH may be another build
// without the package.
func PythonWithCryptography() (string, error) {
	candidates := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, p := range candidates {
		if exec.Command(p, "-c", "import cryptography").Run() == nil {
			return p, nil
		}
	}
	return "", errors.New("no python3 that can import cryptography (Debian: python3-cryptography)")
}

// JavaWithCompiler finds java where a compiler is installed too: a JRE alone
// can neither compile a snippet nor run a single-file program.
func JavaWithCompiler() (string, error) {
	if _, err := exec.LookPath("javac"); err != nil {
		return "", err
	}
	return exec.LookPath("java")
}

// Missing skips the test of a language whose interpreter is missing, except
// in CI (CI=true), where it fails the test.
func Missing(t testing.TB, lang string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s: %v (CI must have every interpreter: run .ci/interpreters)", lang, err)
		return
	}
	t.Skipf("%s: %v", lang, err)
}
