// Package exporttest gives the tests of the report's exports (packages
// stix and misp) the one report they start from: the sample proof pack
// (testdata/sample/README.md, Toray's data sold as Fujitsu's) triaged
// with a claim, as of a fixed time and with a case, so that exports of it
// are the same bytes on every run. Only tests import it.
package exporttest

import (
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
)

// TriagedAt is the triage time of the reports Sample makes.
var TriagedAt = time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)

// Case, Analyst and TLP are the case the reports Sample makes carry.
const (
	Case    = "CASE-2026-0042"
	Analyst = "Hanako Yamada (fictional)"
	TLP     = evidence.TLPAmberStrict
)

// SamplePath is the sample proof pack, found from this file's place in
// the repository, whatever the test's working directory.
func SamplePath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "sample", "fujitsu-proofpack.zip")
}

// Analyze triages the sample pack with claim, as of TriagedAt, with the
// case above; OCR off (the documents and mail carry the decisive
// evidence). Each call triages again.
func Analyze(t testing.TB, claim string) *evidence.Report {
	t.Helper()
	rep, err := evidence.Analyze(t.Context(), SamplePath(), evidence.Options{
		Claim: claim, Now: func() time.Time { return TriagedAt },
		Case: Case, Analyst: Analyst, TLP: TLP,
	})
	if err != nil {
		t.Fatalf("triage of the sample pack: %v", err)
	}
	return rep
}

var (
	mu    sync.Mutex
	cache = map[string]*evidence.Report{}
)

// Sample returns the report of Analyze(claim), made once per test
// binary: the caller must not change it.
func Sample(t testing.TB, claim string) *evidence.Report {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if r, ok := cache[claim]; ok {
		return r
	}
	r := Analyze(t, claim)
	cache[claim] = r
	return r
}
