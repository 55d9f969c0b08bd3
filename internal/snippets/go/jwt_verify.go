//go:build ignore

// Verifies a Messenger JWT (intercom_user_jwt), signed HS256 with the
// Messenger API secret: the alg must be HS256 (never "none"), the signature
// must match, and exp, when present, must be ahead (seconds since 1970).
//
//	go run jwt_verify.go < token.txt  (secret in INTERCOM_SECRET): prints the
//	claims, or invalid.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// verifyMessengerJWT returns the claims JSON as signed.
func verifyMessengerJWT(token string, messengerSecret []byte) ([]byte, error) {
	header, rest, _ := strings.Cut(token, ".")
	payload, signature, _ := strings.Cut(rest, ".")
	if strings.Count(token, ".") != 2 {
		return nil, errors.New("not three parts")
	}
	headerJSON, err := base64.RawURLEncoding.DecodeString(header)
	if err != nil {
		return nil, err
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if err := json.Unmarshal(headerJSON, &h); err != nil || h.Alg != "HS256" {
		return nil, errors.New("alg is not HS256")
	}
	mac := hmac.New(sha256.New, messengerSecret)
	mac.Write([]byte(header + "." + payload))
	expected := base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(signature), []byte(expected)) { // constant time
		return nil, errors.New("signature does not match")
	}
	claimsJSON, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil, err
	}
	var claims map[string]json.RawMessage
	if err := json.Unmarshal(claimsJSON, &claims); err != nil || claims == nil {
		return nil, errors.New("claims are not a JSON object")
	}
	if raw, ok := claims["exp"]; ok {
		var exp float64
		if err := json.Unmarshal(raw, &exp); err != nil || exp <= float64(time.Now().Unix()) {
			return nil, errors.New("expired, or exp is not a time") // exp and Unix() count seconds
		}
	}
	return claimsJSON, nil
}

func main() {
	token, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	claims, err := verifyMessengerJWT(strings.TrimSpace(string(token)), []byte(os.Getenv("INTERCOM_SECRET")))
	if err != nil {
		fmt.Println("invalid")
		os.Exit(1)
	}
	fmt.Printf("%s\n", claims)
}
