package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/reusegen"
)

// writePairs writes, for each half, every pair of screenshots (a later
// one and an earlier one) as a TSV row: the half, both display paths,
// their templates, whether the later re-uses the earlier (its source),
// the transform, the PDQ distance (-1 when either has no hash of
// quality), and the similarity of their OCR texts' signatures (-1 when
// either has none). It is the data a rule combining the two witnesses is
// decided on (on the decided half only) and checked with (on the
// held-out half).
func writePairs(path string, runs []triaged) error {
	type shot struct {
		half      reusegen.Split
		path      string
		template  int
		source    string
		transform string
		pdq       *similar.ImageHash
		sig       similar.TextSig
	}
	var shots []shot
	for _, r := range runs {
		byPath := map[string]*evidence.Item{}
		for i := range r.report.Items {
			byPath[r.report.Items[i].Path] = &r.report.Items[i]
		}
		for _, it := range r.pack.Items {
			if it.Class != reusegen.ClassImage {
				continue
			}
			disp := r.pack.Name + "!/" + it.Path
			s := shot{half: r.pack.Split, path: disp, template: it.Template, transform: it.Transform}
			if it.Source != nil {
				s.source = it.Source.Pack + "!/" + it.Source.Path
			}
			if ri := byPath[disp]; ri != nil && ri.Hashes != nil {
				if ri.Hashes.PDQ != nil && ri.Hashes.PDQQuality >= similar.MinQuality {
					s.pdq = ri.Hashes.PDQ
				}
				if ri.TextSource == evidence.TextFromOCR {
					s.sig = ri.Hashes.Text
				}
			}
			shots = append(shots, s)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "half\tlater\tearlier\ttemplate_later\ttemplate_earlier\treuse\ttransform\tpdq_distance\ttext_similarity")
	for i, a := range shots {
		for _, b := range shots[:i] {
			if a.half != b.half {
				continue
			}
			d := -1
			if a.pdq != nil && b.pdq != nil {
				d = a.pdq.Distance(*b.pdq)
			}
			s := -1.0
			if a.sig != nil && b.sig != nil {
				s = a.sig.Similarity(b.sig)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%t\t%s\t%d\t%.4f\n", a.half, a.path, b.path, a.template, b.template, a.source == b.path, a.transform, d, s)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
