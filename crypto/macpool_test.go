package crypto

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestMACPoolGivesUserHash(t *testing.T) {
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
