package reader

import (
	"strings"
	"testing"
)

func TestCurlANSIString(t *testing.T) {
	var b strings.Builder
	src := `a\x41\101\u00e9\U0001F600\n\q'rest`
	n, err := curlANSIString(src, &b)
	if err != nil || b.String() != "aAAé😀\n\\q" || n != strings.IndexByte(src, '\'')+1 {
		t.Errorf("got %q, %d, %v", b.String(), n, err)
	}
}
