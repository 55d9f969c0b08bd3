package crypto_test

import (
	"encoding/hex"
	"fmt"
)

func hexOf(b []byte) string { return hex.EncodeToString(b) }

// fmtAll formats v with every verb a careless log line might use.
func fmtAll(v any) string {
	return fmt.Sprintf("%v %+v %#v %s %q %x", v, v, v, v, v, v)
}
