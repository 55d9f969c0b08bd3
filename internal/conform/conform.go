// Package conform is the conformance suite of 'sealpeek check': the correct
// request of a kind, which an endpoint must accept, and each wrong one,
// which it must reject, with the flaw an endpoint that accepts it has. It
// builds the cases and judges the answers; sending them is the caller's.
package conform

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/forge"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// As is what an endpoint receives: which suite to run.
type As string

// The suites.
const (
	Webhook As = "webhook" // topic notifications, X-Hub-Signature
	Canvas  As = "canvas"  // Canvas Kit requests, X-Body-Signature
	Sheet   As = "sheet"   // the open-sheet form with a sealed user
)

// Suites lists every suite.
var Suites = []As{Webhook, Canvas, Sheet}

// Kind is the request each suite is built around.
func (a As) Kind() forge.Kind {
	switch a {
	case Webhook:
		return forge.ConversationUserCreated
	case Canvas:
		return forge.Initialize
	}
	return forge.SheetOpen
}

// Expect is the answer a case must get.
type Expect string

// What a case expects.
const (
	Accept Expect = "2xx"
	Reject Expect = "4xx"
)

// Secrets are the secrets the cases are signed or sealed with.
type Secrets struct {
	Client []byte // the OAuth client secret: the correct request's
	// OtherWorkspace is another workspace's client secret, and its name;
	// without one that case is skipped.
	OtherWorkspace     []byte
	OtherWorkspaceName string
	// Identity is the identity verification secret, and its name;
	// without one that case is skipped.
	Identity     []byte
	IdentityName string
}

// notTheSecret signs the "another secret" cases: a secret no app has.
const notTheSecret = "sealpeek check: not the client secret"

// Case is one request of the suite.
type Case struct {
	Name    string
	Expect  Expect
	Request *wire.Request // nil when the case is skipped
	// Flaw is the reason, in one sentence, an endpoint that answers this
	// case wrongly fails it.
	Flaw string
	// Skip says why the case is not sent, "" when it is.
	Skip string
}

// Cases builds the suite: the correct request first, then each wrong one,
// in the order they are to be sent. now is the webhook's created_at, so
// that an endpoint that refuses old notifications judges the signature, not
// the age.
func Cases(as As, s Secrets, now time.Time) ([]Case, error) {
	if len(s.Client) == 0 {
		return nil, fmt.Errorf("no client secret to build the %s cases with", as)
	}
	switch as {
	case Webhook, Canvas:
		return signedCases(as, s, now)
	case Sheet:
		return sheetCases(s)
	}
	return nil, fmt.Errorf("--as is webhook, canvas or sheet, not %q", as)
}

