package crypto

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestSheetVariantsCoverEveryCombinationOnceProtocolFirst(t *testing.T) {
	if sheetVariants()[0] != protocolSheetVariant {
		t.Fatalf("the first variant is %+v, want the protocol's", sheetVariants()[0])
	}
	seen := map[sheetVariant]bool{}
	previous := 0
	for _, v := range sheetVariants() {
		if seen[v] {
			t.Errorf("%+v is listed twice", v)
		}
		seen[v] = true
		if n := len(v.mistakes()); n < previous {
			t.Errorf("%+v (%d mistakes) comes after a variant with %d", v, n, previous)
		} else {
			previous = n
		}
	}
	if want := int(numSheetKeys) * len(sheetLayouts); len(seen) != want {
		t.Errorf("%d variants, want every key kind with every layout: %d", len(seen), want)
	}
}

func TestDigestVariantsStartWithTheProtocol(t *testing.T) {
	k := &userHashPayload
	forms := identifierData{name: "email", value: []byte("Ada@Example.com"), otherName: "user_id", other: []byte("42")}.forms()
	variants := slices.Concat(slices.Collect(digestSingles(k, forms)), slices.Collect(digestPairs(k, len(forms), nil)))
	if first := variants[0]; first != (digestVariant{algorithm: algoHMACSHA256, secret: secretAsIs, data: 0}) || len(first.mistakes(k, forms)) != 0 {
		t.Fatalf("the first variant is %+v, want HMAC-SHA256 of the data as given", first)
	}
	// Every algorithm meets every form of the data; the secret's forms and
	// the swap come with the payload's own algorithm; then, bounded, pairs.
	seen := map[digestVariant]bool{}
	for _, v := range variants {
		if seen[v] {
			t.Errorf("%+v is listed twice", v)
		}
		seen[v] = true
	}
	nf, na, ns := len(forms)-1, len(k.algorithms), len(k.secretForms)
	singles := 1 + ns + 1 + (na - 1) + (2*len(plainHashes) - 1) + 2 + nf*na
	pairs := min(maxPairs, ns*nf+ns*(na-1)+nf*(1+len(plainHashes)))
	if len(variants) != singles+pairs {
		t.Errorf("%d variants, want %d with one mistake (or a data form and an algorithm) and %d pairs", len(variants), singles, pairs)
	}
	codes := map[Code]bool{}
	for _, v := range variants {
		for _, c := range v.mistakes(k, forms) {
			codes[c] = true
		}
	}
	for _, want := range []Code{"data_whitespace", "email_case", "identifier_choice", "secret_whitespace", "secret_hex_decoded", "swapped_key_message", "wrong_algorithm",
		"plain_hash", "hmac_truncated", "secret_base64_decoded", "secret_quoted", "secret_key_value", "identifier_json_encoded", "identifiers_joined"} {
		if !codes[want] {
			t.Errorf("no variant stands for %s", want)
		}
	}
}

// A signature's costly forms (re-serialised bodies) are tried after every
// single mistake over the cheap forms, all at once, each hashed from the
// start it shares with the one before it in byte order: the right one is
// found, and fewer bytes are hashed than the forms hold.
func TestMoreRoundSharesPrefixes(t *testing.T) {
	body := []byte(`{"url":"https://example.com/a/b","name":"Zoë","notes":"` + strings.Repeat("x", 2000) + `"}`)
	var total int
	var signed []byte
	for f := range reserializedBodies(body) {
		total += len(f.data)
		if strings.Contains(f.what, "compact") && strings.Contains(f.what, `'\/'`) {
			signed = f.data
		}
	}
	if signed == nil {
		t.Fatal("no re-serialisation escapes '/'")
	}
	secrets := []Secret{{Name: "a", Role: RoleOAuth, Value: []byte("secret-a")}, {Name: "b", Role: RoleOAuth, Value: []byte("secret-b")}}
	ring := NewKeyring(secrets...)
	k := &bodySignaturePayload
	e := readExpected(k, SignatureValue(HeaderBodySignature, secrets[1].Value, signed))
	d := newDigestSearch(k, ring, e.readings, []dataForm{{data: body}}, k.dataNoun)
	if _, _, found := d.moreRound([]int{0}, reserializedBodies(body)); found {
		t.Fatal("found with the wrong secret")
	}
	if d.hashed >= total*3/5 {
		t.Errorf("hashed %d bytes for one secret, whose forms hold %d", d.hashed, total)
	}
	d = newDigestSearch(k, ring, e.readings, []dataForm{{data: body}}, k.dataNoun)
	v, i, found := d.moreRound([]int{0, 1}, reserializedBodies(body))
	if !found || i != 1 || !bytes.Equal(d.forms[v.data].data, signed) || d.forms[v.data].code != CodeBodyReserialized {
		t.Fatalf("found %v with secret %d, form %q", found, i, d.forms[v.data].what)
	}
}

