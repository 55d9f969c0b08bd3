package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sync"
	"unicode/utf8"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/report"
	"github.com/sealpeek/sealpeek/internal/termtext"
)

// writeJSON writes v as indented JSON, made inert for terminals.
func writeJSON(w io.Writer, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(w, "{\"ok\":false,\"error\":%q}\n", err.Error())
		return
	}
	w.Write(termtext.EscapeJSON(buf.Bytes()))
}

// fail reports err as one sentence on stderr and returns its exit code.
func fail(e *env, verb string, err error) int {
	printError(e, verb, err)
	return exitUsage
}

// printError says err on stderr, one sentence naming the verb.
func printError(e *env, verb string, err error) {
	fmt.Fprintf(e.stderr, "sealpeek %s: %s\n", verb, sentence(err.Error()))
}

func printNotes(e *env, notes []crypto.Note) {
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "note: %s\n", sentence(n.Message))
	}
}

// printDiagnoses writes diagnoses for people: severity, code and message,
// and the fix on the next line unless there is nothing to fix.
func printDiagnoses(w io.Writer, ds []crypto.Diagnosis) {
	layout := report.CommandLine
	layout.Clean = sentence
	for _, line := range report.DiagnosisLines(ds, layout) {
		fmt.Fprintln(w, line)
	}
}

// Messages quote what was typed or pasted; a sentence keeps this much of
// each quoted value, and of the whole, however long the input.
const (
	quotedKeep   = 60
	sentenceHead = 320
	sentenceTail = 160
)

// quoted matches a Go-quoted string in a message, as %q writes one;
// compiled the first time a message is long enough to need it.
var quoted = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"(?:[^"\\]|\\.)*"`) })

// sentence makes a message that may quote untrusted text fit for a
// terminal: control characters escaped, each long quoted value cut short,
// and the middle of a message still too long cut out, so a 1 MiB value in a
// message is a line, not a screenful.
func sentence(s string) string {
	s = termtext.EscapeControl(s, false)
	const most = sentenceHead + sentenceTail + 64
	if len(s) <= most {
		return s
	}
	s = quoted().ReplaceAllStringFunc(s, func(q string) string {
		if len(q) <= 2*quotedKeep {
			return q
		}
		return q[:runeStart(q, quotedKeep)] + fmt.Sprintf(`…" (%d bytes)`, len(q)-2)
	})
	if len(s) <= most {
		return s
	}
	head, tail := runeStart(s, sentenceHead), runeStart(s, len(s)-sentenceTail)
	return fmt.Sprintf("%s … [%d bytes not shown] … %s", s[:head], tail-head, s[tail:])
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// orEmpty keeps JSON lists as [] rather than null, so scripts can iterate.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// The notes the command line itself adds, beside the core's codes.
const (
	noteSecretNewlineTrimmed crypto.Code = "secret_newline_trimmed" // a --secret-file's final newline
	noteProfileProblems      crypto.Code = "profile_problems"       // profiles of other roles have problems
	noteProfileChosen        crypto.Code = "profile_chosen"         // the only profile of the role was used
	noteEmptyInput           crypto.Code = "input_empty"            // the data hashed or signed is empty
)

// emptyInputNote says that a verb hashed or signed nothing, which is
// rarely meant: an empty pipe, a file not yet written.
func emptyInputNote(what string) crypto.Note {
	return crypto.Note{Code: noteEmptyInput, Message: what + " is empty: this is the digest of 0 bytes"}
}
