package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/demo"
	"github.com/sealpeek/sealpeek/profile"
)

// profilesFixture writes a profiles file with one profile of each source
// kind, and returns its path and the environment that completes it.
func profilesFixture(t *testing.T) (string, map[string]string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("secret_cmd needs sh")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "web.secret"), []byte(fileSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "profiles.toml")
	data := `# test profiles
[[profile]]
name = "test-oauth"
role = "oauth"
workspace = "test"
secret = "` + literalSecret + `"

[[profile]]
name = "prod-oauth"
role = "oauth"
workspace = "production"
secret_env = "PROD_OAUTH"

[[profile]]
name = "web"
role = "identity"
platform = "web"
secret_file = "web.secret"

[[profile]]
name = "messenger"
role = "messenger"
secret_cmd = "printf '%s' ` + commandSecret + `"
`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, map[string]string{profile.ConfigEnv: path, "PROD_OAUTH": envSecret}
}

func TestProfilesListShowsFingerprintsNotSecrets(t *testing.T) {
	path, vars := profilesFixture(t)
	r := runProf(t, "", vars, "profiles")
	if r.code != exitOK {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"Profiles in " + path,
		"NAME        ROLE       WORKSPACE   PLATFORM  SOURCE           FINGERPRINT  LENGTH",
		"test-oauth  oauth      test        -         literal          " + crypto.Fingerprint([]byte(literalSecret)),
		"prod-oauth  oauth      production  -         env $PROD_OAUTH  " + crypto.Fingerprint([]byte(envSecret)),
		"web         identity   -           web       file web.secret  " + crypto.Fingerprint([]byte(fileSecret)),
		"messenger   messenger  -           -         command          " + crypto.Fingerprint([]byte(commandSecret)),
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the list lacks %q:\n%s", want, r.stdout)
		}
	}

	r = runProf(t, "", vars, "profiles", "list", "--json")
	var result profilesResult
	decodeJSONInto(t, r.stdout, &result)
	if !result.OK || result.Path != path || !result.Exists || len(result.Profiles) != 4 {
		t.Fatalf("got %+v", result)
	}
	web := result.Profiles[2]
	if web.Name != "web" || web.Source != profile.SourceFile || web.Ref != "web.secret" || web.Line != 14 ||
		web.Fingerprint != crypto.Fingerprint([]byte(fileSecret)) || web.Length != len(fileSecret) {
		t.Errorf("web: %+v", web)
	}
	if result.Profiles[3].Ref != "" {
		t.Errorf("the command of a secret_cmd is shown: %+v", result.Profiles[3])
	}
}

func TestProfilesCheck(t *testing.T) {
	path, vars := profilesFixture(t)
	if r := runProf(t, "", vars, "profiles", "check"); r.code != exitOK || !strings.Contains(r.stdout, path+": 4 profiles, every secret readable, no problems found.") {
		t.Fatalf("clean file: %+v", r)
	}
	delete(vars, "PROD_OAUTH")
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n[[profile]]\nname = \"app-id\"\nrole = \"identity\"\nsecret_cmd = \"echo ' ab12cd34'\"\n")
	f.Close()
	r := runProf(t, "", vars, "profiles", "check", "--json")
	var result profilesResult
	decodeJSONInto(t, r.stdout, &result)
	var got []string
	for _, p := range result.Problems {
		got = append(got, p.Profile+":"+string(p.Code))
	}
	want := "prod-oauth:secret_env_unset app-id:secret_surrounding_whitespace app-id:app_id_as_secret"
	if r.code != exitMismatch || result.OK || strings.Join(got, " ") != want {
		t.Fatalf("code %d, problems %v; want %s", r.code, got, want)
	}
	r = runProf(t, "", vars, "profiles", "check")
	if r.code != exitMismatch || !strings.Contains(r.stdout, "5 profiles, 3 problems:\nerror secret_env_unset: profile 'prod-oauth' reads the environment variable PROD_OAUTH") {
		t.Errorf("text: %+v", r)
	}
}

