package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/report"
)

// The benchmarks of issue 7's targets, on a 160x48 screen with 20 profiles:
//
//	BenchmarkKeystroke       < 2 ms with 1 MiB loaded, at most 2x the 1 KiB cost
//	BenchmarkPaste1MiB       < 100 ms from the paste to the full result on screen
//	BenchmarkPlaintextPane   the plaintext pane of a 1 MiB JSON user
//
// Run them with: go test -run XXX -bench . ./ui

// benchSecrets are 20 oauth profiles; the payloads are sealed with the 8th.
func benchSecrets() []crypto.Secret {
	secrets := make([]crypto.Secret, 20)
	for i := range secrets {
		secrets[i] = crypto.Secret{Name: fmt.Sprintf("profile-%02d", i), Role: crypto.RoleOAuth, Value: []byte(fmt.Sprintf("FAKE-bench-secret-%02d", i))}
	}
	return secrets
}

// benchUser seals a JSON user (see jsonUser) whose base64 is about size
// bytes; tag makes users of the same size differ.
func benchUser(b *testing.B, s crypto.Secret, size int, tag string) string {
	// base64 is 4/3 of the sealed bytes; GCM adds 28.
	return seal(b, s, strings.Replace(string(jsonUser(size*3/4-28)), "u_42", "u_42"+tag, 1))
}

// benchModel is a model at 160x48 with 20 profiles and a sealed user whose
// base64 is about size bytes, already analysed.
func benchModel(b *testing.B, size int) *Model {
	secrets := benchSecrets()
	input := benchUser(b, secrets[7], size, "")
	m := newTestModel(b, Options{Secrets: secrets, Chosen: secrets[7].Name, Input: []byte(input), NoColor: true, Clipboard: &recordingClipboard{}}, 160, 48)
	if m.worked() != 7 {
		b.Fatalf("the bench payload did not open: %+v", m.result.diagnoses)
	}
	return m
}

// BenchmarkKeystroke is one keystroke's Update and View, typing a
// character and deleting it alternately: in the input, and in the expected
// digest field (the input then read as user data, as ctrl+k makes it), with
// 1 KiB and 1 MiB loaded. The analysis a keystroke starts runs off the
// update loop, in a command (BenchmarkAnalyze), and at typing speed it is
// done before the next key: so here each keystroke finds the previous one's
// analysis finished, which lets the input pane write in place. "burst" is
// keys faster than analyses, an earlier one still running: a character typed
// after a backspace copies the input only if that analysis has not yet
// copied it (here: it never has), so that no byte it reads changes.
// "input-middle" types in the middle of the sealed user, one line: its
// rows from the cursor on are wrapped again (see textView.splice).
func BenchmarkKeystroke(b *testing.B) {
	cases := []struct {
		field string
		size  int
		burst bool
	}{
		{"input", 1 << 10, false}, {"input", 1 << 20, false}, {"input", 1 << 20, true},
		{"input", 16 << 20, false}, {"input", 16 << 20, true}, {"input-middle", 1 << 20, false}, {"input-middle", 16 << 20, false},
		{"expected", 1 << 10, false}, {"expected", 1 << 20, false},
	}
	for _, c := range cases {
		name := c.field + "/" + report.ByteCount(c.size)
		if c.burst {
			name += "/burst"
		}
		b.Run(name, func(b *testing.B) {
			m := benchModel(b, c.size)
			if c.field == "input-middle" {
				m.input.moveTo(m.input.size() / 2)
			}
			if c.field == "expected" {
				m.override = KindUserData
				drive(b, m, m.reanalyze())
				m.setFocus(paneExpected)
				if !strings.Contains(screen(m), "expected user_hash:") {
					b.Fatal("the expected digest field is not on screen")
				}
			}
			keys := []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// What still runs when the key comes: nothing at typing
				// speed; in a burst, an analysis of an earlier keystroke,
				// the latest input waiting for it.
				if !c.burst && m.running != nil {
					m.running.text.release() // as its command does once it has copied the input
					m.running, m.pending = nil, false
				}
				m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}

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

// BenchmarkPaste1MiB is a bracketed paste of 1 MiB to the first frame
// that shows its whole result: the paste's Update and frame, the analysis
// command, its result applied, and that frame. "sheet user" pastes a sealed
// user; "signed request" a webhook request whose 1 MiB JSON body carries
// its X-Hub-Signature. Two payloads alternate, so nothing is ever the input
// already shown.
func BenchmarkPaste1MiB(b *testing.B) {
	secrets := benchSecrets()
	body := func(tag string) string {
		return strings.Replace(string(jsonUser(1<<20-200)), "u_42", "u_42"+tag, 1)
	}
	request := func(tag string) string {
		bd := body(tag)
		return "POST /webhooks/intercom HTTP/1.1\nHost: example.com\nContent-Type: application/json\n" +
			crypto.HeaderHubSignature + ": " + crypto.SignatureValue(crypto.HeaderHubSignature, secrets[7].Value, []byte(bd)) + "\n\n" + bd
	}
	cases := []struct {
		name     string
		payloads []string
	}{
		{"sheet user", []string{benchUser(b, secrets[7], 1<<20, "a"), benchUser(b, secrets[7], 1<<20, "b")}},
		{"signed request", []string{request("a"), request("b")}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			m := benchModel(b, 1<<10)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, cmd := m.Update(tea.PasteMsg{Content: c.payloads[i%2]})
				_ = m.View()
				runNow(m, cmd)
				_ = m.View()
			}
			b.StopTimer()
			if m.worked() != 7 {
				b.Fatalf("the pasted %s did not verify with profile-07:\n%s", c.name, screen(m))
			}
		})
	}
}

// runNow runs commands at once, as the program would run them next, and
// feeds their messages back; timers (which tests turn off) are nil.
func runNow(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			runNow(m, c)
		}
		return
	}
	if msg != nil {
		_, next := m.Update(msg)
		runNow(m, next)
	}
}

