package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// hmacResult is the JSON contract of 'hmac --json'.
type hmacResult struct {
	OK        bool   `json:"ok"`
	Digest    string `json:"digest"`
	Data      string `json:"data"`
	Algorithm string `json:"algorithm"`
	// Identifier is "user_id" or "email" when --user-id or --email is given:
	// the identifier that was hashed.
	Identifier string             `json:"identifier,omitempty"`
	Expected   string             `json:"expected,omitempty"`
	Match      *bool              `json:"match"`
	Profile    string             `json:"profile,omitempty"`
	Mistakes   []crypto.Code      `json:"mistakes,omitempty"`
	Notes      []crypto.Note      `json:"notes"`
	Diagnoses  []crypto.Diagnosis `json:"diagnoses"`
}

func newHMACResult(report *crypto.DigestReport, ring *crypto.Keyring, secretNotes []crypto.Note) hmacResult {
	result := hmacResult{OK: report.OK(), Digest: report.Computed, Data: string(report.Data), Algorithm: report.Algorithm,
		Identifier: report.Identifier, Expected: report.Expected, Match: report.Match, Mistakes: report.Mistakes,
		Notes: orEmpty(secretNotes), Diagnoses: orEmpty(report.Diagnoses)}
	if report.SecretAt >= 0 {
		result.Profile = ring.Secret(report.SecretAt).Name
	}
	return result
}

func runHMAC(e *env, args []string) int {
	fs := newFlags(e, "hmac", "[flags] DATA|-   or   sealpeek hmac [flags] --user-id ID --email EMAIL\n"+
		"   or   sealpeek hmac --lines [flags] [FILE|-]",
		"Computes the identity verification digest (user_hash) of DATA, the user_id or email:\n"+
			"lowercase hex HMAC-SHA256 keyed with the identity verification secret. With --expect,\n"+
			"compares it in constant time and exits 1 on a mismatch. DATA '-' reads standard input\n"+
			"exactly, trailing newline included. Instead of DATA, --user-id and --email give what the\n"+
			"app sends: the user_id is hashed when given (it takes precedence), else the email, and a\n"+
			"digest of the other one is diagnosed.")
	var secrets secretFlags
	secrets.register(fs)
	expect := fs.String("expect", "", "the `DIGEST` the app sent, to check")
	userID := fs.String("user-id", "", "the `USER_ID` the app sends to Intercom, instead of DATA")
	email := fs.String("email", "", "the `EMAIL` the app sends to Intercom, instead of DATA")
	asJSON := fs.Bool("json", false, "print one JSON object")
	lines := fs.Bool("lines", false, linesFlagHelp+"; each line is DATA, or DATA<TAB>EXPECTED to check")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if *lines {
		return runHMACLines(e, &secrets, given, first(positional))
	}
	identity := crypto.Identity{UserID: *userID, Email: *email, HasUserID: given["user-id"], HasEmail: given["email"]}
	byIdentity := identity.HasUserID || identity.HasEmail
	switch {
	case byIdentity && len(positional) > 0:
		return fail(e, "hmac", usageError{"give the DATA to hash or --user-id/--email, not both"})
	case !byIdentity && len(positional) == 0:
		return fail(e, "hmac", usageError{"give the DATA to hash (the user_id or email), - for standard input, or --user-id and --email"})
	}
	ring, chosen, secretNotes, err := secrets.keyringFor(e, crypto.RoleIdentity, *expect == "")
	if err != nil {
		return fail(e, "hmac", err)
	}
	var report *crypto.DigestReport
	if byIdentity {
		report = crypto.CheckIdentity(identity, strings.TrimSpace(*expect), ring, chosen)
	} else {
		data := []byte(positional[0])
		if positional[0] == "-" {
			if data, err = readInput(e, "-"); err != nil {
				return fail(e, "hmac", err)
			}
		}
		report = crypto.CheckUserHash(data, strings.TrimSpace(*expect), ring, chosen)
	}
	code = exitOK
	if !report.OK() {
		code = exitMismatch
	}
	if *asJSON {
		writeJSON(e.stdout, newHMACResult(report, ring, secretNotes))
		return code
	}
	printNotes(e, secretNotes)
	if report.Match != nil || report.SecretAt < 0 {
		printDiagnoses(e.stderr, report.Diagnoses)
	}
	if report.Computed != "" {
		fmt.Fprintln(e.stdout, termtext.EscapeControl(report.Computed, false))
	}
	return code
}
