package cli

import (
	"bytes"
	"strconv"
	"sync"
	"time"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/reader"
)

// verifyLines is 'verify --lines' with the batch's fast path for bare
// Messenger JWTs: each worker checks a clean token (HS256, signed with the
// first secret in order, plain claims, in its validity window) with an HMAC
// state keyed once and writes its record by hand; every other line goes to
// full, the engine's work. With --header flags every line does. The
// records are the same bytes either way (TestVerifyFastPathIsTheEngine).
func verifyLines(rings *roleKeyrings, langs fixLangs, headers headerFlags, now time.Time, full lineWork) func() lineWork {
	if len(headers) > 0 {
		return func() lineWork { return full }
	}
	var (
		once sync.Once
		enc  *jwtRecords
	)
	return func() lineWork {
		var checker *crypto.JWTChecker
		return func(line []byte, number int, out []byte) ([]byte, bool) {
			// The secrets of role messenger are resolved for the first
			// line ReadCapture reads as a bare JWT, as the engine would.
			if checker == nil && reader.LooksLikeJWT(line) {
				once.Do(func() {
					if k := rings.get(crypto.RoleMessenger); k.err == nil {
						enc = newJWTRecords(k, now)
					}
				})
				if enc != nil {
					checker = enc.batch.Checker()
				}
			}
			if checker != nil {
				if j, ok := checker.Check(line); ok {
					return enc.append(out, number, j), true
				}
			}
			return full(line, number, out)
		}
	}
}

// jwtRecords writes the records of clean tokens, from parts made once.
type jwtRecords struct {
	batch    *crypto.JWTBatch
	head     []byte // from "ok" to the signature's expected value
	profile  []byte // the signature's profile member, or nothing
	notes    []byte // the secret's notes, JSON
	diagHead []byte // the match diagnosis up to its message
	diagTail []byte // and after it
	msgHead  []byte // the message's start (MessageHead), JSON, without its closing quote
}

func newJWTRecords(k *resolvedKeyring, now time.Time) *jwtRecords {
	batch := crypto.NewJWTBatch(k.ring, k.chosen, now)
	r := &jwtRecords{batch: batch, notes: inertJSON(orEmpty(k.notes))}
	r.head = append(r.head, `,"ok":true,"kind":`...)
	r.head = appendJSONString(r.head, string(crypto.KindJWT))
	r.head = append(r.head, `,"format":`...)
	r.head = appendJSONString(r.head, string(crypto.FormatJWT))
	r.head = append(r.head, `,"signatures":[{"header":`...)
	r.head = appendJSONString(r.head, crypto.JWTHeaderName)
	r.head = append(r.head, `,"algorithm":`...)
	r.head = appendJSONString(r.head, batch.Algorithm())
	r.head = append(r.head, `,"expected":"`...)
	if name := profileAt(k.ring, batch.SecretAt()); name != "" {
		r.profile = append([]byte(`,"profile":`), inertJSON(name)...)
	}
	// The diagnosis as encoding/json writes it, cut around its message.
	const placeholder = "MESSAGE-PLACEHOLDER"
	match := batch.Match()
	match.Message = placeholder
	d := inertJSON(diagnosisOut{Diagnosis: match})
	at := bytes.Index(d, []byte(`"`+placeholder+`"`))
	r.diagHead, r.diagTail = d[:at], d[at+len(placeholder)+2:]
	head := inertJSON(batch.MessageHead())
	r.msgHead = head[:len(head)-1]
	return r
}

// append writes line number's record of clean token j.
func (r *jwtRecords) append(out []byte, number int, j crypto.CleanJWT) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(number), 10)
	out = append(out, r.head...)
	out = append(out, j.Signature...)
	out = append(out, `","computed":"`...)
	out = append(out, j.Signature...)
	out = append(out, `","match":true`...)
	out = append(out, r.profile...)
	out = append(out, `}],"jwt":{"header":`...)
	out = appendInertJSON(out, j.Header)
	out = append(out, `,"claims":`...)
	out = appendInertJSON(out, j.Claims)
	out = append(out, `,"alg":"HS256","user_id":"`...)
	out = append(out, j.UserID...)
	out = append(out, '"')
	for _, t := range []struct {
		name string
		at   time.Time
		has  bool
	}{{`,"expires_at":"`, j.ExpiresAt, j.HasExpiry}, {`,"not_before":"`, j.NotBefore, j.HasNotBefore}, {`,"issued_at":"`, j.IssuedAt, j.HasIssuedAt}} {
		if t.has {
			out = append(out, t.name...)
			if t.at.Nanosecond() == 0 && t.name == `,"expires_at":"` {
				out = append(out, j.Expires...) // as the message has it
			} else if t.at.Nanosecond() == 0 {
				out = crypto.AppendRFC3339(out, t.at)
			} else {
				out = t.at.AppendFormat(out, time.RFC3339Nano) // as time.Time's MarshalJSON
			}
			out = append(out, '"')
		}
	}
	out = append(out, `},"notes":`...)
	out = append(out, r.notes...)
	out = append(out, `,"diagnoses":[`...)
	out = append(out, r.diagHead...)
	// The message is MessageHead, the plain user_id in quotes and the
	// expiry (plain ASCII): only its head, made once, and the two quotes
	// need escaping.
	if tail := j.Message[min(len(j.Message), len(r.batch.MessageHead())+len(j.UserID)+2):]; plainJSONText(tail) {
		out = append(out, r.msgHead...)
		out = append(out, `\"`...)
		out = append(out, j.UserID...)
		out = append(out, `\"`...)
		out = append(out, tail...)
		out = append(out, '"')
	} else {
		out = appendJSONBytes(out, j.Message)
	}
	out = append(out, r.diagTail...)
	return append(out, "]}\n"...)
}

// appendJSONBytes is appendJSONString of b: printable ASCII, most of what
// records hold, is written here, with its quotes and backslashes escaped as
// encoding/json escapes them; anything else goes through inertJSON.
func appendJSONBytes(dst, b []byte) []byte {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return append(dst, inertJSON(string(b))...)
		}
	}
	dst = append(dst, '"')
	for len(b) > 0 {
		i := bytes.IndexByte(b, '"')
		if k := bytes.IndexByte(b, '\\'); k >= 0 && (i < 0 || k < i) {
			i = k
		}
		if i < 0 {
			dst = append(dst, b...)
			break
		}
		dst = append(dst, b[:i]...)
		dst = append(dst, '\\', b[i])
		b = b[i+1:]
	}
	return append(dst, '"')
}