func TestDeriveSecretFormsDoNotRepeat(t *testing.T) {
	plain := []byte("plain-secret")
	if deriveSecretForm(secretTrimmed, plain) != nil || deriveSecretForm(secretHexDecoded, plain) != nil {
		t.Error("a secret without whitespace or hex gets no trimmed or hex-decoded form")
	}
	if got := deriveSecretForm(secretNewline, []byte("s\n")); got != nil {
		t.Errorf("a secret ending in a newline gets no newline form, got %q", got)
	}
	if got := string(deriveSecretForm(secretTrimmed, []byte(" s\t\n"))); got != "s" {
		t.Errorf("trimmed form %q, want \"s\"", got)
	}
	if got := deriveSecretForm(secretHexDecoded, []byte("0aff")); len(got) != 2 || got[1] != 0xff {
		t.Errorf("hex-decoded form %x, want 0aff", got)
	}
	if got := string(deriveSecretForm(secretCRLF, []byte("s"))); got != "s\r\n" {
		t.Errorf("CRLF form %q", got)
	}
	if got := deriveSecretForm(secretBase64Decoded, []byte("c2hvcnQ=")); got != nil {
		t.Errorf("a secret that decodes to a few bytes gets no base64 form, got %q", got)
	}
	if got := string(deriveSecretForm(secretBase64Decoded, []byte(" c2VhbHBlZWsgbWVzc2VuZ2VyIHNlY3JldA==\n"))); got != "sealpeek messenger secret" {
		t.Errorf("base64-decoded form %q", got)
	}
}

func TestDeriveSecretFormsAsStored(t *testing.T) {
	for _, c := range []struct {
		form        secretForm
		stored, got string // got "" for no form
	}{
		{secretUnquoted, `"s3cret"`, "s3cret"},
		{secretUnquoted, " 's3cret'\n", "s3cret"},
		{secretUnquoted, `"s3cret'`, ""},
		{secretUnquoted, "s3cret", ""},
		{secretQuoted, "s3cret", `"s3cret"`},
		{secretQuoted, `"s3cret"`, ""},
		{secretKeyValue, "INTERCOM_SECRET=s3cret\n", "s3cret"},
		{secretKeyValue, `export INTERCOM_SECRET="s3cret"`, "s3cret"},
		{secretKeyValue, "c2VjcmV0cw==", ""}, // base64 padding is no NAME=value
		{secretKeyValue, "9x=s3cret", ""},    // a name cannot start with a digit
	} {
		if got := string(deriveSecretForm(c.form, []byte(c.stored))); got != c.got {
			t.Errorf("form %d of %q = %q, want %q", c.form, c.stored, got, c.got)
		}
	}
}

func TestSheetLayoutsSplitWithinTheData(t *testing.T) {
	data := make([]byte, 16+64)
	for _, l := range sheetLayouts {
		s, ok := l.split(data)
		if !ok {
			t.Errorf("%+v does not split %d bytes", l, len(data))
			continue
		}
		if got := len(s.IV.Bytes) + len(s.Ciphertext.Bytes) + len(s.Tag.Bytes); l.mode != modeBase64CT && got != len(data) {
			t.Errorf("%+v: parts of %d bytes, want %d", l, got, len(data))
		}
	}
	if _, ok := (sheetLayout{longIVSize, false, 0, modeCBC}).split(make([]byte, 16+20)); ok {
		t.Error("CBC split data that is not whole blocks")
	}
}
