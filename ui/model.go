package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/sealpeek/sealpeek/profile"
)

// Model is the terminal UI's root: it holds the shared state, routes
// messages to the focused pane and lays the panes out.
type Model struct {
	shared
	help    help.Model
	isDark  bool
	noColor bool

	width, height int
	panes         []paneEntry // indexed by paneID
	focus         paneID
	fullHelp      bool
	helpWin       window // the full help's scroll position, on a short terminal

	inputPane inputPane
	profiles  profilesPane
	requests  requestsPane
	expected  fieldPane
	other     fieldPane
	header    fieldPane
	split     splitPane
	plain     plainPane
	request   requestPane
	digest    digestPane
	fix       fixPane
	diag      diagPane
	send      sendPane

	clip    Clipboard
	gen     int              // generation of the latest request
	running *runningAnalysis // the one analysis in flight, nil when none
	// readProfiles reads the profiles' secrets in the background; nil
	// when they came resolved.
	readProfiles func() []profile.Resolved
	// analyze does the work of one request off the update loop: analyze,
	// but tests slow it down or count the runs.
	analyze func(context.Context, request) analysis

	status    string
	statusErr bool
	statusID  int
	after     func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // tea.Tick; tests stop time
	now       func() time.Time                                     // JWT validity is checked as of now
}

// registerPanes lists the panes, indexed by their paneID: a new pane is a
// line here.
func (m *Model) registerPanes() {
	m.inputPane = inputPane{text: &m.input}
	m.expected = newExpectedField(&m.input.expected)
	m.other = newOtherField(&m.input.other)
	m.header = newHeaderField(&m.input.header)
	m.panes = []paneEntry{
		paneInput:    {name: "Input", pane: &m.inputPane, slot: slotInput},
		paneExpected: {name: "Expected", pane: &m.expected, slot: slotInInput},
		paneOther:    {name: "Identifier", pane: &m.other, slot: slotInInput},
		paneHeader:   {name: "Header", pane: &m.header, slot: slotInInput},
		paneProfiles: {name: "Profiles", pane: &m.profiles, slot: slotProfiles},
		paneRequests: {name: "Requests", pane: &m.requests, slot: slotResult, detail: 6}, // while listening
		paneDigest:   {name: "Digest", pane: &m.digest, slot: slotResult, detail: 3},
		paneSplit:    {name: "Split", pane: &m.split, slot: slotResult, detail: 1},
		panePlain:    {name: "Plaintext", pane: &m.plain, slot: slotResult, detail: 2}, // a JWT's claims before its signature
		paneRequest:  {name: "Request", pane: &m.request, slot: slotResult, detail: 4},
		paneFix:      {name: "Fix", pane: &m.fix, slot: slotResult, detail: 5}, // covers the others while open
		paneSend:     {name: "Send", pane: &m.send, slot: slotResult, detail: 6},
		paneDiag:     {name: "Diagnostics", pane: &m.diag, slot: slotDiag},
	}
}

// context is what pane p sees of the root.
func (m *Model) context(p paneID) *paneContext {
	focused := m.focus == p || m.panes[p].slot == slotInput && m.panes[m.focus].slot == slotInInput
	s := m.panes[p].slot
	tabbed := m.narrow() && (s == slotProfiles || s == slotResult)
	return &paneContext{shared: &m.shared, rootActions: m, focused: focused, tabbed: tabbed}
}

