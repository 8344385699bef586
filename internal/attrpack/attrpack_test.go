package attrpack

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/internal/calibrate"
	"github.com/proofpack/proofpack/internal/testenv"
	"github.com/proofpack/proofpack/ocr"
	"github.com/proofpack/proofpack/ocr/tesseract"
)

// TestMain runs the tests with OpenMP limited to one thread, as the
// triage command does, so that the pool's engines do not fight.
func TestMain(m *testing.M) {
	if err := tesseract.EnsureThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(m.Run())
}

// loadLabels reads the committed labels.json.
func loadLabels(t *testing.T) []Label {
	data, err := os.ReadFile(filepath.Join(dir, LabelsFile))
	require.NoError(t, err, "run: go generate ./internal/attrpack")
	var labels []Label
	require.NoError(t, json.Unmarshal(data, &labels))
	require.NotEmpty(t, labels)
	return labels
}

// catalogue returns the default catalogue merged with the committed
// orgs.yaml, as `triage -orgs-add orgs.yaml` builds it.
func catalogue(t *testing.T) *fingerprint.Catalogue {
	add, err := fingerprint.LoadFile(filepath.Join(dir, OrgsFile))
	require.NoError(t, err, "run: go generate ./internal/attrpack")
	cat, err := fingerprint.Merge(fingerprint.Default(), add)
	require.NoError(t, err)
	return cat
}

// newOCRPool returns a pool of Tesseract engines reading Japanese and
// English, or nil and the reason when Tesseract or its data is missing.
func newOCRPool() (*ocr.Pool, error) {
	return ocr.NewPool(func() (ocr.Engine, error) {
		return tesseract.New(tesseract.Options{})
	}, ocr.Options{})
}

// claimView is what the scoring reads of the report's claim, through its
// JSON so that fields the model adds later (owners, relation) are read
// when they are there and skipped when not.
type claimView struct {
	verdict, reason string
	owners          []string // "owners" when the report has it, else "owner"
	relation        string
	hasRelation     bool
}

// readClaim reads the report's claim as JSON.
func readClaim(rep *evidence.Report) (claimView, error) {
	b, err := json.Marshal(rep.Claim)
	if err != nil {
		return claimView{}, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return claimView{}, err
	}
	str := func(k string) string { s, _ := m[k].(string); return s }
	c := claimView{verdict: str("verdict"), reason: str("reason")}
	if list, ok := m["owners"].([]any); ok {
		for _, v := range list {
			if s, ok := v.(string); ok && s != "" {
				c.owners = append(c.owners, s)
			}
		}
	}
	if len(c.owners) == 0 && str("owner") != "" {
		c.owners = []string{str("owner")}
	}
	if r, ok := m["relation"].(string); ok {
		c.relation, c.hasRelation = r, true
	}
	return c, nil
}

// rankedOwner is the first organisation of the ranking with evidence of
// whose systems held the data (role "ownership", or "custody" where the
// model splits it from authorship): the owner when the claim names none,
// as when the tool could not resolve the claimed name.
func rankedOwner(rep *evidence.Report) string {
	for _, o := range rep.Attribution.Ranking {
		for _, e := range o.Evidence {
			if e.Role == "ownership" || e.Role == "custody" {
				return o.Org
			}
		}
	}
	return ""
}

// wantOwner renders what a label expects as the owner.
func wantOwner(l Label) string {
	switch {
	case len(l.Owners) > 0:
		return strings.Join(l.Owners, "+")
	case l.Owner != "":
		return l.Owner
	case l.CandidateKey != "":
		return l.CandidateKey + " (candidate)"
	case len(l.Tied) > 0:
		return strings.Join(l.Tied, "|")
	}
	return "-"
}

