//go:build !race

package evidence_test

// raceBuild: see input_race_test.go.
const raceBuild = false
