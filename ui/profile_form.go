package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/profile"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// profileForm is the profiles pane's session-profile editor. The secret
// comes from one of the profiles file's sources: typed (masked), an
// environment variable, a file or a command; the last three are read by
// the caller (Options.ResolveProfile), an environment variable or a file
// as it is typed, a command only on enter, never per keystroke.
type profileForm struct {
	fields [6]textinput.Model // name, role, workspace, platform, source, secret (or its reference)
	focus  int
	err    string
	note   string // what was done to a pasted secret

	seq      int               // the latest read asked for
	reading  bool              // a read of the current reference runs
	resolved *profile.Resolved // the read of resolvedAt, nil when none
	readAt   string            // the source and reference it read
}

// The fields of the form, by index.
const (
	formRole   = 1
	formSource = 4
	formSecret = 5
)

// formSources are the sources the form offers, as the choice shows them.
var formSources = []profile.SourceKind{profile.SourceLiteral, profile.SourceEnv, profile.SourceFile, profile.SourceCommand}

func newProfileForm(st *Styles) *profileForm {
	f := &profileForm{}
	labels := []string{"name      ", "role      ", "workspace ", "platform  ", "source    ", "secret    "}
	hints := []string{"e.g. prod-oauth", "←/→ to choose", "e.g. test, production", "e.g. web, ios, android", "←/→ to choose", "typed masked; never shown"}
	for i := range f.fields {
		t := textinput.New()
		t.Prompt = labels[i]
		t.Placeholder = hints[i]
		t.SetStyles(st.Input)
		f.fields[i] = t
	}
	f.fields[formRole].SetValue(string(crypto.RoleOAuth))
	f.fields[formSource].SetValue(string(profile.SourceLiteral))
	f.setSource(profile.SourceLiteral)
	f.fields[0].Focus()
	return f
}

// source is the source chosen.
func (f *profileForm) source() profile.SourceKind {
	return profile.SourceKind(f.fields[formSource].Value())
}

// setSource makes the last field the chosen source's: the secret itself,
// masked, or what names it.
func (f *profileForm) setSource(k profile.SourceKind) {
	f.fields[formSource].SetValue(string(k))
	s := &f.fields[formSecret]
	s.SetValue("")
	s.EchoMode, s.EchoCharacter = textinput.EchoNormal, 0
	switch k {
	case profile.SourceLiteral:
		s.Prompt, s.Placeholder = "secret    ", "typed masked; never shown"
		s.EchoMode, s.EchoCharacter = textinput.EchoPassword, '•'
	case profile.SourceEnv:
		s.Prompt, s.Placeholder = "variable  ", "e.g. INTERCOM_CLIENT_SECRET"
	case profile.SourceFile:
		s.Prompt, s.Placeholder = "file      ", "e.g. ~/.config/intercom/secret"
	case profile.SourceCommand:
		s.Prompt, s.Placeholder = "command   ", "e.g. op read op://dev/intercom/secret (run on enter)"
	}
	f.resolved, f.reading, f.readAt = nil, false, ""
}

func (f *profileForm) setFocus(i int) tea.Cmd {
	f.fields[f.focus].Blur()
	f.focus = (i + len(f.fields)) % len(f.fields)
	return f.fields[f.focus].Focus()
}

// update gives a message that is not a key (a paste, a cursor blink) to
// the field being typed in. A secret pasted with its line break loses that
// one break, as a secret file's does; the field would keep it as a space.
func (f *profileForm) update(c *paneContext, msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok && f.focus == formSecret {
		if t, cut := cutOneLineBreak(p.Content); cut {
			msg = tea.PasteMsg{Content: t}
			f.note = "trimmed the line break the paste ended with"
		}
	}
	var cmd tea.Cmd
	f.fields[f.focus], cmd = f.fields[f.focus].Update(msg)
	return tea.Batch(cmd, f.readLive(c))
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
		step := map[bool]int{true: -1, false: 1}[k.String() == "left"]
		switch f.focus {
		case formRole: // the role is a choice of three, not free text
			f.cycleRole(step)
			return nil, formOpen
		case formSource:
			i := slices.Index(formSources, f.source())
			f.setSource(formSources[(i+step+len(formSources))%len(formSources)])
			return nil, formOpen
		}
	case "enter", "ctrl+s":
		return f.submit(c, k.String() == "ctrl+s")
	}
	if (f.focus == formRole || f.focus == formSource) && isText(k) {
		return nil, formOpen // typed letters would make a choice that is none
	}
	cmd := f.update(c, k)
	f.err = ""
	return cmd, formOpen
}

