package crypto

// Code names a diagnosis: stable, machine-readable, the same in JSON output
// as in the code book (Codes, LookupCode).
type Code string

// The diagnosis codes, in the groups of the code book; LookupCode documents
// each.
const (
	// What cannot be read at all.
	CodeEmptyInput       Code = "empty_input"
	CodeBase64Invalid    Code = "base64_invalid"
	CodeTooShort         Code = "too_short"
	CodeBodyInvalidJSON  Code = "body_invalid_json"
	CodeFormInvalid      Code = "form_invalid"
	CodeUserMissing      Code = "user_missing"
	CodeUserNotEncrypted Code = "user_not_encrypted"

	// What was read after a normalisation.
	CodeJSONString         Code = "json_string"
	CodeJSONUnescaped      Code = "json_unescaped"
	CodePercentDecoded     Code = "percent_decoded"
	CodeFromFormBody       Code = "from_form_body"
	CodeFromJSONBody       Code = "from_json_body"
	CodeFromIntercomData   Code = "from_intercom_data"
	CodePlusAsSpace        Code = "plus_as_space"
	CodeWhitespaceRemoved  Code = "whitespace_removed"
	CodeURLSafeAlphabet    Code = "url_safe_alphabet"
	CodePaddingAdded       Code = "padding_added"
	CodePaddingFixed       Code = "padding_fixed"
	CodeBase64TrailingBits Code = "base64_trailing_bits"
	CodeBOMRemoved         Code = "bom_removed"

	// Findings any payload can bring.
	CodeNoSecret            Code = "no_secret"
	CodeWrongProfile        Code = "wrong_profile"
	CodeWrongRole           Code = "wrong_role"
	CodeSecretWhitespace    Code = "secret_whitespace"
	CodeSecretHexDecoded    Code = "secret_hex_decoded"
	CodeAccessTokenAsSecret Code = "access_token_as_secret"

	// Sheet users.
	CodeAuthFailed   Code = "auth_failed"
	CodeKeyHexDigest Code = "key_hex_digest"
	CodeKeyRawSecret Code = "key_raw_secret"
	CodeTagFirst     Code = "tag_first"
	CodeNonce16      Code = "nonce_16"
	CodeNotJSON      Code = "not_json"

	// Identity verification digests, and what signatures share with them.
	CodeMatch             Code = "match"
	CodeDigestMismatch    Code = "digest_mismatch"
	CodeIdentifierMissing Code = "identifier_missing"
	CodeDigestNotHex      Code = "digest_not_hex"
	CodeDigestLength      Code = "digest_length"
	CodeUppercaseHex      Code = "uppercase_hex"
	CodeDigestBase64      Code = "digest_base64"
	CodeWrongAlgorithm    Code = "wrong_algorithm"
	CodeDataWhitespace    Code = "data_whitespace"
	CodeEmailCase         Code = "email_case"
	CodeIdentifierChoice  Code = "identifier_choice"
	CodeSwappedKeyMessage Code = "swapped_key_message"

	// Signatures of requests.
	CodeSignaturePrefix    Code = "signature_prefix"
	CodeBodyReserialized   Code = "body_reserialized"
	CodeSignatureMalformed Code = "signature_malformed"
	CodeSignatureMismatch  Code = "signature_mismatch"

	// Messenger JWTs.
	CodeJWTMalformed        Code = "jwt_malformed"
	CodeJWTAlg              Code = "jwt_alg"
	CodeJWTSignature        Code = "jwt_signature"
	CodeJWTSignatureForm    Code = "jwt_signature_encoding"
	CodeJWTSecretBase64     Code = "jwt_secret_base64"
	CodeJWTExpired          Code = "jwt_expired"
	CodeJWTNotYetValid      Code = "jwt_not_yet_valid"
	CodeJWTTimeMilliseconds Code = "jwt_time_milliseconds"
	CodeJWTMissingUserID    Code = "jwt_missing_user_id"

	// Reading captures.
	CodeNotSigned          Code = "not_signed"
	CodeSignatureMissing   Code = "signature_missing"
	CodeNothingToVerify    Code = "nothing_to_verify"
	CodeHeaderInvalid      Code = "header_invalid"
	CodeSnippetInvalid     Code = "snippet_invalid"
	CodeCurlInvalid        Code = "curl_invalid"
	CodeInputInvalid       Code = "input_invalid"
	CodeNoBlankLine        Code = "no_blank_line"
	CodeHeaderReplaced     Code = "header_replaced"
	CodeBodyTrimmed        Code = "body_trimmed"
	CodeBodyShort          Code = "body_short"
	CodeNotChunked         Code = "not_chunked"
	CodeChunksJoined       Code = "chunks_joined"
	CodeFromCurl           Code = "from_curl"
	CodeSettingsExpression Code = "settings_expression"
	CodeSignaturesSkipped  Code = "signatures_skipped"

	// Secrets as stored (CheckSecretHygiene, CheckDistinctSecrets).
	CodeSecretSurroundingWhitespace Code = "secret_surrounding_whitespace"
	CodeAppIDAsSecret               Code = "app_id_as_secret"
	CodeAPIKeyAsSecret              Code = "api_key_as_secret"
	CodeDuplicateSecret             Code = "duplicate_secret"

	// The mistakes found in the field (issue 14): the identifier as
	// written, the construction, the secret as stored, the digest as
	// written, the body as logged, and sheet users sealed another way.
	CodeIdentifierNumberForm  Code = "identifier_number_form"
	CodeIdentifierJSONEncoded Code = "identifier_json_encoded"
	CodeIdentifiersJoined     Code = "identifiers_joined"
	CodePlainHash             Code = "plain_hash"
	CodeHMACTruncated         Code = "hmac_truncated"
	CodeSecretBase64Decoded   Code = "secret_base64_decoded"
	CodeSecretQuoted          Code = "secret_quoted"
	CodeSecretKeyValue        Code = "secret_key_value"
	CodeDigestBase64Hex       Code = "digest_base64_hex"
	CodeDigestLeadingZeros    Code = "digest_leading_zeros"
	CodeBodyBOM               Code = "body_bom"
	CodeBodyMojibake          Code = "body_mojibake"
	CodeSheetBase64Twice      Code = "sheet_base64_twice"
	CodeSheetCiphertextBase64 Code = "sheet_ciphertext_base64"
	CodeSheetCBC              Code = "sheet_cbc"
	CodeSheetAES128           Code = "sheet_aes128"
	CodeSheetShortTag         Code = "sheet_short_tag"
	CodeSheetAssociatedData   Code = "sheet_associated_data"
	CodePlaintextJSONTwice    Code = "plaintext_json_twice"
	CodeUserTruncated         Code = "user_truncated"
)
