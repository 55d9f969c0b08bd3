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
	"github.com/sealpeek/sealpeek/internal/snippets"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/profile"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// profilesAddFlags are the flags of 'sealpeek profiles add'.
type profilesAddFlags struct {
	role, workspace, platform string
	lang                      langFlag
	envVar, file, command     string
	config                    string
}

// newProfilesAddCmd is 'sealpeek profiles add'.
func newProfilesAddCmd(e *env) *cobra.Command {
	var flags profilesAddFlags
	cmd := &cobra.Command{
		Use:   "add NAME --role ROLE [--workspace W] [--platform P] [--lang LANG] [--secret-env VAR | --secret-file PATH | --secret-cmd CMD]",
		Short: "append a profile to the profiles file",
		Long: "Appends a profile to the profiles file, leaving the rest of the file byte for byte as it was.\n" +
			"Without a source flag the secret itself is read from standard input (without echo on a\n" +
			"terminal) and kept in the file, which is then written with mode 0600.\n\n" +
			"Exit codes: 0 added (problems reading the new secret are reported on standard error);\n" +
			"2 refused: the file is left as it was.",
		Example: `sealpeek profiles add prod-oauth --role oauth --workspace production --secret-env INTERCOM_CLIENT_SECRET
sealpeek profiles add web --role identity --platform web --lang python --secret-cmd 'op read op://dev/intercom/web'
# the secret itself, typed without echo (or piped), kept in the file (mode 0600)
sealpeek profiles add test-oauth --role oauth --workspace test`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runProfilesAdd(e, &flags, args))
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&flags.role, "role", "", "what the secret is: ROLE oauth (client secret), identity (identity verification) or messenger (Messenger API)")
	fs.StringVar(&flags.workspace, "workspace", "", "label the workspace, e.g. test or production")
	fs.StringVar(&flags.platform, "platform", "", "label the platform, e.g. web, ios or android")
	fs.Var(&flags.lang, "lang", "the LANG the app is written in ("+strings.Join(snippets.Languages(), ", ")+"), so fixes are shown as code in it")
	fs.StringVar(&flags.envVar, "secret-env", "", "read the secret from environment variable VAR each time")
	fs.StringVar(&flags.file, "secret-file", "", "read the secret from file PATH each time")
	fs.StringVar(&flags.command, "secret-cmd", "", "run CMD through sh -c each time; it prints the secret (e.g. op read, pass show)")
	fs.StringVar(&flags.config, "config", "", "add to the profiles file PATH (default $"+profile.ConfigEnv+", else profiles.toml in the user config folder's sealpeek/)")
	return cmd
}

// runProfilesAdd appends the profile named positional[0].
func runProfilesAdd(e *env, flags *profilesAddFlags, positional []string) int {
	role, workspace, platform := &flags.role, &flags.workspace, &flags.platform
	envVar, file, command, config := &flags.envVar, &flags.file, &flags.command, &flags.config
	if len(positional) == 0 {
		return fail(e, "profiles add", usageError{"give the NAME of the profile to add"})
	}
	if !crypto.Role(*role).Valid() {
		return fail(e, "profiles add", usageError{fmt.Sprintf("--role must be oauth, identity or messenger, not %q", *role)})
	}
	p := profile.Profile{Name: positional[0], Role: crypto.Role(*role), Workspace: *workspace, Platform: *platform, Lang: string(flags.lang)}
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
