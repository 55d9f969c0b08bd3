package ui

import (
	"slices"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// profileForm is the profiles pane's session-profile editor; the secret
// field is masked.
type profileForm struct {
	fields [5]textinput.Model // name, role, workspace, platform, secret
	focus  int
	err    string
	note   string // what was done to a pasted secret
}

// The fields of the form, by index.
const (
	formRole   = 1
	formSecret = 4
)

func newProfileForm(st *Styles) *profileForm {
	f := &profileForm{}
	labels := []string{"name      ", "role      ", "workspace ", "platform  ", "secret    "}
	hints := []string{"e.g. prod-oauth", "←/→ to choose", "e.g. test, production", "e.g. web, ios, android", "typed masked; never shown"}
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

// update gives a message that is not a key (a paste, a cursor blink) to
// the field being typed in. A secret pasted with its line break loses that
// one break, as a secret file's does; the field would keep it as a space.
func (f *profileForm) update(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok && f.focus == formSecret {
		if t, cut := cutOneLineBreak(p.Content); cut {
			msg = tea.PasteMsg{Content: t}
			f.note = "trimmed the line break the paste ended with"
		}
	}
	var cmd tea.Cmd
	f.fields[f.focus], cmd = f.fields[f.focus].Update(msg)
	return cmd
}

// cutOneLineBreak removes one final "\n" or "\r\n".
func cutOneLineBreak(s string) (string, bool) {
	if t, ok := strings.CutSuffix(s, "\r\n"); ok {
		return t, true
	}
	return strings.CutSuffix(s, "\n")
}

// formEnd says how a key left the form.
type formEnd int

const (
	formOpen      formEnd = iota // still being filled in
	formCancelled                // esc
	formAdded                    // the profile was added (and, on ctrl+s, saved)
)

// key edits the form: tab moves between fields, enter adds the profile
// for this session, ctrl+s adds and saves it, esc cancels.
func (f *profileForm) key(c *paneContext, k tea.KeyPressMsg) (tea.Cmd, formEnd) {
	switch k.String() {
	case "esc":
		return c.setStatus("no profile added", false), formCancelled
	case "tab", "down":
		return f.setFocus(f.focus + 1), formOpen
	case "shift+tab", "up":
		return f.setFocus(f.focus - 1), formOpen
	case "left", "right", "space", " ":
		if f.focus == formRole {
			// The role is a choice of three, not free text.
			f.cycleRole(map[bool]int{true: -1, false: 1}[k.String() == "left"])
			return nil, formOpen
		}
	case "enter", "ctrl+s":
		secret, problem := f.secret(func(name string) bool { return c.ring.Find(name) >= 0 })
		if problem != "" {
			f.err = problem
			return nil, formOpen
		}
		return c.addProfile(secret, k.String() == "ctrl+s"), formAdded
	}
	if f.focus == formRole && isText(k) {
		return nil, formOpen // typed letters would make a role that is none
	}
	cmd := f.update(k)
	f.err = ""
	return cmd, formOpen
}

// cycleRole moves the role to the next (or previous) of crypto.Roles.
func (f *profileForm) cycleRole(step int) {
	i := slices.Index(crypto.Roles, crypto.Role(f.fields[formRole].Value()))
	i = (i + step + len(crypto.Roles)) % len(crypto.Roles)
	f.fields[formRole].SetValue(string(crypto.Roles[i]))
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

// rows are the form's heading, its fields, and what is wrong with the
// secret as typed: the hygiene checks run on every key, so whitespace, an
// app_id or an access token is said before the profile is added, not after
// a restart.
func (f *profileForm) rows(c *paneContext, w int) []string {
	out := []string{c.st.Label.Render("New session profile: enter adds it, ctrl+s adds and saves, esc cancels")}
	for i := range f.fields {
		// Without a width a field shows one letter of its placeholder.
		f.fields[i].SetWidth(max(w-len(f.fields[i].Prompt)-1, 8))
		if i == formRole {
			role := "‹ " + f.fields[i].Value() + " ›"
			if f.focus == formRole {
				role = c.st.Selected.Render(role) + c.st.Dim.Render("  ←/→ to choose")
			}
			out = append(out, f.fields[i].Prompt+role)
			continue
		}
		out = append(out, termtext.EscapeInvisible(f.fields[i].View()))
	}
	if value := f.fields[formSecret].Value(); value != "" {
		role := crypto.Role(strings.TrimSpace(f.fields[1].Value()))
		for _, d := range crypto.CheckSecretHygiene(crypto.Secret{Name: "this secret", Role: role, Value: []byte(value)}) {
			out = append(out, c.st.Warn.Render("! "+string(d.Code)+": ")+termtext.EscapeControl(d.Message, false))
		}
	}
	switch {
	case f.err != "":
		out = append(out, c.st.StatusError.Render(f.err))
	case f.note != "":
		out = append(out, c.st.Dim.Render(f.note))
	case c.save == nil:
		out = append(out, c.st.Dim.Render("saving is not available: the profile lasts for this session"))
	}
	return out
}