// New makes the UI from its options.
func New(opts Options) *Model {
	m := &Model{
		shared: shared{
			keys:           DefaultKeyMap(),
			secrets:        append([]crypto.Secret(nil), opts.Secrets...),
			chosen:         opts.Chosen,
			save:           opts.SaveProfile,
			sources:        map[string]profile.Profile{},
			resolveProfile: opts.ResolveProfile,
			input:          newInputText(opts.Input, opts.Expected),
			samples:        opts.Samples,
			sample:         -1,
			reading:        opts.Reading,
			welcome:        welcome{file: opts.ProfilesFile, missing: opts.ProfilesMissing, demo: len(opts.Samples) > 0},
		},
		readProfiles: opts.ReadProfiles,
		help:         help.New(),
		isDark:       true,
		noColor:      opts.NoColor,
		clip:         opts.Clipboard,
		profiles:     newProfilesPane(),
		fix:          newFixPane(opts.Lang),
		send:         newSendPane(),
		after:        tea.Tick,
		analyze:      analyze,
		now:          opts.Now,
		status:       opts.Notice,
	}
	if opts.ReadProfiles != nil && m.status == "" {
		m.status = readingStatus
	}
	m.requests = newRequestsPane(opts)
	m.registerPanes()
	if opts.Requests != nil {
		m.focus = paneRequests // listening: the requests as they come
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.clip == nil {
		m.clip = NewClipboard(false)
	}
	m.setStyles(true)
	infos := make(map[string]ProfileInfo, len(opts.Profiles))
	for _, p := range opts.Profiles {
		infos[p.Name] = p
	}
	m.rebuildRing(infos)
	if len(opts.Input) == 0 && len(m.samples) > 0 {
		m.loadSample(0)
	}
	m.kind = m.detect()
	if opts.Width > 0 && opts.Height > 0 {
		m.resize(opts.Width, opts.Height)
	}
	return m
}

// setStyles makes the styles for the background and hands them to the
// panes that keep styled text.
func (m *Model) setStyles(isDark bool) {
	m.isDark = isDark
	m.st = NewStyles(isDark, m.noColor)
	m.help.Styles = m.st.Help
	for _, e := range m.panes {
		if r, ok := e.pane.(restyler); ok {
			r.setStyles(&m.st)
		}
	}
	m.refreshDiag()
}

// Init asks the terminal for its background colour, starts reading the
// profiles, and runs the first analysis (once they are read, when any are).
func (m *Model) Init() tea.Cmd {
	var read tea.Cmd
	if m.readProfiles != nil {
		m.reading = max(m.reading, 1)
		readProfiles := m.readProfiles
		read = func() tea.Msg { return profilesReadMsg{readProfiles()} }
	}
	return tea.Batch(tea.RequestBackgroundColor, read, m.reanalyze(), m.requests.wait())
}

// profilesReadMsg brings the profiles read in the background.
type profilesReadMsg struct{ resolved []profile.Resolved }

// profilesRead adds the profiles read in the background ahead of any added
// meanwhile, names those that could not be read, and analyses the input
// with them.
func (m *Model) profilesRead(resolved []profile.Resolved) tea.Cmd {
	var read Options
	unreadable := read.AddProfiles(resolved)
	m.unreadable = nil
	for _, r := range resolved {
		if !r.OK() {
			m.unreadable = append(m.unreadable, unreadableProfile{name: r.Profile.Name, code: r.Err.Code})
		}
	}
	m.reading = 0
	m.secrets = append(read.Secrets, m.secrets...)
	infos := make(map[string]ProfileInfo, len(read.Profiles))
	for _, p := range read.Profiles {
		infos[p.Name] = p
	}
	m.rebuildRing(infos)
	var status tea.Cmd
	switch {
	case len(unreadable) > 0:
		status = m.setStatus(fmt.Sprintf("%d %s could not be read: %s; run 'sealpeek profiles check'",
			len(unreadable), termtext.Plural(len(unreadable), "profile", "profiles"), strings.Join(unreadable, ", ")), true)
	case m.status == readingStatus:
		status = m.setStatus(fmt.Sprintf("read %d %s", len(read.Secrets), termtext.Plural(len(read.Secrets), "profile", "profiles")), false)
	}
	if m.chosen != "" && m.ring.Find(m.chosen) < 0 {
		for _, r := range resolved {
			if r.Profile.Name == m.chosen && !r.OK() {
				status = m.setStatus(termtext.EscapeControl(fmt.Sprintf("the chosen profile '%s' could not be read: %s", m.chosen, r.Err.Message), false), true)
			}
		}
	}
	return tea.Batch(status, m.reanalyze())
}

// readingStatus is the status line while the profiles are read.
const readingStatus = "reading the profiles…"

// detect is the kind in force: the override, else what the input looks like.
func (m *Model) detect() Kind {
	if m.override != KindAuto {
		return m.override
	}
	return DetectKind(m.input.head())
}

// runningAnalysis is the one analysis in flight.
type runningAnalysis struct {
	gen    int
	text   textSnapshot       // the input it reads: released once it has copied it, or finished
	cancel context.CancelFunc // stops it early once a newer input supersedes it
}

// reanalyze asks for an analysis of the current input, profile and
// expected digest. At most one runs at a time: while one runs, a newer
// request cancels it and waits, and when it reports, whatever the input is
// then is analysed next. Typing into a pathological input thus keeps one
// analysis busy, not one per keystroke.
func (m *Model) reanalyze() tea.Cmd {
	m.gen++
	m.pending = true
	m.kind = m.detect()
	m.ensureFocusVisible()
	m.refreshDiag()
	if m.reading > 0 {
		return nil // analysed when the profiles are read
	}
	if m.running != nil {
		m.running.cancel()
		return nil
	}
	return m.startAnalysis()
}

// startAnalysis runs the latest request in a command.
func (m *Model) startAnalysis() tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	text := m.input.buf.Snapshot()
	m.running = &runningAnalysis{gen: m.gen, text: text, cancel: cancel}
	req := request{gen: m.gen, kind: m.kind, text: text, expected: m.input.expected.Value(), other: m.input.other.Value(),
		header: m.input.header.Value(), ring: m.ring, chosen: m.chosen, now: m.now()}
	return analyzeCmd(ctx, cancel, m.analyze, req)
}

// finished takes an analysis that has reported. The latest is shown; a
// superseded one (cancelled or not) is dropped and the latest request
// starts in its place. Every analysis has stopped reading the input by now.
func (m *Model) finished(a analysis) tea.Cmd {
	if m.running != nil && m.running.gen == a.gen {
		m.running.text.release()
		m.running = nil
	}
	if a.gen == m.gen && !a.cancelled {
		m.apply(a)
		return nil
	}
	if m.running == nil && m.pending {
		return m.startAnalysis()
	}
	return nil
}

// apply shows the latest analysis.
func (m *Model) apply(a analysis) {
	m.pending = false
	m.result = &a
	for id, e := range m.panes {
		if s, ok := e.pane.(resultShower); ok {
			s.showResult(m.context(paneID(id)), &a)
		}
	}
	m.ensureFocusVisible()
	m.refreshDiag()
}

// refreshDiag sets the diagnostics again: after a result, a change of
// styles, or a new request (which may make it say "working…").
func (m *Model) refreshDiag() {
	m.diag.refresh(m.context(m.inSlot(slotDiag)))
}

// loadSample shows demo sample i.
func (m *Model) loadSample(i int) {
	m.sample = i
	s := m.samples[i]
	m.input.replace(s.Input, true) // a copy: the sample's bytes are never written
	m.input.hasUndo = false
	m.input.expected.SetValue(s.Expect)
	m.input.expected.CursorStart() // show where the digest starts, not where it ends
	m.input.header.SetValue("")
	m.input.other.SetValue("")
	if s.Chosen != "" {
		m.chosen = s.Chosen
	}
	// A sample's kind is an override only where detection would differ.
	m.override = KindNamed(s.Kind)
	if m.override == DetectKind(s.Input) {
		m.override = KindAuto
	}
}
