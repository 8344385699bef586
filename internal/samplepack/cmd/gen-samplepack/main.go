// Command gen-samplepack writes the sample proof pack
// (fujitsu-proofpack.zip) into a directory.
//
//	go run ./internal/samplepack/cmd/gen-samplepack -out testdata/sample
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/samplepack"
)

func main() {
	out := flag.String("out", "testdata/sample", "directory to write "+samplepack.FileName+" into")
	font := flag.String("cjk-font", docgen.DefaultCJKFontPath, "Japanese OpenType/TrueType font for the screenshots (IPA Gothic)")
	flag.Parse()
	if err := run(*out, *font); err != nil {
		fmt.Fprintln(os.Stderr, "gen-samplepack:", err)
		os.Exit(1)
	}
}

// run builds the pack and writes it atomically into dir.
func run(dir, font string) error {
	data, err := samplepack.Build(samplepack.Options{CJKFontPath: font})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".gen-samplepack-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	dst := filepath.Join(dir, samplepack.FileName)
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes, sha256 %x)\n", dst, len(data), sha256.Sum256(data))
	return nil
}
