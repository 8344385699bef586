// Command ocrnames measures look-alike matching on OCR output: for each
// page of the OCR test set it reads the text OCR made of it (the files
// ocrbench -dump writes, DIR/<image>.txt) with fingerprint's Extract and
// with ExtractOCR, and counts the (page, organisation) pairs whose name
// is found, against those the page's ground truth names, and the
// look-alike matches to an organisation the page does not show (by
// name, address or host in its ground truth).
//
// Usage:
//
//	go run ./internal/ocreval/cmd/ocrbench -nocmd -rounds 1 -dump /tmp/ocr
//	go run ./fingerprint/internal/lookalikegen/cmd/ocrnames [-set testdata/ocr] /tmp/ocr/0
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/internal/ocrset"
)

func main() {
	set := flag.String("set", "testdata/ocr", "the OCR test set")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: ocrnames [-set DIR] TEXTDIR")
		os.Exit(2)
	}
	if err := run(*set, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "ocrnames:", err)
		os.Exit(1)
	}
}

// tally counts one language's pages.
type tally struct {
	pages, shown, before, after, lookalike, falseMatch int
	// domains: (page, organisation) pairs found through an address or
	// host, before and after.
	domBefore, domAfter int
	misses, falses      []string
}

func run(set, dir string) error {
	cases, err := ocrset.Load(set)
	if err != nil {
		return err
	}
	cat := fingerprint.Default()
	x := fingerprint.NewExtractor(cat, fingerprint.Options{})
	orgOf := func(s fingerprint.Signal) (string, bool) {
		switch s.Kind {
		case fingerprint.OrgName:
			return s.Value, true
		case fingerprint.Email, fingerprint.Domain, fingerprint.Host, fingerprint.URL, fingerprint.UNCPath:
			h := s.Value
			if s.Kind == fingerprint.Email {
				h = h[strings.LastIndexByte(h, '@')+1:]
			}
			if s.Kind == fingerprint.URL {
				h = h[strings.Index(h, "://")+3:]
				if i := strings.IndexAny(h, "/:?#"); i >= 0 {
					h = h[:i]
				}
			}
			if s.Kind == fingerprint.UNCPath {
				h = strings.TrimLeft(h, `\`)
				if i := strings.IndexByte(h, '\\'); i >= 0 {
					h = h[:i]
				}
			}
			if o, ok := cat.ByDomain(h); ok {
				return o.ID, true
			}
		}
		return "", false
	}
	byLang := map[string]*tally{}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join(dir, c.File+".txt"))
		if err != nil {
			return err
		}
		text := string(data)
		t := byLang[c.Lang]
		if t == nil {
			t = &tally{}
			byLang[c.Lang] = t
		}
		t.pages++
		names := map[string]bool{} // named in the ground truth
		shown := map[string]bool{} // named or addressed there
		for s := range x.Signals(c.Text()) {
			if o, ok := orgOf(s); ok {
				shown[o] = true
				if s.Kind == fingerprint.OrgName {
					names[o] = true
				}
			}
		}
		t.shown += len(names)
		before, after := map[string]bool{}, map[string]bool{}
		domB, domA := map[string]bool{}, map[string]bool{}
		x.Extract(text, func(s fingerprint.Signal) bool {
			if o, ok := orgOf(s); ok {
				if s.Kind == fingerprint.OrgName {
					before[o] = true
				} else {
					domB[o] = true
				}
			}
			return true
		})
		x.ExtractOCR(text, func(s fingerprint.Signal) bool {
			o, ok := orgOf(s)
			if !ok {
				return true
			}
			if s.Kind == fingerprint.OrgName {
				after[o] = true
			} else {
				domA[o] = true
			}
			if s.Lookalike != "" {
				t.lookalike++
				if !shown[o] {
					t.falseMatch++
					t.falses = append(t.falses, fmt.Sprintf("%s: %q read as %q (%s)", c.File, s.Raw, s.Lookalike, o))
				}
			}
			return true
		})
		for o := range names {
			if before[o] {
				t.before++
			}
			if after[o] {
				t.after++
			}
			if !after[o] {
				t.misses = append(t.misses, c.File+": "+o)
			}
		}
		t.domBefore += len(domB)
		t.domAfter += len(domA)
	}
	tw := tabwriter.NewWriter(os.Stdout, 2, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\tpages\tnames shown\tfound exact\tfound with look-alikes\tlook-alike matches\tto an organisation not shown\torgs by address/host exact\twith look-alikes\t")
	for _, l := range slices.Sorted(maps.Keys(byLang)) {
		t := byLang[l]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", l, t.pages, t.shown, t.before, t.after, t.lookalike, t.falseMatch, t.domBefore, t.domAfter)
	}
	tw.Flush()
	for _, l := range slices.Sorted(maps.Keys(byLang)) {
		for _, m := range byLang[l].misses {
			fmt.Println("name not found:", m)
		}
		for _, f := range byLang[l].falses {
			fmt.Println("false look-alike:", f)
		}
	}
	return nil
}
