package tests

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// started is a buildwasm process the test signals: its output so far, and
// a way to wait for a line.
type started struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer // stdout and stderr, as they come
	seen chan struct{}
	done chan struct{} // closed when the process has ended
}

// startBuildwasm starts buildwasm with args in dir with env added; the
// process is killed when the test ends if it is still running.
func startBuildwasm(t *testing.T, dir string, env []string, args ...string) *started {
	t.Helper()
	return startProcess(t, dir, env, append([]string{buildwasmBin}, args...)...)
}

// startProcess starts argv as startBuildwasm starts buildwasm, in a process
// group of its own that the end of the test kills whole.
func startProcess(t *testing.T, dir string, env []string, argv ...string) *started {
	t.Helper()
	s := &started{cmd: exec.Command(argv[0], argv[1:]...), seen: make(chan struct{}, 1), done: make(chan struct{})}
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), env...)
	r, w := io.Pipe()
	s.cmd.Stdout, s.cmd.Stderr = w, w
	ownGroup(s.cmd)
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			s.mu.Lock()
			s.out.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			select {
			case s.seen <- struct{}{}:
			default:
			}
		}
	}()
	go func() {
		s.cmd.Wait()
		w.Close()
		close(s.done)
	}()
	t.Cleanup(func() {
		killGroup(s.cmd)
		<-s.done
	})
	return s
}

// serveURL waits until buildwasm serve has built and said where it serves.
func (s *started) serveURL(t *testing.T) string {
	t.Helper()
	const serving = "buildwasm: serving "
	s.waitFor(t, ", watching ", 2*time.Minute) // the end of the line after the first build
	out := s.output()
	return strings.TrimSuffix(strings.Fields(out[strings.Index(out, serving)+len(serving):])[0], ",")
}

func (s *started) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// waitFor waits until the output contains text.
func (s *started) waitFor(t *testing.T, text string, limit time.Duration) {
	t.Helper()
	deadline := time.After(limit)
	for !strings.Contains(s.output(), text) {
		select {
		case <-s.seen:
		case <-deadline:
			t.Fatalf("no %q in %s:\n%s", text, limit, s.output())
		}
	}
}

// stop sends sig to the process alone (not its group, as a terminal
// would: buildwasm must pass it on) and returns its exit code and how long
// it took to end.
func (s *started) stop(t *testing.T, sig os.Signal, limit time.Duration) (int, time.Duration) {
	t.Helper()
	begin := time.Now()
	s.cmd.Process.Signal(sig)
	select {
	case <-s.done:
	case <-time.After(limit):
		t.Fatalf("still running %s after %v:\n%s", limit, sig, s.output())
	}
	return s.cmd.ProcessState.ExitCode(), time.Since(begin)
}

// privateTemp is a TMPDIR for one command, so the test can see what it
// leaves there. Its path is short: Chromium's socket paths must be.
func privateTemp(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "bw")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// leftovers lists what is in dir, after giving processes a moment to exit.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for range 20 {
		entries, _ := os.ReadDir(dir)
		names = names[:0]
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if len(names) == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return names
}

// processesUsing lists the command lines of running processes that mention
// text (Linux): children a killed parent left behind.
func processesUsing(text string) []string {
	var found []string
	dirs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, f := range dirs {
		b, err := os.ReadFile(f)
		if err == nil && bytes.Contains(b, []byte(text)) {
			found = append(found, strings.ReplaceAll(string(b), "\x00", " "))
		}
	}
	return found
}

