// Package forge builds the requests Intercom sends an app, signed or sealed
// as Intercom does, for 'sealpeek send' and 'sealpeek check': webhook topics
// signed with X-Hub-Signature, Canvas Kit requests signed with
// X-Body-Signature, and the open-sheet form with a sealed user. It is pure:
// it makes requests and sends none.
package forge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// Kind is a request Intercom sends an app.
type Kind string

// The kinds of request.
const (
	Ping                     Kind = "ping"
	ConversationUserCreated  Kind = "conversation.user.created"
	ConversationAdminReplied Kind = "conversation.admin.replied"
	ContactCreated           Kind = "contact.created"
	UserDeleted              Kind = "user.deleted"
	Initialize               Kind = "initialize"
	Submit                   Kind = "submit"
	SheetOpen                Kind = "sheet-open"
	Uninstall                Kind = "uninstall"
	HealthCheck              Kind = "health-check"
)

// Scheme is how a kind of request is made trustworthy.
type Scheme int

// The schemes.
const (
	SchemeHub   Scheme = iota // X-Hub-Signature: sha1=HMAC-SHA1 of the body
	SchemeBody                // X-Body-Signature: HMAC-SHA256 of the body
	SchemeSheet               // no signature: the user is sealed with AES-256-GCM
)

// Header is the signature header of the scheme, "" for SchemeSheet.
func (s Scheme) Header() string {
	switch s {
	case SchemeHub:
		return crypto.HeaderHubSignature
	case SchemeBody:
		return crypto.HeaderBodySignature
	}
	return ""
}

// Sign is the value of the scheme's signature header for body with secret.
func (s Scheme) Sign(secret, body []byte) string {
	return crypto.SignatureValue(s.Header(), secret, body)
}

type kindInfo struct {
	kind     Kind
	scheme   Scheme
	target   string
	template string
}

// Workspace and people in every template: made up.
const (
	workspaceID = "ecahpwf5"
	createdAt   = 1748779170
)

// conversation is the item of the conversation topics; parts is its
// conversation_parts list.
func conversation(parts string) string {
	return `{"type":"conversation","id":"147","created_at":1748779100,"updated_at":1748779170,` +
		`"source":{"type":"conversation","id":"2043","delivered_as":"customer_initiated","subject":"",` +
		`"body":"<p>Hi, the export to CSV fails — any idea?</p>","author":{"type":"user","id":"6650f1c2a1b2c3d4e5f60718",` +
		`"name":"Zoë Martin","email":"zoe@example.com"},"attachments":[],"url":"https://example.com/account/export"},` +
		`"contacts":{"type":"contact.list","contacts":[{"type":"contact","id":"6650f1c2a1b2c3d4e5f60718","external_id":"4711"}]},` +
		`"state":"open","read":false,"priority":"not_priority","admin_assignee_id":null,"team_assignee_id":null,` +
		`"tags":{"type":"tag.list","tags":[]},"conversation_parts":{"type":"conversation_part.list","conversation_parts":[` +
		parts + `],"total_count":` + strconv.Itoa(strings.Count(parts, `"part_type"`)) + `}}`
}

// notification is a webhook body of topic around item.
func notification(topic, item string) string {
	return `{"type":"notification_event","app_id":"` + workspaceID + `","data":{"type":"notification_event_data","item":` + item + `},` +
		`"links":{},"id":"notif_6b1f0e2a-6d3c-4f52-9c1a-2f0b8e7d4c11","topic":"` + topic + `","delegated":false,"created_at":` +
		strconv.Itoa(createdAt) + `}`
}

const admin = `{"type":"admin","id":"814860","name":"Ada Lovelace","email":"ada@example.com"}`

const canvasContext = `{"conversation_id":147,"location":"conversation","locale":"en","messenger_action_colour":"#1f8ded",` +
	`"messenger_background_colour":"#ffffff","referrer":"https://example.com/pricing?plan=pro&ref=nav"}`

