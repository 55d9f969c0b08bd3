package ui

import (
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

// Options is everything the terminal UI starts from. The caller resolves
// secrets (reading files, environment variables, commands); the UI only
// holds them to build a keyring and never renders them.
type Options struct {
	// Secrets are the resolved profiles, in the user's order.
	Secrets []crypto.Secret
	// Profiles carries what the profile list shows besides the secret:
	// where each came from and what is wrong with it. Matched by name; a
	// secret without an entry shows no source and no problems.
	Profiles []ProfileInfo
	// Chosen is the name of the profile the user picked, "" for none.
	Chosen string
	// Input prefills the input pane (a file or piped standard input).
	Input []byte
	// Expected prefills the expected digest.
	Expected string
	// Samples are the payloads demo mode cycles through; empty otherwise.
	Samples []Sample
	// SaveProfile appends a session profile to the profiles file and says
	// where, and what it did to the file beside adding the profile (its mode
	// made private); nil when saving is unavailable.
	// The profile is what the form described: a typed secret as a literal
	// (profile.Profile.WithSecret), else the source's reference.
	SaveProfile func(profile.Profile) (saved string, err error)
	// ResolveProfile reads the secret of a profile being added in the
	// form from its source (an environment variable, a file, a command),
	// with the hygiene checks of the profiles file's; nil when only typed
	// secrets can be added. The UI calls it off the update loop.
	ResolveProfile func(profile.Profile) profile.Resolved
	// Clipboard copies values; nil uses NewClipboard(false).
	Clipboard Clipboard
	// Notice starts on the status line and stays until another message
	// replaces it: what the caller could not do, such as profiles it could
	// not read.
	Notice string
	// Lang is the language the Fix pane shows a diagnosis's fix in first
	// (php, node, python, ruby, go or java, or an alias snippets.Language
	// takes: js, py...); "" or an unknown name opens it in the first, with
	// the language key shown so the user picks. The language picked there
	// then stays for the session.
	Lang string
	// NoColor renders without colours (NO_COLOR), keeping the textual marks.
	NoColor bool
	// Now is the clock JWT validity times are checked against; nil is
	// time.Now. Tests stop it.
	Now func() time.Time
	// ProfilesFile is where the profiles were read from, for the welcome
	// shown while the input is empty ("" when they came from flags or the
	// demo); ProfilesMissing says the file does not exist yet.
	ProfilesFile    string
	ProfilesMissing bool
	// ReadProfiles, when set, reads the profiles' secrets (files,
	// environment, commands) and reports each; Reading says how many it
	// reads. The UI draws at once and runs it in the background: a
	// password manager's command may take seconds. Profiles that cannot
	// be read are named on the status line.
	ReadProfiles func() []profile.Resolved
	Reading      int
	// Requests, when set, is the feed of requests 'sealpeek listen'
	// receives: the UI opens on the Requests pane, which lists them as they
	// come. Listening is the URL listened on; Replay, when set, sends a
	// request again and says where and what was answered.
	Requests  <-chan Received
	Listening string
	Replay    func(raw []byte) (string, error)
	// Width and Height are the terminal's size when the caller knows it:
	// the first frame is then drawn at once, not after the program's first
	// resize message, a frame later.
	Width, Height int
}

// ProfileInfo is the non-secret metadata of one profile.
type ProfileInfo struct {
	Name string
	// Source is how the secret was given: a profiles-file key ("secret",
	// "secret_env", "secret_file", "secret_cmd"), "session" or "saved".
	Source string
	// Ref is the environment variable or file the secret is read from, for
	// secret_env and secret_file; it is never shown for a command, whose
	// text may carry a token.
	Ref      string
	Problems []crypto.Diagnosis // hygiene findings about the secret itself
}

// Sample is one demo payload.
type Sample struct {
	Name        string
	Kind        string // a Kind's name ("sheet user", "user data"...), "" to detect
	Input       []byte
	Expect      string // the expected digest, for user data
	Chosen      string // the profile to check it with, chosen when the sample is shown; "" keeps the choice
	Description string // one sentence on what the sample shows
}
