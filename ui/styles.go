package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles are every style the UI draws with, made for a light or dark
// background, or without colour. Textual marks (✓ ✗ ● ▸) carry the meaning
// on their own, so nothing depends on colour alone.
type Styles struct {
	Title, TitleFocused lipgloss.Style // pane title bars
	Header              lipgloss.Style // the top line
	Dim                 lipgloss.Style
	Label               lipgloss.Style
	Error, Warn, Info   lipgloss.Style // diagnosis severities
	Good, Bad           lipgloss.Style // match / mismatch
	IV, Cipher, Tag     lipgloss.Style // the parts of a sealed user
	JSONKey, JSONString lipgloss.Style
	JSONNumber, JSONLit lipgloss.Style // numbers; true, false and null
	Selected            lipgloss.Style // the profile or diagnosis under the cursor; the selected input
	Cursor              lipgloss.Style // the input's cursor
	Fixing              lipgloss.Style // the lines of a snippet that fix the mistake
	Status, StatusError lipgloss.Style
	Separator           lipgloss.Style
	Help                help.Styles
	Input               textinput.Styles
}

// NewStyles makes the styles for a dark or light background; with noColor
// only bold, faint and reverse are used.
func NewStyles(isDark, noColor bool) Styles {
	ld := lipgloss.LightDark(isDark)
	fg := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	s := lipgloss.NewStyle
	if noColor {
		plain := s()
		return Styles{
			Title: plain, TitleFocused: s().Bold(true).Reverse(true), Header: s().Bold(true),
			Dim: plain, Label: plain, Error: s().Bold(true), Warn: s().Bold(true), Info: plain,
			Good: s().Bold(true), Bad: s().Bold(true), IV: plain, Cipher: plain, Tag: plain,
			JSONKey: plain, JSONString: plain, JSONNumber: plain, JSONLit: plain,
			Selected: s().Reverse(true), Fixing: s().Bold(true), Status: plain, StatusError: s().Bold(true), Separator: plain,
			Help: plainHelpStyles(), Input: plainInputStyles(), Cursor: s().Reverse(true),
		}
	}
	help := helpStyles(fg)
	input := textinput.DefaultStyles(isDark)
	input.Cursor.Blink = false // a steady cursor: no redraw twice a second
	return Styles{
		Title:        s().Foreground(fg("#5a5a5a", "#a8a8a8")),
		TitleFocused: s().Bold(true).Foreground(fg("#ffffff", "#1c1c1c")).Background(fg("#5f5fd7", "#87afff")),
		Header:       s().Bold(true).Foreground(fg("#3a3a8c", "#afafff")),
		Dim:          s().Foreground(fg("#767676", "#8a8a8a")),
		Label:        s().Foreground(fg("#444444", "#bcbcbc")),
		Error:        s().Bold(true).Foreground(fg("#c00000", "#ff5f5f")),
		Warn:         s().Bold(true).Foreground(fg("#a05a00", "#ffaf00")),
		Info:         s().Foreground(fg("#005f87", "#5fafd7")),
		Good:         s().Bold(true).Foreground(fg("#007800", "#5fd75f")),
		Bad:          s().Bold(true).Foreground(fg("#c00000", "#ff5f5f")),
		IV:           s().Foreground(fg("#0057b8", "#5fafff")),
		Cipher:       s().Foreground(fg("#6c6c00", "#d7d787")),
		Tag:          s().Foreground(fg("#a0006e", "#ff87d7")),
		JSONKey:      s().Foreground(fg("#0057b8", "#87afff")),
		JSONString:   s().Foreground(fg("#007800", "#87d787")),
		JSONNumber:   s().Foreground(fg("#a05a00", "#ffaf5f")),
		JSONLit:      s().Foreground(fg("#a0006e", "#ff87d7")),
		Selected:     s().Background(fg("#dadada", "#3a3a3a")),
		Fixing:       s().Bold(true).Foreground(fg("#005f00", "#d7ffaf")).Background(fg("#d7f5d7", "#264d26")),
		Status:       s().Foreground(fg("#005f87", "#87d7ff")),
		StatusError:  s().Bold(true).Foreground(fg("#c00000", "#ff5f5f")),
		Separator:    s().Foreground(fg("#bcbcbc", "#4e4e4e")),
		Help:         help,
		Input:        input,
		Cursor:       s().Reverse(true),
	}
}

// helpStyles are the help bar's and the full help's colours: the library's
// (#909090 and #B2B2B2 on a light background, #626262 and #4A4A4A on a dark
// one) read at 2:1 to 3:1; these keep keys and words at 4.5:1 or more on
// white and on black (styles_test.go checks).
func helpStyles(fg func(light, dark string) color.Color) help.Styles {
	s := lipgloss.NewStyle
	key := s().Bold(true).Foreground(fg("#303030", "#d0d0d0"))
	desc := s().Foreground(fg("#595959", "#a8a8a8"))
	sep := s().Foreground(fg("#8a8a8a", "#767676"))
	return help.Styles{Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep}
}

func plainHelpStyles() help.Styles {
	p := lipgloss.NewStyle()
	return help.Styles{Ellipsis: p, ShortKey: p.Bold(true), ShortDesc: p, ShortSeparator: p,
		FullKey: p.Bold(true), FullDesc: p, FullSeparator: p}
}

func plainInputStyles() textinput.Styles {
	st := textinput.DefaultStyles(true)
	p := lipgloss.NewStyle()
	for _, state := range []*textinput.StyleState{&st.Focused, &st.Blurred} {
		state.Prompt, state.Text, state.Placeholder, state.Suggestion = p, p, p, p
	}
	st.Cursor.Blink = false
	return st
}
