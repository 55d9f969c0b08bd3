package crypto

import (
	"errors"
	"testing"
)

func TestReadCaptureCurl(t *testing.T) {
	body := `{"type":"notification_event","topic":"ping","note":"it's \"quoted\"\nnext line é"}`
	value := SignatureValue(HeaderHubSignature, oauthTest.Value, []byte(body))
	tests := map[string]string{
		"chrome (bash), $'…' body": "curl 'https://hooks.example.com/intercom' \\\n  -H 'content-type: application/json' \\\n  -H 'x-hub-signature: " + value + "' \\\n" +
			`  --data-raw $'{"type":"notification_event","topic":"ping","note":"it\'s \\"quoted\\"\\nnext line \u00e9"}' --compressed`,
		"double quotes": `curl -X POST "https://hooks.example.com/intercom" -H "X-Hub-Signature: ` + value + `" -d "{\"type\":\"notification_event\",\"topic\":\"ping\",\"note\":\"it's \\\"quoted\\\"\\nnext line é\"}"`,
		"--data=":       "curl https://x -H'X-Hub-Signature: " + value + "' --data-binary='" + `{"type":"notification_event","topic":"ping","note":"it'"'"'s \"quoted\"\nnext line é"}` + "'",
	}
	for name, cmd := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := ReadCapture([]byte(cmd), nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.Format != FormatCurl || c.Method != "POST" || c.Kind != KindWebhook || c.BodyOffset != -1 {
				t.Errorf("read %q %q %q offset %d", c.Format, c.Method, c.Kind, c.BodyOffset)
			}
			if string(c.Body) != body {
				t.Errorf("body\n got %q\nwant %q", c.Body, body)
			}
			r := VerifyCapture(c, nil, sigRing(oauthTest), "", jwtNow)
			if !r.OK() {
				t.Errorf("not verified: %+v", r.Diagnoses)
			}
		})
	}
}

func TestReadCaptureCurlErrors(t *testing.T) {
	for cmd, offset := range map[string]int{
		"curl https://x -d '{\"a\":1}":    18,
		"curl https://x -d \"{":           18,
		"curl https://x --data $'{":       22,
		"curl https://x -d @payload.json": -1,
	} {
		_, err := ReadCapture([]byte(cmd), nil)
		var inputErr *InputError
		if !errors.As(err, &inputErr) || inputErr.Code != "curl_invalid" || inputErr.Offset != offset {
			t.Errorf("%q: %v (offset %d, want %d)", cmd, err, offsetOf(err), offset)
		}
	}
}

func offsetOf(err error) int {
	var inputErr *InputError
	if errors.As(err, &inputErr) {
		return inputErr.Offset
	}
	return -2
}
