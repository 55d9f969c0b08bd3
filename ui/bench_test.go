package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/sealpeek/sealpeek/crypto"
)

// benchModel is a model at 160x48 with 20 profiles and a sealed user whose
// base64 is about size bytes, already analysed.
func benchModel(b *testing.B, size int) *Model {
	secrets := make([]crypto.Secret, 20)
	for i := range secrets {
		secrets[i] = crypto.Secret{Name: fmt.Sprintf("profile-%02d", i), Role: crypto.RoleOAuth, Value: []byte(fmt.Sprintf("FAKE-bench-secret-%02d", i))}
	}
	// base64 is 4/3 of the sealed bytes; the JSON wrapper and GCM add 48.
	filler := strings.Repeat("x", max(size*3/4-60, 1))
	input := seal(b, secrets[7], `{"user_id":"u_42","blob":"`+filler+`"}`)
	m := newTestModel(b, Options{Secrets: secrets, Chosen: secrets[7].Name, Input: []byte(input), NoColor: true, Clipboard: &recordingClipboard{}}, 160, 48)
	if m.worked() != 7 {
		b.Fatalf("the bench payload did not open: %+v", m.result.diagnoses)
	}
	return m
}

// benchKeystrokes types a character and deletes it, alternately: each is
// one keystroke's Update and View. The analysis each starts runs off the
// update loop and is measured by BenchmarkAnalyze.
func benchKeystrokes(b *testing.B, size int) {
	m := benchModel(b, size)
	keys := []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%2])
		_ = m.View()
	}
}

func BenchmarkKeystroke1MiB(b *testing.B) { benchKeystrokes(b, 1<<20) }
func BenchmarkKeystroke1KiB(b *testing.B) { benchKeystrokes(b, 1<<10) }

// BenchmarkScroll1MiB is a page down through a megabyte of input.
func BenchmarkScroll1MiB(b *testing.B) {
	m := benchModel(b, 1<<20)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
		_ = m.View()
	}
}

// BenchmarkAnalyze is the work a keystroke starts in a command: reading,
// splitting and opening the input with the keyring, and preparing the
// plaintext for display.
func BenchmarkAnalyze(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 20} {
		b.Run(byteCount(size), func(b *testing.B) {
			m := benchModel(b, size)
			req := request{gen: 1, kind: KindSheetUser, input: m.input.data, ring: m.ring, chosen: m.chosen}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				analyze(req)
			}
		})
	}
}
