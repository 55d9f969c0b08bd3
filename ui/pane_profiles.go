package ui

import (
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

// profilesPane lists the profiles (the shared profileRows), filters them,
// chooses one and adds session ones through its form (profile_form.go).
type profilesPane struct {
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
func (p *profilesPane) visible(rows []profileRow) []int {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	out := make([]int, 0, len(rows))
	for i, r := range rows {
		s := r.secret
		if q == "" || strings.Contains(strings.ToLower(s.Name+" "+string(s.Role)+" "+s.Workspace+" "+s.Platform+" "+r.info.Source), q) {
			out = append(out, i)
		}
	}
	return out
}

// current returns the row under the cursor, or -1.
func (p *profilesPane) current(rows []profileRow) int {
	vis := p.visible(rows)
	if len(vis) == 0 {
		return -1
	}
	p.cursor = min(max(p.cursor, 0), len(vis)-1)
	return vis[p.cursor]
}

func (p *profilesPane) move(rows []profileRow, n int) {
	p.cursor += n
	p.current(rows)
}

// showAdded puts the cursor on a profile just added, the filter cleared.
func (p *profilesPane) showAdded(i int) {
	p.filter.SetValue("")
	p.cursor = i
}

// Shows: the profiles are always on screen.
func (p *profilesPane) Shows(Kind, *analysis) bool { return true }

// Title counts the profiles and those the filter lets through.
func (p *profilesPane) Title(c *paneContext) (string, string) {
	t := fmt.Sprintf("Profiles · %d", len(c.profileRows))
	if q := p.filter.Value(); q != "" {
		t += fmt.Sprintf(" · %d match %q", len(p.visible(c.profileRows)), termtext.EscapeControl(q, false))
	}
	return t, ""
}

// Captures takes every message while the form is open or the filter is
// being typed.
func (p *profilesPane) Captures(*paneContext, tea.Msg) bool { return p.form != nil || p.filtering }

// Update moves, chooses, filters, adds and saves; the form and the filter
// take what they capture.
func (p *profilesPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyPressMsg)
	switch {
	case p.form != nil && isKey:
		cmd, end := p.form.key(c, k)
		if end != formOpen {
			p.form = nil
		}
		if end == formAdded {
			p.showAdded(len(c.profileRows) - 1) // the new profile is the last
		}
		return cmd
	case p.form != nil:
		return p.form.update(c, msg)
	case p.filtering && isKey:
		return p.filterKey(c, k)
	case p.filtering:
		var cmd tea.Cmd
		p.filter, cmd = p.filter.Update(msg)
		return cmd
	case isKey:
		return p.listKey(c, k)
	}
	return nil
}

// listKey handles the profile list: move, choose, filter, add, save.
func (p *profilesPane) listKey(c *paneContext, k tea.KeyPressMsg) tea.Cmd {
	rows := c.profileRows
	switch {
	case key.Matches(k, c.keys.Up):
		p.move(rows, -1)
	case key.Matches(k, c.keys.Down):
		p.move(rows, 1)
	case key.Matches(k, c.keys.PageUp):
		p.move(rows, -max(p.win.height, 1))
	case key.Matches(k, c.keys.PageDown):
		p.move(rows, max(p.win.height, 1))
	case key.Matches(k, c.keys.Top):
		p.cursor = 0
	case key.Matches(k, c.keys.Bottom):
		p.cursor = len(rows)
		p.current(rows)
	case key.Matches(k, c.keys.Choose):
		return c.choose(p.current(rows))
	case key.Matches(k, c.keys.Filter):
		p.filtering = true
		return p.filter.Focus()
	case key.Matches(k, c.keys.Cancel):
		if p.filter.Value() != "" {
			p.filter.SetValue("")
			p.cursor = 0
		}
	case key.Matches(k, c.keys.Add):
		p.form = newProfileForm(&c.st)
		return p.form.fields[0].Focus()
	case key.Matches(k, c.keys.Save):
		return c.saveProfile(p.current(rows))
	}
	return nil
}

// filterKey types into the filter; enter keeps it, esc drops it, and tab
// leaves it for the next pane.
func (p *profilesPane) filterKey(c *paneContext, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		p.filter.SetValue("")
		fallthrough
	case "enter", "tab", "shift+tab", "up", "down":
		p.filtering = false
		p.filter.Blur()
		p.cursor = 0
		switch k.String() {
		case "tab":
			return c.cycleFocus(1)
		case "shift+tab":
			return c.cycleFocus(-1)
		}
		return nil
	}
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(k)
	p.cursor = 0
	return cmd
}

// Scroll moves the cursor, by at most the whole list.
func (p *profilesPane) Scroll(n int) { p.cursor += n }

// Copy takes the fingerprint of the profile under the cursor.
func (p *profilesPane) Copy(c *paneContext) (string, string) {
	if i := p.current(c.profileRows); i >= 0 {
		r := c.profileRows[i]
		return "the fingerprint of " + r.secret.Label(), r.fingerprint
	}
	return "", ""
}

