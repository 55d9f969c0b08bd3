package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sealpeek/sealpeek/internal/report"
)

// BenchmarkTUIPasteToResult is the real binary in tmux at 160x48 with 20
// profiles: from the bracketed paste of a sealed user (1 MiB, then just
// under the 16 MiB input limit) to the screen that shows it opened, the
// terminal's delivery of the paste, the terminal library's reading of it
// and the analysis included (the screen is polled every 20 ms). It reports
// that time, and the process's resident memory then (VmRSS) and at its
// peak (VmHWM). Run it with:
//
//	go test ./cli -run XXX -bench TUIPasteToResult -benchtime 3x
func BenchmarkTUIPasteToResult(b *testing.B) {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	t := newTUIBench(b)
	for _, size := range []int{1 << 20, 16<<20 - 64<<10} {
		b.Run(report.ByteCount(size), func(b *testing.B) {
			payload := filepath.Join(b.TempDir(), "user.txt")
			if err := os.WriteFile(payload, t.sealedUser(b, size), 0o600); err != nil {
				b.Fatal(err)
			}
			var total time.Duration
			var rss, peak float64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				tmux := startTmux(b, b.TempDir(), "paste", "160", "48",
					"env NO_COLOR=1 TERM=xterm-256color HOME="+b.TempDir()+" "+t.bin+" --config "+t.config)
				tmux.waitFor("Paste a sealed user")
				tmux.run("load-buffer", payload)
				b.StartTimer()
				start := time.Now()
				tmux.run("paste-buffer", "-p", "-t", "paste")
				tmux.waitFor("✓ opened by profile-07", "Plaintext · decrypted user")
				total += time.Since(start)
				b.StopTimer()
				pid := strings.TrimSpace(tmux.run("display-message", "-p", "-t", "paste", "#{pane_pid}"))
				status, err := os.ReadFile("/proc/" + pid + "/status")
				if err != nil {
					b.Fatal(err)
				}
				rss, peak = statusMiB(b, status, "VmRSS"), statusMiB(b, status, "VmHWM")
				tmux.kill()
				b.StartTimer()
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-result")
			b.ReportMetric(rss, "MiB-RSS")
			b.ReportMetric(peak, "MiB-peak-RSS")
		})
	}
}
