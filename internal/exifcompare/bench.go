package exifcompare

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"io/fs"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/docgen"
)

// MinSpeedRatio is how many times exiftool's rate our extraction must
// reach: the speed target of the metadata stage.
const MinSpeedRatio = 20

// treeFixtures are the committed fixtures BuildTree copies, relative to
// the evidence/meta/testdata folder: the formats docgen does not write
// (ODF, legacy Word and Excel, PowerPoint, HEIC, TIFF, WebP) and a few
// real PDFs.
var treeFixtures = map[string][]string{
	"odt": {"office/lo_po.odt", "office/lo_ledger.ods", "office/lo_deck.odp"},
	"doc": {"ole2/lo-memo.doc", "ole2/lo-sheet.xls"},
	"fixture": {"office/lo_deck.pptx", "images/jpeg_exiftool.jpg", "images/heic_exiftool.heic",
		"images/tiff_exiftool.tif", "images/webp_exiftool.webp", "pdf/base.pdf", "pdf/edited.pdf", "pdf/linearized.pdf"},
}

// treeKinds is the mix of a tree, one entry per file in a round of ten.
var treeKinds = []string{"jpg", "jpg", "png", "docx", "xlsx", "pdf", "eml", "odt", "doc", "fixture"}

// BuildTree writes n files into dir (which must exist): JPEG photos with
// EXIF, PNG screenshots with text chunks, docx, xlsx, PDF and e-mail made
// by package docgen with names and dates that change with the file's
// index, and copies of the ODF, OLE2 and other fixtures found under
// fixtures (the evidence/meta/testdata folder). The same n gives the same
// bytes. It returns how many files of each kind it wrote.
func BuildTree(dir string, n int, fixtures string) (map[string]int, error) {
	if n <= 0 {
		return nil, errors.New("exifcompare: tree of no files")
	}
	copies := map[string][][]byte{}
	for kind, list := range treeFixtures {
		for _, rel := range list {
			data, err := os.ReadFile(filepath.Join(fixtures, filepath.FromSlash(rel)))
			if err != nil {
				return nil, fmt.Errorf("fixture: %w", err)
			}
			copies[kind] = append(copies[kind], data)
		}
	}
	img := testImage(320, 240)
	counts := map[string]int{}
	for i := range n {
		kind := treeKinds[i%len(treeKinds)]
		data, ext, err := treeFile(kind, i, img, copies)
		if err != nil {
			return nil, fmt.Errorf("file %d (%s): %w", i, kind, err)
		}
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i/100))
		if err := os.MkdirAll(sub, 0o700); err != nil {
			return nil, fmt.Errorf("tree: %w", err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%05d.%s", i, ext)), data, 0o600); err != nil {
			return nil, fmt.Errorf("tree: %w", err)
		}
		counts[ext]++
	}
	return counts, nil
}

// Fictional people and companies of the generated files.
var (
	treePeople = []string{"山田 太郎", "Hanako Kitagawa", "佐藤 花子", "Kenji Morita", "Ana Ruiz", "田中 一郎"}
	treeASCII  = []string{"Taro Yamada", "Hanako Kitagawa", "Kenji Morita", "Ana Ruiz"}
	treeOrgs   = []string{"Example Fibres K.K.", "Example Trading Co., Ltd.", "株式会社サンプル繊維"}
)

