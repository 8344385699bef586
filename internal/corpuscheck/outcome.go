package corpuscheck

import (
	"github.com/proofpack/proofpack/internal/sandbox"

	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
)

// Status is how a run of the triage command ended, in the words of its
// documentation (examples/triage, README "The triage command").
type Status string

// Statuses. Only StatusTriaged, StatusUnreadable, StatusNotOpened and
// StatusPasswordNeeded are outcomes the command documents for a file we
// give it; every other one is a failure.
const (
	// StatusTriaged: exit 0 and a JSON report.
	StatusTriaged Status = "0 triaged"
	// StatusUnreadable: exit 1, "evidence: package unreadable", and the
	// partial JSON report: an archive of which nothing could be read.
	StatusUnreadable Status = "1 package unreadable"
	// StatusNotOpened: exit 1, "evidence: cannot open package", no
	// report.
	StatusNotOpened Status = "1 cannot open package"
	// StatusPasswordNeeded: exit 3 and a JSON report with the problem
	// password_needed: nothing could be read for want of a password.
	StatusPasswordNeeded Status = "3 password needed"
	// StatusOtherExit: any other exit status or message (a status 1 for
	// another reason, 2 usage error, 130 interrupted, …).
	StatusOtherExit Status = "other exit"
	// StatusCrash: a Go panic or fatal error, or a signal from inside.
	StatusCrash Status = "crash"
	// StatusTimeout: killed by the harness after MaxDuration of CPU time.
	StatusTimeout Status = "killed: over 60 s CPU"
	// StatusHung: killed by the harness after hangAfter of wall-clock time.
	StatusHung Status = "killed: hung"
	// StatusMemory: killed by the harness's memory guard.
	StatusMemory Status = "killed: memory guard"
	// StatusNotRun: the harness could not start the command.
	StatusNotRun Status = "not run"
)

// Messages the command prints (with "triage: " in front) for the two
// documented status-1 outcomes.
const (
	msgUnreadable = "evidence: package unreadable"
	msgNotOpened  = "evidence: cannot open package"
)

// outcome is the verdict on one run.
type outcome struct {
	Status Status
	// Message is the line of standard error that explains a non-zero
	// status, or the crash's first line.
	Message string
	// Failures gives every reason the run fails the corpus check; empty
	// for a run that passes.
	Failures []string
	// Report is the parsed JSON report, when the run wrote one.
	Report *evidence.Report
}

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
	// down; it is reported as over MaxRSS.
	rssGuard = 2 * MaxRSS
	// addressSpaceCap is the child's RLIMIT_AS, a backstop to the guard:
	// the triage with Tesseract reserves about 1.8 GiB of address space
	// at rest, so the cap leaves ample room for real work.
	addressSpaceCap = 4 << 30
)

// triageChild is one run of the triage command within the corpus
// check's bounds.
func triageChild(bin string, args []string, scratch string) sandbox.Child {
	return sandbox.Child{Bin: bin, Args: args, Scratch: scratch, MaxCPU: MaxDuration, MaxWall: hangAfter, RSSGuard: rssGuard, AddressSpace: addressSpaceCap}
}

// triageMessage returns the first "triage: " line of stderr that is not
// a warning or a note, without the prefix.
func triageMessage(stderr string) string {
	if m := triageMessages(stderr); len(m) > 0 {
		return m[0]
	}
	return ""
}

// triageMessages returns every "triage: " line of stderr that is not a
// warning or a note, without the prefix: a hint (the volumes of a split
// archive missing) may come before the error that set the status.
func triageMessages(stderr string) []string {
	var out []string
	for _, line := range strings.Split(stderr, "\n") {
		msg, ok := strings.CutPrefix(strings.TrimSpace(line), "triage: ")
		if !ok || strings.HasPrefix(msg, "warning:") || strings.HasPrefix(msg, "note:") {
			continue
		}
		out = append(out, msg)
	}
	return out
}

// messageWith returns the first of msgs that contains s.
func messageWith(msgs []string, s string) (string, bool) {
	for _, m := range msgs {
		if strings.Contains(m, s) {
			return m, true
		}
	}
	return "", false
}

