package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/demo"

	"github.com/sealpeek/sealpeek/profile"
)

// DemoOrigin names the demo profiles in messages.
const DemoOrigin = "the demo profiles (--demo)"

// DemoOptions are what 'sealpeek --demo' starts from: the demo profiles
// file (demo.Profiles) parsed and resolved as any profiles file is,
// and the demo samples (demo.Samples), each choosing the profile it
// is shown with. The caller adds what depends on the terminal: the
// clipboard, NO_COLOR, a prefilled input. The golden tests start from the
// same options, so what they check is what a new user sees.
func DemoOptions() (Options, error) {
	store, err := profile.Parse(demo.Profiles(), DemoOrigin)
	if err != nil {
		return Options{}, err
	}
	var opts Options
	// The demo secrets are literals: resolving them reads nothing.
	if bad := opts.AddProfiles(store.Resolve(context.Background(), func(string) string { return "" })); len(bad) > 0 {
		return opts, fmt.Errorf("%s: %s could not be read", DemoOrigin, strings.Join(bad, ", "))
	}
	for _, s := range demo.Samples() {
		kind := "" // a sheet user, bare or in a body: detected
		if s.Kind == demo.UserData {
			kind = KindUserData.String()
		}
		opts.Samples = append(opts.Samples, Sample{Name: s.Name, Kind: kind, Input: []byte(s.Input),
			Expect: s.Expect, Chosen: s.Chosen, Description: s.Description})
	}
	return opts, nil
}

// AddProfiles adds the profiles whose secrets were read, each with where
// its secret comes from and its hygiene problems, and returns those that
// could not be read, as "'name' (code)".
func (o *Options) AddProfiles(resolved []profile.Resolved) (unreadable []string) {
	for _, r := range resolved {
		if !r.OK() {
			unreadable = append(unreadable, fmt.Sprintf("'%s' (%s)", r.Profile.Name, r.Err.Code))
			continue
		}
		info := ProfileInfo{Name: r.Profile.Name, Source: string(r.Profile.Source)}
		if r.Profile.Source == profile.SourceEnv || r.Profile.Source == profile.SourceFile {
			info.Ref = r.Profile.Ref
		}
		for _, w := range r.Warnings {
			info.Problems = append(info.Problems, w.Diagnosis)
		}
		o.Secrets = append(o.Secrets, r.Secret)
		o.Profiles = append(o.Profiles, info)
	}
	return unreadable
}
