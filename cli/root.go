package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	tea "charm.land/bubbletea/v2"

	"golang.org/x/term"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/snippets"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/profile"
	"github.com/sealpeek/sealpeek/ui"
)

// tuiFlags are the terminal UI's flags.
type tuiFlags struct {
	secrets secretFlags
	role    string
	lang    langFlag
}

// newRootCmd is the whole command line: 'sealpeek [FILE|-]' opens the
// terminal UI, and each verb is a subcommand.
func newRootCmd(e *env) *cobra.Command {
	var flags tuiFlags
	root := &cobra.Command{
		Use:   "sealpeek [FILE|-]",
		Short: "see inside Intercom's signed and encrypted payloads, and why yours does not match",
		Long: "sealpeek: see inside Intercom's signed and encrypted payloads, and why yours does not match.\n\n" +
			"With no verb, opens the terminal UI. Paste a sealed user, an open-sheet body, a captured request,\n" +
			"a JWT or the user data to hash; FILE or piped standard input prefills it. Press f1 inside for the\n" +
			"keys. The verbs are the same core as a scriptable command line; run 'sealpeek help VERB' or\n" +
			"'sealpeek VERB --help' for a verb's flags, examples and exit codes.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 success or match (the UI: after quitting), 1 mismatch, 2 usage error, unreadable\n" +
			"input or no secret (the UI: no terminal, or a flag, file or secret is wrong).",
		Example: `# the demo profiles and samples, no setup (ctrl+n: next sample, ctrl+c: quit)
sealpeek --demo
# a captured request, with the profiles in ~/.config/sealpeek/profiles.toml
sealpeek request.http
# one secret from the environment; what it opens is a sheet user (--role oauth)
pbpaste | sealpeek --secret-env INTERCOM_CLIENT_SECRET
# the demo profiles, and a command for each sample
sealpeek profiles --demo
# check every signature in a captured request
sealpeek verify request.http`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runTUI(e, &flags, first(args)))
		},
	}
	flags.secrets.register(root.Flags())
	root.Flags().Var(&flags.lang, "lang", "open each fix in code (f in Diagnostics) in LANG: "+strings.Join(snippets.Languages(), ", ")+" (default: the chosen profile's lang)")
	root.Flags().StringVar(&flags.role, "role", string(crypto.RoleOAuth), "the ROLE of the --secret-env/--secret-file secret: oauth, identity or messenger")
	root.AddCommand(newDecryptCmd(e), newEncryptCmd(e), newHMACCmd(e), newVerifyCmd(e), newJWTCmd(e),
		newSignCmd(e), newProfilesCmd(e), newSnippetCmd(e), newVersionCmd(e),
		newListenCmd(e), newHistoryCmd(e), newReplayCmd(e), newSendCmd(e), newCheckCmd(e))
	root.SetHelpCommand(newHelpCmd(root))
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("sealpeek {{.Version}}\n")
	return root
}

// runTUI opens the terminal UI: 'sealpeek', 'sealpeek FILE' or piped input
// prefill it. Keys are read from the terminal even when standard input is a
// pipe.
func runTUI(e *env, flags *tuiFlags, name string) int {
	go ui.WarmWidths()
	var input []byte
	if name != "" || !e.stdinIsTTY {
		var err error
		if input, err = readInput(e, name); err != nil {
			if name != "" && name != "-" && errors.Is(err, os.ErrNotExist) {
				if strings.ContainsAny(name, `/\.`) {
					// A path, not a mistyped verb: say what is missing.
					fmt.Fprintf(e.stderr, "sealpeek: cannot open %s: there is no such file\n", termtext.EscapeControl(name, false))
					return exitUsage
				}
				fmt.Fprintf(e.stderr, "sealpeek: unknown verb %q, and no file of that name to open; run 'sealpeek help' for the verbs\n", termtext.EscapeControl(name, false))
				return exitUsage
			}
			fmt.Fprintf(e.stderr, "sealpeek: %s\n", termtext.EscapeControl(err.Error(), false))
			return exitUsage
		}
	}
	opts, err := tuiOptions(e, flags, input)
	if err != nil {
		fmt.Fprintf(e.stderr, "sealpeek: %s\n", termtext.EscapeControl(err.Error(), false))
		return exitUsage
	}
	return runProgram(e, opts)
}

