package ui

import (
	"context"
	"time"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
)

// paneID names a focusable pane.
type paneID int

const (
	paneInput paneID = iota
	paneExpected
	paneHeader
	paneProfiles
	paneDigest
	paneSplit
	panePlain
	paneRequest
	paneDiag
)

var paneNames = [...]string{"Input", "Expected", "Header", "Profiles", "Digest", "Split", "Plaintext", "Request", "Diagnostics"}

// resultPanes says which result panes an input shows.
type resultPanes struct{ digest, split, plain, request bool }

// guessPanes is what a kind usually shows, used until its first analysis
// says what is really in it.
func guessPanes(k Kind) resultPanes {
	switch k {
	case KindUserData, KindSnippet:
		return resultPanes{digest: true}
	case KindJWT:
		return resultPanes{digest: true, plain: true}
	case KindHTTPRequest, KindHeaders, KindCurl:
		return resultPanes{digest: true, request: true}
	}
	return resultPanes{split: true, plain: true}
}

// panes is what an analysis has to show: a digest or signature, a sheet
// user, a JWT's claims, a request.
func (a *analysis) panes() resultPanes {
	p := resultPanes{digest: a.digest != nil, split: a.sheet != nil, plain: a.sheet != nil || a.plainKind != PlainNone, request: a.request != nil}
	if r := a.capture; r != nil {
		switch r.Capture.Kind {
		case crypto.KindWebhook, crypto.KindCanvasKit, crypto.KindIdentity, crypto.KindJWT:
			p.digest = true
		}
		p.digest = p.digest || len(r.Signatures) > 0
		p.plain = p.plain || r.JWT != nil
	}
	return p
}

// panesFor is the pane set of a kind with these result panes, in focus
// order, which is also their order on screen.
func panesFor(k Kind, rp resultPanes) []paneID {
	ps := []paneID{paneInput}
	switch {
	case k == KindUserData:
		ps = append(ps, paneExpected)
	case k.takesHeader():
		ps = append(ps, paneHeader)
	}
	ps = append(ps, paneProfiles)
	for _, p := range []struct {
		on bool
		id paneID
	}{{rp.digest, paneDigest}, {rp.split, paneSplit}, {rp.plain, panePlain}, {rp.request, paneRequest}} {
		if p.on {
			ps = append(ps, p.id)
		}
	}
	return append(ps, paneDiag)
}

// Model is the terminal UI's root: it owns the shared state (secrets,
// keyring, the latest analysis), routes messages to the focused pane and
// lays the panes out.
type Model struct {
	keys    KeyMap
	help    help.Model
	st      Styles
	isDark  bool
	noColor bool

	width, height int
	focus         paneID
	fullHelp      bool

	secrets []crypto.Secret
	ring    *crypto.Keyring
	chosen  string
	save    func(crypto.Secret) error
	clip    Clipboard

	kind     Kind // what the input is (detected or overridden)
	override Kind // KindAuto to detect

	input    inputPane
	profiles profilesPane
	split    splitPane
	plain    plainPane
	request  requestPane
	digest   window // the digest pane's scroll position
	diag     diagPane

	gen     int              // generation of the latest request
	pending bool             // a request newer than result runs or waits to
	running *runningAnalysis // the one analysis in flight, nil when none
	result  *analysis        // the latest applied analysis
	// analyze does the work of one request off the update loop: analyze,
	// but tests slow it down or count the runs.
	analyze func(context.Context, request) analysis

	samples []Sample
	sample  int // index of the sample shown, -1 for none

	status    string
	statusErr bool
	statusID  int
	after     func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // tea.Tick; tests stop time
	now       func() time.Time                                     // JWT validity is checked as of now
}

