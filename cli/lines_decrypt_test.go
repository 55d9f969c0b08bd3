package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/fixtures"
)

// fastPathRing is the keyring of a mistake fixture, or of made-up secrets
// of every role: an access token among them, and two of role oauth.
func fastPathRing(profiles []fixtures.DiagnosisProfile) *crypto.Keyring {
	if profiles == nil {
		profiles = []fixtures.DiagnosisProfile{
			{Name: "prod-oauth", Role: "oauth", Workspace: "prod", Secret: "FAKE-prod-oauth-secret"},
			{Name: "test-oauth", Role: "oauth", Workspace: "test", Secret: "FAKE-test-oauth-secret"},
			{Name: "web", Role: "identity", Secret: "FAKE-identity-secret"},
			{Name: "messenger", Role: "messenger", Secret: "FAKE-messenger-secret"},
			{Name: "token", Role: "oauth", Secret: "dG9rOmZha2UtYWNjZXNzLXRva2VuLW5vdC1yZWFs"},
		}
	}
	var secrets []crypto.Secret
	for _, p := range profiles {
		secrets = append(secrets, crypto.Secret{Name: p.Name, Role: crypto.Role(p.Role), Workspace: p.Workspace, Platform: p.Platform, Value: []byte(p.Secret)})
	}
	return crypto.NewKeyring(secrets...)
}

// sameAsEngine runs each line through the full engine's work and through a
// worker of the fast path's, and fails where a record or its verdict
// differ; then runs them all as one batch and compares the output.
func sameAsEngine(t *testing.T, name string, full lineWork, fast func() lineWork, lines []string) {
	t.Helper()
	work := fast()
	for i, line := range lines {
		want, wantOK := full([]byte(line), i+1, nil)
		got, gotOK := work([]byte(line), i+1, nil)
		if !bytes.Equal(got, want) || gotOK != wantOK {
			t.Errorf("%s, line %q:\n fast path %v %s\n engine    %v %s", name, line, gotOK, got, wantOK, want)
		}
	}
	input := strings.Join(lines, "\n") + "\n"
	var want, got bytes.Buffer
	_, wantFails, err1 := forEachLine(strings.NewReader(input), &want, full)
	_, gotFails, err2 := forEachLineEach(strings.NewReader(input), &got, fast)
	if err1 != nil || err2 != nil || wantFails != gotFails || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("%s: the batch differs from the engine's (fails %d and %d, errors %v and %v)", name, gotFails, wantFails, err2, err1)
	}
}

// sheetLines are lines for a keyring: the mistake fixture's own input (when
// it fits on a line), users sealed with each of its secrets (clean, and
// with plaintexts the hand-written record must escape, compact or refuse),
// and lines that open with nothing.
func sheetLines(t *testing.T, ring *crypto.Keyring, input string) []string {
	var lines []string
	if input != "" && !strings.ContainsAny(input, "\r\n") {
		lines = append(lines, input)
	}
	for i := range ring.Len() {
		secret := string(ring.Secret(i).Value)
		lines = append(lines, sealFor(t, secret, []byte(`{"type":"user","user_id":"42","email":"zoe@example.com"}`)))
		lines = append(lines, sealFor(t, secret, []byte(`{"a": [1, 2], "s": "Zoë \u202e \" \\"}`)))
		lines = append(lines, sealFor(t, secret, []byte("not json")))
		// Compact, with what the record must escape after a safe start
		// (a zero-width joiner, DEL, a C1 control, a soft hyphen, invalid
		// UTF-8) and escapes it keeps.
		for _, text := range []string{"יעל Müller 👩\u200d💻", "a\x7fb", "Zoë \u0085", "soft\u00adhyphen", "bad \xff\xfe", `\u200d \"quoted\" \\`} {
			lines = append(lines, sealFor(t, secret, []byte(`{"type":"user","name":"`+text+`","city":"São Paulo"}`)))
		}
		// Line breaks inside the value, which the strict decoder skips.
		clean := sealFor(t, secret, []byte(`{"user_id":"42"}`))
		lines = append(lines, clean[:8]+"\r\r\r\r"+clean[8:], clean[:8]+"\r"+clean[8:], clean+"\r\r\r\r")
	}
	other := sealFor(t, "another secret", []byte(`{"a":1}`))
	return append(lines, other, "", "not base64 !", strings.TrimRight(other, "="), " "+other, `{"user":"`+other+`"}`, "user="+other)
}

