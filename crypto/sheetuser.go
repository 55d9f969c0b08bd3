package crypto

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/sealpeek/sealpeek/internal/reader"
)

// Container is where a sheet user was found in what was pasted.
type Container string

// Containers of a sheet user.
const (
	ContainerBare Container = "bare"      // the encoded user alone
	ContainerJSON Container = "json body" // a JSON object with user or intercom_data
	ContainerForm Container = "form body" // a form body with intercom_data=<json>
)

const byteOrderMark = "\ufeff"

// Note records one normalisation applied to an input, so that nothing is
// fixed silently. Code is stable; Message says what was done to this input.
type Note struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// EncodedUser is a sheet user read from a paste: where it was found, its
// canonical base64, the decoded bytes, and every normalisation applied.
type EncodedUser struct {
	Container Container
	Base64    string // standard alphabet, padded
	Sealed    []byte // the decoded IV ‖ ciphertext ‖ tag
	Notes     []Note
	// IDs are the ids of the body around the user (workspace_id, app_id,
	// component_id), which a sender may have sealed as associated data.
	IDs []EnclosingID
}

// EnclosingID is one id of the body a sheet user was read from.
type EnclosingID struct {
	Name, Value string
}

// enclosingIDNames are the fields of an open-sheet body a sender may have
// authenticated beside the user.
var enclosingIDNames = []string{"workspace_id", "app_id", "component_id"}

// DecodeSheetUser reads a sheet user as a person pastes it: the bare value in
// standard or URL-safe base64, with or without padding, wrapped with newlines,
// percent-encoded or JSON-escaped; or a whole JSON or form body holding it.
//
// It always returns the EncodedUser with the notes gathered so far, so a
// caller can show what was learned even when the error is not nil. The error,
// when there is one, is an *InputError.
func DecodeSheetUser(input []byte) (*EncodedUser, error) {
	u := &EncodedUser{Container: ContainerBare}
	text, field, base, err := u.extract(input)
	if err != nil {
		return u, err
	}
	if sealed, ok := decodeCanonical(text); ok {
		// What Intercom sends, so most pastes and every line of a clean
		// batch: decoded in one pass, with nothing to normalise or note.
		u.Base64, u.Sealed = text, sealed
		return u, nil
	}
	canonical, err := u.normaliseBase64(text, field, base)
	if err != nil {
		return u, err
	}
	sealed, err := base64.StdEncoding.DecodeString(canonical)
	if err != nil {
		var corrupt base64.CorruptInputError
		offset := -1
		if errors.As(err, &corrupt) {
			offset = int(corrupt)
		}
		return u, &InputError{Code: CodeBase64Invalid, Field: field, Offset: offset, Length: -1,
			Reason: fmt.Sprintf("the %s does not decode as base64 (at offset %d of the normalised text)", field, offset)}
	}
	u.Sealed = sealed
	if u.Base64 = EncodeSheetUser(sealed); u.Base64 != canonical {
		u.note(CodeBase64TrailingBits, "the last base64 character carries bits that no encoder sets, which were ignored")
	}
	return u, nil
}

func (u *EncodedUser) note(code Code, format string, args ...any) {
	u.Notes = append(u.Notes, Note{Code: code, Message: fmt.Sprintf(format, args...)})
}

