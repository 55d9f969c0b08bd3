package reader

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// assertSameVariants fails unless Reserialized and reserializedOld yield
// the same variants, in the same order, for raw, and the length counted
// for each style is its length.
func assertSameVariants(t *testing.T, name string, raw []byte) {
	t.Helper()
	assertSameVariantsOnly(t, name, raw)
	if d, ok := reencIndex(raw); ok {
		for _, s := range reencStyles() {
			if n, want := d.sizes.length(s), len(d.encode(s, nil)); n != want {
				t.Fatalf("%s (%q): %+v is %d bytes long, counted %d", name, clip(raw), s, want, n)
			}
		}
	}
}

// assertSameVariantsOnly is assertSameVariants without the lengths.
func assertSameVariantsOnly(t *testing.T, name string, raw []byte) {
	t.Helper()
	got, want := slices.Collect(Reserialized(raw)), slices.Collect(reserializedOld(raw))
	if len(got) != len(want) {
		t.Fatalf("%s (%q): %d variants, the tree made %d", name, clip(raw), len(got), len(want))
	}
	for i := range got {
		if !bytes.Equal(got[i].Data, want[i].Data) || got[i].How != want[i].How {
			t.Fatalf("%s (%q): variant %d is %q (%s), the tree made %q (%s)", name, clip(raw), i, clip(got[i].Data), got[i].How, clip(want[i].Data), want[i].How)
		}
	}
}

func clip(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// The flat index writes what the tree wrote for every body in the fixtures.
func TestReserializedIsTheTreeOnFixtures(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../fixtures/captures", "../../fixtures/hostile"} {
		names, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, names...)
	}
	bodies := 0
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		assertSameVariants(t, name, b)
		for _, sep := range []string{"\r\n\r\n", "\n\n"} {
			if _, body, ok := bytes.Cut(b, []byte(sep)); ok {
				assertSameVariants(t, name+" body", body)
				if _, ok := reencIndex(body); ok {
					bodies++
				}
			}
		}
	}
	if bodies < 10 {
		t.Errorf("only %d JSON bodies in the fixtures", bodies)
	}
}

// The flat index writes what the tree wrote, and rejects what it rejected,
// for random JSON: escapes of every kind, surrogates paired and not,
// invalid UTF-8, numbers as written, duplicate keys, any whitespace, and
// the same mangled.
func TestReserializedIsTheTreeOnRandomJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 9))
	n := 4000
	if testing.Short() {
		n = 500
	}
	valid := 0
	for i := range n {
		var b bytes.Buffer
		randomJSON(rng, &b, 0)
		raw := b.Bytes()
		if _, ok := reencIndex(raw); ok {
			valid++
		}
		assertSameVariants(t, fmt.Sprint("document ", i), raw)
		if len(raw) > 0 && rng.IntN(4) == 0 {
			mangled := slices.Clone(raw)
			switch at := rng.IntN(len(raw)); rng.IntN(3) {
			case 0:
				mangled = mangled[:at]
			case 1:
				mangled[at] = `{}[]":,\ u0aeE.-+x`[rng.IntN(18)]
			default:
				mangled = slices.Insert(mangled, at, `{}[]":,\ u0aeE.-+x`[rng.IntN(18)])
			}
			assertSameVariants(t, fmt.Sprint("mangled document ", i), mangled)
		}
	}
	if valid < n*9/10 {
		t.Errorf("only %d of %d random documents are JSON", valid, n)
	}
}

// Nesting at and around the limit, of arrays and objects.
func TestReserializedIsTheTreeAtTheDepthLimit(t *testing.T) {
	for depth := reserializeMaxDepth - 2; depth <= reserializeMaxDepth+2; depth++ {
		for _, leaf := range []string{"", "1", `{"a":"/"}`, "[]"} {
			arrays := strings.Repeat("[", depth) + leaf + strings.Repeat("]", depth)
			assertSameVariantsOnly(t, fmt.Sprint("arrays ", depth, leaf), []byte(arrays))
			objects := strings.Repeat(`{"b":`, depth) + cmp(leaf, "0") + strings.Repeat("}", depth)
			assertSameVariantsOnly(t, fmt.Sprint("objects ", depth, leaf), []byte(objects))
			mixed := strings.Repeat(`{"z":1,"b":[`, depth/2) + leaf + strings.Repeat("]}", depth/2)
			assertSameVariantsOnly(t, fmt.Sprint("mixed ", depth, leaf), []byte(mixed))
		}
	}
}

