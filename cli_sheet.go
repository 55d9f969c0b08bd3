package main

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/internal/termtext"

	"github.com/sealpeek/sealpeek/crypto"
)

// decryptResult is the JSON contract of 'decrypt --json'.
type decryptResult struct {
	OK              bool               `json:"ok"`
	Container       crypto.Container   `json:"container,omitempty"`
	Profile         string             `json:"profile,omitempty"`
	Mistakes        []crypto.Code      `json:"mistakes,omitempty"`
	IV              string             `json:"iv,omitempty"`
	Tag             string             `json:"tag,omitempty"`
	CiphertextBytes *int               `json:"ciphertext_bytes,omitempty"`
	Bytes           int                `json:"bytes"`
	Plaintext       any                `json:"plaintext"`
	PlaintextBase64 string             `json:"plaintext_base64,omitempty"`
	PlaintextIsJSON bool               `json:"plaintext_is_json"`
	Notes           []crypto.Note      `json:"notes"`
	Diagnoses       []crypto.Diagnosis `json:"diagnoses"`
	Error           string             `json:"error,omitempty"`
}

func newDecryptResult(r *crypto.SheetReport, ring *crypto.Keyring, secretNotes []crypto.Note) decryptResult {
	out := decryptResult{
		OK:        r.OK(),
		Container: r.User.Container,
		Bytes:     len(r.User.Sealed),
		Notes:     append(orEmpty(r.User.Notes), secretNotes...),
		Diagnoses: orEmpty(r.Diagnoses),
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

func runDecrypt(e *env, args []string) int {
	fs := newFlags(e, "decrypt", "[flags] [FILE|-]",
		"Opens a sealed sheet user: the bare value, a JSON body or a form body, from FILE or standard input.\n"+
			"Prints the decrypted user pretty-printed; notes and diagnoses go to standard error.")
	var secrets secretFlags
	secrets.register(fs)
	asJSON := fs.Bool("json", false, "print one JSON object (also on failure)")
	lines := fs.Bool("lines", false, linesFlagHelp)
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	ring, chosen, secretNotes, err := secrets.keyring(e, crypto.RoleOAuth)
	if err != nil {
		return fail(e, "decrypt", err)
	}
	if *lines {
		return runLines(e, "decrypt", first(positional), decryptLine(ring, chosen, secretNotes))
	}
	input, err := readInput(e, first(positional))
	if err != nil {
		return fail(e, "decrypt", err)
	}
	report := crypto.InspectSheetUser(input, ring, chosen)
	code = exitOK
	switch {
	case report.InputError != nil:
		code = exitUsage
	case !report.OK():
		code = exitMismatch
	}
	if *asJSON {
		writeJSON(e.stdout, newDecryptResult(report, ring, secretNotes))
		return code
	}
	if report.InputError != nil {
		printError(e, "decrypt", report.InputError)
	}
	printNotes(e, secretNotes)
	printDiagnoses(e.stderr, report.Diagnoses)
	if report.OpenedBy >= 0 {
		printPlaintext(e, report.Plaintext, report.PlaintextIsJSON)
	}
	return code
}

// printPlaintext writes the decrypted user: JSON pretty-printed, anything
// else with its control characters escaped.
func printPlaintext(e *env, plaintext []byte, isJSON bool) {
	if isJSON {
		if pretty, ok := prettyJSON(plaintext); ok {
			e.stdout.Write(pretty)
			return
		}
	}
	fmt.Fprintln(e.stdout, termtext.EscapeControl(string(plaintext), true))
}

// prettyJSON is raw indented, with a final newline, and made inert; false
// when raw is not JSON.
func prettyJSON(raw []byte) ([]byte, bool) {
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") != nil {
		return nil, false
	}
	pretty.WriteByte('\n')
	return termtext.EscapeJSON(pretty.Bytes()), true
}

func runEncrypt(e *env, args []string) int {
	fs := newFlags(e, "encrypt", "[flags] [FILE|-]",
		"Seals a JSON user as Intercom does: base64(IV ‖ AES-256-GCM ciphertext ‖ tag), keyed with\n"+
			"SHA-256 of the OAuth client secret. The IV is random unless --iv gives one.")
	var secrets secretFlags
	secrets.register(fs)
	ivHex := fs.String("iv", "", "use this 12-byte `HEX` IV (for reproducible test data only)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	var iv []byte
	if *ivHex != "" {
		var err error
		if iv, err = hex.DecodeString(*ivHex); err != nil || len(iv) != crypto.IVSize {
			return fail(e, "encrypt", usageError{fmt.Sprintf("--iv must be %d bytes in hex (%d hex digits), got %q", crypto.IVSize, 2*crypto.IVSize, *ivHex)})
		}
	}
	secret, secretNotes, err := secrets.signingSecret(e, crypto.RoleOAuth)
	if err != nil {
		return fail(e, "encrypt", err)
	}
	input, err := readInput(e, first(positional))
	if err != nil {
		return fail(e, "encrypt", err)
	}
	plaintext := bytes.TrimSpace(input)
	if err := checkJSON(plaintext); err != nil {
		return fail(e, "encrypt", err)
	}
	cipher, err := crypto.NewSheetCipher(crypto.SheetKey(secret.Value))
	if err != nil {
		return fail(e, "encrypt", err)
	}
	sealed, err := cipher.Seal(iv, plaintext)
	if err != nil {
		return fail(e, "encrypt", err)
	}
	encoded := crypto.EncodeSheetUser(sealed)
	if *asJSON {
		writeJSON(e.stdout, map[string]any{"encoded": encoded, "iv": hex.EncodeToString(sealed[:crypto.IVSize]), "profile": secret.Name, "notes": orEmpty(secretNotes)})
		return exitOK
	}
	printNotes(e, secretNotes)
	fmt.Fprintln(e.stdout, encoded)
	return exitOK
}

// checkJSON says where the input stops being JSON.
func checkJSON(b []byte) error {
	if len(b) == 0 {
		return usageError{"the input is empty: give the user's JSON to seal"}
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) && strings.HasSuffix(syntax.Error(), "exceeded max depth") {
			// encoding/json stops at 10,000 levels; a user is a few deep.
			return usageError{fmt.Sprintf("the input nests JSON more than 10000 levels deep (at offset %d), deeper than sealpeek reads: a user is an object a few levels deep", syntax.Offset)}
		}
		if errors.As(err, &syntax) {
			return usageError{fmt.Sprintf("the input is not JSON: %v at offset %d", err, syntax.Offset)}
		}
		return usageError{fmt.Sprintf("the input is not JSON: %v", err)}
	}
	return nil
}
