package reusegen

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/proofpack/proofpack/internal/docgen"
)

// truthDigest is the SHA-256 of the ground truth of Packs(nil, MinPacks)
// as JSON: the packs' names, halves, claims and dates, and every file's
// path, class, format, source and transform. It changes only when the
// plan of the set does; after a deliberate change, take the new value
// from the failure message.
const truthDigest = "9b98db31d8827903754a9d8835bb1be5f9186777406eeaee5c29a77caf17e091"

func TestPacksReproducible(t *testing.T) {
	a, err := Packs(nil, MinPacks)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Packs(nil, MinPacks)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two draws of the pack set differ")
	}
	small, err := Packs(nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(small, a[:10]) {
		t.Error("a set of 10 packs is not the start of a set of MinPacks")
	}
	js, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(js)
	if got := hex.EncodeToString(sum[:]); got != truthDigest {
		t.Errorf("ground truth digest %s, want %s", got, truthDigest)
	}
	if _, err := Packs(nil, 1); err == nil {
		t.Error("a set of one pack did not fail")
	}
}

// TestPacksGroundTruth checks the plan against what the issue asks of
// the set: two halves of their own, at least 50 packs, 8-12 files each,
// 30 % re-used after the first packs, each re-use one transform away from
// a fresh file of an earlier pack of the same half, every transform used.
func TestPacksGroundTruth(t *testing.T) {
	packs, err := Packs(nil, MinPacks)
	if err != nil {
		t.Fatal(err)
	}
	type where struct {
		pack PackItem
		p    Pack
	}
	files := map[ItemRef]where{}
	perHalf := map[Split]int{}
	used := map[Split]map[string]int{Decided: {}, HeldOut: {}}
	var reused, after int
	for k, p := range packs {
		if p.Index != k || p.Split != split(k) || p.Seq != perHalf[p.Split] {
			t.Errorf("%s: index %d, %s #%d", p.Name, p.Index, p.Split, p.Seq)
		}
		perHalf[p.Split]++
		if k > 1 && !p.Date.After(packs[k-2].Date) {
			t.Errorf("%s: dated %s, not after the half's previous pack", p.Name, p.Date)
		}
		if n := len(p.Items); n < 8 || n > 12 {
			t.Errorf("%s: %d files", p.Name, n)
		}
		if p.Claim == "" {
			t.Errorf("%s: no claim", p.Name)
		}
		sources := map[ItemRef]bool{}
		n := 0
		for _, it := range p.Items {
			ref := ItemRef{p.Name, it.Path}
			if _, dup := files[ref]; dup {
				t.Errorf("%s: two files at %s", p.Name, it.Path)
			}
			files[ref] = where{it, p}
			if !it.Reused() {
				if it.Transform != "" {
					t.Errorf("%s: fresh with transform %s", ref.Display(), it.Transform)
				}
				continue
			}
			n++
			src, ok := files[*it.Source]
			switch {
			case !ok:
				t.Errorf("%s: source %s is not an earlier file", ref.Display(), it.Source.Display())
				continue
			case src.p.Split != p.Split:
				t.Errorf("%s: source %s is of the other half", ref.Display(), it.Source.Display())
			case src.pack.Reused():
				t.Errorf("%s: source %s is itself re-used", ref.Display(), it.Source.Display())
			case src.pack.Class != it.Class:
				t.Errorf("%s: %s from a %s", ref.Display(), it.Class, src.pack.Class)
			case src.pack.Template != it.Template:
				t.Errorf("%s: template %d, its source's %d", ref.Display(), it.Template, src.pack.Template)
			case sources[*it.Source]:
				t.Errorf("%s: source %s used twice in the pack", ref.Display(), it.Source.Display())
			}
			sources[*it.Source] = true
			if !containsTransform(it.Class, it.Transform) {
				t.Errorf("%s: transform %q of a %s", ref.Display(), it.Transform, it.Class)
			}
			used[p.Split][it.Transform]++
		}
		want := 0
		if p.Seq >= FreshPacks {
			want = int(math.Round(ReuseShare * float64(len(p.Items))))
			reused += n
			after += len(p.Items)
		}
		if n != want {
			t.Errorf("%s (%s #%d): %d of %d files re-used, want %d", p.Name, p.Split, p.Seq, n, len(p.Items), want)
		}
	}
	if share := float64(reused) / float64(after); share < 0.27 || share > 0.33 {
		t.Errorf("%.3f of the files after the fresh packs re-used", share)
	}
	for sp, m := range used {
		for _, c := range Classes {
			for _, tr := range PackTransforms[c] {
				if m[tr] == 0 {
					t.Errorf("%s: no file re-used after %s", sp, tr)
				}
			}
		}
	}
}

func containsTransform(c Class, tr string) bool {
	for _, x := range PackTransforms[c] {
		if x == tr {
			return true
		}
	}
	return false
}