// Ctrl-C while the build compresses: it stops within a second or two,
// exits non-zero, and leaves the previous dist/ as it was and no staging
// folder (before, the build ran on, replaced dist/ and exited 0).
func TestInterruptDuringCompression(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	buildDist(t, out, "-dev", "./testdata/nonce")
	before := snapshot(t, out)
	// Brotli 9 of the program takes over a second: time enough to
	// interrupt (at 11, stopping takes 2.3–2.7 s, too near the limit). The
	// nonce keeps the compression cache from having the result.
	nonce := "-ldflags=-X main.nonce=" + strconv.FormatInt(time.Now().UnixNano(), 36)
	s := startBuildwasm(t, ".", nil, "build", nonce, "-o", out, "./testdata/nonce")
	s.waitFor(t, "buildwasm: compressing", 2*time.Minute)
	code, took := s.stop(t, os.Interrupt, 10*time.Second)
	if code == 0 || !strings.Contains(s.output(), "buildwasm build: interrupted") || took > 3*time.Second {
		t.Errorf("exit %d after %v, want non-zero within 3s and 'interrupted':\n%s", code, took, s.output())
	}
	unchanged(t, out, before)
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".buildwasm-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// Ctrl-C during go build, sent to buildwasm alone: go gets an interrupt,
// not a kill, so it removes its work folder and no compiler outlives it.
func TestInterruptDuringGoBuild(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	tmp := privateTemp(t)
	// -a rebuilds every package, so go build is busy when the signal comes.
	s := startBuildwasm(t, ".", []string{"TMPDIR=" + tmp}, "build", "-a", "-o", filepath.Join(t.TempDir(), "dist"), "../examples/hello")
	for deadline := time.Now().Add(time.Minute); len(processesUsing(tmp)) < 2; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("go build started no compiler in a minute:\n%s", s.output())
		}
	}
	code, _ := s.stop(t, os.Interrupt, 15*time.Second)
	if code == 0 || !strings.Contains(s.output(), "interrupted") {
		t.Errorf("exit %d, want non-zero and 'interrupted':\n%s", code, s.output())
	}
	if left := leftovers(t, tmp); len(left) > 0 {
		t.Errorf("go's temporary files left in TMPDIR: %v", left)
	}
	if procs := processesUsing(tmp); len(procs) > 0 {
		t.Errorf("processes left running:\n%s", strings.Join(procs, "\n"))
	}
}

// SIGTERM (timeout, systemd, Docker, IDE stop buttons) ends every command
// as Ctrl-C does, temporary files removed: serve's builds, exec -browser's
// Chromium profile, and buildwasm test's runs.
func TestTerminateRemovesTemporaryFiles(t *testing.T) {
	deadlock := program(t, "deadlock", nil)
	cases := []struct {
		name  string
		args  []string
		env   []string
		ready string // output that says the command is at work
	}{
		{"serve", []string{"serve", "-addr", "127.0.0.1:0", "../examples/hello"}, nil, "buildwasm: built in"},
		// A deadlocked program waits in a page until it is stopped.
		{"exec -browser", []string{"exec", "-browser", deadlock}, nil, ""},
		{"test", []string{"test", "-v", "-timeout", "5m", "-run", "TestBlockWhenAsked", "./testdata/wasmtests"}, []string{"WASMTESTS_BLOCK=1"}, "=== RUN   TestBlockWhenAsked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmp := privateTemp(t)
			s := startBuildwasm(t, ".", append(c.env, "TMPDIR="+tmp), c.args...)
			if c.ready != "" {
				s.waitFor(t, c.ready, 2*time.Minute)
			} else {
				for deadline := time.Now().Add(time.Minute); len(processesUsing(tmp)) < 2; time.Sleep(50 * time.Millisecond) {
					if time.Now().After(deadline) {
						t.Fatalf("no browser started in a minute:\n%s", s.output())
					}
				}
				time.Sleep(time.Second)
			}
			code, _ := s.stop(t, syscall.SIGTERM, 20*time.Second)
			if code == 0 || !strings.Contains(s.output(), "interrupted") {
				t.Errorf("exit %d after SIGTERM, want non-zero and 'interrupted':\n%s", code, s.output())
			}
			if left := leftovers(t, tmp); len(left) > 0 {
				t.Errorf("left in TMPDIR: %v\n%s", left, s.output())
			}
			if procs := processesUsing(tmp); len(procs) > 0 {
				t.Errorf("processes left running:\n%s", strings.Join(procs, "\n"))
			}
		})
	}
}

// A long TMPDIR (macOS's is ~50 bytes) would push Chromium's socket path
// past its limit: exec -browser still runs, and leaves nothing behind.
func TestExecBrowserLongTMPDIR(t *testing.T) {
	tmp := filepath.Join(t.TempDir(), strings.Repeat("long", 10))
	os.MkdirAll(tmp, 0o755)
	before, _ := filepath.Glob("/tmp/bwc*")
	got := run(t, "", []string{"TMPDIR=" + tmp}, buildwasmBin, "exec", "-browser", program(t, "echo", nil), "x")
	if got.code != 0 || !strings.Contains(got.stdout, "args: x") {
		t.Errorf("exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	if left := leftovers(t, tmp); len(left) > 0 {
		t.Errorf("left in TMPDIR: %v", left)
	}
	if after, _ := filepath.Glob("/tmp/bwc*"); len(after) > len(before) {
		t.Errorf("left in /tmp: %v", after)
	}
}
