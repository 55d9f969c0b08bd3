package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/snippets"
)

// A diagnosis whose fix is code points at the lines of a snippet that do
// it right, in the developer's language: that language is --lang, else a
// profile's lang (see fixLangs.lang), and the snippet is the one of the
// payload the diagnosis is about (see codeFixes).

// langFlag is --lang: a language of the snippets, by its name or a usual
// alias, kept as its name.
type langFlag string

// String is the language given, "" when none was.
func (f *langFlag) String() string { return string(*f) }

// Type names the value in pflag's messages.
func (f *langFlag) Type() string { return "lang" }

// Set takes a language or an alias, and refuses any other name with the
// list of the languages there are.
func (f *langFlag) Set(s string) error {
	lang, ok := snippets.Language(s)
	if !ok {
		return fmt.Errorf("sealpeek has no snippets in %q; the languages are %s", s, strings.Join(snippets.Languages(), ", "))
	}
	*f = langFlag(lang)
	return nil
}

// langFlagHelp is the --lang flag's help, the same for every checking verb.
var langFlagHelp = "show each fix that is code in LANG (" + strings.Join(snippets.Languages(), ", ") + "): the lines of the snippet that do it right (default: the profile's lang)"

// fixLangs chooses the language a verb shows fixes in, once per run: the
// profiles file is read for it without resolving any secret.
type fixLangs struct {
	flag   string                 // --lang, as a language name
	chosen string                 // --profile
	byName map[string]string      // the lang of each profile that has one
	byRole map[crypto.Role]string // a role's lang, when its profiles with one agree
}

// newFixLangs reads what chooses the language: --lang, and otherwise the
// profiles' lang keys (not with --secret-env or --secret-file, which use no
// profile). A profiles file that cannot be read gives no language; the
// keyring says what is wrong with it.
func newFixLangs(e *env, flag langFlag, secrets *secretFlags) fixLangs {
	l := fixLangs{flag: string(flag), chosen: secrets.profile}
	if l.flag != "" || secrets.envVar != "" || secrets.file != "" {
		return l
	}
	store, err := secrets.store.load(e)
	if err != nil {
		return l
	}
	l.byName, l.byRole = map[string]string{}, map[crypto.Role]string{}
	split := map[crypto.Role]bool{}
	for _, p := range store.Profiles {
		if p.Lang == "" {
			continue
		}
		l.byName[p.Name] = p.Lang
		if have, ok := l.byRole[p.Role]; ok && have != p.Lang {
			split[p.Role] = true
		}
		l.byRole[p.Role] = p.Lang
	}
	for role := range split {
		delete(l.byRole, role) // profiles of the role disagree: no guess
	}
	return l
}

// lang is the language to show the fixes of a payload of role in: --lang,
// else the lang of the profile named by --profile, else that of the profile
// that opened, verified or matched it (used, "" when none did), else the
// one lang of the profiles of role; "" when none says.
func (l fixLangs) lang(role crypto.Role, used string) string {
	switch {
	case l.flag != "":
		return l.flag
	case l.byName[l.chosen] != "":
		return l.byName[l.chosen]
	case l.byName[used] != "":
		return l.byName[used]
	}
	return l.byRole[role]
}

// forSheet is how the fixes of a sealed sheet user are shown.
func (l fixLangs) forSheet(r *crypto.SheetReport, ring *crypto.Keyring) codeFixes {
	return codeFixes{lang: l.lang(crypto.RoleOAuth, profileAt(ring, r.OpenedBy)), topicOf: alwaysTopic(snippets.TopicSheetUser)}
}

// forDigest is how the fixes of a user_hash are shown.
func (l fixLangs) forDigest(r *crypto.DigestReport, ring *crypto.Keyring) codeFixes {
	return codeFixes{lang: l.lang(crypto.RoleIdentity, profileAt(ring, r.SecretAt)), topicOf: alwaysTopic(snippets.TopicUserHash)}
}

// forCapture is how the fixes of a capture are shown: each diagnosis in
// the snippet of the part it is about (a signature header, the sheet user,
// the user_hash, the JWT), else of the kind of capture.
func (l fixLangs) forCapture(r *crypto.CaptureReport, ring *crypto.Keyring) codeFixes {
	byDiagnosis := map[crypto.Diagnosis][]string{}
	add := func(ds []crypto.Diagnosis, topics ...string) {
		for _, d := range ds {
			byDiagnosis[d] = append(byDiagnosis[d], topics...)
		}
	}
	var matched, tried []int // keyring indexes of the secrets behind each part
	secret := func(at int, match bool) {
		if match {
			matched = append(matched, at)
		}
		tried = append(tried, at)
	}
	for _, s := range r.Signatures {
		add(s.Diagnoses, signatureTopic(s.Header))
		secret(s.SecretAt, s.Match)
	}
	if s := r.Sheet; s != nil {
		add(s.Diagnoses, snippets.TopicSheetUser)
		secret(s.OpenedBy, s.OpenedBy >= 0)
	}
	if d := r.Identity; d != nil {
		add(d.Diagnoses, snippets.TopicUserHash)
		secret(d.SecretAt, d.Match != nil && *d.Match)
	}
	if j := r.JWT; j != nil {
		add(j.Diagnoses, jwtTopics...)
		if j.Signature != nil {
			secret(j.Signature.SecretAt, j.Signature.Match)
		}
	}
	used := ""
	for _, at := range append(matched, tried...) {
		if used = profileAt(ring, at); used != "" {
			break
		}
	}
	kind := kindTopics(r.Capture.Kind)
	f := codeFixes{lang: l.lang(r.Capture.SecretRole(), used), topicOf: func(d crypto.Diagnosis) []string {
		if topics, ok := byDiagnosis[d]; ok {
			return topics
		}
		return kind
	}}
	if f.lang == "" {
		f.lang, f.guessedFrom = guessLang(r.Capture.Headers)
	}
	return f
}