// topEvidence summarises the heaviest evidence of the first owner.
func topEvidence(rep *evidence.Report) string {
	if len(rep.Attribution.Ranking) == 0 {
		return "-"
	}
	ev := rep.Attribution.Ranking[0].Evidence
	if len(ev) == 0 {
		return "-"
	}
	best := slices.MaxFunc(ev, func(a, b evidence.Evidence) int {
		switch {
		case a.Weight < b.Weight:
			return -1
		case a.Weight > b.Weight:
			return 1
		}
		return 0
	})
	item := best.Item
	if i := strings.LastIndex(item, "/"); i >= 0 {
		item = item[i+1:]
	}
	return fmt.Sprintf("%s: %s %s %q in %s (%.2f)", rep.Attribution.Ranking[0].Org, best.Role, best.Signal, best.Match, item, best.Weight)
}

// setClaimDate sets Options.ClaimDate when the library has it (a
// time.Time or a string), and reports whether it did.
func setClaimDate(opt *evidence.Options, date string) bool {
	if date == "" {
		return false
	}
	f := reflect.ValueOf(opt).Elem().FieldByName("ClaimDate")
	if !f.IsValid() || !f.CanSet() {
		return false
	}
	switch {
	case f.Type() == reflect.TypeFor[time.Time]():
		d, err := time.Parse(time.DateOnly, date)
		if err != nil {
			return false
		}
		f.Set(reflect.ValueOf(d))
	case f.Kind() == reflect.String:
		f.SetString(date)
	default:
		return false
	}
	return true
}

// yearRe finds years in a reason.
var yearRe = regexp.MustCompile(`\b(19|20)\d\d\b`)

// saysStale reports whether reason names a year at least two before the
// claim's: "the newest file is from 2019; the claim says 2026".
func saysStale(reason, claimDate string) bool {
	cy, err := strconv.Atoi(claimDate[:4])
	if err != nil {
		return false
	}
	for _, y := range yearRe.FindAllString(reason, -1) {
		if n, _ := strconv.Atoi(y); n <= cy-2 {
			return true
		}
	}
	return false
}

// outcome is one row of the accuracy table.
type outcome struct {
	label                           Label
	gotOwner, gotVerdict, gotRel    string
	top, reason                     string
	ownerOK, verdictOK, relOK       bool
	relScored, freshScored, freshOK bool
}

// halfScore counts the outcomes of one half.
type halfScore struct {
	n, owner, verdict, relN, rel, freshN, fresh int
}

func pct(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return 100 * float64(k) / float64(n)
}

// realOrgs are the default catalogue's organisations: real companies,
// which the fabricated packs must not show, except the seed pair in the
// seed packs.
func realOrgs() map[string]bool {
	out := map[string]bool{}
	for _, o := range fingerprint.Default().Orgs() {
		out[o.ID] = true
	}
	return out
}

