package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sealpeek/sealpeek/internal/snippets"
)

// snippetFlags are the flags of 'sealpeek snippet'.
type snippetFlags struct {
	asJSON bool
	fix    string
}

// newSnippetCmd is 'sealpeek snippet': the right code, in the developer's
// language, as tested with that language's own interpreter.
func newSnippetCmd(e *env) *cobra.Command {
	var flags snippetFlags
	cmd := &cobra.Command{
		Use:   "snippet [flags] [LANG [TOPIC]]",
		Short: "print the right code for a payload in your language, as tested",
		Long: "Prints one small complete program that does a payload right, in LANG (" + strings.Join(snippets.Languages(), ", ") + ")\n" +
			"for TOPIC (" + strings.Join(snippets.Topics(), ", ") + "). Each is\n" +
			"the function to paste and a command-line entry point: the secret in INTERCOM_SECRET, the input on\n" +
			"standard input (the header value in SIGNATURE for the signature topics); it exits 1 on a failed\n" +
			"check. Every one is run by its language's interpreter in sealpeek's tests, byte for byte as\n" +
			"printed. With no TOPIC, lists LANG's; with nothing, lists them all. --fix CODE prints the snippet\n" +
			"that fixes a diagnosis and marks its lines.\n\n" +
			"Exit codes: 0 printed; 2 no such language, topic or code.",
		Example: `sealpeek snippet php sheet-user > sheet-user.php
INTERCOM_SECRET=test-client-secret php sheet-user.php <<< AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ
# the lines that fix a diagnosis, in Python
sealpeek snippet python --fix key_hex_digest
sealpeek snippet --json | jq -r '.snippets[] | "\(.lang) \(.topic)"'`,
		Args: maxArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runSnippet(e, &flags, args))
		},
	}
	cmd.Flags().BoolVar(&flags.asJSON, "json", false, "print one JSON object")
	cmd.Flags().StringVar(&flags.fix, "fix", "", "print the snippet that fixes diagnosis `CODE`, with its lines marked")
	return cmd
}

// snippetJSON is one snippet as --json gives it.
type snippetJSON struct {
	Lang   string      `json:"lang"`
	Topic  string      `json:"topic"`
	File   string      `json:"file"`
	Run    []string    `json:"run"`
	Source string      `json:"source,omitempty"`
	Lines  []lineRange `json:"lines,omitempty"`
}

// lineRange is a span of a snippet's lines, numbered from 1.
type lineRange struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

func runSnippet(e *env, flags *snippetFlags, args []string) int {
	var lang string
	if len(args) > 0 {
		var ok bool
		if lang, ok = snippets.Language(args[0]); !ok {
			return snippetUsage(e, flags, fmt.Sprintf("no snippets in %q; the languages are %s", args[0], strings.Join(snippets.Languages(), ", ")))
		}
	}
	switch {
	case flags.fix != "":
		if lang == "" {
			return snippetUsage(e, flags, "--fix needs the LANG to show the fix in")
		}
		return printFix(e, flags, lang, args[1:])
	case len(args) == 2:
		s, ok := snippets.Get(lang, args[1])
		if !ok {
			return snippetUsage(e, flags, fmt.Sprintf("no topic %q; the topics are %s", args[1], strings.Join(snippets.Topics(), ", ")))
		}
		if flags.asJSON {
			writeJSON(e.stdout, snippetJSON{Lang: s.Lang, Topic: s.Topic, File: s.File, Run: s.Run, Source: s.Source})
			return exitOK
		}
		// Printed byte for byte, so that what is saved is what was tested.
		io.WriteString(e.stdout, s.Source)
		return exitOK
	}
	langs := snippets.Languages()
	if lang != "" {
		langs = []string{lang}
	}
	var list []snippetJSON
	for _, l := range langs {
		for _, topic := range snippets.Topics() {
			if s, ok := snippets.Get(l, topic); ok {
				list = append(list, snippetJSON{Lang: s.Lang, Topic: s.Topic, File: s.File, Run: s.Run})
			}
		}
	}
	if flags.asJSON {
		writeJSON(e.stdout, map[string]any{"languages": langs, "topics": snippets.Topics(), "snippets": list})
		return exitOK
	}
	for _, s := range list {
		fmt.Fprintf(e.stdout, "%-7s %-18s %-22s %s\n", s.Lang, s.Topic, s.File, strings.Join(s.Run, " "))
	}
	fmt.Fprintln(e.stdout, "\nprint one with: sealpeek snippet LANG TOPIC")
	return exitOK
}

// printFix prints the snippet that fixes a diagnosis in lang, with the
// lines that matter marked in the margin (the JSON gives them as ranges).
func printFix(e *env, flags *snippetFlags, lang string, topic []string) int {
	s, lines, ok := snippets.Fix(flags.fix, lang)
	if len(topic) == 1 {
		s, lines, ok = snippets.FixIn(flags.fix, lang, topic[0])
	}
	if !ok {
		return snippetUsage(e, flags, fmt.Sprintf("no snippet fixes %q%s; the codes with a fix in code are %s",
			flags.fix, strings.Join(topic, ""), strings.Join(snippets.FixCodes(), ", ")))
	}
	if flags.asJSON {
		out := snippetJSON{Lang: s.Lang, Topic: s.Topic, File: s.File, Run: s.Run, Source: s.Source}
		for _, r := range lines {
			out.Lines = append(out.Lines, lineRange{r.Start, r.End})
		}
		writeJSON(e.stdout, out)
		return exitOK
	}
	marked := func(n int) bool {
		for _, r := range lines {
			if r.Start <= n && n <= r.End {
				return true
			}
		}
		return false
	}
	fmt.Fprintf(e.stdout, "# %s, %s: the marked lines fix %s\n", s.File, s.Topic, flags.fix)
	for i, text := range strings.Split(strings.TrimSuffix(s.Source, "\n"), "\n") {
		mark := "  "
		if marked(i + 1) {
			mark = "> "
		}
		fmt.Fprintf(e.stdout, "%s%s\n", mark, text)
	}
	return exitOK
}

// snippetUsage refuses a call in one sentence, and as one object with
// --json.
func snippetUsage(e *env, flags *snippetFlags, msg string) int {
	if flags.asJSON {
		writeJSON(e.stdout, map[string]any{"ok": false, "error": msg})
	}
	return fail(e, "snippet", usageError{msg})
}
