package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// profilesKey handles the profile list: move, choose, filter, add, save.
func (m *Model) profilesKey(k tea.KeyPressMsg) tea.Cmd {
	p := &m.profiles
	switch {
	case key.Matches(k, m.keys.Up):
		p.move(-1)
	case key.Matches(k, m.keys.Down):
		p.move(1)
	case key.Matches(k, m.keys.PageUp):
		p.move(-max(p.win.height, 1))
	case key.Matches(k, m.keys.PageDown):
		p.move(max(p.win.height, 1))
	case key.Matches(k, m.keys.Top):
		p.cursor = 0
	case key.Matches(k, m.keys.Bottom):
		p.cursor = len(p.rows)
		p.current()
	case key.Matches(k, m.keys.Choose):
		return m.choose(p.current())
	case key.Matches(k, m.keys.Filter):
		p.filtering = true
		return p.filter.Focus()
	case key.Matches(k, m.keys.Cancel):
		if p.filter.Value() != "" {
			p.filter.SetValue("")
			p.cursor = 0
		}
	case key.Matches(k, m.keys.Add):
		p.form = newProfileForm(&m.st)
		return p.form.fields[0].Focus()
	case key.Matches(k, m.keys.Save):
		return m.saveProfile(p.current())
	}
	return nil
}

// choose makes row i the chosen profile, or unchooses it when it already is.
func (m *Model) choose(i int) tea.Cmd {
	if i < 0 {
		return m.setStatus("no profile to choose", false)
	}
	name := m.secrets[i].Name
	msg := "chose " + termtext.EscapeControl(m.secrets[i].Label(), false) + "; it is tried first"
	if m.chosen == name {
		name, msg = "", "no profile chosen: every profile is tried, those whose role fits first"
	}
	m.chosen = name
	return tea.Batch(m.setStatus(msg, false), m.reanalyze())
}

// filterKey types into the filter; enter keeps it, esc drops it.
func (m *Model) filterKey(k tea.KeyPressMsg) tea.Cmd {
	p := &m.profiles
	switch k.String() {
	case "esc":
		p.filter.SetValue("")
		fallthrough
	case "enter", "tab", "shift+tab", "up", "down":
		p.filtering = false
		p.filter.Blur()
		p.cursor = 0
		if k.String() == "tab" || k.String() == "shift+tab" {
			return m.key(k)
		}
		return nil
	}
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(k)
	p.cursor = 0
	return cmd
}

// formKey edits the session-profile form: tab moves between fields, enter
// adds the profile for this session, ctrl+s adds and saves it, esc cancels.
func (m *Model) formKey(k tea.KeyPressMsg) tea.Cmd {
	f := m.profiles.form
	switch k.String() {
	case "esc":
		m.profiles.form = nil
		return m.setStatus("no profile added", false)
	case "tab", "down":
		return f.setFocus(f.focus + 1)
	case "shift+tab", "up":
		return f.setFocus(f.focus - 1)
	case "enter", "ctrl+s":
		secret, problem := f.secret(func(name string) bool { return m.ring.Find(name) >= 0 })
		if problem != "" {
			f.err = problem
			return nil
		}
		m.profiles.form = nil
		return m.addProfile(secret, k.String() == "ctrl+s")
	}
	var cmd tea.Cmd
	f.fields[f.focus], cmd = f.fields[f.focus].Update(k)
	f.err = ""
	return cmd
}

// addProfile adds a session profile, chooses it and, when asked, saves it.
func (m *Model) addProfile(s crypto.Secret, save bool) tea.Cmd {
	m.secrets = append(m.secrets, s)
	m.rebuildRing(map[string]ProfileInfo{s.Name: {Name: s.Name, Source: "session"}})
	m.chosen = s.Name
	m.profiles.filter.SetValue("")
	m.profiles.cursor = len(m.secrets) - 1
	status := m.setStatus("added "+termtext.EscapeControl(s.Label(), false)+" for this session (fingerprint "+s.Fingerprint()+"); s saves it", false)
	if save {
		status = m.saveProfile(len(m.secrets) - 1)
	}
	return tea.Batch(status, m.reanalyze())
}

// saveProfile appends a session profile to the profiles file.
func (m *Model) saveProfile(i int) tea.Cmd {
	switch {
	case i < 0:
		return m.setStatus("no profile to save", false)
	case m.profiles.rows[i].info.Source != "session":
		return m.setStatus(termtext.EscapeControl(m.secrets[i].Label(), false)+" is already kept in "+termtext.EscapeControl(m.profiles.rows[i].info.Source, false)+"; only session profiles are saved", false)
	case m.save == nil:
		return m.setStatus("saving is not available here: add the profile to the profiles file yourself", true)
	}
	secret, save := m.secrets[i], m.save
	// The profiles file is written in a command: a slow disk or a lock must
	// not freeze the screen.
	return func() tea.Msg { return savedMsg{name: secret.Name, label: secret.Label(), err: save(secret)} }
}

// savedMsg reports how saving a profile went.
type savedMsg struct {
	name, label string
	err         error
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		return m.setStatus("could not save "+termtext.EscapeControl(msg.label, false)+": "+termtext.EscapeControl(msg.err.Error(), false), true)
	}
	if i := m.ring.Find(msg.name); i >= 0 {
		m.profiles.rows[i].info.Source = "saved"
	}
	return m.setStatus("saved "+termtext.EscapeControl(msg.label, false)+" to the profiles file", false)
}