// TestAttributionAccuracy triages every labelled pack with its claim,
// OCR and the catalogue merged with orgs.yaml, and prints a table per
// split (decided, heldout, heldout2, and the two held-out splits
// together): owner, verdict and (when the report has claim.relation)
// relation accuracy, and freshness for the packs with a claim date
// (when the library takes one), and the calibration of the confidences
// (Brier score, log loss, a reliability table). It fails when a split's
// owner, verdict or relation accuracy falls below its floor
// (OwnerFloorDecided …), and when a pack shows a real organisation of
// the default catalogue other than the seed pair.
//
// Each pack of the decided and heldout splits has a row in the table,
// and its subtest logs what it expected and what it got, with the
// reason and the strongest evidence, when they differ. The packs of
// SplitHeldout2 are reported in aggregate only: no row, no log, no
// failure named, so that the split stays unseen by whoever tunes the
// model.
func TestAttributionAccuracy(t *testing.T) {
	labels := loadLabels(t)
	cat := catalogue(t)
	pool, ocrErr := newOCRPool()
	testenv.Need(t, ocrErr, "Tesseract with its English and Japanese data (packs whose evidence is only in screenshots)",
		"libtesseract-dev tesseract-ocr-eng tesseract-ocr-jpn")
	t.Cleanup(func() { assert.NoError(t, pool.Close()) })
	real := realOrgs()

	var rows []outcome
	halves := map[string][]Triaged{}
	for _, l := range labels {
		o := outcome{label: l}
		unseen := l.Split == SplitHeldout2
		t.Run(l.File, func(t *testing.T) {
			opt := evidence.Options{Claim: l.Claim, OCR: pool, Orgs: cat}
			dated := setClaimDate(&opt, l.ClaimDate)
			rep, err := evidence.Analyze(context.Background(), filepath.Join(dir, l.File), opt)
			require.NoError(t, err)
			halves[l.Split] = append(halves[l.Split], Triaged{Label: l, Report: rep})
			c, err := readClaim(rep)
			require.NoError(t, err)
			owners := c.owners
			if r := rankedOwner(rep); len(owners) == 0 && r != "" {
				owners = []string{r}
			}
			o.gotOwner = strings.Join(owners, "+")
			o.gotVerdict, o.reason, o.top = c.verdict, c.reason, topEvidence(rep)
			o.ownerOK = OwnerMatches(owners, l)
			o.verdictOK = c.verdict == l.Verdict
			if c.hasRelation {
				o.relScored, o.gotRel = true, c.relation
				o.relOK = c.relation == l.Relation
			}
			if dated {
				o.freshScored, o.freshOK = true, saysStale(c.reason, l.ClaimDate)
			}
			if !unseen && (!o.ownerOK || !o.verdictOK || (o.relScored && !o.relOK) || (o.freshScored && !o.freshOK)) {
				t.Logf("%s (%s, %s): owner want %s got %q; verdict on %q want %s got %s; relation want %q got %q\n  reason: %s\n  top evidence: %s\n  case: %s",
					l.File, l.Pattern, l.Split, wantOwner(l), o.gotOwner, l.Claim, l.Verdict, c.verdict, l.Relation, o.gotRel, c.reason, o.top, l.Description)
			}
			for _, r := range rep.Attribution.Ranking {
				if !real[r.Org] {
					continue
				}
				seedPair := l.Pattern == patSeed && (r.Org == "fujitsu" || r.Org == "toray")
				assert.True(t, seedPair, "%s shows the real organisation %s: fabricated packs name fictional organisations only", l.File, r.Org)
			}
		})
		rows = append(rows, o)
	}
	require.NotEmpty(t, rows, "no pack was triaged")

	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "pack\tsplit\tpattern\texpected owner\tgot owner\texpected verdict\tgot verdict\trelation\ttop evidence")
	mark := func(ok bool) string {
		if ok {
			return ""
		}
		return " ✗"
	}
	const bothHeldout = SplitHeldout + "+" + SplitHeldout2
	splits := []string{SplitDecided, SplitHeldout, SplitHeldout2, bothHeldout}
	scores := map[string]*halfScore{}
	for _, s := range splits {
		scores[s] = &halfScore{}
	}
	failures := map[string][]string{} // pattern → "file: what"
	for _, o := range rows {
		s := scores[o.label.Split]
		require.NotNil(t, s, "%s: unknown split %q", o.label.File, o.label.Split)
		counted := []*halfScore{s}
		if o.label.Split != SplitDecided {
			counted = append(counted, scores[bothHeldout])
		}
		var what []string
		if !o.ownerOK {
			what = append(what, "owner")
		}
		if !o.verdictOK {
			what = append(what, "verdict")
		}
		if o.relScored && !o.relOK {
			what = append(what, "relation")
		}
		if o.freshScored && !o.freshOK {
			what = append(what, "freshness")
		}
		for _, s := range counted {
			s.add(o)
		}
		if o.label.Split == SplitHeldout2 {
			continue // aggregate only
		}
		if len(what) > 0 {
			failures[o.label.Pattern] = append(failures[o.label.Pattern], fmt.Sprintf("%s (%s): %s", o.label.File, o.label.Split, strings.Join(what, ", ")))
		}
		rel := "-"
		if o.relScored {
			rel = o.gotRel + mark(o.relOK)
		}
		got := o.gotOwner
		if got == "" {
			got = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s%s\t%s\t%s%s\t%s\t%s\n", o.label.File, o.label.Split, o.label.Pattern,
			wantOwner(o.label), got, mark(o.ownerOK), o.label.Verdict, o.gotVerdict, mark(o.verdictOK), rel, o.top)
	}
	require.NoError(t, tw.Flush())
	fmt.Fprintf(&b, "(the %d packs of %s are scored in aggregate only)\n\n", scores[SplitHeldout2].n, SplitHeldout2)
	for _, half := range splits {
		s := scores[half]
		fmt.Fprintf(&b, "%-16s owner %5.1f %% (%d/%d)  verdict %5.1f %% (%d/%d)", half, pct(s.owner, s.n), s.owner, s.n, pct(s.verdict, s.n), s.verdict, s.n)
		if s.relN > 0 {
			fmt.Fprintf(&b, "  relation %5.1f %% (%d/%d)", pct(s.rel, s.relN), s.rel, s.relN)
		} else {
			b.WriteString("  relation n/a (no claim.relation)")
		}
		if s.freshN > 0 {
			fmt.Fprintf(&b, "  freshness %d/%d", s.fresh, s.freshN)
		}
		b.WriteString("\n")
	}
	// The calibration of the confidences: the fitted probability of
	// every ranked organisation against whether the label names it an
	// owner (TestConfidenceFit fits them on the decided half).
	halves[bothHeldout] = slices.Concat(halves[SplitHeldout], halves[SplitHeldout2])
	for _, half := range splits {
		probs, owners := Probabilities(cat, fingerprint.DefaultWeights(), halves[half])
		brier, err := calibrate.Brier(probs, owners)
		require.NoError(t, err)
		loss, err := calibrate.LogLoss(probs, owners)
		require.NoError(t, err)
		bins, err := calibrate.Reliability(probs, owners, ReliabilityBins)
		require.NoError(t, err)
		n := 0
		for _, o := range owners {
			if o {
				n++
			}
		}
		fmt.Fprintf(&b, "\n%s: confidence of %d ranked organisations (%d owners): Brier %.4f, log loss %.4f\n", half, len(probs), n, brier, loss)
		require.NoError(t, calibrate.WriteReliability(&b, bins))
	}
	if len(failures) > 0 {
		b.WriteString("\nfailures by pattern (decided and heldout):\n")
		for _, p := range slices.Sorted(func(yield func(string) bool) {
			for k := range failures {
				if !yield(k) {
					return
				}
			}
		}) {
			fmt.Fprintf(&b, "  %s\n", p)
			for _, f := range failures[p] {
				fmt.Fprintf(&b, "    %s\n", f)
			}
		}
	}
	t.Logf("attribution on %d labelled packs:\n%s", len(rows), b.String())

	for _, fl := range []struct {
		half  string
		floor floors
	}{
		{SplitDecided, floors{OwnerFloorDecided, VerdictFloorDecided, RelationFloorDecided}},
		{SplitHeldout, floors{OwnerFloorHeldout, VerdictFloorHeldout, RelationFloorHeldout}},
		{SplitHeldout2, floors{OwnerFloorHeldout2, VerdictFloorHeldout2, RelationFloorHeldout2}},
	} {
		s := scores[fl.half]
		for _, f := range []struct {
			what       string
			got, floor float64
		}{
			{"owner", pct(s.owner, s.n), fl.floor.owner},
			{"verdict", pct(s.verdict, s.n), fl.floor.verdict},
			{"relation", pct(s.rel, s.relN), fl.floor.relation},
		} {
			if f.got < f.floor {
				t.Errorf("%s accuracy on the %s split is %.1f %%, below its floor of %.1f %%", f.what, fl.half, f.got, f.floor)
			}
		}
	}
}

// floors are the owner, verdict and relation floors of one split.
type floors struct{ owner, verdict, relation float64 }

// add counts one outcome.
func (s *halfScore) add(o outcome) {
	s.n++
	if o.ownerOK {
		s.owner++
	}
	if o.verdictOK {
		s.verdict++
	}
	if o.relScored {
		s.relN++
		if o.relOK {
			s.rel++
		}
	}
	if o.freshScored {
		s.freshN++
		if o.freshOK {
			s.fresh++
		}
	}
}
