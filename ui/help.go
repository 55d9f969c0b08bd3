package ui

import "charm.land/bubbles/v2/key"

// shortHelp is the help bar for the focused pane.
func (m *Model) shortHelp() []key.Binding {
	k := m.keys
	bs := []key.Binding{k.Next}
	switch m.focus {
	case paneInput:
		bs = append(bs, k.Clear, k.Trim, k.Kind, key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy")))
	case paneExpected:
		bs = append(bs, key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy")))
	case paneProfiles:
		bs = append(bs, k.Up, k.Down, k.Choose, k.Filter, k.Add, k.Save)
	case paneSplit:
		bs = append(bs, k.Down, k.CopyIV, k.CopyCiphertext, k.CopyTag, k.Copy)
	default:
		bs = append(bs, k.Down, k.PageDown, k.Copy)
	}
	bs = append(bs, k.CopyReport)
	if len(m.samples) > 0 {
		bs = append(bs, k.Sample)
	}
	return append(bs, k.Help, k.Quit)
}

// fullHelpGroups is the full key map, shown on f1 or ?.
func (m *Model) fullHelpGroups() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Next, k.Prev, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Clear, k.Trim, k.Undo, k.Kind, k.Sample},
		{k.Choose, k.Filter, k.Add, k.Save, k.Cancel},
		{k.Copy, k.CopyReport, k.CopyIV, k.CopyCiphertext, k.CopyTag},
		{k.Help, k.Quit},
	}
}
