package ui

import (
	"strings"
	"testing"
)

func TestCopyWarnsAboutLargeOSC52(t *testing.T) {
	msg := CopiedMsg{What: "the decrypted JSON", Bytes: 10 << 10, Via: "OSC 52"}
	if s := msg.Status(); !strings.Contains(s, "some terminals drop OSC 52 silently") {
		t.Errorf("status %q does not warn about a large OSC 52 copy", s)
	}
	msg = CopiedMsg{What: "the IV", Bytes: 24, Via: "OSC 52", Err: errFake("no xclip or xsel")}
	if s := msg.Status(); !strings.Contains(s, "the system clipboard failed: no xclip or xsel") {
		t.Errorf("status %q swallows the clipboard failure", s)
	}
}

type errFake string

func (e errFake) Error() string { return string(e) }
