// Command compare prints what two proof packs share: every file of the
// second that is in the first, byte for byte or re-encoded (a screenshot
// re-saved as JPEG, resized or cropped a little, a document re-saved, a
// CSV re-exported).
//
//	compare [flags] A B
//
// It triages both packs as the triage command does (package evidence),
// A into a case library of its own in a temporary directory, then B
// against it (Options.Library): each file of B whose SHA-256, perceptual
// hash (PDQ, images) or text signature (MinHash, documents and OCR text)
// is near one of A's is listed with it. The output is a table for people,
// or JSON with -json. The exit status is 0 when the packs share at least
// one file, 1 when they share none, and 2 on an error, as grep's.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/caselib"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	ocr      bool
	lang     string
	password string
	tempDir  string
	jsonOut  bool
	all      bool
}

// Shared is one file of B found in A.
type Shared struct {
	// B is the file of the second pack, A the file of the first it
	// matches.
	B string `json:"b"`
	A string `json:"a"`
	// Match is "exact", "image" or "text"; Distance the PDQ distance of
	// an image match, Similarity the text similarity of a text match.
	Match      string  `json:"match"`
	Distance   int     `json:"distance"`
	Similarity float64 `json:"similarity"`
}

// Result is what compare -json prints.
type Result struct {
	A PackInfo `json:"a"`
	B PackInfo `json:"b"`
	// Shared lists the files of B found in A, in B's walk order; a file
	// of B matching several of A's is listed with each.
	Shared []Shared `json:"shared"`
	// SharedFiles counts the files of B with at least one match.
	SharedFiles int `json:"shared_files"`
}

// PackInfo names one of the two packs.
type PackInfo struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	// Files counts its files (archives walked for their members left
	// out).
	Files int `json:"files"`
}

func (c *config) flagSet(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&c.ocr, "ocr", true, "read the text of screenshots with Tesseract, so that a screenshot of a screenshot matches by its text when its picture does not (-ocr=false: pictures and bytes only)")
	fs.StringVar(&c.lang, "lang", strings.Join(ocr.DefaultLanguages(), "+"), "Tesseract `LANGS` to read images in, joined by +")
	fs.StringVar(&c.password, "password", "", "`PASSWORD` for encrypted entries of either pack")
	fs.StringVar(&c.tempDir, "tmpdir", "", "parent `DIR` of the temporary directory holding the library of A (default: $TMPDIR or /tmp)")
	fs.BoolVar(&c.jsonOut, "json", false, "print the result as JSON (the packs, and each shared file with how it matched) instead of the table")
	fs.BoolVar(&c.all, "all", false, "list every file of A a file of B matches, not only the nearest")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `Usage: compare [flags] A B

Print what two proof packs share: every file of B that is in A, byte for
byte (SHA-256) or re-encoded: a screenshot within a PDQ distance of %d
bits (JPEG re-encoding, resizing, small crops), a document or CSV whose
text has a MinHash similarity of at least %.2f (re-saved, re-exported),
a screenshot whose OCR text has at least %.2f. Both packs are triaged in
full (unpacked, typed, read); A is recorded in a temporary case library
that is removed at the end. Progress and errors go to standard error.

Exit status: 0 when the packs share at least one file, 1 when they share
none, 2 on an error.

Flags:
`, similar.ImageMatch, similar.TextMatch, similar.OCRTextMatch)
		fs.PrintDefaults()
	}
	return fs
}

func run(args []string, stdout, stderr io.Writer) int {
	c := &config{}
	fs := c.flagSet(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "compare: want two packs, A and B; -h explains")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := compare(ctx, c, fs.Arg(0), fs.Arg(1), stderr)
	if err != nil {
		fmt.Fprintln(stderr, "compare:", render.Escape(err.Error()))
		return 2
	}
	if c.jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(res)
	} else {
		err = writeTable(stdout, res)
	}
	if err != nil {
		fmt.Fprintln(stderr, "compare:", err)
		return 2
	}
	if res.SharedFiles == 0 {
		return 1
	}
	return 0
}

