package reader

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/internal/lineartest"
)

const reencSample = `{"b":"https://example.com/a?x=1&y=<2>","a":[1,2.50,{"z":null,"é":"Zoë 😀 \u2028"}],"c":{},"d":[],"e":true,"f":"tab\there \"q\" \\ \u0001"}`

func encodeStyle(t *testing.T, s reencStyle, raw string) string {
	t.Helper()
	d, ok := reencIndex([]byte(raw))
	if !ok {
		t.Fatalf("%s is not one JSON value", raw)
	}
	return string(d.encode(s, nil))
}

// Go's own encoder sorts map keys and escapes HTML: the sorted, HTML-escaped
// styles must write exactly what it writes.
func TestReencodeMatchesGoEncoder(t *testing.T) {
	dec := json.NewDecoder(strings.NewReader(reencSample))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	compact, _ := json.Marshal(v)
	if got := encodeStyle(t, reencStyle{layout: 0, sortKeys: true, htmlEscape: true}, reencSample); got != string(compact) {
		t.Errorf("compact:\n got %s\nwant %s", got, compact)
	}
	indented, _ := json.MarshalIndent(v, "", "  ")
	if got := encodeStyle(t, reencStyle{layout: 2, sortKeys: true, htmlEscape: true}, reencSample); got != string(indented) {
		t.Errorf("indented:\n got %s\nwant %s", got, indented)
	}
	tabbed, _ := json.MarshalIndent(v, "", "\t")
	if got := encodeStyle(t, reencStyle{layout: 4, sortKeys: true, htmlEscape: true}, reencSample); got != string(tabbed) {
		t.Errorf("tabbed:\n got %s\nwant %s", got, tabbed)
	}
}

// What JSON.stringify, Python's json.dumps and PHP's json_encode write for a
// small body, as each prints it.
func TestReencodeMatchesOtherSerialisers(t *testing.T) {
	raw := `{"url":"https://x.io/a","name":"Zoë","n":1}`
	tests := []struct {
		who   string
		style reencStyle
		want  string
	}{
		{"JSON.stringify(v)", reencStyle{layout: 0}, `{"url":"https://x.io/a","name":"Zoë","n":1}`},
		{"JSON.stringify(v, null, 2)", reencStyle{layout: 2}, "{\n  \"url\": \"https://x.io/a\",\n  \"name\": \"Zoë\",\n  \"n\": 1\n}"},
		{"json.dumps(v)", reencStyle{layout: 1, asciiOnly: true}, `{"url": "https://x.io/a", "name": "Zo\u00eb", "n": 1}`},
		{"json.dumps(v, sort_keys=True)", reencStyle{layout: 1, asciiOnly: true, sortKeys: true}, `{"n": 1, "name": "Zo\u00eb", "url": "https://x.io/a"}`},
		{"json_encode($v)", reencStyle{layout: 0, escapeSlash: true, asciiOnly: true}, `{"url":"https:\/\/x.io\/a","name":"Zo\u00eb","n":1}`},
		{"json_encode($v, JSON_PRETTY_PRINT)", reencStyle{layout: 3, escapeSlash: true, asciiOnly: true}, "{\n    \"url\": \"https:\\/\\/x.io\\/a\",\n    \"name\": \"Zo\\u00eb\",\n    \"n\": 1\n}"},
	}
	for _, tt := range tests {
		if got := encodeStyle(t, tt.style, raw); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.who, got, tt.want)
		}
	}
}

func TestReencodeSurrogatePairs(t *testing.T) {
	if got := encodeStyle(t, reencStyle{asciiOnly: true}, `["😀"]`); got != `["\ud83d\ude00"]` {
		t.Errorf("got %s", got)
	}
}

