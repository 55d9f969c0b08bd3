package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"sync"
)

// derivedKeys caches what the diagnosis engine derives from one secret to try
// its mistake variants. Each part is made on first use and never again, so a
// keystroke in the UI or a line of a batch pays only for the GCM checks, and
// a secret whose variants are never needed costs nothing. Every field is
// guarded by its sync.Once, which makes the cache safe for concurrent use.
type derivedKeys struct {
	forms [numSecretForms]lazySecretForm
	sheet [numSheetKeys]lazySheetKey
}

// lazySecretForm is one form of the secret, derived on first use: a sheet
// user never needs the forms only JWTs try, and a JWT never the others.
type lazySecretForm struct {
	once  sync.Once
	value []byte // nil when the form does not apply to the secret
}

// lazySheetKey is the AES-GCM of one kind of sheet key, for both IV sizes.
type lazySheetKey struct {
	once  sync.Once
	aead  [2]cipher.AEAD // [0] for a 12-byte IV, [1] for a 16-byte one; nil when the kind does not apply
	block cipher.Block   // the AES block cipher itself, for CBC; nil when the kind does not apply
}

// secretForm returns the i-th secret in form f, or nil when the form does not
// apply to it.
func (k *Keyring) secretForm(i int, f secretForm) []byte {
	e := &k.entries[i]
	if f == secretAsIs {
		return e.secret.Value
	}
	lazy := &e.derived.forms[f]
	lazy.once.Do(func() { lazy.value = deriveSecretForm(f, e.secret.Value) })
	return lazy.value
}

// sheetAEAD returns the AES-GCM keyed with the i-th secret's key of this kind
// for IVs of ivSize bytes, or nil when the kind does not apply to the secret.
func (k *Keyring) sheetAEAD(i int, kind sheetKeyKind, ivSize int) cipher.AEAD {
	e := &k.entries[i]
	lazy := &e.derived.sheet[kind]
	lazy.once.Do(func() {
		spec := sheetKeyDerivations[kind]
		secret := k.secretForm(i, spec.form)
		if secret == nil {
			return
		}
		block, err := aes.NewCipher(spec.derive(secret))
		if err != nil {
			return // every derivation makes an AES key; a kind that did not would simply not be tried
		}
		lazy.block = block
		if kind == keyStandard {
			lazy.aead[0] = e.sheet.aead
		} else if lazy.aead[0], err = cipher.NewGCM(block); err != nil {
			lazy.aead[0] = nil
		}
		if lazy.aead[1], err = cipher.NewGCMWithNonceSize(block, longIVSize); err != nil {
			lazy.aead[1] = nil
		}
	})
	if ivSize == longIVSize {
		return lazy.aead[1]
	}
	return lazy.aead[0]
}

// sheetBlock returns the AES block cipher keyed with the i-th secret's key
// of this kind, or nil when the kind does not apply to the secret.
func (k *Keyring) sheetBlock(i int, kind sheetKeyKind) cipher.Block {
	k.sheetAEAD(i, kind, IVSize)
	return k.entries[i].derived.sheet[kind].block
}
