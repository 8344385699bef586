package sandbox

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

// Defaults of Child's bounds.
const (
	// DefaultMaxCPU is the CPU time after which a child is killed.
	DefaultMaxCPU = 60 * time.Second
	// DefaultMaxWall is the wall-clock time after which a child is killed
	// as hung, whatever its CPU time: a run that waits forever spends none.
	DefaultMaxWall = 5 * DefaultMaxCPU
	// DefaultRSSGuard is the resident memory at which a child is killed,
	// so that one runaway run cannot take the machine down.
	DefaultRSSGuard = 1 << 30
	// poll is how often CPU time and resident memory are sampled.
	poll = 10 * time.Millisecond
	// stderrKeep is how much of a child's standard error is kept, half
	// from its start (a panic's message) and half from its end.
	stderrKeep = 16 << 10
)

// Child is one run of a program in a sandbox of empty directories.
type Child struct {
	// Bin and Args are the program and its arguments.
	Bin  string
	Args []string
	// Scratch is the directory where the sandbox and the output files
	// are made; the sandbox is removed after the run, the output kept.
	Scratch string
	// MaxCPU, MaxWall and RSSGuard bound the run; zero means the
	// package's default. A child past one of them is killed with its
	// process group.
	MaxCPU, MaxWall time.Duration
	RSSGuard        int64
	// AddressSpace, when not zero, is the child's RLIMIT_AS, a backstop
	// to RSSGuard. Leave it zero for programs built with -race, which
	// reserve terabytes of address space.
	AddressSpace uint64
	// Env is added to the sandbox's environment.
	Env []string
	// Stdin is the child's standard input; nil reads /dev/null.
	Stdin io.Reader
	// Interrupt, when not zero, sends SIGINT to the child this long
	// after its start (SIGTERM with Signal set).
	Interrupt time.Duration
	Signal    os.Signal
	// InterruptAfterOutput counts Interrupt from the child's first byte
	// of standard output (seen within a poll interval) rather than from
	// its start: a program that writes once it catches its signals (the
	// triage's first NDJSON line) is then never signalled before it can
	// handle it, however slowly a loaded machine starts it.
	InterruptAfterOutput bool
}

// Result is what one run did.
type Result struct {
	// Exit is the exit status; -1 when the process was killed by a signal.
	Exit int
	// Signal names the signal that ended the process, if any.
	Signal string
	// TimedOut: the sandbox killed the run when its CPU time passed
	// MaxCPU; Hung: when its wall-clock time passed MaxWall.
	TimedOut, Hung bool
	// RSSGuard: the sandbox killed the run when its resident memory
	// passed the guard.
	RSSGuard bool
	// Duration is the run's wall-clock time; Interrupted, when the child
	// was sent a signal, how long it ran after that.
	Duration, Interrupted time.Duration
	// MaxRSS is the child's peak resident memory in bytes: the largest
	// VmHWM read from /proc while it ran, every 10 ms, so a peak reached
	// in its last 10 ms is missed; its own children are not counted.
	// ru_maxrss is not used: Linux carries the parent's resident memory
	// into it when a large process (a test binary) starts the child, as
	// Go does, by vfork and exec.
	MaxRSS int64
	// CPU is the user and system time of the child and the children it
	// waited for: the cost of the run, which other load on the machine
	// changes far less than Duration.
	CPU time.Duration
	// Stdout is the file that holds the child's standard output.
	Stdout string
	// Stderr is the child's standard error, cut to stderrKeep.
	Stderr string
	// Leftovers lists what the run left in its sandbox: "TMPDIR/…",
	// "HOME/…" or "cwd/…", each with its size. TMPDIR counts only after
	// a normal exit: a killed or crashed run had no chance to clean up.
	Leftovers []string
	// Err is set when the child could not be started or watched.
	Err error
}

// Crashed returns the line of standard error that shows the child
// crashed, or "" when it did not.
func (r Result) Crashed() string {
	if l := CrashLine(r.Stderr); l != "" {
		return l
	}
	if r.Signal != "" && !r.TimedOut && !r.Hung && !r.RSSGuard && r.Interrupted == 0 {
		return "killed by " + r.Signal
	}
	return ""
}