// extract finds the encoded user in the input and undoes any escaping around
// it. It returns the text, the name of the field it came from, and the offset
// of that text in the input (0 when it was unescaped from a container).
func (u *EncodedUser) extract(input []byte) (text, field string, base int, err error) {
	if rest, ok := bytes.CutPrefix(input, []byte(byteOrderMark)); ok {
		// Windows editors save files with a byte-order mark; it is not part of the value.
		u.note(CodeBOMRemoved, "removed the byte-order mark (U+FEFF) that starts the input")
		input = rest
	}
	trimmed := bytes.TrimSpace(input)
	base = len(input) - len(bytes.TrimLeftFunc(input, unicode.IsSpace))
	if len(trimmed) == 0 {
		return "", "input", 0, &InputError{Code: CodeEmptyInput, Field: "input", Offset: -1, Length: 0,
			Reason: "the input is empty: paste a sheet user, or a JSON or form body that holds one"}
	}
	switch {
	case trimmed[0] == '{':
		u.Container = ContainerJSON
		text, field, err = u.fromJSONBody(trimmed)
		return text, field, 0, err
	case reader.LooksLikeForm(trimmed):
		u.Container = ContainerForm
		text, field, err = u.fromFormBody(string(trimmed))
		return text, field, 0, err
	case trimmed[0] == '"':
		var s string
		if jerr := json.Unmarshal(trimmed, &s); jerr != nil {
			return "", "input", 0, &InputError{Code: CodeBase64Invalid, Field: "input", Offset: base, Length: -1,
				Reason: "the input starts with a quote but is not a valid JSON string: copy the value without its quotes, or with both"}
		}
		u.note(CodeJSONString, "removed the surrounding quotes and decoded the JSON string escapes")
		return s, "user value", 0, nil
	}
	text = string(trimmed)
	if strings.Contains(text, `\`) {
		var s string
		if json.Unmarshal([]byte(`"`+text+`"`), &s) == nil && s != text {
			u.note(CodeJSONUnescaped, `decoded JSON escapes such as \/ and \u002b (the value was copied from JSON-encoded text)`)
			text, base = s, 0
		}
	}
	if strings.Contains(text, "%") {
		if s, perr := url.PathUnescape(text); perr == nil && s != text {
			u.note(CodePercentDecoded, "decoded percent-escapes such as %%2B and %%3D (the value was copied from a URL or form body)")
			text, base = s, 0
		}
	}
	return text, "input", base, nil
}

func (u *EncodedUser) fromFormBody(body string) (string, string, error) {
	values, err := url.ParseQuery(body)
	if err != nil {
		return "", "form body", &InputError{Code: CodeFormInvalid, Field: "form body", Offset: -1, Length: -1,
			Reason: fmt.Sprintf("the input looks like a form body but cannot be decoded: %v", err)}
	}
	if data, ok := values["intercom_data"]; ok {
		u.note(CodeFromFormBody, "decoded the form body and read its intercom_data field")
		return u.fromJSONText([]byte(data[0]), "intercom_data")
	}
	u.note(CodeFromFormBody, "decoded the form body and read its user field")
	return values.Get("user"), "user field", nil
}

func (u *EncodedUser) fromJSONBody(body []byte) (string, string, error) {
	at := len(u.Notes)
	text, field, err := u.fromJSONText(body, "JSON body")
	if err == nil {
		// Said only once a user was found, and before how it was reached.
		u.Notes = slices.Insert(u.Notes, at, Note{Code: CodeFromJSONBody, Message: "read the user from a JSON body"})
	}
	return text, field, err
}

// fromJSONText reads the user from a JSON object: its user field, or the user
// field of the JSON held (as a string or an object) in its intercom_data.
func (u *EncodedUser) fromJSONText(text []byte, field string) (string, string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(text, &obj); err != nil {
		offset := -1
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			offset = int(syntax.Offset)
		}
		reason := fmt.Sprintf("the %s is not a valid JSON object: %v", field, err)
		if offset >= 0 {
			reason = fmt.Sprintf("the %s is not a valid JSON object: %v (offset %d)", field, err, offset)
		}
		return "", field, &InputError{Code: CodeBodyInvalidJSON, Field: field, Offset: offset, Length: -1, Reason: reason}
	}
	for _, name := range enclosingIDNames {
		var v string
		if raw, ok := obj[name]; ok && json.Unmarshal(raw, &v) == nil && v != "" && len(u.IDs) < 8 {
			u.IDs = append(u.IDs, EnclosingID{name, v})
		}
	}
	if raw, ok := obj["user"]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s, "user field", nil
		}
		if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 && trimmed[0] == '{' {
			return "", "user field", &InputError{Code: CodeUserNotEncrypted, Field: "user field", Offset: -1, Length: -1,
				Reason: "the user field is a plain JSON object, not an encrypted user (submit-sheet requests send it unencrypted)"}
		}
		return "", "user field", &InputError{Code: CodeUserMissing, Field: "user field", Offset: -1, Length: -1,
			Reason: "the user field is not a string, so it holds no encrypted user"}
	}
	if raw, ok := obj["intercom_data"]; ok {
		inner := []byte(raw)
		var s string
		if json.Unmarshal(raw, &s) == nil {
			inner = []byte(s)
		}
		u.note(CodeFromIntercomData, "read the user field of the JSON in intercom_data")
		return u.fromJSONText(inner, "intercom_data")
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 8 {
		keys = append(keys[:8], "…")
	}
	return "", field, &InputError{Code: CodeUserMissing, Field: field, Offset: -1, Length: -1,
		Reason: fmt.Sprintf("the %s has no user or intercom_data field (it has: %s)", field, strings.Join(keys, ", "))}
}

// normaliseBase64 turns any accepted form of base64 into the padded standard
// alphabet, noting each change, or says which character is not base64 and
// where. base is the offset of text in what the user pasted.
func (u *EncodedUser) normaliseBase64(text, field string, base int) (string, error) {
	if text == "" {
		return "", &InputError{Code: CodeEmptyInput, Field: field, Offset: -1, Length: 0,
			Reason: fmt.Sprintf("the %s is empty", field)}
	}
	var (
		spaces, breaks int
		firstURL       = -1
		firstStd       = -1
		firstPad       = -1
		b              strings.Builder
	)
	b.Grow(len(text) + 3)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == ' ' && u.Container == ContainerForm:
			// A '+' sent unescaped in a form body arrives as a space.
			spaces++
			c = '+'
			if firstStd < 0 {
				firstStd = i
			}
		case c == ' ' || c == '\t':
			spaces++
			continue
		case c == '\n' || c == '\r':
			breaks++
			continue
		case c == '=':
			if firstPad < 0 {
				firstPad = i
			}
		case c == '-' || c == '_':
			if firstURL < 0 {
				firstURL = i
			}
			if c == '-' {
				c = '+'
			} else {
				c = '/'
			}
		case c == '+' || c == '/':
			if firstStd < 0 {
				firstStd = i
			}
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			return "", &InputError{Code: CodeBase64Invalid, Field: field, Offset: base + i, Length: -1,
				Reason: fmt.Sprintf("the %s is not base64: %s at offset %d is not a base64 character", field, quoteChar(text, i), base+i)}
		}
		if firstPad >= 0 && c != '=' {
			return "", &InputError{Code: CodeBase64Invalid, Field: field, Offset: base + firstPad, Length: -1,
				Reason: fmt.Sprintf("the %s is not base64: padding '=' at offset %d is followed by more data at offset %d (two values pasted together?)", field, base+firstPad, base+i)}
		}
		b.WriteByte(c)
	}
	if firstURL >= 0 && firstStd >= 0 {
		return "", &InputError{Code: CodeBase64Invalid, Field: field, Offset: base + max(firstURL, firstStd), Length: -1,
			Reason: fmt.Sprintf("the %s mixes the URL-safe base64 alphabet (%s at offset %d) with the standard one (%s at offset %d)",
				field, quoteChar(text, firstURL), base+firstURL, quoteChar(text, firstStd), base+firstStd)}
	}
	if u.Container == ContainerForm && spaces > 0 {
		u.note(CodePlusAsSpace, "turned %s back into '+' (a '+' sent unescaped in a form body decodes as a space)", plural(spaces, "space"))
		spaces = 0
	}
	if spaces > 0 || breaks > 0 {
		u.note(CodeWhitespaceRemoved, "removed %s (Ruby's Base64.encode64 wraps every 60 characters)", countsOf(breaks, "line break", spaces, "space"))
	}
	if firstURL >= 0 {
		u.note(CodeURLSafeAlphabet, "read the URL-safe base64 alphabet ('-' and '_' for '+' and '/')")
	}
	s := b.String()
	unpadded := strings.TrimRight(s, "=")
	padding := len(s) - len(unpadded)
	if unpadded == "" {
		return "", &InputError{Code: CodeEmptyInput, Field: field, Offset: -1, Length: 0,
			Reason: fmt.Sprintf("the %s holds no base64 characters, only padding or whitespace", field)}
	}
	switch len(unpadded) % 4 {
	case 1:
		return "", &InputError{Code: CodeBase64Invalid, Field: field, Offset: -1, Length: len(unpadded),
			Reason: fmt.Sprintf("the %s has %d base64 characters, a length no base64 encoding produces: a character is missing or extra", field, len(unpadded))}
	case 0:
		if padding != 0 {
			u.note(CodePaddingFixed, "removed %d '=' that no base64 encoder adds to this length", padding)
		}
		return unpadded, nil
	default:
		want := 4 - len(unpadded)%4
		if padding == 0 {
			u.note(CodePaddingAdded, "added the missing '=' padding (%s)", plural(want, "character"))
		} else if padding != want {
			u.note(CodePaddingFixed, "corrected the '=' padding from %d to %s", padding, plural(want, "character"))
		}
		return unpadded + strings.Repeat("=", want), nil
	}
}

// decodeCanonical decodes text when it is already what an encoder makes,
// with nothing to normalise or note: the standard alphabet, padded, no
// stray trailing bits. The strict standard decoder refuses everything else
// but line breaks, which it skips and normaliseBase64 notes, so those are
// ruled out first.
func decodeCanonical(text string) ([]byte, bool) {
	if text == "" || strings.IndexByte(text, '\n') >= 0 || strings.IndexByte(text, '\r') >= 0 {
		return nil, false
	}
	sealed, err := base64.StdEncoding.Strict().DecodeString(text)
	return sealed, err == nil
}

// Diagnosis reports the note as an information diagnosis.
func (n Note) Diagnosis() Diagnosis {
	return Diagnosis{Code: n.Code, Severity: SeverityInfo, Message: n.Message, Fix: codeInfo(n.Code).Fix}
}
