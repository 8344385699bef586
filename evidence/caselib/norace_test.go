//go:build !race

package caselib

const raceEnabled = false
