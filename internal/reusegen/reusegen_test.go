package reusegen

import (
	"encoding/csv"
	"image"
	"reflect"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/docgen"
)

func TestTextsDeterministicAndDealt(t *testing.T) {
	a, b := Texts(), Texts()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two draws of the texts differ")
	}
	want := (len(docTemplates) + len(csvTemplates)) * PerTemplate
	if len(a) != want {
		t.Fatalf("%d texts, want %d", len(a), want)
	}
	count := map[Split]map[Role]int{Decided: {}, HeldOut: {}}
	for _, x := range a {
		count[x.Split][x.Role]++
	}
	for sp, m := range count {
		lib := (len(docTemplates) + len(csvTemplates)) * LibraryPerHalf
		if m[Library] != lib || m[Fresh] != want/2-lib {
			t.Errorf("%s: %d library, %d fresh, want %d and %d", sp, m[Library], m[Fresh], lib, want/2-lib)
		}
	}
}

// TestCSVReexportsKeepRows parses each re-export back with its separator:
// the rows must be the ones written (the spreadsheet re-export aside).
func TestCSVReexportsKeepRows(t *testing.T) {
	var x Text
	for _, t := range Texts() {
		if t.Kind == CSV {
			x = t
			break
		}
	}
	for tr, sep := range map[TextTransform]rune{QuoteAll: ',', Semicolon: ';', TabLF: '\t'} {
		body, err := TransformText(x, tr, 1)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(body))
		r.Comma = sep
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tr, err)
		}
		if !reflect.DeepEqual(rows, x.rows) {
			t.Errorf("%s: rows differ from the original", tr)
		}
	}
	if _, err := TransformText(x, Reflow, 1); err != nil {
		t.Errorf("reflow of a CSV: %v", err)
	}
	doc := Texts()[0]
	if _, err := TransformText(doc, QuoteAll, 1); err == nil {
		t.Error("a CSV re-export of a document did not fail")
	}
}

func TestSpreadsheetFormats(t *testing.T) {
	got := spreadsheet([][]string{{"date", "n"}, {"2024-03-15", "1,250.00"}, {"2024-03-15T10:00:00Z", "00041"}, {"x", "0"}})
	want := [][]string{{"date", "n"}, {"15/03/2024", "1250"}, {"15/03/2024T10:00:00Z", "41"}, {"x", "0"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spreadsheet = %q, want %q", got, want)
	}
}

// TestTextGoal checks the goal on the text half this package
// was not tuned on: at similar.TextMatch, at least 95 % of the re-saved
// copies match their own text and at most 1 % of the fresh texts match
// anything.
func TestTextGoal(t *testing.T) {
	qs, err := TextQueries(Texts(), similar.ShingleWords)
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range []Split{Decided, HeldOut} {
		o := Evaluate(qs, sp, similar.TextMatch, AtLeastSimilar)
		if o.Recall["all"] < 0.95 || o.FalseFresh > MaxFalseRate || o.FalseReused > MaxFalseRate {
			t.Errorf("%s: recall %.3f, false %.3f / %.3f", sp, o.Recall["all"], o.FalseFresh, o.FalseReused)
		}
	}
}

func TestChoosePicksMiddleOfBestRange(t *testing.T) {
	// One re-used copy at distance 10 from its own item and 40 from the
	// other; one fresh item at 30 from both.
	qs := []Query{
		{Split: Decided, Transform: "x", Own: 0, Scores: []float64{10, 40}},
		{Split: Decided, Transform: "fresh", Own: -1, Scores: []float64{30, 30}},
	}
	var cands []float64
	for d := range 50 {
		cands = append(cands, float64(d))
	}
	// Recall is 1 and no false match for 10 ≤ d < 30: the middle is 20.
	if th := Choose(qs, cands, WithinDistance); th != 20 {
		t.Errorf("Choose = %g, want 20", th)
	}
	o := Evaluate(qs, Decided, 35, WithinDistance)
	if o.Recall["x"] != 1 || o.FalseFresh != 1 || o.FalseReused != 0 {
		t.Errorf("at 35: %+v", o)
	}
}

func TestPagesAndImageTransforms(t *testing.T) {
	fonts, err := docgen.LoadFonts("")
	if err != nil {
		t.Skip(err) // fonts-ipafont-gothic is not installed
	}
	pages := Pages(fonts)
	if len(pages) != len(screenTemplates)*PerTemplate {
		t.Fatalf("%d pages", len(pages))
	}
	again := Pages(fonts)
	if !reflect.DeepEqual(pages[5].Spec.Rows, again[5].Spec.Rows) {
		t.Fatal("two draws of the pages differ")
	}
	img, err := docgen.Screenshot(pages[0].Spec)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	h0, _, err := similar.HashImage(img)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range append([]ImageTransform{Unchanged}, ImageTransforms...) {
		out, err := TransformImage(img, tr, 7)
		if err != nil {
			t.Fatalf("%s: %v", tr, err)
		}
		ob := out.Bounds()
		switch tr {
		case Unchanged, JPEG60:
			if ob.Size() != b.Size() {
				t.Errorf("%s: size %v", tr, ob.Size())
			}
		case Resize50:
			if ob.Size() != image.Pt(b.Dx()/2, b.Dy()/2) {
				t.Errorf("%s: size %v", tr, ob.Size())
			}
		case Crop1, Crop5:
			if ob.Dx() > b.Dx() || ob.Dx() < b.Dx()*94/100 || ob.Dy() > b.Dy() || ob.Dy() < b.Dy()*94/100 {
				t.Errorf("%s: size %v of %v", tr, ob.Size(), b.Size())
			}
		}
		h, _, err := similar.HashImage(out)
		if err != nil {
			t.Fatalf("%s: %v", tr, err)
		}
		// A PNG round trip changes no pixel, so not the hash either.
		if tr == Unchanged && h != h0 {
			t.Errorf("%s: hash %s, want the original's %s", tr, h, h0)
		}
	}
	if _, err := TransformImage(img, "sepia", 1); err == nil {
		t.Error("an unknown transform did not fail")
	}
}

func TestEitherQueries(t *testing.T) {
	text := "Customer records portal, Marrowby branch: Alice Abernathy 12 Fenwick Road, balance 1250 due 2024-03-15"
	other := "Payroll for Kestrel Bay: Brendan Brightwater, Legal, salary 48210 paid 2023-11-02 to account 7781"
	var near, far similar.ImageHash
	far[0], far[1], far[2], far[3] = 0xff, 0xff, 0xff, 0xff // 32 bits away
	set := &ScreenTextSet{
		Library: []ScreenText{{Split: Decided, Own: 0, Text: text, Hash: near}},
		Queries: []ScreenText{
			{Split: Decided, Transform: "by-hash", Own: 0, Text: other, Hash: near},
			{Split: Decided, Transform: "by-text", Own: 0, Text: text, Hash: far},
			{Split: Decided, Transform: "fresh", Own: -1, Text: other, Hash: far},
			{Split: HeldOut, Transform: "other half", Own: -1, Text: text, Hash: near},
		},
	}
	qs := set.EitherQueries(1, 15, 0.5)
	want := [][]float64{{1}, {1}, {0}, nil}
	for i, q := range qs {
		if !reflect.DeepEqual(q.Scores, want[i]) {
			t.Errorf("%s: scores %v, want %v", q.Transform, q.Scores, want[i])
		}
	}
}
