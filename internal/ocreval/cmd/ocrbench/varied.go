package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/proofpack/proofpack/internal/ocreval"
	"github.com/proofpack/proofpack/internal/ocrset"
)

// Goals of issue 15 on the varied set, judged on each half.
const (
	goalRecallEng = 0.97
	goalRecallJpn = 0.90
	goalCER       = 0.20
	goalCPURatio  = 1.3
)

// hasSplits is true when the cases carry a split (the varied set).
func hasSplits(cases []ocrset.Case) bool {
	for _, c := range cases {
		if c.Split != "" {
			return true
		}
	}
	return false
}

// checkSplit validates -split and -misses; it returns a message for the
// user when they cannot be honoured.
func checkSplit(cfg *config) string {
	if !cfg.varied {
		if cfg.split != "" || cfg.misses {
			return "-split and -misses need the varied set (-set varied)"
		}
		return ""
	}
	if cfg.split == "" {
		cfg.split = "all"
	}
	switch cfg.split {
	case ocrset.SplitDecided, ocrset.SplitHeldOut, "all":
	default:
		return fmt.Sprintf("-split %q: want decided, heldout or all", cfg.split)
	}
	if cfg.misses && cfg.split != ocrset.SplitDecided {
		return "-misses lists what was missed so that rules can be made from it: it is only allowed on the decided half (-split decided); " +
			"no rule may be tuned on the held-out half, which only measures"
	}
	if cfg.half != "" {
		return "-half selects cases of the fixed set; use -split on the varied set"
	}
	return ""
}

// filterSplit keeps the cases of one split.
func filterSplit(cases []ocrset.Case, split string) []ocrset.Case {
	var out []ocrset.Case
	for _, c := range cases {
		if c.Split == split {
			out = append(out, c)
		}
	}
	return out
}

// reportVaried prints, for each half of the varied set, per language and
// runner: CER, key-token recall and CPU seconds per image; then the goals
// of the pool (the last runner) on each half, and with -misses the missed
// tokens of the decided half.
func reportVaried(w io.Writer, cfg config, cases []ocrset.Case, runs []timing) {
	splits := []string{ocrset.SplitDecided, ocrset.SplitHeldOut}
	if cfg.split != "all" {
		splits = []string{cfg.split}
	}
	fmt.Fprintf(w, "Varied OCR test set %s: %d images, %d CPUs\n", cfg.set, len(cases), runtime.NumCPU())
	ours := len(runs) - 1
	type goalLine struct {
		split string
		met   bool
		text  string
	}
	var goals []goalLine
	sets := modelSets()
	for _, split := range splits {
		part := filterSplit(cases, split)
		if len(part) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s half (%d images)\n", split, len(part))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "lang\trunner\tCER\tkey tokens\trecall\tCPU s/image\t")
		langs := langsOf(part)
		evals := make([]ocreval.Report, len(runs))
		for i, r := range runs {
			evals[i] = ocreval.Evaluate(part, r.texts)
		}
		for _, lang := range langs {
			n := 0
			for _, c := range part {
				if c.Lang == lang {
					n++
				}
			}
			for i, r := range runs {
				s := langScore(evals[i], lang)
				cpu := r.cpu[split+"/"+lang] / float64(n)
				fmt.Fprintf(tw, "%s\t%s\t%.3f\t%d/%d\t%.1f%%\t%.2f\t\n", lang, r.name, s.CER, s.Found, s.Tokens, 100*s.Recall, cpu)
			}
			s := langScore(evals[ours], lang)
			goal := goalRecallEng
			if lang == "jpn" {
				goal = goalRecallJpn
			}
			goals = append(goals,
				goalLine{split, s.Recall >= goal, fmt.Sprintf("%s key-token recall %.1f%% >= %.0f%%", lang, 100*s.Recall, 100*goal)},
				goalLine{split, s.CER < goalCER, fmt.Sprintf("%s CER %.3f < %.2f", lang, s.CER, goalCER)})
			if ref := cpuRefFor(cfg.cpuRef, lang); ref > 0 {
				cpu := runs[ours].cpu[split+"/"+lang] / float64(n)
				goals = append(goals, goalLine{split, cpu <= goalCPURatio*ref,
					fmt.Sprintf("%s CPU %.2f s/image <= %.1fx the landed pipeline's %.2f", lang, cpu, goalCPURatio, ref)})
			}
		}
		_ = tw.Flush()
		if sets != nil {
			for _, lang := range langs {
				writeCeiling(w, evals[ours], lang, sets)
			}
		}
	}
	fmt.Fprintln(w, "\ngoals of issue 15 (proofpack's pool; reported, not enforced: the exit status does not depend on them):")
	for _, g := range goals {
		mark := "met"
		if !g.met {
			mark = "not yet"
		}
		fmt.Fprintf(w, "  %-7s  %-8s %s\n", mark, g.split, g.text)
	}
	if len(cfg.cpuRef) == 0 {
		fmt.Fprintf(w, "  CPU per image: not judged; pass -cpuref with the landed pipeline's CPU s/image to judge the %.1fx goal\n", goalCPURatio)
	}
	if cfg.misses {
		writeMisses(w, cases, runs[ours])
	}
}