func signedCases(as As, s Secrets, now time.Time) ([]Case, error) {
	b, err := forge.Build(as.Kind(), forge.Options{Secret: s.Client, Now: now})
	if err != nil {
		return nil, err
	}
	header := b.Scheme.Header()
	body := b.Request.Body
	correct := b.Request
	// with is the correct request with its body or signature changed.
	with := func(newBody []byte, value *string) *wire.Request {
		r := forge.Clone(correct)
		if newBody != nil {
			r.Body = newBody
		}
		if value == nil {
			r.Del(header)
		} else {
			r.Set(header, *value)
		}
		return r
	}
	signedWith := func(secret []byte) *wire.Request {
		v := b.Scheme.Sign(secret, body)
		return with(nil, &v)
	}
	sig, _ := correct.Header(header)
	cases := []Case{{Name: "correct", Expect: Accept, Request: correct,
		Flaw: fmt.Sprintf("rejected the correct request: it does not accept what Intercom sends; check that it computes %s over the raw body with the OAuth client secret", header)}}
	cases = append(cases, Case{Name: "other-secret", Expect: Reject, Request: signedWith([]byte(notTheSecret)),
		Flaw: "accepted a request signed with another secret: it does not check the signature, or not against the client secret"})
	cases = append(cases, otherWorkspace(s, func(secret []byte) *wire.Request { return signedWith(secret) }, "signed"))
	cases = append(cases, identity(s, func(secret []byte) *wire.Request { return signedWith(secret) }, "signed",
		"it verifies with the identity secret, not the OAuth client secret"))
	for _, r := range []struct {
		name, what string
		enc        forge.Encoding
	}{
		{"reserialised-whitespace", "whitespace", forge.Encoding{Indent: "  "}},
		{"reserialised-key-order", "key order", forge.Encoding{SortKeys: true}},
		{"reserialised-escapes", "escapes", forge.Encoding{EscapeAll: true}},
	} {
		changed, err := forge.Reencode(body, r.enc)
		if err != nil {
			return nil, err
		}
		cases = append(cases, Case{Name: r.name, Expect: Reject, Request: with(changed, &sig),
			Flaw: fmt.Sprintf("accepted a body re-serialised after signing (%s): it verifies a parsed and re-encoded body, not the raw bytes", r.what)})
	}
	cases = append(cases, Case{Name: "body-byte-changed", Expect: Reject, Request: with(changeOneByte(body), &sig),
		Flaw: "accepted a body with one byte changed after signing: it does not check the signature against the body it received"})
	empty := ""
	cases = append(cases,
		Case{Name: "signature-missing", Expect: Reject, Request: with(nil, nil),
			Flaw: fmt.Sprintf("accepted a request without %s: a missing signature must be rejected, not skipped", header)},
		Case{Name: "signature-empty", Expect: Reject, Request: with(nil, &empty),
			Flaw: fmt.Sprintf("accepted an empty %s: it does not compare the signature, or compares only as many characters as were sent", header)})
	if as == Webhook {
		v := crypto.SignatureValue(crypto.HeaderBodySignature, s.Client, body)
		v = "sha256=" + v
		cases = append(cases, Case{Name: "signature-sha256", Expect: Reject, Request: with(nil, &v),
			Flaw: "accepted 'sha256=' instead of 'sha1=': it lets the header choose the algorithm; Intercom signs webhooks with HMAC-SHA1 only"})
	} else {
		v := crypto.SignatureValue(crypto.HeaderHubSignature, s.Client, body)
		cases = append(cases, Case{Name: "signature-sha1", Expect: Reject, Request: with(nil, &v),
			Flaw: "accepted 'sha1=' and an HMAC-SHA1 in X-Body-Signature: it lets the header choose the algorithm; Canvas Kit requests are signed with HMAC-SHA256 only"})
	}
	return cases, nil
}

func otherWorkspace(s Secrets, build func([]byte) *wire.Request, verb string) Case {
	c := Case{Name: "other-workspace", Expect: Reject,
		Flaw: fmt.Sprintf("accepted a request %s with another workspace's client secret (profile '%s'): it accepts more than this app's secret, or does not check", verb, s.OtherWorkspaceName)}
	if len(s.OtherWorkspace) == 0 {
		c.Skip = "no second oauth profile to take another workspace's secret from"
		return c
	}
	c.Request = build(s.OtherWorkspace)
	return c
}

func identity(s Secrets, build func([]byte) *wire.Request, verb, why string) Case {
	c := Case{Name: "identity-secret", Expect: Reject,
		Flaw: fmt.Sprintf("accepted a request %s with the identity verification secret (profile '%s'): %s", verb, s.IdentityName, why)}
	if len(s.Identity) == 0 {
		c.Skip = "no identity profile to take the identity verification secret from"
		return c
	}
	c.Request = build(s.Identity)
	return c
}

// changeOneByte changes the body's last digit (else its last letter), so
// the JSON still reads and only the signature can tell.
func changeOneByte(body []byte) []byte {
	out := bytes.Clone(body)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i] >= '0' && out[i] <= '9' {
			out[i] = '0' + (out[i]-'0'+1)%10
			return out
		}
	}
	for i := len(out) - 1; i >= 0; i-- {
		if out[i] >= 'a' && out[i] <= 'y' {
			out[i]++
			return out
		}
	}
	return append(out, ' ')
}

