// Package ui is sealpeek's terminal UI: paste a payload, see live what it
// is and why it does or does not match.
//
// The root model (model.go, with update.go routing messages and keys,
// layout.go placing the panes, view.go drawing the screen, keyring.go the
// profiles' keys) holds the state the panes share (shared.go: the input,
// the latest analysis, the profiles). Each pane is a file of its own,
// pane_NAME.go, with a type implementing Pane (pane.go): what it shows,
// its keys, its rows and title, what the copy key takes. Panes see the
// shared state, and ask the root to change it, through a paneContext.
// Analyses run off the update loop, one at a time (engine.go). keys.go is
// the key map and styles.go the styles, one of each.
package ui