func TestProfilesCheckReportsARefusedFile(t *testing.T) {
	dir := t.TempDir()
	malformed := filepath.Join(dir, "malformed.toml")
	os.WriteFile(malformed, []byte("[[profile]]\nname = \"a\"\nrole = \"root\"\nsecret_env = \"A\"\n"), 0o600)
	r := runProf(t, "", nil, "profiles", "check", "--config", malformed, "--json")
	var result profilesResult
	decodeJSONInto(t, r.stdout, &result)
	if r.code != exitMismatch || len(result.Problems) != 1 || result.Problems[0].Code != profile.CodeFileInvalid ||
		!strings.Contains(result.Problems[0].Message, malformed+` line 3, field role: "root" is not a role`) {
		t.Errorf("malformed: code %d, %+v", r.code, result)
	}
	if r := runProf(t, "", nil, "profiles", "--config", malformed); r.code != exitUsage || !strings.Contains(r.stderr, "error profiles_file_invalid: "+malformed+" line 3") {
		t.Errorf("listing a malformed file: %+v", r)
	}
	missing := filepath.Join(dir, "missing.toml")
	if r := runProf(t, "", nil, "profiles", "--config", missing); r.code != exitOK || !strings.HasPrefix(r.stdout, "No profiles in "+missing+" (the file does not exist yet).") {
		t.Errorf("listing a missing file: %+v", r)
	}
	if runtime.GOOS == "windows" {
		return
	}
	open := filepath.Join(dir, "open.toml")
	os.WriteFile(open, []byte("[[profile]]\nname = \"a\"\nrole = \"oauth\"\nsecret = \""+literalSecret+"\"\n"), 0o600)
	os.Chmod(open, 0o644)
	r = runProf(t, "", nil, "profiles", "check", "--config", open)
	if r.code != exitMismatch || !strings.Contains(r.stdout, "error profiles_file_permissions: ") || !strings.Contains(r.stdout, "fix: Run: chmod 600 "+open) {
		t.Errorf("open file: %+v", r)
	}
	r = runProf(t, "x", nil, "decrypt", "--config", open)
	if r.code != exitUsage || !strings.Contains(r.stderr, "lets group and others read it; run: chmod 600 "+open) {
		t.Errorf("decrypt with an open file: %+v", r)
	}
}

func TestDemoProfilesList(t *testing.T) {
	r := runProf(t, "", nil, "profiles", "--demo")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "Demo profiles (built in; their secrets are fake):") {
		t.Fatalf("%+v", r)
	}
	for _, s := range demo.Samples() {
		if !strings.Contains(r.stdout, "# "+s.Name+": ") || !strings.Contains(r.stdout, "--profile "+s.Chosen) {
			t.Errorf("the list does not show how to run %s", s.Name)
		}
	}
	if r := runProf(t, "", nil, "profiles", "check", "--demo"); r.code != exitOK {
		t.Errorf("the demo profiles have problems: %+v", r)
	}
}

func TestDemoSamplesThroughTheCLI(t *testing.T) {
	for _, s := range demo.Samples() {
		t.Run(s.Name, func(t *testing.T) {
			var args []string
			stdin := ""
			switch s.Kind {
			case demo.SheetUser:
				args, stdin = []string{"decrypt", "--demo", "--json"}, s.Input
			case demo.UserData:
				args = []string{"hmac", "--demo", "--json", "--expect", s.Expect, s.Input}
			}
			// Without --profile every profile is tried: the sample's own is found.
			var result struct {
				OK        bool               `json:"ok"`
				Profile   string             `json:"profile"`
				Diagnoses []crypto.Diagnosis `json:"diagnoses"`
			}
			r := runProf(t, stdin, nil, args...)
			decodeJSONInto(t, r.stdout, &result)
			if s.Mistake != "uppercase_hex" && (r.code != exitOK || !result.OK || result.Profile != s.Profile) {
				t.Errorf("every profile tried: code %d, %+v; want %s", r.code, result, s.Profile)
			}
			// With the profile a user would choose, a wrong-profile sample says so.
			r = runProf(t, stdin, nil, append(args, "--profile", s.Chosen)...)
			result.Diagnoses = nil
			decodeJSONInto(t, r.stdout, &result)
			wrong := false
			for _, d := range result.Diagnoses {
				wrong = wrong || d.Code == "wrong_profile"
			}
			if s.Chosen != s.Profile && (r.code != exitMismatch || !wrong || result.Profile != s.Profile) {
				t.Errorf("chosen %s: code %d, %+v; want wrong_profile and profile %s", s.Chosen, r.code, result, s.Profile)
			}
			if s.Chosen == s.Profile && s.Mistake == "" && (r.code != exitOK || wrong || result.Profile != s.Profile) {
				t.Errorf("chosen %s: code %d, %+v", s.Chosen, r.code, result)
			}
		})
	}
}

