package conform

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/forge"
	"github.com/sealpeek/sealpeek/internal/wire"
)

var secrets = Secrets{Client: []byte("conform-client"), OtherWorkspace: []byte("conform-production"), OtherWorkspaceName: "prod",
	Identity: []byte("conform-identity"), IdentityName: "web"}

// The correct request verifies with the client secret, and no wrong one
// does: checked by sealpeek's own verify engine.
func TestCasesVerifyAsTheyExpect(t *testing.T) {
	ring := crypto.NewKeyring(crypto.Secret{Name: "c", Role: crypto.RoleOAuth, Value: secrets.Client})
	for _, as := range Suites {
		cases, err := Cases(as, secrets, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, c := range cases {
			if seen[c.Name] {
				t.Errorf("%s: two cases named %s", as, c.Name)
			}
			seen[c.Name] = true
			if c.Skip != "" || c.Request == nil || c.Flaw == "" {
				t.Errorf("%s/%s: skipped %q, flaw %q", as, c.Name, c.Skip, c.Flaw)
				continue
			}
			cap, err := crypto.ReadCapture(c.Request.Raw(), nil)
			ok := crypto.VerifyCapture(cap, err, ring, "c", time.Now()).OK()
			if ok != (c.Expect == Accept) {
				t.Errorf("%s/%s: verifies %v, expects %s", as, c.Name, ok, c.Expect)
			}
		}
		if cases[0].Name != "correct" || len(cases) < 8 {
			t.Errorf("%s: %d cases, first %s", as, len(cases), cases[0].Name)
		}
	}
}

func TestCasesWithoutTheOtherSecretsAreSkipped(t *testing.T) {
	cases, err := Cases(Webhook, Secrets{Client: []byte("x")}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		skipped := c.Name == "other-workspace" || c.Name == "identity-secret"
		if skipped != (c.Skip != "") || skipped != (c.Request == nil) {
			t.Errorf("%s: skip %q", c.Name, c.Skip)
		}
		if r := Judge(c, 0); skipped && (r.Pass || r.Reason != c.Skip) {
			t.Errorf("%s judged %+v", c.Name, r)
		}
	}
	if _, err := Cases("ping", secrets, time.Now()); err == nil {
		t.Error("an unknown suite")
	}
}

func TestJudge(t *testing.T) {
	accept := Case{Name: "correct", Expect: Accept, Flaw: "rejected the correct request: x"}
	reject := Case{Name: "w", Expect: Reject, Flaw: "accepted it: y"}
	for _, tt := range []struct {
		c      Case
		status int
		pass   bool
		reason string
	}{
		{accept, 200, true, ""},
		{accept, 204, true, ""},
		{accept, 401, false, "answered 401 Unauthorized: rejected the correct request: x"},
		{accept, 500, false, "answered 500 Internal Server Error to the correct request: it fails on what Intercom sends (see its log)"},
		{reject, 403, true, ""},
		{reject, 200, false, "accepted it: y"},
		{reject, 500, false, "answered 500 Internal Server Error instead of a 4xx: a request that fails the check must be rejected (401 or 403), not crash the endpoint"},
		{reject, 302, false, "answered 302 Found instead of a 4xx: a request that fails the check must be rejected with 401 or 403"},
	} {
		r := Judge(tt.c, tt.status)
		if r.Pass != tt.pass || r.Reason != tt.reason {
			t.Errorf("%s %d: %+v", tt.c.Name, tt.status, r)
		}
	}
}

// Endpoints written in Go, right and wrong, judged by the suite: the
// right one passes every case, each wrong one fails the cases of its flaw.
func TestSuiteNamesEachFlaw(t *testing.T) {
	sign := func(h func() hash.Hash, secret, body []byte) string {
		m := hmac.New(h, secret)
		m.Write(body)
		return hex.EncodeToString(m.Sum(nil))
	}
	webhook := func(flaw string) func(*wire.Request) int {
		return func(r *wire.Request) int {
			v, ok := r.Header("X-Hub-Signature")
			body := r.Body
			secret := secrets.Client
			switch flaw {
			case "missing":
				if !ok {
					return 200
				}
			case "stringify":
				// As JSON.stringify(JSON.parse(body)): compact, keys in order.
				body, _ = forge.Reencode(body, forge.Encoding{})
			case "reserialise":
				var x any
				json.Unmarshal(body, &x)
				var b bytes.Buffer
				e := json.NewEncoder(&b)
				e.SetEscapeHTML(false)
				e.Encode(x)
				body = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
			case "identity":
				secret = secrets.Identity
			case "format":
				// Checks that there is a well-formed signature, not that it is right.
				if len(v) == 45 && strings.HasPrefix(v, "sha1=") {
					return 200
				}
				return 401
			case "algorithm":
				// Takes the algorithm from the header: "sha256=…" picks SHA-256.
				name, got, _ := strings.Cut(v, "=")
				h := map[string]func() hash.Hash{"sha1": sha1.New, "sha256": sha256.New}[name]
				if h != nil && hmac.Equal([]byte(got), []byte(sign(h, secret, body))) {
					return 200
				}
				return 401
			}
			if hmac.Equal([]byte(v), []byte("sha1="+sign(sha1.New, secret, body))) {
				return 200
			}
			return 401
		}
	}
	for _, tt := range []struct {
		flaw  string
		as    As
		judge func(*wire.Request) int
		fails []string
	}{
		{"", Webhook, webhook(""), nil},
		{"missing", Webhook, webhook("missing"), []string{"signature-missing"}},
		{"stringify", Webhook, webhook("stringify"), []string{"reserialised-whitespace", "reserialised-escapes"}},
		// Go's encoder sorts keys and escapes <: even the correct body fails.
		{"reserialise", Webhook, webhook("reserialise"), []string{"correct"}},
		{"identity", Webhook, webhook("identity"), []string{"correct", "identity-secret"}},
		{"format", Webhook, webhook("format"), []string{"other-secret", "other-workspace", "identity-secret", "reserialised-whitespace",
			"reserialised-key-order", "reserialised-escapes", "body-byte-changed"}},
		{"algorithm", Webhook, webhook("algorithm"), []string{"signature-sha256"}},
		{"", Sheet, sheetEndpoint(t, ""), nil},
		{"hex", Sheet, sheetEndpoint(t, "hex"), []string{"correct", "hex-digest-key"}},
	} {
		cases, err := Cases(tt.as, secrets, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var failed []string
		for _, c := range cases {
			if r := Judge(c, tt.judge(c.Request)); !r.Pass {
				failed = append(failed, c.Name)
			}
		}
		if !slices.Equal(failed, tt.fails) {
			t.Errorf("%s endpoint, flaw %q: failed %v, want %v", tt.as, tt.flaw, failed, tt.fails)
		}
	}
}

func sheetEndpoint(t *testing.T, flaw string) func(*wire.Request) int {
	return func(r *wire.Request) int {
		form, err := url.ParseQuery(string(r.Body))
		if err != nil {
			return 400
		}
		var data struct{ User string }
		if json.Unmarshal([]byte(form.Get("intercom_data")), &data) != nil {
			return 400
		}
		user, err := crypto.DecodeSheetUser([]byte(data.User))
		if err != nil {
			return 400
		}
		key := crypto.SheetKey(secrets.Client)
		if flaw == "hex" {
			d := sha256.Sum256(secrets.Client)
			key = []byte(hex.EncodeToString(d[:])[:32])
		}
		c, err := crypto.NewSheetCipher(key)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Open(user.Sealed); err != nil {
			return 401
		}
		return 200
	}
}

// Every case has a reason of its own: an endpoint that accepts everything
// fails each wrong case with a different sentence, and one that rejects
// everything fails only the correct one.
func TestEveryCaseNamesItsOwnFlaw(t *testing.T) {
	for _, as := range Suites {
		cases, err := Cases(as, secrets, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		reasons := map[string]string{}
		for _, c := range cases {
			lax, strict := Judge(c, 200), Judge(c, 401)
			if c.Expect == Accept {
				if !lax.Pass || strict.Pass || strict.Reason == "" {
					t.Errorf("%s/%s: lax %+v, strict %+v", as, c.Name, lax, strict)
				}
				continue
			}
			if lax.Pass || !strict.Pass || lax.Reason == "" {
				t.Errorf("%s/%s: lax %+v, strict %+v", as, c.Name, lax, strict)
			}
			if other, dup := reasons[lax.Reason]; dup {
				t.Errorf("%s: %s and %s give the same reason %q", as, c.Name, other, lax.Reason)
			}
			reasons[lax.Reason] = c.Name
		}
	}
}