// Help is the list's keys.
func (p *profilesPane) Help(c *paneContext) []key.Binding {
	k := &c.keys
	if p.form != nil {
		// What works in the form, not the list's keys.
		return []key.Binding{
			key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add")),
			key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "add and save")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	return []key.Binding{shortKey(k.Choose, "choose"), shortKey(k.Filter, "filter"), shortKey(k.Add, "add"), shortKey(k.Save, "save"), shortKey(k.Copy, "copy")}
}

func (p *profilesPane) setStyles(st *Styles) { p.filter.SetStyles(st.Input) }

// receive takes what a read of the form's source found, wherever the
// focus is meanwhile.
func (p *profilesPane) receive(_ *paneContext, msg tea.Msg) (tea.Cmd, bool) {
	r, ok := msg.(formReadMsg)
	if ok && p.form != nil {
		p.form.got(r)
	}
	return nil, ok
}

func (p *profilesPane) focus() tea.Cmd { return nil }
func (p *profilesPane) blur()          { p.filter.Blur() }

// Rows shows the profile list (or the add form), the cursor row's source
// and problems last.
func (p *profilesPane) Rows(c *paneContext, w, h int) []string {
	if p.form != nil {
		return fitLines(p.form.rows(c, w), w, h)
	}
	st := &c.st
	var out []string
	if p.filtering || p.filter.Value() != "" {
		out = append(out, termtext.EscapeInvisible(p.filter.View()))
	}
	vis := p.visible(c.profileRows)
	if len(c.profileRows) == 0 && c.reading > 0 {
		out = append(out, st.Dim.Render(fmt.Sprintf("reading %d %s…", c.reading, termtext.Plural(c.reading, "profile", "profiles"))))
		return fitLines(out, w, h)
	}
	if len(c.profileRows) == 0 {
		out = append(out, unreadableLines(c)...)
		out = append(out, st.Dim.Render("no profiles: press a to add one for this session (the secret is typed masked)"))
		return fitLines(out, w, h)
	}
	cur := p.current(c.profileRows)
	listH := max(h-len(out)-1, 1)
	p.win.height, p.win.rows = listH, len(vis)
	if p.cursor < p.win.top {
		p.win.top = p.cursor
	} else if p.cursor >= p.win.top+listH {
		p.win.top = p.cursor - listH + 1
	}
	from, to := p.win.visible()
	worked := c.worked()
	cols := profileColumnsFor(c.profileRows, vis, w)
	for _, i := range vis[from:to] {
		out = append(out, profileLine(c, i, i == cur, i == worked, cols))
	}
	if len(vis) == 0 {
		out = append(out, st.Dim.Render("no profile matches the filter (esc clears it)"))
	}
	if len(out) < h-1 {
		out = append(out, unreadableLines(c)[:min(len(c.unreadable), h-1-len(out))]...)
	}
	for len(out) < h-1 {
		out = append(out, "")
	}
	if cur >= 0 {
		out = append(out, profileDetail(c.profileRows[cur], st))
	}
	return fitLines(out, w, h)
}

func profileLine(c *paneContext, i int, cursor, worked bool, cols profileColumns) string {
	r := c.profileRows[i]
	mark := "  "
	if cursor && c.focused {
		mark = "▸ "
	}
	chosen := "  "
	if r.secret.Name == c.chosen {
		chosen = "● "
	}
	var b strings.Builder
	b.WriteString(mark + chosen + padCutMiddle(termtext.EscapeControl(r.secret.Name, false), cols.name))
	b.WriteString(" " + padCut(string(r.secret.Role), cols.role))
	if cols.where > 0 {
		b.WriteString(" " + padCut(termtext.EscapeControl(profileWhere(r.secret), false), cols.where))
	}
	b.WriteString(" " + cols.fpPrefix + r.fingerprint)
	line := b.String()
	if worked {
		word := ""
		if c.result != nil && cols.workedWords {
			word = " " + c.result.verb
		}
		line += " " + c.st.Good.Render("✓"+word)
	}
	if n := len(r.info.Problems); n > 0 {
		line += " " + c.st.Warn.Render(fmt.Sprintf("⚠ %d", n))
	}
	if cursor && c.focused {
		return c.st.Selected.Render(fit(line, cols.width))
	}
	return line
}

func profileWhere(s crypto.Secret) string { return strings.Trim(s.Workspace+"/"+s.Platform, "/") }

// profileDetail says where a profile's secret comes from and what is
// wrong with it.
func profileDetail(r profileRow, st *Styles) string {
	s := "source: " + sourceText(r.info)
	s += fmt.Sprintf(" · %d %s", len(r.secret.Value), termtext.Plural(len(r.secret.Value), "byte", "bytes"))
	for _, d := range r.info.Problems {
		s += " · " + termtext.EscapeControl(string(d.Code), false)
	}
	return st.Dim.Render(s)
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

func profileColumnsFor(rows []profileRow, vis []int, w int) profileColumns {
	c := profileColumns{width: w, name: 4, role: 4, fpPrefix: "fp ", workedWords: true}
	problems := 0 // the widest problem count, " ⚠ 2"
	for _, i := range vis {
		r := rows[i]
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

// padCutMiddle pads s to exactly n cells, or cuts it in the middle with an
// ellipsis, keeping both ends: names that share a start (demo-identity-web,
// demo-identity-ios) stay told apart by their ends.
func padCutMiddle(s string, n int) string {
	w := cellWidth(s)
	if w <= n || n < 5 {
		return padCut(s, n)
	}
	tail := (n - 1) / 2
	head := ansi.Truncate(s, n-1-tail, "")
	end := ansi.TruncateLeft(s, w-tail, "")
	return padCut(head+"…"+end, n)
}

// What the root asks of the pane, checked when building.
var (
	_ Pane     = (*profilesPane)(nil)
	_ restyler = (*profilesPane)(nil)
	_ focuser  = (*profilesPane)(nil)
)

// unreadableLines list the profiles that could not be read, under those
// that could: each with why, so a broken one is seen, not missing.
func unreadableLines(c *paneContext) []string {
	var out []string
	for _, u := range c.unreadable {
		out = append(out, c.st.Bad.Render("  ✗ ")+c.st.Dim.Render(termtext.EscapeControl(u.name, false)+" · unreadable: "+string(u.code)))
	}
	return out
}