// jsonUser is a decrypted user of about size bytes of compact JSON: an
// Intercom contact with a long list of events, names in several scripts.
func jsonUser(size int) []byte {
	var b strings.Builder
	b.WriteString(`{"type":"user","id":"6650f0c3a1b2c3d4e5f60718","user_id":"u_42","email":"ada@example.com","name":"Ada Lovelace","custom_attributes":{"plan":"pro","seats":42},"events":[`)
	for i := 0; b.Len() < size-90; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"n":%d,"name":"opened-sheet","at":%d,"by":"Zoë 日本 🚀","ok":true,"score":%d.5}`, i, 1700000000+i, i%97)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// BenchmarkPlaintextPane is the plaintext pane of a decrypted 1 MiB JSON
// user at 80x40: "result" a new result shown (its pretty-printed JSON
// wrapped and the first page drawn), "page" a page down through it.
func BenchmarkPlaintextPane(b *testing.B) {
	m := benchModel(b, 1<<10)
	a := analysis{plainWhat: "decrypted user"}
	a.plain, a.plainKind = preparePlaintext(jsonUser(1 << 20))
	if a.plainKind != PlainJSON {
		b.Fatal("the user is not JSON")
	}
	w, h := 80, 40
	b.Run("result", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			m.plain.set(&a)
			_ = m.plain.rows(&m.st, w, h, "")
		}
	})
	b.Run("page", func(b *testing.B) {
		m.plain.set(&a)
		_ = m.plain.rows(&m.st, w, h, "")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			m.plain.scroll(h)
			_ = m.plain.rows(&m.st, w, h, "")
		}
	})
}

// BenchmarkAnalyze is the work a keystroke starts in a command: reading,
// splitting and opening the input with the keyring, and preparing the
// plaintext for display.
func BenchmarkAnalyze(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 20} {
		b.Run(report.ByteCount(size), func(b *testing.B) {
			m := benchModel(b, size)
			req := request{gen: 1, kind: KindSheetUser, input: m.input.bytes(), ring: m.ring, chosen: m.chosen}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				analyze(context.Background(), req)
			}
		})
	}
}
