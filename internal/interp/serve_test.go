package interp

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

func TestServeStartsARealServerAndStopsIt(t *testing.T) {
	node := Need(t, Node)
	dir := t.TempDir()
	app := `const http = require('http');
const s = http.createServer((req, res) => res.end('answer from ' + process.env.WHO));
s.listen(+process.env.PORT, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));`
	if err := os.WriteFile(filepath.Join(dir, "app.js"), []byte(app), 0o600); err != nil {
		t.Fatal(err)
	}
	url := Serve(t, dir, map[string]string{"WHO": "node"}, node, "app.js")
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if string(body) != "answer from node" {
		t.Errorf("answer %q", body)
	}
}

func TestFindSaysWhatIsMissing(t *testing.T) {
	if _, err := Find("no-such-interpreter-sealpeek"); err == nil {
		t.Error("found an interpreter that does not exist")
	}
}

func TestEnvDropsWhatChangesAnInterpreter(t *testing.T) {
	t.Setenv("NODE_OPTIONS", "--require=/x.js")
	t.Setenv("INTERCOM_SECRET", "s")
	env := Env(map[string]string{"A": "1"}, "INTERCOM_SECRET")
	seen := map[string]bool{}
	for _, kv := range env {
		seen[kv] = true
	}
	if seen["NODE_OPTIONS=--require=/x.js"] || seen["INTERCOM_SECRET=s"] || !seen["A=1"] || !seen["LC_ALL=C.UTF-8"] {
		t.Errorf("env = %v", env)
	}
}

func TestServePHPStartsPHPsOwnServer(t *testing.T) {
	dir := t.TempDir()
	router := `<?php echo 'answer from ', getenv('WHO'), ' at ', $_SERVER['REQUEST_URI'];`
	if err := os.WriteFile(filepath.Join(dir, "router.php"), []byte(router), 0o600); err != nil {
		t.Fatal(err)
	}
	url := ServePHP(t, dir, map[string]string{"WHO": "php"}, "router.php")
	for range 3 {
		resp, err := http.Get(url + "/x?y=1")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != "answer from php at /x?y=1" {
			t.Errorf("answer %q", body)
		}
	}
}
