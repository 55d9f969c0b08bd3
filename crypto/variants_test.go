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
	if want := int(numSheetKeys) * 4; len(seen) != want {
		t.Errorf("%d variants, want every key kind with every layout: %d", len(seen), want)
	}
}

func TestDigestVariantsStartWithTheProtocol(t *testing.T) {
	k := &userHashPayload
	forms := identifierData{name: "email", value: []byte("Ada@Example.com"), otherName: "user_id", other: []byte("42")}.forms()
	variants := slices.Collect(digestVariants(k, &forms, nil))
	if first := variants[0]; first != (digestVariant{algorithm: algoHMACSHA256, secret: secretAsIs, data: 0}) || len(first.mistakes(k, forms)) != 0 {
		t.Fatalf("the first variant is %+v, want HMAC-SHA256 of the data as given", first)
	}
	// Every algorithm meets every form of the data; the secret's forms and
	// the swap come with the payload's own algorithm.
	if want := len(k.algorithms)*len(forms) + len(k.secretForms) + 1; len(variants) != want {
		t.Errorf("%d variants, want %d", len(variants), want)
	}
	codes := map[Code]bool{}
	for _, v := range variants {
		for _, c := range v.mistakes(k, forms) {
			codes[c] = true
		}
	}
	for _, want := range []Code{"data_whitespace", "email_case", "identifier_choice", "secret_whitespace", "secret_hex_decoded", "swapped_key_message", "wrong_algorithm"} {
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
	for v := range digestVariants(k, &forms, more) {
		if v.data >= len(forms) {
			t.Fatalf("variant %+v names a form not yet made", v)
		}
		if v.data > 0 && made == 0 {
			t.Fatal("a costly form before the cheap variants")
		}
		seen = append(seen, v)
		if len(seen) == len(k.secretForms)+len(k.algorithms)+1 {
			break
		}
	}
	if seen[0].algorithm != algoHMACSHA1 || made != 1 || len(forms) != 2 {
		t.Errorf("first %+v, made %d forms, have %d", seen[0], made, len(forms))
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
