//go:build race

package render

// raceBuild is true in a build with the race detector, under which
// sync.Pool drops a share of what is put in it: allocation bounds that
// rely on encoding/json reusing its buffers take that into account.
const raceBuild = true
