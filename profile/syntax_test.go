package profile

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/internal/lineartest"
)

const profileHead = "[[profile]]\nname = \"a\"\nrole = \"oauth\"\n"

// secretForms are the ways a secret could show in an error: as written, as
// Go or JSON would quote it, and in the encodings secrets are kept in.
func secretForms(secret string) []string {
	j, _ := json.Marshal(secret)
	return []string{secret, strconv.Quote(secret), string(j[1 : len(j)-1]),
		hex.EncodeToString([]byte(secret)), base64.StdEncoding.EncodeToString([]byte(secret))}
}

func TestTOMLErrorsNeverQuoteTheSecret(t *testing.T) {
	const secret = "4817203948571029384756102938475610"
	for name, c := range map[string]struct {
		body   string
		line   int
		reason string
	}{
		"integer out of range":                   {"secret = " + secret + "\n", 4, "not in quotes"},
		"bare word":                              {"secret = Zk" + secret + "\n", 4, "not in quotes"},
		"bad escape":                             {`secret = "Zk\q` + secret + "\"\n", 4, "backslash"},
		"unclosed quote":                         {`secret = "` + secret + "\nplatform = \"web\"\n", 4, ""},
		"dotted under secret":                    {"secret.x = " + secret + "\n", 4, ""},
		"secret_cmd bare":                        {"secret_cmd = VAULT_TOKEN=" + secret + " vault read\n", 4, "not in quotes"},
		"multi-line, bad escape on a later line": {"secret = \"\"\"\nZk" + secret + `\q` + "\n\"\"\"\n", 0, ""},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(profileHead+c.body), "p.toml")
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("Parse accepted it or gave %v", err)
			}
			for _, form := range secretForms(secret) {
				if strings.Contains(err.Error(), form) {
					t.Fatalf("the error quotes the secret (%q): %v", form, err)
				}
			}
			if c.line != 0 && ce.Line != c.line {
				t.Errorf("line %d, want %d: %v", ce.Line, c.line, err)
			}
			if ce.Line == 0 || !strings.HasPrefix(ce.Field, "secret") {
				t.Errorf("the error names no line or no secret field: %v", err)
			}
			if !strings.Contains(ce.Reason, c.reason) {
				t.Errorf("reason %q does not say %q", ce.Reason, c.reason)
			}
		})
	}
}

func TestTOMLErrorsAwayFromSecretsStayExact(t *testing.T) {
	_, err := Parse([]byte(profileHead+"secret = \"s3cret-value\"\nplatform = web\n"), "p.toml")
	if err == nil || !strings.Contains(err.Error(), "line 5") || !strings.Contains(err.Error(), `found "web"`) {
		t.Fatalf("an error on a line without a secret keeps the library's words: %v", err)
	}
}

func TestShapeIsBoundedBeforeParsing(t *testing.T) {
	for name, body := range map[string]string{
		"nested inline tables": "x = " + strings.Repeat("{a = ", 20000) + "1" + strings.Repeat("}", 20000) + "\n",
		"nested arrays":        "x = " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n",
		"dotted key":           "x" + strings.Repeat(".a", 20000) + " = 1\n",
		"dotted table name":    "[x" + strings.Repeat(".a", 20000) + "]\n",
	} {
		start := time.Now()
		_, err := Parse([]byte(body), "p.toml")
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Line != 1 {
			t.Errorf("%s: got %v, want a refusal naming line 1", name, err)
		}
		// Not a timing test: the library took 19 s on 40 KB of these.
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
	// What a real file holds stays well inside the bounds.
	for _, valid := range []string{
		"profile = [{name = \"a\", role = \"oauth\", secret_env = \"X\"}]\n",
		"[[profile]]\nname = \"b\" # [[{{\nrole = \"identity\"\nsecret = 'x\"y[{'\n[[profile]]\nname = \"c\"\nrole = \"oauth\"\nsecret = \"\"\"\n{{{{{ \\\" \"\"\"\n",
	} {
		if _, err := Parse([]byte(valid), "p.toml"); err != nil {
			t.Fatalf("a valid file is refused: %v", err)
		}
	}
}

// TestShapeScanIsLinear: doubling a file at most about doubles the time of
// the scan that runs before the TOML library, for every shape it bounds.
func TestShapeScanIsLinear(t *testing.T) {
	for name, shape := range map[string]string{
		"nested inline tables": "k%d = {a = {b = {c = 1}}}\n",
		"dotted keys":          "k%d.a.b.c = 1\n",
		"strings and escapes":  "k%d = \"a\\\"b\\\\c\" # [{\n",
		"multi-line strings":   "k%d = \"\"\"\n[[{{\n\"\"\"\n",
		"newlines":             "\n\n\n\n%d\n",
	} {
		small, large := repeatShape(shape, 50000), repeatShape(shape, 100000)
		t.Run(name, func(t *testing.T) {
			lineartest.AssertLinear(t, func() { scanShape(small, "p.toml") }, func() { scanShape(large, "p.toml") })
		})
	}
}

// TestParseIsLinear: doubling a profiles file at most about doubles the
// time to read it. (The TOML library itself grows a little faster than its
// input on many distinct top-level keys, about 2.8 times per doubling; the
// file's size cap bounds that, and such keys are refused after parsing.)
func TestParseIsLinear(t *testing.T) {
	shape := "[[profile]]\nname = \"p%d\"\nrole = \"oauth\"\nsecret = \"abcdefghijklmnopqrstuvwxyz\"\n"
	small, large := repeatShape(shape, 2500), repeatShape(shape, 5000)
	lineartest.AssertLinear(t, func() { Parse(small, "p.toml") }, func() { Parse(large, "p.toml") })
}

func repeatShape(shape string, n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, shape, i)
	}
	return []byte(b.String())
}
