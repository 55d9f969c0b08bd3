package main

import (
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/ui"
)

// hmacResult is the JSON contract of 'hmac --json'.
type hmacResult struct {
	OK        bool               `json:"ok"`
	Digest    string             `json:"digest"`
	Data      string             `json:"data"`
	Algorithm string             `json:"algorithm"`
	Expected  string             `json:"expected,omitempty"`
	Match     *bool              `json:"match"`
	Profile   string             `json:"profile,omitempty"`
	Notes     []crypto.Note      `json:"notes"`
	Diagnoses []crypto.Diagnosis `json:"diagnoses"`
}

func runHMAC(e *env, args []string) int {
	fs := newFlags(e, "hmac", "[flags] DATA|-",
		"Computes the identity verification digest (user_hash) of DATA, the user_id or email:\n"+
			"lowercase hex HMAC-SHA256 keyed with the identity verification secret. With --expect,\n"+
			"compares it in constant time and exits 1 on a mismatch. DATA '-' reads standard input\n"+
			"exactly, trailing newline included.")
	var secrets secretFlags
	secrets.register(fs)
	expect := fs.String("expect", "", "the `DIGEST` the app sent, to check")
	asJSON := fs.Bool("json", false, "print one JSON object")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	if len(positional) == 0 {
		return fail(e, "hmac", usageError{"give the DATA to hash (the user_id or email), or - for standard input"})
	}
	ring, chosen, secretNotes, err := secrets.keyringFor(e, crypto.RoleIdentity, *expect == "")
	if err != nil {
		return fail(e, "hmac", err)
	}
	data := []byte(positional[0])
	if positional[0] == "-" {
		if data, err = readInput(e, "-"); err != nil {
			return fail(e, "hmac", err)
		}
	}
	report := crypto.CheckUserHash(data, strings.TrimSpace(*expect), ring, chosen)
	code = exitOK
	if !report.OK() {
		code = exitMismatch
	}
	if *asJSON {
		result := hmacResult{OK: report.OK(), Digest: report.Computed, Data: string(data), Algorithm: report.Algorithm,
			Expected: report.Expected, Match: report.Match, Notes: orEmpty(secretNotes), Diagnoses: orEmpty(report.Diagnoses)}
		if report.SecretAt >= 0 {
			result.Profile = ring.Secret(report.SecretAt).Name
		}
		writeJSON(e.stdout, result)
		return code
	}
	printNotes(e, secretNotes)
	if report.Match != nil {
		printDiagnoses(e.stderr, report.Diagnoses)
	}
	fmt.Fprintln(e.stdout, ui.EscapeControl(report.Computed, false))
	return code
}
