// Package sandbox runs a program as a child process in a sandbox of
// empty directories (TMPDIR, HOME and the working directory) and reports
// what the run did: its exit, the signal that ended it, its peak
// resident memory and CPU time, and what it left behind.
//
// The child runs in a process group of its own. It is watched every
// 10 ms and killed with its group when its CPU time passes MaxCPU, its
// wall-clock time passes MaxWall (a hang spends no CPU), or its resident
// memory passes RSSGuard, so that one runaway run cannot take the
// machine down. Its address space can be capped as a backstop.
//
// The corpus check (internal/corpuscheck) runs the triage command on
// every file of the shared corpus this way; the hostile-input tests of
// examples/triage run the command on each hostile input.
//
// Its peak resident memory is the largest VmHWM of /proc/PID/status seen
// while it runs, not the ru_maxrss that wait returns: Go starts a child by
// vfork and exec, and Linux then counts the parent's resident memory (a
// test binary's hundreds of MiB) in the child's ru_maxrss.
//
// Watching and measuring need Linux (/proc, prlimit); elsewhere Supported
// is false and callers skip.
package sandbox
