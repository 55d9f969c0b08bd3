package main

import (
	"sync"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
)

// runVerifyLines is 'verify --lines': each line is one capture, read as
// 'verify' reads a whole input (so a one-line JWT, snippet or body, with
// the --header flags added to each), and its record is what 'verify --json'
// prints for it. A JWT's exp and nbf are checked as of the batch's start,
// or --at. The keyring of each role a line needs is resolved once, on
// first need.
func runVerifyLines(e *env, secrets *secretFlags, headers headerFlags, now time.Time, name string) int {
	rings := &roleKeyrings{e: e, secrets: secrets}
	code := runLines(e, "verify", name, func(line []byte, number int, out []byte) ([]byte, bool) {
		capture, readErr := crypto.ReadCapture(line, headers)
		r, k := rings.verify(capture, readErr, now)
		if k.err != nil {
			return appendRecord(out, number, failedRecord{Error: k.err.Error()}), false
		}
		return appendRecord(out, number, newCaptureResult(r, k.ring, k.notes)), captureExitCode(r) == exitOK
	})
	if err := rings.err(); err != nil {
		return fail(e, "verify", err)
	}
	return code
}

// failedRecord is the record of a line that could not be checked at all.
type failedRecord struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

// roleKeyrings resolves the secrets of each role once, when a line first
// needs them: a batch of one kind of capture resolves its profiles (and
// runs their secret_cmd) once, not once per line.
type roleKeyrings struct {
	e       *env
	secrets *secretFlags
	mu      sync.Mutex
	byRole  map[crypto.Role]*resolvedKeyring
	first   error
}

// resolvedKeyring is what secretFlags.keyring gives for one role.
type resolvedKeyring struct {
	ring   *crypto.Keyring
	chosen string
	notes  []crypto.Note
	err    error
}

func (k *roleKeyrings) get(role crypto.Role) *resolvedKeyring {
	k.mu.Lock()
	defer k.mu.Unlock()
	if r, ok := k.byRole[role]; ok {
		return r
	}
	r := &resolvedKeyring{}
	r.ring, r.chosen, r.notes, r.err = k.secrets.keyring(k.e, role)
	if r.err != nil && k.first == nil {
		k.first = r.err
	}
	if k.byRole == nil {
		k.byRole = map[crypto.Role]*resolvedKeyring{}
	}
	k.byRole[role] = r
	return r
}

// verify checks a capture with the secrets of its role, or reports readErr,
// why it could not be read (with no secrets). When the secrets cannot be
// resolved there is no report, and k.err says why.
func (k *roleKeyrings) verify(capture *crypto.Capture, readErr error, now time.Time) (*crypto.CaptureReport, *resolvedKeyring) {
	if readErr != nil {
		return crypto.VerifyCapture(capture, readErr, nil, "", now), &resolvedKeyring{}
	}
	r := k.get(capture.SecretRole())
	if r.err != nil {
		return nil, r
	}
	return crypto.VerifyCapture(capture, nil, r.ring, r.chosen, now), r
}

// err is the first error resolving a role's secrets met: a usage error
// that makes the whole batch exit 2.
func (k *roleKeyrings) err() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.first
}
