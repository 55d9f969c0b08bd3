//go:build ignore

// Identity verification: user_hash = lowercase hex HMAC-SHA256 of the
// identifier (the user_id when you send one, else the email), keyed with the
// identity verification secret of the platform (web, iOS or Android).
//
//	go run user_hash.go < id.txt  (secret in INTERCOM_SECRET): prints the user_hash.
//
// The identifier is hashed byte for byte, except that ONE trailing newline is
// removed (the one echo adds); anything else, spaces included, is hashed.
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// userHash returns the user_hash of identifier.
func userHash(identifier, identitySecret []byte) string {
	mac := hmac.New(sha256.New, identitySecret) // key first
	mac.Write(identifier)
	return hex.EncodeToString(mac.Sum(nil)) // lowercase hex
}

func main() {
	identifier, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	identifier, _ = bytes.CutSuffix(identifier, []byte("\n"))
	fmt.Println(userHash(identifier, []byte(os.Getenv("INTERCOM_SECRET"))))
}
