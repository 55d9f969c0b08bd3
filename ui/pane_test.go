package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/sealpeek/sealpeek/crypto"
)

// TestEveryPaneDrawsItsSize holds every registered pane to the Pane
// contract on every demo sample: it draws exactly the rows it is given,
// none wider than its width, whether it shows or not, and it has a name.
func TestEveryPaneDrawsItsSize(t *testing.T) {
	opts, _ := demoTestOptions(t)
	m := newTestModel(t, opts, 120, 40)
	if len(m.panes) != int(paneDiag)+1 {
		t.Fatalf("%d panes registered, want one per paneID (%d)", len(m.panes), paneDiag+1)
	}
	for sample := range m.samples {
		if sample > 0 {
			press(t, m, "ctrl+n")
		}
		for id, e := range m.panes {
			if e.name == "" {
				t.Errorf("pane %d has no name", id)
			}
			c := m.context(paneID(id))
			for _, size := range [][2]int{{44, 1}, {60, 7}, {119, 30}} {
				rows := e.pane.Rows(c, size[0], size[1])
				if e.slot == slotInInput {
					continue // drawn by the input pane
				}
				if len(rows) != size[1] {
					t.Errorf("sample %d, %s at %dx%d: %d rows", sample+1, e.name, size[0], size[1], len(rows))
				}
				for i, r := range rows {
					if w := cellWidth(stripStyle(r)); w > size[0] {
						t.Errorf("sample %d, %s at %dx%d: row %d is %d cells", sample+1, e.name, size[0], size[1], i, w)
					}
				}
			}
			e.pane.Title(c)
		}
	}
}

// feedPane is a pane a test adds: a live feed, as a Requests pane would be.
type feedPane struct{ got []string }

// feedMsg is what the feed receives, whatever has focus.
type feedMsg string

func (p *feedPane) Shows(Kind, *analysis) bool { return true }
func (p *feedPane) Rows(_ *paneContext, w, h int) []string {
	return fitLines(p.got, w, h)
}
func (p *feedPane) Title(*paneContext) (string, string)  { return "Feed · " + itoa(len(p.got)), "" }
func (p *feedPane) Captures(*paneContext, tea.Msg) bool  { return false }
func (p *feedPane) Update(*paneContext, tea.Msg) tea.Cmd { return nil }
func (p *feedPane) Scroll(int)                           {}
func (p *feedPane) Copy(*paneContext) (string, string)   { return "the feed", strings.Join(p.got, "\n") }
func (p *feedPane) Help(c *paneContext) []key.Binding    { return scrollHelp(&c.keys, "copy") }
func (p *feedPane) receive(_ *paneContext, msg tea.Msg) (tea.Cmd, bool) {
	if f, ok := msg.(feedMsg); ok {
		p.got = append(p.got, string(f))
		return nil, true
	}
	return nil, false
}

// TestARegisteredPaneIsRoutedLaidOutAndCopied adds a pane the way a new
// one is added, by registering it, and finds it on screen, in the focus
// order, fed its messages without focus, and copied from.
func TestARegisteredPaneIsRoutedLaidOutAndCopied(t *testing.T) {
	opts, clip := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 160, 48)
	feed := &feedPane{}
	m.panes = append(m.panes, paneEntry{name: "Feed", pane: feed, slot: slotResult, detail: 9})
	m.Update(feedMsg("POST /hook"))
	if len(feed.got) != 1 || m.focus != paneInput {
		t.Fatalf("the feed got %q with focus on %v: its messages come whatever has focus", feed.got, m.focus)
	}
	if s := screen(m); !strings.Contains(s, "Feed · 1") || !strings.Contains(s, "POST /hook") {
		t.Fatalf("the registered pane is not on screen:\n%s", s)
	}
	press(t, m, "shift+tab")
	if m.panes[m.focus].pane != feed {
		t.Fatalf("shift+tab from the input focused %s, want the feed (last in focus order)", m.panes[m.focus].name)
	}
	press(t, m, "y")
	if got := clip.copies[len(clip.copies)-1]; got != "POST /hook" {
		t.Errorf("copied %q, want the feed", got)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := screen(m); !strings.Contains(s, "[Feed]") {
		t.Errorf("the narrow layout should show the focused feed in the detail slot:\n%s", s)
	}
}

// TestWrappingKeepsHyphenatedWordsWhole: a timestamp broken at one of its
// hyphens to fit gets no space inserted when the rest is wrapped again
// under the hanging indent (issue 13, bug 8). Unwrapped, the text is the
// diagnosis again, at every width.
func TestWrappingKeepsHyphenatedWordsWhole(t *testing.T) {
	st := NewStyles(true, true)
	d := crypto.Diagnosis{Code: "jwt_expired", Severity: crypto.SeverityError,
		Message: "the token expired 3 hours ago, at 2026-12-03T18:56:54Z (exp 1796324214), well before the capture"}
	want := "✗ error jwt_expired " + d.Message
	for width := 24; width <= 100; width++ {
		text := ansi.Strip(strings.Join(wrapHanging(severityMark(d.Severity, &st)+" "+string(d.Code)+" "+d.Message, 8, width), "\n"))
		var got strings.Builder
		for i, l := range strings.Split(text, "\n") {
			if i > 0 {
				l = strings.TrimLeft(l, " ")
				got2 := strings.TrimRight(got.String(), " ")
				got.Reset()
				got.WriteString(got2)
				if !strings.HasSuffix(got.String(), "-") {
					got.WriteByte(' ')
				}
			}
			got.WriteString(l)
		}
		if got.String() != want {
			t.Fatalf("width %d:\n%s\nreads back as %q", width, text, got.String())
		}
	}
}