// crashPattern matches the first line of what the Go runtime, glibc or
// libstdc++ print when a process dies.
var crashPattern = regexp.MustCompile(`(?m)^(panic: |fatal error: |runtime: out of memory|SIG[A-Z]+: |terminate called|.*: Assertion .* failed|malloc\(\): |free\(\): |double free|\*\*\* stack smashing).*$`)

// CrashLine returns the first line of stderr that marks a crash, or "".
func CrashLine(stderr string) string {
	return crashPattern.FindString(stderr)
}

// sandbox is the three empty directories a child runs in.
type sandbox struct {
	root, tmp, home, work string
}

var sandboxes atomic.Int64

func newSandbox(scratch string) (*sandbox, error) {
	root := filepath.Join(scratch, fmt.Sprintf("sandbox-%d", sandboxes.Add(1)))
	s := &sandbox{root: root, tmp: filepath.Join(root, "tmp"), home: filepath.Join(root, "home"), work: filepath.Join(root, "cwd")}
	for _, d := range []string{s.tmp, s.home, s.work} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// leftovers lists every entry under the sandbox's directories. tmp says
// whether TMPDIR counts: a run that was killed or crashed had no chance
// to remove the library's temporary directory.
func (s *sandbox) leftovers(tmp bool) []string {
	var out []string
	dirs := []struct{ label, dir string }{{"cwd", s.work}, {"HOME", s.home}}
	if tmp {
		dirs = append(dirs, struct{ label, dir string }{"TMPDIR", s.tmp})
	}
	for _, d := range dirs {
		_ = filepath.WalkDir(d.dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, fmt.Sprintf("%s: %v", d.label, err))
				return nil
			}
			if p == d.dir {
				return nil
			}
			rel, _ := filepath.Rel(d.dir, p)
			desc := d.label + "/" + filepath.ToSlash(rel)
			switch info, err := e.Info(); {
			case err != nil:
			case e.IsDir():
				desc += "/"
			case e.Type().IsRegular():
				desc += fmt.Sprintf(" (%d bytes)", info.Size())
			default:
				desc += " (" + info.Mode().Type().String() + ")"
			}
			out = append(out, desc)
			return nil
		})
	}
	sort.Strings(out)
	return out
}

// environ is the child's environment: the caller's, with TMPDIR, HOME
// and the working directory pointing into the sandbox, the XDG base
// directories removed (so that they fall back to HOME), the Go runtime's
// memory settings removed (the triage command sets its own, as users get
// it) and OMP_THREAD_LIMIT=1 set, which the command would otherwise set
// by re-executing itself.
func (s *sandbox) environ(extra []string) []string {
	drop := map[string]bool{
		"HOME": true, "TMPDIR": true, "TMP": true, "TEMP": true, "PWD": true,
		"XDG_CACHE_HOME": true, "XDG_CONFIG_HOME": true, "XDG_DATA_HOME": true, "XDG_STATE_HOME": true, "XDG_RUNTIME_DIR": true,
		"GOMEMLIMIT": true, "GOGC": true, "GODEBUG": true, "GOTRACEBACK": true, "OMP_THREAD_LIMIT": true,
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			env = append(env, kv)
		}
	}
	env = append(env, "HOME="+s.home, "TMPDIR="+s.tmp, "PWD="+s.work, "OMP_THREAD_LIMIT=1")
	return append(env, extra...)
}

