package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/snippets"
)

// fixPane shows the fix in code of the diagnosis selected in Diagnostics:
// the whole tested snippet of the topic in one language, the lines that
// fix the mistake marked "> " and highlighted. It opens on f there, over
// the other result panes, and closes on esc; l cycles the language, which
// the session keeps. The snippet is ours, so it is drawn unescaped.
type fixPane struct {
	open   bool
	code   string
	topic  string
	lang   string // the language shown, remembered for the session; "" until one is known
	picked bool   // lang was given (Options.Lang) or chosen (l), not a default
	snip   snippets.Snippet
	fixing []snippets.LineRange
	follow bool // bring the first fixing line into view at the next draw
	win    window
	laid   struct { // the snippet cut into rows for a width
		width     int
		rows      []string
		marked    []bool
		firstMark int
	}
}

// fixMsg asks the Fix pane to open on a diagnosis's fix in topic.
type fixMsg struct{ code, topic string }

// newFixPane starts from the language the caller gave, when it is one.
func newFixPane(lang string) fixPane {
	if l, ok := snippets.Language(lang); ok {
		return fixPane{lang: l, picked: true}
	}
	return fixPane{}
}

// fixTopic is the topic whose snippet shows the fix of code for the
// payload that reported it: the sheet user's, the user_hash's, a
// signature header's (X-Hub-Signature a webhook's, X-Body-Signature a
// Canvas Kit request's), the JWT's; else the first of FixTopics. It is ""
// when the code's fix is not code.
func fixTopic(a *analysis, code crypto.Code, profile bool) string {
	topics := snippets.FixTopics(string(code))
	if len(topics) == 0 {
		return ""
	}
	if a != nil && !profile {
		// The parts that report the code first, then the parts the payload has.
		for _, mustReport := range []bool{true, false} {
			for _, t := range payloadTopics(a, code, mustReport) {
				if slices.Contains(topics, t) {
					return t
				}
			}
		}
	}
	return topics[0]
}

// payloadTopics are the topics of the parts of an analysed payload, only
// those reporting code when mustReport is set.
func payloadTopics(a *analysis, code crypto.Code, mustReport bool) []string {
	has := func(ds []crypto.Diagnosis) bool {
		return !mustReport || slices.ContainsFunc(ds, func(d crypto.Diagnosis) bool { return d.Code == code })
	}
	var out []string
	if a.sheet != nil && has(a.sheet.Diagnoses) {
		out = append(out, snippets.TopicSheetUser)
	}
	if a.digest != nil && has(a.digest.Diagnoses) {
		out = append(out, snippets.TopicUserHash)
	}
	if c := a.capture; c != nil {
		for _, s := range c.Signatures {
			switch {
			case !has(s.Diagnoses):
			case s.Header == crypto.HeaderHubSignature:
				out = append(out, snippets.TopicWebhookSignature)
			case s.Header == crypto.HeaderBodySignature:
				out = append(out, snippets.TopicCanvasSignature)
			}
		}
		if c.JWT != nil && has(c.JWT.Diagnoses) {
			out = append(out, snippets.TopicJWTVerify)
		}
	}
	return out
}

// receive opens the pane on a fix that Diagnostics asked for, and focuses it.
func (p *fixPane) receive(c *paneContext, msg tea.Msg) (tea.Cmd, bool) {
	f, ok := msg.(fixMsg)
	if !ok {
		return nil, false
	}
	lang := p.lang
	if lang == "" {
		lang = snippets.Languages()[0]
	}
	if !p.show(f.code, f.topic, lang) {
		return c.setStatus(f.code+" has no snippet in "+f.topic, true), true
	}
	return c.focusOn(paneFix), true
}

// show loads the snippet of topic in lang with the lines that fix code,
// scrolled to the first of them.
func (p *fixPane) show(code, topic, lang string) bool {
	s, lines, ok := snippets.FixIn(code, lang, topic)
	if !ok {
		return false
	}
	p.open, p.code, p.topic, p.lang = true, code, topic, lang
	p.snip, p.fixing = s, lines
	p.laid.rows, p.follow = nil, true
	return true
}

// nextLang shows the fix in the next language, which becomes the session's.
func (p *fixPane) nextLang() {
	langs := snippets.Languages()
	next := langs[(slices.Index(langs, p.lang)+1)%len(langs)]
	if p.show(p.code, p.topic, next) {
		p.picked = true
	}
}

// Shows: while open, whatever the input.
func (p *fixPane) Shows(Kind, *analysis) bool { return p.open }

// covers: open, it is the only result pane on screen, with room for the code.
func (p *fixPane) covers() bool { return p.open }

