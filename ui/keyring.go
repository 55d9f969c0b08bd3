package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/profile"
)

// rebuildRing derives every secret's keys once, when the set of secrets
// changes, not on each keystroke.
func (m *Model) rebuildRing(infos map[string]ProfileInfo) {
	m.ring = crypto.NewKeyring(m.secrets...)
	old := make(map[string]ProfileInfo, len(m.profileRows))
	for _, r := range m.profileRows {
		old[r.secret.Name] = r.info
	}
	rows := make([]profileRow, len(m.secrets))
	for i, s := range m.secrets {
		info, ok := infos[s.Name]
		if !ok {
			info = old[s.Name]
		}
		info.Name = s.Name
		rows[i] = profileRow{secret: s, fingerprint: s.Fingerprint(), keyFP: crypto.Fingerprint(crypto.SheetKey(s.Value)), info: info}
	}
	m.profileRows = rows
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

// addProfile adds a session profile, chooses it and, when asked, saves it.
func (m *Model) addProfile(s crypto.Secret, p profile.Profile, save bool) tea.Cmd {
	m.secrets = append(m.secrets, s)
	m.sources[s.Name] = p
	m.rebuildRing(map[string]ProfileInfo{s.Name: {Name: s.Name, Source: "session"}})
	m.chosen = s.Name
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
	case m.profileRows[i].info.Source != "session":
		return m.setStatus(termtext.EscapeControl(m.secrets[i].Label(), false)+" is already in the profiles file (its "+termtext.EscapeControl(m.profileRows[i].info.Source, false)+"); only profiles added in this session are saved", false)
	case m.save == nil:
		return m.setStatus("saving is not available here: add the profile to the profiles file yourself", true)
	}
	secret, save := m.secrets[i], m.save
	p, ok := m.sources[secret.Name]
	if !ok {
		p = profile.Profile{Name: secret.Name, Role: secret.Role, Workspace: secret.Workspace, Platform: secret.Platform}.WithSecret(secret.Value)
	}
	// The profiles file is written in a command: a slow disk or a lock must
	// not freeze the screen.
	return func() tea.Msg {
		where, err := save(p)
		return savedMsg{name: secret.Name, label: secret.Label(), where: where, err: err}
	}
}

// savedMsg reports how saving a profile went.
type savedMsg struct {
	name, label string
	where       string // the file, and what saving did to it
	err         error
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		return m.setStatus("could not save "+termtext.EscapeControl(msg.label, false)+": "+termtext.EscapeControl(msg.err.Error(), false), true)
	}
	if i := m.ring.Find(msg.name); i >= 0 {
		m.profileRows[i].info.Source = "saved"
	}
	where := msg.where
	if where == "" {
		where = "the profiles file"
	}
	return m.setStatus("saved "+termtext.EscapeControl(msg.label, false)+" to "+termtext.EscapeControl(where, false), false)
}
