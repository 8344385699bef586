package evidence_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/exifcompare"
)

// The rule of the one point where an item's type is decided: an item of
// a type that an extractor of package meta reads comes back with
//
//   - metadata or body text, or
//   - a problem that says why not (encrypted, malformed, a limit, …), or
//   - the word of every extractor that reads its type that the item holds
//     no record of its kind (meta.ErrNoRecord, whose cases each extractor
//     documents: a JPEG without EXIF or XMP, an HTML page without title,
//     meta element or text, an OLE2 file without property sets), or
//   - duplicate_of: its content is that of an item read before, whose
//     metadata and text it shares.
//
// Anything else is a silent loss, which DESIGN.md calls a bug. The rule is
// checked over every fixture of the repository, and with -corpus over the
// development corpus (PROOFPACK_CORPUS, default ../shared/corpus).

// corpusRule turns the corpus half of the rule's test on: it triages the
// 2,568 files of the corpus, too long for make test.
var corpusRule = flag.Bool("corpus", false, "check the rule of empty items over the development corpus too (make corpus)")

// ruleOutcome is what an extractor said of one item.
type ruleOutcome struct {
	noRecord bool // meta.ErrNoRecord
}

// ruleRecorder wraps an extractor and records what it said of each item,
// by the item's path.
type ruleRecorder struct {
	meta.Extractor
	mu   *sync.Mutex
	seen map[string][]ruleOutcome
}

func (r ruleRecorder) Extract(ctx context.Context, in meta.Input, lim meta.Limits) (*meta.Result, error) {
	res, err := r.Extractor.Extract(ctx, in, lim)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen[in.Name] = append(r.seen[in.Name], ruleOutcome{noRecord: errors.Is(err, meta.ErrNoRecord)})
	return res, err
}

// ruleCheck triages files one by one with recording extractors and
// returns, per file, the items that break the rule.
type ruleCheck struct {
	exs  []meta.Extractor
	mu   sync.Mutex
	seen map[string][]ruleOutcome
}

func newRuleCheck() *ruleCheck {
	c := &ruleCheck{seen: map[string][]ruleOutcome{}}
	for _, ex := range meta.Extractors() {
		c.exs = append(c.exs, ruleRecorder{Extractor: ex, mu: &c.mu, seen: c.seen})
	}
	return c
}

// ruleTally counts the items the rule applies to and those that break it.
type ruleTally struct {
	Items, Broken int
	Examples      []string
	// NoRecord lists the files read as a whole item of their own (depth
	// 0) of which every extractor said it holds no record; Missed, those
	// of them in which exiftool reads a field that we map (a loss the
	// rule lets through, named by the extractor's documented reason).
	NoRecord int
	Missed   []string
}

func (t ruleTally) Rate() float64 {
	if t.Items == 0 {
		return 100
	}
	return 100 * float64(t.Items-t.Broken) / float64(t.Items)
}

