package profile

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
)

// ConfigEnv is the environment variable that names the profiles file,
// overriding the default path (a --config flag overrides both).
const ConfigEnv = "SEALPEEK_CONFIG"

// ErrNoDefaultPath is wrapped by DefaultPath's error when the environment
// names no config directory.
var ErrNoDefaultPath = errors.New("there is no default profiles file")

// DefaultPath returns the profiles file to read when no --config is given:
// $SEALPEEK_CONFIG when set, else sealpeek/profiles.toml under
// $XDG_CONFIG_HOME, else ~/.config/sealpeek/profiles.toml, on Linux and
// macOS alike (command-line users look there, not in ~/Library/Application
// Support); on Windows %AppData%\sealpeek\profiles.toml. It reads the
// environment through getenv, so tests and callers control it.
func DefaultPath(getenv func(string) string) (string, error) {
	return defaultPath(runtime.GOOS, getenv)
}

// defaultPath is DefaultPath on the operating system goos, so that every
// system's rule is tested wherever the tests run.
func defaultPath(goos string, getenv func(string) string) (string, error) {
	if path := getenv(ConfigEnv); path != "" {
		return path, nil
	}
	dir, err := configDir(goos, getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "sealpeek", "profiles.toml"), nil
}

// configDir is the folder that holds sealpeek's folder of settings.
func configDir(goos string, getenv func(string) string) (string, error) {
	var dir string
	switch goos {
	case "windows":
		if dir = getenv("AppData"); dir == "" {
			return "", fmt.Errorf("%w: %%AppData%% is not set", ErrNoDefaultPath)
		}
		return dir, nil
	case "plan9":
		if dir = getenv("home"); dir == "" {
			return "", fmt.Errorf("%w: $home is not set", ErrNoDefaultPath)
		}
		return filepath.Join(dir, "lib"), nil
	}
	// The XDG rule, on macOS too: a relative $XDG_CONFIG_HOME is ignored,
	// as the XDG Base Directory specification says.
	if dir = getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return dir, nil
	}
	if dir = getenv("HOME"); dir == "" {
		return "", fmt.Errorf("%w: neither $XDG_CONFIG_HOME nor $HOME is set", ErrNoDefaultPath)
	}
	return filepath.Join(dir, ".config"), nil
}
