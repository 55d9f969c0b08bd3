package cli

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/spf13/cobra"
)

// headerFlags collects repeated --header 'Name: value' flags.
type headerFlags []crypto.CaptureHeader

func (h *headerFlags) String() string { return "" }

// Type names the value in pflag's messages.
func (h *headerFlags) Type() string { return "header" }

func (h *headerFlags) Set(line string) error {
	header, err := crypto.ParseHeaderLine(line)
	if err != nil {
		return err
	}
	*h = append(*h, header)
	return nil
}

// timeFlag is --at: the time to check a JWT's exp and nbf at.
type timeFlag struct{ t time.Time }

func (f *timeFlag) String() string {
	if f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

// Type names the value in pflag's messages.
func (f *timeFlag) Type() string { return "time" }

func (f *timeFlag) Set(s string) error {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		f.t = t
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		f.t = time.Unix(n, 0).UTC()
		return nil
	}
	return fmt.Errorf("%q is neither an RFC 3339 time (2025-06-01T12:00:00Z) nor Unix seconds", s)
}

// now returns --at, or the clock's time without it.
func (f *timeFlag) now() time.Time {
	if f.t.IsZero() {
		return time.Now()
	}
	return f.t
}

// verifyFlags are the flags of 'sealpeek verify'.
type verifyFlags struct {
	secrets       secretFlags
	headers       headerFlags
	at            timeFlag
	lang          langFlag
	asJSON, lines bool
}

// newVerifyCmd is 'sealpeek verify'.
func newVerifyCmd(e *env) *cobra.Command {
	var flags verifyFlags
	cmd := &cobra.Command{
		Use:   "verify [flags] [FILE|-]",
		Short: "check every signature, sheet user, user_hash or JWT in a captured request",
		Long: "Checks everything in a captured request: a raw HTTP request (CRLF or LF), headers and body as an\n" +
			"inspector shows them, a body alone (add its headers with --header), an intercomSettings snippet\n" +
			"or a JWT. X-Hub-Signature (sha1=, webhooks) and X-Body-Signature (Canvas Kit) are checked against\n" +
			"the raw body bytes; an encrypted sheet user is opened; a user_hash or JWT is verified. When nothing\n" +
			"matches, says which mistake does.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 everything found matches; 1 a mismatch; 2 unreadable input, nothing to check, no secret.\n" +
			"With --lines: 0 every line verifies, 1 one does not (or has nothing to check).",
		Example: `sealpeek verify --secret-env INTERCOM_CLIENT_SECRET request.http
# a body alone, with the signature header that came with it
sealpeek verify --header "X-Hub-Signature: $SIGNATURE" body.json
# as JSON, for scripts
sealpeek verify --json request.http | jq '.diagnoses[].code'
# one-line captures (JWTs, snippets, bodies), one a line: one JSON result a line
sealpeek verify --lines --profile messenger tokens.txt`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runVerify(e, &flags, first(args)))
		},
	}
	fs := cmd.Flags()
	flags.secrets.register(fs)
	fs.Var(&flags.headers, "header", "add a header to the capture, as 'Name: value' (repeatable); it replaces one of the same name")
	fs.Var(&flags.at, "at", "check a JWT's exp and nbf at TIME (RFC 3339 or Unix seconds) instead of now")
	fs.BoolVar(&flags.asJSON, "json", false, "print one JSON object (also on failure)")
	fs.BoolVar(&flags.lines, "lines", false, linesFlagHelp+"; each line is one capture (a JWT, a snippet, a body), --header added to each")
	fs.Var(&flags.lang, "lang", langFlagHelp)
	return cmd
}

// runVerify checks the capture in the file name ("" or "-": standard
// input), or with --lines each line of it.
func runVerify(e *env, flags *verifyFlags, name string) int {
	if flags.lines {
		return runVerifyLines(e, &flags.secrets, newFixLangs(e, flags.lang, &flags.secrets), flags.headers, flags.at.now(), name)
	}
	input, err := readInput(e, name)
	if err != nil {
		return fail(e, "verify", err)
	}
	capture, readErr := crypto.ReadCapture(input, flags.headers)
	return printVerified(e, "verify", &flags.secrets, flags.lang, capture, readErr, flags.at.now(), flags.asJSON)
}

// printVerified checks a capture (or reports readErr, why it could not be
// read) with the secrets of its role, and prints the report: 'verify' and
// 'jwt' on a whole input.
func printVerified(e *env, verb string, secrets *secretFlags, lang langFlag, capture *crypto.Capture, readErr error, now time.Time, asJSON bool) int {
	report, k := (&roleKeyrings{e: e, secrets: secrets}).verify(capture, readErr, now)
	if k.err != nil {
		return fail(e, verb, k.err)
	}
	return printCaptureReport(e, verb, report, k.ring, k.notes, newFixLangs(e, lang, secrets), asJSON)
}

// captureExitCode maps a report to the exit codes every verb shares: 2 when
// the input could not be read or nothing in it could be checked (or there
// was no secret), 0 when everything matched, 1 otherwise.
func captureExitCode(r *crypto.CaptureReport) int {
	if r.InputError != nil || !r.Checked() {
		return exitUsage
	}
	for _, d := range r.Diagnoses {
		if d.Code == crypto.CodeNoSecret {
			return exitUsage
		}
	}
	if r.OK() {
		return exitOK
	}
	return exitMismatch
}

// runVerifyLines is 'verify --lines': each line is one capture, read as
// 'verify' reads a whole input (so a one-line JWT, snippet or body, with
// the --header flags added to each), and its record is what 'verify --json'
// prints for it. A JWT's exp and nbf are checked as of the batch's start,
// or --at. The keyring of each role a line needs is resolved once, on
// first need.
func runVerifyLines(e *env, secrets *secretFlags, langs fixLangs, headers headerFlags, now time.Time, name string) int {
	rings := &roleKeyrings{e: e, secrets: secrets}
	code := runLines(e, "verify", name, verifyLines(rings, langs, headers, now, verifyLine(rings, langs, headers, now)))
	if err := rings.err(); err != nil {
		return fail(e, "verify", err)
	}
	return code
}

// verifyLine is the engine's work on one line of 'verify --lines'.
func verifyLine(rings *roleKeyrings, langs fixLangs, headers headerFlags, now time.Time) lineWork {
	return func(line []byte, number int, out []byte) ([]byte, bool) {
		capture, readErr := crypto.ReadCapture(line, headers)
		r, k := rings.verify(capture, readErr, now)
		if k.err != nil {
			return appendRecord(out, number, failedRecord{Error: k.err.Error()}), false
		}
		return appendRecord(out, number, newCaptureResult(r, k.ring, k.notes, langs)), captureExitCode(r) == exitOK
	}
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
