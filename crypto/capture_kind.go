package crypto

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// The signature headers Intercom sends.
const (
	HeaderHubSignature  = "X-Hub-Signature"  // webhooks: sha1=<hex HMAC-SHA1 of the body>
	HeaderBodySignature = "X-Body-Signature" // Canvas Kit, uninstall and health-check: <hex HMAC-SHA256 of the body>
)

// detect finds the identity fields or JWT in the body and decides what the
// capture is, from the strongest evidence down: signature headers, a JWT,
// identity fields, an encrypted sheet user, then the shape of a JSON body.
func (c *Capture) detect() error {
	if c.Kind == KindJWT {
		return nil
	}
	_, hub := c.Header(HeaderHubSignature)
	_, bodySig := c.Header(HeaderBodySignature)
	if hub || bodySig {
		// A signed request: its body is whatever was signed, not a snippet.
		c.Kind = KindCanvasKit
		if hub || jsonObjectKeys(c.Body).notification() {
			c.Kind = KindWebhook
		}
		return nil
	}
	if reader.LooksLikeJWT(c.Body) {
		c.Token = string(bytes.TrimSpace(c.Body))
	}
	settings, notes, err := FindSettings(c.Body)
	c.Notes = append(c.Notes, notes...)
	if err != nil {
		return err
	}
	keys := jsonObjectKeys(c.Body)
	if settings != nil {
		c.Settings = settings
		if c.Format == FormatBody && !keys.ok {
			c.Format = FormatJavaScript
		}
		if settings.JWT != "" {
			c.Token = settings.JWT
		}
	}
	switch {
	case c.Token != "":
		c.Kind = KindJWT
	case c.Settings != nil:
		c.Kind = KindIdentity
	case holdsSheetUser(c.Body):
		c.Kind = KindSheetOpen
	case keys.notification():
		c.Kind = KindWebhook
	case keys.canvasKit():
		c.Kind = KindCanvasKit
	}
	return nil
}

// holdsSheetUser reports whether a body carries an encrypted sheet user,
// readable or not: a form or JSON body with one, or a bare value that
// decodes to at least a sealed empty user.
func holdsSheetUser(body []byte) bool {
	user, err := DecodeSheetUser(body)
	if err == nil {
		return user.Container != ContainerBare || len(user.Sealed) >= MinSealedSize
	}
	var inputErr *InputError
	if !errors.As(err, &inputErr) || user.Container == ContainerBare {
		return false
	}
	switch inputErr.Code {
	case CodeUserMissing, CodeUserNotEncrypted, CodeBodyInvalidJSON, CodeFormInvalid, CodeEmptyInput:
		return false
	}
	return true
}

// bodyKeys are the top-level keys of a JSON object body.
type bodyKeys struct {
	ok     bool
	fields map[string]json.RawMessage
}

func jsonObjectKeys(body []byte) bodyKeys {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil || fields == nil {
		return bodyKeys{}
	}
	return bodyKeys{ok: true, fields: fields}
}

// notification reports a webhook topic notification body.
func (k bodyKeys) notification() bool {
	if !k.ok {
		return false
	}
	var typ string
	json.Unmarshal(k.fields["type"], &typ)
	_, topic := k.fields["topic"]
	return typ == "notification_event" || topic
}

// canvasKit reports the body of a Canvas Kit request: a workspace and one of
// the fields only those requests carry.
func (k bodyKeys) canvasKit() bool {
	if !k.ok {
		return false
	}
	_, workspace := k.fields["workspace_id"]
	_, app := k.fields["app_id"]
	if !workspace && !app {
		return false
	}
	for _, key := range []string{"component_id", "input_values", "current_canvas", "canvas", "card_creation_options", "context"} {
		if _, ok := k.fields[key]; ok {
			return true
		}
	}
	return false
}

// hasSignatureHeader reports whether a header name is one of Intercom's
// signature headers.
func hasSignatureHeader(name string) bool {
	return strings.EqualFold(name, HeaderHubSignature) || strings.EqualFold(name, HeaderBodySignature)
}
