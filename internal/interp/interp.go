// Package interp finds the interpreters sealpeek's tests run real code with
// (PHP, Node.js, Python with cryptography, Ruby, Java, Go) and starts small
// real servers in them. A test whose interpreter is missing is skipped on a
// developer's machine and fails in CI (CI=true), where .ci/interpreters has
// installed every one.
package interp

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The interpreters, by the name the tests use.
const (
	PHP    = "php"
	Node   = "node"
	Python = "python"
	Ruby   = "ruby"
	Java   = "java"
	Go     = "go"
)

// Find returns the path of the interpreter named name, or an error saying
// what is missing. For Python it is one that can import cryptography; for
// Java one with a compiler beside it.
func Find(name string) (string, error) {
	switch name {
	case Python:
		return pythonWithCryptography()
	case Java:
		if _, err := exec.LookPath("javac"); err != nil {
			return "", errors.New("no javac (Debian: default-jdk-headless)")
		}
		return exec.LookPath("java")
	}
	return exec.LookPath(name)
}

// pythonWithCryptography prefers Debian's /usr/bin/python3, where
// python3-cryptography installs: python3 on PATH may be another build
// without the package.
func pythonWithCryptography() (string, error) {
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

// Need returns the path of the interpreter named name, or skips the test
// where it is missing; in CI (CI=true) a missing interpreter fails it.
func Need(t testing.TB, name string) string {
	t.Helper()
	p, err := Find(name)
	if err != nil {
		Missing(t, name, err)
	}
	return p
}

// Missing skips the test of an interpreter that is missing, except in CI
// (CI=true), where every one must run.
func Missing(t testing.TB, name string, err error) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s: %v (CI must have every interpreter: run .ci/interpreters)", name, err)
		return
	}
	t.Skipf("%s: %v", name, err)
}

// InCI reports whether the tests run in CI, where nothing may be skipped.
func InCI() bool { return os.Getenv("CI") == "true" }

// Env is the environment real code runs in: this process's, without the
// variables that change how an interpreter or its tools behave or that the
// code reads (drop), with a UTF-8 locale (the JVM decodes the environment
// by it), plus extra.
func Env(extra map[string]string, drop ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "LC_ALL", "LANG", "GOFLAGS", "GOOS", "GOARCH", "NODE_OPTIONS", "RUBYOPT", "PYTHONPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS":
			continue
		}
		dropped := false
		for _, d := range drop {
			dropped = dropped || name == d
		}
		if !dropped {
			env = append(env, kv)
		}
	}
	env = append(env, "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}
