//go:build ignore

// Makes a Messenger JWT (intercom_user_jwt): HS256, keyed with the Messenger
// API secret's text as it is (not base64-decoded). The claims need user_id;
// times (exp, iat) are seconds since 1970: time.Now().Add(time.Hour).Unix().
//
//	go run jwt_mint.go < claims.json  (secret in INTERCOM_SECRET): prints the token.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// mintMessengerJWT returns the HS256 token of claims.
func mintMessengerJWT(claims any, messengerSecret []byte) (string, error) {
	claimsJSON, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	payload := base64.RawURLEncoding.EncodeToString(claimsJSON) // base64url, no padding
	mac := hmac.New(sha256.New, messengerSecret)
	mac.Write([]byte(header + "." + payload))
	return header + "." + payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)), nil
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var claims map[string]json.RawMessage // keeps each value exactly as given
	if err := json.Unmarshal(input, &claims); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	token, err := mintMessengerJWT(claims, []byte(os.Getenv("INTERCOM_SECRET")))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(token)
}
