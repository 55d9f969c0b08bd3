package cli

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"
	"github.com/spf13/cobra"
)

// decryptResult is the JSON contract of 'decrypt --json'.
type decryptResult struct {
	OK              bool             `json:"ok"`
	Container       crypto.Container `json:"container,omitempty"`
	Profile         string           `json:"profile,omitempty"`
	Mistakes        []crypto.Code    `json:"mistakes,omitempty"`
	IV              string           `json:"iv,omitempty"`
	Tag             string           `json:"tag,omitempty"`
	CiphertextBytes *int             `json:"ciphertext_bytes,omitempty"`
	Bytes           int              `json:"bytes"`
	Plaintext       any              `json:"plaintext"`
	PlaintextBase64 string           `json:"plaintext_base64,omitempty"`
	PlaintextIsJSON bool             `json:"plaintext_is_json"`
	Notes           []crypto.Note    `json:"notes"`
	Diagnoses       []diagnosisOut   `json:"diagnoses"`
	Error           string           `json:"error,omitempty"`
}

// newDecryptResult is r as 'decrypt --json' gives it, its fixes shown as
// fixes says.
func newDecryptResult(r *crypto.SheetReport, ring *crypto.Keyring, secretNotes []crypto.Note, fixes codeFixes) decryptResult {
	out := decryptResult{
		OK:        r.OK(),
		Container: r.User.Container,
		Bytes:     len(r.User.Sealed),
		Notes:     append(orEmpty(r.User.Notes), secretNotes...),
		Diagnoses: fixes.diagnoses(r.Diagnoses),
	}
	if r.Split != nil {
		n := len(r.Split.Ciphertext.Bytes)
		out.IV, out.Tag, out.CiphertextBytes = hex.EncodeToString(r.Split.IV.Bytes), hex.EncodeToString(r.Split.Tag.Bytes), &n
	}
	if r.OpenedBy >= 0 {
		out.Profile = ring.Secret(r.OpenedBy).Name
		out.Mistakes = r.Mistakes
		out.PlaintextIsJSON = r.PlaintextIsJSON
		switch {
		case r.PlaintextIsJSON:
			out.Plaintext = json.RawMessage(r.Plaintext)
		case utf8.Valid(r.Plaintext):
			out.Plaintext = string(r.Plaintext)
		default:
			out.Plaintext = string(r.Plaintext)
			out.PlaintextBase64 = base64.StdEncoding.EncodeToString(r.Plaintext)
		}
	}
	if !out.OK && len(r.Diagnoses) > 0 {
		out.Error = r.Diagnoses[0].Message
	}
	return out
}

// decryptFlags are the flags of 'sealpeek decrypt'.
type decryptFlags struct {
	secrets secretFlags
	lang    langFlag
	asJSON  bool
	lines   bool
}

// newDecryptCmd is 'sealpeek decrypt'.
func newDecryptCmd(e *env) *cobra.Command {
	var flags decryptFlags
	cmd := &cobra.Command{
		Use:   "decrypt [flags] [FILE|-]",
		Short: "open a sealed sheet user (bare, JSON body or form body)",
		Long: "Opens a sealed sheet user: the bare value, a JSON body or a form body, from FILE or standard input.\n" +
			"Prints the decrypted user pretty-printed; notes and diagnoses go to standard error.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 it opens; 1 no secret opens it, or only another profile or a known mistake does;\n" +
			"2 usage error, unreadable input, no secret. With --lines: 0 every line opens, 1 one does not.",
		Example: `# the published test vector (docs/protocols.md), secret from the environment
export SEALPEEK_SECRET=test-client-secret
echo AAECAwQFBgcICQoL9U3oT8YPKCcQ0Tns7lCRGMpNkr05Xp891cNtuRxqVQ | sealpeek decrypt --secret-env SEALPEEK_SECRET
# a whole open-sheet body from a file, every profile tried, as JSON
sealpeek decrypt --json body.txt
# a sealed user the demo profiles open: run 'sealpeek profiles --demo' for samples
sealpeek decrypt --demo --profile demo-oauth-test < user.txt
# a log of sealed users, one a line: one JSON result a line, on every core
sealpeek decrypt --lines --profile prod-oauth users.txt | jq -c 'select(.ok | not)'`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runDecrypt(e, &flags, first(args)))
		},
	}
	flags.secrets.register(cmd.Flags())
	cmd.Flags().BoolVar(&flags.asJSON, "json", false, "print one JSON object (also on failure)")
	cmd.Flags().BoolVar(&flags.lines, "lines", false, linesFlagHelp)
	cmd.Flags().Var(&flags.lang, "lang", langFlagHelp)
	return cmd
}