func TestBodyVariantsAreDistinctAndDescribed(t *testing.T) {
	variants := slices.Collect(Reserialized([]byte(reencSample)))
	if len(variants) < 20 {
		t.Fatalf("only %d variants", len(variants))
	}
	seen := map[string]bool{reencSample: true}
	for _, v := range variants {
		if seen[string(v.Data)] {
			t.Errorf("variant %q repeats bytes already tried", v.How)
		}
		seen[string(v.Data)] = true
		if v.How == "" {
			t.Error("a variant has no description")
		}
	}
	if variants[0].How != "with a trailing newline added" {
		t.Errorf("the cheapest variant first: got %q", variants[0].How)
	}
}

func TestBodyVariantsDescribeOnlyWhatChanged(t *testing.T) {
	raw := `{"url":"https:\/\/x.io"}`
	for v := range Reserialized([]byte(raw)) {
		if string(v.Data) == `{"url":"https://x.io"}` {
			if !strings.Contains(v.How, `'\/' unescaped`) || strings.Contains(v.How, "non-ASCII") {
				t.Errorf("description %q", v.How)
			}
			return
		}
	}
	t.Error("no variant unescapes the slashes")
}

func TestBodyVariantsLimits(t *testing.T) {
	if got := slices.Collect(Reserialized([]byte("not json\n"))); len(got) != 1 || got[0].How != "with its trailing newline removed" {
		t.Errorf("a text body: %+v", got)
	}
	if got := slices.Collect(Reserialized([]byte("a\r\n"))); len(got) != 2 {
		t.Errorf("CRLF and LF removed: %d variants", len(got))
	}
	deep := strings.Repeat("[", reserializeMaxDepth+10) + strings.Repeat("]", reserializeMaxDepth+10)
	if got := slices.Collect(Reserialized([]byte(deep))); len(got) != 1 {
		t.Errorf("a body nested too deep is not re-encoded: %d variants", len(got))
	}
	big := []byte(`{"a":"` + strings.Repeat("x", reserializeMaxSize) + `"}`)
	if got := slices.Collect(Reserialized(big)); len(got) != 1 {
		t.Errorf("a body over the size limit is not re-encoded: %d variants", len(got))
	}
	if got := slices.Collect(Reserialized([]byte(`{"a":1} {"b":2}`))); len(got) != 1 {
		t.Errorf("two JSON values are not re-encoded: %d variants", len(got))
	}
}

// TestReserializedMemory: re-encoding a body needs a bounded multiple of it
// however many of its 160 variants the caller reads, since each is made
// only when asked for, in a slice of exactly its size, from an index of 8
// bytes per object member that keeps no copy of the body's values.
//
// What the reader holds at once (the index, the variant it is writing and
// the one the caller has) is measured with a collection after each variant,
// and stays within 8 times the body (about 3 times here). Without it the
// peak also counts the variants the caller has let go of but the collector
// has not yet freed: 160 slices of one to two times the body, a few of
// which are always waiting (allocating the same slices and dropping them,
// with no work at all, peaks at about 8 times this body). That peak is the
// collector's pace, 8 to 20 times here (the tree's was 19 to 23), and is
// held only to the allowance the tree had.
func TestReserializedMemory(t *testing.T) {
	input := reencBenchBody(16000)
	if got := lineartest.PeakHeap(func() {
		for range Reserialized(input) {
			runtime.GC()
		}
	}); got > 8*uint64(len(input)) {
		t.Errorf("re-encoding %d bytes held %d at its peak (%.1f times)", len(input), got, float64(got)/float64(len(input)))
	}
	if got := lineartest.PeakHeap(func() {
		for range Reserialized(input) {
		}
	}); got > 32*uint64(len(input)) {
		t.Errorf("re-encoding %d bytes needed %d at its peak, garbage included (%.1f times)", len(input), got, float64(got)/float64(len(input)))
	}
}

// reencBenchBody is TestReserializedMemory's body: many short string fields,
// with '/', non-ASCII and HTML characters, keys out of order.
func reencBenchBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, `"k%d":"v/é<%d>",`, n-i, i)
	}
	b.WriteString(`"z":[1,2,{"x":"\u00e9"}]}`)
	return b.Bytes()
}

func BenchmarkReserialized(b *testing.B) {
	input := reencBenchBody(16000)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		for range Reserialized(input) {
		}
	}
}
