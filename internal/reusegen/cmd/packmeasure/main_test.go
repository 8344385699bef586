package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/docgen"
	"github.com/proofpack/proofpack/internal/reusegen"
)

// TestScore scores hand-made reports of three packs of one half: a
// sighting of the source is a hit, one of another copy of the source
// neither a hit nor false, one of anything else false; a fresh file of
// the first pack (looked up in an empty library) is not counted.
func TestScore(t *testing.T) {
	src := func(pack, path string) *reusegen.ItemRef { return &reusegen.ItemRef{Pack: pack, Path: path} }
	img, doc, tab := reusegen.ClassImage, reusegen.ClassDocument, reusegen.ClassTable
	packs := []reusegen.Pack{
		{Name: "p0.zip", Split: reusegen.Decided, Seq: 0, Items: []reusegen.PackItem{
			{Path: "a.png", Class: img, Format: reusegen.FormatPNG},
			{Path: "d.docx", Class: doc, Format: reusegen.FormatDOCX},
		}},
		{Name: "p1.zip", Split: reusegen.Decided, Seq: 1, Items: []reusegen.PackItem{
			{Path: "b.jpg", Class: img, Format: reusegen.FormatJPEG, Source: src("p0.zip", "a.png"), Transform: "jpeg60"},
			{Path: "e.csv", Class: tab, Format: reusegen.FormatCSV},
		}},
		{Name: "p2.zip", Split: reusegen.Decided, Seq: 2, Items: []reusegen.PackItem{
			{Path: "c.jpg", Class: img, Format: reusegen.FormatJPEG, Source: src("p0.zip", "a.png"), Transform: "crop5"},
			{Path: "f.docx", Class: doc, Format: reusegen.FormatDOCX, Source: src("p0.zip", "d.docx"), Transform: "resave"},
			{Path: "g.csv", Class: tab, Format: reusegen.FormatCSV},
			{Path: "h.png", Class: img, Format: reusegen.FormatPNG},
		}},
	}
	seen := func(pack, path, match string) evidence.Sighting {
		return evidence.Sighting{Pack: evidence.SeenPack{Name: pack}, Path: pack + "!/" + path, Match: match}
	}
	reports := []*evidence.Report{
		{Items: []evidence.Item{{Path: "p0.zip!/a.png"}, {Path: "p0.zip!/d.docx"}}},
		{Items: []evidence.Item{
			{Path: "p1.zip!/b.jpg", SeenBefore: []evidence.Sighting{seen("p0.zip", "a.png", evidence.MatchImage)}},
			{Path: "p1.zip!/e.csv"},
		}},
		{Items: []evidence.Item{
			{Path: "p2.zip!/c.jpg", SeenBefore: []evidence.Sighting{seen("p1.zip", "b.jpg", evidence.MatchImage)}},
			{Path: "p2.zip!/f.docx", SeenBefore: []evidence.Sighting{seen("p1.zip", "e.csv", evidence.MatchText), seen("p0.zip", "d.docx", evidence.MatchText)}},
			{Path: "p2.zip!/g.csv", SeenBefore: []evidence.Sighting{seen("p0.zip", "a.png", evidence.MatchText)}},
			{Path: "p2.zip!/x.zip!/y.txt"},
		}},
	}
	var runs []triaged
	for i, p := range packs {
		runs = append(runs, triaged{pack: p, report: reports[i]})
	}
	h := score(runs)[reusegen.Decided]
	check := func(what string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", what, got, want)
		}
	}
	check("re-used", h.Reused["all"], 3)
	check("hits", h.Hit["all"], 2)
	check("jpeg60 hits", h.Hit["jpeg60"], 1)
	check("crop5 hits", h.Hit["crop5"], 0)
	check("resave hits", h.Hit["resave"], 1)
	check("hits by image", h.HitBy[evidence.MatchImage], 1)
	check("hits by text", h.HitBy[evidence.MatchText], 1)
	check("image/png sources", h.ReusedFrom["image/png"], 2)
	check("fresh", h.Fresh, 2)
	check("fresh false", h.FreshFalse, 1)
	check("re-used false", h.ReusedFalse, 1)
	check("missing", h.Missing, 1)
	check("extra", h.Extra, 1)
	check("misses listed", len(h.Misses), 1)
	check("false matches listed", len(h.Falses), 2)
	if r := h.falseRate(); r != 2.0/5 {
		t.Errorf("false rate %g, want 0.4", r)
	}
	var buf bytes.Buffer
	printTable(&buf, map[reusegen.Split]*halfScore{reusegen.Decided: h}, true)
	for _, want := range []string{"NOT met", "p2.zip!/c.jpg (image jpeg, template 0): crop5 of p0.zip!/a.png", "seen: p1.zip!/e.csv (text"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestRunFewPacks triages ten packs (five per half, two of each with
// re-used files) without OCR and checks that every generated file is
// scored once, as the ground truth has it, and that the re-uses the
// hashes are known to survive are recognised.
func TestRunFewPacks(t *testing.T) {
	if _, err := docgen.LoadFonts(""); err != nil {
		t.Skip(err) // fonts-ipafont-gothic is not installed
	}
	const n = 2*reusegen.FreshPacks + 4
	var out bytes.Buffer
	scores, err := run(context.Background(), config{packs: n}, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	packs, err := reusegen.Packs(nil, n)
	if err != nil {
		t.Fatal(err)
	}
	sure := 0
	for _, sp := range []reusegen.Split{reusegen.Decided, reusegen.HeldOut} {
		h := scores[sp]
		if h == nil {
			t.Fatalf("%s: no score", sp)
		}
		reused, fresh := map[string]int{}, 0
		for _, p := range packs {
			if p.Split != sp {
				continue
			}
			for _, it := range p.Items {
				switch {
				case it.Reused():
					reused[it.Transform]++
					reused["all"]++
				case p.Seq > 0:
					fresh++
				}
			}
		}
		if h.packs != n/2 || h.Missing != 0 || h.Extra != 0 || h.Fresh != fresh {
			t.Errorf("%s: %d packs, %d missing, %d extra, %d fresh (want %d)", sp, h.packs, h.Missing, h.Extra, h.Fresh, fresh)
		}
		for tr, want := range reused {
			if h.Reused[tr] != want {
				t.Errorf("%s: %d re-used after %s, want %d", sp, h.Reused[tr], tr, want)
			}
		}
		if reused["all"] == 0 {
			t.Errorf("%s: no re-used file", sp)
		}
		if len(h.Durations) != n/2 {
			t.Errorf("%s: %d packs timed", sp, len(h.Durations))
		}
		// What the PDQ hash and the text signature are known to
		// recognise (package similar's measurements): a JPEG at quality
		// 60, a document re-saved or printed, a CSV re-exported. And
		// nothing of the fresh files of these few packs.
		for _, tr := range []string{string(reusegen.JPEG60), reusegen.Resave, reusegen.PrintPDF} {
			if h.Hit[tr] != h.Reused[tr] {
				t.Errorf("%s: %d of %d re-used after %s recognised", sp, h.Hit[tr], h.Reused[tr], tr)
			}
			sure += h.Reused[tr]
		}
		if h.HitFrom["table/csv"] != h.ReusedFrom["table/csv"] {
			t.Errorf("%s: %d of %d CSV re-exports of CSVs recognised", sp, h.HitFrom["table/csv"], h.ReusedFrom["table/csv"])
		}
		sure += h.ReusedFrom["table/csv"]
		if h.FreshFalse+h.ReusedFalse != 0 {
			t.Errorf("%s: %d fresh and %d re-used files with false matches", sp, h.FreshFalse, h.ReusedFalse)
		}
	}
	if sure == 0 {
		t.Error("no re-used file the hashes are sure to recognise")
	}
	if !strings.Contains(out.String(), "held-out half: 5 packs") {
		t.Errorf("table:\n%s", out.String())
	}
}
