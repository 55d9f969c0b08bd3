package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
	"github.com/sealpeek/sealpeek/internal/snippets"
)

// TestFixCodeIsTheSnippetLines checks, for every code with a fix in code,
// in every language and every topic that shows it, that the JSON's
// fix_code is the snippet's file and its lines' text exactly, and that the
// text output shows each of those lines.
func TestFixCodeIsTheSnippetLines(t *testing.T) {
	for _, code := range snippets.FixCodes() {
		d := crypto.Diagnosis{Code: crypto.Code(code), Severity: crypto.SeverityError, Message: "m", Fix: "f"}
		for _, lang := range snippets.Languages() {
			for _, topic := range snippets.FixTopics(code) {
				s, ranges, ok := snippets.FixIn(code, lang, topic)
				if !ok {
					t.Fatalf("%s in %s %s: no snippet lines", code, lang, topic)
				}
				var want strings.Builder
				source := strings.Split(s.Source, "\n")
				for _, r := range ranges {
					for n := r.Start; n <= r.End; n++ {
						want.WriteString(source[n-1] + "\n")
					}
				}
				fixes := codeFixes{lang: lang, topicOf: alwaysTopic(topic)}
				var buf bytes.Buffer
				writeJSON(&buf, map[string]any{"diagnoses": fixes.diagnoses([]crypto.Diagnosis{d})})
				var got struct {
					Diagnoses []struct {
						Code    string   `json:"code"`
						FixCode *fixCode `json:"fix_code"`
					} `json:"diagnoses"`
				}
				decodeJSONInto(t, buf.String(), &got)
				fc := got.Diagnoses[0].FixCode
				if fc == nil {
					t.Fatalf("%s in %s %s: no fix_code in %s", code, lang, topic, buf.String())
				}
				if fc.Lang != lang || fc.Topic != topic || fc.File != s.File || len(fc.Lines) != len(ranges) || fc.Code != want.String() {
					t.Errorf("%s in %s %s: got %+v\nwant file %s, %d spans, code %q", code, lang, topic, fc, s.File, len(ranges), want.String())
				}
				buf.Reset()
				printDiagnosesWithCode(&buf, []crypto.Diagnosis{d}, fixes)
				for _, line := range strings.Split(strings.TrimSuffix(want.String(), "\n"), "\n") {
					line = strings.TrimSpace(strings.ReplaceAll(line, "\t", "    "))
					if !strings.Contains(buf.String(), line) {
						t.Errorf("%s in %s %s: the text lacks %q:\n%s", code, lang, topic, line, buf.String())
					}
				}
			}
		}
	}
}

// TestFixCodeOnlyForCodeFixes checks that fix_code and the hint stay away
// from diagnoses whose fix is not code, and from info diagnoses.
func TestFixCodeOnlyForCodeFixes(t *testing.T) {
	fixes := codeFixes{lang: snippets.LangPHP}
	for _, d := range []crypto.Diagnosis{
		{Code: crypto.CodeNoSecret, Severity: crypto.SeverityError, Message: "m", Fix: "f"},
		{Code: "key_hex_digest", Severity: crypto.SeverityInfo, Message: "m", Fix: "f"},
	} {
		if out := fixes.diagnoses([]crypto.Diagnosis{d}); out[0].FixCode != nil {
			t.Errorf("%s (%s) has a fix_code", d.Code, d.Severity)
		}
		if lines := (codeFixes{}).textLines(d); lines != nil {
			t.Errorf("%s (%s) has a hint: %q", d.Code, d.Severity, lines)
		}
	}
	if out := (codeFixes{}).diagnoses(nil); out == nil || len(out) != 0 {
		t.Errorf("no diagnoses: got %#v, want []", out)
	}
}