const canvasPeople = `"conversation":{"type":"conversation","id":"147"},` +
	`"contact":{"type":"user","id":"6650f1c2a1b2c3d4e5f60718","external_id":"4711"},` +
	`"customer":{"type":"user","id":"6650f1c2a1b2c3d4e5f60718"}`

const canvas = `{"canvas":{"content":{"components":[{"type":"text","text":"Café opening hours — pick a day","style":"header"},` +
	`{"type":"input","id":"note","label":"Your note"},{"type":"button","id":"submit-note","label":"Send",` +
	`"action":{"type":"submit"}}]}}}`

// sheetUser is the user sealed in an open-sheet request.
const sheetUser = `{"id":"6650f1c2a1b2c3d4e5f60718","user_id":"4711","email":"zoe@example.com","name":"Zoë Martin",` +
	`"type":"user","avatar":"https://static.example.com/avatars/4711.png"}`

// kinds are built on first use: the bodies are long strings put together,
// which a command that sends nothing does not need.
var kinds = sync.OnceValue(func() []kindInfo {
	return []kindInfo{
		{Ping, SchemeHub, "/webhooks", notification("ping", `{"type":"ping","message":"something something interzen"}`)},
		{ConversationUserCreated, SchemeHub, "/webhooks", notification("conversation.user.created", conversation(""))},
		{ConversationAdminReplied, SchemeHub, "/webhooks", notification("conversation.admin.replied", conversation(
			`{"type":"conversation_part","id":"9001","part_type":"comment","body":"<p>Thanks Zoë — fixed, try https://example.com/account/export again.</p>",`+
				`"created_at":1748779170,"author":`+admin+`,"attachments":[]}`))},
		{ContactCreated, SchemeHub, "/webhooks", notification("contact.created",
			`{"type":"contact","id":"6650f1c2a1b2c3d4e5f60718","workspace_id":"`+workspaceID+`","external_id":"4711","role":"user",`+
				`"email":"zoe@example.com","name":"Zoë Martin","avatar":"https://static.example.com/avatars/4711.png","created_at":1748779170,`+
				`"custom_attributes":{"plan":"pro"}}`)},
		{UserDeleted, SchemeHub, "/webhooks", notification("user.deleted",
			`{"type":"user","id":"6650f1c2a1b2c3d4e5f60718","user_id":"4711","email":"zoe@example.com","name":"Zoë Martin",`+
				`"avatar":{"type":"avatar","image_url":"https://static.example.com/avatars/4711.png"}}`)},
		{Initialize, SchemeBody, "/canvas/initialize", `{"workspace_id":"` + workspaceID + `","workspace_region":"us","admin":` + admin +
			`,"card_creation_options":{},"context":` + canvasContext + `,` + canvasPeople + `}`},
		{Submit, SchemeBody, "/canvas/submit", `{"workspace_id":"` + workspaceID + `","workspace_region":"us","admin":` + admin +
			`,"component_id":"submit-note","context":` + canvasContext + `,` + canvasPeople + `,"current_canvas":` + canvas +
			`,"input_values":{"note":"Open on Sundays? 10:00–14:00 would be great / merci"},"user":{"type":"user","id":"6650f1c2a1b2c3d4e5f60718"}}`},
		{SheetOpen, SchemeSheet, "/sheet", `{"workspace_id":"` + workspaceID + `","workspace_region":"us","component_id":"open-sheet-button",` +
			`"context":{"conversation_id":147,"location":"conversation","locale":"en"},"current_canvas":{"content":{"components":[` +
			`{"type":"button","id":"open-sheet-button","label":"Open","action":{"type":"sheet","url":"https://app.example.com/sheet"}}]}},` +
			`"input_values":{},"user":""}`},
		// Intercom posts {"app_id": …} to the uninstall URL, signed as Canvas Kit requests are.
		{Uninstall, SchemeBody, "/uninstall", `{"app_id":"` + workspaceID + `"}`},
		{HealthCheck, SchemeBody, "/health", `{"workspace_id":"` + workspaceID + `","workspace_region":"us"}`},
	}
})