// New makes the UI from its options.
func New(opts Options) *Model {
	m := &Model{
		keys:     DefaultKeyMap(),
		help:     help.New(),
		isDark:   true,
		noColor:  opts.NoColor,
		secrets:  append([]crypto.Secret(nil), opts.Secrets...),
		chosen:   opts.Chosen,
		save:     opts.SaveProfile,
		clip:     opts.Clipboard,
		input:    newInputPane(opts.Input, opts.Expected),
		profiles: newProfilesPane(),
		diag:     newDiagPane(),
		samples:  opts.Samples,
		sample:   -1,
		after:    tea.Tick,
		analyze:  analyze,
		now:      opts.Now,
		status:   opts.Notice,
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

// rebuildRing derives every secret's keys once, when the set of secrets
// changes, not on each keystroke.
func (m *Model) rebuildRing(infos map[string]ProfileInfo) {
	m.ring = crypto.NewKeyring(m.secrets...)
	old := make(map[string]ProfileInfo, len(m.profiles.rows))
	for _, r := range m.profiles.rows {
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
	m.profiles.rows = rows
}

func (m *Model) setStyles(isDark bool) {
	m.isDark = isDark
	m.st = NewStyles(isDark, m.noColor)
	m.help.Styles = m.st.Help
	m.input.expected.SetStyles(m.st.Input)
	m.input.header.SetStyles(m.st.Input)
	m.profiles.filter.SetStyles(m.st.Input)
	m.input.view.invalidate()
	m.plain.text.invalidate()
	m.request.body.invalidate()
	m.refreshDiag()
}

// Init asks the terminal for its background colour and runs the first
// analysis.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.reanalyze())
}

// detect is the kind in force: the override, else what the input looks like.
func (m *Model) detect() Kind {
	if m.override != KindAuto {
		return m.override
	}
	return DetectKind(m.input.data)
}

// runningAnalysis is the one analysis in flight.
type runningAnalysis struct {
	gen    int
	held   int                // how many bytes of the input it reads
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
	if m.running != nil {
		m.running.cancel()
		return nil
	}
	return m.startAnalysis()
}

// startAnalysis runs the latest request in a command.
func (m *Model) startAnalysis() tea.Cmd {
	// The request's slice has no room past its length, so nothing the
	// analysis appends can reach bytes the input pane appends in place.
	input := m.input.data[:len(m.input.data):len(m.input.data)]
	ctx, cancel := context.WithCancel(context.Background())
	m.running = &runningAnalysis{gen: m.gen, held: len(input), cancel: cancel}
	req := request{gen: m.gen, kind: m.kind, input: input, expected: m.input.expected.Value(),
		header: m.input.header.Value(), ring: m.ring, chosen: m.chosen, now: m.now()}
	return analyzeCmd(ctx, cancel, m.analyze, req)
}

// held is how far into the input the running analysis reads: the input
// pane may write in place only past it.
func (m *Model) held() int {
	if m.running == nil {
		return 0
	}
	return m.running.held
}

// finished takes an analysis that has reported. The latest is shown; a
// superseded one (cancelled or not) is dropped and the latest request
// starts in its place. Every analysis has stopped reading the input by now.
func (m *Model) finished(a analysis) tea.Cmd {
	if m.running != nil && m.running.gen == a.gen {
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
	m.split.set(&a, m)
	m.plain.set(&a)
	m.request.set(a.request)
	m.digest.top = 0
	m.ensureFocusVisible()
	m.refreshDiag()
}

// workingThreshold is the input size above which the diagnostics pane says
// it is working rather than keep showing the previous input's findings.
const workingThreshold = 64 << 10

func (m *Model) working() bool { return m.pending && len(m.input.data) >= workingThreshold }

func (m *Model) refreshDiag() {
	if m.result == nil {
		m.diag.setContent(m.st.Dim.Render("working…"))
		return
	}
	if m.working() {
		m.diag.setContent(m.st.Dim.Render("working… analysing " + byteCount(len(m.input.data))))
		return
	}
	var problems []crypto.Diagnosis
	if i := m.ring.Find(m.chosen); i >= 0 {
		problems = m.profiles.rows[i].info.Problems
	}
	verdict := m.st.Dim.Render("no findings")
	if w := m.worked(); w >= 0 {
		verdict = m.st.Good.Render("✓ nothing to fix: " + termtext.EscapeControl(m.secrets[w].Label(), false) + " " + presentTense[m.result.verb] + " it")
	}
	m.diag.setContent(diagnosisText(m.result.diagnoses, m.result.remarks, problems, verdict, &m.st, m.diagWidth()))
}

// presentTense says what a profile does to an input that works with it.
var presentTense = map[string]string{"opened": "opens", "matched": "matches", "verified": "verifies"}

// diagWidth is the diagnostics pane's width in the current layout.
func (m *Model) diagWidth() int {
	if r, ok := m.layout().rects[paneDiag]; ok && r.w > 0 {
		return r.w
	}
	return 80
}

// worked returns the keyring index of the profile that opened or matched
// the input, or -1.
func (m *Model) worked() int {
	if m.result == nil || m.pending {
		return -1
	}
	return m.result.worked
}

// loadSample shows demo sample i.
func (m *Model) loadSample(i int) {
	m.sample = i
	s := m.samples[i]
	m.input.replace(s.Input, true)
	m.input.hasUndo = false
	m.input.expected.SetValue(s.Expect)
	m.input.expected.CursorStart() // show where the digest starts, not where it ends
	m.input.header.SetValue("")
	if s.Chosen != "" {
		m.chosen = s.Chosen
	}
	// A sample's kind is an override only where detection would differ.
	m.override = KindNamed(s.Kind)
	if m.override == DetectKind(s.Input) {
		m.override = KindAuto
	}
}
