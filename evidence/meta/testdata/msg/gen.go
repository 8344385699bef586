//go:build ignore

// gen rewrites the Outlook message fixtures of this directory. They are
// built by the test builders of msg_test.go (msgCP932, msgEmbedded) with
// the package's own compound-file writer, so that the committed files and
// the tests never drift apart: run `go run gen.go` in this directory.
package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestMSGFixtureFiles$", ".", "-args", "-msg.update")
	cmd.Dir = "../.."
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
