package crypto

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"math"
	"strconv"
	"time"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// JWTBatch is the fast path of verifying a line that is a bare Messenger
// JWT (ReadCapture with no extra headers, then VerifyCapture) for a batch
// with one keyring, one chosen secret and one time to check expiry at: an
// HS256 token signed with the first secret in the engine's order, its header
// and claims compact JSON objects, its user_id a plain string or a number,
// its exp ahead and its nbf and iat behind. It is safe for concurrent use;
// each goroutine checks with its own JWTChecker.
type JWTBatch struct {
	secretAt int    // the first secret in the engine's order, -1 when there is none
	secret   []byte // its value, as the engine keys the HMAC
	clean    bool   // whether a token it signs is reported with the match alone
	head     string // the match message up to the user_id, which names the secret's label
	now      time.Time
	match    Diagnosis // the match diagnosis, but for its message
}

// NewJWTBatch works out once what VerifyCapture works out per token.
func NewJWTBatch(ring *Keyring, chosen string, now time.Time) *JWTBatch {
	b := &JWTBatch{secretAt: -1, now: now, match: standard(CodeMatch, "")}
	k, ok := jwtPayloads["HS256"]
	if !ok || ring.Len() == 0 {
		return b
	}
	b.secretAt = ring.Order(chosen, k.role)[0]
	b.secret = ring.secretForm(b.secretAt, secretAsIs)
	b.head = "the token verifies as HS256 with " + ring.Secret(b.secretAt).Label() + " and carries user_id "
	b.clean = b.secret != nil && k.algorithms[0] == algoHMACSHA256 &&
		len(profileFindings(ring, k, b.secretAt, ring.Find(chosen))) == 0
	return b
}

// SecretAt is the keyring index of the secret a clean token is signed with.
func (b *JWTBatch) SecretAt() int { return b.secretAt }

// Algorithm is the signature's algorithm as the report names it.
func (b *JWTBatch) Algorithm() string { return digestAlgorithms[algoHMACSHA256].name }

// Match is the diagnosis of a clean token, but for its message, which
// CleanJWT holds.
func (b *JWTBatch) Match() Diagnosis { return b.match }

// MessageHead is how the message of every clean token starts: up to its
// user_id, which follows in quotes, and then its expiry.
func (b *JWTBatch) MessageHead() string { return b.head }

// JWTChecker checks tokens for one goroutine with an HMAC state keyed once
// and reset per token, in buffers it keeps.
type JWTChecker struct {
	b       *JWTBatch
	mac     hash.Hash
	sum     [sha256.Size]byte
	sig     [43]byte // base64url of a SHA-256 HMAC, without padding
	decoded []byte
	message []byte
	// The last header part that checked, as the token carries it, and
	// decoded: a batch's tokens mostly share one header, which is then
	// neither decoded nor read again.
	headerPart, header, headerBuf []byte
	// The last expiry worded, by the unit its wording counts in and how
	// many of those: the tokens of a batch mostly expire alike.
	untilUnit, untilCount time.Duration
	until                 []byte
}

// Checker returns a new JWTChecker of the batch.
func (b *JWTBatch) Checker() *JWTChecker {
	c := &JWTChecker{b: b}
	if b.clean {
		c.mac = hmac.New(sha256.New, b.secret)
	}
	return c
}

// CleanJWT is a token VerifyCapture would report OK with the match alone.
// Its slices are the line's or the checker's buffers, valid until its next
// Check.
type CleanJWT struct {
	Signature                            []byte // the signature part, as the token carries it (and as it is computed)
	Header                               []byte // the decoded header, compact JSON
	Claims                               []byte // the decoded claims, compact JSON
	UserID                               []byte // the user_id claim as text: plain printable ASCII
	ExpiresAt, NotBefore, IssuedAt       time.Time
	HasExpiry, HasNotBefore, HasIssuedAt bool
	Message                              []byte // the match diagnosis's message: MessageHead, the user_id in quotes, the expiry
	Expires                              []byte // ExpiresAt in RFC 3339, as the message has it
}

