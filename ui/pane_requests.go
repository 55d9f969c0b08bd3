package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// Received is one request 'sealpeek listen' received, as the Requests pane
// lists it. The caller has verified it; the pane shows the verdict, and
// choosing it analyses Raw in the usual panes.
type Received struct {
	At           time.Time
	Method, Path string
	Kind, Topic  string // what the request is (webhook, canvas_kit…), a notification's topic
	OK           bool   // everything in it verified
	Verdict      string // "verified", or the first diagnosis's code
	AppStatus    int    // the app's answer when forwarding, 0 otherwise
	AppError     string // why the app gave no answer
	Raw          []byte // the request as received (the kept file's bytes); nil when refused
	Kept         string // the file it was kept in, "" when not kept
	Problem      string // what went wrong taking or keeping it (a 413, a folder not written)
}

// Requests pane limits: the rows listed, and the bytes of requests held in
// memory (older ones are then listed without their bytes, to open from
// their file).
const (
	maxReceivedListed = 2000
	maxReceivedBytes  = 64 << 20
	// maxReceivedBatch is how many requests waiting in the feed one message
	// brings: at hundreds a second, one redraw for many.
	maxReceivedBatch = 256
)

// receivedMsg brings requests from the feed, oldest first.
type receivedMsg struct{ batch []Received }

// feedClosedMsg says the listener stopped.
type feedClosedMsg struct{}

// replayedMsg is the outcome of replaying a request.
type replayedMsg struct {
	what string
	err  error
}

// requestsPane lists the requests received while listening, newest first:
// when, what, the verdict and the app's answer. Enter shows the one under
// the cursor in the usual panes; e opens it in the input for editing; r
// sends it again; the copy key takes its raw bytes.
type requestsPane struct {
	feed      <-chan Received
	replay    func(raw []byte) (string, error)
	listening string     // the URL listened on
	list      []Received // oldest first
	held      int        // bytes of Raw held across list
	cursor    int        // rows from the newest
	shown     int        // index in list of the request shown in the panes, -1 for none
	closed    bool
	win       window
}

// newRequestsPane is the pane for opts; it lists nothing without a feed.
func newRequestsPane(opts Options) requestsPane {
	return requestsPane{feed: opts.Requests, replay: opts.Replay, listening: opts.Listening, shown: -1}
}

// wait is the command that brings the next requests from the feed: it
// blocks for one, then takes those already waiting, up to a batch.
func (p *requestsPane) wait() tea.Cmd {
	feed := p.feed
	if feed == nil {
		return nil
	}
	return func() tea.Msg {
		r, ok := <-feed
		if !ok {
			return feedClosedMsg{}
		}
		batch := []Received{r}
		for len(batch) < maxReceivedBatch {
			select {
			case r, ok := <-feed:
				if !ok {
					return receivedMsg{batch}
				}
				batch = append(batch, r)
			default:
				return receivedMsg{batch}
			}
		}
		return receivedMsg{batch}
	}
}

// receive takes the feed's messages, focused or not.
func (p *requestsPane) receive(c *paneContext, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case receivedMsg:
		p.add(msg.batch)
		return p.wait(), true
	case feedClosedMsg:
		p.closed = true
		return nil, true
	case replayedMsg:
		if msg.err != nil {
			return c.setStatus("replay: "+termtext.EscapeControl(msg.err.Error(), false), true), true
		}
		return c.setStatus("replayed: "+termtext.EscapeControl(msg.what, false), false), true
	}
	return nil, false
}

// add appends requests, dropping the oldest past the limits; the cursor
// stays on the request it was on, or on the newest when it was there.
func (p *requestsPane) add(batch []Received) {
	for _, r := range batch {
		p.list = append(p.list, r)
		p.held += len(r.Raw)
	}
	if p.cursor > 0 {
		p.cursor += len(batch)
	}
	if drop := len(p.list) - maxReceivedListed; drop > 0 {
		for _, r := range p.list[:drop] {
			p.held -= len(r.Raw)
		}
		p.list = append(p.list[:0:0], p.list[drop:]...)
		p.shown -= drop
	}
	for i := 0; p.held > maxReceivedBytes && i < len(p.list); i++ {
		p.held -= len(p.list[i].Raw)
		p.list[i].Raw = nil
	}
	p.cursor = min(p.cursor, max(len(p.list)-1, 0))
}

// at is the request on row i (0 is the newest), nil when there is none.
func (p *requestsPane) at(i int) *Received {
	if i < 0 || i >= len(p.list) {
		return nil
	}
	return &p.list[len(p.list)-1-i]
}

// Shows: while listening, whatever the input.
func (p *requestsPane) Shows(Kind, *analysis) bool { return p.feed != nil }

// wantRows: the list up to 10 rows, and its title.
func (p *requestsPane) wantRows(*paneContext, int) int { return min(max(len(p.list), 1), 10) + 1 }

// Title says where it listens and how many came.
func (p *requestsPane) Title(*paneContext) (string, string) {
	t := "Requests"
	if p.closed {
		t += " · stopped listening"
	} else if p.listening != "" {
		t += " · listening on " + termtext.EscapeControl(p.listening, false)
	}
	if n := len(p.list); n > 0 {
		t += fmt.Sprintf(" · %d received", n)
	}
	return t, p.win.indicator()
}