// classify judges a finished run: its status, and every failure.
func classify(r sandbox.Result) outcome {
	var o outcome
	fail := func(format string, args ...any) { o.Failures = append(o.Failures, fmt.Sprintf(format, args...)) }
	rep, repErr := readReport(r.Stdout)
	crash := sandbox.CrashLine(r.Stderr)
	msg := triageMessage(r.Stderr)
	msgs := triageMessages(r.Stderr)
	unreadable, isUnreadable := messageWith(msgs, msgUnreadable)
	notOpened, isNotOpened := messageWith(msgs, msgNotOpened)
	switch {
	case r.Err != nil && r.Exit == -1 && r.Signal == "":
		o.Status, o.Message = StatusNotRun, r.Err.Error()
		fail("not run: %v", r.Err)
	case r.TimedOut:
		o.Status, o.Message = StatusTimeout, fmt.Sprintf("still running after %s of CPU (%s wall-clock)", r.CPU.Round(100*time.Millisecond), r.Duration.Round(100*time.Millisecond))
		fail("over %s: killed after %s of CPU time (%s wall-clock)", MaxDuration, r.CPU.Round(100*time.Millisecond), r.Duration.Round(100*time.Millisecond))
	case r.Hung:
		o.Status, o.Message = StatusHung, fmt.Sprintf("still running after %s wall-clock (%s of CPU)", r.Duration.Round(100*time.Millisecond), r.CPU.Round(100*time.Millisecond))
		fail("hung: killed after %s wall-clock, having used %s of CPU time", r.Duration.Round(100*time.Millisecond), r.CPU.Round(100*time.Millisecond))
	case r.RSSGuard:
		o.Status, o.Message = StatusMemory, fmt.Sprintf("resident memory passed %d MiB", rssGuard>>20)
		fail("peak RSS over %d MiB: killed when it passed %d MiB", MaxRSS>>20, rssGuard>>20)
	case crash != "" || r.Signal != "":
		o.Status, o.Message = StatusCrash, crash
		if o.Message == "" {
			o.Message = "killed by " + r.Signal
		} else if r.Signal != "" {
			o.Message += " (" + r.Signal + ")"
		}
		if strings.Contains(crash, "out of memory") || strings.Contains(crash, "bad_alloc") || strings.Contains(crash, "cannot allocate") {
			o.Message += fmt.Sprintf(" [under the %d GiB address-space cap]", addressSpaceCap>>30)
		}
		fail("crash: %s", o.Message)
	case r.Exit == 0:
		o.Status = StatusTriaged
		if repErr != nil {
			fail("exit 0 without a readable JSON report: %v", repErr)
		}
	case r.Exit == 1 && isUnreadable:
		o.Status, o.Message = StatusUnreadable, unreadable
		if repErr != nil {
			fail("exit 1 (package unreadable) without the partial JSON report: %v", repErr)
		}
	case r.Exit == 1 && isNotOpened:
		o.Status, o.Message = StatusNotOpened, notOpened
	case r.Exit == 3:
		o.Status, o.Message = StatusPasswordNeeded, msg
		switch {
		case repErr != nil:
			fail("exit 3 (password needed) without the JSON report: %v", repErr)
		case !hasProblem(rep.Problems, evidence.ProblemPasswordNeeded):
			fail("exit 3 (password needed) without the problem %s in the report", evidence.ProblemPasswordNeeded)
		}
	default:
		o.Status, o.Message = StatusOtherExit, fmt.Sprintf("exit %d: %s", r.Exit, msg)
		if msg == "" {
			o.Message = fmt.Sprintf("exit %d: %s", r.Exit, lastLine(r.Stderr))
		}
		fail("undocumented outcome: %s", o.Message)
	}
	if repErr == nil {
		o.Report = rep
	}
	if r.MaxRSS > MaxRSS && !r.RSSGuard {
		fail("peak RSS %d MiB > %d MiB", r.MaxRSS>>20, MaxRSS>>20)
	}
	if len(r.Leftovers) > 0 {
		fail("wrote outside the library's temporary directory (or left it behind): %s", strings.Join(cut(r.Leftovers, 5), ", "))
	}
	return o
}

// readReport parses the JSON report in the file at path.
func readReport(path string) (*evidence.Report, error) {
	if path == "" {
		return nil, fmt.Errorf("no output")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("empty output")
	}
	rep := new(evidence.Report)
	if err := json.Unmarshal(b, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// cut returns at most n elements of s, the last saying how many more.
func cut(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(s[:n:n], fmt.Sprintf("and %d more", len(s)-n))
}

// hasProblem reports whether ps holds a problem of the code.
func hasProblem(ps []evidence.Problem, code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}
