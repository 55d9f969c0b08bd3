package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/profile"
	"golang.org/x/term"
)

func runProfilesAdd(e *env, args []string) int {
	fs := newFlags(e, "profiles add", "NAME --role ROLE [--workspace W] [--platform P] [--secret-env VAR | --secret-file PATH | --secret-cmd CMD]",
		"Appends a profile to the profiles file, leaving the rest of the file byte for byte as it was.\n"+
			"Without a source flag the secret itself is read from standard input (without echo on a\n"+
			"terminal) and kept in the file, which is then written with mode 0600.")
	role := fs.String("role", "", "what the secret is: `ROLE` oauth (client secret), identity (identity verification) or messenger (Messenger API)")
	workspace := fs.String("workspace", "", "label the workspace, e.g. `test` or production")
	platform := fs.String("platform", "", "label the platform, e.g. `web`, ios or android")
	envVar := fs.String("secret-env", "", "read the secret from environment variable `VAR` each time")
	file := fs.String("secret-file", "", "read the secret from file `PATH` each time")
	command := fs.String("secret-cmd", "", "run `CMD` through sh -c each time; it prints the secret (e.g. op read, pass show)")
	config := fs.String("config", "", "add to the profiles file `PATH` (default $"+profile.ConfigEnv+", else profiles.toml in the user config folder's sealpeek/)")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	if len(positional) == 0 {
		return fail(e, "profiles add", usageError{"give the NAME of the profile to add"})
	}
	if !crypto.Role(*role).Valid() {
		return fail(e, "profiles add", usageError{fmt.Sprintf("--role must be oauth, identity or messenger, not %q", *role)})
	}
	p := profile.Profile{Name: positional[0], Role: crypto.Role(*role), Workspace: *workspace, Platform: *platform}
	var sources []string
	for _, s := range []struct {
		kind  profile.SourceKind
		value string
	}{{profile.SourceEnv, *envVar}, {profile.SourceFile, *file}, {profile.SourceCommand, *command}} {
		if s.value != "" {
			p.Source, p.Ref = s.kind, s.value
			sources = append(sources, "--"+strings.ReplaceAll(string(s.kind), "_", "-"))
		}
	}
	if len(sources) > 1 {
		return fail(e, "profiles add", usageError{fmt.Sprintf("give one of %s, not %d", strings.Join(sources, ", "), len(sources))})
	}
	if p.Source == profile.SourceFile && !strings.HasPrefix(p.Ref, "~/") {
		// Typed in a shell, a relative path means from here; in the file it
		// would mean from the file's folder.
		if abs, err := filepath.Abs(p.Ref); err == nil {
			p.Ref = abs
		}
	}
	stores := storeFlags{config: *config}
	path, err := stores.path(e)
	if err != nil {
		return fail(e, "profiles add", err)
	}
	if len(sources) == 0 {
		secret, err := readSecretInput(e, p.Name)
		if err != nil {
			return fail(e, "profiles add", err)
		}
		p = p.WithSecret(secret)
	}
	if err := profile.Append(path, p); err != nil {
		return fail(e, "profiles add", err)
	}
	// Read the new profile back as every verb will, to show its fingerprint
	// and catch a source that does not work yet.
	store, err := profile.Load(path)
	if err != nil {
		return fail(e, "profiles add", err)
	}
	for _, r := range store.Resolve(context.Background(), e.getenv) {
		if r.Profile.Name != p.Name {
			continue
		}
		v := newProfileView(r)
		fmt.Fprintf(e.stdout, "added profile %s to %s: source %s", termtext.EscapeControl(r.Profile.Label(), false), termtext.EscapeControl(path, false), cell(v.source()))
		if r.OK() {
			fmt.Fprintf(e.stdout, ", fingerprint %s, %d bytes", v.Fingerprint, v.Length)
		}
		fmt.Fprintln(e.stdout)
		printDiagnoses(e.stderr, diagnosesOf(v.Problems))
	}
	return exitOK
}

// readSecretInput reads a literal secret from standard input: from a
// terminal without echo, else all of it, less one trailing newline.
func readSecretInput(e *env, name string) ([]byte, error) {
	var secret []byte
	if f, ok := e.stdin.(*os.File); ok && e.stdinIsTTY {
		fmt.Fprintf(e.stderr, "Secret for profile '%s' (typing is not shown): ", termtext.EscapeControl(name, false))
		var err error
		secret, err = term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return nil, fmt.Errorf("cannot read the secret from the terminal: %v", err)
		}
	} else {
		data, err := io.ReadAll(io.LimitReader(e.stdin, profile.MaxSecretSize+1))
		if err != nil {
			return nil, fmt.Errorf("cannot read the secret from standard input: %v", err)
		}
		if len(data) > profile.MaxSecretSize {
			return nil, usageError{fmt.Sprintf("standard input holds more than %d KiB; a secret is under a hundred bytes", profile.MaxSecretSize>>10)}
		}
		secret, _ = trimOneNewline(data)
	}
	if len(bytes.TrimSpace(secret)) == 0 {
		return nil, usageError{"no secret on standard input: pipe it in, type it at the prompt, or give --secret-env, --secret-file or --secret-cmd"}
	}
	return secret, nil
}