// Rows draws the visible rows, newest first.
func (p *requestsPane) Rows(c *paneContext, w, h int) []string {
	if len(p.list) == 0 {
		msg := "waiting for requests: POST one here (curl --data-binary @body.json -H 'X-Hub-Signature: …' URL), or give Intercom a tunnel's URL"
		if p.listening != "" {
			msg = strings.Replace(msg, "URL", termtext.EscapeControl(p.listening, false), 1)
		}
		return fitLines([]string{c.st.Dim.Render(msg)}, w, h)
	}
	p.cursor = min(max(p.cursor, 0), len(p.list)-1)
	p.win.height, p.win.rows = h, len(p.list)
	if p.cursor < p.win.top {
		p.win.top = p.cursor
	} else if p.cursor >= p.win.top+h {
		p.win.top = p.cursor - h + 1
	}
	from, to := p.win.visible()
	out := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, p.line(c, i, w))
	}
	return fitLines(out, w, h)
}

// line is row i: time, method and path, kind and topic, the verdict and
// the app's answer.
func (p *requestsPane) line(c *paneContext, i, w int) string {
	r := p.at(i)
	st := &c.st
	mark := "  "
	if len(p.list)-1-i == p.shown {
		mark = "● "
	}
	if i == p.cursor && c.focused {
		mark = "▸ "
	}
	what := strings.TrimSpace(r.Kind + " " + r.Topic)
	head := mark + r.At.Local().Format(time.TimeOnly) + " " + padCut(termtext.EscapeControl(r.Method+" "+r.Path, false), 24) + " " +
		padCut(termtext.EscapeControl(what, false), 28) + " "
	var verdict string
	switch {
	case r.Problem != "" && r.Raw == nil && r.Kept == "":
		verdict = st.Bad.Render("✗ " + termtext.EscapeControl(r.Problem, false))
	case r.OK:
		verdict = st.Good.Render("✓ " + termtext.EscapeControl(r.Verdict, false))
	default:
		verdict = st.Bad.Render("✗ " + termtext.EscapeControl(r.Verdict, false))
	}
	switch {
	case r.AppError != "":
		verdict += " " + st.Warn.Render("app: no answer")
	case r.AppStatus >= 400:
		verdict += " " + st.Warn.Render(fmt.Sprintf("app %d", r.AppStatus))
	case r.AppStatus > 0:
		verdict += " " + st.Dim.Render(fmt.Sprintf("app %d", r.AppStatus))
	}
	if r.Problem != "" && r.Raw != nil {
		verdict += " " + st.Warn.Render("⚠ not kept")
	}
	line := head + verdict
	if i == p.cursor && c.focused {
		return st.Selected.Render(fit(line, w))
	}
	return line
}

// Captures: the pane has no text to type.
func (p *requestsPane) Captures(*paneContext, tea.Msg) bool { return false }

// Update moves the cursor, shows, edits or replays the request under it.
func (p *requestsPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if n, ok := c.keys.scrollBy(k, p.win.height); ok {
		p.cursor = min(max(p.cursor+n, 0), max(len(p.list)-1, 0))
		return nil
	}
	r := p.at(p.cursor)
	switch {
	case key.Matches(k, c.keys.Show), key.Matches(k, c.keys.Edit):
		if r == nil {
			return c.setStatus("no request received yet", false)
		}
		if r.Raw == nil {
			return c.setStatus(p.unheld(r), true)
		}
		p.shown = len(p.list) - 1 - p.cursor
		edit := key.Matches(k, c.keys.Edit)
		cmd := c.showCapture(r.Raw)
		status := "showing " + termtext.EscapeControl(r.Method+" "+r.Path, false) + " of " + r.At.Local().Format(time.TimeOnly) + " (" + report.ByteCount(len(r.Raw)) + ")"
		if edit {
			return tea.Batch(cmd, c.focusOn(paneInput), c.setStatus(status+" in the input, to edit", false))
		}
		return tea.Batch(cmd, c.setStatus(status, false))
	case key.Matches(k, c.keys.Replay):
		switch {
		case r == nil:
			return c.setStatus("no request received yet", false)
		case r.Raw == nil:
			return c.setStatus(p.unheld(r), true)
		case p.replay == nil:
			return c.setStatus("replay is not available here", true)
		}
		raw, replay := r.Raw, p.replay
		return func() tea.Msg {
			what, err := replay(raw)
			return replayedMsg{what, err}
		}
	}
	return nil
}

// unheld says why a request cannot be shown: its bytes were refused, or
// let go of to bound memory.
func (p *requestsPane) unheld(r *Received) string {
	switch {
	case r.Kept != "":
		return "this request is no longer held in memory: open it with 'sealpeek " + termtext.EscapeControl(r.Kept, false) + "'"
	case r.Problem != "":
		return termtext.EscapeControl(r.Problem, false)
	}
	return "this request is no longer held in memory, and was not kept"
}

// Scroll moves the cursor.
func (p *requestsPane) Scroll(n int) {
	p.cursor = min(max(p.cursor+n, 0), max(len(p.list)-1, 0))
}

// Copy takes the raw request under the cursor, exactly as received.
func (p *requestsPane) Copy(*paneContext) (string, string) {
	if r := p.at(p.cursor); r != nil && r.Raw != nil {
		return "the request as received (exact bytes)", string(r.Raw)
	}
	return "", ""
}

// Help is the pane's keys.
func (p *requestsPane) Help(c *paneContext) []key.Binding {
	keys := []key.Binding{shortKey(c.keys.Down, "move"), c.keys.Show, c.keys.Edit}
	if p.replay != nil {
		keys = append(keys, c.keys.Replay)
	}
	return append(keys, shortKey(c.keys.Copy, "copy"))
}

// showCapture makes raw the input and analyses it, as a paste does (the
// previous input kept for undo).
func (m *Model) showCapture(raw []byte) tea.Cmd {
	m.input.startOver(raw, false)
	m.override, m.sample = KindAuto, -1
	return m.reanalyze()
}

// What the root asks of the pane, checked when building.
var (
	_ Pane      = (*requestsPane)(nil)
	_ receiver  = (*requestsPane)(nil)
	_ sizedPane = (*requestsPane)(nil)
)
