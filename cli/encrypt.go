package cli

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/spf13/cobra"
)

// encryptFlags are the flags of 'sealpeek encrypt'.
type encryptFlags struct {
	secrets secretFlags
	ivHex   string
	asJSON  bool
}

// newEncryptCmd is 'sealpeek encrypt'.
func newEncryptCmd(e *env) *cobra.Command {
	var flags encryptFlags
	cmd := &cobra.Command{
		Use:   "encrypt [flags] [FILE|-]",
		Short: "seal a JSON user as Intercom sends it",
		Long: "Seals a JSON user as Intercom does: base64(IV ‖ AES-256-GCM ciphertext ‖ tag), keyed with\n" +
			"SHA-256 of the OAuth client secret. The IV is random unless --iv gives one.\n\n" +
			secretsHelp + "\n\n" +
			"Exit codes: 0 sealed; 2 usage error, input that is not JSON, no secret, or several oauth profiles\n" +
			"and no --profile to choose.",
		Example: `echo '{"test":"test"}' | sealpeek encrypt --secret-env SEALPEEK_SECRET --iv 000102030405060708090a0b
# with the one oauth profile, or the one --profile names
sealpeek encrypt --profile prod-oauth user.json`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return exit(runEncrypt(e, &flags, first(args)))
		},
	}
	flags.secrets.register(cmd.Flags())
	cmd.Flags().StringVar(&flags.ivHex, "iv", "", "use this 12-byte HEX IV (for reproducible test data only)")
	cmd.Flags().BoolVar(&flags.asJSON, "json", false, "print one JSON object")
	return cmd
}

// runEncrypt seals the JSON user in the file name ("" or "-": standard
// input).
func runEncrypt(e *env, flags *encryptFlags, name string) int {
	secrets, ivHex, asJSON := &flags.secrets, &flags.ivHex, &flags.asJSON
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
	input, err := readInput(e, name)
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
