package cli

import (
	"fmt"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/spf13/cobra"
)

// jwtFlags are the flags of 'sealpeek jwt'.
type jwtFlags struct {
	secrets secretFlags
	at      timeFlag
	lang    langFlag
	asJSON  bool
}

// newJWTCmd is 'sealpeek jwt'.
func newJWTCmd(e *env) *cobra.Command {
	var flags jwtFlags
	cmd := &cobra.Command{
		Use:   "jwt [flags] [TOKEN|-]",
		Short: "decode and verify a Messenger JWT (intercom_user_jwt)",
		Long: "Decodes a Messenger JWT (intercom_user_jwt) and verifies it: HS256 with the Messenger API secret,\n" +
			"exp and nbf as of now (or --at), and a user_id claim. alg \"none\" is never accepted. TOKEN '-' or\n" +
			"none reads standard input, which may also be an intercomSettings snippet holding the token.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 the token verifies and is valid; 1 signature, alg, exp, nbf or user_id fails;\n" +
			"2 no token in the input, usage error, no secret.",
		Example: `sealpeek jwt --secret-env MESSENGER_SECRET "$TOKEN"
# a token in a file, its exp checked at a given time
sealpeek jwt --profile messenger --at 2025-06-01T12:00:00Z < token.jwt`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runJWT(e, &flags, first(args)))
		},
	}
	flags.secrets.register(cmd.Flags())
	cmd.Flags().Var(&flags.at, "at", "check exp and nbf at TIME (RFC 3339 or Unix seconds) instead of now")
	cmd.Flags().BoolVar(&flags.asJSON, "json", false, "print one JSON object (also on failure)")
	cmd.Flags().Var(&flags.lang, "lang", langFlagHelp)
	return cmd
}

// runJWT verifies the token arg, or the one on standard input for "" and "-".
func runJWT(e *env, flags *jwtFlags, arg string) int {
	secrets, at, asJSON := &flags.secrets, &flags.at, &flags.asJSON
	var input []byte
	if arg != "" && arg != "-" {
		input = []byte(arg)
	} else {
		var err error
		if input, err = readInput(e, "-"); err != nil {
			return fail(e, "jwt", err)
		}
	}
	capture, readErr := crypto.ReadCapture(input, nil)
	if readErr == nil && capture.Kind != crypto.KindJWT {
		msg := fmt.Sprintf("found no JWT in the input (it reads as a %s); give the token (eyJ…), or use 'sealpeek verify' for a whole capture", capture.Format)
		if *asJSON {
			// --json promises an object on failure too.
			info, _ := crypto.LookupCode(crypto.CodeJWTMalformed)
			writeJSON(e.stdout, map[string]any{"ok": false, "kind": capture.Kind, "signatures": []any{}, "error": msg,
				"diagnoses": []crypto.Diagnosis{{Code: info.Code, Severity: info.Severity, Message: msg, Fix: info.Fix}}})
		}
		return fail(e, "jwt", usageError{msg})
	}
	return printVerified(e, "jwt", secrets, flags.lang, capture, readErr, at.now(), *asJSON)
}
