package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/misp"
	"github.com/proofpack/proofpack/evidence/stix"
)

// exports are the reports for other systems: a STIX 2.1 bundle and a
// MISP event.
type exports struct {
	stixOut string
	mispOut string
	seller  string
}

// flags declares -stix, -misp and -seller on fs.
func (e *exports) flags(fs *flag.FlagSet) {
	fs.StringVar(&e.stixOut, "stix", "", "also write the report as a STIX 2.1 bundle to `FILE` (- for standard output, which then holds it instead of the summary): the claim as a report, the verdict as an opinion on it, the owners, notes for the decisive evidence, every file with its hashes and nesting, marked with -tlp (AMBER by default)")
	fs.StringVar(&e.mispOut, "misp", "", "also write the report as a MISP event to `FILE` (- for standard output, which then holds it instead of the summary), for Import from MISP JSON: the claim, the victims, every file with its hashes, the verdict, tags for -tlp and the confidence")
	fs.StringVar(&e.seller, "seller", "", "the `NAME` the seller goes by, named in -stix and -misp")
}

// check refuses what the export flags cannot do together.
func (e *exports) check(c *config) error {
	if e.stixOut == "-" && e.mispOut == "-" {
		return errors.New("-stix - and -misp -: only one can have standard output")
	}
	if e.toStdout() && c.output == "" && (c.jsonOut || c.ndjson) {
		return errors.New("-stix - or -misp - takes standard output: write the JSON to a file with -o FILE")
	}
	return nil
}

// toStdout reports whether an export goes to standard output.
func (e *exports) toStdout() bool { return e.stixOut == "-" || e.mispOut == "-" }

// wanted reports whether any export is asked for: they need the items.
func (e *exports) wanted() bool { return e.stixOut != "" || e.mispOut != "" }

// mainOutput is where the summary or JSON goes when -o is not given:
// nowhere when an export has standard output.
func (e *exports) mainOutput(stdout io.Writer) io.Writer {
	if e.toStdout() {
		return io.Discard
	}
	return stdout
}

// write writes the exports of rep, dated by the report's triage time;
// -claim-date dates the claim.
func (e *exports) write(c *config, rep *evidence.Report, stdout io.Writer) error {
	to := func(path string, write func(io.Writer) error) error {
		if path == "-" {
			return write(stdout)
		}
		return writeFile(path, write)
	}
	if e.stixOut != "" {
		opt := stix.Options{Seller: e.seller, ClaimDate: c.claimDate.t}
		if err := to(e.stixOut, func(w io.Writer) error { return stix.Write(w, rep, opt) }); err != nil {
			return fmt.Errorf("writing -stix: %w", err)
		}
	}
	if e.mispOut != "" {
		opt := misp.Options{Seller: e.seller, ClaimDate: c.claimDate.t}
		if err := to(e.mispOut, func(w io.Writer) error { return misp.Write(w, rep, opt) }); err != nil {
			return fmt.Errorf("writing -misp: %w", err)
		}
	}
	return nil
}
