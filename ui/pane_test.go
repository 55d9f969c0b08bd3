package ui

import (
	"testing"
)

// TestEveryPaneDrawsItsSize holds every registered pane to the Pane
// contract on every demo sample: it draws exactly the rows it is given,
// none wider than its width, whether it shows or not, and it has a name.
func TestEveryPaneDrawsItsSize(t *testing.T) {
	opts, _ := demoTestOptions(t)
	m := newTestModel(t, opts, 120, 40)
	if len(m.panes) != int(paneDiag)+1 {
		t.Fatalf("%d panes registered, want one per paneID (%d)", len(m.panes), paneDiag+1)
	}
	for sample := range m.samples {
		if sample > 0 {
			press(t, m, "ctrl+n")
		}
		for id, e := range m.panes {
			if e.name == "" {
				t.Errorf("pane %d has no name", id)
			}
			c := m.context(paneID(id))
			for _, size := range [][2]int{{44, 1}, {60, 7}, {119, 30}} {
				rows := e.pane.Rows(c, size[0], size[1])
				if e.slot == slotInInput {
					continue // drawn by the input pane
				}
				if len(rows) != size[1] {
					t.Errorf("sample %d, %s at %dx%d: %d rows", sample+1, e.name, size[0], size[1], len(rows))
				}
				for i, r := range rows {
					if w := cellWidth(stripStyle(r)); w > size[0] {
						t.Errorf("sample %d, %s at %dx%d: row %d is %d cells", sample+1, e.name, size[0], size[1], i, w)
					}
				}
			}
			e.pane.Title(c)
		}
	}
}