// poweredBy maps a word of an X-Powered-By or Server header to the
// language of the framework or server it names.
var poweredBy = map[string]string{
	"php": snippets.LangPHP, "laravel": snippets.LangPHP, "symfony": snippets.LangPHP,
	"express": snippets.LangNode, "node": snippets.LangNode, "nodejs": snippets.LangNode, "next": snippets.LangNode,
	"django": snippets.LangPython, "flask": snippets.LangPython, "gunicorn": snippets.LangPython, "uvicorn": snippets.LangPython,
	"werkzeug": snippets.LangPython, "python": snippets.LangPython,
	"rails": snippets.LangRuby, "puma": snippets.LangRuby, "ruby": snippets.LangRuby, "phusion": snippets.LangRuby,
	"go": snippets.LangGo, "golang": snippets.LangGo,
	"spring": snippets.LangJava, "tomcat": snippets.LangJava, "jetty": snippets.LangJava, "coyote": snippets.LangJava,
	"servlet": snippets.LangJava, "java": snippets.LangJava,
}

// guessLang is the language a captured request's X-Powered-By (else
// Server) header names, and that header's name; "" when neither does.
// Intercom's own requests carry neither, but a capture taken at the app
// (behind a proxy, or its response pasted along) can.
func guessLang(headers []crypto.CaptureHeader) (lang, header string) {
	for _, name := range []string{"X-Powered-By", "Server"} {
		for _, h := range headers {
			if !strings.EqualFold(h.Name, name) {
				continue
			}
			words := strings.FieldsFunc(strings.ToLower(h.Value), func(r rune) bool { return r < 'a' || r > 'z' })
			for _, w := range words {
				if lang, ok := poweredBy[w]; ok {
					return lang, name
				}
			}
		}
	}
	return "", ""
}

// jwtTopics are the snippets of a JWT: a mistake shows in the one
// snippets.FixTopics puts first, mostly the minting.
var jwtTopics = []string{snippets.TopicJWTMint, snippets.TopicJWTVerify}

// signatureTopic is the snippet that checks a signature header.
func signatureTopic(header string) string {
	if strings.EqualFold(header, crypto.HeaderBodySignature) {
		return snippets.TopicCanvasSignature
	}
	return snippets.TopicWebhookSignature
}

// kindTopics are the snippets of a kind of capture, for a diagnosis about
// the capture rather than one of its parts.
func kindTopics(kind crypto.Kind) []string {
	switch kind {
	case crypto.KindWebhook:
		return []string{snippets.TopicWebhookSignature}
	case crypto.KindCanvasKit:
		return []string{snippets.TopicCanvasSignature}
	case crypto.KindSheetOpen:
		return []string{snippets.TopicSheetUser}
	case crypto.KindIdentity:
		return []string{snippets.TopicUserHash}
	case crypto.KindJWT:
		return jwtTopics
	}
	return nil
}

// alwaysTopic is the topicOf of a verb that checks one kind of payload.
func alwaysTopic(topic string) func(crypto.Diagnosis) []string {
	return func(crypto.Diagnosis) []string { return []string{topic} }
}

// codeFixes is how a verb shows the fixes of one report as code: in lang
// ("" when no language is known) and in the snippet of the payload each
// diagnosis is about.
type codeFixes struct {
	lang        string
	guessedFrom string                          // the header lang was guessed from, "" when it was said
	topicOf     func(crypto.Diagnosis) []string // the topics of d's payload; nil when unknown
}

// topic is the snippet that shows d's fix: the first of
// snippets.FixTopics that is about d's payload, else the first; false when
// d's fix is not code, or is not shown (an info diagnosis).
func (f codeFixes) topic(d crypto.Diagnosis) (string, bool) {
	all := snippets.FixTopics(string(d.Code))
	if len(all) == 0 || !report.ShowsFix(d) {
		return "", false
	}
	if f.topicOf != nil {
		mine := f.topicOf(d)
		for _, t := range all {
			if slices.Contains(mine, t) {
				return t, true
			}
		}
	}
	return all[0], true
}

// fixCode is the JSON of the lines that fix a diagnosis: the snippet's
// language, topic and file, the lines' numbers, and their text.
type fixCode struct {
	Lang  string      `json:"lang"`
	Topic string      `json:"topic"`
	File  string      `json:"file"`
	Lines []lineRange `json:"lines"`
	// Code is the text of the lines, each ended by a newline, exactly as
	// in the file: the spans one after the other.
	Code string `json:"code"`
}