func treeFile(kind string, i int, img image.Image, copies map[string][][]byte) ([]byte, string, error) {
	person, org := treePeople[i%len(treePeople)], treeOrgs[i%len(treeOrgs)]
	jst := time.FixedZone("", 9*3600)
	when := time.Date(2021, 4, 1, 9, 0, 0, 0, jst).Add(time.Duration(i) * 37 * time.Minute)
	title := fmt.Sprintf("Document %04d", i)
	switch kind {
	case "jpg":
		b, err := docgen.JPEG(img, 80, &docgen.EXIFSpec{
			Make: "FUJIFILM", Model: "X-T30", Software: "Photos 1.0", Artist: treeASCII[i%len(treeASCII)],
			Copyright: "(c) 2021 Example Trading Co., Ltd.", DateTime: when.Add(time.Hour), DateTimeOriginal: when,
		})
		return b, "jpg", err
	case "png":
		b, err := docgen.PNG(img, map[string]string{"Software": "Greenshot", "Author": person, "Title": title,
			"Creation Time": when.Format(time.RFC1123Z)})
		return b, "png", err
	case "docx":
		b, err := docgen.Docx(docgen.DocxSpec{
			Core: docgen.CoreProps{Title: title, Creator: person, LastModifiedBy: treePeople[(i+1)%len(treePeople)],
				Created: when, Modified: when.Add(2 * time.Hour)},
			App:        docgen.AppProps{Company: org, Template: `\\fs01.corp.example-fibres.test\templates\PO.dotx`},
			Paragraphs: []string{"# " + title, "Supplier:\t" + org, "Total: " + strconv.Itoa(1000*i) + " JPY"},
		})
		return b, "docx", err
	case "xlsx":
		b, err := docgen.Xlsx(docgen.XlsxSpec{
			Core:   docgen.CoreProps{Title: title, Creator: person, Created: when, Modified: when.Add(time.Hour)},
			App:    docgen.AppProps{Company: org},
			Sheets: []docgen.Sheet{{Name: "取引先", Rows: [][]string{{"Code", "Name", "Amount"}, {"S-" + strconv.Itoa(i), org, strconv.Itoa(i * 10)}}}},
		})
		return b, "xlsx", err
	case "pdf":
		b, err := docgen.PDF(docgen.PDFSpec{
			Info:  docgen.PDFInfo{Title: title, Author: person, Creator: "Microsoft Word", Producer: "Microsoft: Print To PDF", Created: when, Modified: when.Add(time.Hour)},
			Pages: []docgen.PDFPage{{Lines: []string{"# Quotation", title, "Total: " + strconv.Itoa(1000*i) + " JPY"}}},
		})
		return b, "pdf", err
	case "eml":
		b, err := docgen.EML(docgen.EMLSpec{
			From: mail.Address{Name: person, Address: fmt.Sprintf("user%d@corp.example.co.jp", i%7)},
			To:   []mail.Address{{Name: "Ana Ruiz", Address: "ana.ruiz@example.org"}},
			Date: when, Subject: "RE: " + title, MessageID: fmt.Sprintf("%d.bench@mail.example.co.jp", i),
			Received: []string{"from mx1.example.co.jp by mail.example.org; " + when.Format(time.RFC1123Z)},
			XMailer:  "Microsoft Outlook 16.0", Body: "Please find the quotation " + title + ".",
		})
		return b, "eml", err
	}
	list := copies[kind]
	if len(list) == 0 {
		return nil, "", fmt.Errorf("no fixture of kind %s", kind)
	}
	j := (i / len(treeKinds)) % len(list)
	return list[j], filepath.Ext(treeFixtures[kind][j])[1:], nil
}

