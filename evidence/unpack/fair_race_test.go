//go:build race

package unpack_test

// raceBuild is true in a build with the race detector, under which
// sync.Pool drops a share of what is put in it: allocation bounds that
// rely on buffers being reused (spool chunks, decompressors) take that
// into account.
const raceBuild = true
