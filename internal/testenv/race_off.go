//go:build !race

package testenv

// Race is true in a build with the race detector (see race_on.go).
const Race = false
