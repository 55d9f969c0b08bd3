package crypto

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// jwtMillisecondsFrom is the NumericDate above which a time is taken to be
// in milliseconds (Date.now() where seconds were due): 10^11 seconds is the
// year 5138.
const jwtMillisecondsFrom = 1e11

// checkClaims reads user_id, exp, nbf and iat, and checks them as of now.
func (r *JWTReport) checkClaims(claims map[string]any, now time.Time) {
	r.checkUserID(claims)
	exp, expOK := r.claimTime(claims, "exp")
	nbf, nbfOK := r.claimTime(claims, "nbf")
	iat, iatOK := r.claimTime(claims, "iat")
	if expOK {
		r.ExpiresAt = &exp
		if !now.Before(exp) {
			r.add(standard(CodeJWTExpired, fmt.Sprintf("the token expired %s ago, at %s (exp %s)", HumanDuration(now.Sub(exp)), exp.UTC().Format(time.RFC3339), jwtJSONText(claims["exp"]))))
		}
	}
	if nbfOK {
		r.NotBefore = &nbf
		if now.Before(nbf) {
			r.add(diag(CodeJWTNotYetValid, fmt.Sprintf("the token is not valid for another %s, until %s (nbf %s)", HumanDuration(nbf.Sub(now)), nbf.UTC().Format(time.RFC3339), jwtJSONText(claims["nbf"])),
				"Set nbf to the signing time or earlier (or leave it out), and check the signing server's clock."))
		}
	}
	if iatOK {
		r.IssuedAt = &iat
		if now.Before(iat) {
			d := diag(CodeJWTNotYetValid, fmt.Sprintf("the token says it was issued %s from now, at %s (iat %s): the signing server's clock is ahead", HumanDuration(iat.Sub(now)), iat.UTC().Format(time.RFC3339), jwtJSONText(claims["iat"])),
				"Synchronise the signing server's clock (NTP) and set iat to the current time in seconds.")
			d.Severity = SeverityWarn // a clock ahead is worth fixing, but Intercom reads no iat
			r.add(d)
		}
	}
}

// checkUserID requires a non-empty user_id: Intercom rejects tokens without.
func (r *JWTReport) checkUserID(claims map[string]any) {
	switch v := claims["user_id"].(type) {
	case string:
		r.UserID, r.HasUserID = v, v != ""
	case json.Number:
		r.UserID, r.HasUserID = v.String(), true
	}
	if r.HasUserID {
		return
	}
	message := "the claims have no user_id: Intercom rejects tokens without one"
	v, present := claims["user_id"]
	switch {
	case present:
		message = fmt.Sprintf("the claims' user_id is %s, not a non-empty string or number: Intercom rejects the token", jwtJSONText(v))
	case claims["sub"] != nil:
		message = fmt.Sprintf("the claims have no user_id (only sub %s, which Intercom does not read): Intercom rejects the token", jwtJSONText(claims["sub"]))
	}
	r.add(standard(CodeJWTMissingUserID, message))
}

// claimTime reads a NumericDate claim: seconds since 1970. Anything else is
// diagnosed: a string, or milliseconds.
func (r *JWTReport) claimTime(claims map[string]any, name string) (time.Time, bool) {
	v, present := claims[name]
	if !present {
		return time.Time{}, false
	}
	n, isNumber := v.(json.Number)
	seconds, err := n.Float64()
	if !isNumber || err != nil || math.IsInf(seconds, 0) {
		r.malformed(fmt.Sprintf("the claim %s is %s, not a number of seconds since 1970 (a NumericDate)", name, jwtJSONText(v)))
		return time.Time{}, false
	}
	if math.Abs(seconds) >= jwtMillisecondsFrom {
		at := time.UnixMilli(int64(seconds)).UTC()
		r.add(standard(CodeJWTTimeMilliseconds, fmt.Sprintf("the claim %s is %s, which is %s in milliseconds: JWT times are in seconds, so this one lies thousands of years ahead", name, n, at.Format(time.RFC3339))))
		return time.Time{}, false
	}
	whole, frac := math.Modf(seconds)
	return time.Unix(int64(whole), int64(frac*1e9)).UTC(), true
}

// expiryNote says when a valid token expires, for the match message.
func (r *JWTReport) expiryNote(now time.Time) string {
	if r.ExpiresAt == nil {
		return " and never expires"
	}
	return fmt.Sprintf("; it expires in %s, at %s", HumanDuration(r.ExpiresAt.Sub(now)), r.ExpiresAt.Format(time.RFC3339))
}

// jwtJSONText shows a decoded JSON value as JSON, for messages.
func jwtJSONText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
