package caselib_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/proofpack/proofpack/evidence/caselib"
)

// A pack triaged last year is recorded; this year's pack holds the same
// screenshot re-encoded (its perceptual hash differs in 7 bits), and the
// library says where it was seen before.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "caselib-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	lib, err := caselib.Open(ctx, dir, caselib.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer lib.Close()

	shot := caselib.ImageHash{0x5a, 0x17, 0xc3, 0x09, 0x88, 0x41, 0xfe, 0x20}
	err = lib.Record(ctx, caselib.Pack{
		Name:      "kestrel-sample.zip",
		SHA256:    sha256.Sum256([]byte("kestrel-sample.zip")),
		Claim:     "Kestrel Shipping",
		OwnerID:   "marlow",
		OwnerName: "Marlow Logistics K.K.",
		Verdict:   "contradicted",
		TriagedAt: time.Date(2025, 3, 2, 9, 30, 0, 0, time.UTC),
		Items: []caselib.Item{{
			Path:   "kestrel-sample.zip!/screens/mailbox.png",
			Kind:   "image",
			SHA256: sha256.Sum256([]byte("mailbox.png")),
			Image:  &shot,
		}},
	})
	if err != nil {
		log.Fatal(err)
	}

	reencoded := shot
	reencoded[0] ^= 0x03 // 2 bits
	reencoded[5] ^= 0x1f // 5 bits
	seen, err := lib.NearImages(ctx, reencoded, 31, caselib.LookupOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range seen {
		fmt.Printf("%s (distance %d) in %s on %s, claimed as %q, owner %s\n",
			s.Path, s.Distance, s.Pack.Name, s.Pack.TriagedAt.Format(time.DateOnly), s.Pack.Claim, s.Pack.OwnerName)
	}
	// Output:
	// kestrel-sample.zip!/screens/mailbox.png (distance 7) in kestrel-sample.zip on 2025-03-02, claimed as "Kestrel Shipping", owner Marlow Logistics K.K.
}

// Texts are found by the share of their MinHash slots that agree: a CSV
// re-exported with a few rows changed keeps most of its signature.
func ExampleLibrary_NearTexts() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "caselib-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	lib, err := caselib.Open(ctx, dir, caselib.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer lib.Close()

	var sig caselib.TextSig
	for i := range sig {
		sig[i] = uint32(i)*2654435761 + 12345
	}
	pack := caselib.Pack{
		Name:      "heron-2024.7z",
		SHA256:    sha256.Sum256([]byte("heron-2024.7z")),
		Claim:     "Heron Bank customers",
		TriagedAt: time.Date(2024, 11, 5, 0, 0, 0, 0, time.UTC),
		Items:     []caselib.Item{{Path: "heron-2024.7z!/customers.csv", Kind: "spreadsheet", Text: &sig}},
	}
	if err := lib.Record(ctx, pack); err != nil {
		log.Fatal(err)
	}
	reexported := sig
	for i := 0; i < 20; i++ { // 20 of 128 slots differ
		reexported[i*6] ^= 0xdead
	}
	seen, err := lib.NearTexts(ctx, reexported, 0.6, caselib.LookupOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range seen {
		fmt.Printf("%s: similarity %.3f, first seen %s\n", s.Path, s.Similarity, s.Pack.TriagedAt.Format(time.DateOnly))
	}
	// Output:
	// heron-2024.7z!/customers.csv: similarity 0.844, first seen 2024-11-05
}

// A library lists the packs it holds, newest first; Pack finds one by
// its SHA-256.
func ExampleLibrary_ListPacks() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "caselib-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	lib, err := caselib.Open(ctx, dir, caselib.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer lib.Close()

	for _, p := range []caselib.Pack{
		{Name: "heron-2024.7z", Claim: "Heron Bank customers", OwnerName: "Heron Bank plc", Verdict: "supported",
			TriagedAt: time.Date(2024, 11, 5, 0, 0, 0, 0, time.UTC)},
		{Name: "kestrel-sample.zip", Claim: "Kestrel Shipping", OwnerName: "Marlow Logistics K.K.", Verdict: "contradicted",
			TriagedAt: time.Date(2025, 3, 2, 9, 30, 0, 0, time.UTC)},
	} {
		p.SHA256 = sha256.Sum256([]byte(p.Name))
		if err := lib.Record(ctx, p); err != nil {
			log.Fatal(err)
		}
	}
	err = lib.ListPacks(ctx, func(p caselib.PackRef) bool {
		fmt.Printf("%s  %-18s claimed %q: %s (owner %s)\n",
			p.TriagedAt.Format(time.DateOnly), p.Name, p.Claim, p.Verdict, p.OwnerName)
		return true
	})
	if err != nil {
		log.Fatal(err)
	}
	p, ok, err := lib.Pack(ctx, sha256.Sum256([]byte("heron-2024.7z")))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ok, p.Name)
	// Output:
	// 2025-03-02  kestrel-sample.zip claimed "Kestrel Shipping": contradicted (owner Marlow Logistics K.K.)
	// 2024-11-05  heron-2024.7z      claimed "Heron Bank customers": supported (owner Heron Bank plc)
	// true heron-2024.7z
}
