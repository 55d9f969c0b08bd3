package ui

import (
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// profileRow is what the list shows of one profile: never its value.
type profileRow struct {
	secret      crypto.Secret
	fingerprint string
	keyFP       string // fingerprint of the derived sheet key
	info        ProfileInfo
}

// profilesPane lists the profiles, filters them and adds session ones.
type profilesPane struct {
	rows      []profileRow
	cursor    int // index into visible()
	filter    textinput.Model
	filtering bool
	form      *profileForm // non-nil while adding a profile
	win       window
}

func newProfilesPane() profilesPane {
	f := textinput.New()
	f.Prompt = "filter: "
	f.Placeholder = "name, role, workspace or platform"
	return profilesPane{filter: f}
}

// visible returns the indexes of the rows the filter lets through.
func (p *profilesPane) visible() []int {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	out := make([]int, 0, len(p.rows))
	for i, r := range p.rows {
		s := r.secret
		if q == "" || strings.Contains(strings.ToLower(s.Name+" "+string(s.Role)+" "+s.Workspace+" "+s.Platform+" "+r.info.Source), q) {
			out = append(out, i)
		}
	}
	return out
}

// current returns the row under the cursor, or -1.
func (p *profilesPane) current() int {
	vis := p.visible()
	if len(vis) == 0 {
		return -1
	}
	p.cursor = min(max(p.cursor, 0), len(vis)-1)
	return vis[p.cursor]
}

func (p *profilesPane) move(n int) {
	p.cursor += n
	p.current()
}

// profileForm is the session-profile editor; the secret field is masked.
type profileForm struct {
	fields [5]textinput.Model // name, role, workspace, platform, secret
	focus  int
	err    string
}

const formSecret = 4

func newProfileForm(st *Styles) *profileForm {
	f := &profileForm{}
	labels := []string{"name      ", "role      ", "workspace ", "platform  ", "secret    "}
	hints := []string{"e.g. prod-oauth", "oauth, identity or messenger", "e.g. test, production", "e.g. web, ios, android", "typed masked; never shown"}
	for i := range f.fields {
		t := textinput.New()
		t.Prompt = labels[i]
		t.Placeholder = hints[i]
		t.SetStyles(st.Input)
		f.fields[i] = t
	}
	f.fields[1].SetValue(string(crypto.RoleOAuth))
	f.fields[formSecret].EchoMode = textinput.EchoPassword
	f.fields[formSecret].EchoCharacter = '•'
	f.fields[0].Focus()
	return f
}

func (f *profileForm) setFocus(i int) tea.Cmd {
	f.fields[f.focus].Blur()
	f.focus = (i + len(f.fields)) % len(f.fields)
	return f.fields[f.focus].Focus()
}

// secret checks the form and returns the profile it describes.
func (f *profileForm) secret(taken func(string) bool) (crypto.Secret, string) {
	name := strings.TrimSpace(f.fields[0].Value())
	role := crypto.Role(strings.TrimSpace(f.fields[1].Value()))
	value := f.fields[formSecret].Value()
	switch {
	case name == "":
		return crypto.Secret{}, "give the profile a name"
	case taken(name):
		return crypto.Secret{}, "a profile named '" + termtext.EscapeControl(name, false) + "' exists already"
	case !role.Valid():
		return crypto.Secret{}, "the role must be oauth, identity or messenger"
	case value == "":
		return crypto.Secret{}, "type the secret (it stays masked)"
	}
	return crypto.Secret{Name: name, Role: role, Workspace: strings.TrimSpace(f.fields[2].Value()),
		Platform: strings.TrimSpace(f.fields[3].Value()), Value: []byte(value)}, ""
}
