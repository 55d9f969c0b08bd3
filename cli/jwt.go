package cli

import (
	"fmt"

	"github.com/sealpeek/sealpeek/crypto"
)

func runJWT(e *env, args []string) int {
	fs := newFlags(e, "jwt", "[flags] [TOKEN|-]",
		"Decodes a Messenger JWT (intercom_user_jwt) and verifies it: HS256 with the Messenger API secret,\n"+
			"exp and nbf as of now (or --at), and a user_id claim. alg \"none\" is never accepted. TOKEN '-' or\n"+
			"none reads standard input, which may also be an intercomSettings snippet holding the token.")
	var secrets secretFlags
	secrets.register(fs)
	var at timeFlag
	fs.Var(&at, "at", "check exp and nbf at `TIME` (RFC 3339 or Unix seconds) instead of now")
	asJSON := fs.Bool("json", false, "print one JSON object (also on failure)")
	positional, code, done := parseFlags(e, fs, args, 1)
	if done {
		return code
	}
	var input []byte
	if arg := first(positional); arg != "" && arg != "-" {
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
			info, _ := crypto.LookupCode("jwt_malformed")
			writeJSON(e.stdout, map[string]any{"ok": false, "kind": capture.Kind, "signatures": []any{}, "error": msg,
				"diagnoses": []crypto.Diagnosis{{Code: info.Code, Severity: info.Severity, Message: msg, Fix: info.Fix}}})
		}
		return fail(e, "jwt", usageError{msg})
	}
	return printVerified(e, "jwt", &secrets, capture, readErr, at.now(), *asJSON)
}
