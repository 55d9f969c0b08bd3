package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

// TestATypedHeaderDoesNotOutliveItsInput: a signature header typed for one
// body is not applied to the next input: clearing the input empties it,
// and ctrl+z brings both back (issue 13, bug 1).
func TestATypedHeaderDoesNotOutliveItsInput(t *testing.T) {
	c := captureCase(t, "webhook-ping")
	opts, _ := captureOptions(t, c)
	m := newTestModel(t, opts, 120, 40)
	paste(t, m, `{"type":"notification_event"}`)
	press(t, m, "ctrl+g")
	paste(t, m, "X-Hub-Signature: sha1="+strings.Repeat("0", 40))
	press(t, m, "ctrl+g", "ctrl+u") // back to the input, and clear it
	if m.focus != paneInput {
		t.Fatalf("focus %v, want the input", m.focus)
	}
	if m.input.header.Value() != "" {
		t.Fatalf("ctrl+u left the typed header %q", m.input.header.Value())
	}
	paste(t, m, captureInput(t, c))
	if hasDiagnosis(m, "signature_mismatch") || hasDiagnosis(m, "header_replaced") || !m.result.ok {
		t.Fatalf("the old header was applied to the new request: %+v", m.result.diagnoses)
	}
	press(t, m, "ctrl+z")
	if string(m.input.bytes()) != "" || m.input.header.Value() != "" {
		t.Fatalf("ctrl+z after the paste: input %q header %q, want the cleared state", m.input.bytes(), m.input.header.Value())
	}
}

// TestUndoTakesBackAnAppendedPaste: a paste appended to typed text is what
// ctrl+z takes back, not an older clear (issue 13, bug 10).
func TestUndoTakesBackAnAppendedPaste(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "first paste")
	press(t, m, "ctrl+u")
	press(t, m, "a", "b", "c")
	paste(t, m, "def")
	if string(m.input.bytes()) != "abcdef" {
		t.Fatalf("input %q, want the paste appended to what was typed", m.input.bytes())
	}
	press(t, m, "ctrl+z")
	if string(m.input.bytes()) != "abc" {
		t.Fatalf("ctrl+z gave %q, want the typed text before the paste", m.input.bytes())
	}
}

// TestEditingAtTheCursor: the input is edited where its cursor is, moved
// by the arrows, home and end, and by words; ctrl+a selects everything,
// which typing or deleting then replaces (ctrl+z brings it back).
func TestEditingAtTheCursor(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "hello world")
	steps := []struct {
		keys []string
		want string
	}{
		{[]string{"left", "left", "left", "left", "left", "b", "i", "g", " "}, "hello big world"},
		{[]string{"home", ">"}, ">hello big world"},
		{[]string{"end", "!"}, ">hello big world!"},
		{[]string{"alt+left", "_"}, ">hello big _world!"},
		{[]string{"ctrl+left", "ctrl+left", "ctrl+right", "s"}, ">hello bigs _world!"},
		{[]string{"home", "delete", "right", "backspace"}, "ello bigs _world!"},
		{[]string{"end", "enter", "x", "y", "up", "z"}, "elzlo bigs _world!\nxy"},
		{[]string{"down", "ctrl+home", "0", "ctrl+end", "9"}, "0elzlo bigs _world!\nxy9"},
		{[]string{"ctrl+a", "n", "e", "w"}, "new"},
		{[]string{"ctrl+z"}, "0elzlo bigs _world!\nxy9"},
		{[]string{"ctrl+a", "backspace"}, ""},
		{[]string{"ctrl+z", "left", "ctrl+a", "right", "1"}, "0elzlo bigs _world!\nxy91"},
	}
	for _, s := range steps {
		press(t, m, s.keys...)
		if got := string(m.input.bytes()); got != s.want {
			t.Fatalf("after %v the input is %q, want %q", s.keys, got, s.want)
		}
	}
	if !strings.Contains(screen(m), "xy91") {
		t.Fatalf("the edited input is not on screen:\n%s", screen(m))
	}
}

// TestTheCursorIsDrawn: the cursor is drawn, in reverse video, on the
// character it is at (an escaped one whole), or after the end; not while
// another pane has focus.
func TestTheCursorIsDrawn(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, "abc\x1bdef")
	press(t, m, "left", "left", "left", "left")
	view := m.View().Content
	if !strings.Contains(view, "abc\x1b[7m\\x1b\x1b[m") {
		t.Fatalf("the cursor on the escape character is not drawn reversed and escaped whole:\n%q", view)
	}
	press(t, m, "ctrl+end")
	if !strings.Contains(m.View().Content, "def\x1b[7m \x1b[m") {
		t.Fatalf("the cursor at the end is not drawn:\n%q", m.View().Content)
	}
	press(t, m, "tab")
	if strings.Contains(m.View().Content, "def\x1b[7m") {
		t.Fatal("the cursor is drawn while the input has no focus")
	}
}

