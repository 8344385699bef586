//go:build !race

package render

// raceBuild: see race_test.go.
const raceBuild = false