// Check returns line as a CleanJWT, or false when the engine would say
// anything more of it than that it verifies: then the caller runs the
// engine.
func (c *JWTChecker) Check(line []byte) (CleanJWT, bool) {
	var j CleanJWT
	// Three parts of the base64url alphabet alone, the first starting as a
	// JSON object does: what ReadCapture reads as a bare JWT (LooksLikeJWT)
	// with nothing for CheckJWT to say of its form. The strict decoding of
	// the header and the claims, and the signature's equality with the
	// computed one, leave no other byte in the parts (nor a dot in the
	// claims).
	if c.mac == nil || !bytes.HasPrefix(line, []byte("eyJ")) {
		return j, false
	}
	first, last := bytes.IndexByte(line, '.'), bytes.LastIndexByte(line, '.')
	if first < 0 || first == last {
		return j, false
	}
	header, claims, sig := line[:first], line[first+1:last], line[last+1:]
	if len(sig) != len(c.sig) {
		return j, false
	}
	c.mac.Reset()
	c.mac.Write(line[:last])
	base64.RawURLEncoding.Encode(c.sig[:], c.mac.Sum(c.sum[:0]))
	if !hmac.Equal(c.sig[:], sig) {
		return j, false
	}
	j.Signature = sig
	// The header and claims: unpadded base64url (LooksLikeJWT let '=',
	// '+' and '/' through, which the engine notes) of compact JSON objects.
	var ok bool
	if j.Header, ok = c.checkHeader(header); !ok {
		return j, false
	}
	if need := base64.RawURLEncoding.DecodedLen(len(claims)); cap(c.decoded) < need {
		c.decoded = make([]byte, need)
	}
	if j.Claims, ok = decodePart(c.decoded[:cap(c.decoded)], claims); !ok {
		return j, false
	}
	fields, ok := objectMembers(j.Claims, "user_id", "exp", "nbf", "iat")
	if !ok {
		return j, false
	}
	switch id := fields[0]; {
	case len(id) > 2 && id[0] == '"' && plainASCII(id[1:len(id)-1]):
		j.UserID = id[1 : len(id)-1]
	case len(id) > 0 && (id[0] == '-' || '0' <= id[0] && id[0] <= '9'):
		j.UserID = id // a json.Number, as its text
	default:
		return j, false // absent, empty or of another type: diagnosed
	}
	now := c.b.now
	if j.ExpiresAt, j.HasExpiry, ok = claimSeconds(fields[1]); !ok || (j.HasExpiry && !now.Before(j.ExpiresAt)) {
		return j, false
	}
	if j.NotBefore, j.HasNotBefore, ok = claimSeconds(fields[2]); !ok || (j.HasNotBefore && now.Before(j.NotBefore)) {
		return j, false
	}
	if j.IssuedAt, j.HasIssuedAt, ok = claimSeconds(fields[3]); !ok || (j.HasIssuedAt && now.Before(j.IssuedAt)) {
		return j, false
	}
	// The match message, as CheckJWT words it (%q of a plain ASCII
	// user_id is the user_id in quotes).
	m := append(c.message[:0], c.b.head...)
	m = append(m, '"')
	m = append(m, j.UserID...)
	m = append(m, '"')
	if !j.HasExpiry {
		m = append(m, " and never expires"...)
	} else {
		m = append(m, "; it expires in "...)
		m = append(m, c.wordUntil(j.ExpiresAt.Sub(now))...)
		m = append(m, ", at "...)
		at := len(m)
		m = AppendRFC3339(m, j.ExpiresAt)
		j.Expires = m[at:]
	}
	c.message, j.Message = m, m
	return j, true
}

// wordUntil is AppendHumanDuration(nil, d) for a duration ahead, kept
// until a duration is worded otherwise. The wording of d is fixed by how
// many whole units it holds of the smaller of its two largest units: hours
// from a day up, minutes from an hour, seconds below.
func (c *JWTChecker) wordUntil(d time.Duration) []byte {
	unit := time.Second
	switch {
	case d >= 24*time.Hour:
		unit = time.Hour
	case d >= time.Hour:
		unit = time.Minute
	}
	if c.until == nil || unit != c.untilUnit || d/unit != c.untilCount {
		c.untilUnit, c.untilCount = unit, d/unit
		c.until = AppendHumanDuration(c.until[:0], d)
	}
	return c.until
}

