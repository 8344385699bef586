package evidence_test

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/caselib"
)

// Keep a case library of the packs triaged, and recognise a pack that
// re-posts one of them: here the sample, sold again inside another zip
// under another claim.
func ExampleOptions_library() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "library-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	lib, err := caselib.Open(ctx, dir, caselib.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer lib.Close()

	// The first triage records the sample in the library.
	sample := "../testdata/sample/fujitsu-proofpack.zip"
	if _, err := evidence.Analyze(ctx, sample, evidence.Options{Library: lib, Claim: "Fujitsu"}); err != nil {
		fmt.Println(err)
		return
	}

	// A seller wraps the same files into a new pack.
	repost := filepath.Join(dir, "new-leak.zip")
	if err := wrapInZip(sample, repost); err != nil {
		fmt.Println(err)
		return
	}
	rep, err := evidence.Analyze(ctx, repost, evidence.Options{Library: lib, Claim: "Toray"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range rep.Library.Earlier {
		fmt.Printf("%d of %d files were in %s, claimed as %s, owner %s\n", p.Items, rep.Library.Files, p.Name, p.Claimed, p.Owner)
	}
	for _, f := range rep.Claim.Findings {
		fmt.Println("finding:", f.Kind)
	}
	// Output:
	// 17 of 17 files were in fujitsu-proofpack.zip, claimed as Fujitsu, owner toray
	// finding: recycled
}

// wrapInZip writes a zip at dst holding the file src.
func wrapInZip(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("sample-again.zip")
	if err == nil {
		_, err = w.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
