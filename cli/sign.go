package cli

import (
	"fmt"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/spf13/cobra"
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

// signFlags are the flags of 'sealpeek sign'.
type signFlags struct {
	secrets secretFlags
	algo    string
	asJSON  bool
}

// newSignCmd is 'sealpeek sign'.
func newSignCmd(e *env) *cobra.Command {
	var flags signFlags
	cmd := &cobra.Command{
		Use:   "sign [flags] [FILE|-]",
		Short: "print the signature header a sender would send with a body",
		Long: "Prints the signature header a sender would send with the body in FILE, read byte for byte:\n" +
			"--algo sha1 gives a webhook's 'X-Hub-Signature: sha1=<hex>', --algo sha256 a Canvas Kit request's\n" +
			"'X-Body-Signature: <hex>', both keyed with the OAuth client secret. For test data: pass the same\n" +
			"bytes to 'sealpeek verify --header'.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 printed; 2 usage error, unreadable input, no secret.",
		Example: `sealpeek sign --secret-env INTERCOM_CLIENT_SECRET body.json
sealpeek sign --algo sha256 --profile test-oauth body.json
# sign, then check, the same bytes
sealpeek verify --header "$(sealpeek sign --profile test-oauth body.json)" body.json`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runSign(e, &flags, first(args)))
		},
	}
	flags.secrets.register(cmd.Flags())
	cmd.Flags().StringVar(&flags.algo, "algo", "sha1", "sha1 (X-Hub-Signature, webhooks) or sha256 (X-Body-Signature, Canvas Kit)")
	cmd.Flags().BoolVar(&flags.asJSON, "json", false, "print one JSON object")
	return cmd
}

// runSign prints the signature of the body in the file name ("" or "-":
// standard input).
func runSign(e *env, flags *signFlags, name string) int {
	secrets, algo, asJSON := &flags.secrets, &flags.algo, &flags.asJSON
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
	body, err := readInput(e, name)
	if err != nil {
		return fail(e, "sign", err)
	}
	if len(body) == 0 {
		what := "the body in " + name
		if name == "" || name == "-" {
			what = "the body on standard input"
		}
		secretNotes = append(secretNotes, emptyInputNote(what))
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
