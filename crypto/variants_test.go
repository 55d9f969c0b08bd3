package crypto

import "testing"

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
	forms := dataForms(identifierData{name: "email", value: []byte("Ada@Example.com"), otherName: "user_id", other: []byte("42")})
	variants := digestVariants(forms)
	if first := variants[0]; first != (digestVariant{algorithm: algoHMACSHA256, secret: secretAsIs, data: 0}) || len(first.mistakes(forms)) != 0 {
		t.Fatalf("the first variant is %+v, want HMAC-SHA256 of the data as given", first)
	}
	codes := map[string]bool{}
	for _, v := range variants {
		for _, c := range v.mistakes(forms) {
			codes[c] = true
		}
	}
	for _, want := range []string{"data_whitespace", "email_case", "identifier_choice", "secret_whitespace", "secret_hex_decoded", "swapped_key_message", "wrong_algorithm"} {
		if !codes[want] {
			t.Errorf("no variant stands for %s", want)
		}
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
}