// Run runs c and reports what it did. It never returns before the child
// and everything in its process group are gone.
func (c Child) Run(ctx context.Context) Result {
	maxCPU, maxWall, rssGuard := cmp.Or(c.MaxCPU, DefaultMaxCPU), cmp.Or(c.MaxWall, DefaultMaxWall), cmp.Or(c.RSSGuard, DefaultRSSGuard)
	sb, err := newSandbox(c.Scratch)
	if err != nil {
		return Result{Exit: -1, Err: fmt.Errorf("sandbox: %w", err)}
	}
	defer os.RemoveAll(sb.root)
	stdout, err := os.CreateTemp(c.Scratch, "stdout-*")
	if err != nil {
		return Result{Exit: -1, Err: err}
	}
	defer stdout.Close()
	stderr := &headTail{max: stderrKeep}
	cmd := exec.Command(c.Bin, c.Args...)
	cmd.Dir, cmd.Env = sb.work, sb.environ(c.Env)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Stdin, stdout, stderr
	// A grandchild that outlives the child must not keep Wait waiting
	// for the end of standard error.
	cmd.WaitDelay = 5 * time.Second
	setProcessGroup(cmd)

	r := Result{Exit: -1, Stdout: stdout.Name()}
	// Pdeathsig follows the thread that started the child.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		r.Err = fmt.Errorf("start: %w", err)
		return r
	}
	pid := cmd.Process.Pid
	if c.AddressSpace > 0 {
		if err := capAddressSpace(pid, c.AddressSpace); err != nil {
			r.Err = fmt.Errorf("address-space cap: %w", err)
		}
	}
	done := make(chan struct{})
	var timedOut, hung, guarded atomic.Bool
	var peak atomic.Int64
	sample := func() (rss int64) {
		rss, hwm, ok := memory(pid)
		if ok && hwm > peak.Load() {
			peak.Store(hwm)
		}
		return rss
	}
	sample()                   // Start returned after the exec: this is the child's own memory
	var signalled atomic.Int64 // nanoseconds since start when the signal was sent
	go func() {
		timer := time.NewTimer(maxWall)
		defer timer.Stop()
		var interrupt <-chan time.Time
		arm := func() {
			it := time.NewTimer(c.Interrupt)
			interrupt = it.C
		}
		armed := c.Interrupt <= 0
		if !armed && !c.InterruptAfterOutput {
			arm()
			armed = true
		}
		tick := time.NewTicker(poll)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				killGroup(pid)
				return
			case <-interrupt:
				sig := c.Signal
				if sig == nil {
					sig = os.Interrupt
				}
				signalled.Store(int64(time.Since(start)))
				_ = cmd.Process.Signal(sig)
			case <-timer.C:
				hung.Store(true)
				killGroup(pid)
				return
			case <-tick.C:
				if !armed {
					if st, err := stdout.Stat(); err == nil && st.Size() > 0 {
						arm()
						armed = true
					}
				}
				if cpu, ok := cpuTime(pid); ok && cpu > maxCPU {
					timedOut.Store(true)
					killGroup(pid)
					return
				}
				if rss := sample(); rss > rssGuard {
					guarded.Store(true)
					killGroup(pid)
					return
				}
			}
		}
	}()
	waitErr := cmd.Wait()
	close(done)
	r.Duration = time.Since(start)
	if at := time.Duration(signalled.Load()); at > 0 {
		r.Interrupted = r.Duration - at
	}
	killGroup(pid) // a grandchild (pdftoppm) must not outlive the run
	r.TimedOut, r.Hung, r.RSSGuard = timedOut.Load(), hung.Load(), guarded.Load()
	r.Stderr = stderr.String()
	if ps := cmd.ProcessState; ps != nil {
		r.Exit = ps.ExitCode()
		r.Signal = signalOf(ps)
		r.MaxRSS = peak.Load()
		r.CPU = ps.UserTime() + ps.SystemTime()
	} else if waitErr != nil && r.Err == nil {
		r.Err = fmt.Errorf("wait: %w", waitErr)
	}
	var ee *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &ee) && r.Err == nil {
		r.Err = fmt.Errorf("wait: %w", waitErr)
	}
	normalExit := r.Signal == "" && CrashLine(r.Stderr) == ""
	r.Leftovers = sb.leftovers(normalExit)
	return r
}

// headTail keeps the first and the last max/2 bytes written to it.
type headTail struct {
	max     int
	head    bytes.Buffer
	tail    []byte
	dropped int64
}

func (h *headTail) Write(p []byte) (int, error) {
	n := len(p)
	if room := h.max/2 - h.head.Len(); room > 0 {
		k := min(room, len(p))
		h.head.Write(p[:k])
		p = p[k:]
	}
	h.tail = append(h.tail, p...)
	if over := len(h.tail) - h.max/2; over > 0 {
		h.dropped += int64(over)
		h.tail = append(h.tail[:0], h.tail[over:]...)
	}
	return n, nil
}

func (h *headTail) String() string {
	if h.dropped == 0 {
		return h.head.String() + string(h.tail)
	}
	return fmt.Sprintf("%s\n[… %d bytes …]\n%s", h.head.String(), h.dropped, h.tail)
}
