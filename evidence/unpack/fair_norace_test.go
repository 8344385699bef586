//go:build !race

package unpack_test

// raceBuild: see fair_race_test.go.
const raceBuild = false
