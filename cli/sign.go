package cli

import (
	"fmt"

	"github.com/sealpeek/sealpeek/crypto"
)

// signResult is the JSON contract of 'sign --json'.
type signResult struct {
	Header    string        `json:"header"`
	Value     string        `json:"value"`
	Algorithm string        `json:"algorithm"`
	BodyBytes int           `json:"body_bytes"`
	Profile   string        `json:"profile"`
	Notes     []crypto.Note `json:"notes"`
}

func runSign(e *env, args []string) int {
	fs := newFlags(e, "sign", "[flags] [FILE|-]",
		"Prints the signature header a sender would send with the body in FILE, read byte for byte:\n"+
			"--algo sha1 gives a webhook's 'X-Hub-Signature: sha1=<hex>', --algo sha256 a Canvas Kit request's\n"+
			"'X-Body-Signature: <hex>', both keyed with the OAuth client secret. For test data: pass the same\n"+
			"bytes to 'sealpeek verify --header'.")
	var secrets secretFlags
	secrets.register(fs)
	algo := fs.String("algo", "sha1", "`sha1` (X-Hub-Signature, webhooks) or sha256 (X-Body-Signature, Canvas Kit)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	header, algorithm := "", ""
	switch *algo {
	case "sha1":
		header, algorithm = crypto.HeaderHubSignature, "HMAC-SHA1"
	case "sha256":
		header, algorithm = crypto.HeaderBodySignature, "HMAC-SHA256"
	default:
		return fail(e, "sign", usageError{fmt.Sprintf("--algo is sha1 or sha256, not %q", *algo)})
	}
	// Signing makes a payload: one secret, the one --profile names or the
	// only oauth one, never whichever profile comes first in the file.
	secret, secretNotes, err := secrets.signingSecret(e, crypto.RoleOAuth)
	if err != nil {
		return fail(e, "sign", err)
	}
	body, err := readInput(e, first(positional))
	if err != nil {
		return fail(e, "sign", err)
	}
	value := crypto.SignatureValue(header, secret.Value, body)
	if *asJSON {
		writeJSON(e.stdout, signResult{Header: header, Value: value, Algorithm: algorithm, BodyBytes: len(body),
			Profile: secret.Name, Notes: orEmpty(secretNotes)})
		return exitOK
	}
	printNotes(e, secretNotes)
	fmt.Fprintf(e.stdout, "%s: %s\n", header, value)
	return exitOK
}