// fix is the code that fixes d, nil when there is no language or d's fix
// is not code.
func (f codeFixes) fix(d crypto.Diagnosis) *fixCode {
	if f.lang == "" {
		return nil
	}
	topic, ok := f.topic(d)
	if !ok {
		return nil
	}
	s, ranges, ok := snippets.FixIn(string(d.Code), f.lang, topic)
	if !ok {
		return nil
	}
	out := &fixCode{Lang: s.Lang, Topic: s.Topic, File: s.File}
	lines := strings.Split(s.Source, "\n")
	var code strings.Builder
	for _, r := range ranges {
		out.Lines = append(out.Lines, lineRange{r.Start, r.End})
		for _, l := range lines[r.Start-1 : r.End] {
			code.WriteString(l)
			code.WriteByte('\n')
		}
	}
	out.Code = code.String()
	return out
}

// diagnosisOut is a diagnosis as the JSON output gives it: crypto's, and
// the lines of code that fix it when a language is known.
type diagnosisOut struct {
	crypto.Diagnosis
	FixCode *fixCode `json:"fix_code,omitempty"`
}

// diagnoses is ds for the JSON output, [] rather than null.
func (f codeFixes) diagnoses(ds []crypto.Diagnosis) []diagnosisOut {
	out := make([]diagnosisOut, len(ds))
	for i, d := range ds {
		out[i] = diagnosisOut{Diagnosis: d, FixCode: f.fix(d)}
	}
	return out
}

// printDiagnosesWithCode is printDiagnoses for a verb that checks a
// payload: under each fix that is code, the lines that do it right in the
// language, or with none known, the command that shows them.
func printDiagnosesWithCode(w io.Writer, ds []crypto.Diagnosis, f codeFixes) {
	layout := report.CommandLine
	layout.Clean = sentence
	for _, d := range ds {
		for _, line := range report.DiagnosisLines([]crypto.Diagnosis{d}, layout) {
			fmt.Fprintln(w, line)
		}
		for _, line := range f.textLines(d) {
			fmt.Fprintln(w, layout.FixIndent+sentence(line))
		}
	}
}

// textLines are the lines under d's fix, without the fix's indent: where
// the lines are, the lines, and the command that prints the whole snippet;
// or with no language, the one command that would.
func (f codeFixes) textLines(d crypto.Diagnosis) []string {
	topic, ok := f.topic(d)
	if !ok {
		return nil
	}
	if f.lang == "" {
		topicArg := ""
		if topic != snippets.FixTopics(string(d.Code))[0] {
			topicArg = " " + topic
		}
		return []string{fmt.Sprintf("code: sealpeek snippet LANG%s --fix %s (LANG: %s)", topicArg, d.Code, strings.Join(snippets.Languages(), ", "))}
	}
	fc := f.fix(d)
	if fc == nil {
		return nil
	}
	guess := ""
	if f.guessedFrom != "" {
		guess = fmt.Sprintf(", guessed from the %s header (--lang to choose)", f.guessedFrom)
	}
	out := []string{fmt.Sprintf("in %s%s (%s, %s):", fc.Lang, guess, fc.File, lineNumbers(fc.Lines))}
	code := dedent(strings.Split(strings.TrimSuffix(fc.Code, "\n"), "\n"))
	at := 0
	for i, r := range fc.Lines {
		if i > 0 {
			out = append(out, "  …") // the lines between two spans are left out
		}
		for _, l := range code[at : at+r.End-r.Start+1] {
			out = append(out, "  "+l)
		}
		at += r.End - r.Start + 1
	}
	return append(out, fmt.Sprintf("the whole function: sealpeek snippet %s %s", fc.Lang, fc.Topic))
}

// lineNumbers says which lines spans are: "line 13", "lines 13-15, 20".
func lineNumbers(spans []lineRange) string {
	var parts []string
	one := len(spans) == 1 && spans[0].Start == spans[0].End
	for _, r := range spans {
		if r.Start == r.End {
			parts = append(parts, fmt.Sprint(r.Start))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", r.Start, r.End))
		}
	}
	if one {
		return "line " + parts[0]
	}
	return "lines " + strings.Join(parts, ", ")
}

// dedent expands tabs (a terminal line is shown with its tabs escaped) and
// removes the indentation all non-blank lines share, so the code sits under
// the fix rather than as deep as it was in its function.
func dedent(lines []string) []string {
	out := make([]string, len(lines))
	common := -1
	for i, l := range lines {
		out[i] = strings.ReplaceAll(l, "\t", "    ")
		if strings.TrimSpace(out[i]) == "" {
			out[i] = ""
			continue
		}
		indent := len(out[i]) - len(strings.TrimLeft(out[i], " "))
		if common < 0 || indent < common {
			common = indent
		}
	}
	for i := range out {
		if out[i] != "" {
			out[i] = out[i][common:]
		}
	}
	return out
}
