package ui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// sendPane sends the input's request, as it is, to a URL typed into it, and
// shows the answer beside the verdict: status and latency, headers, body.
// It opens on ctrl+o and closes on esc. Only the URL typed is contacted,
// with the waits of wire.Sender and no redirect followed; the answer's
// text is the endpoint's, so it is drawn escaped.
type sendPane struct {
	open    bool
	url     textinput.Model
	sender  *wire.Sender
	id      int    // of the latest request sent; older answers are dropped
	sending string // where the request in flight went, "" when none is
	sent    string // what was sent, for the answer's first row
	answer  *wire.Answer
	err     string
	rows    []string // the answer cut into rows for width
	width   int
	win     window
}

// sendAnswerMsg is the answer (or the error) of request id.
type sendAnswerMsg struct {
	id     int
	answer *wire.Answer
	err    error
}

func newSendPane() sendPane {
	f := textinput.New()
	f.Prompt = "URL: "
	f.Placeholder = "http://127.0.0.1:3000/webhooks"
	f.CharLimit = 2048
	return sendPane{url: f, sender: wire.NewSender(wire.SenderOptions{})}
}

// toggle opens the pane (focusing it) or, open, closes it.
func (p *sendPane) toggle(c *paneContext) tea.Cmd {
	p.open = !p.open
	if p.open {
		return c.focusOn(paneSend)
	}
	return c.focusOn(paneInput)
}

// inputRequest is the input's request as it would go on the wire: the
// request line, headers and body of the capture, byte for byte.
func inputRequest(c *paneContext) (*wire.Request, error) {
	a := c.shownResult()
	if a == nil || a.capture == nil || a.capture.Capture == nil || a.capture.InputError != nil {
		return nil, fmt.Errorf("the input is not a request to send: paste a captured request or body")
	}
	cap := a.capture.Capture
	if len(cap.Body) == 0 && cap.Method == "" {
		return nil, fmt.Errorf("the input has no body to send")
	}
	return &wire.Request{Method: cap.Method, Target: cap.Target, Headers: cap.Headers, Body: cap.Body}, nil
}

// send posts the input's request to the URL typed, off the update loop.
func (p *sendPane) send(c *paneContext) tea.Cmd {
	url := strings.TrimSpace(p.url.Value())
	if _, err := wire.ParseURL(url); err != nil {
		return c.setStatus(err.Error(), true)
	}
	req, err := inputRequest(c)
	if err != nil {
		return c.setStatus(err.Error(), true)
	}
	p.id++
	id, sender := p.id, p.sender
	method := req.Method
	if method == "" {
		method = http.MethodPost
	}
	p.sending, p.sent = url, fmt.Sprintf("%s, %s", method, report.ByteCount(len(req.Body)))
	p.answer, p.err, p.rows = nil, "", nil
	return func() tea.Msg {
		a, err := sender.Send(context.Background(), url, req)
		return sendAnswerMsg{id: id, answer: a, err: err}
	}
}

// receive takes the answer of the latest request sent.
func (p *sendPane) receive(c *paneContext, msg tea.Msg) (tea.Cmd, bool) {
	a, ok := msg.(sendAnswerMsg)
	if !ok {
		return nil, false
	}
	if a.id != p.id {
		return nil, true
	}
	to := p.sending
	p.sending, p.rows, p.win.top = "", nil, 0
	if a.err != nil {
		p.err = a.err.Error()
		return c.setStatus(p.err, true), true
	}
	p.answer = a.answer
	return c.setStatus(fmt.Sprintf("sent to %s: %d %s", to, a.answer.Status, http.StatusText(a.answer.Status)), false), true
}

// Shows: while open, whatever the input.
func (p *sendPane) Shows(Kind, *analysis) bool { return p.open }

// wantRows: the URL, the state, and room for a short answer.
func (p *sendPane) wantRows(*paneContext, int) int { return 12 }

