package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/internal/snippets"
)

// TestSnippetPrintsTheFileAsTested: what 'sealpeek snippet LANG TOPIC'
// prints is the file in the repository byte for byte, the one the
// snippets' tests run with the real interpreter.
func TestSnippetPrintsTheFileAsTested(t *testing.T) {
	n := 0
	for _, lang := range snippets.Languages() {
		for _, topic := range snippets.Topics() {
			s, ok := snippets.Get(lang, topic)
			if !ok {
				t.Fatalf("no %s %s snippet", lang, topic)
			}
			onDisk, err := os.ReadFile(filepath.Join("..", "internal", "snippets", lang, s.File))
			if err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, "", nil, "snippet", lang, topic)
			if r.code != exitOK || r.stdout != string(onDisk) || r.stderr != "" {
				t.Errorf("snippet %s %s: exit %d, stdout differs from %s: %v", lang, topic, r.code, s.File, r.stdout != string(onDisk))
			}
			n++
		}
	}
	if n != 36 {
		t.Errorf("%d snippets, want 6 languages × 6 topics", n)
	}
}

// TestSnippetFixMarksTheLines: for every code with a fix in code, in every
// language, --fix marks the lines the fix table names, and --json gives
// them as ranges.
func TestSnippetFixMarksTheLines(t *testing.T) {
	for _, code := range snippets.FixCodes() {
		for _, lang := range snippets.Languages() {
			_, lines, ok := snippets.Fix(code, lang)
			r := runCLI(t, "", nil, "snippet", lang, "--fix", code)
			if !ok || r.code != exitOK {
				t.Fatalf("--fix %s in %s: %+v", code, lang, r)
			}
			marked := 0
			for _, l := range strings.Split(r.stdout, "\n") {
				if strings.HasPrefix(l, "> ") {
					marked++
				}
			}
			want := 0
			for _, lr := range lines {
				want += lr.End - lr.Start + 1
			}
			if marked != want || marked == 0 {
				t.Errorf("--fix %s in %s marks %d lines, the table %d", code, lang, marked, want)
			}
			j := decodeJSON(t, runCLI(t, "", nil, "snippet", lang, "--fix", code, "--json").stdout)
			if got, _ := j["lines"].([]any); len(got) != len(lines) {
				t.Errorf("--fix %s in %s --json: lines %v, want %v", code, lang, j["lines"], lines)
			}
		}
	}
}

func TestSnippetRefusals(t *testing.T) {
	for args, want := range map[string]string{
		"cobol":               `no snippets in "cobol"; the languages are php, node, python, ruby, go, java`,
		"php nope":            `no topic "nope"; the topics are sheet-user, user-hash, webhook-signature, canvas-signature, jwt-verify, jwt-mint`,
		"php --fix match":     `no snippet fixes "match"`,
		"--fix auth_failed":   "--fix needs the LANG to show the fix in",
		"php sheet-user more": "too many arguments",
	} {
		r := runCLI(t, "", nil, append([]string{"snippet"}, strings.Fields(args)...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, want) {
			t.Errorf("snippet %s: exit %d, stderr %q; want %q", args, r.code, r.stderr, want)
		}
		r = runCLI(t, "", nil, append([]string{"snippet", "--json"}, strings.Fields(args)...)...)
		if r.code != exitUsage {
			t.Errorf("snippet --json %s: exit %d", args, r.code)
		}
	}
	// Languages answer to their usual names.
	if r := runCLI(t, "", nil, "snippet", "typescript", "jwt-mint"); r.code != exitOK || !strings.Contains(r.stdout, "require.main === module") {
		t.Errorf("typescript is node: %+v", r.code)
	}
}
