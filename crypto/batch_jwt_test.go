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
