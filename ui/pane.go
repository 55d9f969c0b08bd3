package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/profile"
)

// Adding a pane (say, a list of received requests):
//
//  1. A file pane_NAME.go with its type, implementing Pane: what it shows,
//     its keys (Update, Captures, Help), its rows and title, what copy
//     takes. It reads shared state through the paneContext it is handed
//     and changes it only through the context's rootActions.
//  2. Where it needs to, the optional parts below: resultShower to prepare
//     rows from each analysis, sizedPane to ask for rows in the right
//     column, restyler for cached styled text, focuser for a text field,
//     receiver for messages of its own that come whether it has focus or not,
//     coveringPane to have the result column to itself while open.
//  3. A paneID below, a Model field holding the pane and a line in
//     Model.registerPanes with its name and slot: the order there is the
//     focus order and the order on screen. Nothing else in the root
//     changes: routing, layout, help and copy ask the registered panes.

// Pane is one box of the screen (or a field drawn inside one): it owns
// its keys, how it draws, what the copy key takes from it and its help.
// The root model routes messages to the focused pane, lays the panes out
// and holds the state they share; a pane sees that state, and asks the
// root for changes to it, only through the paneContext it is handed.
type Pane interface {
	// Shows reports whether the pane is on screen for input of kind k; a is
	// the latest analysis when it is of that kind, nil until one is.
	Shows(k Kind, a *analysis) bool
	// Rows draws the pane's body, exactly w cells by h rows. It is drawn
	// before its title, which may report the scroll window it sets.
	Rows(c *paneContext, w, h int) []string
	// Title is the title bar's text and its right-hand note (where the
	// pane is scrolled to).
	Title(c *paneContext) (title, right string)
	// Captures reports whether the pane takes msg before the root's global
	// keys see it: text typed into it, or every key while a form is open.
	Captures(c *paneContext, msg tea.Msg) bool
	// Update handles a key the global keys left, a message the pane
	// captures, and other messages (a field's cursor blink) while focused.
	Update(c *paneContext, msg tea.Msg) tea.Cmd
	// Scroll moves the pane's window by n rows (the mouse wheel, the
	// scroll keys); bigScroll goes to an end.
	Scroll(n int)
	// Copy is what the copy key takes from the pane: what it is, for the
	// status line, and the text; text is "" when there is nothing yet.
	Copy(c *paneContext) (what, text string)
	// Help is the pane's own keys for the help bar.
	Help(c *paneContext) []key.Binding
}

// Optional parts of a pane, which the root calls on the panes that have them.
type (
	// resultShower prepares what it shows from each new analysis.
	resultShower interface {
		showResult(c *paneContext, a *analysis)
	}
	// restyler takes new styles (on a change of background colour).
	restyler interface{ setStyles(st *Styles) }
	// focuser is told when it gains or loses focus (a text field's cursor).
	focuser interface {
		focus() tea.Cmd
		blur()
	}
	// sizedPane asks for a number of rows in the wide layout's right
	// column; result panes without it share the rows the others leave.
	sizedPane interface {
		wantRows(c *paneContext, w int) int
	}
	// receiver takes messages of its own (a feed of received requests)
	// whether it has focus or not, and reports whether msg was one.
	receiver interface {
		receive(c *paneContext, msg tea.Msg) (tea.Cmd, bool)
	}
	// coveringPane is a result pane that, while it covers, is the only
	// result pane on screen and in the focus order: the Fix pane, open
	// over the results whose mistake it shows the fix of, with their room.
	coveringPane interface{ covers() bool }
)

// paneContext is what a pane sees of the root: the shared state it reads,
// the root's services (every change to shared state goes through them) and
// how it stands on screen. It is made for each call; panes keep none of it.
type paneContext struct {
	*shared
	rootActions
	focused bool // the pane, or a field drawn in it, has focus
	// tabbed: the pane is in the narrow layout's shared slot, whose title
	// bar lists the panes there instead of the pane's own title.
	tabbed bool
}

// rootActions are what a pane may ask of the root.
type rootActions interface {
	setStatus(text string, isErr bool) tea.Cmd
	copyValue(what, text string) tea.Cmd
	// reanalyze analyses again after an edit of a field.
	reanalyze() tea.Cmd
	// inputEdited analyses again after the input was typed into.
	inputEdited() tea.Cmd
	cycleFocus(step int) tea.Cmd
	// focusOn moves focus to pane p when it is on screen (a pane that
	// opened, or the one to go back to when it closes).
	focusOn(p paneID) tea.Cmd
	// choose makes profile row i the chosen one, or unchooses it.
	choose(i int) tea.Cmd
	// addProfile adds a session profile and, when save is set, saves it.
	// p is where its secret comes from, for saving.
	addProfile(s crypto.Secret, p profile.Profile, save bool) tea.Cmd
	saveProfile(i int) tea.Cmd
	// showCapture makes raw the input and analyses it (a received request).
	showCapture(raw []byte) tea.Cmd
}

// paneID names a registered pane: its index in Model.panes.
type paneID int

// The panes, in focus order, which is also their order on screen.
const (
	paneInput paneID = iota
	paneExpected
	paneOther
	paneHeader
	paneProfiles
	paneRequests
	paneDigest
	paneSplit
	panePlain
	paneRequest
	paneFix
	paneSend
	paneDiag
)

// slot is where a pane goes on screen.
type slot int

const (
	slotInput    slot = iota // wide: left, on top; narrow: on top
	slotInInput              // a field drawn at the top of the input pane
	slotProfiles             // wide: left, below the input; narrow: the detail slot when no result pane is
	slotResult               // wide: the right column; narrow: the detail slot
	slotDiag                 // wide: right, below the results; narrow: at the bottom
)

// paneEntry is a registered pane and where it goes.
type paneEntry struct {
	name string
	pane Pane
	slot slot
	// detail ranks the result panes for the narrow layout's detail slot
	// when none has focus: the lowest shown one is there.
	detail int
}
