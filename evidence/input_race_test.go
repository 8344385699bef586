//go:build race

package evidence_test

// raceBuild is true in a build with the race detector, under which
// sync.Pool drops a share of what is put in it: allocation bounds that
// rely on buffers being reused take that into account.
const raceBuild = true
