package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

var diagnoses = []crypto.Diagnosis{
	{Code: "auth_failed", Severity: crypto.SeverityError, Message: "the tag does not verify", Fix: "check the secret"},
	{Code: "padding_added", Severity: crypto.SeverityInfo, Message: "added padding", Fix: "nothing"},
}

// TestDiagnosisLinesLayouts holds each face's layout to the text it
// printed before the layouts had one owner.
func TestDiagnosisLinesLayouts(t *testing.T) {
	cli := CommandLine
	cli.Clean = strings.ToUpper
	got := strings.Join(DiagnosisLines(diagnoses, cli), "\n")
	want := "error auth_failed: THE TAG DOES NOT VERIFY\n      fix: CHECK THE SECRET\ninfo  padding_added: ADDED PADDING"
	if got != want {
		t.Errorf("command line:\n%s\nwant:\n%s", got, want)
	}
	got = strings.Join(DiagnosisLines(diagnoses, Copied), "\n")
	want = "  error auth_failed: the tag does not verify\n    fix: check the secret\n  info padding_added: added padding"
	if got != want {
		t.Errorf("copied report:\n%s\nwant:\n%s", got, want)
	}
}

func TestShowsFix(t *testing.T) {
	if !ShowsFix(diagnoses[0]) || ShowsFix(diagnoses[1]) || ShowsFix(crypto.Diagnosis{Severity: crypto.SeverityWarn}) {
		t.Error("a fix is shown for every severity but info, when there is one")
	}
}

func TestPrettyJSON(t *testing.T) {
	got, ok := PrettyJSON([]byte(`{"a":"\u001b[2J","b":[1]}`))
	if want := "{\n  \"a\": \"\\u001b[2J\",\n  \"b\": [\n    1\n  ]\n}"; !ok || string(got) != want {
		t.Errorf("PrettyJSON = %q, %v; want %q", got, ok, want)
	}
	if _, ok := PrettyJSON([]byte("{")); ok {
		t.Error("PrettyJSON accepted what is not JSON")
	}
	var b bytes.Buffer
	WritePlaintext(&b, []byte("a\x1bb"), false)
	if b.String() != "a\\x1bb\n" {
		t.Errorf("WritePlaintext of text = %q", b.String())
	}
}

func TestSummaries(t *testing.T) {
	c := &crypto.Capture{Kind: crypto.KindWebhook, Format: "http", Method: "POST", Target: "/hooks", Proto: "HTTP/1.1",
		Headers: []crypto.CaptureHeader{{Name: "A", Value: "b"}}, Body: make([]byte, 2048)}
	if got, want := CaptureSummary(c), "webhook · http · POST /hooks · 1 header · 2048-byte body"; got != want {
		t.Errorf("CaptureSummary = %q, want %q", got, want)
	}
	if got, want := RequestSummary(c), "webhook · POST /hooks · 1 header · 2.0 KiB body"; got != want {
		t.Errorf("RequestSummary = %q, want %q", got, want)
	}
	if got := KindName(crypto.KindCanvasKit); got != "Canvas Kit request" {
		t.Errorf("KindName(canvas_kit) = %q", got)
	}
}