// TestFixCodeInText is the text a developer reads under a sheet user's
// key_hex_digest, with a language and without.
func TestFixCodeInText(t *testing.T) {
	d := crypto.Diagnosis{Code: "key_hex_digest", Severity: crypto.SeverityError, Message: "m", Fix: "f"}
	var buf bytes.Buffer
	printDiagnosesWithCode(&buf, []crypto.Diagnosis{d}, codeFixes{lang: "php", topicOf: alwaysTopic(snippets.TopicSheetUser)})
	want := `error key_hex_digest: m
      fix: f
      in php (sheet-user.php, line 13):
        $key = openssl_digest($clientSecret, 'sha256', true); // true: 32 raw bytes, not 64 hex characters
      the whole function: sealpeek snippet php sheet-user
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	printDiagnosesWithCode(&buf, []crypto.Diagnosis{d}, codeFixes{topicOf: alwaysTopic(snippets.TopicSheetUser)})
	if hint := "      code: sealpeek snippet LANG --fix key_hex_digest (LANG: php, node, python, ruby, go, java)\n"; !strings.HasSuffix(buf.String(), hint) {
		t.Errorf("without a language: got\n%s\nwant the hint\n%s", buf.String(), hint)
	}
	// A code shown for several payloads names the payload's topic.
	upper := crypto.Diagnosis{Code: "uppercase_hex", Severity: crypto.SeverityWarn, Message: "m", Fix: "f"}
	buf.Reset()
	printDiagnosesWithCode(&buf, []crypto.Diagnosis{upper}, codeFixes{topicOf: alwaysTopic(snippets.TopicCanvasSignature)})
	if !strings.Contains(buf.String(), "code: sealpeek snippet LANG canvas-signature --fix uppercase_hex (") {
		t.Errorf("the hint does not name the topic:\n%s", buf.String())
	}
}

// hexKeyCase is the diagnoses fixture sealed with a hex-digest key.
func hexKeyCase(t *testing.T) fixtures.DiagnosisCase {
	t.Helper()
	for _, c := range fixtures.DiagnosisCases() {
		if c.Name == "hex-digest-key" {
			return c
		}
	}
	t.Fatal("no diagnoses fixture hex-digest-key")
	return fixtures.DiagnosisCase{}
}

// TestFixLangPrecedence runs decrypt on a sheet user sealed with a
// hex-digest key: --lang beats the profiles' lang, --profile's lang beats
// that of the profile that opened it, which beats the role's.
func TestFixLangPrecedence(t *testing.T) {
	c := hexKeyCase(t)
	secret := c.Profiles[0].Secret
	config := filepath.Join(t.TempDir(), "profiles.toml")
	data := `[[profile]]
name = "opener"
role = "oauth"
lang = "ruby"
secret_env = "OPENER"

[[profile]]
name = "other"
role = "oauth"
lang = "java"
secret_env = "OTHER"

[[profile]]
name = "plain"
role = "oauth"
secret_env = "OTHER"
`
	if err := os.WriteFile(config, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"OPENER": secret, "OTHER": "another-secret-NOT-REAL"}
	for _, tc := range []struct {
		name string
		args []string
		want string // the fix_code's lang, "" for none
	}{
		{"the flag beats every profile", []string{"--config", config, "--profile", "other", "--lang", "php"}, "php"},
		{"an alias", []string{"--config", config, "--lang", "py"}, "python"},
		{"--profile's lang", []string{"--config", config, "--profile", "other"}, "java"},
		{"--profile without a lang: the opener's", []string{"--config", config, "--profile", "plain"}, "ruby"},
		{"the profile that opened it", []string{"--config", config}, "ruby"},
		{"no profile, no flag", []string{"--secret-env", "OPENER"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, c.Input, vars, append([]string{"decrypt", "--json"}, tc.args...)...)
			var got decryptResult
			decodeJSONInto(t, r.stdout, &got)
			lang := ""
			for _, d := range got.Diagnoses {
				if d.Code == "key_hex_digest" && d.FixCode != nil {
					lang = d.FixCode.Lang
				}
			}
			if lang != tc.want {
				t.Errorf("fix_code lang %q, want %q\n%s", lang, tc.want, r.stdout)
			}
			text := runCLI(t, c.Input, vars, append([]string{"decrypt"}, tc.args...)...)
			inLang := "in " + tc.want + " ("
			if tc.want == "" {
				inLang = "code: sealpeek snippet LANG --fix key_hex_digest"
			}
			if !strings.Contains(text.stderr, inLang) {
				t.Errorf("the text lacks %q:\n%s", inLang, text.stderr)
			}
		})
	}
}

// TestFixLangOfTheRole is the last resort: the one lang the profiles of
// the payload's role agree on, none when they disagree.
func TestFixLangOfTheRole(t *testing.T) {
	l := fixLangs{byName: map[string]string{"a": "go", "b": "go"}, byRole: map[crypto.Role]string{crypto.RoleOAuth: "go"}}
	if got := l.lang(crypto.RoleOAuth, ""); got != "go" {
		t.Errorf("the role's lang: got %q, want go", got)
	}
	if got := l.lang(crypto.RoleIdentity, ""); got != "" {
		t.Errorf("another role: got %q, want none", got)
	}
	config := filepath.Join(t.TempDir(), "profiles.toml")
	data := "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nlang = \"go\"\nsecret_env = \"A\"\n\n" +
		"[[profile]]\nname = \"b\"\nrole = \"oauth\"\nlang = \"php\"\nsecret_env = \"B\"\n\n" +
		"[[profile]]\nname = \"c\"\nrole = \"identity\"\nlang = \"golang\"\nsecret_env = \"C\"\n"
	if err := os.WriteFile(config, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	l = newFixLangs(&env{getenv: func(string) string { return "" }}, "", &secretFlags{store: storeFlags{config: config}})
	if got := l.lang(crypto.RoleOAuth, ""); got != "" {
		t.Errorf("two oauth profiles disagree: got %q, want none", got)
	}
	if got := l.lang(crypto.RoleIdentity, ""); got != "go" {
		t.Errorf("the one identity profile: got %q, want go", got)
	}
	if got := l.lang(crypto.RoleOAuth, "b"); got != "php" {
		t.Errorf("the profile used: got %q, want php", got)
	}
}

// TestLangFlagRefusesAnUnknownLanguage checks --lang's error: a usage error
// naming the flag and the languages there are.
func TestLangFlagRefusesAnUnknownLanguage(t *testing.T) {
	for _, verb := range []string{"decrypt", "hmac", "verify", "jwt"} {
		r := runCLI(t, "", nil, verb, "--lang", "cobol", "--secret-env", "X", "-")
		want := "invalid value for flag --lang: sealpeek has no snippets in \"cobol\"; the languages are php, node, python, ruby, go, java"
		if r.code != exitUsage || !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("%s --lang cobol: code %d, stderr %q", verb, r.code, r.stderr)
		}
	}
}

// TestGuessLangFromHeaders is the guess from a capture's X-Powered-By or
// Server header.
func TestGuessLangFromHeaders(t *testing.T) {
	for _, c := range []struct {
		headers []crypto.CaptureHeader
		lang    string
		from    string
	}{
		{[]crypto.CaptureHeader{{Name: "X-Powered-By", Value: "PHP/8.3.1"}}, "php", "X-Powered-By"},
		{[]crypto.CaptureHeader{{Name: "x-powered-by", Value: "Express"}}, "node", "X-Powered-By"},
		{[]crypto.CaptureHeader{{Name: "Server", Value: "gunicorn"}}, "python", "Server"},
		{[]crypto.CaptureHeader{{Name: "Server", Value: "Puma 6.4"}}, "ruby", "Server"},
		{[]crypto.CaptureHeader{{Name: "Server", Value: "Apache-Coyote/1.1"}}, "java", "Server"},
		{[]crypto.CaptureHeader{{Name: "Server", Value: "nginx"}, {Name: "X-Powered-By", Value: "Django"}}, "python", "X-Powered-By"},
		{[]crypto.CaptureHeader{{Name: "Server", Value: "nginx/1.25"}}, "", ""},
		{[]crypto.CaptureHeader{{Name: "User-Agent", Value: "Intercom-Webhooks/PHP"}}, "", ""},
	} {
		lang, from := guessLang(c.headers)
		if lang != c.lang || from != c.from {
			t.Errorf("%v: got %q from %q, want %q from %q", c.headers, lang, from, c.lang, c.from)
		}
	}
}
