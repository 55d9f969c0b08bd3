package crypto

import (
	"slices"
	"testing"
)

func TestSheetVariantsCoverEveryCombinationOnceProtocolFirst(t *testing.T) {
	if sheetVariants[0] != protocolSheetVariant {
		t.Fatalf("the first variant is %+v, want the protocol's", sheetVariants[0])
	}
	seen := map[sheetVariant]bool{}
	previous := 0
	for _, v := range sheetVariants {
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
	variants := slices.Collect(digestVariants(k, &forms, nil, nil))
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

// A signature's costly forms (re-serialised bodies) come last, made one at a
// time, each appended to the forms before its variants are listed.
func TestDigestVariantsMakeCostlyFormsLast(t *testing.T) {
	k := &hubSignaturePayload
	forms := []dataForm{{data: []byte(`{"a":"/"}`)}}
	made := 0
	more := func(yield func(dataForm) bool) {
		for f := range reserializedBodies(forms[0].data) {
			made++
			if !yield(f) {
				return
			}
		}
	}
	var seen []digestVariant
	for v := range digestVariants(k, &forms, more, nil) {
		if v.data >= len(forms) {
			t.Fatalf("variant %+v names a form not yet made", v)
		}
		if made > 0 && v.data == 0 {
			t.Fatalf("variant %+v of the body as given after a costly form was made", v)
		}
		seen = append(seen, v)
		if v.data > 0 {
			break
		}
	}
	if seen[0].algorithm != algoHMACSHA1 || made != 1 || len(forms) != 2 || len(seen) < len(k.secretForms)+len(k.algorithms)+1 {
		t.Errorf("first %+v, made %d forms, have %d, after %d variants", seen[0], made, len(forms), len(seen))
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
