package cli

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/wire"
)

// endpoint is a test app that keeps what it received and answers status.
func endpoint(t *testing.T, status int) (*httptest.Server, <-chan *wire.Request) {
	t.Helper()
	got := make(chan *wire.Request, 64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := wire.Received(r, 1<<20)
		if err != nil {
			t.Error(err)
		}
		got <- req
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(`{"seen":"yes\u001b[31m"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

// What the endpoint receives verifies with the secret it was sent with:
// every kind, through the network, read back as a capture.
func TestSendEveryKindArrivesVerifiable(t *testing.T) {
	srv, got := endpoint(t, 200)
	vars := map[string]string{"S": "send-test-secret"}
	ring := crypto.NewKeyring(crypto.Secret{Name: "s", Role: crypto.RoleOAuth, Value: []byte("send-test-secret")})
	for _, kind := range []string{"ping", "conversation.user.created", "conversation.admin.replied", "contact.created", "user.deleted",
		"initialize", "submit", "sheet-open", "uninstall", "health-check"} {
		r := runCLI(t, "", vars, "send", kind, "--to", srv.URL, "--secret-env", "S")
		if r.code != exitOK || !strings.Contains(r.stdout, "answer: 200 OK in ") || !strings.Contains(r.stdout, "sent "+kind+" to "+srv.URL+"/") {
			t.Fatalf("%s: %+v", kind, r)
		}
		if strings.Contains(r.stdout, "\x1b") || strings.Contains(r.stdout, "send-test-secret") {
			t.Errorf("%s: the output has a raw escape or the secret: %q", kind, r.stdout)
		}
		req := <-got
		c, err := crypto.ReadCapture(req.Raw(), nil)
		if report := crypto.VerifyCapture(c, err, ring, "s", time.Now()); !report.OK() {
			t.Errorf("%s as received does not verify: %+v", kind, report.Diagnoses)
		}
	}
}

func TestSendJSONAndExitCodes(t *testing.T) {
	srv, got := endpoint(t, 401)
	vars := map[string]string{"S": "send-test-secret"}
	r := runCLI(t, "", vars, "send", "initialize", "--to", srv.URL+"/mine?x=1", "--secret-env", "S", "--json", "--set", "workspace_id=other")
	if r.code != exitMismatch {
		t.Fatalf("a 401 answer: %+v", r)
	}
	var res sendResult
	decodeJSONInto(t, r.stdout, &res)
	if res.OK || res.Status != 401 || res.URL != srv.URL+"/mine?x=1" || res.Kind != "initialize" || res.Request.Target != "/mine?x=1" ||
		!strings.Contains(res.Body, "seen") || res.LatencyMS <= 0 || res.Profile != "$S" {
		t.Errorf("--json: %+v", res)
	}
	if req := <-got; !strings.Contains(string(req.Body), `"workspace_id":"other"`) {
		t.Errorf("--set did not reach the body: %s", req.Body)
	}
}

func TestSendDoesNotFollowARedirect(t *testing.T) {
	srv, got := endpoint(t, http.StatusTemporaryRedirect)
	r := runCLI(t, "", map[string]string{"S": "x"}, "send", "ping", "--to", srv.URL, "--secret-env", "S")
	if r.code != exitMismatch || !strings.Contains(r.stdout, "answer: 307 Temporary Redirect") {
		t.Errorf("a redirect: %+v", r)
	}
	<-got
	select {
	case req := <-got:
		t.Errorf("a second request was sent: %s %s", req.Method, req.Target)
	default:
	}
}

func TestSendUnreachableIsExit2(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String() + "/hooks"
	l.Close()
	r := runCLI(t, "", map[string]string{"S": "x"}, "send", "ping", "--to", url, "--secret-env", "S")
	if r.code != exitUsage || !strings.Contains(r.stderr, "sealpeek send: cannot reach "+url+": the connection was refused") {
		t.Errorf("unreachable: %+v", r)
	}
}
