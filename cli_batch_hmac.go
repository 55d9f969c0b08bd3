package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/sealpeek/sealpeek/crypto"
)

// runHMACLines is 'hmac --lines': each line is the DATA to hash, or
// DATA<TAB>EXPECTED to check (the text after the last tab is the expected
// digest, trimmed of spaces), and its record is what 'hmac --json' prints
// for it. Lines without EXPECTED are hashed with --profile, else the first
// profile of role identity, which each record names.
func runHMACLines(e *env, secrets *secretFlags, given map[string]bool, name string) int {
	for _, flag := range []string{"expect", "user-id", "email"} {
		if given[flag] {
			return fail(e, "hmac", usageError{fmt.Sprintf("--%s does not go with --lines: each line is DATA, or DATA<TAB>EXPECTED", flag)})
		}
	}
	ring, chosen, secretNotes, err := secrets.keyring(e, crypto.RoleIdentity)
	if err != nil {
		return fail(e, "hmac", err)
	}
	return runLines(e, "hmac", name, hmacLine(ring, chosen, secretNotes))
}

// hmacLine checks one line of 'hmac --lines'.
func hmacLine(ring *crypto.Keyring, chosen string, secretNotes []crypto.Note) lineWork {
	notesJSON := inertJSON(orEmpty(secretNotes))
	return func(line []byte, number int, out []byte) ([]byte, bool) {
		data, expected := line, ""
		if tab := bytes.LastIndexByte(line, '\t'); tab >= 0 {
			data, expected = line[:tab], strings.TrimSpace(string(line[tab+1:]))
		}
		r := crypto.CheckUserHash(data, expected, ring, chosen)
		return appendHMACRecord(out, number, newHMACResult(r, ring, secretNotes), notesJSON), r.OK()
	}
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off, made inert as termtext.EscapeJSON makes it. Printable ASCII
// without a quote or a backslash, most of what records hold, needs neither
// and is copied as it is; anything else goes through inertJSON.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return append(dst, inertJSON(s)...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendHMACRecord writes an 'hmac --lines' record by hand: encoding/json
// was a fifth of the time of a line. notesJSON is res.Notes, encoded once
// for the batch. TestHMACLinesAreTheJSONRecords holds it to --json, and
// TestHandWrittenRecordsKnowEveryField to hmacResult's fields.
func appendHMACRecord(out []byte, number int, res hmacResult, notesJSON []byte) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(number), 10)
	out = append(out, `,"ok":`...)
	out = strconv.AppendBool(out, res.OK)
	out = append(out, `,"digest":`...)
	out = appendJSONString(out, res.Digest)
	out = append(out, `,"data":`...)
	out = appendJSONString(out, res.Data)
	out = append(out, `,"algorithm":`...)
	out = appendJSONString(out, res.Algorithm)
	if res.Identifier != "" {
		out = append(out, `,"identifier":`...)
		out = appendJSONString(out, res.Identifier)
	}
	if res.Expected != "" {
		out = append(out, `,"expected":`...)
		out = appendJSONString(out, res.Expected)
	}
	out = append(out, `,"match":`...)
	if res.Match == nil {
		out = append(out, "null"...)
	} else {
		out = strconv.AppendBool(out, *res.Match)
	}
	if res.Profile != "" {
		out = append(out, `,"profile":`...)
		out = appendJSONString(out, res.Profile)
	}
	if len(res.Mistakes) > 0 {
		out = append(out, `,"mistakes":[`...)
		for i, m := range res.Mistakes {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendJSONString(out, string(m))
		}
		out = append(out, ']')
	}
	out = append(out, `,"notes":`...)
	out = append(out, notesJSON...)
	out = append(out, `,"diagnoses":[`...)
	for i, d := range res.Diagnoses {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"code":`...)
		out = appendJSONString(out, string(d.Code))
		out = append(out, `,"severity":`...)
		out = appendJSONString(out, string(d.Severity))
		out = append(out, `,"message":`...)
		out = appendJSONString(out, d.Message)
		out = append(out, `,"fix":`...)
		out = appendJSONString(out, d.Fix)
		out = append(out, '}')
	}
	return append(out, "]}\n"...)
}
