package ocreval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/proofpack/proofpack/internal/ocrset"
)

// CaseScore is the score of one screenshot.
type CaseScore struct {
	// File and Lang identify the case.
	File string `json:"file"`
	Lang string `json:"lang"`
	// HasOCR is false when the OCR map had no text for the file; the case
	// then scores as an empty read.
	HasOCR bool `json:"has_ocr"`
	// TruthRunes is the length of the normalised truth and Edits the edit
	// distance; CER is Edits/TruthRunes.
	TruthRunes int     `json:"truth_runes"`
	Edits      int     `json:"edits"`
	CER        float64 `json:"cer"`
	// Found and Missed are the key tokens; Recall is found/total.
	Found  []string `json:"found"`
	Missed []string `json:"missed"`
	Recall float64  `json:"recall"`
}

// LangScore aggregates the cases of one language.
type LangScore struct {
	Lang  string `json:"lang"`
	Cases int    `json:"cases"`
	// CER is the pooled rate (all edits over all truth runes); MeanCER the
	// mean of the per-case rates.
	CER     float64 `json:"cer"`
	MeanCER float64 `json:"mean_cer"`
	// Tokens, Found and Recall pool the key tokens of the cases.
	Tokens int     `json:"tokens"`
	Found  int     `json:"found"`
	Recall float64 `json:"recall"`
}

// Report is the evaluation of one OCR run over a set.
type Report struct {
	Cases []CaseScore `json:"cases"`
	// Langs has one entry per language, sorted by name ("eng", "jpn").
	Langs []LangScore `json:"langs"`
}

// Evaluate scores the OCR text of every case; ocr maps Case.File to the
// text the engine returned. Cases absent from ocr score as empty reads.
func Evaluate(cases []ocrset.Case, ocr map[string]string) Report {
	var r Report
	byLang := map[string]*LangScore{}
	edits := map[string]int{}
	runes := map[string]int{}
	for _, c := range cases {
		got, ok := ocr[c.File]
		truth := []rune(Normalize(c.Text()))
		read := []rune(Normalize(got))
		d := Distance(truth, read)
		found, missed := KeyTokenRecall(c.KeyTokens, got)
		cs := CaseScore{File: c.File, Lang: c.Lang, HasOCR: ok, TruthRunes: len(truth), Edits: d,
			CER: CER(c.Text(), got), Found: found, Missed: missed}
		if n := len(found) + len(missed); n > 0 {
			cs.Recall = float64(len(found)) / float64(n)
		}
		r.Cases = append(r.Cases, cs)

		ls := byLang[c.Lang]
		if ls == nil {
			ls = &LangScore{Lang: c.Lang}
			byLang[c.Lang] = ls
		}
		ls.Cases++
		ls.MeanCER += cs.CER
		ls.Tokens += len(found) + len(missed)
		ls.Found += len(found)
		edits[c.Lang] += d
		runes[c.Lang] += len(truth)
	}
	for lang, ls := range byLang {
		ls.MeanCER /= float64(ls.Cases)
		if runes[lang] > 0 {
			ls.CER = float64(edits[lang]) / float64(runes[lang])
		}
		if ls.Tokens > 0 {
			ls.Recall = float64(ls.Found) / float64(ls.Tokens)
		}
		r.Langs = append(r.Langs, *ls)
	}
	sort.Slice(r.Langs, func(i, j int) bool { return r.Langs[i].Lang < r.Langs[j].Lang })
	return r
}

// WriteTable writes the report as an aligned text table: one row per case,
// then one row per language.
func (r Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tlang\tCER\trecall\tfound\tmissed\t")
	for _, c := range r.Cases {
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.2f\t%d\t%d\t\n", c.File, c.Lang, c.CER, c.Recall, len(c.Found), len(c.Missed))
	}
	fmt.Fprintln(tw, "\t\t\t\t\t\t")
	fmt.Fprintln(tw, "lang\tcases\tCER\tmean CER\trecall\ttokens\t")
	for _, l := range r.Langs {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.2f\t%d/%d\t\n", l.Lang, l.Cases, l.CER, l.MeanCER, l.Recall, l.Found, l.Tokens)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("ocreval: %w", err)
	}
	return nil
}

// MissedTokens returns "file: token" for every missed key token, for logs.
func (r Report) MissedTokens() []string {
	var out []string
	for _, c := range r.Cases {
		for _, m := range c.Missed {
			out = append(out, c.File+": "+strings.TrimSpace(m))
		}
	}
	return out
}
