package profile

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

const completeExample = `# sealpeek profiles
[[profile]]
name = "test-oauth"
role = "oauth"
workspace = "test"
secret_env = "INTERCOM_TEST_CLIENT_SECRET"

[[profile]]
name = "prod-oauth"          # the production app
role = "oauth"
workspace = "production"
secret_cmd = "op read op://dev/intercom/client-secret"

[[profile]]
name = "web-identity"
role = "identity"
workspace = "production"
platform = "web"
secret_file = "~/.secrets/intercom-web"

[[profile]]
name = "messenger"
role = "messenger"
secret = 'literal-NOT-A-REAL-SECRET'
`

func TestParseCompleteExample(t *testing.T) {
	store, err := Parse([]byte(completeExample), "profiles.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := []Profile{
		{Name: "test-oauth", Role: crypto.RoleOAuth, Workspace: "test", Source: SourceEnv, Ref: "INTERCOM_TEST_CLIENT_SECRET", Line: 2},
		{Name: "prod-oauth", Role: crypto.RoleOAuth, Workspace: "production", Source: SourceCommand, Ref: "op read op://dev/intercom/client-secret", Line: 8},
		{Name: "web-identity", Role: crypto.RoleIdentity, Workspace: "production", Platform: "web", Source: SourceFile, Ref: "~/.secrets/intercom-web", Line: 14},
		{Name: "messenger", Role: crypto.RoleMessenger, Source: SourceLiteral, Line: 21},
	}
	if len(store.Profiles) != len(want) {
		t.Fatalf("got %d profiles, want %d", len(store.Profiles), len(want))
	}
	for i, w := range want {
		got := store.Profiles[i]
		got.literal = nil
		if !reflect.DeepEqual(got, w) {
			t.Errorf("profile %d: got %+v, want %+v", i, store.Profiles[i], w)
		}
	}
	if string(store.Profiles[3].literal) != "literal-NOT-A-REAL-SECRET" {
		t.Error("the literal secret was not kept")
	}
	if got := strings.Join(store.Names(), ","); got != "test-oauth,prod-oauth,web-identity,messenger" {
		t.Errorf("Names() = %s", got)
	}
	if _, ok := store.Find("web-identity"); !ok {
		t.Error("Find did not find web-identity")
	}
}

func TestProfileNeverPrintsItsLiteral(t *testing.T) {
	store, err := Parse([]byte(completeExample), "profiles.toml")
	if err != nil {
		t.Fatal(err)
	}
	p := store.Profiles[3]
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		if out := fmt.Sprintf(format, p); strings.Contains(out, "NOT-A-REAL") || strings.Contains(out, "4e4f542d") {
			t.Errorf("%s shows the secret: %s", format, out)
		}
	}
	if out := fmt.Sprintf("%+v", []Profile{p}); strings.Contains(out, "NOT-A-REAL") {
		t.Errorf("a slice of profiles shows the secret: %s", out)
	}
}

func TestParseLang(t *testing.T) {
	data := `[[profile]]
name = "php-app"
role = "oauth"
lang = "php"
secret_env = "A"

[[profile]]
name = "node-app"
role = "identity"
lang = "JS"   # an alias, in any case
secret_env = "B"

[[profile]]
name = "no-lang"
role = "messenger"
secret_env = "C"
`
	store, err := Parse([]byte(data), "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range store.Profiles {
		got = append(got, p.Name+"="+p.Lang)
	}
	if want := "php-app=php node-app=node no-lang="; strings.Join(got, " ") != want {
		t.Errorf("langs: got %s, want %s", strings.Join(got, " "), want)
	}
}

func TestParseEmptyAndCommentsOnly(t *testing.T) {
	for _, data := range []string{"", "# nothing yet\n\n"} {
		store, err := Parse([]byte(data), "p.toml")
		if err != nil || len(store.Profiles) != 0 {
			t.Errorf("%q: got %v, %v; want an empty store", data, store, err)
		}
	}
}

func TestParseInlineTablesHaveNoLines(t *testing.T) {
	store, err := Parse([]byte(`profile = [{name = "a", role = "oauth", secret_env = "A"}, {name = "b", role = "identity", secret_env = "B"}]`), "p.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(store.Profiles) != 2 || store.Profiles[1].Name != "b" || store.Profiles[1].Line != 0 {
		t.Errorf("got %+v", store.Profiles)
	}
}

