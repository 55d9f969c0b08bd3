package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

func lipglossWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

// shortHelp is the help bar for the focused pane, in few words.
func (m *Model) shortHelp() []key.Binding {
	k := m.keys
	short := func(b key.Binding, desc string) key.Binding {
		b.SetHelp(b.Help().Key, desc)
		return b
	}
	ctrlY := key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy"))
	bs := []key.Binding{short(k.Next, "next pane")}
	switch m.focus {
	case paneInput:
		bs = append(bs, short(k.Clear, "clear"), short(k.Trim, "trim"), short(k.Kind, "kind"))
		if m.kind.takesHeader() {
			bs = append(bs, short(k.Header, "sig header"))
		}
		bs = append(bs, ctrlY)
	case paneHeader:
		bs = append(bs, short(k.Header, "back to input"), ctrlY)
	case paneExpected:
		bs = append(bs, ctrlY)
	case paneProfiles:
		bs = append(bs, short(k.Choose, "choose"), short(k.Filter, "filter"), short(k.Add, "add"), short(k.Save, "save"), short(k.Copy, "copy"))
	case paneSplit:
		bs = append(bs, short(k.Down, "scroll"), short(k.CopyIV, "IV"), short(k.CopyCiphertext, "ciphertext"), short(k.CopyTag, "tag"), short(k.Copy, "copy all"))
	case paneDiag:
		bs = append(bs, short(k.Down, "scroll"), short(k.Copy, "copy report"))
	default:
		bs = append(bs, short(k.Down, "scroll"), short(k.Copy, "copy"))
	}
	bs = append(bs, short(k.CopyReport, "report"))
	if len(m.samples) > 0 {
		bs = append(bs, short(k.Sample, "sample"))
	}
	return append(bs, short(k.Help, "help"), short(k.Quit, "quit"))
}

// fullHelpView lays the full key map out in as many bands of columns as
// the width needs.
func (m *Model) fullHelpView() string {
	h := m.help
	h.SetWidth(0) // measure untruncated; the bands fit the width instead
	var bands []string
	var band [][]key.Binding
	for _, g := range m.fullHelpGroups() {
		if len(band) > 0 && lipglossWidth(h.FullHelpView(append(band, g))) > m.width {
			bands = append(bands, h.FullHelpView(band))
			band = nil
		}
		band = append(band, g)
	}
	bands = append(bands, h.FullHelpView(band))
	return strings.Join(bands, "\n\n")
}

// fullHelpGroups is the full key map, shown on f1 or ?.
func (m *Model) fullHelpGroups() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Next, k.Prev, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Clear, k.Trim, k.Undo, k.Kind, k.Header, k.Sample},
		{k.Choose, k.Filter, k.Add, k.Save, k.Cancel},
		{k.Copy, k.CopyReport, k.CopyIV, k.CopyCiphertext, k.CopyTag},
		{k.Help, k.Quit},
	}
}
