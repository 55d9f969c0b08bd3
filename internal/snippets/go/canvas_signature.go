//go:build ignore

// Verifies X-Body-Signature of a Canvas Kit request (and of the uninstall and
// health-check webhooks): the lowercase hex HMAC-SHA256 of the raw request
// body, keyed with the app's OAuth client secret, without prefix. In a
// handler, read body, err := io.ReadAll(r.Body) before any decoding, verify
// it, then json.Unmarshal(body, ...): never json.Marshal the decoded value
// again, other whitespace, key order or escapes give another signature.
//
//	go run canvas_signature.go < body.json  (INTERCOM_SECRET, and the header's
//	value in SIGNATURE): prints valid or invalid.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// canvasSignatureValid reports whether header is the X-Body-Signature of rawBody.
func canvasSignatureValid(rawBody []byte, header string, clientSecret []byte) bool {
	mac := hmac.New(sha256.New, clientSecret)
	mac.Write(rawBody)
	expected := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(header), []byte(expected)) // constant time
}

func main() {
	rawBody, err := io.ReadAll(os.Stdin) // the bytes as received
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if !canvasSignatureValid(rawBody, os.Getenv("SIGNATURE"), []byte(os.Getenv("INTERCOM_SECRET"))) {
		fmt.Println("invalid")
		os.Exit(1)
	}
	fmt.Println("valid")
}
