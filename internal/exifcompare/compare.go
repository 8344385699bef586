package exifcompare

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// Outcome is how one field of one file compares.
type Outcome string

// Outcomes of a comparison.
const (
	// Agree: both sides hold the same value.
	Agree Outcome = "agree"
	// Intended: the values differ in a way listed in IntendedDifferences.
	Intended Outcome = "intended"
	// Differ: the values differ and no intended difference explains it.
	Differ Outcome = "DIFFER"
)

// Cell is one field of one file.
type Cell struct {
	Field    Field
	Ours     string
	Exiftool string
	// Tag is the exiftool tag (or tags) the value came from.
	Tag     string
	Outcome Outcome
	// Why names the intended difference, when Outcome is Intended.
	Why *IntendedDifference
}

// FileResult is the comparison of one file.
type FileResult struct {
	File   File
	Type   identify.Type
	Family Family
	// OursErr is set when our extractors failed on the file; ExiftoolErr
	// when exiftool reported an error for it.
	OursErr     error
	ExiftoolErr string
	// Cells holds the fields that at least one side has, in Fields order.
	Cells []Cell
	// UnmappedTags lists, for a file of no compared family, the tags of
	// the mapping table exiftool still found in it (a format we do not
	// read, or one package identify did not recognise).
	UnmappedTags []string
}

// Totals count the cells of a comparison.
type Totals struct {
	Files, FilesCompared    int
	Agree, Intended, Differ int
}

// Report is the whole comparison.
type Report struct {
	ExiftoolVersion string
	Files           []FileResult
	Totals          Totals
}

// Unexpected returns the cells whose difference is not intended, with
// their files.
func (r *Report) Unexpected() []string {
	var out []string
	for _, f := range r.Files {
		for _, c := range f.Cells {
			if c.Outcome == Differ {
				out = append(out, fmt.Sprintf("%s: %s: ours %q, exiftool %q (%s)", f.File.Display, c.Field, c.Ours, c.Exiftool, c.Tag))
			}
		}
	}
	return out
}

// Compare collects the files under roots (zips unpacked into tmp), reads
// each with our extractors and all of them with one exiftool process, and
// compares the fields.
func Compare(ctx context.Context, roots []string, tmp string) (*Report, error) {
	files, err := Collect(ctx, roots, tmp)
	if err != nil {
		return nil, err
	}
	ver, err := ExiftoolVersion(ctx)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	et, err := RunExiftool(ctx, paths)
	if err != nil {
		return nil, err
	}
	rep := &Report{ExiftoolVersion: ver}
	exs := meta.Extractors()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		o := Extract(ctx, f.Path, exs)
		rep.Files = append(rep.Files, CompareFile(f, o, et[filepath.Clean(f.Path)]))
	}
	rep.Totals = total(rep.Files)
	return rep, nil
}

// CompareFile compares our reading of one file with exiftool's tags.
func CompareFile(f File, o Ours, tg Tags) FileResult {
	fam := FamilyOf(o.Type)
	fr := FileResult{File: f, Type: o.Type, Family: fam, OursErr: o.Err, ExiftoolErr: tagString(tg["ExifTool:Error"])}
	if fam == FamilyOther {
		fr.UnmappedTags = mappedTagsPresent(tg)
		return fr
	}
	ours := OursValues(o.Metadata)
	theirs, from := ExiftoolValues(fam, tg)
	for _, field := range Fields {
		c := Cell{Field: field, Ours: ours[field], Exiftool: theirs[field], Tag: from[field]}
		if c.Ours == "" && c.Exiftool == "" {
			continue
		}
		switch {
		case c.Ours == c.Exiftool:
			c.Outcome = Agree
		default:
			c.Outcome = Differ
			if d := matchIntended(fam, f, c, tg); d != nil {
				c.Outcome, c.Why = Intended, d
			}
		}
		fr.Cells = append(fr.Cells, c)
	}
	return fr
}

func total(files []FileResult) Totals {
	var t Totals
	for _, f := range files {
		t.Files++
		if len(f.Cells) > 0 {
			t.FilesCompared++
		}
		for _, c := range f.Cells {
			switch c.Outcome {
			case Agree:
				t.Agree++
			case Intended:
				t.Intended++
			case Differ:
				t.Differ++
			}
		}
	}
	return t
}

// Print writes the table: per file its type, then one line per field with
// both values and the outcome; files with no metadata on either side are
// listed in one line each at the end; totals close it.
func (r *Report) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	flush := func() {
		// Each file is its own block of columns.
		_ = tw.Flush()
	}
	fmt.Fprintf(tw, "exiftool %s (-json -G -n) against meta.Run with meta.Extractors()\n\n", r.ExiftoolVersion)
	var empty []FileResult
	for _, f := range r.Files {
		if len(f.Cells) == 0 {
			empty = append(empty, f)
			continue
		}
		flush()
		fmt.Fprintf(tw, "%s [%s, %s]\n", f.File.Display, f.Family, f.Type.MIME)
		if f.OursErr != nil {
			fmt.Fprintf(tw, "  our error: %s\n", oneLine(f.OursErr.Error()))
		}
		if f.ExiftoolErr != "" {
			fmt.Fprintf(tw, "  exiftool error: %s\n", f.ExiftoolErr)
		}
		fmt.Fprintln(tw, "  field\tours\texiftool\ttag\toutcome")
		for _, c := range f.Cells {
			outcome := string(c.Outcome)
			if c.Why != nil {
				outcome += " (" + c.Why.Name + ")"
			}
			et := c.Exiftool
			if c.Outcome == Agree {
				et = "="
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", c.Field, show(c.Ours), show(et), c.Tag, outcome)
		}
		fmt.Fprintln(tw)
	}
	flush()
	if len(empty) > 0 {
		fmt.Fprintln(tw, "no compared field on either side:")
		for _, f := range empty {
			note := string(f.Family)
			if f.Family == FamilyOther {
				note = f.Type.MIME
			}
			if len(f.UnmappedTags) > 0 {
				note += "; exiftool reads " + strings.Join(f.UnmappedTags, ", ")
			}
			fmt.Fprintf(tw, "  %s\t%s\n", f.File.Display, note)
		}
		fmt.Fprintln(tw)
	}
	flush()
	t := r.Totals
	fmt.Fprintf(tw, "totals: %d files (%d with fields), %d fields: %d agree, %d intended differences, %d unexpected differences\n",
		t.Files, t.FilesCompared, t.Agree+t.Intended+t.Differ, t.Agree, t.Intended, t.Differ)
	used := map[string]*IntendedDifference{}
	var order []string
	for _, f := range r.Files {
		for _, c := range f.Cells {
			if c.Why != nil && used[c.Why.Name] == nil {
				used[c.Why.Name] = c.Why
				order = append(order, c.Why.Name)
			}
		}
	}
	if len(order) > 0 {
		fmt.Fprintln(tw, "\nintended differences seen:")
		for _, n := range order {
			fmt.Fprintf(tw, "  %s: %s\n", n, used[n].Reason)
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print: %w", err)
	}
	return nil
}

func show(s string) string {
	if s == "" {
		return "-"
	}
	return fmt.Sprintf("%q", s)
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", "; ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