// parseCPURef reads -cpuref: one number for every language, or
// lang=number pairs separated by commas.
func parseCPURef(s string) (map[string]float64, error) {
	out := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		lang, num, ok := strings.Cut(part, "=")
		if !ok {
			lang, num = "", part
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("-cpuref %q: want S or eng=S,jpn=S with S > 0 seconds", s)
		}
		out[strings.TrimSpace(lang)] = v
	}
	return out, nil
}

// cpuRefFor returns the reference CPU seconds per image of a language (0:
// none given).
func cpuRefFor(ref map[string]float64, lang string) float64 {
	if v, ok := ref[lang]; ok {
		return v
	}
	return ref[""]
}

// langsOf returns the languages of the cases, sorted.
func langsOf(cases []ocrset.Case) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cases {
		if !seen[c.Lang] {
			seen[c.Lang] = true
			out = append(out, c.Lang)
		}
	}
	sort.Strings(out)
	return out
}

// langScore returns the score of one language of a report.
func langScore(r ocreval.Report, lang string) ocreval.LangScore {
	for _, l := range r.Langs {
		if l.Lang == lang {
			return l
		}
	}
	return ocreval.LangScore{}
}

// writeMisses lists every missed key token of the cases (the decided half
// only: checkSplit refuses the rest) with the text read nearest to it,
// the case's rendering parameters, and a count per likely cause.
func writeMisses(w io.Writer, cases []ocrset.Case, run timing) {
	fmt.Fprintf(w, "\nmissed key tokens (%s), each with the nearest text read («...») and a likely cause:\n", run.name)
	causes := map[string]int{}
	byLang := map[string]map[string]int{}
	for _, c := range cases {
		if c.Split != ocrset.SplitDecided {
			continue
		}
		got := run.texts[c.File]
		_, missed := ocreval.KeyTokenRecall(c.KeyTokens, got)
		if len(missed) == 0 {
			continue
		}
		eff := float64(c.TextPx)
		params := fmt.Sprintf("%s, %s %dpx lh %.2f field %dpx, %s", c.Kind, strings.Trim(c.Font, `"`), c.TextPx, c.LineHeight, c.FieldPx, c.Theme)
		if c.JPEGQuality > 0 {
			params += fmt.Sprintf(", jpeg q%d", c.JPEGQuality)
		}
		if c.Scale > 0 {
			eff *= c.Scale
			params += fmt.Sprintf(", scaled %.2f", c.Scale)
		}
		fmt.Fprintf(w, "%s (%s)\n", c.File, params)
		for _, tok := range missed {
			m := ocreval.Nearest(tok, got)
			cause := ocreval.ClassifyMiss(tok, m, eff)
			causes[cause]++
			if byLang[c.Lang] == nil {
				byLang[c.Lang] = map[string]int{}
			}
			byLang[c.Lang][cause]++
			show := func(s string) string { return strings.ReplaceAll(s, "\n", "⏎") }
			fmt.Fprintf(w, "  %-40s read %s«%s»%s  [%s, distance %d]\n", tok, show(m.Before), show(m.Read), show(m.After), cause, m.Distance)
		}
	}
	fmt.Fprintln(w, "\nmisses by likely cause (decided half):")
	var names []string
	for k := range causes {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		return causes[names[i]] > causes[names[j]] || causes[names[i]] == causes[names[j]] && names[i] < names[j]
	})
	for _, k := range names {
		fmt.Fprintf(w, "  %3d  %-24s eng %d, jpn %d\n", causes[k], k, byLang["eng"][k], byLang["jpn"][k])
	}
}

// modelSets returns the character sets of the models the engines read
// with (jpn and eng), or nil when they cannot be read.
func modelSets() []map[rune]bool {
	dirs := []string{"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"}
	if p := os.Getenv("TESSDATA_PREFIX"); p != "" {
		dirs = append([]string{p, filepath.Join(p, "tessdata")}, dirs...)
	}
	for _, d := range dirs {
		jpn, err1 := ocreval.ModelCharacters(filepath.Join(d, "jpn.traineddata"))
		eng, err2 := ocreval.ModelCharacters(filepath.Join(d, "eng.traineddata"))
		if err1 == nil && err2 == nil {
			return []map[rune]bool{jpn, eng}
		}
	}
	return nil
}

// writeCeiling prints how many of a language's key tokens the models can
// write at all (a token with a character neither model has, such as a
// rare kanji of a company name, is never read exactly), and the recall
// on those: the part of the misses that better reading could still win.
func writeCeiling(w io.Writer, r ocreval.Report, lang string, sets []map[rune]bool) {
	var total, writable, found int
	for _, c := range r.Cases {
		if c.Lang != lang {
			continue
		}
		for i, toks := range [][]string{c.Found, c.Missed} {
			for _, tok := range toks {
				total++
				if ocreval.Writable(tok, sets...) {
					writable++
					if i == 0 {
						found++
					}
				}
			}
		}
	}
	if total == 0 || writable == total {
		return
	}
	fmt.Fprintf(w, "  %s: %d of %d key tokens have a character neither model (jpn, eng) can write; ceiling %.1f%%, recall on the other %d: %.1f%%\n",
		lang, total-writable, total, 100*float64(writable)/float64(total), writable, 100*float64(found)/float64(max(writable, 1)))
}