// kindOrder is every kind in the order of kinds, written out so that a
// command's help can list them without building their bodies (a test holds
// the two to the same order).
var kindOrder = [...]Kind{Ping, ConversationUserCreated, ConversationAdminReplied, ContactCreated, UserDeleted,
	Initialize, Submit, SheetOpen, Uninstall, HealthCheck}

// Kinds lists every kind, webhook topics first.
func Kinds() []Kind {
	return append([]Kind(nil), kindOrder[:]...)
}

func info(kind Kind) (kindInfo, error) {
	for _, k := range kinds() {
		if k.kind == kind {
			return k, nil
		}
	}
	names := make([]string, len(kindOrder))
	for i, k := range kindOrder {
		names[i] = string(k)
	}
	return kindInfo{}, fmt.Errorf("%q is not a kind of request sealpeek makes; the kinds are: %s", kind, strings.Join(names, ", "))
}

// SchemeOf is how requests of kind are signed or sealed.
func SchemeOf(kind Kind) (Scheme, error) {
	k, err := info(kind)
	return k.scheme, err
}

// Options say what to put in a request.
type Options struct {
	Secret []byte // the OAuth client secret: it signs the body, or seals the sheet user

	// Body is a body of the user's own instead of the template, signed
	// byte for byte as it is. For sheet-open it is the user to seal.
	Body []byte
	// Sets are "path=value" changes to the body, made before signing: path
	// is keys joined by dots (an array's items by index); value is JSON, or
	// else taken as a string. For sheet-open, paths starting "user." change
	// the sealed user, the others intercom_data.
	Sets []string
	// Now, when set, is the created_at of a webhook (unix seconds).
	Now time.Time
	// IV seals the sheet user with a fixed IV (reproducible test data); nil
	// draws a random one, as a sender must.
	IV []byte
	// Host is the Host header written; "" gives app.example.com.
	Host string
}

// Built is one request made, and its parts, so that a wrong variant of it
// can be made from the same parts.
type Built struct {
	Kind    Kind
	Scheme  Scheme
	Request *wire.Request
	// User is the sheet user's plaintext, and data the intercom_data
	// around it (SchemeSheet only).
	User []byte
	data any
}

// Build makes the request of kind: the template (or Options.Body), changed
// by Options.Sets, then signed, or its user sealed, with Options.Secret.
func Build(kind Kind, o Options) (*Built, error) {
	k, err := info(kind)
	if err != nil {
		return nil, err
	}
	if len(o.Secret) == 0 {
		return nil, fmt.Errorf("no secret to sign or seal the %s request with", kind)
	}
	host := o.Host
	if host == "" {
		host = "app.example.com"
	}
	req := &wire.Request{Method: "POST", Target: k.target, Headers: []wire.Header{{Name: "Host", Value: host}}}
	b := &Built{Kind: kind, Scheme: k.scheme, Request: req}
	if k.scheme == SchemeSheet {
		return b, b.buildSheet(k, o)
	}
	body, sets := o.Body, o.Sets
	if body == nil {
		body = []byte(k.template)
		if !o.Now.IsZero() && k.scheme == SchemeHub {
			sets = append([]string{"created_at=" + strconv.FormatInt(o.Now.Unix(), 10)}, sets...)
		}
	}
	if body, err = applySets(body, sets, "the body"); err != nil {
		return nil, err
	}
	if k.scheme == SchemeHub {
		req.Headers = append(req.Headers, wire.Header{Name: "User-Agent", Value: "intercom-parrot-service-client/1.0"},
			wire.Header{Name: "Accept", Value: "*/*"})
	} else {
		req.Headers = append(req.Headers, wire.Header{Name: "User-Agent", Value: "Intercom-Canvas-Kit"})
	}
	req.Headers = append(req.Headers, wire.Header{Name: "Content-Type", Value: "application/json"})
	req.Body = body
	req.Set(k.scheme.Header(), k.scheme.Sign(o.Secret, body))
	return b, nil
}

