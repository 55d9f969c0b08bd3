package ui

import (
	"context"
	"testing"
)

// TestASupersededAnalysisStopsEarly cancels an analysis before its work:
// it reports cancelled, having opened nothing, and is not shown.
func TestASupersededAnalysisStopsEarly(t *testing.T) {
	opts, _ := testOptions(t)
	opts.Samples = nil
	m := newTestModel(t, opts, 80, 24)
	paste(t, m, seal(t, testOAuth, testUserJSON))
	before := m.result
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := analyze(ctx, request{gen: m.gen, kind: KindSheetUser, input: m.input.bytes(), ring: m.ring})
	if !a.cancelled || a.sheet != nil || a.plain != nil {
		t.Fatalf("a cancelled analysis did the work: cancelled %v, sheet %v", a.cancelled, a.sheet != nil)
	}
	m.Update(analysisMsg{a})
	if m.result != before {
		t.Error("a cancelled analysis was shown")
	}
}
