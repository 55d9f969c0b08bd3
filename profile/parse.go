package profile

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/sealpeek/sealpeek/crypto"
	"github.com/sealpeek/sealpeek/internal/snippets"
)

// fieldsHelp lists what a profile may hold, for messages about other keys.
const fieldsHelp = "a profile has name, role, workspace, platform, lang and one of secret_env, secret_file, secret_cmd or secret"

// Parse reads profiles from TOML data; origin names the data in errors (a
// path, or e.g. "the demo profiles"). It checks what is written, not whether
// the secrets can be read: that is Resolve's job. Parse does no I/O, so it
// does not check file permissions either: Load does.
func Parse(data []byte, origin string) (*Store, error) {
	// Decoding into a generic map keeps the library to syntax, where its
	// errors carry a position; types and meaning are checked here, with the
	// lines found by scanLayout, so every message names its line and field.
	spans, err := scanShape(data, origin)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil, tomlError(err, data, spans, origin)
	}
	layout := scanLayout(data)
	store := &Store{Origin: origin}
	for _, key := range sortedByLine(doc, layout.top) {
		if key != "profile" {
			return nil, &ConfigError{Origin: origin, Line: layout.top[key], Field: keyShown(key),
				Reason: fmt.Sprintf("unknown key %s; the file holds only [[profile]] tables", quoteKey(key))}
		}
	}
	tables, ok := profileTables(doc["profile"])
	if !ok && doc["profile"] != nil {
		return nil, &ConfigError{Origin: origin, Line: layout.top["profile"], Field: "profile",
			Reason: "profile must be a list of tables, written as [[profile]] blocks"}
	}
	if len(layout.blocks) != len(tables) {
		layout.blocks = nil // written some other way (inline tables): no line numbers
	}
	seen := map[string]Profile{}
	for i, table := range tables {
		lines := blockLayout{keys: map[string]int{}}
		if layout.blocks != nil {
			lines = layout.blocks[i]
		}
		p, err := buildProfile(table, lines, origin)
		if err != nil {
			return nil, err
		}
		if first, dup := seen[p.Name]; dup {
			return nil, &ConfigError{Origin: origin, Line: lines.line("name"), Field: "name",
				Reason: fmt.Sprintf("the name '%s' is already used by the profile %s; names must be unique", p.Name, at(first.Line))}
		}
		seen[p.Name] = p
		store.Profiles = append(store.Profiles, p)
	}
	return store, nil
}

// buildProfile turns one [[profile]] table into a Profile, refusing unknown
// keys, values that are not strings, a missing or second secret source, and
// whatever Profile.validate refuses.
func buildProfile(table map[string]any, lines blockLayout, origin string) (Profile, error) {
	p := Profile{Line: lines.header}
	fail := func(field, reason string) (Profile, error) {
		return Profile{}, &ConfigError{Origin: origin, Line: lines.line(field), Field: field, Reason: reason}
	}
	var sources []string
	for _, key := range sortedByLine(table, lines.keys) {
		value, isString := table[key].(string)
		switch key {
		case "name", "role", "workspace", "platform", "lang", string(SourceEnv), string(SourceFile), string(SourceCommand), string(SourceLiteral):
			if !isString {
				return fail(key, fmt.Sprintf("%s must be a string in quotes, not %s", key, tomlKind(table[key])))
			}
		default:
			p, err := fail(key, fmt.Sprintf("unknown key %s; %s", quoteKey(key), fieldsHelp))
			err.(*ConfigError).Field = keyShown(key)
			return p, err
		}
		switch key {
		case "name":
			p.Name = value
		case "role":
			p.Role = crypto.Role(value)
		case "workspace":
			p.Workspace = value
		case "platform":
			p.Platform = value
		case "lang":
			p.Lang = value
		default:
			sources = append(sources, key)
			if len(sources) > 1 {
				return fail(key, fmt.Sprintf("the profile already has %s; give exactly one of secret_env, secret_file, secret_cmd or secret", sources[0]))
			}
			p.Source = SourceKind(key)
			if p.Source == SourceLiteral {
				p.literal = []byte(value)
			} else {
				p.Ref = value
			}
		}
	}
	if field, why := p.validate(); why != "" {
		return fail(field, why)
	}
	// An alias ("js", "py") is kept as the language it names, so that
	// every reader compares one spelling.
	if p.Lang != "" {
		p.Lang, _ = snippets.Language(p.Lang)
	}
	return p, nil
}

