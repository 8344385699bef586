//go:build race

package main

// raceEnabled is true in a build with the race detector (make test), which
// reads text about eight times slower: tests of large inputs shrink them.
const raceEnabled = true
