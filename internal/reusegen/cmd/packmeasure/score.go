package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/reusegen"
)

// triaged is one pack of the set and what its triage reported.
type triaged struct {
	pack     reusegen.Pack
	report   *evidence.Report
	duration time.Duration
	lookups  []lookup
}

// lookup is the time one lookup of an item's hashes took, by its kind:
// evidence.MatchExact, MatchImage or MatchText.
type lookup struct {
	kind string
	took time.Duration
}

// finding is a generated file that scored a miss or a false match, for
// -v.
type finding struct {
	pack      string
	item      reusegen.PackItem
	sightings []evidence.Sighting
	// nearImage and nearText are the PDQ distance and the text
	// similarity of a re-used file to its source (-1 when either has no
	// such hash), so that a miss can be understood.
	nearImage int
	nearText  float64
	textFrom  string // "body" or "ocr": where the re-used file's text came from
	missed    bool   // a re-used file whose source was not seen
}

// halfScore is the tally of one half.
type halfScore struct {
	split reusegen.Split
	packs int
	// Reused and Hit count the re-used files and those whose sightings
	// name their source, per transform (and "all"); HitBy counts the hits
	// by the way the sighting of the source matched.
	Reused, Hit map[string]int
	HitBy       map[string]int
	// ReusedFrom and HitFrom count the re-used files and the hits by the
	// class and format of the source ("table/xlsx").
	ReusedFrom, HitFrom map[string]int
	// Fresh counts the fresh files looked up against a library holding
	// at least one pack; FreshFalse those with any sighting, and
	// ReusedFalse the re-used files with a sighting that is neither
	// their source nor a copy of it. FalseBy counts the false files by
	// class.
	Fresh, FreshFalse, ReusedFalse int
	FalseBy                        map[reusegen.Class]int
	// Missing counts generated files the report does not hold; Extra the
	// report's items that are no generated file (a member of a member).
	Missing, Extra int
	// Misses and Falses are what -v lists.
	Misses, Falses []finding
	// Durations are the packs' triage times, Lookups the lookups timed.
	Durations []time.Duration
	Lookups   []lookup
}

// recall is the share of re-used files of transform tr recognised.
func (h *halfScore) recall(tr string) float64 { return ratio(h.Hit[tr], h.Reused[tr]) }

