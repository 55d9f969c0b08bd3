//go:build ignore

// Opens the encrypted user of an Intercom open-sheet request (the "user" of
// intercom_data): base64( IV 12 bytes | AES-256-GCM ciphertext | tag 16 bytes ).
// The key is the raw 32-byte SHA-256 of the app's OAuth client secret.
//
//	go run sheet_user.go < user.txt  (secret in INTERCOM_SECRET): prints the user.
package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// openSheetUser returns the user JSON, or an error when the tag does not
// check: then the user was not sealed by Intercom with this secret, and must
// not be trusted.
func openSheetUser(encoded string, clientSecret []byte) ([]byte, error) {
	data, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, err
	}
	if len(data) < 12+16 {
		return nil, errors.New("too short for IV and tag")
	}
	key := sha256.Sum256(clientSecret) // the 32 raw bytes, not their hex
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block) // 12-byte IV, 16-byte tag
	if err != nil {
		return nil, err
	}
	iv := data[:12]
	// Open takes the ciphertext with the tag at its end, and checks the tag.
	ciphertextAndTag := data[12:]
	return gcm.Open(nil, iv, ciphertextAndTag, nil)
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	user, err := openSheetUser(strings.TrimSpace(string(input)), []byte(os.Getenv("INTERCOM_SECRET")))
	if err != nil {
		fmt.Println("invalid")
		os.Exit(1)
	}
	fmt.Printf("%s\n", user)
}
