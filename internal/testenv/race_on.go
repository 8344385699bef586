//go:build race

package testenv

// Race is true in a build with the race detector, under which sync.Pool
// drops a share of what is put in it and allocations are larger:
// allocation bounds that rely on buffers being reused (spool chunks,
// decompressors) take that into account.
const Race = true
