package crypto

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
)

// keyedMACs keeps HMAC-SHA256 states keyed with one secret. Keying an HMAC
// hashes the key into its inner and outer pads; a state taken from here and
// Reset restores those pads instead, so a batch of user_hash lines pays for
// the key once per state, not once per line. A sync.Pool gives each
// goroutine its own state, so the keyring stays safe for concurrent use.
type keyedMACs struct {
	pool sync.Pool
}

func newKeyedMACs(secret []byte) *keyedMACs {
	return &keyedMACs{pool: sync.Pool{New: func() any { return hmac.New(sha256.New, secret) }}}
}

// userHash is UserHash(k.Secret(i).Value, data), from a kept state.
func (k *Keyring) userHash(i int, data []byte) string {
	macs := k.entries[i].macs
	mac := macs.pool.Get().(hash.Hash)
	mac.Reset()
	mac.Write(data)
	var sum [sha256.Size]byte
	digest := hex.EncodeToString(mac.Sum(sum[:0]))
	macs.pool.Put(mac)
	return digest
}
