package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/demo"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/profile"
	"github.com/spf13/cobra"
)

// newProfilesCmd is 'sealpeek profiles' (the list), with its subcommands
// list, check and add.
func newProfilesCmd(e *env) *cobra.Command {
	cmd := newProfilesReportCmd(e, "profiles", false)
	cmd.Use = "profiles [flags]"
	cmd.Short = "list, check and add the named secrets sealpeek tries"
	cmd.Long = "Lists the profiles: name, role, workspace, platform, where the secret comes from, its\n" +
		"fingerprint and length. Never the secret.\n\n" +
		"  sealpeek profiles [--json]         list them\n" +
		"  sealpeek profiles check [--json]   read every secret and report every problem (exit 1 if any)\n" +
		"  sealpeek profiles add NAME --role ROLE [...]   append one to the profiles file\n\n" +
		"Profiles are read from --config PATH, else $" + profile.ConfigEnv + ", else profiles.toml in the\n" +
		"sealpeek folder of the user config directory (~/.config/sealpeek/profiles.toml on Linux).\n\n" +
		"Exit codes: 0 listed (also when there are none); 2 the profiles file is refused or unreadable."
	cmd.Example = `sealpeek profiles
sealpeek profiles --demo
sealpeek profiles --json --config ./profiles.toml`
	list := newProfilesReportCmd(e, "list", false)
	list.Short = "list the profiles (the same as 'sealpeek profiles')"
	list.Long, list.Example = cmd.Long, cmd.Example
	check := newProfilesReportCmd(e, "check", true)
	check.Short = "read every secret and report every problem"
	check.Long = "Reads every profile's secret (running each secret_cmd) and reports every problem: secrets that\n" +
		"cannot be read, files others can read, and secrets that look wrong (whitespace around them, an\n" +
		"app_id, an SDK API key or an access token pasted in their place). Exits 1 if there is any.\n\n" +
		"Exit codes: 0 every secret readable, no problems; 1 any problem; 2 usage error."
	check.Example = `sealpeek profiles check
sealpeek profiles check --json | jq '.problems[].code'`
	cmd.AddCommand(list, check, newProfilesAddCmd(e))
	return cmd
}

// newProfilesReportCmd is 'profiles', 'profiles list' or, with check,
// 'profiles check': the same flags, inspection and JSON.
func newProfilesReportCmd(e *env, name string, check bool) *cobra.Command {
	var flags storeFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:  name + " [flags]",
		Args: maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return exit(reportProfiles(e, c.CommandPath(), &flags, asJSON, check))
		},
	}
	flags.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

// profileView is one profile as 'profiles' shows it, and its JSON contract.
type profileView struct {
	Name        string             `json:"name"`
	Role        crypto.Role        `json:"role"`
	Workspace   string             `json:"workspace,omitempty"`
	Platform    string             `json:"platform,omitempty"`
	Lang        string             `json:"lang,omitempty"` // the app's language, for fixes shown as code
	Source      profile.SourceKind `json:"source"`
	Ref         string             `json:"ref,omitempty"` // the variable or path; a command is not shown
	Line        int                `json:"line,omitempty"`
	OK          bool               `json:"ok"`
	Fingerprint string             `json:"fingerprint,omitempty"`
	Length      int                `json:"length,omitempty"`
	Problems    []profile.Problem  `json:"problems"`
}

func newProfileView(r profile.Resolved) profileView {
	p := r.Profile
	v := profileView{Name: p.Name, Role: p.Role, Workspace: p.Workspace, Platform: p.Platform, Lang: p.Lang, Source: p.Source, Line: p.Line, OK: r.OK()}
	if p.Source == profile.SourceEnv || p.Source == profile.SourceFile {
		v.Ref = p.Ref
	}
	if r.OK() {
		v.Fingerprint, v.Length = r.Secret.Fingerprint(), len(r.Secret.Value)
		v.Problems = r.Warnings
	} else {
		v.Problems = []profile.Problem{*r.Err}
	}
	v.Problems = orEmpty(v.Problems)
	return v
}

// source describes where the secret comes from, for the table.
func (v profileView) source() string {
	switch v.Source {
	case profile.SourceEnv:
		return "env $" + v.Ref
	case profile.SourceFile:
		return "file " + v.Ref
	}
	return v.Source.Short()
}

// profilesResult is the JSON contract of 'profiles --json' and
// 'profiles check --json'.
type profilesResult struct {
	OK       bool              `json:"ok"`
	Path     string            `json:"path"`
	Exists   bool              `json:"exists"`
	Profiles []profileView     `json:"profiles"`
	Problems []profile.Problem `json:"problems"`

	refused bool // the file itself was refused: no profile could be used
}

// inspectProfiles loads and resolves the profiles the flags name. A file
// sealpeek refuses is reported as a problem of the file, not an error, so
// 'profiles check' can report it like the others.
func inspectProfiles(e *env, flags *storeFlags) (profilesResult, error) {
	var out profilesResult
	store, err := flags.load(e)
	if err != nil {
		var ce *profile.ConfigError
		if !errors.As(err, &ce) {
			return out, err
		}
		out.Path, out.Exists, out.refused = ce.Origin, true, true
		out.Profiles, out.Problems = []profileView{}, []profile.Problem{{Diagnosis: ce.Diagnosis()}}
		return out, nil
	}
	out.Path, out.Exists, out.Profiles = store.Origin, store.Exists(), []profileView{}
	for _, r := range store.Resolve(context.Background(), e.getenv) {
		v := newProfileView(r)
		out.Profiles = append(out.Profiles, v)
		out.Problems = append(out.Problems, v.Problems...)
	}
	out.Problems = orEmpty(out.Problems)
	out.OK = len(out.Problems) == 0
	return out, nil
}

