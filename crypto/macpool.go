package crypto

import (
	"crypto/hmac"
	"encoding/hex"
	"hash"
	"sync"
)

// macPool keeps HMAC states keyed with one secret, per algorithm. Keying
// an HMAC hashes the key into its inner and outer pads; a state taken from
// here is Reset instead, which restores those pads, so a batch of user_hash
// lines pays for the key once per state, not once per line. A sync.Pool
// gives each goroutine its own state, so the keyring stays safe for
// concurrent use.
type macPool struct {
	pools [numDigestAlgorithms]sync.Pool
}

func newMACPool(secret []byte) *macPool {
	m := &macPool{}
	for a := range numDigestAlgorithms {
		h := digestAlgorithms[a].hash
		m.pools[a].New = func() any { return hmac.New(h, secret) }
	}
	return m
}

// takeMAC returns an HMAC of algorithm a (one for which isHMAC holds) keyed
// with the i-th secret, ready for a message. Give it back with putMAC.
func (k *Keyring) takeMAC(i int, a digestAlgorithm) hash.Hash {
	mac := k.entries[i].macs.pools[a].Get().(hash.Hash)
	mac.Reset()
	return mac
}

// putMAC gives back a state takeMAC returned, for another message.
func (k *Keyring) putMAC(i int, a digestAlgorithm, mac hash.Hash) {
	k.entries[i].macs.pools[a].Put(mac)
}

// userHash is UserHash(k.Secret(i).Value, data), from a kept state.
func (k *Keyring) userHash(i int, data []byte) string {
	mac := k.takeMAC(i, algoHMACSHA256)
	mac.Write(data)
	var sum [32]byte
	digest := hex.EncodeToString(mac.Sum(sum[:0]))
	k.putMAC(i, algoHMACSHA256, mac)
	return digest
}