// runDecrypt opens the sealed user in the file name ("" or "-": standard
// input), or with --lines each line of it.
func runDecrypt(e *env, flags *decryptFlags, name string) int {
	secrets, asJSON, lines := &flags.secrets, &flags.asJSON, &flags.lines
	ring, chosen, secretNotes, err := secrets.keyring(e, crypto.RoleOAuth)
	if err != nil {
		return fail(e, "decrypt", err)
	}
	langs := newFixLangs(e, flags.lang, secrets)
	if *lines {
		return runLines(e, "decrypt", name, decryptLines(ring, chosen, secretNotes, langs))
	}
	input, err := readInput(e, name)
	if err != nil {
		return fail(e, "decrypt", err)
	}
	sheet := crypto.InspectSheetUser(input, ring, chosen)
	code := exitOK
	switch {
	case sheet.InputError != nil:
		code = exitUsage
	case !sheet.OK():
		code = exitMismatch
	}
	if *asJSON {
		writeJSON(e.stdout, newDecryptResult(sheet, ring, secretNotes, langs.forSheet(sheet, ring)))
		return code
	}
	if sheet.InputError != nil {
		printError(e, "decrypt", sheet.InputError)
	}
	printNotes(e, secretNotes)
	printDiagnosesWithCode(e.stderr, sheet.Diagnoses, langs.forSheet(sheet, ring))
	if sheet.OpenedBy >= 0 {
		report.WritePlaintext(e.stdout, sheet.Plaintext, sheet.PlaintextIsJSON)
	}
	return code
}

// decryptLine is 'decrypt --lines': each line is one sealed user (bare, JSON
// body or form body), and its record is what 'decrypt --json' prints for it.
func decryptLine(ring *crypto.Keyring, chosen string, secretNotes []crypto.Note, langs fixLangs) lineWork {
	enc := newDecryptRecords(ring, secretNotes, langs)
	return func(line []byte, number int, out []byte) ([]byte, bool) {
		r := crypto.InspectSheetUser(line, ring, chosen)
		return enc.append(out, number, r), r.OK()
	}
}

// decryptRecords writes 'decrypt --lines' records. A clean record (a bare
// user that opens with nothing to note) is written by hand: encoding/json
// would re-validate and re-compact the plaintext, and that was most of the
// time of a record. Every other record goes through newDecryptResult and
// encoding/json, and a test holds the two to the same bytes.
type decryptRecords struct {
	ring        *crypto.Keyring
	secretNotes []crypto.Note
	langs       fixLangs
	profiles    [][]byte // each secret's name, JSON-encoded and made inert
	notesJSON   []byte   // secretNotes, JSON-encoded and made inert
}

func newDecryptRecords(ring *crypto.Keyring, secretNotes []crypto.Note, langs fixLangs) *decryptRecords {
	d := &decryptRecords{ring: ring, secretNotes: secretNotes, langs: langs, profiles: make([][]byte, ring.Len())}
	for i := range d.profiles {
		d.profiles[i] = inertJSON(ring.Secret(i).Name)
	}
	d.notesJSON = inertJSON(orEmpty(secretNotes))
	return d
}

// clean reports whether a record takes the hand-written path.
func clean(r *crypto.SheetReport) bool {
	return r.OK() && r.PlaintextIsJSON && r.Split != nil && r.User.Container == crypto.ContainerBare &&
		len(r.User.Notes) == 0 && len(r.Diagnoses) == 0
}

// append writes report r as line number's record.
func (d *decryptRecords) append(out []byte, number int, r *crypto.SheetReport) []byte {
	if !clean(r) {
		return appendRecord(out, number, newDecryptResult(r, d.ring, d.secretNotes, d.langs.forSheet(r, d.ring)))
	}
	return d.appendClean(out, number, crypto.CleanSheet{OpenedBy: r.OpenedBy, Sealed: r.User.Sealed, Plaintext: r.Plaintext,
		Compact: r.PlaintextIsCompact, IV: r.Split.IV.Bytes, Tag: r.Split.Tag.Bytes, Ciphertext: len(r.Split.Ciphertext.Bytes)})
}

// appendClean writes a clean record, as the engine's report or the batch's
// fast path gives it.
func (d *decryptRecords) appendClean(out []byte, number int, r crypto.CleanSheet) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(number), 10)
	out = append(out, `,"ok":true,"container":"bare","profile":`...)
	out = append(out, d.profiles[r.OpenedBy]...)
	out = append(out, `,"iv":"`...)
	out = hex.AppendEncode(out, r.IV)
	out = append(out, `","tag":"`...)
	out = hex.AppendEncode(out, r.Tag)
	out = append(out, `","ciphertext_bytes":`...)
	out = strconv.AppendInt(out, int64(r.Ciphertext), 10)
	out = append(out, `,"bytes":`...)
	out = strconv.AppendInt(out, int64(len(r.Sealed)), 10)
	out = append(out, `,"plaintext":`...)
	if r.Compact {
		// What a sender's JSON encoder writes: its safe start as it is.
		out = append(out, r.Plaintext[:r.Safe]...)
		out = appendInertJSON(out, r.Plaintext[r.Safe:])
	} else {
		start := len(out)
		out = appendCompactJSON(out, r.Plaintext)
		// Escaping only ever lengthens, so an unchanged length means unchanged.
		if escaped := termtext.EscapeJSON(out[start:]); len(escaped) != len(out)-start {
			out = append(out[:start], escaped...)
		}
	}
	out = append(out, `,"plaintext_is_json":true,"notes":`...)
	out = append(out, d.notesJSON...)
	return append(out, ",\"diagnoses\":[]}\n"...)
}
