package forge

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/interp"
)

const testSecret = "forge-test-client-secret"

func ring(secrets ...string) *crypto.Keyring {
	var s []crypto.Secret
	for i, v := range secrets {
		s = append(s, crypto.Secret{Name: "s" + string(rune('a'+i)), Role: crypto.RoleOAuth, Value: []byte(v)})
	}
	return crypto.NewKeyring(s...)
}

// verify reads the request's raw file as sealpeek reads a capture and
// checks it with the secret.
func verify(t *testing.T, b *Built, secret string) *crypto.CaptureReport {
	t.Helper()
	c, err := crypto.ReadCapture(b.Request.Raw(), nil)
	return crypto.VerifyCapture(c, err, ring(secret), "sa", time.Now())
}

func TestEveryKindVerifiesWithItsSecret(t *testing.T) {
	want := map[Scheme]crypto.Kind{SchemeHub: crypto.KindWebhook, SchemeBody: crypto.KindCanvasKit, SchemeSheet: crypto.KindSheetOpen}
	for _, kind := range Kinds() {
		b, err := Build(kind, Options{Secret: []byte(testSecret)})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		r := verify(t, b, testSecret)
		if !r.OK() {
			t.Errorf("%s does not verify: %+v", kind, r.Diagnoses)
		}
		if r.Capture.Kind != want[b.Scheme] {
			t.Errorf("%s reads as a %s capture, want %s", kind, r.Capture.Kind, want[b.Scheme])
		}
		if b.Scheme == SchemeSheet && (r.Sheet == nil || !bytes.Equal(r.Sheet.Plaintext, b.User)) {
			t.Errorf("%s: the sealed user does not open to what was sealed", kind)
		}
		if verify(t, b, "another-secret").OK() {
			t.Errorf("%s verifies with another secret", kind)
		}
	}
}

func TestWebhookBodiesAreNotificationEvents(t *testing.T) {
	for _, kind := range []Kind{Ping, ConversationUserCreated, ConversationAdminReplied, ContactCreated, UserDeleted} {
		b, err := Build(kind, Options{Secret: []byte(testSecret), Now: time.Unix(1800000000, 0)})
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Type, Topic string
			CreatedAt   int64 `json:"created_at"`
			Data        struct{ Item struct{ Type string } }
		}
		if err := json.Unmarshal(b.Request.Body, &body); err != nil {
			t.Fatal(err)
		}
		if body.Type != "notification_event" || body.Topic != string(kind) || body.CreatedAt != 1800000000 || body.Data.Item.Type == "" {
			t.Errorf("%s: body %s", kind, b.Request.Body)
		}
		if v, _ := b.Request.Header("X-Hub-Signature"); !strings.HasPrefix(v, "sha1=") || len(v) != 45 {
			t.Errorf("%s: X-Hub-Signature %q", kind, v)
		}
	}
}

// The templates are written as Intercom writes JSON: compact, "/" and
// non-ASCII as they are, so that re-encoding one changes nothing.
func TestTemplatesAreIntercomsEncoding(t *testing.T) {
	for _, k := range kinds() {
		v, err := decode([]byte(k.template))
		if err != nil {
			t.Fatalf("%s: %v", k.kind, err)
		}
		if got := encode(v, Encoding{}); string(got) != k.template {
			t.Errorf("%s: re-encoded\n%s\nwant\n%s", k.kind, got, k.template)
		}
	}
}

func TestSetChangesTheBodyBeforeSigning(t *testing.T) {
	b, err := Build(ContactCreated, Options{Secret: []byte(testSecret), Sets: []string{
		"data.item.email=ana@example.com", "data.item.custom_attributes.seats=12", `data.item.external_id="0042"`, "extra.new=true"}})
	if err != nil {
		t.Fatal(err)
	}
	body := string(b.Request.Body)
	for _, want := range []string{`"email":"ana@example.com"`, `"seats":12}`, `"external_id":"0042"`, `"extra":{"new":true}}`} {
		if !strings.Contains(body, want) {
			t.Errorf("body has no %s: %s", want, body)
		}
	}
	if !strings.HasPrefix(body, `{"type":"notification_event","app_id":`) {
		t.Errorf("the keys lost their order: %s", body)
	}
	if !verify(t, b, testSecret).OK() {
		t.Error("the signature is not over the changed body")
	}
}

func TestSetErrorsSayWhatIsWrong(t *testing.T) {
	for _, tt := range []struct{ set, want string }{
		{"novalue", "is not path=value"},
		{"a..b=1", "empty key"},
		{"type.x=1", "not an object or an array"},
		{"data.item.contacts=1", ""},
	} {
		_, err := Build(ContactCreated, Options{Secret: []byte(testSecret), Sets: []string{tt.set}})
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.set, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.set, err, tt.want)
		}
	}
	if _, err := Build(Ping, Options{Secret: []byte(testSecret), Body: []byte("not json"), Sets: []string{"a=1"}}); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("a body that is not JSON: %v", err)
	}
	if _, err := Build("conversation.created", Options{Secret: []byte(testSecret)}); err == nil || !strings.Contains(err.Error(), "the kinds are: ping") {
		t.Errorf("an unknown kind: %v", err)
	}
}