func cmp(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

var randomSpaces = []string{"", "", "", " ", "\n", "\t", "\r\n", "  \n\t "}

func randomSpace(rng *rand.Rand, b *bytes.Buffer) {
	if rng.IntN(3) == 0 {
		b.WriteString(randomSpaces[rng.IntN(len(randomSpaces))])
	}
}

var randomNumbers = []string{"0", "-0", "1", "1.50", "1e5", "1E+5", "-2.5e-3", "0.0", "123456789012345678901234567890", "-0.0E0", "3.14159", "10"}

// randomStringText is the text of a JSON string: plain characters, every
// escape, \u escapes of surrogates paired or alone, and raw bytes valid or
// not as UTF-8.
var randomStringParts = []string{
	"a", "b", "k", "Z", "0", " ", "/", "<", ">", "&", "é", "ë", "😀", "\u2028", "\u2029", "\u00a0", "\x7f", "日本",
	`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u0001`, `\u001f`, `\u0020`, `\u002F`, `\u003c`, `\u00e9`, `\u00E9`, `\u2028`, `\uFFFD`,
	`\ud83d\ude00`, `\uD83D\uDE00`, `\ud83d`, `\ude00`, `\ud83d\u0041`, `\ud800\ud800`, `\udbff\udfff`, `\ud83d\n`,
	"\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\xef\xbf\xbd", "\xf0\x9f\x98",
}

func randomString(rng *rand.Rand, b *bytes.Buffer, short bool) {
	b.WriteByte('"')
	n := rng.IntN(6)
	if short {
		n = rng.IntN(3)
	}
	for range n {
		b.WriteString(randomStringParts[rng.IntN(len(randomStringParts))])
	}
	b.WriteByte('"')
}

func randomJSON(rng *rand.Rand, b *bytes.Buffer, depth int) {
	randomSpace(rng, b)
	kind := rng.IntN(10)
	if depth > 4 {
		kind = rng.IntN(5)
	}
	switch {
	case kind == 0:
		b.WriteString([]string{"true", "false", "null"}[rng.IntN(3)])
	case kind == 1:
		b.WriteString(randomNumbers[rng.IntN(len(randomNumbers))])
	case kind < 5:
		randomString(rng, b, false)
	case kind < 7:
		b.WriteByte('[')
		for i := range rng.IntN(5) {
			if i > 0 {
				b.WriteByte(',')
			}
			randomJSON(rng, b, depth+1)
		}
		randomSpace(rng, b)
		b.WriteByte(']')
	case depth < 2 && kind == 7:
		// Many members with few keys, written differently: a sort that
		// is not stable orders the equal ones differently.
		keys := []string{`"a"`, `"\u0061"`, `"b"`, `"é"`, `"\u00e9"`, `"\ud83d"`, `"\uFFFD"`, "\"\xff\""}
		if rng.IntN(2) == 0 {
			keys = []string{`"a"`, `"b"`, `"é"`, `"ab"`, `""`} // as written
		}
		b.WriteByte('{')
		for i := range 15 + rng.IntN(30) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(keys[rng.IntN(len(keys))])
			b.WriteByte(':')
			fmt.Fprint(b, i)
		}
		b.WriteByte('}')
	default:
		b.WriteByte('{')
		for i := range rng.IntN(6) {
			if i > 0 {
				b.WriteByte(',')
			}
			randomSpace(rng, b)
			randomString(rng, b, true) // short keys, so some repeat
			randomSpace(rng, b)
			b.WriteByte(':')
			randomJSON(rng, b, depth+1)
		}
		randomSpace(rng, b)
		b.WriteByte('}')
	}
	randomSpace(rng, b)
}

// BenchmarkReserializedOld is BenchmarkReserialized with the tree, to
// compare.
func BenchmarkReserializedOld(b *testing.B) {
	input := reencBenchBody(16000)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		for range reserializedOld(input) {
		}
	}
}

// FuzzReserializedIsTheTree holds the flat index to the tree on any input.
func FuzzReserializedIsTheTree(f *testing.F) {
	for _, seed := range []string{reencSample, `{"url":"https:\/\/x.io"}`, `[1,-0,1.50,1e5,"\ud83d\ude00\ud83d"]`, "{\"a\":1,\"a\":2,\"\\u0061\":3,\"\xff\":4}", " \"\\u2028<&>\" \n", `{"a":{"c":[{}],"b":[]}}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		assertSameVariants(t, "fuzzed", raw)
	})
}
