package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sealpeek/sealpeek/crypto"
)

func TestHMAC(t *testing.T) {
	key := map[string]string{"K": "secret"}
	const digest = "aa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597"
	r := runCLI(t, "", key, "hmac", "--secret-env", "K", "Message")
	if r.code != exitOK || r.stdout != digest+"\n" {
		t.Fatalf("published vector: %+v", r)
	}
	r = runCLI(t, "", key, "hmac", "Message", "--expect", digest, "--json", "--secret-env", "K")
	v := decodeJSON(t, r.stdout)
	if r.code != exitOK || v["match"] != true || v["digest"] != digest || v["algorithm"] != "HMAC-SHA256" || v["data"] != "Message" {
		t.Fatalf("match: %+v", v)
	}
	r = runCLI(t, "", key, "hmac", "Message", "--expect", strings.Repeat("0", 64), "--json", "--secret-env", "K")
	if v = decodeJSON(t, r.stdout); r.code != exitMismatch || v["match"] != false || v["ok"] != false {
		t.Fatalf("mismatch: code %d %+v", r.code, v)
	}
	r = runCLI(t, "", key, "hmac", "--json", "--secret-env", "K", "Message")
	if v = decodeJSON(t, r.stdout); v["match"] != nil {
		t.Fatalf("match without --expect should be null: %+v", v)
	}
	r = runCLI(t, "Message\n", key, "hmac", "--secret-env", "K", "-")
	if r.code != exitOK || r.stdout == digest+"\n" {
		t.Fatalf("stdin is hashed exactly, trailing newline included: %+v", r)
	}
	r = runCLI(t, "", key, "hmac", "--secret-env", "K")
	if r.code != exitUsage || !strings.Contains(r.stderr, "give the DATA to hash") {
		t.Fatalf("no data: %+v", r)
	}
}

func TestHMACLinesAreTheJSONRecords(t *testing.T) {
	digest := func(secret, data string) string { return crypto.UserHash([]byte(secret), []byte(data)) }
	web := digest(demoIdentitySecret, "184632")
	lines := []string{
		"184632",
		"184632\t" + web,
		"184632\t " + web + " ",
		"184632\t" + strings.ToUpper(web),
		"184632\t" + digest("demo-identity-ios-NOT-A-REAL-SECRET", "184632"),
		"Ada@Example.com\t" + digest(demoIdentitySecret, "ada@example.com"),
		"with\ttab\t" + digest(demoIdentitySecret, "with\ttab"),
		"ユーザー 👩‍💻\t" + digest(demoIdentitySecret, "ユーザー 👩‍💻"),
		"esc \x1b[31m \u202e <&>\t" + digest(demoIdentitySecret, "esc \x1b[31m \u202e <&>"),
		"184632\tnot hex",
		"184632\t" + web[:40],
		"\t",
		"",
	}
	// With --lang, the records of digests sent wrong carry the code that
	// fixes them, as --json does; appendHMACRecord writes it.
	for _, lang := range [][]string{nil, {"--lang", "rb"}} {
		args := append([]string{"--demo", "--profile", demoIdentity}, lang...)
		batch := runCLI(t, strings.Join(lines, "\n")+"\n", nil, append([]string{"hmac", "--lines"}, args...)...)
		if batch.code != exitMismatch {
			t.Fatalf("some lines do not match: code %d, want %d; stderr %q", batch.code, exitMismatch, batch.stderr)
		}
		sameRecords(t, lines, batch, func(line string) cliRun {
			data, expected, _ := strings.Cut(line, "\t")
			if i := strings.LastIndexByte(line, '\t'); i >= 0 {
				data, expected = line[:i], line[i+1:]
			}
			single := append([]string{"hmac", "--json", "-"}, args...)
			if expected = strings.TrimSpace(expected); expected != "" {
				single = append(single, "--expect", expected)
			}
			one := runCLI(t, data, nil, single...)
			if data == "" {
				// Empty standard input is worth a note; an empty line of a
				// batch is its own record, whose data says it is empty.
				var v map[string]any
				if err := json.Unmarshal([]byte(one.stdout), &v); err != nil {
					t.Fatal(err)
				}
				if notes, _ := v["notes"].([]any); len(notes) != 1 || notes[0].(map[string]any)["code"] != "input_empty" {
					t.Fatalf("empty standard input: notes %v, want input_empty", v["notes"])
				}
				one.stdout = strings.Replace(one.stdout, `"notes": [
    {
      "code": "input_empty",
      "message": "standard input is empty: this is the digest of 0 bytes"
    }
  ],`, `"notes": [],`, 1)
			}
			return one
		})
		if withCode := strings.Contains(batch.stdout, `"fix_code":{"lang":"ruby","topic":"user-hash",`); withCode != (lang != nil) {
			t.Errorf("%v: fix_code in the records is %v, want %v", lang, withCode, lang != nil)
		}
	}
}

func TestHMACLinesFlags(t *testing.T) {
	key := map[string]string{"K": "secret"}
	r := runCLI(t, "Message\taa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597\nMessage\n", key, "hmac", "--lines", "--secret-env", "K")
	if r.code != exitOK || strings.Count(r.stdout, `"ok":true`) != 2 {
		t.Fatalf("a check and a digest: %+v", r)
	}
	for _, flag := range []string{"--expect", "--user-id", "--email"} {
		r = runCLI(t, "x\n", key, "hmac", "--lines", "--secret-env", "K", flag, "x")
		if r.code != exitUsage || !strings.Contains(r.stderr, flag+" does not go with --lines") {
			t.Errorf("%s: %+v", flag, r)
		}
	}
	// Without --profile, lines without a digest are hashed with the first
	// profile of role identity, and each record names it.
	r = runCLI(t, "184632\n", nil, "hmac", "--lines", "--demo")
	if r.code != exitOK || !strings.Contains(r.stdout, `"profile":"`+demoIdentity+`"`) {
		t.Fatalf("the first identity profile: %+v", r)
	}
}
