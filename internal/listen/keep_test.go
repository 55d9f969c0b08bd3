package listen

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// BenchmarkKeep is what keeping one request costs, beside its floor: the
// same bytes written to a new file with no care for atomicity. On the 2-core
// VM this project is measured on both are near 200 µs, the file system's own
// cost of a new file, which bounds listen's requests per second with
// keeping on (see docs/performance.md).
func BenchmarkKeep(b *testing.B) {
	raw := make([]byte, 500)
	b.Run("keep", func(b *testing.B) {
		dir := b.TempDir()
		at := time.Now()
		for i := 0; b.Loop(); i++ {
			if _, err := Keep(dir, at, uint64(i), raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("floor-create-write", func(b *testing.B) {
		dir := b.TempDir()
		for i := 0; b.Loop(); i++ {
			f, err := os.OpenFile(filepath.Join(dir, strconv.Itoa(i)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				b.Fatal(err)
			}
			f.Write(raw)
			f.Close()
		}
	})
}
