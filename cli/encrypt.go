package cli

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
)

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
