package snippets

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	sealcrypto "github.com/sealpeek/sealpeek/crypto"
)

func TestGetReturnsTheFileBytes(t *testing.T) {
	want := map[string]bool{}
	for _, lang := range Languages() {
		for _, topic := range Topics() {
			s, ok := Get(lang, topic)
			if !ok {
				t.Fatalf("Get(%q, %q): no snippet", lang, topic)
			}
			onDisk, err := os.ReadFile(path.Join(lang, s.File))
			if err != nil {
				t.Fatal(err)
			}
			if s.Source != string(onDisk) {
				t.Errorf("Get(%q, %q).Source differs from %s/%s", lang, topic, lang, s.File)
			}
			if s.Lang != lang || s.Topic != topic || len(s.Run) < 2 || s.Run[len(s.Run)-1] != s.File {
				t.Errorf("Get(%q, %q) = %+v: wrong fields or Run", lang, topic, s)
			}
			if strings.Contains(s.Source, "sealpeek") {
				t.Errorf("%s/%s mentions sealpeek: a developer pastes it into their own code", lang, s.File)
			}
			want[lang+"/"+s.File] = true
		}
	}
	if len(want) != 36 {
		t.Errorf("%d distinct snippet files, want 36", len(want))
	}
	// Every embedded file is a snippet: nothing stray is printed or left out.
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !want[p] {
			t.Errorf("embedded file %s is no snippet of Get", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestGetUnknown(t *testing.T) {
	for _, c := range [][2]string{{"cobol", TopicSheetUser}, {LangPHP, "sheet_user"}, {"", ""}, {LangGo, "../go"}} {
		if s, ok := Get(c[0], c[1]); ok {
			t.Errorf("Get(%q, %q) = %+v, want nothing", c[0], c[1], s)
		}
	}
}

func TestRunCommands(t *testing.T) {
	want := map[string][]string{
		LangPHP:    {"php", "sheet-user.php"},
		LangNode:   {"node", "sheet-user.js"},
		LangPython: {"python3", "sheet_user.py"},
		LangRuby:   {"ruby", "sheet_user.rb"},
		LangGo:     {"go", "run", "sheet_user.go"},
		LangJava:   {"java", "SheetUser.java"},
	}
	for lang, run := range want {
		s, _ := Get(lang, TopicSheetUser)
		if !slices.Equal(s.Run, run) {
			t.Errorf("%s: Run = %q, want %q", lang, s.Run, run)
		}
	}
	if s, _ := Get(LangJava, TopicJWTVerify); s.File != "JwtVerify.java" {
		t.Errorf("Java file of jwt-verify is %q", s.File)
	}
}

// placeWords are words the lines of each place must show, in every language
// (compared without case): a check that a span found the code it names.
var placeWords = map[string]string{
	placeKey:        "sha",
	placeSplit:      "12",
	placeOpen:       "tag",
	placeIdentifier: "user_id",
	placeHMAC:       "sha",
	placeHex:        "hex",
	placeNewline:    "newline",
	placeRawBody:    "as received",
	placeExpected:   "expected",
	placeAlg:        "hs256",
	placeCompare:    "expected",
	placeExp:        "exp",
	placeHeader:     "hs256",
	placeSign:       "messenger",
	placeBase64URL:  "url",
	placeClaims:     "user_id",
}

func TestEveryFixFindsItsLinesInEveryLanguage(t *testing.T) {
	known := map[string]bool{}
	for _, info := range sealcrypto.Codes() {
		known[string(info.Code)] = true
	}
	for _, code := range FixCodes() {
		if !known[code] {
			t.Errorf("fix for %q, which crypto.Codes() does not have", code)
		}
		topicsOfCode := FixTopics(code)
		if len(topicsOfCode) == 0 {
			t.Errorf("%s: no topic", code)
		}
		for _, lang := range Languages() {
			first, firstRanges, ok := Fix(code, lang)
			if !ok || first.Topic != topicsOfCode[0] {
				t.Errorf("Fix(%q, %q) = %q, %v; want the snippet of %s", code, lang, first.Topic, ok, topicsOfCode[0])
			}
			for _, topic := range topicsOfCode {
				s, ranges, ok := FixIn(code, lang, topic)
				if !ok {
					t.Errorf("FixIn(%q, %q, %q): lines not found", code, lang, topic)
					continue
				}
				if topic == first.Topic && !slices.Equal(ranges, firstRanges) {
					t.Errorf("Fix and FixIn of %s in %s disagree: %v, %v", code, lang, firstRanges, ranges)
				}
				checkRanges(t, code, s, ranges)
			}
		}
		if _, _, ok := FixIn(code, LangGo, "no-such-topic"); ok {
			t.Errorf("FixIn(%q) found a topic that is not among its topics", code)
		}
	}
	for _, code := range []string{"match", "empty_input", "wrong_profile", "no_such_code", ""} {
		if _, _, ok := Fix(code, LangPHP); ok {
			t.Errorf("Fix(%q) has code, but its fix is not code", code)
		}
	}
	if _, _, ok := Fix("key_hex_digest", "cobol"); ok {
		t.Error("Fix in an unknown language")
	}
}

// checkRanges checks that ranges are in order, apart, inside the snippet, and
// show the words of every place the fix names.
func checkRanges(t *testing.T, code string, s Snippet, ranges []LineRange) {
	t.Helper()
	lines := strings.Split(s.Source, "\n")
	if len(ranges) == 0 {
		t.Errorf("%s in %s/%s: no lines", code, s.Lang, s.File)
		return
	}
	var shown strings.Builder
	for i, r := range ranges {
		if r.Start < 1 || r.End < r.Start || r.End > len(lines) || (i > 0 && r.Start <= ranges[i-1].End+1) {
			t.Errorf("%s in %s/%s: bad ranges %v", code, s.Lang, s.File, ranges)
			return
		}
		for _, l := range lines[r.Start-1 : r.End] {
			if strings.TrimSpace(l) == "" {
				t.Errorf("%s in %s/%s: blank line in %v", code, s.Lang, s.File, r)
			}
			shown.WriteString(strings.ToLower(l) + "\n")
		}
		if r.End-r.Start > 10 {
			t.Errorf("%s in %s/%s: %v is too long to point at anything", code, s.Lang, s.File, r)
		}
	}
	for _, target := range fixes()[code] {
		if target.topic != s.Topic {
			continue
		}
		for _, place := range target.places {
			if !strings.Contains(shown.String(), placeWords[place]) {
				t.Errorf("%s in %s/%s: the lines %v do not show %q of %s:\n%s", code, s.Lang, s.File, ranges, placeWords[place], place, shown.String())
			}
		}
	}
}

func TestEveryPlaceIsFoundOnce(t *testing.T) {
	for _, lang := range Languages() {
		for topic, byPlace := range places()[lang] {
			s, ok := Get(lang, topic)
			if !ok {
				t.Fatalf("places of unknown %s %s", lang, topic)
			}
			for place, spans := range byPlace {
				if _, ok := locate(s.Source, spans); !ok {
					t.Errorf("%s/%s: place %s is missing, or its text is on more than one line", lang, s.File, place)
				}
			}
		}
	}
	// Every language has the same places, so that a fix is there in each.
	for _, lang := range Languages() {
		for _, topic := range Topics() {
			var want, got []string
			for place := range places()[LangPHP][topic] {
				want = append(want, place)
			}
			for place := range places()[lang][topic] {
				got = append(got, place)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: places %v, php has %v", lang, topic, got, want)
			}
		}
	}
}

func TestLocate(t *testing.T) {
	src := "a\nfoo bar\nbaz\nqux end\nfoo again? no: bar\n"
	if _, ok := locate(src, []span{line("foo")}); ok {
		t.Error("a text on two lines was located")
	}
	got, ok := locate(src, []span{through("baz", "end"), line("a\n")})
	if ok {
		t.Errorf("a text across lines was located: %v", got)
	}
	got, ok = locate(src, []span{through("foo bar", "end")})
	if !ok || !slices.Equal(got, []LineRange{{2, 4}}) {
		t.Errorf("locate = %v, %v", got, ok)
	}
	if _, ok := locate(src, []span{through("baz", "missing")}); ok {
		t.Error("a span without its end was located")
	}
	if _, ok := locate(src, nil); ok {
		t.Error("no spans located")
	}
	merged := mergeRanges([]LineRange{{7, 9}, {1, 2}, {3, 3}, {8, 12}, {20, 20}})
	if !slices.Equal(merged, []LineRange{{1, 3}, {7, 12}, {20, 20}}) {
		t.Errorf("mergeRanges = %v", merged)
	}
}

// recordTB notes how a test would have ended, instead of ending it.
type recordTB struct {
	testing.TB
	fatal, skip bool
}

func (r *recordTB) Helper()               {}
func (r *recordTB) Fatalf(string, ...any) { r.fatal = true }
func (r *recordTB) Skipf(string, ...any)  { r.skip = true }

func TestMissingInterpreterFailsInCI(t *testing.T) {
	for _, c := range []struct {
		ci          string
		fatal, skip bool
	}{{"true", true, false}, {"", false, true}, {"false", false, true}} {
		t.Setenv("CI", c.ci)
		r := &recordTB{TB: t}
		missingInterpreter(r, LangPHP, os.ErrNotExist)
		if r.fatal != c.fatal || r.skip != c.skip {
			t.Errorf("CI=%q: failed %v, skipped %v; want %v, %v", c.ci, r.fatal, r.skip, c.fatal, c.skip)
		}
	}
}

func TestLanguageAliases(t *testing.T) {
	for alias, want := range map[string]string{
		"PHP": LangPHP, "js": LangNode, "JavaScript": LangNode, "typescript": LangNode, "ts": LangNode, "nodejs": LangNode,
		"py": LangPython, "python3": LangPython, "rb": LangRuby, "golang": LangGo, "Go": LangGo, "java": LangJava, " Ruby\n": LangRuby, "kotlin": "",
		"": "", "c#": "",
	} {
		got, ok := Language(alias)
		if got != want || ok != (want != "") {
			t.Errorf("Language(%q) = %q, %v; want %q", alias, got, ok, want)
		}
	}
	for _, lang := range Languages() {
		if got, ok := Language(lang); !ok || got != lang {
			t.Errorf("Language(%q) = %q, %v", lang, got, ok)
		}
	}
}
