package corpuscheck

import (
	"github.com/proofpack/proofpack/internal/exifcompare"
	"github.com/proofpack/proofpack/internal/sandbox"

	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// corpusEnv names the environment variable that holds the corpus's
// location; a relative path is taken from the repository root, as is the
// default, defaultCorpus.
const (
	corpusEnv     = "PROOFPACK_CORPUS"
	defaultCorpus = "../shared/corpus"
)

// workers is how many triage runs go at once.
const workers = 2

// corpus is the development corpus: files/ and exiftool.json.
type corpus struct {
	Root string
	// Files are the paths of the regular files under files/, relative to
	// it, with slashes ("poi/test-data/x.doc"), largest first.
	Files []string
	Sizes map[string]int64
	Bytes int64
}

// repoRoot returns the directory of go.mod above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// locateCorpus returns the corpus root named by PROOFPACK_CORPUS (or the
// default), relative paths taken from repo.
func locateCorpus(repo string) string {
	p := os.Getenv(corpusEnv)
	if p == "" {
		p = defaultCorpus
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(repo, p)
	}
	return filepath.Clean(p)
}

// openCorpus lists the corpus at root; it fails when files/ or
// exiftool.json is missing.
func openCorpus(root string) (*corpus, error) {
	files := filepath.Join(root, "files")
	if _, err := os.Stat(filepath.Join(root, "exiftool.json")); err != nil {
		return nil, err
	}
	c := &corpus{Root: root, Sizes: map[string]int64{}}
	err := filepath.WalkDir(files, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(files, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		c.Files = append(c.Files, rel)
		c.Sizes[rel] = info.Size()
		c.Bytes += info.Size()
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(c.Files, func(i, j int) bool {
		if si, sj := c.Sizes[c.Files[i]], c.Sizes[c.Files[j]]; si != sj {
			return si > sj
		}
		return c.Files[i] < c.Files[j]
	})
	return c, nil
}

func (c *corpus) path(rel string) string {
	return filepath.Join(c.Root, "files", filepath.FromSlash(rel))
}

// snapshot lists every entry under root with its type, size and
// modification time, one line each, sorted.
func snapshot(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, fmt.Sprintf("%s\t%s\t%d\t%s", filepath.ToSlash(rel), info.Mode(), info.Size(), info.ModTime().UTC().Format(time.RFC3339Nano)))
		return nil
	})
	sort.Strings(out)
	return out, err
}

// diffSnapshots returns the lines of before missing from after ("-")
// and of after missing from before ("+").
func diffSnapshots(before, after []string) []string {
	in := func(s []string) map[string]bool {
		m := make(map[string]bool, len(s))
		for _, x := range s {
			m[x] = true
		}
		return m
	}
	b, a := in(before), in(after)
	var out []string
	for _, x := range before {
		if !a[x] {
			out = append(out, "- "+x)
		}
	}
	for _, x := range after {
		if !b[x] {
			out = append(out, "+ "+x)
		}
	}
	return out
}

// buildTriage builds the triage command of the repository at repo into
// dir, as users build it (cgo, no race detector), and returns its path.
func buildTriage(ctx context.Context, repo, dir string) (string, error) {
	bin := filepath.Join(dir, "triage")
	goBin, err := exec.LookPath("go") // go test puts its own go first on PATH
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", bin, "./examples/triage")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./examples/triage: %w\n%s", err, out)
	}
	return bin, nil
}

// zipCorpus writes every file of c into one zip at dst, named by its path
// under files/, stored (not compressed) with its modification time.
func zipCorpus(c *corpus, dst string) error {
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	names := append([]string(nil), c.Files...)
	sort.Strings(names)
	for _, rel := range names {
		if err := exifcompare.AddStored(zw, c.path(rel), rel); err != nil {
			f.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// fileRun is one file's run and its verdict.
type fileRun struct {
	Path string
	Size int64
	// Kind is the kind of the package the report gives: its item's kind,
	// "archive", or "" without a report.
	Kind string
	sandbox.Result
	outcome
}

// triageArgs returns the command line for a package: the JSON report,
// quiet, and OCR as ocrOn says (one engine per run).
func triageArgs(pkg string, ocrOn bool) []string {
	args := []string{"-json", "-q"}
	if ocrOn {
		args = append(args, "-ocr-workers", "1")
	} else {
		args = append(args, "-ocr=false")
	}
	return append(args, pkg)
}

// runAll triages every file of c with bin, workers at a time, and calls
// done after each run (from one goroutine at a time). The report of each
// run is handed to done and then dropped.
func runAll(ctx context.Context, c *corpus, bin, scratch string, ocrOn bool, done func(fileRun)) {
	jobs := make(chan string)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for rel := range jobs {
				r := triageChild(bin, triageArgs(c.path(rel), ocrOn), scratch).Run(ctx)
				fr := fileRun{Path: rel, Size: c.Sizes[rel], Result: r, outcome: classify(r)}
				os.Remove(r.Stdout)
				mu.Lock()
				done(fr)
				mu.Unlock()
			}
		})
	}
	for _, rel := range c.Files {
		if ctx.Err() != nil {
			break
		}
		jobs <- rel
	}
	close(jobs)
	wg.Wait()
}

// describe is a one-line summary of a run for tables.
func (r fileRun) describe() string {
	return fmt.Sprintf("%8s  %5d MiB  %s", r.Duration.Round(10*time.Millisecond), r.MaxRSS>>20, r.Path)
}

// oneLine joins the lines of s.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
