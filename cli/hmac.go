package cli

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// hmacResult is the JSON contract of 'hmac --json'.
type hmacResult struct {
	OK        bool   `json:"ok"`
	Digest    string `json:"digest"`
	Data      string `json:"data"`
	Algorithm string `json:"algorithm"`
	// Identifier is "user_id" or "email" when --user-id or --email is given:
	// the identifier that was hashed.
	Identifier string         `json:"identifier,omitempty"`
	Expected   string         `json:"expected,omitempty"`
	Match      *bool          `json:"match"`
	Profile    string         `json:"profile,omitempty"`
	Mistakes   []crypto.Code  `json:"mistakes,omitempty"`
	Notes      []crypto.Note  `json:"notes"`
	Diagnoses  []diagnosisOut `json:"diagnoses"`
}

// newHMACResult is report as 'hmac --json' gives it, its fixes shown in
// the language langs chooses.
func newHMACResult(report *crypto.DigestReport, ring *crypto.Keyring, secretNotes []crypto.Note, langs fixLangs) hmacResult {
	result := hmacResult{OK: report.OK(), Digest: report.Computed, Data: string(report.Data), Algorithm: report.Algorithm,
		Identifier: report.Identifier, Expected: report.Expected, Match: report.Match, Mistakes: report.Mistakes,
		Notes: orEmpty(secretNotes), Diagnoses: langs.forDigest(report, ring).diagnoses(report.Diagnoses)}
	if report.SecretAt >= 0 {
		result.Profile = ring.Secret(report.SecretAt).Name
	}
	return result
}

// hmacFlags are the flags of 'sealpeek hmac'.
type hmacFlags struct {
	secrets       secretFlags
	expect        string
	userID, email string
	lang          langFlag
	asJSON, lines bool
}

// newHMACCmd is 'sealpeek hmac'.
func newHMACCmd(e *env) *cobra.Command {
	var flags hmacFlags
	cmd := &cobra.Command{
		Use:   "hmac DATA|- [flags]",
		Short: "compute or check an identity verification digest (user_hash)",
		Long: "Computes the identity verification digest (user_hash) of DATA, the user_id or email:\n" +
			"lowercase hex HMAC-SHA256 keyed with the identity verification secret. With --expect,\n" +
			"compares it in constant time and exits 1 on a mismatch. DATA '-' reads standard input\n" +
			"exactly, trailing newline included. Instead of DATA, --user-id and --email give what the\n" +
			"app sends: the user_id is hashed when given (it takes precedence), else the email, and a\n" +
			"digest of the other one is diagnosed. With --lines, each line of FILE (or standard input)\n" +
			"is DATA, or DATA<TAB>EXPECTED.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 computed, or --expect matches; 1 --expect does not match; 2 usage error, no secret.\n" +
			"With --lines: 0 every line matches (or is hashed), 1 one does not.",
		Example: `# the published test vector (docs/protocols.md)
SEALPEEK_IDENTITY=secret sealpeek hmac --secret-env SEALPEEK_IDENTITY Message
# check the digest an app sent, given what the app sends
sealpeek hmac --profile web --user-id 4711 --email zoe@example.com --expect "$USER_HASH"
# hash standard input byte for byte: printf, not echo, unless the newline is meant
printf %s 4711 | sealpeek hmac --profile web -
# a file of user_id<TAB>user_hash lines, each checked: one JSON result a line
sealpeek hmac --lines --profile web pairs.tsv`,
		Args: maxArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			given := map[string]bool{}
			c.Flags().Visit(func(f *pflag.Flag) { given[f.Name] = true })
			return exit(runHMAC(e, &flags, given, args))
		},
	}
	flags.secrets.register(cmd.Flags())
	fs := cmd.Flags()
	fs.StringVar(&flags.expect, "expect", "", "the DIGEST the app sent, to check")
	fs.StringVar(&flags.userID, "user-id", "", "the USER_ID the app sends to Intercom, instead of DATA")
	fs.StringVar(&flags.email, "email", "", "the EMAIL the app sends to Intercom, instead of DATA")
	fs.BoolVar(&flags.asJSON, "json", false, "print one JSON object")
	fs.BoolVar(&flags.lines, "lines", false, linesFlagHelp+"; each line is DATA, or DATA<TAB>EXPECTED to check")
	fs.Var(&flags.lang, "lang", langFlagHelp)
	return cmd
}

