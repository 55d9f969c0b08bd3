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
// $SEALPEEK_CONFIG when set, else profiles.toml in the sealpeek folder of
// the user's config directory, as os.UserConfigDir finds it
// (~/.config/sealpeek/profiles.toml on Linux). It reads the environment
// through getenv, so tests and callers control it.
func DefaultPath(getenv func(string) string) (string, error) {
	if path := getenv(ConfigEnv); path != "" {
		return path, nil
	}
	dir, err := userConfigDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "sealpeek", "profiles.toml"), nil
}

// userConfigDir is os.UserConfigDir reading the environment through getenv.
func userConfigDir(getenv func(string) string) (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows":
		if dir = getenv("AppData"); dir == "" {
			return "", fmt.Errorf("%w: %%AppData%% is not set", ErrNoDefaultPath)
		}
		return dir, nil
	case "darwin", "ios":
		if dir = getenv("HOME"); dir == "" {
			return "", fmt.Errorf("%w: $HOME is not set", ErrNoDefaultPath)
		}
		return filepath.Join(dir, "Library", "Application Support"), nil
	case "plan9":
		if dir = getenv("home"); dir == "" {
			return "", fmt.Errorf("%w: $home is not set", ErrNoDefaultPath)
		}
		return filepath.Join(dir, "lib"), nil
	}
	if dir = getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return dir, nil
	}
	if dir = getenv("HOME"); dir == "" {
		return "", fmt.Errorf("%w: neither $XDG_CONFIG_HOME nor $HOME is set", ErrNoDefaultPath)
	}
	return filepath.Join(dir, ".config"), nil
}