// compare triages a into a temporary library and b against it.
func compare(ctx context.Context, c *config, a, b string, stderr io.Writer) (*Result, error) {
	dir, err := os.MkdirTemp(c.tempDir, "compare-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	lib, err := caselib.Open(ctx, dir, caselib.Options{})
	if err != nil {
		return nil, err
	}
	defer lib.Close()
	opts := evidence.Options{Library: lib, Password: c.password, TempDir: dir}
	if c.ocr {
		langs := strings.FieldsFunc(c.lang, func(r rune) bool { return r == '+' || r == ',' })
		pool, err := ocr.NewPool(func() (ocr.Engine, error) {
			return tesseract.New(tesseract.Options{Languages: langs})
		}, ocr.Options{Languages: langs})
		if err != nil {
			fmt.Fprintln(stderr, "compare: warning: OCR unavailable, screenshots match by their pictures only:", err)
		} else {
			defer pool.Close()
			opts.OCR = pool
		}
	}
	repA, err := evidence.Analyze(ctx, a, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a, err)
	}
	if !repA.Library.Recorded {
		return nil, fmt.Errorf("%s could not be recorded: %s", a, problemsOf(repA))
	}
	res := &Result{A: PackInfo{Name: repA.Package.Name, SHA256: repA.Package.SHA256, Files: repA.Library.Files}, Shared: []Shared{}}
	prefix := repA.Package.Name + "!/"
	bOpts := opts
	bOpts.OnItem = func(it evidence.Item) error {
		n := 0
		for _, s := range it.SeenBefore {
			if s.Pack.SHA256 != res.A.SHA256 || (n > 0 && !c.all) {
				continue
			}
			n++
			res.Shared = append(res.Shared, Shared{B: it.Path, A: strings.TrimPrefix(s.Path, prefix), Match: s.Match, Distance: s.Distance, Similarity: s.Similarity})
		}
		if n > 0 && it.Kind != "archive" {
			res.SharedFiles++
		}
		return nil
	}
	repB, err := evidence.Analyze(ctx, b, bOpts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b, err)
	}
	res.B = PackInfo{Name: repB.Package.Name, SHA256: repB.Package.SHA256, Files: repB.Library.Files}
	if res.A.SHA256 != "" && res.A.SHA256 == res.B.SHA256 {
		return nil, fmt.Errorf("%s and %s are the same file (SHA-256 %s)", a, b, res.A.SHA256)
	}
	bPrefix := repB.Package.Name + "!/"
	for i := range res.Shared {
		res.Shared[i].B = strings.TrimPrefix(res.Shared[i].B, bPrefix)
	}
	slices.SortStableFunc(res.Shared, func(x, y Shared) int { return strings.Compare(x.B, y.B) })
	return res, nil
}

func problemsOf(rep *evidence.Report) string {
	var out []string
	for _, p := range rep.Problems {
		if p.Code == evidence.ProblemLibrary {
			out = append(out, p.Detail)
		}
	}
	if len(out) == 0 {
		return "the triage was cut short"
	}
	return strings.Join(out, "; ")
}

// writeTable prints the result for people: the two packs, the count,
// then one line per shared file.
func writeTable(w io.Writer, res *Result) error {
	sw := render.NewSafeWriter(w)
	fmt.Fprintf(sw, "A  %s  (%d files, sha256 %s)\n", render.Escape(res.A.Name), res.A.Files, res.A.SHA256)
	fmt.Fprintf(sw, "B  %s  (%d files, sha256 %s)\n", render.Escape(res.B.Name), res.B.Files, res.B.SHA256)
	counts := map[string]int{}
	for _, s := range res.Shared {
		counts[s.Match]++
	}
	fmt.Fprintf(sw, "\n%d of %d files of B are in A", res.SharedFiles, res.B.Files)
	if res.SharedFiles > 0 {
		fmt.Fprintf(sw, " (%d matches listed: %d exact, %d image, %d text)", len(res.Shared), counts[evidence.MatchExact], counts[evidence.MatchImage], counts[evidence.MatchText])
	}
	fmt.Fprintln(sw)
	if len(res.Shared) == 0 {
		return nil
	}
	fmt.Fprintln(sw)
	tw := tabwriter.NewWriter(sw, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE OF B\tFILE OF A\tMATCH")
	for _, s := range res.Shared {
		how := s.Match
		switch s.Match {
		case evidence.MatchImage:
			how = fmt.Sprintf("image, distance %d", s.Distance)
		case evidence.MatchText:
			how = fmt.Sprintf("text, similarity %.2f", s.Similarity)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", render.Escape(s.B), render.Escape(s.A), how)
	}
	return tw.Flush()
}