// applySets makes each "path=value" change to a JSON body, keeping its key
// order, and writes it back compact. what names the body in errors.
func applySets(body []byte, sets []string, what string) ([]byte, error) {
	if len(sets) == 0 {
		return body, nil
	}
	root, err := decode(body)
	if err != nil {
		return nil, fmt.Errorf("cannot change %s with --set: it is not JSON (%v)", what, err)
	}
	for _, s := range sets {
		path, value, err := parseSet(s)
		if err != nil {
			return nil, err
		}
		if root, err = set(root, path, value); err != nil {
			return nil, fmt.Errorf("cannot set %s in %s: %v", strings.Join(path, "."), what, err)
		}
	}
	return encode(root, Encoding{}), nil
}

// parseSet reads "path=value": the value is JSON when it reads as JSON,
// else a string.
func parseSet(s string) ([]string, any, error) {
	p, raw, ok := strings.Cut(s, "=")
	if !ok || p == "" {
		return nil, nil, fmt.Errorf("--set %q is not path=value (for example data.item.id=42)", s)
	}
	path := strings.Split(p, ".")
	if slices.Contains(path, "") {
		return nil, nil, fmt.Errorf("--set %q has an empty key in its path", s)
	}
	if v, err := decode([]byte(raw)); err == nil && strings.TrimSpace(raw) != "" {
		return path, v, nil
	}
	return path, raw, nil
}

// buildSheet makes the open-sheet form: intercom_data with the user sealed.
func (b *Built) buildSheet(k kindInfo, o Options) error {
	user := []byte(sheetUser)
	if o.Body != nil {
		user = bytes.TrimSpace(o.Body)
		if !json.Valid(user) {
			return fmt.Errorf("the user to seal in the sheet-open request is not JSON")
		}
	}
	var userSets, dataSets []string
	for _, s := range o.Sets {
		if rest, ok := strings.CutPrefix(s, "user."); ok {
			userSets = append(userSets, rest)
		} else {
			dataSets = append(dataSets, s)
		}
	}
	var err error
	if user, err = applySets(user, userSets, "the sheet user"); err != nil {
		return err
	}
	data, err := applySets([]byte(k.template), dataSets, "intercom_data")
	if err != nil {
		return err
	}
	if b.data, err = decode(data); err != nil {
		return err
	}
	b.User = user
	sealed, err := Seal(crypto.SheetKey(o.Secret), o.IV, user)
	if err != nil {
		return err
	}
	b.Request.Headers = append(b.Request.Headers, wire.Header{Name: "Content-Type", Value: "application/x-www-form-urlencoded"})
	b.Request.Body = b.FormWith(crypto.EncodeSheetUser(sealed))
	return nil
}

// Seal seals plaintext with a 32-byte key as a sheet user is sealed.
func Seal(key, iv, plaintext []byte) ([]byte, error) {
	c, err := crypto.NewSheetCipher(key)
	if err != nil {
		return nil, err
	}
	return c.Seal(iv, plaintext)
}

// FormWith is the open-sheet form body with user (the encoded sealed user)
// in intercom_data: for a request with another user than Build sealed.
func (b *Built) FormWith(user string) []byte {
	data, _ := set(clone(b.data), []string{"user"}, user)
	return []byte("intercom_data=" + url.QueryEscape(string(encode(data, Encoding{}))))
}

// clone copies a decoded value deeply, so that set on the copy leaves the
// original as it was.
func clone(v any) any {
	switch t := v.(type) {
	case object:
		out := make(object, len(t))
		for i, m := range t {
			out[i] = member{key: m.key, value: clone(m.value)}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = clone(x)
		}
		return out
	}
	return v
}

// Clone is a copy of the request that can be changed without changing r.
func Clone(r *wire.Request) *wire.Request {
	c := *r
	c.Headers = slices.Clone(r.Headers)
	c.Body = bytes.Clone(r.Body)
	return &c
}
