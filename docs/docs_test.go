package docs

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/sealpeek/sealpeek/internal/docgen"
)

// TestDiagnosesIsGenerated fails when diagnoses.md is not what the generator
// makes from crypto.Codes() today.
func TestDiagnosesIsGenerated(t *testing.T) {
	have, err := os.ReadFile("diagnoses.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := docgen.Diagnoses(); !bytes.Equal(have, want) {
		t.Errorf("docs/diagnoses.md is stale: it differs from crypto.Codes(); run: go generate ./...")
	}
}

// TestScreenshotIsGenerated fails when ui.svg is not what the generator
// makes from ui.ansi.
func TestScreenshotIsGenerated(t *testing.T) {
	screen, err := os.ReadFile("ui.ansi")
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("ui.svg")
	if err != nil {
		t.Fatal(err)
	}
	if want := docgen.ScreenSVG(screen); !bytes.Equal(have, want) {
		t.Errorf("docs/ui.svg is stale: it differs from what docs/ui.ansi renders to; run: go generate ./...")
	}
}

// markdownFiles are the pages whose links are checked: the README and every
// page under docs/, as paths from the repository root.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md"}
	pages, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		files = append(files, filepath.Join("docs", p))
	}
	return files
}

var (
	inlineCode = regexp.MustCompile("`+[^`\n]*`+")
	link       = regexp.MustCompile(`!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^()\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	htmlRef    = regexp.MustCompile(`(?i)<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"`)
	heading    = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$`)
	htmlID     = regexp.MustCompile(`(?i)<a\s[^>]*?(?:id|name)="([^"]+)"`)
)

// withoutFences blanks the lines of fenced code blocks, whose brackets and
// hashes are no links or headings.
func withoutFences(md string) string {
	lines := strings.Split(md, "\n")
	open := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case open == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			open = trimmed[:3]
			lines[i] = ""
		case open != "":
			if strings.HasPrefix(trimmed, open) && strings.Trim(trimmed, open[:1]+" \t") == "" {
				open = ""
			}
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// prose is a Markdown page without its code blocks and code spans.
func prose(md string) string {
	return inlineCode.ReplaceAllString(withoutFences(md), "code")
}

// links returns the targets of a page's links and images.
func links(md string) []string {
	var out []string
	text := prose(md)
	for _, m := range link.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	for _, m := range htmlRef.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// anchors returns the fragments a page's headings answer to, by GitHub's
// rules: the heading's text lowercased, markup and punctuation other than
// '-' and '_' dropped, spaces made '-', and -1, -2, … added to repeats.
func anchors(md string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	code := withoutFences(md)
	for _, m := range heading.FindAllStringSubmatch(code, -1) {
		slug := Slug(m[1])
		if n := seen[slug]; n > 0 {
			out[slug+"-"+strconv.Itoa(n)] = true
		} else {
			out[slug] = true
		}
		seen[slug]++
	}
	for _, m := range htmlID.FindAllStringSubmatch(code, -1) {
		out[m[1]] = true
	}
	return out
}

var mdLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// Slug is GitHub's anchor for a heading's text.
func Slug(heading string) string {
	heading = mdLink.ReplaceAllString(heading, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '_', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// TestRelativeLinksResolve fails on a relative link of the README or a docs
// page whose file does not exist, or whose #fragment names no heading of the
// Markdown page it points into.
func TestRelativeLinksResolve(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	files := markdownFiles(t)
	if len(files) < 2 {
		t.Fatalf("no docs pages found beside the test: %v", files)
	}
	pageAnchors := map[string]map[string]bool{}
	anchorsOf := func(path string) (map[string]bool, error) {
		if a, ok := pageAnchors[path]; ok {
			return a, nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		a := anchors(string(data))
		pageAnchors[path] = a
		return a, nil
	}
	checked := 0
	for _, file := range files {
		path := filepath.Join(root, file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range links(string(data)) {
			u, err := url.Parse(target)
			if err != nil {
				t.Errorf("%s: link %q cannot be parsed: %v", file, target, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // not relative
			}
			checked++
			dest := path
			if u.Path != "" {
				if strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s: link %q starts at /, which GitHub and a checkout read differently", file, target)
					continue
				}
				dest = filepath.Join(filepath.Dir(path), filepath.FromSlash(u.Path))
				if !strings.HasPrefix(dest, root+string(filepath.Separator)) && dest != root {
					t.Errorf("%s: link %q leaves the repository", file, target)
					continue
				}
				if _, err := os.Stat(dest); err != nil {
					t.Errorf("%s: link %q: no such file or folder", file, target)
					continue
				}
			}
			if u.Fragment == "" || !strings.HasSuffix(dest, ".md") {
				continue
			}
			a, err := anchorsOf(dest)
			if err != nil {
				t.Errorf("%s: link %q: %v", file, target, err)
				continue
			}
			if !a[u.Fragment] {
				t.Errorf("%s: link %q: no heading of %s has the anchor #%s", file, target, filepath.Base(dest), u.Fragment)
			}
		}
	}
	if checked == 0 {
		t.Error("no relative link was checked: the link pattern finds nothing")
	}
}

// TestSlug pins the anchor rules to examples GitHub makes.
func TestSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"Set up and try it":                "set-up-and-try-it",
		"`wrong_profile`":                  "wrong_profile",
		"Batch mode: `--lines`":            "batch-mode---lines",
		"decrypt: open a sheet user":       "decrypt-open-a-sheet-user",
		"Profiles: your secrets, by name":  "profiles-your-secrets-by-name",
		"`verify --json` and `jwt --json`": "verify---json-and-jwt---json",
		"The [demo](x.md) profiles":        "the-demo-profiles",
		"Where sealpeek looks (and why)":   "where-sealpeek-looks-and-why",
	} {
		if got := Slug(heading); got != want {
			t.Errorf("Slug(%q) = %q, want %q", heading, got, want)
		}
	}
	a := anchors("# A\n## A\n```\n# not a heading\n```\n### A\n")
	for _, want := range []string{"a", "a-1", "a-2"} {
		if !a[want] {
			t.Errorf("anchors of repeated headings: no %q in %v", want, a)
		}
	}
	if a["not-a-heading"] {
		t.Error("a # line in a code block is not a heading")
	}
}