// checkHeader returns the decoded header of a clean token whose header part
// is part: an object whose alg is HS256.
func (c *JWTChecker) checkHeader(part []byte) ([]byte, bool) {
	if c.header != nil && bytes.Equal(part, c.headerPart) {
		return c.header, true
	}
	c.header = nil
	if need := base64.RawURLEncoding.DecodedLen(len(part)); cap(c.headerBuf) < need {
		c.headerBuf = make([]byte, need)
	}
	header, ok := decodePart(c.headerBuf[:cap(c.headerBuf)], part)
	if !ok {
		return nil, false
	}
	if alg, ok := objectMembers(header, "alg"); !ok || string(alg[0]) != `"HS256"` {
		return nil, false
	}
	c.headerPart, c.header = append(c.headerPart[:0], part...), header
	return header, true
}

// decodePart decodes a JWT part that is canonical unpadded base64url of
// what may be a JSON object into buf.
func decodePart(buf, part []byte) ([]byte, bool) {
	n, err := base64.RawURLEncoding.Strict().Decode(buf, part)
	if err != nil || n < 2 || buf[0] != '{' {
		return nil, false
	}
	return buf[:n], true
}

// objectMembers returns the raw values of the named members of obj, which
// must be a valid compact JSON object (nil for one that is absent). It
// reports false when obj is not, when a member name has an escape (which
// could spell a name sought) or when a name sought is there twice: the
// engine's reading of those is left to it.
func objectMembers(obj []byte, names ...string) ([4][]byte, bool) {
	var found [4][]byte
	plain := true
	compact := reader.CompactObject(obj, func(name, value []byte) {
		if bytes.IndexByte(name, '\\') >= 0 {
			plain = false
		}
		for k, want := range names {
			if string(name) == want {
				if found[k] != nil {
					plain = false
				}
				found[k] = value
			}
		}
	})
	return found, compact && plain
}

// claimSeconds reads a NumericDate claim's raw value as claimTime does: nil
// is absent; a number of seconds is a time; anything else (a string,
// milliseconds, a year encoding/json cannot write) is left to the engine.
func claimSeconds(raw []byte) (t time.Time, present, ok bool) {
	if raw == nil {
		return t, false, true
	}
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return t, true, false
	}
	if len(raw) <= 11 && raw[0] != '-' {
		// Whole seconds, the usual: exact as ParseFloat reads them (far
		// below 2^53), and without its string.
		n, digits := int64(0), true
		for _, c := range raw {
			if c < '0' || c > '9' {
				digits = false
				break
			}
			n = n*10 + int64(c-'0')
		}
		if digits && float64(n) < jwtMillisecondsFrom {
			return time.Unix(n, 0).UTC(), true, true
		}
	}
	seconds, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || math.IsInf(seconds, 0) || math.Abs(seconds) >= jwtMillisecondsFrom {
		return t, true, false
	}
	whole, frac := math.Modf(seconds)
	if whole < minRFC3339Seconds || whole > maxRFC3339Seconds {
		return t, true, false // a year encoding/json cannot write
	}
	return time.Unix(int64(whole), int64(frac*1e9)).UTC(), true, true
}

// plainASCII reports whether b is printable ASCII without a quote or a
// backslash.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// Unix seconds of the first second of year 1 and of 1000, and of the last
// of 9999, UTC: the years RFC 3339 (and time's MarshalJSON) writes, and
// those written with four digits unpadded.
const (
	minRFC3339Seconds       = -62135596800
	minFourDigitYearSeconds = -30610224000
	maxRFC3339Seconds       = 253402300799
)

// AppendRFC3339 appends t as t.AppendFormat(b, time.RFC3339) does, and as
// time.RFC3339Nano does when t has no fraction of a second, for a UTC time
// of years 1 to 9999; it writes the usual case by hand.
func AppendRFC3339(b []byte, t time.Time) []byte {
	if sec := t.Unix(); t.Location() != time.UTC || sec < minFourDigitYearSeconds || sec > maxRFC3339Seconds {
		return t.AppendFormat(b, time.RFC3339)
	}
	year, month, day := t.Date()
	hour, minute, second := t.Clock()
	b = strconv.AppendInt(b, int64(year), 10)
	for _, v := range [...]struct {
		sep byte
		n   int
	}{{'-', int(month)}, {'-', day}, {'T', hour}, {':', minute}, {':', second}} {
		b = append(b, v.sep, byte('0'+v.n/10), byte('0'+v.n%10))
	}
	return append(b, 'Z')
}