// showResult closes the pane when the new analysis no longer reports the
// code it shows: the fix is for a mistake that is gone.
func (p *fixPane) showResult(c *paneContext, a *analysis) {
	if !p.open {
		return
	}
	reported := slices.ContainsFunc(a.diagnoses, func(d crypto.Diagnosis) bool { return string(d.Code) == p.code })
	if i := c.ring.Find(c.chosen); i >= 0 {
		reported = reported || slices.ContainsFunc(c.profileRows[i].info.Problems, func(d crypto.Diagnosis) bool { return string(d.Code) == p.code })
	}
	if !reported {
		p.open = false
	}
}

// Rows draws the snippet, tabs as four spaces and long lines wrapped, the
// fixing lines marked "> " in the margin and highlighted. In the narrow
// layout's shared slot, whose title is the tabs, a first row says what it is.
func (p *fixPane) Rows(c *paneContext, w, h int) []string {
	if !p.open {
		return fitLines(nil, w, h)
	}
	var out []string
	if c.tabbed && h > 1 {
		out = append(out, fit(c.st.Label.Render(p.caption()), w))
		h--
	}
	p.cut(w)
	p.win.height, p.win.rows = h, len(p.laid.rows)
	if p.follow {
		p.follow = false
		p.win.top = p.laid.firstMark - h/3 // a few lines of context above
	}
	from, to := p.win.visible()
	body := make([]string, 0, h)
	for i := from; i < to; i++ {
		if p.laid.marked[i] {
			body = append(body, c.st.Fixing.Render(fit("> "+p.laid.rows[i], w)))
		} else {
			body = append(body, "  "+p.laid.rows[i])
		}
	}
	return append(out, fitLines(body, w, h)...)
}

// cut splits the snippet into rows of width-2 cells, beside the margin.
func (p *fixPane) cut(width int) {
	if p.laid.rows != nil && p.laid.width == width {
		return
	}
	l := &p.laid
	l.width, l.rows, l.marked, l.firstMark = width, []string{}, nil, -1
	for i, line := range strings.Split(strings.TrimSuffix(p.snip.Source, "\n"), "\n") {
		fixing := slices.ContainsFunc(p.fixing, func(r snippets.LineRange) bool { return r.Start <= i+1 && i+1 <= r.End })
		if fixing && l.firstMark < 0 {
			l.firstMark = len(l.rows)
		}
		line = strings.ReplaceAll(line, "\t", "    ")
		for _, row := range strings.Split(ansi.Hardwrap(line, max(width-2, 8), true), "\n") {
			l.rows = append(l.rows, row)
			l.marked = append(l.marked, fixing)
		}
	}
	l.firstMark = max(l.firstMark, 0)
}

// caption is what the pane shows: the code, language and file, and the
// language key while the language is only a default.
func (p *fixPane) caption() string {
	s := p.code + " · " + p.lang + " · " + p.snip.File
	if !p.picked {
		s += " · l: language"
	}
	return s
}

// Title names the code, language and file; at the right, where it is scrolled to.
func (p *fixPane) Title(*paneContext) (string, string) {
	if !p.open {
		return "Fix", ""
	}
	return "Fix · " + p.caption(), p.win.indicator()
}

// Captures: the Fix pane has no text to type.
func (p *fixPane) Captures(*paneContext, tea.Msg) bool { return false }

// Update cycles the language, scrolls, and closes back to Diagnostics.
func (p *fixPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, c.keys.Lang):
		p.nextLang()
	case key.Matches(k, c.keys.Cancel):
		p.open = false
		return c.focusOn(paneDiag)
	default:
		if n, ok := c.keys.scrollBy(k, p.win.height); ok {
			p.Scroll(n)
		}
	}
	return nil
}

// Scroll moves the window over the snippet.
func (p *fixPane) Scroll(n int) { p.win.scroll(max(min(n, p.win.rows), -p.win.rows)) }

// Copy takes the whole snippet, byte for byte as tested: a program to run
// or a function to paste.
func (p *fixPane) Copy(*paneContext) (string, string) {
	if !p.open {
		return "", ""
	}
	return "the " + p.snip.File + " snippet", p.snip.Source
}

// Help is the Fix pane's keys.
func (p *fixPane) Help(c *paneContext) []key.Binding {
	return []key.Binding{shortKey(c.keys.Down, "scroll"), shortKey(c.keys.Lang, "language"),
		shortKey(c.keys.Copy, "copy snippet"), shortKey(c.keys.Cancel, "close")}
}

// What the root asks of the pane, checked when building.
var (
	_ Pane         = (*fixPane)(nil)
	_ receiver     = (*fixPane)(nil)
	_ resultShower = (*fixPane)(nil)
	_ coveringPane = (*fixPane)(nil)
)