func TestParseMultilineStringDoesNotConfuseLines(t *testing.T) {
	data := "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_cmd = '''\nprintf '%s' \\\n[[profile]]\n'''\n\n[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_env = \"X\"\n"
	_, err := Parse([]byte(data), "p.toml")
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Line != 10 || ce.Field != "name" {
		t.Fatalf("got %v; want the duplicate name at line 10", err)
	}
}

func TestParseRefusals(t *testing.T) {
	cases := []struct {
		name, data string
		line       int
		field      string
		reason     string
	}{
		{"syntax", "[[profile]]\nname = \"a\nrole = \"oauth\"\n", 2, "name", "not valid TOML"},
		{"duplicate name", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_env = \"A\"\n\n[[profile]]\nname = \"a\"\nrole = \"identity\"\nsecret = \"s3cr3t-NOT-REAL\"\n", 7, "name", "the name 'a' is already used by the profile at line 1; names must be unique"},
		{"two sources", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_env = \"A\"\nsecret = \"s3cr3t-NOT-REAL\"\n", 5, "secret", "the profile already has secret_env; give exactly one of"},
		{"no source", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\n", 1, "secret", "profile 'a' has no secret source: add one of secret_env, secret_file, secret_cmd or secret"},
		{"unknown role", "[[profile]]\nname = \"a\"\nrole = \"admin\"\nsecret_env = \"A\"\n", 3, "role", `"admin" is not a role; use oauth, identity or messenger`},
		{"missing role", "[[profile]]\nname = \"a\"\nsecret_env = \"A\"\n", 1, "role", "profile 'a' needs a role"},
		{"missing name", "\n[[profile]]\nrole = \"oauth\"\nsecret_env = \"A\"\n", 2, "name", "a profile needs a name"},
		{"unknown key", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_command = \"pass x\"\n", 4, "secret_command", `unknown key "secret_command"`},
		{"not a string", "[[profile]]\nname = \"a\"\nrole = 3\nsecret_env = \"A\"\n", 3, "role", "role must be a string in quotes, not an integer"},
		{"unknown table", "[profiles]\nname = \"a\"\n", 1, "profiles", `unknown key "profiles"; the file holds only [[profile]] tables`},
		{"profile not a table", "profile = 3\n", 1, "profile", "profile must be a list of tables"},
		{"empty literal", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret = \"\"\n", 4, "secret", "profile 'a' has an empty secret"},
		{"empty env", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_env = \" \"\n", 4, "secret_env", "profile 'a' has an empty secret_env"},
		{"env with dollar", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_env = \"$A\"\n", 4, "secret_env", "is not an environment variable name"},
		{"control in name", "[[profile]]\nname = \"a\\u001b[31m\"\nrole = \"oauth\"\nsecret_env = \"A\"\n", 2, "name", "U+001B, a control or invisible character, at character 2"},
		{"zero width space in name", "[[profile]]\nname = \"prod\\u200b\"\nrole = \"oauth\"\nsecret_env = \"A\"\n", 2, "name", "U+200B, a control or invisible character, at character 5, so it would look like another name"},
		{"bidi override in name", "[[profile]]\nname = \"a\\u202eb\"\nrole = \"oauth\"\nsecret_env = \"A\"\n", 2, "name", "U+202E"},
		{"unknown lang", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nlang = \"cobol\"\nsecret_env = \"A\"\n", 4, "lang", `sealpeek has no snippets in "cobol"; use php, node, python, ruby, go or java`},
		{"lang not a string", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret_env = \"A\"\nlang = [\"php\"]\n", 5, "lang", "lang must be a string in quotes, not a list"},
		{"bidi isolate in workspace", "[[profile]]\nname = \"a\"\nrole = \"oauth\"\nworkspace = \"x\\u2066\"\nsecret_env = \"A\"\n", 4, "workspace", "invisible character"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.data), "p.toml")
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v; want a *ConfigError", err)
			}
			if ce.Line != c.line || ce.Field != c.field || !strings.Contains(ce.Reason, c.reason) {
				t.Errorf("got line %d field %q reason %q\nwant line %d field %q reason containing %q", ce.Line, ce.Field, ce.Reason, c.line, c.field, c.reason)
			}
			if !strings.HasPrefix(err.Error(), "p.toml line ") {
				t.Errorf("the error does not start with where: %s", err)
			}
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("the error shows the secret: %s", err)
			}
		})
	}
}