// file triages path and adds its items to tally. tags, when not nil, is
// exiftool's record of the file.
func (c *ruleCheck) file(t *testing.T, path, display string, tally *ruleTally, tags exifcompare.Tags) {
	rep, err := evidence.Analyze(t.Context(), path, evidence.Options{TempDir: t.TempDir(), Extractors: c.exs})
	if rep == nil {
		require.ErrorIs(t, err, evidence.ErrOpen, display)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, it := range rep.Items {
		typ := identify.Type{MIME: it.MIME, Kind: identify.Kind(it.Kind), Charset: it.Charset, Ext: it.DetectedExt}
		accepting := meta.Accepting(c.exs, typ)
		if len(accepting) == 0 {
			continue
		}
		tally.Items++
		if !it.Metadata.IsZero() || strings.TrimSpace(it.Text) != "" || len(it.Problems) > 0 || it.DuplicateOf != "" {
			continue
		}
		said := c.seen[it.Path]
		noRecord := 0
		for _, o := range said {
			if o.noRecord {
				noRecord++
			}
		}
		if noRecord == len(accepting) {
			if it.Depth == 0 {
				tally.NoRecord++
				if missed := exiftoolOnly(display, typ, tags); missed != "" {
					tally.Missed = append(tally.Missed, missed)
				}
			}
			continue
		}
		tally.Broken++
		if len(tally.Examples) < 40 {
			tally.Examples = append(tally.Examples, fmt.Sprintf("%s: %s (%s, %d bytes): empty, no problem; %d extractors read it, %d of %d said it holds no record",
				display, it.Path, it.MIME, it.Size, len(said), noRecord, len(accepting)))
		}
	}
	for k := range c.seen {
		delete(c.seen, k)
	}
}

// exiftoolOnly returns, for a file of which we read nothing, the fields
// that exiftool's record tags holds a value of, or "".
func exiftoolOnly(display string, typ identify.Type, tags exifcompare.Tags) string {
	if tags == nil {
		return ""
	}
	fr := exifcompare.CompareFile(exifcompare.File{Display: display, Path: display}, exifcompare.Ours{Type: typ}, tags)
	var fields []string
	for _, c := range fr.Cells {
		if c.Exiftool != "" {
			fields = append(fields, fmt.Sprintf("%s=%q (%s)", c.Field, c.Exiftool, c.Tag))
		}
	}
	if len(fields) == 0 {
		return ""
	}
	return display + ": " + strings.Join(fields, ", ")
}

// regularFiles lists the regular files under root, sorted.
func regularFiles(t *testing.T, root string) []string {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(out)
	return out
}

// TestEmptyItemsSayWhy checks the rule over every fixture: the testdata
// directories of the repository, sample packs and golden files alike.
func TestEmptyItemsSayWhy(t *testing.T) {
	var roots []string
	for _, pattern := range []string{"../testdata", "testdata", "*/testdata", "../internal/*/testdata"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		roots = append(roots, m...)
	}
	require.GreaterOrEqual(t, len(roots), 6, "the fixture directories: %v", roots)
	c := newRuleCheck()
	var tally ruleTally
	for _, root := range roots {
		for _, p := range regularFiles(t, root) {
			c.file(t, p, p, &tally, nil)
		}
	}
	t.Logf("fixtures: %d items an extractor reads, %d break the rule", tally.Items, tally.Broken)
	require.Greater(t, tally.Items, 100)
	for _, e := range tally.Examples {
		t.Error(e)
	}
}

// corpusHalf splits the corpus in two fixed halves by the SHA-256 of a
// file's path under files/: "decided" holds the files looked at while
// fixing what the rule found, "held-out" the others, whose pass rate says
// whether the fixes hold beyond the files they were made from.
func corpusHalf(rel string) string {
	if sha256.Sum256([]byte(rel))[0]%2 == 0 {
		return "decided"
	}
	return "held-out"
}

// TestEmptyItemsSayWhyCorpus checks the rule over the development corpus,
// each file triaged as a package of its own, and reports the pass rate of
// each half. It runs with -corpus and skips when the corpus is absent.
func TestEmptyItemsSayWhyCorpus(t *testing.T) {
	if !*corpusRule {
		t.Skip("the corpus half of the rule runs with -corpus")
	}
	root := os.Getenv("PROOFPACK_CORPUS")
	if root == "" {
		root = "../shared/corpus"
	}
	if !filepath.IsAbs(root) {
		root = filepath.Join("..", root) // relative to the repository root
	}
	files := filepath.Join(root, "files")
	if _, err := os.Stat(files); err != nil {
		t.Skipf("no corpus at %s (set PROOFPACK_CORPUS): skipped", root)
	}
	b, err := os.ReadFile(filepath.Join(root, "exiftool.json"))
	require.NoError(t, err)
	recs, err := exifcompare.ParseRecords(b)
	require.NoError(t, err)
	byPath := map[string]exifcompare.Tags{}
	for _, r := range recs {
		if s, ok := r["SourceFile"].(string); ok {
			byPath[filepath.ToSlash(filepath.Clean(s))] = r
		}
	}
	c := newRuleCheck()
	tallies := map[string]*ruleTally{"decided": {}, "held-out": {}}
	for _, p := range regularFiles(t, files) {
		rel, err := filepath.Rel(files, p)
		require.NoError(t, err)
		rel = filepath.ToSlash(rel)
		c.file(t, p, rel, tallies[corpusHalf(rel)], byPath[rel])
	}
	for _, half := range []string{"decided", "held-out"} {
		tl := tallies[half]
		t.Logf("corpus, %s half: %d items an extractor reads, %d break the rule: %.2f %% pass; "+
			"%d files hold no record, in %d of which exiftool reads a field we map",
			half, tl.Items, tl.Broken, tl.Rate(), tl.NoRecord, len(tl.Missed))
		for _, m := range tl.Missed {
			t.Logf("  no record, but exiftool reads %s", m)
		}
		for _, e := range tl.Examples {
			t.Error(e)
		}
	}
}
