package crypto

// Keyring holds the secrets sealpeek may try, in the user's order, with each
// one's derived keys computed once: a keystroke in the UI or a line of a batch
// re-uses them instead of hashing every secret again.
type Keyring struct {
	entries []keyEntry
}

type keyEntry struct {
	secret  Secret
	sheet   *SheetCipher // keyed with SheetKey(secret.Value)
	derived *derivedKeys // the keys of the mistake variants, made on first use
	macs    *macPool     // HMAC states keyed with the secret, re-used across checks
	label   string       // secret.Label(), made once: every match message names it
}

// NewKeyring derives the keys of every secret. Names should be unique: the
// first secret of a name is the one Find returns. The keys of the mistakes
// the diagnosis engine tries are derived later, on first use, once per
// secret. A Keyring is safe for concurrent use.
func NewKeyring(secrets ...Secret) *Keyring {
	k := &Keyring{entries: make([]keyEntry, len(secrets))}
	for i, s := range secrets {
		sheet, err := NewSheetCipher(SheetKey(s.Value))
		if err != nil {
			panic(err) // SheetKey always returns KeySize bytes
		}
		k.entries[i] = keyEntry{secret: s, sheet: sheet, derived: &derivedKeys{}, macs: newMACPool(s.Value), label: s.Label()}
	}
	return k
}

// Len returns how many secrets the keyring holds.
func (k *Keyring) Len() int {
	if k == nil {
		return 0
	}
	return len(k.entries)
}

// Secret returns the i-th secret.
func (k *Keyring) Secret(i int) Secret { return k.entries[i].secret }

// label is the i-th secret's Label.
func (k *Keyring) label(i int) string { return k.entries[i].label }

// Find returns the index of the secret with this name, or -1.
func (k *Keyring) Find(name string) int {
	for i := range k.Len() {
		if k.entries[i].secret.Name == name {
			return i
		}
	}
	return -1
}

// Order returns the indexes of the secrets in the order to try them: the
// chosen one first (when the name is found), then those whose role is role,
// then the rest, each group in keyring order.
func (k *Keyring) Order(chosen string, role Role) []int {
	order := make([]int, 0, k.Len())
	first := k.Find(chosen)
	if chosen != "" && first >= 0 {
		order = append(order, first)
	}
	for pass := 0; pass < 2; pass++ {
		for i := range k.Len() {
			if i == first {
				continue
			}
			if fits := k.entries[i].secret.Role == role; fits == (pass == 0) {
				order = append(order, i)
			}
		}
	}
	return order
}
