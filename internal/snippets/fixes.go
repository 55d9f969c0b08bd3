package snippets

import (
	"slices"
	"strings"
	"sync"
)

// span locates lines of a snippet by their text: the one line containing
// from, through the first line at or after it containing to (the from line
// alone when to is empty). from must occur on exactly one line of the
// snippet; the tests check it.
type span struct{ from, to string }

// line is the span of the one line containing text.
func line(text string) span { return span{from: text} }

// through is the span from the line containing from to the first line at or
// after it containing to.
func through(from, to string) span { return span{from: from, to: to} }

// Places of a snippet that fixes point at.
const (
	placeKey        = "key"        // sheet-user: the key derivation
	placeSplit      = "split"      // sheet-user: IV and tag cut from the data
	placeOpen       = "open"       // sheet-user: decryption and the tag check
	placeIdentifier = "identifier" // user-hash: which identifier is hashed
	placeHMAC       = "hmac"       // the HMAC: algorithm, key and message
	placeHex        = "hex"        // the digest written as lowercase hex
	placeNewline    = "newline"    // user-hash: one trailing newline removed
	placeRawBody    = "raw-body"   // signatures: the body's raw bytes
	placeExpected   = "expected"   // signatures: the expected header value
	placeAlg        = "alg"        // jwt-verify: alg must be HS256
	placeCompare    = "compare"    // jwt-verify: the constant-time compare
	placeExp        = "exp"        // jwt-verify: exp in seconds
	placeHeader     = "header"     // jwt-mint: the HS256 header
	placeSign       = "sign"       // jwt-mint: the HMAC keyed with the secret's text
	placeBase64URL  = "base64url"  // jwt-mint: base64url without padding
	placeClaims     = "claims"     // jwt-mint: user_id, and times in seconds
)

