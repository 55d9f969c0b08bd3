package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// keptByListen runs listen keeping in a new folder, sends it a correctly
// and a wrongly signed webhook, stops it and returns the folder and the
// two lines it printed.
func keptByListen(t *testing.T) (string, listenLineOf, listenLineOf) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "captures")
	l := startListen(t, map[string]string{"APP_SECRET": listenSecret}, "--secret-env", "APP_SECRET", "--keep", dir)
	postWebhook(t, l.url+"/hooks", listenSecret, []byte(`{"type":"notification_event","topic":"ping"}`))
	postWebhook(t, l.url+"/hooks", "not-the-secret", []byte(`{"type":"notification_event","topic":"user.created"}`))
	good, bad := decodeListenLine(t, l.stdout.next(t)), decodeListenLine(t, l.stdout.next(t))
	if code := l.stop(); code != 0 {
		t.Fatalf("listen exits %d", code)
	}
	return dir, good, bad
}

func TestHistoryListsTheKeptRequestsWithTheirVerdicts(t *testing.T) {
	dir, good, bad := keptByListen(t)
	vars := map[string]string{"APP_SECRET": listenSecret}
	r := runCLI(t, "", vars, "history", "--keep", dir, "--secret-env", "APP_SECRET")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != 0 || len(lines) != 2 {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(lines[0], "POST /hooks  webhook ping  ✓ verified") || !strings.HasSuffix(lines[0], "kept "+good.Kept) {
		t.Errorf("first line %q", lines[0])
	}
	if !strings.Contains(lines[1], "webhook user.created  ✗ signature_mismatch") || !strings.HasSuffix(lines[1], "kept "+bad.Kept) {
		t.Errorf("second line %q", lines[1])
	}

	r = runCLI(t, "", vars, "history", "--keep", dir, "--secret-env", "APP_SECRET", "--json", "--last", "1")
	lines = strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != 0 || len(lines) != 1 {
		t.Fatalf("--last 1: exit %d, %q", r.code, r.stdout)
	}
	rec := decodeListenLine(t, lines[0])
	if rec.OK || rec.Kept != bad.Kept || rec.Path != "/hooks" || rec.Method != "POST" || !rec.ReceivedAt.Equal(bad.ReceivedAt) || rec.codes()[0] != "signature_mismatch" {
		t.Errorf("--json record %+v, listen said %+v", rec, bad)
	}
}

func TestHistoryOfAnEmptyFolderSaysSo(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", nil, "history", "--keep", dir)
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no request kept in "+dir+" yet") {
		t.Errorf("exit %d, %q, %q", r.code, r.stdout, r.stderr)
	}
}