// runHMAC hashes or checks DATA (positional), the --user-id/--email pair,
// or with --lines each line of a file; given names the flags that were set.
func runHMAC(e *env, flags *hmacFlags, given map[string]bool, positional []string) int {
	secrets, expect, userID, email, asJSON, lines := &flags.secrets, &flags.expect, &flags.userID, &flags.email, &flags.asJSON, &flags.lines
	if *lines {
		return runHMACLines(e, secrets, flags.lang, given, first(positional))
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
			if len(data) == 0 {
				secretNotes = append(secretNotes, emptyInputNote("standard input"))
			}
		}
		report = crypto.CheckUserHash(data, strings.TrimSpace(*expect), ring, chosen)
	}
	code := exitOK
	if !report.OK() {
		code = exitMismatch
	}
	langs := newFixLangs(e, flags.lang, secrets)
	if *asJSON {
		writeJSON(e.stdout, newHMACResult(report, ring, secretNotes, langs))
		return code
	}
	printNotes(e, secretNotes)
	if report.Match != nil || report.SecretAt < 0 {
		printDiagnosesWithCode(e.stderr, report.Diagnoses, langs.forDigest(report, ring))
	}
	if report.Computed != "" {
		fmt.Fprintln(e.stdout, termtext.EscapeControl(report.Computed, false))
	}
	return code
}

// runHMACLines is 'hmac --lines': each line is the DATA to hash, or
// DATA<TAB>EXPECTED to check (the text after the last tab is the expected
// digest, trimmed of spaces), and its record is what 'hmac --json' prints
// for it. Lines without EXPECTED are hashed with --profile, else the first
// profile of role identity, which each record names.
func runHMACLines(e *env, secrets *secretFlags, lang langFlag, given map[string]bool, name string) int {
	for _, flag := range []string{"expect", "user-id", "email"} {
		if given[flag] {
			return fail(e, "hmac", usageError{fmt.Sprintf("--%s does not go with --lines: each line is DATA, or DATA<TAB>EXPECTED", flag)})
		}
	}
	ring, chosen, secretNotes, err := secrets.keyring(e, crypto.RoleIdentity)
	if err != nil {
		return fail(e, "hmac", err)
	}
	return runLines(e, "hmac", name, hmacLines(ring, chosen, secretNotes, newFixLangs(e, lang, secrets)))
}

// hmacLine checks one line of 'hmac --lines'.
func hmacLine(ring *crypto.Keyring, chosen string, secretNotes []crypto.Note, langs fixLangs) lineWork {
	notesJSON := inertJSON(orEmpty(secretNotes))
	return func(line []byte, number int, out []byte) ([]byte, bool) {
		data, expected := line, ""
		if tab := bytes.LastIndexByte(line, '\t'); tab >= 0 {
			data, expected = line[:tab], strings.TrimSpace(string(line[tab+1:]))
		}
		r := crypto.CheckUserHash(data, expected, ring, chosen)
		return appendHMACRecord(out, number, newHMACResult(r, ring, secretNotes, langs), notesJSON), r.OK()
	}
}

// appendHMACRecord writes an 'hmac --lines' record by hand: encoding/json
// was a fifth of the time of a line. notesJSON is res.Notes, encoded once
// for the batch. TestHMACLinesAreTheJSONRecords holds it to --json, and
// TestHandWrittenRecordsKnowEveryField to hmacResult's fields.
func appendHMACRecord(out []byte, number int, res hmacResult, notesJSON []byte) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(number), 10)
	out = append(out, `,"ok":`...)
	out = strconv.AppendBool(out, res.OK)
	out = append(out, `,"digest":`...)
	out = appendJSONString(out, res.Digest)
	out = append(out, `,"data":`...)
	out = appendJSONString(out, res.Data)
	out = append(out, `,"algorithm":`...)
	out = appendJSONString(out, res.Algorithm)
	if res.Identifier != "" {
		out = append(out, `,"identifier":`...)
		out = appendJSONString(out, res.Identifier)
	}
	if res.Expected != "" {
		out = append(out, `,"expected":`...)
		out = appendJSONString(out, res.Expected)
	}
	out = append(out, `,"match":`...)
	if res.Match == nil {
		out = append(out, "null"...)
	} else {
		out = strconv.AppendBool(out, *res.Match)
	}
	if res.Profile != "" {
		out = append(out, `,"profile":`...)
		out = appendJSONString(out, res.Profile)
	}
	if len(res.Mistakes) > 0 {
		out = append(out, `,"mistakes":[`...)
		for i, m := range res.Mistakes {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendJSONString(out, string(m))
		}
		out = append(out, ']')
	}
	out = append(out, `,"notes":`...)
	out = append(out, notesJSON...)
	out = append(out, `,"diagnoses":[`...)
	for i, d := range res.Diagnoses {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"code":`...)
		out = appendJSONString(out, string(d.Code))
		out = append(out, `,"severity":`...)
		out = appendJSONString(out, string(d.Severity))
		out = append(out, `,"message":`...)
		out = appendJSONString(out, d.Message)
		out = append(out, `,"fix":`...)
		out = appendJSONString(out, d.Fix)
		if d.FixCode != nil {
			// Only a mismatch in a language has one: encoding/json will do.
			out = append(out, `,"fix_code":`...)
			out = append(out, inertJSON(d.FixCode)...)
		}
		out = append(out, '}')
	}
	return append(out, "]}\n"...)
}
