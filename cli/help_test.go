package cli

import (
	"regexp"
	"strings"
	"testing"
)

// TestEveryVerbHasHelp checks each command's --help reads like the README:
// a synopsis, what it does, its flags as typed (--name), examples that
// call it, and its exit codes; on stdout with exit 0, and the same text
// from 'sealpeek help VERB'.
func TestEveryVerbHasHelp(t *testing.T) {
	commands := [][]string{{"profiles", "check"}, {"profiles", "add"}, {"profiles", "list"}}
	for _, v := range verbs {
		commands = append(commands, []string{v.name})
	}
	for _, command := range commands {
		name := strings.Join(command, " ")
		r := runCLI(t, "", nil, append(command, "--help")...)
		help := r.stdout
		if r.code != exitOK || r.stderr != "" {
			t.Errorf("sealpeek %s --help: exit %d, stderr %q", name, r.code, r.stderr)
		}
		if p := inertProblem(help); p != "" {
			t.Errorf("sealpeek %s --help: %s", name, p)
		}
		shown := name
		if name == "profiles list" {
			shown = "profiles" // list is the default: one help for both
		}
		if !strings.HasPrefix(help, "Usage: sealpeek "+shown) {
			t.Errorf("sealpeek %s --help does not start with its synopsis:\n%s", name, help)
		}
		examples := regexp.MustCompile(`(?m)^Examples:\n((?:  .*\n)+)`).FindStringSubmatch(help)
		if examples == nil || !regexp.MustCompile(`(?m)^  (?:[^#\n]*\| )?(?:\w+=\S+ )?sealpeek `+regexp.QuoteMeta(shown)+`\b`).MatchString(examples[1]) {
			t.Errorf("sealpeek %s --help has no example line running it:\n%s", name, help)
		}
		if !regexp.MustCompile(`(?m)^Exit codes: 0 `).MatchString(help) {
			t.Errorf("sealpeek %s --help does not give its exit codes:\n%s", name, help)
		}
		if regexp.MustCompile(`(?m)^ +-[a-z]`).MatchString(help) {
			t.Errorf("sealpeek %s --help shows a flag with one dash, as the README never does:\n%s", name, help)
		}
		if r := runCLI(t, "", nil, append([]string{"help"}, command...)...); r.stdout != help || r.code != exitOK {
			t.Errorf("sealpeek help %s differs from sealpeek %s --help", name, name)
		}
	}
	top := runCLI(t, "", nil, "help")
	for _, v := range verbs {
		if !strings.Contains(top.stdout, "\n  "+v.name+" ") {
			t.Errorf("sealpeek help does not list %s", v.name)
		}
	}
	if ui := runCLI(t, "", nil, "help", "ui"); !strings.HasPrefix(ui.stdout, "Usage: sealpeek [flags] [FILE|-]") || !strings.Contains(ui.stdout, "\nExamples:\n") {
		t.Errorf("sealpeek help ui:\n%s", ui.stdout)
	}
	if r := runCLI(t, "", nil, "help", "nope"); r.code != exitUsage || !strings.Contains(r.stderr, `no verb "nope"`) {
		t.Errorf("sealpeek help nope: %+v", r)
	}
}
