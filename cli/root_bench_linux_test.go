package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/sealpeek/sealpeek/crypto"
)

// tuiBench is the built binary and a profiles file of 20 profiles, the
// eighth of which seals the payloads.
type tuiBench struct {
	bin, config string
	secret      []byte
}

func newTUIBench(b *testing.B) tuiBench {
	b.Helper()
	dir := b.TempDir()
	t := tuiBench{bin: buildBinary(b, dir), config: filepath.Join(dir, "profiles.toml")}
	var profiles strings.Builder
	for i := range 20 {
		secret := fmt.Sprintf("FAKE-bench-secret-%02d", i)
		if i == 7 {
			t.secret = []byte(secret)
		}
		fmt.Fprintf(&profiles, "[[profile]]\nname = \"profile-%02d\"\nrole = \"oauth\"\nsecret = %q\n\n", i, secret)
	}
	if err := os.WriteFile(t.config, []byte(profiles.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return t
}

// sealedUser is a sealed JSON user whose base64 is about size bytes: an
// Intercom contact with a long list of events.
func (t tuiBench) sealedUser(b *testing.B, size int) []byte {
	var user strings.Builder
	user.WriteString(`{"type":"user","id":"6650f0c3a1b2c3d4e5f60718","user_id":"u_42","email":"ada@example.com","events":[`)
	for i := 0; user.Len() < size*3/4-120; i++ {
		if i > 0 {
			user.WriteByte(',')
		}
		fmt.Fprintf(&user, `{"n":%d,"name":"opened-sheet","at":%d,"by":"Zoë 日本 🚀","ok":true}`, i, 1700000000+i)
	}
	user.WriteString(`]}`)
	cipher, err := crypto.NewSheetCipher(crypto.SheetKey(t.secret))
	if err != nil {
		b.Fatal(err)
	}
	sealed, err := cipher.Seal(nil, []byte(user.String()))
	if err != nil {
		b.Fatal(err)
	}
	return []byte(crypto.EncodeSheetUser(sealed))
}

// BenchmarkTUIStartToFirstFrame is the time from starting the binary (20
// profiles to read) in a 160x48 pseudo-terminal to the first frame it
// writes, the whole screen with its panes (ms-to-frame), and to the frame
// that shows the 20 profiles read (ms-to-profiles). The profiles are read
// in the background, so the first frame may say they are being read.
func BenchmarkTUIStartToFirstFrame(b *testing.B) {
	t := newTUIBench(b)
	var toFrame, toProfiles time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		master, slave := openPTY(b, 160, 48)
		cmd := exec.Command(t.bin, "--config", t.config)
		cmd.Env = []string{"TERM=xterm-256color", "NO_COLOR=1", "HOME=" + b.TempDir()}
		cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
		b.StartTimer()
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		screen := readUntil(b, master, "Diagnostics")
		toFrame += time.Since(start)
		// The header's count of profiles tried is written whole when the
		// reading ends ("0 tried" becomes "20 tried").
		if !bytes.Contains(screen, []byte("20 tried")) {
			readUntil(b, master, "20 tried")
		}
		toProfiles += time.Since(start)
		b.StopTimer()
		cmd.Process.Kill()
		cmd.Wait()
		master.Close()
		slave.Close()
		if !bytes.Contains(screen, []byte("Profiles · 20")) && !bytes.Contains(screen, []byte("Reading 20 profiles")) {
			b.Fatalf("the first frame shows neither the 20 profiles nor that they are being read:\n%q", screen)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(toFrame.Microseconds())/1000/float64(b.N), "ms-to-frame")
	b.ReportMetric(float64(toProfiles.Microseconds())/1000/float64(b.N), "ms-to-profiles")
}

// BenchmarkTUIResidentMemory1MiB pastes a 1 MiB sealed user (a bracketed
// paste, through tmux at 160x48) into the binary with 20 profiles, waits
// for the decrypted user on screen, and reports the process's resident
// memory (VmRSS) and its peak (VmHWM) from /proc.
func BenchmarkTUIResidentMemory1MiB(b *testing.B) {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	t := newTUIBench(b)
	payload := filepath.Join(b.TempDir(), "user.txt")
	if err := os.WriteFile(payload, t.sealedUser(b, 1<<20), 0o600); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		tmux := startTmux(b, b.TempDir(), "rss", "160", "48",
			"env NO_COLOR=1 TERM=xterm-256color HOME="+b.TempDir()+" "+t.bin+" --config "+t.config)
		tmux.waitFor("Paste a sealed user")
		tmux.paste(payload)
		tmux.waitFor("✓ opened by profile-07", `"opened-sheet"`)
		pid := strings.TrimSpace(tmux.run("display-message", "-p", "-t", "rss", "#{pane_pid}"))
		status, err := os.ReadFile("/proc/" + pid + "/status")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(statusMiB(b, status, "VmRSS"), "MiB-RSS")
		b.ReportMetric(statusMiB(b, status, "VmHWM"), "MiB-peak-RSS")
		tmux.kill()
	}
}

// statusMiB reads a "Name:   123 kB" line of /proc/PID/status in MiB.
func statusMiB(b *testing.B, status []byte, name string) float64 {
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, name+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				b.Fatalf("%s: %v", line, err)
			}
			return float64(kb) / 1024
		}
	}
	b.Fatalf("no %s in /proc/PID/status", name)
	return 0
}

// openPTY opens a pseudo-terminal of cols x rows: the master to read what
// the program writes, the slave to give it as its terminal.
func openPTY(b testing.TB, cols, rows uint16) (master, slave *os.File) {
	b.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		b.Skipf("no pseudo-terminals here: %v", err)
	}
	ioctl := func(f *os.File, req uintptr, arg unsafe.Pointer) {
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
			b.Fatalf("ioctl %#x: %v", req, errno)
		}
	}
	var unlock int32
	ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	var n uint32
	ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n))
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		b.Fatal(err)
	}
	size := struct{ rows, cols, x, y uint16 }{rows, cols, 0, 0}
	ioctl(slave, syscall.TIOCSWINSZ, unsafe.Pointer(&size))
	return master, slave
}

// readUntil reads what the program writes to the terminal until it holds
// want, and returns it.
func readUntil(b *testing.B, master *os.File, want string) []byte {
	b.Helper()
	var seen []byte
	buf := make([]byte, 64<<10)
	master.SetReadDeadline(time.Now().Add(10 * time.Second))
	for !bytes.Contains(seen, []byte(want)) {
		n, err := master.Read(buf)
		if err != nil {
			b.Fatalf("reading the terminal: %v; got so far:\n%q", err, seen)
		}
		seen = append(seen, buf[:n]...)
	}
	return seen
}