// reportProfiles is 'profiles' or, with check, 'profiles check': the same
// flags, inspection and JSON. 'profiles' exits 2 when the file is refused;
// 'profiles check' exits 1 when there is any problem.
func reportProfiles(e *env, command string, flags *storeFlags, asJSON, check bool) int {
	result, err := inspectProfiles(e, flags)
	if err != nil {
		return fail(e, strings.TrimPrefix(command, "sealpeek "), err)
	}
	code := exitOK
	switch {
	case check && !result.OK:
		code = exitMismatch
	case !check && result.refused:
		code = exitUsage
	}
	switch {
	case asJSON:
		writeJSON(e.stdout, result)
	case check:
		printProfilesCheck(e, result)
	default:
		printProfilesList(e, result, *flags)
	}
	return code
}

// printProfilesList is the table of 'profiles'.
func printProfilesList(e *env, result profilesResult, flags storeFlags) {
	switch {
	case result.refused:
		printDiagnoses(e.stderr, diagnosesOf(result.Problems))
		return
	case len(result.Profiles) == 0:
		missing := ""
		if !result.Exists {
			missing = " (the file does not exist yet)"
		}
		fmt.Fprintf(e.stdout, "No profiles in %s%s.\nAdd one:  sealpeek profiles add NAME --role oauth --secret-env VAR\nOr try:   sealpeek profiles --demo\n",
			termtext.EscapeControl(result.Path, false), missing)
		return
	}
	if flags.demo {
		fmt.Fprint(e.stdout, "Demo profiles (built in; their secrets are fake):\n\n")
	} else {
		fmt.Fprintf(e.stdout, "Profiles in %s:\n\n", termtext.EscapeControl(result.Path, false))
	}
	// The LANG column is there only when a profile says its language, so
	// a file without any keeps the table it always had.
	withLang := false
	for _, v := range result.Profiles {
		withLang = withLang || v.Lang != ""
	}
	langHead, langCell := "", func(profileView) string { return "" }
	if withLang {
		langHead, langCell = "LANG\t", func(v profileView) string { return cell(v.Lang) + "\t" }
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "NAME\tROLE\tWORKSPACE\tPLATFORM\t%sSOURCE\tFINGERPRINT\tLENGTH\n", langHead)
	for _, v := range result.Profiles {
		fingerprint, length := "-", "-"
		if v.OK {
			fingerprint, length = v.Fingerprint, fmt.Sprint(v.Length)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s%s\t%s\t%s\n", cell(v.Name), cell(string(v.Role)), cell(v.Workspace), cell(v.Platform), langCell(v), cell(v.source()), fingerprint, length)
	}
	tw.Flush()
	if n := len(result.Problems); n > 0 {
		fmt.Fprintf(e.stdout, "\n%d %s: run 'sealpeek profiles check%s' for details.\n", n, termtext.Plural(n, "problem", "problems"), storeFlagsText(flags))
	}
	if flags.demo {
		printDemoSamples(e)
	}
}

// printProfilesCheck is the report of 'profiles check'.
func printProfilesCheck(e *env, result profilesResult) {
	n := len(result.Profiles)
	summary := fmt.Sprintf("%s: %d %s", termtext.EscapeControl(result.Path, false), n, termtext.Plural(n, "profile", "profiles"))
	switch {
	case result.OK && n == 0:
		fmt.Fprintf(e.stdout, "%s; nothing to check.\n", summary)
	case result.OK:
		fmt.Fprintf(e.stdout, "%s, every secret readable, no problems found.\n", summary)
	default:
		fmt.Fprintf(e.stdout, "%s, %d %s:\n", summary, len(result.Problems), termtext.Plural(len(result.Problems), "problem", "problems"))
		printDiagnoses(e.stdout, diagnosesOf(result.Problems))
	}
}

// printDemoSamples shows commands that run each demo sample, so a new user
// sees every outcome without writing anything.
func printDemoSamples(e *env) {
	fmt.Fprintln(e.stdout, "\nDemo samples, each made with the profile it names (copy a line to run it):")
	for _, s := range demo.Samples() {
		fmt.Fprintf(e.stdout, "\n# %s: %s\n", s.Name, s.Description)
		switch s.Kind {
		case demo.SheetUser:
			fmt.Fprintf(e.stdout, "printf '%%s' %s | sealpeek decrypt --demo --profile %s\n", singleQuote(s.Input), s.Chosen)
		case demo.UserData:
			fmt.Fprintf(e.stdout, "sealpeek hmac --demo --profile %s --expect %s %s\n", s.Chosen, s.Expect, singleQuote(s.Input))
		}
	}
}

func diagnosesOf(problems []profile.Problem) []crypto.Diagnosis {
	ds := make([]crypto.Diagnosis, len(problems))
	for i, p := range problems {
		ds[i] = p.Diagnosis
	}
	return ds
}

// cell makes a table cell of user text: inert, and "-" when empty.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	return termtext.EscapeControl(s, false) // escapes tabs too, keeping columns
}

// storeFlagsText repeats the flags that chose the profiles, for a command
// the user is told to run next.
func storeFlagsText(f storeFlags) string {
	switch {
	case f.demo:
		return " --demo"
	case f.config != "":
		return " --config " + shellWord(f.config)
	}
	return ""
}

// shellWord quotes s for a POSIX shell when it needs it.
func shellWord(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool { return !strings.ContainsRune(shellSafe, r) }) {
		return s
	}
	return singleQuote(s)
}

// singleQuote quotes s for a POSIX shell, always.
func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

const shellSafe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:=,@%~"