// places()[lang][topic][place] are the spans of a place in one snippet.
var places = sync.OnceValue(func() map[string]map[string]map[string][]span {
	return map[string]map[string]map[string][]span{
		LangPHP: {
			TopicSheetUser: {
				placeKey:   {line("$key = openssl_digest(")},
				placeSplit: {through("$iv = substr(", "$ciphertext = substr(")},
				placeOpen:  {through("$user = openssl_decrypt(", "return $user === false")},
			},
			TopicUserHash: {
				placeIdentifier: {line("(the user_id when you send one")},
				placeHMAC:       {line("return hash_hmac('sha256'")},
				placeHex:        {line("return hash_hmac('sha256'")},
				placeNewline:    {through("The identifier is hashed byte for byte", "(the one echo adds)"), through("str_ends_with($identifier", "$identifier = substr(")},
			},
			TopicWebhookSignature: {
				placeRawBody:  {through("Laravel:", "signature."), line("the bytes as received")},
				placeHMAC:     {line("$expected = 'sha1='")},
				placeExpected: {line("$expected = 'sha1='")},
			},
			TopicCanvasSignature: {
				placeRawBody:  {through("Laravel:", "signature."), line("the bytes as received")},
				placeHMAC:     {line("$expected = hash_hmac('sha256'")},
				placeExpected: {line("$expected = hash_hmac('sha256'")},
			},
			TopicJWTVerify: {
				placeAlg:     {through("$alg = json_decode(", "if ($alg !== 'HS256')")},
				placeCompare: {through("$expected = intercom_base64url_encode(hash_hmac", "if (!hash_equals(")},
				placeExp:     {through("property_exists($claims, 'exp')", "return null; // expired")},
			},
			TopicJWTMint: {
				placeHeader:    {line(`$header = intercom_base64url_encode('{"alg":"HS256"`)},
				placeSign:      {line("$signature = intercom_base64url_encode(hash_hmac(")},
				placeBase64URL: {line("return rtrim(strtr(base64_encode(")},
				placeClaims:    {through("The claims need user_id", "times (exp, iat)")},
			},
		},
		LangNode: {
			TopicSheetUser: {
				placeKey:   {line("const key = crypto.createHash('sha256')")},
				placeSplit: {through("const iv = data.subarray(", "const ciphertext = data.subarray(")},
				placeOpen:  {through("crypto.createDecipheriv(", "the tag does not match")},
			},
			TopicUserHash: {
				placeIdentifier: {line("(the user_id when you send one")},
				placeHMAC:       {line("crypto.createHmac('sha256', identitySecret)")},
				placeHex:        {line("crypto.createHmac('sha256', identitySecret)")},
				placeNewline:    {through("The identifier is hashed byte for byte", "(the one echo adds)"), line("=== 0x0a")},
			},
			TopicWebhookSignature: {
				placeRawBody:  {through("express.raw(", "signature."), line("the bytes as received")},
				placeHMAC:     {line("const expected = Buffer.from('sha1='")},
				placeExpected: {through("const expected = Buffer.from('sha1='", "crypto.timingSafeEqual(")},
			},
			TopicCanvasSignature: {
				placeRawBody:  {through("express.raw(", "signature."), line("the bytes as received")},
				placeHMAC:     {line("const expected = Buffer.from(crypto.createHmac('sha256'")},
				placeExpected: {through("const expected = Buffer.from(crypto.createHmac('sha256'", "crypto.timingSafeEqual(")},
			},
			TopicJWTVerify: {
				placeAlg:     {line("if (alg !== 'HS256')")},
				placeCompare: {through("const expected = Buffer.from(crypto.createHmac(", "crypto.timingSafeEqual(")},
				placeExp:     {through("if ('exp' in claims", "return null; // expired")},
			},
			TopicJWTMint: {
				placeHeader:    {line("JSON.stringify({ alg: 'HS256', typ: 'JWT' })")},
				placeSign:      {line("const signature = crypto.createHmac('sha256', messengerSecret)")},
				placeBase64URL: {through("const header = Buffer.from(", "const signature = crypto.createHmac(")},
				placeClaims:    {through("The claims need user_id", "times (exp, iat)")},
			},
		},
		LangPython: {
			TopicSheetUser: {
				placeKey:   {line("key = hashlib.sha256(")},
				placeSplit: {through("iv = data[:12]", "ciphertext_and_tag = data[12:]")},
				placeOpen:  {through("return AESGCM(key).decrypt(", "return None")},
			},
			TopicUserHash: {
				placeIdentifier: {line("(the user_id when you send one")},
				placeHMAC:       {line("return hmac.new(identity_secret, identifier, hashlib.sha256)")},
				placeHex:        {line("return hmac.new(identity_secret, identifier, hashlib.sha256)")},
				placeNewline:    {through("The identifier is hashed byte for byte", "(the one echo adds)"), through(`if identifier.endswith(b"\n")`, "identifier = identifier[:-1]")},
			},
			TopicWebhookSignature: {
				placeRawBody:  {through("Flask:", "signature."), line("the bytes as received")},
				placeHMAC:     {line(`expected = "sha1=" + hmac.new(`)},
				placeExpected: {line(`expected = "sha1=" + hmac.new(`)},
			},
			TopicCanvasSignature: {
				placeRawBody:  {through("Flask:", "signature."), line("the bytes as received")},
				placeHMAC:     {line("expected = hmac.new(client_secret, raw_body, hashlib.sha256)")},
				placeExpected: {line("expected = hmac.new(client_secret, raw_body, hashlib.sha256)")},
			},
			TopicJWTVerify: {
				placeAlg:     {through(`if alg != "HS256":`, "return None")},
				placeCompare: {through("expected = b64url_encode(hmac.new(", "if not hmac.compare_digest(")},
				placeExp:     {through(`if "exp" in claims:`, "return None  # expired")},
			},
			TopicJWTMint: {
				placeHeader:    {line(`header = b64url_encode(json.dumps({"alg": "HS256"`)},
				placeSign:      {line("signature = b64url_encode(hmac.new(messenger_secret")},
				placeBase64URL: {line("return base64.urlsafe_b64encode(data).rstrip(")},
				placeClaims:    {through("The claims need user_id", "(exp, iat)")},
			},
		},
		LangRuby: {
			TopicSheetUser: {
				placeKey:   {line("key = OpenSSL::Digest::SHA256.digest(")},
				placeSplit: {through("iv = data.byteslice(0, 12)", "ciphertext = data.byteslice(")},
				placeOpen:  {through("cipher = OpenSSL::Cipher.new('aes-256-gcm')", "cipher.final")},
			},
			TopicUserHash: {
				placeIdentifier: {line("(the user_id when you send one")},
				placeHMAC:       {line("OpenSSL::HMAC.hexdigest('SHA256', identity_secret, identifier)")},
				placeHex:        {line("OpenSSL::HMAC.hexdigest('SHA256', identity_secret, identifier)")},
				placeNewline:    {through("The identifier is hashed byte for byte", "(the one echo adds)"), line(`.delete_suffix("\n")`)},
			},
			TopicWebhookSignature: {
				placeRawBody:  {through("Rails:", "signature."), line("the bytes as received")},
				placeHMAC:     {line(`expected = "sha1=#{OpenSSL::HMAC.hexdigest('SHA1'`)},
				placeExpected: {line(`expected = "sha1=#{OpenSSL::HMAC.hexdigest('SHA1'`)},
			},
			TopicCanvasSignature: {
				placeRawBody:  {through("Rails:", "signature."), line("the bytes as received")},
				placeHMAC:     {line("expected = OpenSSL::HMAC.hexdigest('SHA256'")},
				placeExpected: {line("expected = OpenSSL::HMAC.hexdigest('SHA256'")},
			},
			TopicJWTVerify: {
				placeAlg:     {line("['alg'] == 'HS256'")},
				placeCompare: {through("expected = Base64.urlsafe_encode64(OpenSSL::HMAC.digest(", "fixed_length_secure_compare(signature, expected)")},
				placeExp:     {through("if claims.key?('exp')", "exp > Time.now.to_i")},
			},
			TopicJWTMint: {
				placeHeader:    {line("JSON.generate({ alg: 'HS256', typ: 'JWT' })")},
				placeSign:      {line("signature = Base64.urlsafe_encode64(OpenSSL::HMAC.digest('SHA256', messenger_secret")},
				placeBase64URL: {line("payload = Base64.urlsafe_encode64(JSON.generate(claims), padding: false)")},
				placeClaims:    {through("The claims need user_id", "times (exp, iat)")},
			},
		},
		LangGo: {
			TopicSheetUser: {
				placeKey:   {line("key := sha256.Sum256(clientSecret)")},
				placeSplit: {through("iv := data[:12]", "ciphertextAndTag := data[12:]")},
				placeOpen:  {through("gcm, err := cipher.NewGCM(block)", "return gcm.Open(")},
			},
			TopicUserHash: {
				placeIdentifier: {line("(the user_id when you send one")},
				placeHMAC:       {through("mac := hmac.New(sha256.New, identitySecret)", "mac.Write(identifier)")},
				placeHex:        {line("return hex.EncodeToString(mac.Sum(nil))")},
				placeNewline:    {through("The identifier is hashed byte for byte", "(the one echo adds)"), line(`bytes.CutSuffix(identifier, []byte("\n"))`)},
			},
			TopicWebhookSignature: {
				placeRawBody:  {through("io.ReadAll(r.Body)", "signature."), line("the bytes as received")},
				placeHMAC:     {through("mac := hmac.New(sha1.New, clientSecret)", "mac.Write(rawBody)")},
				placeExpected: {line(`expected := "sha1=" + hex.EncodeToString(`)},
			},
			TopicCanvasSignature: {
				placeRawBody:  {through("io.ReadAll(r.Body)", "signature."), line("the bytes as received")},
				placeHMAC:     {through("mac := hmac.New(sha256.New, clientSecret)", "mac.Write(rawBody)")},
				placeExpected: {line("expected := hex.EncodeToString(mac.Sum(nil))")},
			},
			TopicJWTVerify: {
				placeAlg:     {through(`h.Alg != "HS256"`, "alg is not HS256")},
				placeCompare: {through("mac := hmac.New(sha256.New, messengerSecret)", "if !hmac.Equal(")},
				placeExp:     {through(`if raw, ok := claims["exp"]; ok {`, "exp and Unix() count seconds")},
			},
			TopicJWTMint: {
				placeHeader:    {line(`{"alg":"HS256","typ":"JWT"}`)},
				placeSign:      {through("mac := hmac.New(sha256.New, messengerSecret)", "return header + \".\" + payload")},
				placeBase64URL: {through("header := base64.RawURLEncoding", "payload := base64.RawURLEncoding")},
				placeClaims:    {through("The claims need user_id", "times (exp, iat)")},
			},
		},
		LangJava: {
			TopicSheetUser: {
				placeKey:   {line(`byte[] key = MessageDigest.getInstance("SHA-256")`)},
				placeSplit: {line("new GCMParameterSpec(128, data, 0, 12)"), line("return cipher.doFinal(data, 12, data.length - 12)")},
				placeOpen:  {through(`Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding")`, "return null; // the tag does not match")},
			},
			TopicUserHash: {
				placeIdentifier: {line("(the user_id when you send one")},
				placeHMAC:       {through(`Mac mac = Mac.getInstance("HmacSHA256")`, "mac.init(")},
				placeHex:        {line("return HexFormat.of().formatHex(")},
				placeNewline:    {through("The identifier is hashed byte for byte", "(the one echo adds)"), through("identifier[identifier.length - 1] == '\\n'", "Arrays.copyOf(")},
			},
			TopicWebhookSignature: {
				placeRawBody:  {through("@RequestBody byte[]", "signature."), line("the bytes as received")},
				placeHMAC:     {through(`Mac mac = Mac.getInstance("HmacSHA1")`, "mac.init(")},
				placeExpected: {line(`String expected = "sha1=" + HexFormat.of().formatHex(`)},
			},
			TopicCanvasSignature: {
				placeRawBody:  {through("@RequestBody byte[]", "signature."), line("the bytes as received")},
				placeHMAC:     {through(`Mac mac = Mac.getInstance("HmacSHA256")`, "mac.init(")},
				placeExpected: {line("String expected = HexFormat.of().formatHex(")},
			},
			TopicJWTVerify: {
				placeAlg:     {through("Matcher alg = ALG.matcher(header)", "exactly one alg, and it is HS256")},
				placeCompare: {through(`Mac mac = Mac.getInstance("HmacSHA256")`, "if (!MessageDigest.isEqual(")},
				placeExp:     {through("Matcher exp = EXP.matcher(claims)", "return null; // expired")},
			},
			TopicJWTMint: {
				placeHeader:    {line(`String header = base64url.encodeToString("{\"alg\":\"HS256\"`)},
				placeSign:      {through(`Mac mac = Mac.getInstance("HmacSHA256")`, "String signature = base64url.encodeToString(")},
				placeBase64URL: {line("Base64.getUrlEncoder().withoutPadding()")},
				placeClaims:    {through("The claims need user_id", "times (exp, iat)")},
			},
		},
	}
})

