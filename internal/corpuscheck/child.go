package corpuscheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

// Bounds of one run of the triage command.
const (
	// MaxDuration is the longest a run may take (issue 10), counted in
	// CPU time: the user and system time of the run and of the children
	// it has reaped (pdftoppm), sampled every poll from /proc. A run that
	// passes it is killed with its process group and reported. CPU time,
	// not wall-clock time, so that a busy machine does not fail the
	// check: the same runs took up to 47 s of wall-clock time for 16 s of
	// CPU on a machine shared with other test suites.
	MaxDuration = 60 * time.Second
	// hangAfter is the wall-clock time after which a run is killed as
	// hung, whatever its CPU time: a run that waits forever spends none.
	hangAfter = 5 * MaxDuration
	// MaxRSS is the highest peak resident memory a run may reach
	// (issue 10), read from the child's rusage (ru_maxrss).
	MaxRSS = 512 << 20
	// rssGuard is where the harness kills a run whose resident memory
	// keeps growing, so that one runaway run cannot take the machine
	// down; it is reported as over MaxRSS. Resident memory is sampled
	// every rssPoll.
	rssGuard = 2 * MaxRSS
	// poll is how often CPU time and resident memory are sampled.
	poll = 50 * time.Millisecond
	// addressSpaceCap is the child's RLIMIT_AS, a backstop to the guard:
	// the triage with Tesseract reserves about 1.8 GiB of address space
	// at rest, so the cap leaves ample room for real work.
	addressSpaceCap = 4 << 30
	// stderrKeep is how much of a child's standard error is kept, half
	// from its start (a panic's message) and half from its end.
	stderrKeep = 16 << 10
)

// child is one run of a program in a sandbox of empty directories.
type child struct {
	// Bin and Args are the program and its arguments.
	Bin  string
	Args []string
	// Scratch is the directory where the sandbox and the output files
	// are made; the sandbox is removed after the run, the output kept.
	Scratch string
	// MaxCPU and MaxWall are MaxDuration and hangAfter unless set (tests).
	MaxCPU, MaxWall time.Duration
	// Env is added to the sandbox's environment (tests).
	Env []string
}

// result is what one run did.
type result struct {
	// Exit is the exit status; -1 when the process was killed by a signal.
	Exit int
	// Signal names the signal that ended the process, if any.
	Signal string
	// TimedOut: the harness killed the run when its CPU time passed
	// MaxCPU; Hung: when its wall-clock time passed MaxWall.
	TimedOut, Hung bool
	// RSSGuard: the harness killed the run when its resident memory
	// passed rssGuard.
	RSSGuard bool
	Duration time.Duration
	// MaxRSS is the peak resident memory in bytes (ru_maxrss, which
	// covers the child's own children that it waited for).
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
	// "HOME/…" or "cwd/…", each with its size.
	Leftovers []string
	// Err is set when the child could not be started or watched.
	Err error
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

// run runs c and reports what it did. It never returns before the child
// and everything in its process group are gone.
func (c child) run(ctx context.Context) result {
	maxCPU, maxWall := c.MaxCPU, c.MaxWall
	if maxCPU == 0 {
		maxCPU = MaxDuration
	}
	if maxWall == 0 {
		maxWall = hangAfter
	}
	sb, err := newSandbox(c.Scratch)
	if err != nil {
		return result{Exit: -1, Err: fmt.Errorf("sandbox: %w", err)}
	}
	defer os.RemoveAll(sb.root)
	stdout, err := os.CreateTemp(c.Scratch, "stdout-*")
	if err != nil {
		return result{Exit: -1, Err: err}
	}
	defer stdout.Close()
	stderr := &headTail{max: stderrKeep}
	cmd := exec.Command(c.Bin, c.Args...)
	cmd.Dir, cmd.Env = sb.work, sb.environ(c.Env)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	// A grandchild that outlives the child must not keep Wait waiting
	// for the end of standard error.
	cmd.WaitDelay = 5 * time.Second
	setProcessGroup(cmd)

	r := result{Exit: -1, Stdout: stdout.Name()}
	// Pdeathsig follows the thread that started the child.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		r.Err = fmt.Errorf("start: %w", err)
		return r
	}
	pid := cmd.Process.Pid
	if err := capAddressSpace(pid, addressSpaceCap); err != nil {
		r.Err = fmt.Errorf("address-space cap: %w", err)
	}
	done := make(chan struct{})
	var timedOut, hung, guarded atomic.Bool
	go func() {
		timer := time.NewTimer(maxWall)
		defer timer.Stop()
		tick := time.NewTicker(poll)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				killGroup(pid)
				return
			case <-timer.C:
				hung.Store(true)
				killGroup(pid)
				return
			case <-tick.C:
				if cpu, ok := cpuTime(pid); ok && cpu > maxCPU {
					timedOut.Store(true)
					killGroup(pid)
					return
				}
				if rss, ok := residentBytes(pid); ok && rss > rssGuard {
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
	killGroup(pid) // a grandchild (pdftoppm) must not outlive the run
	r.TimedOut, r.Hung, r.RSSGuard = timedOut.Load(), hung.Load(), guarded.Load()
	r.Stderr = stderr.String()
	if ps := cmd.ProcessState; ps != nil {
		r.Exit = ps.ExitCode()
		r.Signal = signalOf(ps)
		r.MaxRSS = peakRSS(ps)
		r.CPU = ps.UserTime() + ps.SystemTime()
	} else if waitErr != nil && r.Err == nil {
		r.Err = fmt.Errorf("wait: %w", waitErr)
	}
	var ee *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &ee) && r.Err == nil {
		r.Err = fmt.Errorf("wait: %w", waitErr)
	}
	normalExit := r.Signal == "" && crashLine(r.Stderr) == ""
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
