package ui

import (
	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

// shared is the state the panes share: the input, the latest analysis,
// the profiles and the keyring, the styles and keys. Panes read it through
// their paneContext; only the root writes it, the input pane aside, which
// owns the input's bytes.
type shared struct {
	st   Styles
	keys KeyMap

	kind     Kind // what the input is (detected or overridden)
	override Kind // KindAuto to detect
	input    inputText

	result  *analysis // the latest applied analysis
	pending bool      // a request newer than result runs or waits to

	secrets     []crypto.Secret
	profileRows []profileRow // one per secret, in the keyring's order
	ring        *crypto.Keyring
	chosen      string
	save        func(profile.Profile) (string, error) // nil when saving is unavailable
	// resolveProfile reads the secret of a profile being added from its
	// source; nil when only typed secrets can be added.
	resolveProfile func(profile.Profile) profile.Resolved
	sources        map[string]profile.Profile // session profiles: where their secret comes from, for saving
	reading        int                        // profiles still being read in the background
	welcome        welcome                    // what the empty input says
	unreadable     []unreadableProfile        // profiles whose secret could not be read

	samples []Sample
	sample  int // index of the sample shown, -1 for none
}

// worked returns the keyring index of the profile that opened or matched
// the input, or -1.
func (s *shared) worked() int {
	if s.result == nil || s.pending {
		return -1
	}
	return s.result.worked
}

// shownResult is the latest analysis when it is of the current kind, for
// Pane.Shows.
func (s *shared) shownResult() *analysis {
	if s.result != nil && s.result.kind == s.kind {
		return s.result
	}
	return nil
}

// workingThreshold is the input size above which the diagnostics pane says
// it is working rather than keep showing the previous input's findings.
const workingThreshold = 64 << 10

// working reports whether a large input is being analysed: its findings
// are not in yet.
func (s *shared) working() bool { return s.pending && s.input.size() >= workingThreshold }

// profileRow is what the UI shows of one profile: never its value.
type profileRow struct {
	secret      crypto.Secret
	fingerprint string
	keyFP       string // fingerprint of the derived sheet key
	info        ProfileInfo
}

// welcome is what the input says while it is empty: where the profiles
// come from, so a first run shows where to put them.
type welcome struct {
	file    string // the profiles file, "" when none was read
	missing bool   // it does not exist yet
	demo    bool   // the demo's samples are loaded
}

// unreadableProfile is a profile whose secret could not be read: listed,
// so it is seen rather than silently missing, but never tried.
type unreadableProfile struct {
	name string
	code crypto.Code
}