// Rows draws the URL field, what to press or what came back, the answer's
// headers and its body, every byte of them escaped.
func (p *sendPane) Rows(c *paneContext, w, h int) []string {
	if !p.open || h <= 0 {
		return fitLines(nil, w, h)
	}
	p.url.SetWidth(max(w-len(p.url.Prompt)-1, 8))
	head := []string{p.url.View()}
	switch {
	case p.sending != "":
		head = append(head, c.st.Dim.Render("sending the input's request to "+termtext.EscapeControl(p.sending, false)+"…"))
	case p.err != "":
		head = append(head, c.st.Bad.Render("✗ "+termtext.EscapeControl(p.err, false)))
	case p.answer != nil:
		a := p.answer
		mark, style := "✓", c.st.Good
		if a.Status < 200 || a.Status > 299 {
			mark, style = "✗", c.st.Bad
		}
		head = append(head, style.Render(fmt.Sprintf("%s %d %s", mark, a.Status, http.StatusText(a.Status)))+
			c.st.Dim.Render(fmt.Sprintf(" in %s · sent %s", roundWait(a.Latency), p.sent)))
	default:
		head = append(head, c.st.Dim.Render("enter: send the input's request, as it is, to this URL · esc: close"))
	}
	if p.answer == nil || len(head) >= h {
		return fitLines(head, w, h)
	}
	p.cut(w)
	p.win.height, p.win.rows = h-len(head), len(p.rows)
	from, to := p.win.visible()
	return fitLines(append(head, p.rows[from:to]...), w, h)
}

// cut lays the answer's headers and body out in rows of width cells.
func (p *sendPane) cut(width int) {
	if p.rows != nil && p.width == width {
		return
	}
	p.width, p.rows = width, []string{}
	a := p.answer
	for _, h := range a.Headers {
		p.rows = append(p.rows, termtext.EscapeControl(h.Name, false)+": "+termtext.EscapeControl(h.Value, false))
	}
	if len(a.Body) > 0 {
		p.rows = append(p.rows, "")
		body := termtext.EscapeControl(string(a.Body), true)
		for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
			p.rows = append(p.rows, strings.Split(ansi.Hardwrap(line, max(width, 8), true), "\n")...)
		}
	}
	if a.Truncated() {
		p.rows = append(p.rows, fmt.Sprintf("(the first %s of %s)", report.ByteCount(len(a.Body)), report.ByteCount(int(a.BodyBytes))))
	}
}

// Title says where the request goes; at the right, where the answer is scrolled to.
func (p *sendPane) Title(*paneContext) (string, string) { return "Send", p.win.indicator() }

// Captures: while focused, every key but the focus keys is the URL's, and
// a paste is too.
func (p *sendPane) Captures(c *paneContext, msg tea.Msg) bool {
	if !p.open || !c.focused {
		return false
	}
	switch m := msg.(type) {
	case tea.PasteMsg:
		return true
	case tea.KeyPressMsg:
		if key.Matches(m, c.keys.Next, c.keys.Prev) {
			return false
		}
		return isText(m) || !key.Matches(m, c.keys.Help, c.keys.Copy, c.keys.CopyReport, c.keys.Send)
	}
	return false
}

// Update sends on enter, closes on esc, scrolls the answer, and edits the URL.
func (p *sendPane) Update(c *paneContext, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case k.String() == "enter":
			return p.send(c)
		case key.Matches(k, c.keys.Cancel):
			p.open = false
			return c.focusOn(paneInput)
		case k.String() == "pgdown" || k.String() == "pgup":
			if n, ok := c.keys.scrollBy(k, p.win.height); ok {
				p.Scroll(n)
			}
			return nil
		}
	}
	var cmd tea.Cmd
	p.url, cmd = p.url.Update(msg)
	return cmd
}

// Scroll moves the window over the answer.
func (p *sendPane) Scroll(n int) { p.win.scroll(max(min(n, p.win.rows), -p.win.rows)) }

// Copy takes the answer's body as it came.
func (p *sendPane) Copy(*paneContext) (string, string) {
	if p.answer == nil {
		return "", ""
	}
	return "the answer's body", string(p.answer.Body)
}

// Help is the Send pane's keys.
func (p *sendPane) Help(c *paneContext) []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send")),
		shortKey(c.keys.PageDown, "scroll answer"), shortKey(c.keys.Cancel, "close")}
}

// setStyles gives the URL field the input's styles (a steady cursor).
func (p *sendPane) setStyles(st *Styles) { p.url.SetStyles(st.Input) }

// focus and blur show the URL field's cursor while the pane has focus.
func (p *sendPane) focus() tea.Cmd { return p.url.Focus() }
func (p *sendPane) blur()          { p.url.Blur() }

// roundWait shows a latency to a precision people read.
func roundWait(d time.Duration) time.Duration {
	if d >= time.Millisecond {
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

// What the root asks of the pane, checked when building.
var (
	_ Pane      = (*sendPane)(nil)
	_ receiver  = (*sendPane)(nil)
	_ sizedPane = (*sendPane)(nil)
	_ focuser   = (*sendPane)(nil)
	_ restyler  = (*sendPane)(nil)
)