// submit adds the profile: at once for a typed secret, once read for the
// other sources. A command is run on the first enter, and what it printed
// (its length, fingerprint and any hygiene problem) is shown for a second
// enter to add.
func (f *profileForm) submit(c *paneContext, save bool) (tea.Cmd, formEnd) {
	p, problem := f.profile(func(name string) bool { return c.ring.Find(name) >= 0 })
	if problem != "" {
		f.err = problem
		return nil, formOpen
	}
	if p.Source == profile.SourceLiteral {
		value := []byte(f.fields[formSecret].Value())
		s := crypto.Secret{Name: p.Name, Role: p.Role, Workspace: p.Workspace, Platform: p.Platform, Value: value}
		return c.addProfile(s, p.WithSecret(value), save), formAdded
	}
	switch r := f.resolved; {
	case f.reading:
		f.err = "still reading the secret: a moment"
		return nil, formOpen
	case r == nil || f.readAt != f.readKey():
		if c.resolveProfile == nil {
			f.err = "reading a secret from " + p.Source.Short() + " is not available here: type it (source secret)"
			return nil, formOpen
		}
		return f.read(c), formOpen // a command's output is shown before it is added
	case !r.OK():
		f.err = r.Err.Message
		return nil, formOpen
	default:
		s := r.Secret
		s.Name, s.Role, s.Workspace, s.Platform = p.Name, p.Role, p.Workspace, p.Platform
		p.Ref = r.Profile.Ref // as the caller made it (a file's absolute path)
		return c.addProfile(s, p, save), formAdded
	}
}

// readKey is the source and reference a read is for.
func (f *profileForm) readKey() string {
	return string(f.source()) + "\x00" + f.fields[formSecret].Value()
}

// readLive reads an environment variable's or a file's secret as its name
// is typed, so what it holds is checked before it is added; a command is
// only run on enter.
func (f *profileForm) readLive(c *paneContext) tea.Cmd {
	switch {
	case f.source() != profile.SourceEnv && f.source() != profile.SourceFile,
		c.resolveProfile == nil, f.readAt == f.readKey() && (f.reading || f.resolved != nil):
		return nil
	case strings.TrimSpace(f.fields[formSecret].Value()) == "":
		f.resolved, f.reading, f.readAt = nil, false, ""
		return nil
	}
	return f.read(c)
}

// read asks the caller to read the secret of the reference typed, off the
// update loop (a command may wait on a password manager).
func (f *profileForm) read(c *paneContext) tea.Cmd {
	f.seq++
	f.reading, f.resolved, f.readAt = true, nil, f.readKey()
	name := strings.TrimSpace(f.fields[0].Value())
	if name == "" {
		name = "the new profile"
	}
	p := profile.Profile{Name: name, Role: crypto.Role(f.fields[formRole].Value()), Source: f.source(),
		Ref: strings.TrimSpace(f.fields[formSecret].Value())}
	seq, resolve := f.seq, c.resolveProfile
	return func() tea.Msg { return formReadMsg{seq: seq, resolved: resolve(p)} }
}

// formReadMsg brings what a read found.
type formReadMsg struct {
	seq      int
	resolved profile.Resolved
}

// got takes a read's result, when it is still the latest.
func (f *profileForm) got(msg formReadMsg) {
	if msg.seq == f.seq {
		f.reading, f.resolved = false, &msg.resolved
	}
}

// cycleRole moves the role to the next (or previous) of crypto.Roles.
func (f *profileForm) cycleRole(step int) {
	i := slices.Index(crypto.Roles, crypto.Role(f.fields[formRole].Value()))
	i = (i + step + len(crypto.Roles)) % len(crypto.Roles)
	f.fields[formRole].SetValue(string(crypto.Roles[i]))
}

