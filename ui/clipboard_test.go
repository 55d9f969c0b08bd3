package ui

import (
	"testing"
)

func TestCopyWarnsAboutLargeOSC52(t *testing.T) {
	msg := CopiedMsg{What: "the decrypted JSON", Bytes: 10 << 10, Via: "OSC 52"}
	if s := msg.Status(); s != "copied the decrypted JSON, 10.0 KiB, via OSC 52; over 6 KiB, which some terminals drop silently" {
		t.Errorf("status %q does not warn about a large OSC 52 copy", s)
	}
	msg = CopiedMsg{What: "the IV", Bytes: 24, Via: "OSC 52", Err: errFake("exec: xclip: permission denied")}
	if s := msg.Status(); s != "copied the IV, 24 B, via OSC 52; no system clipboard: exec: xclip: permission denied" {
		t.Errorf("status %q swallows the clipboard failure", s)
	}
	// atotto's paragraph when no tool is installed, and a large copy: the
	// size warning first, the failure in a few words, within 120 columns.
	msg = CopiedMsg{What: "the report", Bytes: 8 << 10, Via: "OSC 52", Err: errFake("No clipboard utilities available. Please install xsel, xclip, wl-clipboard or Termux:API add-on for termux-clipboard-get/set.")}
	if s := msg.Status(); s != "copied the report, 8.0 KiB, via OSC 52; over 6 KiB, which some terminals drop silently; no system clipboard: install xclip, xsel or wl-clipboard" {
		t.Errorf("status %q", s)
	}
}

type errFake string

func (e errFake) Error() string { return string(e) }
