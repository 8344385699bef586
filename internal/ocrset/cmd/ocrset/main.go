// Command ocrset renders the OCR test sets of proofpack: screenshots of
// fictional intranet, mail, spreadsheet, file-share, ERP, console and chat
// screens, with their exact ground truth in manifest.json and a README.md
// saying how they were made. It needs Debian's chromium and the fonts of
// ocrset.FontFiles (with -varied, of ocrset.VariedFontFiles).
//
// Usage:
//
//	go run ./internal/ocrset/cmd/ocrset -out testdata/ocr
//	go run ./internal/ocrset/cmd/ocrset -varied -out testdata/ocrvar
//
// -zoom 0.75 writes the same pages downscaled to 75 % (9 to 10.5 px
// text), to measure how OCR fares on small text; such a set is not
// committed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/proofpack/proofpack/internal/ocrset"
)

func main() {
	out := flag.String("out", "testdata/ocr", "directory to write the set into")
	chromium := flag.String("chromium", "chromium", "headless browser command")
	quiet := flag.Bool("q", false, "do not list the files written")
	zoom := flag.Float64("zoom", 1, "downscale every page to this share of its width (between 0 and 1; 1: as set)")
	varied := flag.Bool("varied", false, "render the varied set (ocrset.VariedPages) instead of the fixed one")
	flag.Parse()
	if err := run(*out, *chromium, *quiet, *varied, *zoom); err != nil {
		fmt.Fprintln(os.Stderr, "ocrset:", err)
		os.Exit(1)
	}
}

func run(out, chromium string, quiet, varied bool, zoom float64) error {
	opt := ocrset.Options{Chromium: chromium, Zoom: zoom}
	if !quiet {
		opt.Logf = func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
	}
	if varied {
		cases, err := ocrset.GenerateVaried(context.Background(), out, opt)
		if err != nil {
			return err
		}
		if err := removeStale(out, cases); err != nil {
			return err
		}
		readme := ocrset.VariedREADME(cases, browserVersion(chromium), packageVersions(ocrset.VariedDebianPackages))
		return os.WriteFile(filepath.Join(out, "README.md"), []byte(readme), 0o644)
	}
	cases, err := ocrset.Generate(context.Background(), out, opt)
	if err != nil {
		return err
	}
	readme := ocrset.README(cases, browserVersion(chromium), packageVersions(ocrset.DebianPackages))
	return os.WriteFile(filepath.Join(out, "README.md"), []byte(readme), 0o644)
}

// removeStale removes the images of out that the manifest does not list:
// a page drawn as PNG before may be drawn as JPEG after a change.
func removeStale(out string, cases []ocrset.Case) error {
	listed := map[string]bool{}
	for _, c := range cases {
		listed[c.File] = true
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && (strings.HasSuffix(n, ".png") || strings.HasSuffix(n, ".jpg")) && !listed[n] {
			if err := os.Remove(filepath.Join(out, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// browserVersion asks the browser for its version string.
func browserVersion(chromium string) string {
	b, err := exec.Command(chromium, "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
}

// packageVersions asks dpkg for the versions of the packages that shape the
// pixels; it returns nil off Debian.
func packageVersions(packages []string) map[string]string {
	out := map[string]string{}
	for _, p := range packages {
		b, err := exec.Command("dpkg-query", "-W", "-f=${Version}", p).Output()
		if err != nil {
			continue
		}
		out[p] = strings.TrimSpace(string(b))
	}
	return out
}
