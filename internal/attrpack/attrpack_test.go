package attrpack

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
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

// newOCRPool returns a pool of Tesseract engines reading Japanese and
// English, or nil and the reason when Tesseract or its data is missing.
func newOCRPool() (*ocr.Pool, error) {
	return ocr.NewPool(func() (ocr.Engine, error) {
		return tesseract.New(tesseract.Options{})
	}, ocr.Options{})
}

// outcome is one row of the accuracy table.
type outcome struct {
	file, wantOwner, gotOwner, wantVerdict, gotVerdict, top string
	ownerOK, verdictOK                                      bool
}

// wantOwner renders what a label expects first in the ranking.
func wantOwner(l Label) string {
	switch {
	case l.Owner != "":
		return l.Owner
	case l.CandidateKey != "":
		return l.CandidateKey + " (candidate)"
	case len(l.Tied) > 0:
		return strings.Join(l.Tied, "|")
	}
	return "-"
}

// gotOwner returns the organisation the report ranks first, as the label
// names it: the top candidate for an owner outside the catalogue, the top
// of the ranking otherwise ("" when nothing is ranked).
func gotOwner(rep *evidence.Report, l Label) string {
	if l.CandidateKey != "" {
		if len(rep.Attribution.Candidates) == 0 {
			return ""
		}
		return rep.Attribution.Candidates[0].Key
	}
	if len(rep.Attribution.Ranking) == 0 {
		return ""
	}
	return rep.Attribution.Ranking[0].Org
}

// ownerMatches compares the owner found with the label.
func ownerMatches(got string, l Label) bool {
	switch {
	case l.Owner != "":
		return got == l.Owner
	case l.CandidateKey != "":
		return got == l.CandidateKey
	case len(l.Tied) > 0:
		return slices.Contains(l.Tied, got)
	}
	return got == ""
}

// topEvidence summarises the heaviest evidence of the first owner.
func topEvidence(rep *evidence.Report, l Label) string {
	var ev []evidence.Evidence
	switch {
	case l.CandidateKey != "" && len(rep.Attribution.Candidates) > 0:
		ev = rep.Attribution.Candidates[0].Evidence
	case len(rep.Attribution.Ranking) > 0:
		ev = rep.Attribution.Ranking[0].Evidence
	}
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
	return fmt.Sprintf("%s %s %q in %s (%.2f)", best.Role, best.Signal, best.Match, item, best.Weight)
}

// TestAttributionAccuracy triages every labelled pack with its claim and
// OCR and requires the owner ranked first and the verdict to match every
// label.
func TestAttributionAccuracy(t *testing.T) {
	labels := loadLabels(t)
	pool, ocrErr := newOCRPool()
	testenv.Need(t, ocrErr, "Tesseract with its English and Japanese data (packs whose evidence is only in screenshots)",
		"libtesseract-dev tesseract-ocr-eng tesseract-ocr-jpn")
	t.Cleanup(func() { assert.NoError(t, pool.Close()) })

	var rows []outcome
	for _, l := range labels {
		o := outcome{file: l.File, wantOwner: wantOwner(l), wantVerdict: l.Verdict}
		t.Run(l.File, func(t *testing.T) {
			rep, err := evidence.Analyze(context.Background(), filepath.Join(dir, l.File), evidence.Options{Claim: l.Claim, OCR: pool})
			require.NoError(t, err)
			o.gotOwner = gotOwner(rep, l)
			o.gotVerdict = rep.Claim.Verdict
			o.top = topEvidence(rep, l)
			o.ownerOK = ownerMatches(o.gotOwner, l)
			o.verdictOK = o.gotVerdict == l.Verdict
			assert.True(t, o.ownerOK, "owner: want %s, got %q (%s)", o.wantOwner, o.gotOwner, l.Description)
			assert.Equal(t, l.Verdict, o.gotVerdict, "verdict for claim %q; reason: %s", l.Claim, rep.Claim.Reason)
		})
		rows = append(rows, o)
	}

	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "pack\texpected owner\tgot owner\texpected verdict\tgot verdict\ttop evidence")
	var n, ownerOK, verdictOK int
	mark := func(ok bool) string {
		if ok {
			return ""
		}
		return " ✗"
	}
	for _, o := range rows {
		n++
		if o.ownerOK {
			ownerOK++
		}
		if o.verdictOK {
			verdictOK++
		}
		got := o.gotOwner
		if got == "" {
			got = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s%s\t%s\t%s%s\t%s\n", o.file, o.wantOwner, got, mark(o.ownerOK), o.wantVerdict, o.gotVerdict, mark(o.verdictOK), o.top)
	}
	require.NoError(t, tw.Flush())
	if n == 0 {
		t.Fatal("no pack was triaged")
	}
	ownerAcc := 100 * float64(ownerOK) / float64(n)
	verdictAcc := 100 * float64(verdictOK) / float64(n)
	t.Logf("attribution on %d labelled packs:\n%s\nowner accuracy %.1f %% (%d/%d), verdict accuracy %.1f %% (%d/%d)",
		n, b.String(), ownerAcc, ownerOK, n, verdictAcc, verdictOK, n)
	if ownerOK < n || verdictOK < n {
		t.Errorf("accuracy below 100 %%: owner %.1f %%, verdict %.1f %%", ownerAcc, verdictAcc)
	}
}
