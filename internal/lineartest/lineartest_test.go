package lineartest

import (
	"strings"
	"testing"
)

// The measure tells a linear loop from a quadratic one.
func TestRatioTellsLinearFromQuadratic(t *testing.T) {
	linear := func(n int) func() {
		// Made before it is measured: touching fresh memory costs far more
		// on some machines than the loop does.
		s := strings.Repeat("a", n)
		return func() {
			c := 0
			for i := range len(s) {
				c += int(s[i])
			}
			sink = c
		}
	}
	quadratic := func(n int) func() {
		return func() {
			c := 0
			for i := range n {
				for j := range n {
					c += i ^ j
				}
			}
			sink = c
		}
	}
	if r := Ratio(5, linear(4<<20), linear(8<<20)); r > 3 {
		t.Errorf("a linear loop measured %.1f", r)
	}
	if r := Ratio(5, quadratic(2000), quadratic(4000)); r < 3 {
		t.Errorf("a quadratic loop measured %.1f", r)
	}
}

var sink int