// testImage is a smooth gradient with a few bars: it compresses like a
// screenshot, not like noise.
func testImage(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 160, A: 255}
			if y%40 < 8 {
				c = color.RGBA{R: 30, G: 30, B: 30, A: 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// Timing is one timed pass over a tree.
type Timing struct {
	// Files is the number of files in the tree; Read, of those the tool
	// read (exiftool -r skips extensions it has no reader for).
	Files, Read int
	Elapsed     time.Duration
	// CPU is the processor time spent (user and system), which other
	// load on the machine does not inflate; 0 when not measured.
	CPU time.Duration
}

// CPURate is files of the tree per CPU second.
func (t Timing) CPURate() float64 {
	if t.CPU <= 0 {
		return 0
	}
	return float64(t.Files) / t.CPU.Seconds()
}

// Rate is files of the tree per second.
func (t Timing) Rate() float64 {
	if t.Elapsed <= 0 {
		return 0
	}
	return float64(t.Files) / t.Elapsed.Seconds()
}

// treeFiles lists the regular files under dir, sorted.
func treeFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// TimeOurs walks dir and, in a pool of workers goroutines (the number of
// CPUs when workers <= 0), types every file and runs meta.Run with
// meta.Extractors() on it, as the triage does. The walk is part of the
// time. Every file is read: files nothing accepts count as read too.
func TimeOurs(ctx context.Context, dir string, workers int) (Timing, error) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	start, cpu := time.Now(), selfCPU()
	files, err := treeFiles(dir)
	if err != nil {
		return Timing{}, err
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			exs := meta.Extractors()
			for p := range jobs {
				if o := Extract(ctx, p, exs); o.Err != nil && ctx.Err() != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = o.Err
					}
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for _, p := range files {
		select {
		case jobs <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Timing{}, err
	}
	if firstErr != nil {
		return Timing{}, firstErr
	}
	return Timing{Files: len(files), Read: len(files), Elapsed: time.Since(start), CPU: selfCPU() - cpu}, nil
}

// filesRead matches exiftool's closing count on stderr.
var filesRead = regexp.MustCompile(`(\d+) image files read`)

// TimeExiftool runs `exiftool -json -r DIR` with its output sent to
// /dev/null, and times it.
func TimeExiftool(ctx context.Context, dir string) (Timing, error) {
	bin, err := exec.LookPath("exiftool")
	if err != nil {
		return Timing{}, ErrNoExiftool
	}
	files, err := treeFiles(dir)
	if err != nil {
		return Timing{}, err
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-json", "-r", dir)
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	runErr := cmd.Run()
	elapsed := time.Since(start)
	t := Timing{Files: len(files), Elapsed: elapsed, CPU: childCPU(cmd.ProcessState)}
	if m := filesRead.FindStringSubmatch(stderr.String()); m != nil {
		t.Read, _ = strconv.Atoi(m[1])
	}
	if runErr != nil && t.Read == 0 {
		return t, fmt.Errorf("exiftool: %w: %s", runErr, stderr.String())
	}
	return t, nil
}

// BenchResult is one run of the speed comparison.
type BenchResult struct {
	Counts  map[string]int
	Workers int
	// Rounds is how many times each tool ran; Ours and Exiftool are the
	// fastest round of each.
	Rounds   int
	Ours     Timing
	Exiftool Timing
}

// Ratio is our rate over exiftool's.
func (r BenchResult) Ratio() float64 {
	if r.Exiftool.Rate() == 0 {
		return 0
	}
	return r.Ours.Rate() / r.Exiftool.Rate()
}

// Print writes the side-by-side table.
func (r BenchResult) Print(w io.Writer) error {
	var kinds []string
	for k := range r.Counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "tree: %d files (", r.Ours.Files)
	for i, k := range kinds {
		if i > 0 {
			fmt.Fprint(tw, ", ")
		}
		fmt.Fprintf(tw, "%s %d", k, r.Counts[k])
	}
	fmt.Fprintf(tw, "), fastest of %d rounds\n", max(r.Rounds, 1))
	fmt.Fprintln(tw, "\tfiles\tread\tseconds\tfiles/s\tCPU s\tfiles/CPU s\t")
	for _, row := range []struct {
		name string
		t    Timing
	}{{fmt.Sprintf("proofpack identify+meta.Run (%d workers)", r.Workers), r.Ours}, {"exiftool -json -r", r.Exiftool}} {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.1f\t%.3f\t%.1f\t\n", row.name, row.t.Files, row.t.Read,
			row.t.Elapsed.Seconds(), row.t.Rate(), row.t.CPU.Seconds(), row.t.CPURate())
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print: %w", err)
	}
	verdict := "meets"
	if r.Ratio() < MinSpeedRatio {
		verdict = "FAILS"
	}
	cpuRatio := 0.0
	if r.Exiftool.CPURate() > 0 {
		cpuRatio = r.Ours.CPURate() / r.Exiftool.CPURate()
	}
	_, err := fmt.Fprintf(w, "ratio: %.1fx exiftool's files/s (%s the %dx target); per CPU second %.1fx\n",
		r.Ratio(), verdict, MinSpeedRatio, cpuRatio)
	return err
}

// RunBench builds a tree of n files in a temporary directory, times both
// tools over it rounds times (alternating, exiftool first) and keeps each
// tool's fastest round, then removes the tree. The first round of either
// tool pays for cold caches: the page cache, Perl's module loading, the
// Go heap's growth.
func RunBench(ctx context.Context, n, workers, rounds int, fixtures string) (BenchResult, error) {
	if rounds <= 0 {
		rounds = 1
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	dir, err := os.MkdirTemp("", "benchmeta-")
	if err != nil {
		return BenchResult{}, fmt.Errorf("tree: %w", err)
	}
	defer os.RemoveAll(dir)
	counts, err := BuildTree(dir, n, fixtures)
	if err != nil {
		return BenchResult{}, err
	}
	res := BenchResult{Counts: counts, Workers: workers, Rounds: rounds}
	for range rounds {
		et, err := TimeExiftool(ctx, dir)
		if err != nil {
			return res, err
		}
		ours, err := TimeOurs(ctx, dir, workers)
		if err != nil {
			return res, err
		}
		if res.Exiftool.Elapsed == 0 || et.Elapsed < res.Exiftool.Elapsed {
			// The fastest round is the one least disturbed by other load.
			res.Exiftool = et
		}
		if res.Ours.Elapsed == 0 || ours.Elapsed < res.Ours.Elapsed {
			res.Ours = ours
		}
	}
	return res, nil
}

// FixtureDir finds evidence/meta/testdata from the working directory or
// one of its parents (the module root holds go.mod).
func FixtureDir() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", fmt.Errorf("fixtures: %w", err)
	}
	return filepath.Join(root, "evidence", "meta", "testdata"), nil
}

// RepoRoot returns the folder of go.mod at or above the working
// directory: the module root.
func RepoRoot() (string, error) {
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
