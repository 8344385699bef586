//go:build race

package main

// raceBuild is true in a build with the race detector (make test), which
// reads text about eight times slower: tests of large inputs shrink them.
const raceBuild = true
