package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/sealpeek/sealpeek/internal/termtext"
)

// linesFlagHelp is the --lines flag's help, the same for every verb.
const linesFlagHelp = "batch mode: one input per line of FILE or standard input, one compact JSON result per line (with its \"line\" number), in order"

// runLines is the --lines mode of a verb: work turns each line of FILE (or
// standard input for "" and "-") into one JSON record, on every core, and the
// records stream to standard output in input order. It returns 0 when every
// record is ok, 1 when one is not, and 2 when the input cannot be read.
func runLines(e *env, verb, name string, work lineWork) int {
	r, what, err := openInput(e, name, "sealpeek: reading standard input, one input per line; press Ctrl-D to finish")
	if err != nil {
		return fail(e, verb, err)
	}
	defer r.Close()
	lines, fails, err := forEachLine(r, e.stdout, work)
	if err != nil {
		var we writeError
		if !errors.As(err, &we) {
			err = fmt.Errorf("cannot read %s: %w", what, err)
		}
		return fail(e, verb, err)
	}
	if fails > 0 {
		fmt.Fprintf(e.stderr, "sealpeek %s: %d of %d %s not ok\n", verb, fails, lines, termtext.Plural(lines, "line is", "lines are"))
		return exitMismatch
	}
	return exitOK
}

// writeError is a failure to write the records, told apart from one to read
// the lines.
type writeError struct{ err error }

func (e writeError) Error() string { return "cannot write the results: " + e.err.Error() }
func (e writeError) Unwrap() error { return e.err }

// recordBuffers keep one encoding buffer per worker warm.
var recordBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// appendRecord appends v, a verb's --json result, to out as one line of
// compact JSON with "line" as its first field, made inert for terminals as
// writeJSON makes the --json output.
func appendRecord(out []byte, line int, v any) []byte {
	buf := recordBuffers.Get().(*bytes.Buffer)
	defer recordBuffers.Put(buf)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(line), 10)
	if err := enc.Encode(v); err != nil {
		out = append(out, `,"ok":false,"error":`...)
		out = strconv.AppendQuote(out, err.Error())
		return append(out, "}\n"...)
	}
	body := buf.Bytes() // "{...}\n"
	if len(body) > len("{}\n") {
		out = append(out, ',')
	}
	return append(out, termtext.EscapeJSON(body[1:])...)
}