// TestMovingTheCursorScrollsToIt: the window over a long input follows
// the cursor.
func TestMovingTheCursorScrollsToIt(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf("line %03d", i))
	}
	paste(t, m, strings.Join(lines, "\n"))
	press(t, m, "ctrl+home")
	if s := screen(m); !strings.Contains(s, "line 000") || strings.Contains(s, "line 199") {
		t.Fatalf("ctrl+home does not show the top:\n%s", s)
	}
	press(t, m, "pgdown", "pgdown", "down")
	row := m.input.view.rowOf(m.input.buf.Cursor())
	if !strings.Contains(screen(m), lines[row]) {
		t.Fatalf("the cursor's row %d is off screen:\n%s", row, screen(m))
	}
}

// TestABareSignatureValueIsTakenAsItsHeader: a value typed in the signature
// header field without its name is taken as the header whose form it has,
// as the core tells (sha1=… is X-Hub-Signature; bare hex on a Canvas Kit
// body X-Body-Signature), and the field says which (issue 13).
func TestABareSignatureValueIsTakenAsItsHeader(t *testing.T) {
	cases := []struct {
		body, header, want string
	}{
		{`{"type":"notification_event","topic":"ping","data":{}}`, crypto.HeaderHubSignature, "X-Hub-Signature"},
		{`{"workspace_id":"abc123","component_id":"submit","input_values":{}}`, crypto.HeaderBodySignature, "X-Body-Signature"},
	}
	for _, c := range cases {
		opts, _ := testOptions(t)
		opts.Samples = nil
		m := newTestModel(t, opts, 120, 40)
		paste(t, m, c.body)
		press(t, m, "ctrl+g")
		paste(t, m, crypto.SignatureValue(c.header, testOAuth.Value, []byte(c.body))+"\n")
		if !m.result.ok || m.result.headerAs != c.want || hasDiagnosis(m, "signature_missing") {
			t.Fatalf("%s: ok %v, taken as %q: %+v %v", c.want, m.result.ok, m.result.headerAs, m.result.diagnoses, m.result.remarks)
		}
		press(t, m, "ctrl+g")
		if s := screen(m); !strings.Contains(s, "signature header (as "+c.want+")") {
			t.Fatalf("the field does not say which header the value was taken as:\n%s", s)
		}
	}
}

// TestTabNeverLandsInAHiddenField: for every kind of input, each stop of
// tab is on screen, and a focused field is marked; an open-sheet form
// body (never signed) has no signature field (issue 13).
func TestTabNeverLandsInAHiddenField(t *testing.T) {
	opts, _ := testOptions(t)
	inputs := map[string]string{"empty": ""}
	for _, s := range opts.Samples {
		inputs[s.Name] = string(s.Input)
	}
	inputs["webhook body"] = `{"type":"notification_event","topic":"ping"}`
	inputs["request"] = "POST /hook HTTP/1.1\nHost: x\nContent-Type: application/json\n\n{\"type\":\"notification_event\"}"
	for name, input := range inputs {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			o, _ := testOptions(t)
			o.Samples = nil
			m := newTestModel(t, o, size[0], size[1])
			if input != "" {
				paste(t, m, input)
			}
			if name == "form body" && (slices.Contains(m.visiblePanes(), paneHeader) || strings.Contains(screen(m), "signature header")) {
				t.Fatalf("an open-sheet form body shows a signature header field:\n%s", screen(m))
			}
			for range len(m.visiblePanes()) + 1 {
				press(t, m, "tab")
				s := screen(m)
				switch m.focus {
				case paneExpected, paneHeader:
					prompt := map[paneID]string{paneExpected: "▸ expected user_hash:", paneHeader: "▸ signature header"}[m.focus]
					if !strings.Contains(s, prompt) {
						t.Fatalf("%s at %v: tab landed in %s, which is not on screen marked:\n%s", name, size, m.panes[m.focus].name, s)
					}
				default:
					if !strings.Contains(s, "▸ ") {
						t.Fatalf("%s at %v: focus on %s is not shown:\n%s", name, size, m.panes[m.focus].name, s)
					}
				}
			}
		}
	}
}
