package ui

import (
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/charmbracelet/x/ansi"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

// inputRows shows the visible window of the input under its field: the
// expected digest for user data, the signature header for a body.
func (m *Model) inputRows(w, h int) []string {
	m.input.setWidth(w)
	var rows []string
	switch {
	case m.kind == KindUserData:
		rows = append(rows, fit(m.input.expected.View(), w))
	case m.kind.takesHeader():
		rows = append(rows, fit(m.input.header.View(), w))
	}
	fieldRows := len(rows)
	if len(m.input.data) == 0 {
		rows = append(rows, fitLines([]string{
			m.st.Dim.Render("Paste a sealed user, an open-sheet body, a captured request (raw, from an"),
			m.st.Dim.Render("inspector or as cURL), an intercomSettings snippet, a JWT, or the user_id /"),
			m.st.Dim.Render("email to hash. Type to edit; ctrl+u clears."),
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
	cols := m.profileColumns(vis, w)
	for _, i := range vis[from:to] {
		out = append(out, m.profileLine(i, i == cur, i == worked, cols))
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

func (m *Model) profileLine(i int, cursor, worked bool, cols profileColumns) string {
	r := m.profiles.rows[i]
	mark := "  "
	if cursor && m.focus == paneProfiles {
		mark = "▸ "
	}
	chosen := "  "
	if r.secret.Name == m.chosen {
		chosen = "● "
	}
	var b strings.Builder
	b.WriteString(mark + chosen + padCut(termtext.EscapeControl(r.secret.Name, false), cols.name))
	b.WriteString(" " + padCut(string(r.secret.Role), cols.role))
	if cols.where > 0 {
		b.WriteString(" " + padCut(termtext.EscapeControl(profileWhere(r.secret), false), cols.where))
	}
	b.WriteString(" " + cols.fpPrefix + r.fingerprint)
	line := b.String()
	if worked {
		word := ""
		if m.result != nil && cols.workedWords {
			word = " " + m.result.verb
		}
		line += " " + m.st.Good.Render("✓"+word)
	}
	if n := len(r.info.Problems); n > 0 {
		line += " " + m.st.Warn.Render(fmt.Sprintf("⚠ %d", n))
	}
	if cursor && m.focus == paneProfiles {
		return m.st.Selected.Render(fit(line, cols.width))
	}
	return line
}

func profileWhere(s crypto.Secret) string { return strings.Trim(s.Workspace+"/"+s.Platform, "/") }

// profileDetail says where the cursor row's secret comes from and what is
// wrong with it.
func (m *Model) profileDetail(i int) string {
	r := m.profiles.rows[i]
	s := "source: " + sourceText(r.info)
	s += fmt.Sprintf(" · %d bytes", len(r.secret.Value))
	for _, d := range r.info.Problems {
		s += " · " + termtext.EscapeControl(string(d.Code), false)
	}
	return m.st.Dim.Render(s)
}

// sourceText says where a secret comes from the way people say it:
// "literal", "env $VAR", "file PATH", "command" (never the command, whose
// text may hold a token), "session".
func sourceText(info ProfileInfo) string {
	switch info.Source {
	case "":
		return "not given"
	case "session":
		return "session (this run only; s saves it)"
	case "saved":
		return "saved to the profiles file"
	}
	kind := profile.SourceKind(info.Source)
	text := kind.Short()
	switch kind {
	case profile.SourceEnv:
		if info.Ref != "" {
			text += " $" + info.Ref
		}
	case profile.SourceFile:
		if info.Ref != "" {
			text += " " + info.Ref
		}
	}
	return termtext.EscapeControl(text, false)
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

// profileColumns is how the profile list lays out its columns: sized to
// the rows the filter shows, with room kept for the worked mark whichever
// row gets it (so the columns do not move when a result comes in), and
// narrowed, in this order, until a row fits the pane: the "fp " prefix
// goes, the worked mark loses its word, the workspace/platform and name
// columns are cut (with an ellipsis) to a floor, and last the
// workspace/platform column goes.
type profileColumns struct {
	width, name, role, where int
	fpPrefix                 string
	workedWords              bool
}

// Floors and caps of the cut columns, in cells.
const (
	nameCap, nameFloor   = 28, 10
	whereCap, whereFloor = 20, 8
)

// workedWordWidth is the longest worked word, " verified".
const workedWordWidth = 9

func (m *Model) profileColumns(vis []int, w int) profileColumns {
	c := profileColumns{width: w, name: 4, role: 4, fpPrefix: "fp ", workedWords: true}
	problems := 0 // the widest problem count, " ⚠ 2"
	for _, i := range vis {
		r := m.profiles.rows[i]
		c.name = max(c.name, min(cellWidth(termtext.EscapeControl(r.secret.Name, false)), nameCap))
		c.role = max(c.role, len(r.secret.Role))
		c.where = max(c.where, min(cellWidth(termtext.EscapeControl(profileWhere(r.secret), false)), whereCap))
		if p := len(r.info.Problems); p > 0 {
			problems = max(problems, 3+len(itoa(p)))
		}
	}
	need := func() int {
		n := 4 + c.name + 1 + c.role + 1 + len(c.fpPrefix) + 8 + 2 + problems // 2: " ✓"
		if c.workedWords {
			n += workedWordWidth
		}
		if c.where > 0 {
			n += 1 + c.where
		}
		return n
	}
	steps := []func(){
		func() { c.fpPrefix = "" },
		func() { c.workedWords = false },
		func() { c.where = min(c.where, max(whereFloor, c.where-(need()-w))) },
		func() { c.name = min(c.name, max(nameFloor, c.name-(need()-w))) },
		func() { c.where = 0 },
		func() { c.name = max(4, c.name-(need()-w)) },
	}
	for _, step := range steps {
		if need() <= w {
			break
		}
		step()
	}
	return c
}

// padCut pads s to exactly n cells, or cuts it with an ellipsis.
func padCut(s string, n int) string {
	if cellWidth(s) > n {
		return ansi.Truncate(s, n, "…")
	}
	return s + strings.Repeat(" ", n-cellWidth(s))
}