// fixTarget is where a code's fix is shown: a topic, and places in it.
type fixTarget struct {
	topic  string
	places []string
}

// fixes maps each diagnosis code whose fix is code (not a secret to copy
// again, nor a value to paste whole) to the topics that show it, the most
// telling first: Fix shows the first, FixIn any. The codes are those of
// crypto.Codes(), spelt as strings.
var fixes = sync.OnceValue(func() map[string][]fixTarget {
	return map[string][]fixTarget{
		"key_hex_digest": {{TopicSheetUser, []string{placeKey}}},
		"key_raw_secret": {{TopicSheetUser, []string{placeKey}}},
		"tag_first":      {{TopicSheetUser, []string{placeSplit}}},
		"nonce_16":       {{TopicSheetUser, []string{placeSplit}}},
		"auth_failed":    {{TopicSheetUser, []string{placeKey, placeSplit, placeOpen}}},

		"identifier_choice":   {{TopicUserHash, []string{placeIdentifier}}},
		"data_whitespace":     {{TopicUserHash, []string{placeNewline}}},
		"swapped_key_message": {{TopicUserHash, []string{placeHMAC}}},
		"wrong_algorithm": {
			{TopicUserHash, []string{placeHMAC}},
			{TopicWebhookSignature, []string{placeHMAC}},
			{TopicCanvasSignature, []string{placeHMAC}},
		},
		"uppercase_hex": {
			{TopicUserHash, []string{placeHex}},
			{TopicWebhookSignature, []string{placeExpected}},
			{TopicCanvasSignature, []string{placeExpected}},
		},
		"digest_base64": {
			{TopicUserHash, []string{placeHex}},
			{TopicWebhookSignature, []string{placeExpected}},
			{TopicCanvasSignature, []string{placeExpected}},
		},
		"digest_length": {
			{TopicUserHash, []string{placeHex}},
			{TopicWebhookSignature, []string{placeExpected}},
			{TopicCanvasSignature, []string{placeExpected}},
		},

		"signature_prefix": {
			{TopicWebhookSignature, []string{placeExpected}},
			{TopicCanvasSignature, []string{placeExpected}},
		},
		"body_reserialized": {
			{TopicWebhookSignature, []string{placeRawBody}},
			{TopicCanvasSignature, []string{placeRawBody}},
		},
		"signature_mismatch": {
			{TopicWebhookSignature, []string{placeRawBody, placeHMAC}},
			{TopicCanvasSignature, []string{placeRawBody, placeHMAC}},
		},

		"jwt_malformed":     {{TopicJWTMint, []string{placeBase64URL}}},
		"jwt_alg":           {{TopicJWTMint, []string{placeHeader}}, {TopicJWTVerify, []string{placeAlg}}},
		"jwt_signature":     {{TopicJWTMint, []string{placeSign}}, {TopicJWTVerify, []string{placeCompare}}},
		"jwt_secret_base64": {{TopicJWTMint, []string{placeSign}}},
		"jwt_expired":       {{TopicJWTMint, []string{placeClaims}}, {TopicJWTVerify, []string{placeExp}}},
		"jwt_not_yet_valid": {{TopicJWTMint, []string{placeClaims}}},
		"jwt_time_milliseconds": {
			{TopicJWTMint, []string{placeClaims}},
			{TopicJWTVerify, []string{placeExp}},
		},
		"jwt_missing_user_id": {{TopicJWTMint, []string{placeClaims}}},
	}
})

