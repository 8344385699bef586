package main

import (
	"context"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
)

// BenchmarkReportsVsTriage measures what -html costs beside the triage of
// the sample with OCR: the triage without and with thumbnails, and the
// rendering of the HTML page, each per run (ms/triage, ms/thumbs-triage,
// ms/render), and the render's share of the triage in percent.
func BenchmarkReportsVsTriage(b *testing.B) {
	c := &config{lang: "jpn+eng", ocrWorkers: runtime.NumCPU(), ocrTimeout: time.Minute}
	pool, err := newOCRPool(c)
	if err != nil {
		b.Skipf("no OCR: %v", err)
	}
	defer pool.Close()
	ctx := context.Background()
	var plain, thumbs, rend time.Duration
	var rep *evidence.Report
	for b.Loop() {
		start := time.Now()
		if _, err := evidence.Analyze(ctx, samplePath, evidence.Options{OCR: pool, Claim: "Fujitsu"}); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
		start = time.Now()
		rep, err = evidence.Analyze(ctx, samplePath, evidence.Options{OCR: pool, Claim: "Fujitsu", Thumbnails: true})
		if err != nil {
			b.Fatal(err)
		}
		thumbs += time.Since(start)
		start = time.Now()
		if err := render.HTML(io.Discard, rep, render.HTMLOptions{}); err != nil {
			b.Fatal(err)
		}
		rend += time.Since(start)
	}
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / n }
	b.ReportMetric(ms(plain), "ms/triage")
	b.ReportMetric(ms(thumbs), "ms/thumbs-triage")
	b.ReportMetric(ms(rend), "ms/render")
	b.ReportMetric(100*(float64(thumbs-plain)+float64(rend))/float64(plain), "%-html-cost")
}
