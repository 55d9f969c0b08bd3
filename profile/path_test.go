package profile

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	for _, c := range []struct {
		goos string
		vars map[string]string
		want string
	}{
		{"linux", map[string]string{ConfigEnv: "/etc/x.toml", "HOME": "/home/a"}, "/etc/x.toml"},
		{"linux", map[string]string{"HOME": "/home/a"}, "/home/a/.config/sealpeek/profiles.toml"},
		{"linux", map[string]string{"HOME": "/home/a", "XDG_CONFIG_HOME": "/cfg"}, "/cfg/sealpeek/profiles.toml"},
		{"linux", map[string]string{"HOME": "/home/a", "XDG_CONFIG_HOME": "relative"}, "/home/a/.config/sealpeek/profiles.toml"},
		// macOS as command-line users expect it: not ~/Library/Application Support.
		{"darwin", map[string]string{"HOME": "/Users/a"}, "/Users/a/.config/sealpeek/profiles.toml"},
		{"darwin", map[string]string{"HOME": "/Users/a", "XDG_CONFIG_HOME": "/Users/a/cfg"}, "/Users/a/cfg/sealpeek/profiles.toml"},
		{"darwin", map[string]string{ConfigEnv: "/tmp/p.toml", "HOME": "/Users/a"}, "/tmp/p.toml"},
		{"windows", map[string]string{"AppData": `C:\Users\a\AppData\Roaming`, "HOME": "/x"}, filepath.Join(`C:\Users\a\AppData\Roaming`, "sealpeek", "profiles.toml")},
	} {
		got, err := defaultPath(c.goos, env(c.vars))
		if err != nil || got != c.want {
			t.Errorf("%s with %v: got %q, %v; want %q", c.goos, c.vars, got, err, c.want)
		}
	}
	if _, err := defaultPath("linux", env(nil)); !errors.Is(err, ErrNoDefaultPath) || err.Error() != "there is no default profiles file: neither $XDG_CONFIG_HOME nor $HOME is set" {
		t.Errorf("with no HOME: got %v", err)
	}
	if _, err := defaultPath("windows", env(map[string]string{"HOME": "/x"})); !errors.Is(err, ErrNoDefaultPath) {
		t.Errorf("windows with no AppData: got %v", err)
	}
}