func TestDecryptFastPathIsTheEngine(t *testing.T) {
	notes := []crypto.Note{{Code: "secret_file_permissions", Message: "a note about the secret"}}
	for _, c := range fixtures.DiagnosisCases() {
		if c.Kind != fixtures.KindSheet {
			continue
		}
		ring := fastPathRing(c.Profiles)
		for _, chosen := range []string{c.Chosen, ""} {
			sameAsEngine(t, c.Name, decryptLine(ring, chosen, nil, fixLangs{}), decryptLines(ring, chosen, nil, fixLangs{}), sheetLines(t, ring, c.Input))
		}
	}
	ring := fastPathRing(nil)
	var lines []string
	for i := range ring.Len() {
		lines = append(lines, testLines(t, string(ring.Secret(i).Value))...)
	}
	for _, v := range fixtures.SheetUsers() {
		lines = append(lines, strings.TrimRight(v.Input, "\r\n"))
	}
	lines = append(lines, sheetLines(t, ring, "")...)
	for _, chosen := range []string{"", "prod-oauth", "test-oauth", "web", "token", "no such profile"} {
		sameAsEngine(t, "made-up secrets, chosen "+chosen, decryptLine(ring, chosen, notes, fixLangs{}), decryptLines(ring, chosen, notes, fixLangs{}), lines)
	}
	sameAsEngine(t, "no secret", decryptLine(crypto.NewKeyring(), "", nil, fixLangs{}), decryptLines(crypto.NewKeyring(), "", nil, fixLangs{}), lines[:4])
}

// FuzzDecryptFastPathIsTheEngine holds the fast path of 'decrypt --lines'
// to the full engine: for any line and any chosen profile, the same record
// and verdict.
func FuzzDecryptFastPathIsTheEngine(f *testing.F) {
	ring := fastPathRing(nil)
	for i := range ring.Len() {
		sealed := []byte(sealForFuzz(string(ring.Secret(i).Value), `{"user_id":"42"}`))
		f.Add(sealed, uint8(i))
		f.Add(sealed, uint8(255))
		f.Add([]byte(sealForFuzz(string(ring.Secret(i).Value), "{\"name\":\"Zoë 👩\u200d💻\",\"x\":\"\x7f\xff\"}")), uint8(i))
	}
	for _, c := range fixtures.DiagnosisCases() {
		if c.Kind == fixtures.KindSheet {
			f.Add([]byte(c.Input), uint8(0))
		}
	}
	type pair struct {
		full lineWork
		fast lineWork
	}
	works := map[uint8]pair{}
	f.Fuzz(func(t *testing.T, line []byte, chosen uint8) {
		if bytes.ContainsAny(line, "\r\n") {
			return // not one line
		}
		name := ""
		if int(chosen) < ring.Len() {
			name = ring.Secret(int(chosen)).Name
		} else {
			chosen = 255
		}
		w, ok := works[chosen]
		if !ok {
			w = pair{decryptLine(ring, name, nil, fixLangs{}), decryptLines(ring, name, nil, fixLangs{})()}
			works[chosen] = w
		}
		want, wantOK := w.full(line, 1, nil)
		got, gotOK := w.fast(line, 1, nil)
		if !bytes.Equal(got, want) || gotOK != wantOK {
			t.Fatalf("line %q, chosen %q:\n fast path %v %s\n engine    %v %s", line, name, gotOK, got, wantOK, want)
		}
	})
}

// sealForFuzz is sealFor without a test to fail: the key is always 32
// bytes and the IV 12.
func sealForFuzz(secret, plaintext string) string {
	c, _ := crypto.NewSheetCipher(crypto.SheetKey([]byte(secret)))
	sealed, _ := c.Seal(bytes.Repeat([]byte{9}, crypto.IVSize), []byte(plaintext))
	return crypto.EncodeSheetUser(sealed)
}