func sheetCases(s Secrets) ([]Case, error) {
	b, err := forge.Build(forge.SheetOpen, forge.Options{Secret: s.Client})
	if err != nil {
		return nil, err
	}
	sealed := func(key []byte) ([]byte, error) { return forge.Seal(key, nil, b.User) }
	request := func(data []byte) *wire.Request {
		r := forge.Clone(b.Request)
		r.Body = b.FormWith(crypto.EncodeSheetUser(data))
		return r
	}
	good, err := sealed(crypto.SheetKey(s.Client))
	if err != nil {
		return nil, err
	}
	// A byte inside a string of the user, so that an endpoint that opens
	// without the tag still reads JSON, only with one letter changed.
	at := bytes.LastIndex(b.User, []byte(`"name":"`)) + len(`"name":"`)
	flippedCT := bytes.Clone(good)
	flippedCT[crypto.IVSize+at] ^= 0x01
	flippedTag := bytes.Clone(good)
	flippedTag[len(flippedTag)-1] ^= 0x80
	cases := []Case{
		{Name: "correct", Expect: Accept, Request: b.Request,
			Flaw: "rejected the correct request: it does not open a user sealed as Intercom seals it; check that the key is the raw 32-byte SHA-256 of the OAuth client secret and the data is IV, ciphertext, then a 16-byte tag"},
		{Name: "ciphertext-bit-flipped", Expect: Reject, Request: request(flippedCT),
			Flaw: "accepted a user whose ciphertext was changed: it decrypts without checking the GCM tag, so anyone can change the user"},
		{Name: "tag-bit-flipped", Expect: Reject, Request: request(flippedTag),
			Flaw: "accepted a user whose GCM tag was changed: it never checks the tag (as the Python sample that never calls finalize())"},
		{Name: "tag-truncated", Expect: Reject, Request: request(good[:len(good)-4]),
			Flaw: "accepted a user with its tag cut to 12 bytes: it takes whatever follows the ciphertext as the tag, or does not check it; take exactly the last 16 bytes"},
	}
	sealedCase := func(name string, key []byte, flaw string) (Case, error) {
		data, err := sealed(key)
		if err != nil {
			return Case{}, err
		}
		return Case{Name: name, Expect: Reject, Request: request(data), Flaw: flaw}, nil
	}
	other, err := sealedCase("other-secret", crypto.SheetKey([]byte(notTheSecret)),
		"accepted a user sealed with another secret: it does not check the GCM tag, or not with the client secret's key")
	if err != nil {
		return nil, err
	}
	cases = append(cases, other)
	var sealErr error
	withKeyOf := func(secret []byte) *wire.Request {
		data, err := sealed(crypto.SheetKey(secret))
		sealErr = err
		return request(data)
	}
	cases = append(cases, otherWorkspace(s, withKeyOf, "sealed"))
	cases = append(cases, identity(s, withKeyOf, "sealed", "it opens with the identity secret, not the OAuth client secret"))
	if sealErr != nil {
		return nil, sealErr
	}
	digest := sha256.Sum256(s.Client)
	hexKey := []byte(hex.EncodeToString(digest[:])[:crypto.KeySize])
	hexCase, err := sealedCase("hex-digest-key", hexKey,
		"accepted a user sealed with the hex text of the SHA-256 as the key: it derives the key as hex text (cut to 32 bytes), not the 32 raw bytes of the digest")
	if err != nil {
		return nil, err
	}
	return append(cases, hexCase), nil
}

// Result is a case and the answer it got.
type Result struct {
	Case
	Status int    // the answer's status, 0 when not sent
	Pass   bool   // the answer is what the case expects
	Reason string // why it failed, or why it was skipped; "" when it passed
}

// Judge says whether status is the answer c expects and, when it is not,
// why in one sentence.
func Judge(c Case, status int) Result {
	r := Result{Case: c, Status: status}
	if c.Skip != "" {
		r.Reason = c.Skip
		return r
	}
	switch {
	case c.Expect == Accept && status >= 200 && status < 300,
		c.Expect == Reject && status >= 400 && status < 500:
		r.Pass = true
	case c.Expect == Accept:
		r.Reason = fmt.Sprintf("answered %d %s: %s", status, http.StatusText(status), c.Flaw)
		if status >= 500 {
			r.Reason = fmt.Sprintf("answered %d %s to the correct request: it fails on what Intercom sends (see its log)", status, http.StatusText(status))
		}
	case status >= 200 && status < 300:
		r.Reason = c.Flaw
	case status >= 500:
		r.Reason = fmt.Sprintf("answered %d %s instead of a 4xx: a request that fails the check must be rejected (401 or 403), not crash the endpoint", status, http.StatusText(status))
	default:
		r.Reason = fmt.Sprintf("answered %d %s instead of a 4xx: a request that fails the check must be rejected with 401 or 403", status, http.StatusText(status))
	}
	return r
}