// falseRate is the share of the files looked up (fresh against a
// non-empty library, and re-used) that had a false match.
func (h *halfScore) falseRate() float64 {
	return ratio(h.FreshFalse+h.ReusedFalse, h.Fresh+h.Reused["all"])
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// score tallies the triages of each half against the ground truth. The
// triages of a half must be in the order they were made.
func score(runs []triaged) map[reusegen.Split]*halfScore {
	// origin maps each file's display path to its original's: a fresh
	// file is its own original, a re-used one has its source's.
	origin := map[string]string{}
	generated := map[string]reusegen.PackItem{}
	for _, r := range runs {
		for _, it := range r.pack.Items {
			self := reusegen.ItemRef{Pack: r.pack.Name, Path: it.Path}.Display()
			origin[self] = self
			generated[self] = it
			if it.Reused() {
				origin[self] = it.Source.Display()
			}
		}
	}
	hashes := map[string]*evidence.Item{} // display path → the item as reported
	out := map[reusegen.Split]*halfScore{}
	for _, r := range runs {
		h := out[r.pack.Split]
		if h == nil {
			h = &halfScore{split: r.pack.Split, Reused: map[string]int{}, Hit: map[string]int{}, HitBy: map[string]int{}, ReusedFrom: map[string]int{}, HitFrom: map[string]int{}, FalseBy: map[reusegen.Class]int{}}
			out[r.pack.Split] = h
		}
		h.packs++
		h.Durations = append(h.Durations, r.duration)
		h.Lookups = append(h.Lookups, r.lookups...)
		items := map[string]*evidence.Item{}
		if r.report != nil {
			for i := range r.report.Items {
				it := &r.report.Items[i]
				items[it.Path] = it
			}
		}
		known := 0
		for _, gen := range r.pack.Items {
			self := reusegen.ItemRef{Pack: r.pack.Name, Path: gen.Path}.Display()
			it := items[self]
			if it == nil {
				h.Missing++
				continue
			}
			known++
			hashes[self] = it
			if !gen.Reused() {
				if r.pack.Seq == 0 {
					continue // looked up in an empty library
				}
				h.Fresh++
				if len(it.SeenBefore) > 0 {
					h.FreshFalse++
					h.FalseBy[gen.Class]++
					h.Falses = append(h.Falses, finding{pack: r.pack.Name, item: gen, sightings: it.SeenBefore, nearImage: -1, nearText: -1})
				}
				continue
			}
			src := gen.Source.Display()
			from := fmt.Sprintf("%s/%s", gen.Class, generated[src].Format)
			h.Reused[gen.Transform]++
			h.Reused["all"]++
			h.ReusedFrom[from]++
			hit, wrong := "", false
			for _, s := range it.SeenBefore {
				switch {
				case s.Pack.Name == gen.Source.Pack && s.Path == src:
					if hit == "" {
						hit = s.Match
					}
				case origin[s.Path] == src:
					// a copy of its source, published in between
				default:
					wrong = true
				}
			}
			f := finding{pack: r.pack.Name, item: gen, sightings: it.SeenBefore, nearImage: -1, nearText: -1, textFrom: it.TextSource}
			if s := hashes[src]; s != nil && s.Hashes != nil && it.Hashes != nil {
				if s.Hashes.PDQ != nil && it.Hashes.PDQ != nil {
					f.nearImage = s.Hashes.PDQ.Distance(*it.Hashes.PDQ)
				}
				if s.Hashes.Text != nil && it.Hashes.Text != nil {
					f.nearText = s.Hashes.Text.Similarity(it.Hashes.Text)
				}
			}
			if hit != "" {
				h.Hit[gen.Transform]++
				h.Hit["all"]++
				h.HitBy[hit]++
				h.HitFrom[from]++
			} else {
				f.missed = true
				h.Misses = append(h.Misses, f)
			}
			if wrong {
				h.ReusedFalse++
				h.FalseBy[gen.Class]++
				h.Falses = append(h.Falses, f)
			}
		}
		h.Extra += len(items) - known
	}
	return out
}

// transforms lists the transforms of the set, class by class.
func transforms() []string {
	var out []string
	for _, c := range reusegen.Classes {
		out = append(out, reusegen.PackTransforms[c]...)
	}
	return out
}

// classOf returns the class of transform tr.
func classOf(tr string) reusegen.Class {
	for _, c := range reusegen.Classes {
		if slices.Contains(reusegen.PackTransforms[c], tr) {
			return c
		}
	}
	return ""
}

// printTable writes the scores of both halves.
func printTable(w io.Writer, scores map[reusegen.Split]*halfScore, verbose bool) {
	for _, sp := range []reusegen.Split{reusegen.Decided, reusegen.HeldOut} {
		h := scores[sp]
		if h == nil {
			continue
		}
		fmt.Fprintf(w, "\n%s half: %d packs\n", sp, h.packs)
		fmt.Fprintf(w, "  %-9s %-10s %8s %11s %8s\n", "class", "transform", "re-used", "recognised", "recall")
		for _, tr := range append(transforms(), "all") {
			c := string(classOf(tr))
			if tr == "all" {
				c = ""
			}
			fmt.Fprintf(w, "  %-9s %-10s %8d %11d %7.1f%%\n", c, tr, h.Reused[tr], h.Hit[tr], 100*h.recall(tr))
		}
		var by []string
		for _, m := range []string{evidence.MatchExact, evidence.MatchImage, evidence.MatchText} {
			by = append(by, fmt.Sprintf("%s %d", m, h.HitBy[m]))
		}
		fmt.Fprintf(w, "  recognised by: %s\n", strings.Join(by, ", "))
		var from []string
		for f := range h.ReusedFrom {
			from = append(from, f)
		}
		sort.Strings(from)
		for i, f := range from {
			from[i] = fmt.Sprintf("%s %d of %d", f, h.HitFrom[f], h.ReusedFrom[f])
		}
		fmt.Fprintf(w, "  recognised by the source's format: %s\n", strings.Join(from, ", "))
		fmt.Fprintf(w, "  false matches: %.2f%% of %d files (fresh %d of %d, re-used %d of %d; images %d, documents %d, tables %d)\n",
			100*h.falseRate(), h.Fresh+h.Reused["all"], h.FreshFalse, h.Fresh, h.ReusedFalse, h.Reused["all"],
			h.FalseBy[reusegen.ClassImage], h.FalseBy[reusegen.ClassDocument], h.FalseBy[reusegen.ClassTable])
		met := "met"
		if h.recall("all") < 0.95 || h.falseRate() > 0.01 {
			met = "NOT met"
		}
		fmt.Fprintf(w, "  the issue's bar (recall >= 95 %% at <= 1 %% false matches): %s\n", met)
		if h.Missing > 0 || h.Extra > 0 {
			fmt.Fprintf(w, "  generated files not in the reports: %d; report items not generated: %d\n", h.Missing, h.Extra)
		}
		d := append([]time.Duration(nil), h.Durations...)
		slices.Sort(d)
		var sum time.Duration
		for _, x := range d {
			sum += x
		}
		fmt.Fprintf(w, "  time per pack: mean %s, median %s, max %s\n",
			(sum / time.Duration(max(1, len(d)))).Round(time.Millisecond), quantile(d, 0.5).Round(time.Millisecond), quantile(d, 1).Round(time.Millisecond))
		fmt.Fprintf(w, "  lookups (timed again after each triage, the pack itself excluded):")
		for _, kind := range []string{evidence.MatchExact, evidence.MatchImage, evidence.MatchText} {
			var t []time.Duration
			for _, l := range h.Lookups {
				if l.kind == kind {
					t = append(t, l.took)
				}
			}
			slices.Sort(t)
			fmt.Fprintf(w, " %s %d, median %.3f ms, p99 %.3f ms;", kind, len(t), ms(quantile(t, 0.5)), ms(quantile(t, 0.99)))
		}
		fmt.Fprintln(w)
		if verbose {
			listFindings(w, "misses", h.Misses)
			listFindings(w, "false matches", h.Falses)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// quantile returns the q-quantile of sorted (nearest rank), 0 when empty.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// listFindings writes each miss or false match with what was found.
func listFindings(w io.Writer, title string, fs []finding) {
	fmt.Fprintf(w, "  %s: %d\n", title, len(fs))
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].item.Transform < fs[j].item.Transform })
	for _, f := range fs {
		what := "fresh"
		if f.item.Reused() {
			what = fmt.Sprintf("%s of %s", f.item.Transform, f.item.Source.Display())
		}
		fmt.Fprintf(w, "    %s!/%s (%s %s, template %d): %s", f.pack, f.item.Path, f.item.Class, f.item.Format, f.item.Template, what)
		if f.item.Reused() {
			fmt.Fprintf(w, "; to its source: PDQ distance %s, text similarity %s", orNone(f.nearImage >= 0, fmt.Sprint(f.nearImage)),
				orNone(f.nearText >= 0, fmt.Sprintf("%.3f (%s text)", f.nearText, f.textFrom)))
			th := similar.TextMatch
			if f.textFrom == evidence.TextFromOCR {
				th = similar.OCRTextMatch
			}
			if f.missed && ((f.nearImage >= 0 && f.nearImage <= similar.ImageMatch) || (f.nearText >= 0 && f.nearText >= th)) {
				fmt.Fprint(w, " — within the threshold, not returned by the lookup")
			}
		}
		fmt.Fprintln(w)
		for _, s := range f.sightings {
			fmt.Fprintf(w, "      seen: %s (%s, distance %d, similarity %.3f)\n", s.Path, s.Match, s.Distance, s.Similarity)
		}
	}
}

func orNone(ok bool, s string) string {
	if !ok {
		return "none"
	}
	return s
}

// thresholds names the library's thresholds, for the table's heading.
func thresholds() string {
	return fmt.Sprintf("similar.ImageMatch %d bits, TextMatch %g, OCRTextMatch %g", similar.ImageMatch, similar.TextMatch, similar.OCRTextMatch)
}
