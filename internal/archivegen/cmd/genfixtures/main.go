// Command genfixtures writes the committed 7z fixtures of proofpack into a
// directory (testdata/archives), with a README.md listing each file, how it
// was made and its SHA-256. It needs the 7zz command (Debian package 7zip).
//
// Unencrypted fixtures are built twice and must come out identical; they are
// always rewritten. Encrypted fixtures cannot be reproduced byte for byte
// (7-Zip draws its AES salt and IV at random), so an existing encrypted file
// that still decrypts to the expected content is kept; -force rewrites it.
//
// Usage:
//
//	go run ./internal/archivegen/cmd/genfixtures -out testdata/archives [-force]
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/proofpack/proofpack/internal/archivegen"
)

func main() {
	out := flag.String("out", "testdata/archives", "directory to write the fixtures into")
	force := flag.Bool("force", false, "rewrite encrypted fixtures even when the existing ones are valid")
	flag.Parse()
	if err := run(*out, *force); err != nil {
		fmt.Fprintln(os.Stderr, "genfixtures:", err)
		os.Exit(1)
	}
}

// fixtureResult is what README.md says about one written file.
type fixtureResult struct {
	fx   archivegen.SevenZipFixture
	size int
	sum  string
}

func run(out string, force bool) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	var results []fixtureResult
	for _, fx := range archivegen.SevenZipFixtures() {
		b, err := fixtureBytes(out, fx, force)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		results = append(results, fixtureResult{fx: fx, size: len(b), sum: hex.EncodeToString(sum[:])})
	}
	readme := filepath.Join(out, "README.md")
	if err := os.WriteFile(readme, []byte(renderReadme(results)), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", readme, err)
	}
	return nil
}

// fixtureBytes returns the bytes of fx as they end up on disk, building and
// writing them unless an encrypted fixture may be kept.
func fixtureBytes(out string, fx archivegen.SevenZipFixture, force bool) ([]byte, error) {
	path := filepath.Join(out, fx.Name)
	if !fx.Reproducible() && !force {
		old, err := os.ReadFile(path)
		switch {
		case err == nil && fx.Verify(old) == nil:
			fmt.Printf("%s: kept (valid, encrypted output is not reproducible)\n", fx.Name)
			return old, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	b, err := fx.Build()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fx.Name, err)
	}
	if fx.Reproducible() {
		again, err := fx.Build()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fx.Name, err)
		}
		if !bytes.Equal(b, again) {
			return nil, fmt.Errorf("%s: two runs of 7zz gave different bytes", fx.Name)
		}
	}
	if err := fx.Verify(b); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Printf("%s: written, %d bytes\n", fx.Name, len(b))
	return b, nil
}

// renderReadme returns README.md for the written fixtures.
func renderReadme(results []fixtureResult) string {
	var b strings.Builder
	b.WriteString(`# testdata/archives

Committed archive fixtures. Only 7z files live here: no Go code in this
repository can write 7z, so they are made by the 7zz command (Debian package
` + "`7zip`" + `). Every other archive format that tests need (zip, tar, gzip, bzip2,
xz, RAR5, and all hostile cases) is built in code by
` + "`internal/archivegen`" + `.

All names, people and companies in these files are fictional.

## Regenerating

    go generate ./internal/archivegen
    # same as: go run ./internal/archivegen/cmd/genfixtures -out testdata/archives

The generator writes each input file with a fixed modification time
(2021-04-12T10:30:00+09:00 unless the table in
` + "`internal/archivegen/fixtures.go`" + ` says otherwise), runs 7zz with one thread
and only modification times stored, checks the result with
github.com/bodgit/sevenzip, and rewrites this README.

Unencrypted fixtures are reproducible: the generator builds each twice and
fails if the bytes differ, so their SHA-256 below only changes with a new
7-Zip version. Encrypted fixtures are not reproducible (7-Zip draws the AES
salt and IV at random), so the generator keeps an existing encrypted file
that still decrypts to the expected content; pass ` + "`-force`" + ` to rewrite them.

## Files

| file | what it is | 7zz switches (after ` + "`a`" + `) | bytes | SHA-256 |
|---|---|---|---|---|
`)
	for _, r := range results {
		fmt.Fprintf(&b, "| `%s` | %s | `%s` | %d | `%s` |\n",
			r.fx.Name, r.fx.Description, strings.Join(r.fx.Options.Switches(), " "), r.size, r.sum)
	}
	b.WriteString("| `README.md` | this file, written by the generator | | | |\n")
	b.WriteString("\n## Contents\n")
	for _, r := range results {
		fmt.Fprintf(&b, "\n`%s`:\n\n", r.fx.Name)
		for _, f := range r.fx.Files {
			mod := f.Modified
			if mod.IsZero() {
				mod = archivegen.DefaultTime
			}
			fmt.Fprintf(&b, "- `%s` (%d bytes, modified %s)\n", f.Name, len(f.Data), mod.Format("2006-01-02T15:04:05Z07:00"))
		}
	}
	return b.String()
}
