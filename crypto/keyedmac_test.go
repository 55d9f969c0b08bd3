package crypto

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestKeyedMACsGiveUserHash(t *testing.T) {
	secrets := []Secret{{Name: "a", Value: []byte("secret")}, {Name: "b", Value: []byte(strings.Repeat("long key ", 20))}}
	ring := NewKeyring(secrets...)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for n := range 200 {
				data := []byte(fmt.Sprint("user-", g, "-", n))
				for i, s := range secrets {
					if got, want := ring.userHash(i, data), UserHash(s.Value, data); got != want {
						t.Errorf("userHash(%d, %q) = %s, want %s", i, data, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if got := ring.userHash(0, []byte("Message")); got != "aa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597" {
		t.Fatalf("the published vector: %s", got)
	}
}

// protocolMatch must find what the full search finds first whenever it
// finds anything: the same variant and secret, with nothing matched by a
// mistaken reading of the expected digest.
func TestProtocolMatchIsTheSearchsFirstRound(t *testing.T) {
	secrets := []Secret{
		{Name: "web", Role: RoleIdentity, Value: []byte("identity-web")},
		{Name: "ios", Role: RoleIdentity, Value: []byte("identity-ios")},
		{Name: "oauth", Role: RoleOAuth, Value: []byte("oauth")},
		{Name: "same-as-web", Role: RoleIdentity, Value: []byte("identity-web")},
		{Name: "spaced", Role: RoleIdentity, Value: []byte(" identity-web\n")},
	}
	ring := NewKeyring(secrets...)
	datas := []string{"184632", "ada@example.com", " 184632\n", ""}
	found := 0
	for _, data := range datas {
		id := identifierData{value: []byte(data)}
		var expecteds []string
		for _, s := range secrets {
			h := UserHash(s.Value, []byte(data))
			expecteds = append(expecteds, h, strings.ToUpper(h), h[:40], UserHash(s.Value, []byte(strings.TrimSpace(data))))
		}
		for _, chosen := range []string{"", "web", "ios", "oauth", "spaced"} {
			order := ring.Order(chosen, RoleIdentity)
			for _, expected := range expecteds {
				d, v, i, ok := protocolMatch(ring, order, id, expected, ring.userHash(order[0], id.value))
				if !ok {
					continue
				}
				found++
				full := &digestSearch{ring: ring, expected: readExpected(expected), forms: dataForms(id)}
				full.variants = digestVariants(full.forms)
				fv, fi, fok := search(len(full.variants), order, full.try)
				if !fok || fv != v || fi != i || full.matched.code != d.matched.code ||
					full.variants[fv] != d.variants[v] || string(full.forms[full.variants[fv].data].data) != string(d.forms[d.variants[v].data].data) {
					t.Errorf("data %q expected %s chosen %q: protocolMatch gives variant %d secret %d, the search %d %d (%v, %q)",
						data, expected, chosen, v, i, fv, fi, fok, full.matched.code)
				}
			}
		}
	}
	if found < 20 {
		t.Fatalf("protocolMatch matched only %d times: the test checks too little", found)
	}
}