func TestOwnBodyIsSignedByteForByte(t *testing.T) {
	own := []byte("{ \"topic\" : \"ping\" }\n")
	b, err := Build(Ping, Options{Secret: []byte(testSecret), Body: own, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Request.Body, own) {
		t.Errorf("body = %q, want the file's bytes", b.Request.Body)
	}
	if !verify(t, b, testSecret).OK() {
		t.Error("does not verify")
	}
}

func TestSheetSetsChangeTheUserOrTheData(t *testing.T) {
	b, err := Build(SheetOpen, Options{Secret: []byte(testSecret), Sets: []string{"user.email=ana@example.com", "context.location=inbox"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b.User), `"email":"ana@example.com"`) {
		t.Errorf("user = %s", b.User)
	}
	form, _ := url.ParseQuery(string(b.Request.Body))
	if !strings.Contains(form.Get("intercom_data"), `"location":"inbox"`) {
		t.Errorf("intercom_data = %s", form.Get("intercom_data"))
	}
	r := verify(t, b, testSecret)
	if !r.OK() || !bytes.Equal(r.Sheet.Plaintext, b.User) {
		t.Errorf("the sheet user does not open: %+v", r.Diagnoses)
	}
	own, err := Build(SheetOpen, Options{Secret: []byte(testSecret), Body: []byte(`{"user_id":"7"}` + "\n")})
	if err != nil || string(own.User) != `{"user_id":"7"}` {
		t.Errorf("own user: %v %s", err, own.User)
	}
}

// Each way of re-encoding changes every body check sends, or its case
// would prove nothing.
func TestReencodingChangesTheBodies(t *testing.T) {
	for _, kind := range []Kind{ConversationUserCreated, Initialize} {
		b, _ := Build(kind, Options{Secret: []byte(testSecret)})
		for _, e := range []Encoding{{Indent: "  "}, {SortKeys: true}, {EscapeAll: true}, {EscapeHTML: true}} {
			got, err := Reencode(b.Request.Body, e)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(got, b.Request.Body) {
				t.Errorf("%s: %+v changes nothing", kind, e)
			}
			var x, y any
			if json.Unmarshal(got, &x) != nil || json.Unmarshal(b.Request.Body, &y) != nil {
				t.Fatalf("%s: %+v is not JSON: %s", kind, e, got)
			}
		}
	}
	got, _ := Reencode([]byte(`{"a":"é/🔑<"}`), Encoding{EscapeAll: true, EscapeHTML: true})
	if string(got) != `{"a":"\u00e9\/\ud83d\udd11\u003c"}` {
		t.Errorf("escaped: %s", got)
	}
}

// The independent Node peer (fixtures/peer.mjs, written from the protocol
// notes, not from this code) agrees on every signature and opens every
// sealed user.
func TestThePeerAgrees(t *testing.T) {
	node := interp.Need(t, interp.Node)
	var hmacIn, openIn bytes.Buffer
	var want []string
	var users [][]byte
	for _, kind := range Kinds() {
		b, err := Build(kind, Options{Secret: []byte(testSecret)})
		if err != nil {
			t.Fatal(err)
		}
		switch b.Scheme {
		case SchemeSheet:
			form, _ := url.ParseQuery(string(b.Request.Body))
			var data struct{ User string }
			if err := json.Unmarshal([]byte(form.Get("intercom_data")), &data); err != nil {
				t.Fatal(err)
			}
			line, _ := json.Marshal(map[string]string{"secret": testSecret, "encoded": data.User})
			openIn.Write(append(line, '\n'))
			users = append(users, b.User)
		default:
			algo, prefix := "sha256", ""
			if b.Scheme == SchemeHub {
				algo, prefix = "sha1", "sha1="
			}
			line, _ := json.Marshal(map[string]string{"secret": testSecret, "data": string(b.Request.Body), "algorithm": algo})
			hmacIn.Write(append(line, '\n'))
			v, _ := b.Request.Header(b.Scheme.Header())
			want = append(want, strings.TrimPrefix(v, prefix))
		}
	}
	lines := peer(t, node, &hmacIn, "hmac")
	if len(lines) != len(want) {
		t.Fatalf("the peer answered %d lines for %d bodies", len(lines), len(want))
	}
	for i, l := range lines {
		var got struct{ Digest string }
		if err := json.Unmarshal([]byte(l), &got); err != nil || got.Digest != want[i] {
			t.Errorf("body %d: the peer computes %q, the header says %q", i, got.Digest, want[i])
		}
	}
	opened := peer(t, node, &openIn, "open")
	for i, l := range opened {
		var got struct {
			OK        bool
			Plaintext string
		}
		if err := json.Unmarshal([]byte(l), &got); err != nil || !got.OK || got.Plaintext != string(users[i]) {
			t.Errorf("sheet user %d: the peer opened %s", i, l)
		}
	}
	if len(opened) != len(users) {
		t.Errorf("the peer opened %d of %d users", len(opened), len(users))
	}
}

func peer(t *testing.T, node string, stdin *bytes.Buffer, command string) []string {
	t.Helper()
	script, err := filepath.Abs("../../fixtures/peer.mjs")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script, command)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node peer.mjs %s: %v\n%s", command, err, stderr.Bytes())
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func TestKindsListsEveryKindInOrder(t *testing.T) {
	got, all := Kinds(), kinds()
	if len(got) != len(all) {
		t.Fatalf("Kinds lists %d kinds, there are %d", len(got), len(all))
	}
	for i, k := range all {
		if got[i] != k.kind {
			t.Errorf("Kinds()[%d] is %q, want %q", i, got[i], k.kind)
		}
	}
}