// keyShown is a key as an error may name it: a key that starts like a
// secret's but is none of them may be a secret run into its key ("secret
// =" mistyped), so only its start is shown.
func keyShown(key string) string {
	switch key {
	case string(SourceLiteral), string(SourceEnv), string(SourceFile), string(SourceCommand):
		return key
	}
	if holdsSecret(key) && !looksLikeAKeyName(key) {
		return "secret…"
	}
	return key
}

// looksLikeAKeyName tells a mistyped key (secret_command) from a secret run
// into its key: a name is short lowercase words.
func looksLikeAKeyName(key string) bool {
	if len(key) > 20 {
		return false
	}
	for _, c := range key {
		if (c < 'a' || c > 'z') && c != '_' {
			return false
		}
	}
	return true
}

// quoteKey quotes a key for a message, or says it is not shown.
func quoteKey(key string) string {
	if shown := keyShown(key); shown != key {
		return `"secret…" (the rest is not shown: it may be a secret)`
	}
	return strconv.Quote(key)
}

// tomlError words the TOML library's refusal. Its message quotes what it
// could not read, so on a line that holds a secret, or when it quotes the
// text of one, sealpeek names the line and says what is wrong itself.
func tomlError(err error, data []byte, spans secretSpans, origin string) *ConfigError {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &ConfigError{Origin: origin, Reason: "not valid TOML"}
	}
	n := pe.Position.Line
	span, onSecret := spans.at(n)
	if onSecret || holdsSecret(pe.LastKey) || quotesSecretText(pe.Message, data, spans) {
		field := keyShown(lastField(span.key))
		if !holdsSecret(field) {
			field = "secret" // a key under a secret… one
		}
		problem := "not valid TOML"
		if onSecret && n == span.first {
			problem = secretValueProblem(lineText(data, n))
		}
		return &ConfigError{Origin: origin, Line: n, Field: field,
			Reason: problem + " (the value is not shown: it may be a secret)"}
	}
	return &ConfigError{Origin: origin, Line: n, Field: lastField(pe.LastKey),
		Reason: "not valid TOML: " + strings.TrimSuffix(pe.Message, ".")}
}

// lineText is the text of line n (1-based) of data.
func lineText(data []byte, n int) string {
	for i := 1; i < n; i++ {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			return ""
		}
		data = data[nl+1:]
	}
	if nl := bytes.IndexByte(data, '\n'); nl >= 0 {
		data = data[:nl]
	}
	return string(data)
}

// profileTables accepts both [[profile]] blocks and an inline array of tables.
func profileTables(v any) ([]map[string]any, bool) {
	switch list := v.(type) {
	case []map[string]any:
		return list, true
	case []any:
		tables := make([]map[string]any, len(list))
		for i, item := range list {
			table, ok := item.(map[string]any)
			if !ok {
				return nil, false
			}
			tables[i] = table
		}
		return tables, true
	}
	return nil, false
}

// tomlKind names a decoded value's TOML type for messages.
func tomlKind(v any) string {
	switch v.(type) {
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	}
	return "a date"
}

// lastField is the last part of a dotted key such as "profile.role".
func lastField(key string) string {
	return key[strings.LastIndexByte(key, '.')+1:]
}

// at says where a profile is, for a message: "at line 7", or "above" when
// its line is unknown.
func at(line int) string {
	if line > 0 {
		return fmt.Sprintf("at line %d", line)
	}
	return "above"
}

// sortedByLine returns a table's keys in the order they are written, so the
// first problem reported is the first one in the file.
func sortedByLine[V any](table map[string]V, lines map[string]int) []string {
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := lines[keys[i]], lines[keys[j]]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}
