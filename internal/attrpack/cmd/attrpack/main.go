// Command attrpack writes the labelled attribution packs, labels.json and
// README.md into a directory.
//
//	go run ./internal/attrpack/cmd/attrpack -out testdata/attribution
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/proofpack/proofpack/internal/attrpack"
	"github.com/proofpack/proofpack/internal/docgen"
)

func main() {
	out := flag.String("out", "testdata/attribution", "directory to write the packs into")
	font := flag.String("cjk-font", docgen.DefaultCJKFontPath, "Japanese OpenType/TrueType font for the screenshots (IPA Gothic)")
	flag.Parse()
	if err := run(*out, *font); err != nil {
		fmt.Fprintln(os.Stderr, "attrpack:", err)
		os.Exit(1)
	}
}

// run builds every file and writes each atomically into dir.
func run(dir, font string) error {
	files, err := attrpack.Build(attrpack.Options{CJKFontPath: font})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	total := 0
	for _, f := range files {
		if err := writeFile(dir, f); err != nil {
			return err
		}
		total += len(f.Data)
	}
	fmt.Printf("wrote %d files into %s (%d bytes)\n", len(files), dir, total)
	return nil
}

// writeFile writes f through a temporary file and a rename.
func writeFile(dir string, f attrpack.File) error {
	tmp, err := os.CreateTemp(dir, ".attrpack-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(f.Data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, f.Name))
}
