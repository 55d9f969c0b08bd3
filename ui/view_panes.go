package ui

import (
	"fmt"
	"strings"
)

// inputRows shows the visible window of the input and, for user data, the
// expected digest field.
func (m *Model) inputRows(w, h int) []string {
	fieldRows := 0
	if m.kind == KindUserData {
		fieldRows = 1
	}
	m.input.setWidth(w)
	var rows []string
	if fieldRows > 0 {
		rows = append(rows, fit(m.input.expected.View(), w))
	}
	if len(m.input.data) == 0 {
		rows = append(rows, fitLines([]string{
			m.st.Dim.Render("Paste a sealed user, an open-sheet JSON or form body, a whole HTTP request,"),
			m.st.Dim.Render("a JWT, or the user_id / email to hash. Type to edit; ctrl+u clears."),
		}, w, h-fieldRows)...)
	} else {
		rows = append(rows, m.input.view.rows(&m.st, h-fieldRows)...)
	}
	return rows
}

// profileRows shows the profile list (or the add form), the cursor row's
// source and problems last.
func (m *Model) profileRows(w, h int) []string {
	p := &m.profiles
	if p.form != nil {
		return fitLines(m.formRows(), w, h)
	}
	var out []string
	if p.filtering || p.filter.Value() != "" {
		out = append(out, p.filter.View())
	}
	vis := p.visible()
	if len(p.rows) == 0 {
		out = append(out, m.st.Dim.Render("no profiles: press a to add one for this session (the secret is typed masked)"))
		return fitLines(out, w, h)
	}
	cur := p.current()
	listH := max(h-len(out)-1, 1)
	p.win.height, p.win.rows = listH, len(vis)
	if p.cursor < p.win.top {
		p.win.top = p.cursor
	} else if p.cursor >= p.win.top+listH {
		p.win.top = p.cursor - listH + 1
	}
	from, to := p.win.visible()
	worked := m.worked()
	for _, i := range vis[from:to] {
		out = append(out, m.profileLine(i, i == cur, i == worked, w))
	}
	if len(vis) == 0 {
		out = append(out, m.st.Dim.Render("no profile matches the filter (esc clears it)"))
	}
	for len(out) < h-1 {
		out = append(out, "")
	}
	if cur >= 0 {
		out = append(out, m.profileDetail(cur))
	}
	return fitLines(out, w, h)
}

func (m *Model) profileLine(i int, cursor, worked bool, w int) string {
	r := m.profiles.rows[i]
	mark := "  "
	if cursor && m.focus == paneProfiles {
		mark = "▸ "
	}
	chosen := "  "
	if r.secret.Name == m.chosen {
		chosen = "● "
	}
	where := strings.Trim(r.secret.Workspace+"/"+r.secret.Platform, "/")
	name := fmt.Sprintf("%-*s", m.nameWidth(), EscapeControl(r.secret.Name, false))
	fp := "fp " + r.fingerprint
	if w < 50 {
		fp = r.fingerprint
	}
	line := fmt.Sprintf("%s%s%s %-8s %s", mark, chosen, name, r.secret.Role, fp)
	if w >= 56 && where != "" {
		line = fmt.Sprintf("%s%s%s %-8s %-12s %s", mark, chosen, name, r.secret.Role, EscapeControl(where, false), fp)
	}
	switch {
	case worked && m.result != nil && m.result.digest != nil:
		line += " " + m.st.Good.Render("✓ matched")
	case worked:
		line += " " + m.st.Good.Render("✓ opened")
	}
	if n := len(r.info.Problems); n > 0 {
		line += " " + m.st.Warn.Render(fmt.Sprintf("⚠ %d", n))
	}
	if cursor && m.focus == paneProfiles {
		return m.st.Selected.Render(fit(line, w))
	}
	return line
}

// profileDetail says where the cursor row's secret comes from and what is
// wrong with it.
func (m *Model) profileDetail(i int) string {
	r := m.profiles.rows[i]
	s := "source " + EscapeControl(r.info.Source, false)
	if r.info.Source == "" {
		s = "source not given"
	}
	s += fmt.Sprintf(" · %d bytes", len(r.secret.Value))
	for _, d := range r.info.Problems {
		s += " · " + EscapeControl(d.Code, false)
	}
	return m.st.Dim.Render(s)
}

func (m *Model) formRows() []string {
	f := m.profiles.form
	out := []string{m.st.Label.Render("New session profile: enter adds it, ctrl+s adds and saves, esc cancels")}
	for i := range f.fields {
		out = append(out, f.fields[i].View())
	}
	if f.err != "" {
		out = append(out, m.st.StatusError.Render(f.err))
	} else if m.save == nil {
		out = append(out, m.st.Dim.Render("saving is not available: the profile lasts for this session"))
	}
	return out
}

// nameWidth is the profile name column: as wide as the longest name, up to 20.
func (m *Model) nameWidth() int {
	w := 4
	for _, r := range m.profiles.rows {
		w = max(w, min(len([]rune(r.secret.Name)), 20))
	}
	return w
}