// TestPackZips renders two packs of each half with re-used files twice:
// the bytes are the same, every file is at its path in the format the
// ground truth gives, and each re-used file is its source transformed
// (an image's size as the transform makes it, a CSV's rows those of its
// source, a document's text its source's).
func TestPackZips(t *testing.T) {
	fonts, err := docgen.LoadFonts("")
	if err != nil {
		t.Skip(err) // fonts-ipafont-gothic is not installed
	}
	packs, err := Packs(fonts, 2*FreshPacks+4)
	if err != nil {
		t.Fatal(err)
	}
	opened := map[string]map[string][]byte{}
	open := func(p Pack) map[string][]byte {
		if m := opened[p.Name]; m != nil {
			return m
		}
		b, err := p.Zip()
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		m := map[string][]byte{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			m[f.Name], err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			if !f.Modified.Before(p.Date) {
				t.Errorf("%s!/%s: dated %s, not before the pack", p.Name, f.Name, f.Modified)
			}
		}
		opened[p.Name] = m
		return m
	}
	byName := map[string]Pack{}
	for _, p := range packs {
		byName[p.Name] = p
	}
	reusedSeen := 0
	for _, p := range packs[2*FreshPacks:] {
		a, err := p.Zip()
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Zip()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: two renderings differ", p.Name)
		}
		files := open(p)
		if len(files) != len(p.Items) {
			t.Errorf("%s: %d files in the zip, %d in the ground truth", p.Name, len(files), len(p.Items))
		}
		for _, it := range p.Items {
			data, ok := files[it.Path]
			if !ok {
				t.Errorf("%s: %s missing", p.Name, it.Path)
				continue
			}
			checkFormat(t, p.Name+"!/"+it.Path, it.Format, data)
			if !it.Reused() {
				continue
			}
			reusedSeen++
			src := open(byName[it.Source.Pack])[it.Source.Path]
			checkReuse(t, p.Name+"!/"+it.Path, it, data, src)
		}
	}
	if reusedSeen == 0 {
		t.Fatal("no re-used file rendered")
	}
}

// checkFormat checks that data is a file of format.
func checkFormat(t *testing.T, name, format string, data []byte) {
	t.Helper()
	ok := false
	switch format {
	case FormatPNG:
		ok = bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n"))
	case FormatJPEG:
		ok = bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff})
	case FormatPDF:
		ok = bytes.HasPrefix(data, []byte("%PDF-"))
	case FormatDOCX, FormatXLSX:
		part := map[string]string{FormatDOCX: "word/document.xml", FormatXLSX: "xl/workbook.xml"}[format]
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			for _, f := range zr.File {
				ok = ok || f.Name == part
			}
		}
	case FormatCSV:
		_, err := csv.NewReader(bytes.NewReader(data)).Read()
		ok = err == nil
	}
	if !ok {
		t.Errorf("%s: not a %s file", name, format)
	}
}

// checkReuse checks that data, a re-used file, is its source src after
// the file's transform.
func checkReuse(t *testing.T, name string, it PackItem, data, src []byte) {
	t.Helper()
	switch it.Class {
	case ClassImage:
		got, _, err1 := image.DecodeConfig(bytes.NewReader(data))
		want, _, err2 := image.DecodeConfig(bytes.NewReader(src))
		if err1 != nil || err2 != nil {
			t.Errorf("%s: %v, source %v", name, err1, err2)
			return
		}
		g, w := image.Pt(got.Width, got.Height), image.Pt(want.Width, want.Height)
		var fits bool
		switch ImageTransform(it.Transform) {
		case JPEG60:
			fits = g == w
		case Resize50:
			fits = g == image.Pt((w.X+1)/2, (w.Y+1)/2)
		case Crop5:
			fits = g.X <= w.X && g.Y <= w.Y && g.X >= w.X*95/100 && g.Y >= w.Y*95/100
		case Rescreen:
			fits = g.X >= w.X*85/100 && g.X <= w.X+16 && g.Y >= w.Y*85/100 && g.Y <= w.Y+16 && g != w
		}
		if !fits {
			t.Errorf("%s: %s of a %v image is %v", name, it.Transform, w, g)
		}
	case ClassTable:
		sep := map[string]rune{string(QuoteAll): ',', string(Semicolon): ';', string(TabLF): '\t', string(Excel): ','}[it.Transform]
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma = sep
		rows, err := r.ReadAll()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		want := it.content.text.rows
		if it.Transform == string(Excel) {
			want = spreadsheet(want)
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("%s: rows differ from the source's", name)
		}
		if bytes.Equal(data, src) {
			t.Errorf("%s: the same bytes as its source", name)
		}
	case ClassDocument:
		if bytes.Equal(data, src) {
			t.Errorf("%s: the same bytes as its source", name)
		}
		// Every word of the title and of the first section heading is
		// in the file (a PDF or a DOCX's XML holds its text as is).
		tpl := docTemplates[it.content.text.Template]
		for _, w := range strings.Fields(tpl.title + " " + tpl.sections[0]) {
			if !bytes.Contains(data, []byte(w)) && !bytes.Contains(unzipAll(data), []byte(w)) {
				t.Errorf("%s: %q missing", name, w)
			}
		}
	}
}

// unzipAll returns the members of a zip file (a DOCX) one after the
// other, or nothing when data is no zip.
func unzipAll(data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	var out []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out = append(out, b...)
	}
	return out
}
