//go:build !unix

package main

import (
	"os/exec"
	"testing"
)

// ownProcessGroup does nothing where there are no process groups.
func ownProcessGroup(*exec.Cmd) {}

// killProcessGroup does nothing where there are no process groups.
func killProcessGroup(*testing.T, *exec.Cmd) {}