func TestProfileFlagsOnTheVerbs(t *testing.T) {
	path, vars := profilesFixture(t)
	user := `{"id":"42"}`
	r := runProf(t, user, vars, "encrypt")
	if r.code != exitUsage || !strings.Contains(r.stderr, "2 profiles have role oauth (test-oauth, prod-oauth): pass --profile NAME to say which one to use") {
		t.Errorf("encrypt must not guess between two oauth profiles: %+v", r)
	}
	r = runProf(t, user, vars, "encrypt", "--profile", "prod-oauth", "--json")
	var sealed struct{ Encoded, Profile string }
	decodeJSONInto(t, r.stdout, &sealed)
	if r.code != exitOK || sealed.Profile != "prod-oauth" {
		t.Fatalf("encrypt --profile: %+v", r)
	}
	r = runProf(t, sealed.Encoded, vars, "decrypt", "--json", "--profile", "test-oauth")
	if r.code != exitMismatch || !strings.Contains(r.stdout, `"profile": "prod-oauth"`) || !strings.Contains(r.stdout, `"code": "wrong_profile"`) {
		t.Errorf("decrypt with the other profile chosen: %+v", r)
	}
	r = runProf(t, "", vars, "hmac", "--json", "user-1")
	if r.code != exitOK || !strings.Contains(r.stdout, `"profile": "web"`) || !strings.Contains(r.stderr, "") ||
		!strings.Contains(r.stdout, crypto.UserHash([]byte(fileSecret), []byte("user-1"))) {
		t.Errorf("hmac uses the only identity profile: %+v", r)
	}

	for name, c := range map[string]struct {
		vars map[string]string
		args []string
		want string
	}{
		"unknown profile":       {vars, []string{"decrypt", "--profile", "nope"}, "no profile named 'nope' in " + path + "; the profiles are: test-oauth, prod-oauth, web, messenger"},
		"profile and env":       {vars, []string{"decrypt", "--profile", "web", "--secret-env", "X"}, "not both"},
		"demo and config":       {vars, []string{"decrypt", "--demo", "--config", path}, "give --demo or --config, not both"},
		"no profiles":           {map[string]string{profile.ConfigEnv: path + ".missing"}, []string{"decrypt"}, "no secret: pass --secret-env VAR or --secret-file PATH, add a profile to " + path + ".missing"},
		"no config dir":         {nil, []string{"decrypt"}, "no secret: pass --secret-env VAR or --secret-file PATH, or --config PATH for profiles"},
		"chosen cannot be read": {map[string]string{profile.ConfigEnv: path}, []string{"decrypt", "--profile", "prod-oauth"}, "profile 'prod-oauth' reads the environment variable PROD_OAUTH, which is not set"},
	} {
		r := runProf(t, "x", c.vars, c.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: code %d stderr %q; want …%s…", name, r.code, r.stderr, c.want)
		}
	}

	// --config wins over SEALPEEK_CONFIG, which wins over the default.
	other := filepath.Join(t.TempDir(), "other.toml")
	os.WriteFile(other, []byte("[[profile]]\nname = \"other\"\nrole = \"identity\"\nsecret_env = \"PROD_OAUTH\"\n"), 0o600)
	if r := runProf(t, "", vars, "hmac", "--config", other, "--json", "x"); !strings.Contains(r.stdout, `"profile": "other"`) {
		t.Errorf("--config: %+v", r)
	}
	if runtime.GOOS == "linux" {
		home := t.TempDir()
		os.MkdirAll(filepath.Join(home, ".config", "sealpeek"), 0o700)
		os.Rename(other, filepath.Join(home, ".config", "sealpeek", "profiles.toml"))
		r := runProf(t, "", map[string]string{"HOME": home, "PROD_OAUTH": envSecret}, "hmac", "--json", "x")
		if !strings.Contains(r.stdout, `"profile": "other"`) {
			t.Errorf("default path under HOME: %+v", r)
		}
	}
}

func TestUnreadableProfilesAreNotedNotFatal(t *testing.T) {
	_, vars := profilesFixture(t)
	delete(vars, "PROD_OAUTH")
	sample, _ := demo.SampleByName("sheet-user")
	// The test-oauth secret here is not the demo one, so seal a user with it.
	r := runProf(t, `{"id":"1"}`, vars, "encrypt", "--profile", "test-oauth")
	encoded := strings.TrimSpace(r.stdout)
	r = runProf(t, encoded, vars, "decrypt", "--json")
	if r.code != exitOK || !strings.Contains(r.stdout, "profile 'prod-oauth' reads the environment variable PROD_OAUTH, which is not set or is empty; skipped it") {
		t.Errorf("an oauth profile that cannot be read is noted: %+v", r)
	}
	if strings.Contains(r.stdout, "messenger") {
		t.Errorf("problems of profiles of other roles are only counted: %s", r.stdout)
	}
	r = runProf(t, sample.Input, vars, "decrypt")
	if r.code != exitMismatch || !strings.Contains(r.stderr, "auth_failed") {
		t.Errorf("a demo sample with other secrets: %+v", r)
	}
}
