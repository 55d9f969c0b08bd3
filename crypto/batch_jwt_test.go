package crypto

import (
	"testing"
	"time"
)

func TestAppendRFC3339IsAppendFormat(t *testing.T) {
	times := []time.Time{
		time.Unix(0, 0).UTC(), time.Unix(1_800_000_000, 0).UTC(), time.Unix(99_999_999_999, 0).UTC(),
		time.Unix(-62_135_596_800, 0).UTC(), time.Unix(-61_000_000_000, 0).UTC(), time.Unix(1_800_000_000, 250_000_000).UTC(),
		time.Unix(1_800_000_000, 0).In(time.FixedZone("X", 3600)), time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC),
	}
	for i := int64(0); i < 2000; i++ {
		times = append(times, time.Unix(i*48_271_123, 0).UTC())
	}
	for _, at := range times {
		want := at.AppendFormat(nil, time.RFC3339)
		if got := AppendRFC3339(nil, at); string(got) != string(want) {
			t.Errorf("%v: got %s, want %s", at, got, want)
		}
		if at.Nanosecond() == 0 && at.Location() == time.UTC {
			if nano := at.AppendFormat(nil, time.RFC3339Nano); string(nano) != string(want) {
				t.Errorf("%v: RFC3339Nano %s differs from RFC3339 %s", at, nano, want)
			}
		}
	}
}

func TestRFC3339Bounds(t *testing.T) {
	for _, c := range []struct {
		sec  int64
		year int
	}{{minRFC3339Seconds, 1}, {minFourDigitYearSeconds, 1000}, {maxRFC3339Seconds, 9999}} {
		if at := time.Unix(c.sec, 0).UTC(); at.Year() != c.year || at.Add(-time.Second).Year() == c.year && c.sec != maxRFC3339Seconds || at.Add(time.Second).Year() == c.year && c.sec == maxRFC3339Seconds {
			t.Errorf("%d is %v, not the edge of year %d", c.sec, at, c.year)
		}
	}
}

// TestWordUntilIsHumanDuration holds a checker's kept wording of expiries
// to HumanDuration, for durations in turn that share a wording and that
// cross from one to the next at every unit.
func TestWordUntilIsHumanDuration(t *testing.T) {
	var c JWTChecker
	var ds []time.Duration
	for _, base := range []time.Duration{time.Nanosecond, time.Second, 59 * time.Second, time.Minute, 59 * time.Minute, time.Hour,
		23*time.Hour + 59*time.Minute, 24 * time.Hour, 25 * time.Hour, 364*24*time.Hour + 23*time.Hour, 400 * 24 * time.Hour} {
		for _, off := range []time.Duration{-time.Second, -time.Nanosecond, 0, time.Nanosecond, 500 * time.Millisecond, time.Second, 59 * time.Second, time.Minute, time.Hour} {
			if d := base + off; d > 0 {
				ds = append(ds, d, d)
			}
		}
	}
	for i := int64(1); i < 3000; i++ {
		ds = append(ds, time.Duration(i*i*i*7919)*time.Millisecond)
	}
	for _, d := range ds {
		if got, want := string(c.wordUntil(d)), HumanDuration(d); got != want {
			t.Fatalf("wordUntil(%v) = %q, HumanDuration says %q", d, got, want)
		}
	}
}
