package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/caselib"
)

// libraryFlags are the flags of the case library.
type libraryFlags struct {
	dir    string
	hashes bool
}

func (l *libraryFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.dir, "library", "", "the case library in `DIR` (made when missing): each package's files are looked up in the packs recorded there before (items[].seen_before; the summary's SEEN BEFORE lists the packs they were in, and a claim on a pack whose files mostly were gets a recycled finding), then the package is recorded in it; several triages may share one library at once")
	fs.BoolVar(&l.hashes, "hashes", false, "add each item's similarity hashes to the JSON (items[].hashes: the PDQ perceptual hash of images), as -library does")
}

// open opens the library of -library, if any: the caller closes it.
func (l *libraryFlags) open(ctx context.Context) (*caselib.Library, error) {
	if l.dir == "" {
		return nil, nil
	}
	if err := os.MkdirAll(l.dir, 0o700); err != nil {
		return nil, fmt.Errorf("-library: %w", err)
	}
	lib, err := caselib.Open(ctx, l.dir, caselib.Options{})
	if err != nil {
		return nil, fmt.Errorf("-library %s: %w", l.dir, err)
	}
	return lib, nil
}

// summarySeenMax bounds the earlier packs the summary lists.
const summarySeenMax = 5

// writeSeenBefore writes the SEEN BEFORE section of the summary: how many
// files were published before, and in which packs.
func writeSeenBefore(b *bufio.Writer, rep *evidence.Report, esc func(string) string) {
	lr := rep.Library
	if lr == nil {
		return
	}
	b.WriteString("\nSEEN BEFORE\n")
	if lr.Seen == 0 {
		fmt.Fprintf(b, "  none of %d files is in the library\n", lr.Files)
	} else {
		fmt.Fprintf(b, "  %d of %d files were published before, in %d %s:\n", lr.Seen, lr.Files,
			len(lr.Earlier)+lr.MoreEarlier, plural(len(lr.Earlier)+lr.MoreEarlier, "pack", "packs"))
	}
	for i, p := range lr.Earlier {
		if i == summarySeenMax {
			fmt.Fprintf(b, "    … %d more packs; -json lists them\n", len(lr.Earlier)-i+lr.MoreEarlier)
			break
		}
		claim := "no claim"
		if p.Claimed != "" {
			claim = fmt.Sprintf("claimed %q", p.Claimed)
		}
		owner := "no owner"
		if p.Owner != "" {
			owner = "owner " + p.Owner
		}
		fmt.Fprintf(b, "    %d %s (%d exact) in %s, %s, %s, %s\n", p.Items, plural(p.Items, "file", "files"), p.Exact,
			esc(p.Name), esc(day(p.TriagedAt)), esc(claim), esc(owner))
	}
	if lr.Recorded {
		b.WriteString("  this package is now recorded in the library\n")
	} else {
		b.WriteString("  this package was not recorded in the library: the triage was cut short, or the library failed (a library_error problem says why)\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
