package reusegen

import (
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"sort"

	"github.com/proofpack/proofpack/evidence/similar"
	"github.com/proofpack/proofpack/internal/docgen"
)

// MaxFalseRate is the bound on false matches: at most 1 % of the
// fresh items may match something in the library.
const MaxFalseRate = 0.01

// Query is one item looked up against the library of its half: a re-used
// copy of a library item (Own is its index in the library) or a fresh
// item (Own is -1). Score is the distance (images) or the similarity
// (texts) to each library item of the half.
type Query struct {
	Split     Split
	Transform string
	Own       int
	Scores    []float64
}

// Outcome is the result of one half at one threshold.
type Outcome struct {
	Split Split
	// Recall per transform: re-used copies within the threshold of their
	// own library item.
	Recall map[string]float64
	// Reused is the number of re-used copies per transform.
	Reused map[string]int
	// FalseFresh is the share of fresh items that match any library item;
	// FalseReused the share of re-used copies that also match a library
	// item that is not theirs; FalsePairs the share of all (item, other
	// library item) pairs within the threshold.
	FalseFresh, FalseReused, FalsePairs float64
	Fresh                               int
}

// Evaluate scores queries at threshold th; match says whether a score
// is a match at th.
func Evaluate(qs []Query, split Split, th float64, match func(score, th float64) bool) Outcome {
	o := Outcome{Split: split, Recall: map[string]float64{}, Reused: map[string]int{}}
	hits := map[string]int{}
	var freshFalse, reusedFalse, reusedN, pairs, pairFalse int
	for _, q := range qs {
		if q.Split != split {
			continue
		}
		anyFalse := false
		for i, s := range q.Scores {
			if i == q.Own {
				continue
			}
			pairs++
			if match(s, th) {
				pairFalse++
				anyFalse = true
			}
		}
		if q.Own < 0 {
			o.Fresh++
			if anyFalse {
				freshFalse++
			}
			continue
		}
		reusedN++
		o.Reused[q.Transform]++
		o.Reused["all"]++
		if anyFalse {
			reusedFalse++
		}
		if match(q.Scores[q.Own], th) {
			hits[q.Transform]++
			hits["all"]++
		}
	}
	for tr, n := range o.Reused {
		o.Recall[tr] = float64(hits[tr]) / float64(n)
	}
	o.FalseFresh = ratio(freshFalse, o.Fresh)
	o.FalseReused = ratio(reusedFalse, reusedN)
	o.FalsePairs = ratio(pairFalse, pairs)
	return o
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Choose picks a threshold among candidates from the Decided half only:
// of those whose false-match rates (fresh items and re-used copies) are
// within MaxFalseRate, the ones with the highest overall recall, and of
// these the middle one, so that the threshold sits in the middle of the
// gap between re-used and fresh items rather than on its edge.
func Choose(qs []Query, candidates []float64, match func(score, th float64) bool) float64 {
	best, bestRecall := []float64{}, -1.0
	for _, th := range candidates {
		o := Evaluate(qs, Decided, th, match)
		if o.FalseFresh > MaxFalseRate || o.FalseReused > MaxFalseRate {
			continue
		}
		switch r := o.Recall["all"]; {
		case r > bestRecall+1e-12:
			best, bestRecall = []float64{th}, r
		case math.Abs(r-bestRecall) <= 1e-12:
			best = append(best, th)
		}
	}
	if len(best) == 0 {
		return math.NaN()
	}
	return best[len(best)/2]
}

// WithinDistance is the image match rule: a distance at most th.
func WithinDistance(d, th float64) bool { return d <= th }

// AtLeastSimilar is the text match rule: a similarity at least th.
func AtLeastSimilar(s, th float64) bool { return s >= th }

// ImageQueries renders every page, hashes the library pages as drawn,
// and hashes each re-used copy (every transform of every library page)
// and each fresh page (one transform each, in turn, or none), giving
// their distances to the library of their half. It also returns the PDQ
// quality of every page as drawn.
func ImageQueries(fonts *docgen.Fonts, pages []Page) ([]Query, []int, error) {
	type libItem struct {
		split Split
		hash  similar.ImageHash
	}
	var lib []libItem
	index := map[string]int{} // page name → index within its half's library
	perHalf := map[Split]int{}
	var queries []Query
	var qualities []int
	freshTr := append([]ImageTransform{Unchanged}, ImageTransforms...)
	type pending struct {
		split Split
		tr    string
		own   int
		hash  similar.ImageHash
	}
	var pend []pending
	for n, p := range pages {
		img, err := docgen.Screenshot(p.Spec)
		if err != nil {
			return nil, nil, fmt.Errorf("reusegen: %s: %w", p.Name(), err)
		}
		h, q, err := similar.HashImage(img)
		if err != nil {
			return nil, nil, fmt.Errorf("reusegen: %s: %w", p.Name(), err)
		}
		qualities = append(qualities, q)
		if p.Role == Library {
			index[p.Name()] = perHalf[p.Split]
			perHalf[p.Split]++
			lib = append(lib, libItem{p.Split, h})
			for k, tr := range ImageTransforms {
				t, err := TransformImage(img, tr, uint64(n*16+k))
				if err != nil {
					return nil, nil, err
				}
				th, _, err := similar.HashImage(t)
				if err != nil {
					return nil, nil, fmt.Errorf("reusegen: %s %s: %w", p.Name(), tr, err)
				}
				pend = append(pend, pending{p.Split, string(tr), index[p.Name()], th})
			}
			continue
		}
		tr := freshTr[n%len(freshTr)]
		t, err := TransformImage(img, tr, uint64(n*16+15))
		if err != nil {
			return nil, nil, err
		}
		th, _, err := similar.HashImage(t)
		if err != nil {
			return nil, nil, fmt.Errorf("reusegen: %s %s: %w", p.Name(), tr, err)
		}
		pend = append(pend, pending{p.Split, "fresh/" + string(tr), -1, th})
	}
	for _, q := range pend {
		query := Query{Split: q.split, Transform: q.tr, Own: q.own}
		for _, l := range lib {
			if l.split == q.split {
				query.Scores = append(query.Scores, float64(q.hash.Distance(l.hash)))
			}
		}
		queries = append(queries, query)
	}
	return queries, qualities, nil
}

// TextQueries signs every text with shingles of k words (similar.HashTextK)
// and gives, for each re-used copy (every transform of every library
// text) and each fresh text as it is, the similarity to the library of
// its half. Texts too short to sign would count as misses; the set has
// none.
func TextQueries(texts []Text, k int) ([]Query, error) {
	type libItem struct {
		split Split
		sig   similar.TextSig
	}
	var lib []libItem
	perHalf := map[Split]int{}
	type pending struct {
		split Split
		tr    string
		own   int
		sig   similar.TextSig
	}
	var pend []pending
	for n, t := range texts {
		sig := similar.HashTextK(t.Body, k)
		if t.Role == Fresh {
			pend = append(pend, pending{t.Split, "fresh/" + string(t.Kind), -1, sig})
			continue
		}
		own := perHalf[t.Split]
		perHalf[t.Split]++
		lib = append(lib, libItem{t.Split, sig})
		for j, tr := range TextTransforms(t.Kind) {
			body, err := TransformText(t, tr, uint64(n*16+j))
			if err != nil {
				return nil, err
			}
			pend = append(pend, pending{t.Split, string(tr), own, similar.HashTextK(body, k)})
		}
	}
	var queries []Query
	for _, q := range pend {
		query := Query{Split: q.split, Transform: q.tr, Own: q.own}
		for _, l := range lib {
			if l.split == q.split {
				query.Scores = append(query.Scores, q.sig.Similarity(l.sig))
			}
		}
		queries = append(queries, query)
	}
	return queries, nil
}

// BandRecall returns, for the re-used copies of split, the share that
// share at least one LSH band key with their own library text, and the
// mean number of library texts a query shares a key with (the candidates
// an index would return), over all queries of split.
func BandRecall(texts []Text, split Split) (recall, candidates float64, err error) {
	var lib [][]uint64
	type q struct {
		own  int
		keys []uint64
	}
	var qs []q
	for n, t := range texts {
		if t.Split != split {
			continue
		}
		keys := similar.HashText(t.Body).Bands()
		if t.Role == Fresh {
			qs = append(qs, q{-1, keys})
			continue
		}
		lib = append(lib, keys)
		for j, tr := range TextTransforms(t.Kind) {
			body, err := TransformText(t, tr, uint64(n*16+j))
			if err != nil {
				return 0, 0, err
			}
			qs = append(qs, q{len(lib) - 1, similar.HashText(body).Bands()})
		}
	}
	var found, reused, cand int
	for _, x := range qs {
		if x.own >= 0 {
			reused++
		}
		for i, l := range lib {
			if shareKey(x.keys, l) {
				cand++
				if i == x.own {
					found++
				}
			}
		}
	}
	return ratio(found, reused), float64(cand) / float64(len(qs)), nil
}

func shareKey(a, b []uint64) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// Report writes the outcome of both halves at th as a table.
func Report(w io.Writer, title string, qs []Query, th float64, match func(score, th float64) bool) {
	fmt.Fprintf(w, "%s at threshold %g\n", title, th)
	for _, sp := range []Split{Decided, HeldOut} {
		o := Evaluate(qs, sp, th, match)
		trs := make([]string, 0, len(o.Recall))
		for tr := range o.Recall {
			trs = append(trs, tr)
		}
		sort.Strings(trs)
		fmt.Fprintf(w, "  %-9s", sp)
		for _, tr := range trs {
			fmt.Fprintf(w, " %s %.1f%% (%d)", tr, 100*o.Recall[tr], o.Reused[tr])
		}
		fmt.Fprintf(w, "\n  %-9s false: fresh %.2f%% of %d, re-used %.2f%%, pairs %.3f%%\n", "", 100*o.FalseFresh, o.Fresh, 100*o.FalseReused, 100*o.FalsePairs)
	}
}

// Spread summarises a half's scores: the worst score of a re-used copy
// against its own item, and the best score of anything against an item
// not its own (for images, low is near; for texts, high is near).
func Spread(qs []Query, split Split, lowIsNear bool) (worstOwn, bestOther float64) {
	worstOwn, bestOther = math.Inf(-1), math.Inf(1)
	if !lowIsNear {
		worstOwn, bestOther = math.Inf(1), math.Inf(-1)
	}
	for _, q := range qs {
		if q.Split != split {
			continue
		}
		for i, s := range q.Scores {
			switch {
			case i == q.Own && lowIsNear:
				worstOwn = max(worstOwn, s)
			case i == q.Own:
				worstOwn = min(worstOwn, s)
			case lowIsNear:
				bestOther = min(bestOther, s)
			default:
				bestOther = max(bestOther, s)
			}
		}
	}
	return worstOwn, bestOther
}

// ScreenTexts reads the text of every screen the way ImageQueries hashes
// it: read returns the text of an image (OCR in practice) for each
// library page as drawn, each re-used copy and each fresh page; the PDQ
// hash of each is kept beside its text. Only
// pages of templates in keep (all when nil) are read, since OCR is slow.
// TextQueriesOf turns the result into queries for a shingle size.
func ScreenTexts(fonts *docgen.Fonts, pages []Page, keep map[int]bool, read func(image.Image) (string, error)) (*ScreenTextSet, error) {
	set := &ScreenTextSet{}
	perHalf := map[Split]int{}
	freshTr := append([]ImageTransform{Unchanged}, ImageTransforms...)
	for n, p := range pages {
		if keep != nil && !keep[p.Template] {
			continue
		}
		img, err := docgen.Screenshot(p.Spec)
		if err != nil {
			return nil, fmt.Errorf("reusegen: %s: %w", p.Name(), err)
		}
		readBoth := func(img image.Image, st ScreenText) (ScreenText, error) {
			s, err := read(img)
			if err != nil {
				return st, fmt.Errorf("reusegen: %s %s: %w", p.Name(), st.Transform, err)
			}
			h, _, err := similar.HashImage(img)
			if err != nil {
				return st, fmt.Errorf("reusegen: %s %s: %w", p.Name(), st.Transform, err)
			}
			st.Text, st.Hash = s, h
			return st, nil
		}
		if p.Role == Library {
			own := perHalf[p.Split]
			perHalf[p.Split]++
			st, err := readBoth(img, ScreenText{Page: p.Name(), Split: p.Split, Own: own})
			if err != nil {
				return nil, err
			}
			set.Library = append(set.Library, st)
			for k, tr := range ImageTransforms {
				t, err := TransformImage(img, tr, uint64(n*16+k))
				if err != nil {
					return nil, err
				}
				st, err := readBoth(t, ScreenText{Page: p.Name(), Split: p.Split, Transform: string(tr), Own: own})
				if err != nil {
					return nil, err
				}
				set.Queries = append(set.Queries, st)
			}
			continue
		}
		tr := freshTr[n%len(freshTr)]
		t, err := TransformImage(img, tr, uint64(n*16+15))
		if err != nil {
			return nil, err
		}
		st, err := readBoth(t, ScreenText{Page: p.Name(), Split: p.Split, Transform: "fresh/" + string(tr), Own: -1})
		if err != nil {
			return nil, err
		}
		set.Queries = append(set.Queries, st)
	}
	return set, nil
}

// ScreenText is the text read from one screen, and its PDQ hash.
type ScreenText struct {
	Page      string
	Split     Split
	Transform string
	Own       int // index in the library of its half; -1 for fresh pages
	Text      string
	Hash      similar.ImageHash
}

// ScreenTextSet is what ScreenTexts read: the library screens and the
// queries.
type ScreenTextSet struct {
	Library, Queries []ScreenText
}

// TextQueriesOf signs the texts of set with shingles of k words and gives
// each query's similarity to the library of its half. A screen whose
// text is too short to sign scores 0 with all.
func (set *ScreenTextSet) TextQueriesOf(k int) []Query {
	lib := make([]similar.TextSig, len(set.Library))
	for i, l := range set.Library {
		lib[i] = similar.HashTextK(l.Text, k)
	}
	var out []Query
	for _, q := range set.Queries {
		sig := similar.HashTextK(q.Text, k)
		query := Query{Split: q.Split, Transform: q.Transform, Own: q.Own}
		for i, l := range set.Library {
			if l.Split == q.Split {
				query.Scores = append(query.Scores, sig.Similarity(lib[i]))
			}
		}
		out = append(out, query)
	}
	return out
}

// EitherQueries scores each query of set 1 against a library screen when
// its PDQ distance is at most imageTh or the similarity of the texts
// signed with k-word shingles is at least textTh, and 0 otherwise: read
// with threshold 1 and AtLeastSimilar, it measures the rule "the same
// picture, or the same text on it".
func (set *ScreenTextSet) EitherQueries(k int, imageTh int, textTh float64) []Query {
	texts := set.TextQueriesOf(k)
	var out []Query
	for qi, q := range set.Queries {
		query := Query{Split: q.Split, Transform: q.Transform, Own: q.Own}
		j := 0
		for _, l := range set.Library {
			if l.Split != q.Split {
				continue
			}
			score := 0.0
			if q.Hash.Distance(l.Hash) <= imageTh || texts[qi].Scores[j] >= textTh {
				score = 1
			}
			query.Scores = append(query.Scores, score)
			j++
		}
		out = append(out, query)
	}
	return out
}