// profile checks the form and returns the profile it describes (without
// the secret).
func (f *profileForm) profile(taken func(string) bool) (profile.Profile, string) {
	name := strings.TrimSpace(f.fields[0].Value())
	role := crypto.Role(strings.TrimSpace(f.fields[formRole].Value()))
	ref := f.fields[formSecret].Value()
	src := f.source()
	switch {
	case name == "":
		return profile.Profile{}, "give the profile a name"
	case taken(name):
		return profile.Profile{}, "a profile named '" + termtext.EscapeControl(name, false) + "' exists already"
	case !role.Valid():
		return profile.Profile{}, "the role must be oauth, identity or messenger"
	case ref == "" && src == profile.SourceLiteral:
		return profile.Profile{}, "type the secret (it stays masked)"
	case strings.TrimSpace(ref) == "":
		return profile.Profile{}, "type the " + map[profile.SourceKind]string{profile.SourceEnv: "environment variable's name",
			profile.SourceFile: "file's path", profile.SourceCommand: "command that prints the secret"}[src]
	}
	p := profile.Profile{Name: name, Role: role, Workspace: strings.TrimSpace(f.fields[2].Value()),
		Platform: strings.TrimSpace(f.fields[3].Value()), Source: src}
	if src != profile.SourceLiteral {
		p.Ref = strings.TrimSpace(ref)
	}
	return p, ""
}

// rows are the form's heading, its fields, and what is wrong with the
// secret: the hygiene checks run on every key of a typed secret and on
// each read of the others, so whitespace, an app_id or an access token is
// said before the profile is added, not after a restart.
func (f *profileForm) rows(c *paneContext, w int) []string {
	out := []string{c.st.Label.Render("New session profile: enter adds it, ctrl+s adds and saves, esc cancels")}
	for i := range f.fields {
		// Without a width a field shows one letter of its placeholder.
		f.fields[i].SetWidth(max(w-len(f.fields[i].Prompt)-1, 8))
		if i == formRole || i == formSource {
			v := f.fields[i].Value()
			if i == formSource {
				v = profile.SourceKind(v).Short()
			}
			choice := "‹ " + v + " ›"
			if f.focus == i {
				choice = c.st.Selected.Render(choice) + c.st.Dim.Render("  ←/→ to choose")
			}
			out = append(out, f.fields[i].Prompt+choice)
			continue
		}
		out = append(out, termtext.EscapeInvisible(f.fields[i].View()))
	}
	role := crypto.Role(strings.TrimSpace(f.fields[formRole].Value()))
	if f.source() == profile.SourceLiteral {
		if value := f.fields[formSecret].Value(); value != "" {
			for _, d := range crypto.CheckSecretHygiene(crypto.Secret{Name: "this secret", Role: role, Value: []byte(value)}) {
				out = append(out, c.st.Warn.Render("! "+string(d.Code)+": ")+termtext.EscapeControl(d.Message, false))
			}
		}
	} else {
		out = append(out, f.readRows(c)...)
	}
	switch {
	case f.err != "":
		out = append(out, c.st.StatusError.Render(termtext.EscapeControl(f.err, false)))
	case f.note != "":
		out = append(out, c.st.Dim.Render(f.note))
	case c.save == nil:
		out = append(out, c.st.Dim.Render("saving is not available: the profile lasts for this session"))
	}
	return out
}

// readRows say what the read of a source found: its length and
// fingerprint (never the secret) and its problems, or why it failed.
func (f *profileForm) readRows(c *paneContext) []string {
	r := f.resolved
	switch {
	case c.resolveProfile == nil:
		return []string{c.st.Dim.Render("reading " + f.source().Short() + " sources is not available here")}
	case f.reading:
		return []string{c.st.Dim.Render("reading…")}
	case r == nil && f.source() == profile.SourceCommand:
		return []string{c.st.Dim.Render("enter runs the command and shows what it printed, before adding it")}
	case r == nil:
		return nil
	case !r.OK():
		return []string{c.st.Error.Render("✗ ") + termtext.EscapeControl(r.Err.Message, false)}
	}
	out := []string{c.st.Good.Render("✓ ") + fmt.Sprintf("read %s · fingerprint %s", termtext.Plural(len(r.Secret.Value), "1 byte", itoa(len(r.Secret.Value))+" bytes"), r.Secret.Fingerprint())}
	for _, p := range r.Warnings {
		out = append(out, c.st.Warn.Render("! "+string(p.Code)+": ")+termtext.EscapeControl(p.Message, false))
	}
	if f.source() == profile.SourceCommand {
		out = append(out, c.st.Dim.Render("enter adds it"))
	}
	return out
}
