//go:build ignore

// Verifies X-Hub-Signature of an Intercom webhook: "sha1=" and the lowercase
// hex HMAC-SHA1 of the raw request body, keyed with the app's OAuth client
// secret. In a handler, read body, err := io.ReadAll(r.Body) before any
// decoding, verify it, then json.Unmarshal(body, ...): never json.Marshal the
// decoded value again, other whitespace, key order or escapes give another
// signature.
//
//	go run webhook_signature.go < body.json  (INTERCOM_SECRET, and the header's
//	value in SIGNATURE): prints valid or invalid.
package main

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// webhookSignatureValid reports whether header is the X-Hub-Signature of rawBody.
func webhookSignatureValid(rawBody []byte, header string, clientSecret []byte) bool {
	mac := hmac.New(sha1.New, clientSecret)
	mac.Write(rawBody)
	expected := "sha1=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(header), []byte(expected)) // constant time
}

func main() {
	rawBody, err := io.ReadAll(os.Stdin) // the bytes as received
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if !webhookSignatureValid(rawBody, os.Getenv("SIGNATURE"), []byte(os.Getenv("INTERCOM_SECRET"))) {
		fmt.Println("invalid")
		os.Exit(1)
	}
	fmt.Println("valid")
}