// FixCodes returns, sorted, every diagnosis code that Fix has code for.
func FixCodes() []string {
	codes := make([]string, 0, len(fixes()))
	for code := range fixes() {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return codes
}

// FixTopics returns the topics whose snippets show the fix of code, the one
// Fix uses first; nil when code has no fix in code.
func FixTopics(code string) []string {
	var out []string
	for _, target := range fixes()[code] {
		out = append(out, target.topic)
	}
	return out
}

// Fix returns, for a diagnosis code whose fix is code, the snippet in lang
// that shows the right way and the lines of it to point at, in order and
// without overlap. It returns false when the code's fix is not code or lang
// is unknown.
func Fix(code, lang string) (Snippet, []LineRange, bool) {
	targets := fixes()[code]
	if len(targets) == 0 {
		return Snippet{}, nil, false
	}
	return FixIn(code, lang, targets[0].topic)
}

// FixIn is Fix for a code reported for several payloads, shown in the
// snippet of topic: e.g. uppercase_hex of an X-Hub-Signature in
// webhook-signature rather than in user-hash. It returns false when topic is
// not among FixTopics(code).
func FixIn(code, lang, topic string) (Snippet, []LineRange, bool) {
	for _, target := range fixes()[code] {
		if target.topic != topic {
			continue
		}
		snippet, ok := Get(lang, topic)
		if !ok {
			return Snippet{}, nil, false
		}
		var ranges []LineRange
		for _, place := range target.places {
			found, ok := locate(snippet.Source, places()[lang][topic][place])
			if !ok {
				return Snippet{}, nil, false
			}
			ranges = append(ranges, found...)
		}
		return snippet, mergeRanges(ranges), true
	}
	return Snippet{}, nil, false
}

// locate finds the lines of spans in source; false when a span is missing,
// its from text is on more than one line, or there is no span at all.
func locate(source string, spans []span) ([]LineRange, bool) {
	if len(spans) == 0 {
		return nil, false
	}
	lines := strings.Split(source, "\n")
	var out []LineRange
	for _, s := range spans {
		start := -1
		for i, l := range lines {
			if strings.Contains(l, s.from) {
				if start >= 0 {
					return nil, false
				}
				start = i
			}
		}
		if start < 0 {
			return nil, false
		}
		end := start
		if s.to != "" {
			end = -1
			for i := start; i < len(lines); i++ {
				if strings.Contains(lines[i], s.to) {
					end = i
					break
				}
			}
			if end < 0 {
				return nil, false
			}
		}
		out = append(out, LineRange{Start: start + 1, End: end + 1})
	}
	return out, true
}

// mergeRanges sorts ranges and joins those that overlap or touch.
func mergeRanges(ranges []LineRange) []LineRange {
	slices.SortFunc(ranges, func(a, b LineRange) int { return a.Start - b.Start })
	var out []LineRange
	for _, r := range ranges {
		if n := len(out); n > 0 && r.Start <= out[n-1].End+1 {
			out[n-1].End = max(out[n-1].End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}