// tuiOptions resolves what the UI starts from: the one secret of
// --secret-env/--secret-file, or the profiles (the file's, or the demo's with
// its samples).
func tuiOptions(e *env, flags *tuiFlags, input []byte) (ui.Options, error) {
	opts := ui.Options{
		Input:     input,
		Lang:      newFixLangs(e, flags.lang, &flags.secrets).lang("", ""),
		Chosen:    flags.secrets.profile,
		NoColor:   e.getenv("NO_COLOR") != "",
		Clipboard: ui.NewClipboard(e.getenv("SSH_CONNECTION") != "" || e.getenv("SSH_TTY") != ""),
	}
	if flags.secrets.envVar != "" || flags.secrets.file != "" {
		return singleSecretOptions(e, flags, opts)
	}
	store, err := flags.secrets.store.load(e)
	if err != nil {
		return opts, err
	}
	if flags.secrets.profile != "" {
		if _, ok := store.Find(flags.secrets.profile); !ok {
			return opts, unknownProfile(flags.secrets.profile, store)
		}
	}
	if flags.secrets.store.demo {
		// The same options the golden tests check (ui.DemoOptions).
		demo, err := ui.DemoOptions()
		opts.Secrets, opts.Profiles, opts.Samples = demo.Secrets, demo.Profiles, demo.Samples
		return opts, err
	}
	// Read in the background, so the first frame is drawn at once even when
	// a secret_cmd waits for a password manager; the UI names any profile
	// that cannot be read.
	opts.ProfilesFile, opts.ProfilesMissing = store.Origin, !store.Exists()
	opts.Reading = len(store.Profiles)
	opts.ReadProfiles = func() []profile.Resolved {
		ctx, cancel := context.WithTimeout(context.Background(), profile.DefaultCommandTimeout)
		defer cancel()
		return store.Resolve(ctx, e.getenv)
	}
	path, err := flags.secrets.store.path(e)
	if err != nil {
		return opts, err
	}
	opts.ResolveProfile = func(p profile.Profile) profile.Resolved {
		return resolveNewProfile(e, path, p)
	}
	opts.SaveProfile = func(p profile.Profile) (string, error) {
		var before fs.FileMode
		if info, err := os.Stat(path); err == nil {
			before = info.Mode().Perm()
		}
		if err := profile.Append(path, p); err != nil {
			return "", err
		}
		// Append writes the file 0600, as it may now hold a secret itself:
		// say so when that closed a file others could read.
		if before&0o077 != 0 {
			return fmt.Sprintf("%s (its mode was %04o; now 0600, as it holds the secret itself)", path, before), nil
		}
		return path, nil
	}
	return opts, nil
}

// resolveNewProfile reads the secret of a profile being added in the UI,
// as the profiles file's would be read (its hygiene checked too): a
// relative secret_file is made absolute first, since the file it would be
// saved to reads relative paths from its own directory.
func resolveNewProfile(e *env, path string, p profile.Profile) profile.Resolved {
	if p.Source == profile.SourceFile && !strings.HasPrefix(p.Ref, "~") && !filepath.IsAbs(p.Ref) {
		if abs, err := filepath.Abs(p.Ref); err == nil {
			p.Ref = abs
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), profile.DefaultCommandTimeout)
	defer cancel()
	store := &profile.Store{Origin: path, Profiles: []profile.Profile{p}}
	return store.Resolve(ctx, e.getenv)[0]
}

// singleSecretOptions gives the UI the one secret of --secret-env or
// --secret-file, with the role --role names.
func singleSecretOptions(e *env, flags *tuiFlags, opts ui.Options) (ui.Options, error) {
	role := crypto.Role(flags.role)
	if !role.Valid() {
		return opts, usageError{fmt.Sprintf("--role must be oauth, identity or messenger, not %q", flags.role)}
	}
	ring, chosen, notes, err := flags.secrets.keyring(e, role)
	if err != nil {
		return opts, err
	}
	info := ui.ProfileInfo{Name: chosen, Source: string(profile.SourceEnv), Ref: flags.secrets.envVar}
	if flags.secrets.file != "" {
		info.Source, info.Ref = string(profile.SourceFile), flags.secrets.file
	}
	for _, n := range notes {
		info.Problems = append(info.Problems, crypto.Diagnosis{Code: n.Code, Severity: crypto.SeverityInfo, Message: n.Message})
	}
	for i := range ring.Len() {
		opts.Secrets = append(opts.Secrets, ring.Secret(i))
	}
	opts.Profiles, opts.Chosen = []ui.ProfileInfo{info}, chosen
	return opts, nil
}

// runProgram runs the UI full screen. Bubble Tea restores the terminal on
// exit, ctrl+c and panics; a panic is then reported in one sentence.
func runProgram(e *env, opts ui.Options) int {
	if !isTerminal(os.Stdout) {
		fmt.Fprintln(e.stderr, "sealpeek: the terminal UI needs a terminal on standard output; in scripts use a verb (decrypt, hmac; see 'sealpeek help')")
		return exitUsage
	}
	keys := os.Stdin
	if !e.stdinIsTTY {
		// Standard input carried the payload; keys come from the terminal.
		tty, err := os.Open("/dev/tty")
		if err != nil {
			fmt.Fprintln(e.stderr, "sealpeek: standard input is not a terminal and /dev/tty cannot be opened, so there is nowhere to read keys from")
			return exitUsage
		}
		defer tty.Close()
		keys = tty
	}
	if w, h, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
		opts.Width, opts.Height = w, h // the first frame is whole, with no resize to wait for
	}
	// 120 frames a second, Bubble Tea's most: a frame (the first one too)
	// reaches the screen at most 8 ms after the model changes, not 17.
	// Pastes are refused past the input limit as they arrive, before the
	// terminal library gathers them.
	input, err := ui.GuardedInput(keys)
	if err != nil {
		fmt.Fprintf(e.stderr, "sealpeek: %s\n", termtext.EscapeControl(err.Error(), false))
		return exitUsage
	}
	p := tea.NewProgram(ui.New(opts), tea.WithInput(input), tea.WithOutput(os.Stdout), tea.WithFPS(120))
	input.Deliver(p.Send) // pastes reach the UI whole, not a character at a time
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramPanic) {
			fmt.Fprintln(e.stderr, "sealpeek: the terminal UI hit an internal error and closed; the terminal was restored. Please report it with the steps that led there.")
		} else if !errors.Is(err, tea.ErrInterrupted) {
			fmt.Fprintf(e.stderr, "sealpeek: %s\n", termtext.EscapeControl(err.Error(), false))
		}
		return exitUsage
	}
	return exitOK
}
