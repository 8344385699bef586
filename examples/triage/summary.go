package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
)

type progressEvent = evidence.Progress

// writeSummary prints the report for people: the package, its items with
// their true types, mismatches and problems.
//
// Names, metadata and OCR text come from the package: on a terminal, an
// escape sequence in a file name would be obeyed, and a right-to-left
// override makes "invoice_\u202Etxt.exe" read as "invoice_exe.txt". Every
// string from the report goes through esc (render.Escape): each character
// that hides, reorders or acts on text is printed as <U+202E>, a byte
// that is not UTF-8 as <0x9B>, a name that held one gets a marker, and a
// note at the end says so. The whole output goes through a
// render.SafeWriter as well, the backstop for a string that was not.
func writeSummary(w io.Writer, rep *evidence.Report) error {
	sw := render.NewSafeWriter(w)
	b := bufio.NewWriterSize(sw, 64<<10)
	e := &escaper{}
	esc := e.esc
	p := rep.Package
	fmt.Fprintf(b, "%s %s: %s%s\n", esc(rep.Tool.Name), esc(rep.Tool.Version), esc(p.Name), hiddenMark(p.Name))
	fmt.Fprintf(b, "  size    %s (%d bytes)\n", humanBytes(p.Size), p.Size)
	if p.SHA256 == "" {
		// Never the hashes of part of the package: none, and why.
		b.WriteString("  hashes  none: the package was not read whole (see PROBLEMS)\n")
	} else {
		fmt.Fprintf(b, "  sha256  %s\n  sha1    %s\n  md5     %s\n", esc(p.SHA256), esc(p.SHA1), esc(p.MD5))
	}
	format := esc(p.Format)
	if format == "" {
		format = "single file (" + esc(p.MIME) + ")"
	}
	s := rep.Stats
	fmt.Fprintf(b, "  format  %s; %d items, %d archives, depth %d; %s read in %d ms\n",
		format, s.Items, s.Archives, s.MaxDepth, humanBytes(s.Bytes), s.DurationMS)
	if len(s.ByKind) > 0 {
		var kinds []string
		for _, k := range []string{"image", "document", "spreadsheet", "presentation", "pdf", "email", "archive", "text", "other"} {
			if n := s.ByKind[k]; n > 0 {
				kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
			}
		}
		fmt.Fprintf(b, "  kinds   %s\n", strings.Join(kinds, ", "))
	}

	b.WriteString("\nITEMS\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  KIND\tSIZE\tTYPE\tMODIFIED\tPATH")
	prefix := p.Name + "!/"
	for i, it := range rep.Items {
		if i > 0 && i%summaryBlock == 0 {
			// The tabwriter holds rows until Flush: align columns per
			// block so that a package of many items is not held twice.
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		name := strings.TrimPrefix(it.Path, prefix)
		flags := hiddenMark(name)
		if it.ExtMismatch {
			flags += fmt.Sprintf("  [.%s is really %s]", esc(it.DeclaredExt), orDash(esc(it.DetectedExt)))
		}
		if it.NameEncoding != "" && it.NameEncoding != "utf-8" && it.NameEncoding != "ascii" {
			flags += "  [name " + esc(it.NameEncoding) + "]"
		}
		if it.Encrypted {
			flags += "  [encrypted]"
		}
		if it.LinkTarget != "" {
			flags += "  -> " + esc(it.LinkTarget) + hiddenMark(it.LinkTarget)
		}
		typ := it.DetectedExt
		if typ == "" {
			typ = it.MIME
		}
		if it.Charset != "" {
			typ += " " + it.Charset
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s%s\n", esc(it.Kind), humanBytes(it.Size), esc(typ), orDash(esc(it.Modified)),
			esc(name), flags)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	writeMetadata(b, rep, prefix, esc)
	writeOCR(b, rep, prefix, e)
	writeAttribution(b, rep, prefix, esc)

	var probs []string
	for _, it := range rep.Items {
		for _, pr := range it.Problems {
			probs = append(probs, fmt.Sprintf("  %-20s %s: %s", esc(pr.Code), esc(strings.TrimPrefix(it.Path, prefix)), esc(pr.Detail)))
		}
	}
	for _, pr := range rep.Problems {
		probs = append(probs, fmt.Sprintf("  %-20s %s: %s", esc(pr.Code), esc(pr.Path), esc(pr.Detail)))
	}
	if len(probs) > 0 {
		fmt.Fprintf(b, "\nPROBLEMS (%d)\n", len(probs))
		for _, p := range probs {
			b.WriteString(p + "\n")
		}
	}
	if len(e.kinds) > 0 {
		fmt.Fprintf(b, "\nNOTE  Names or values above held characters that hide, reorder or act on text\n"+
			"      (%s).\n"+
			"      Each is shown as <U+202E>, a byte that is not UTF-8 as <0x9B>; the JSON\n"+
			"      report (-json) keeps them as they are.\n", e.kindList())
	}
	if err := b.Flush(); err != nil {
		return err
	}
	return sw.Flush()
}

// escaper escapes strings from the report for the terminal
// (render.Escape) and remembers the kinds of characters it escaped.
type escaper struct {
	kinds map[string]bool
}

func (e *escaper) esc(s string) string {
	return e.note(s, render.Escape(s))
}

// escText is esc for a line of a block of text: tab is kept.
func (e *escaper) escText(s string) string {
	return e.note(s, render.EscapeText(s))
}

// kindList names the kinds met in the order render.Hidden names them.
func (e *escaper) kindList() string {
	order := []string{"control character", "bidi control", "invisible character", "invalid UTF-8"}
	rank := func(k string) int {
		if i := slices.Index(order, k); i >= 0 {
			return i
		}
		return len(order)
	}
	ks := slices.SortedFunc(maps.Keys(e.kinds), func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	return strings.Join(ks, ", ")
}

func (e *escaper) note(s, out string) string {
	if len(out) == len(s) {
		return out // nothing escaped: an escape is longer than what it stands for
	}
	if e.kinds == nil {
		e.kinds = map[string]bool{}
	}
	for k := range strings.SplitSeq(render.Hidden(s), ", ") {
		if k != "" {
			e.kinds[k] = true
		}
	}
	return out
}

// hiddenMark is the marker after a name that held hidden characters:
// "  [hidden characters: bidi control]".
func hiddenMark(name string) string {
	if h := render.Hidden(name); h != "" {
		return "  [hidden characters: " + h + "]"
	}
	return ""
}

// summaryBlock is how many item rows share one column alignment.
const summaryBlock = 1000

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeMetadata lists, for each item that has any, what its own records
// say about who made it, where and when.
func writeMetadata(b *bufio.Writer, rep *evidence.Report, prefix string, esc func(string) string) {
	header := false
	for _, it := range rep.Items {
		m := it.Metadata
		var parts []string
		add := func(label string, v ...string) {
			var vs []string
			for _, s := range v {
				if s != "" {
					vs = append(vs, esc(s))
				}
			}
			if len(vs) > 0 {
				parts = append(parts, fmt.Sprintf("%s: %s", label, strings.Join(vs, ", ")))
			}
		}
		add("author", m.Authors...)
		add("last saved by", m.LastModifiedBy)
		add("organisation", m.Organisation)
		add("title", m.Title)
		add("software", m.Software)
		add("camera", m.Camera)
		add("created", m.Created)
		add("modified", m.Modified)
		add("zone", m.TZOffset)
		add("hosts", m.Hosts...)
		add("paths", m.Paths...)
		if m.GPS != nil {
			add("gps", fmt.Sprintf("%.6f,%.6f", m.GPS.Lat, m.GPS.Lon))
		}
		if len(parts) == 0 {
			continue
		}
		if !header {
			b.WriteString("\nMETADATA\n")
			header = true
		}
		name := strings.TrimPrefix(it.Path, prefix)
		fmt.Fprintf(b, "  %s%s\n", esc(name), hiddenMark(name))
		for _, p := range parts {
			fmt.Fprintf(b, "      %s\n", p)
		}
	}
}

// ocrExcerptLines is how many lines of each image's OCR text the summary
// shows; the JSON report has all of it, with every word's box.
const ocrExcerptLines = 4

// writeOCR lists the images read by OCR, with the start of their text.
func writeOCR(b *bufio.Writer, rep *evidence.Report, prefix string, e *escaper) {
	esc := e.esc
	header := false
	for _, it := range rep.Items {
		if it.OCR == nil {
			continue
		}
		if !header {
			fmt.Fprintf(b, "\nOCR (%d images)\n", rep.Stats.OCRImages)
			header = true
		}
		name := strings.TrimPrefix(it.Path, prefix)
		fmt.Fprintf(b, "  %s%s  [%s, %s, confidence %.0f, %d words]\n", esc(name), hiddenMark(name),
			esc(it.OCR.Engine), esc(it.OCR.Lang), it.OCR.Confidence, len(it.OCR.Words))
		lines := strings.Split(strings.TrimSpace(it.Text), "\n")
		for i, l := range lines {
			if i == ocrExcerptLines {
				fmt.Fprintf(b, "      … %d more lines\n", len(lines)-i)
				break
			}
			l = strings.TrimSuffix(l, "\r")
			if r := []rune(l); len(r) > 100 {
				l = string(r[:99]) + "…"
			}
			fmt.Fprintf(b, "      %s\n", e.escText(l))
		}
	}
}

// Bounds of the ATTRIBUTION section; the JSON report has everything.
const (
	summaryOwners     = 3
	summaryEvidence   = 3
	summaryCandidates = 5
)

// writeAttribution prints the top owners with their strongest evidence,
// the candidates outside the catalogue, and the verdict on the claim.
func writeAttribution(b *bufio.Writer, rep *evidence.Report, prefix string, esc func(string) string) {
	at := rep.Attribution
	b.WriteString("\nATTRIBUTION\n")
	if len(at.Ranking) == 0 {
		b.WriteString("  no organisation found\n")
	}
	for i, o := range at.Ranking {
		if i == summaryOwners {
			fmt.Fprintf(b, "  … %d more organisations\n", len(at.Ranking)-i)
			break
		}
		fmt.Fprintf(b, "  %d. %s (%s)  score %.1f, confidence %.2f\n", i+1, esc(o.Name), esc(o.Org), o.Score, o.Confidence)
		for _, e := range strongest(o.Evidence, summaryEvidence) {
			where := esc(strings.TrimPrefix(e.Item, prefix))
			if where == "" {
				where = "-"
			}
			fmt.Fprintf(b, "       %-4g %-9s %s \"%s\"  %s\n", e.Weight, esc(e.Role), esc(e.Signal), esc(e.Match), where)
		}
	}
	if len(at.Candidates) > 0 {
		b.WriteString("  candidates (in no profile):")
		for i, c := range at.Candidates {
			if i == summaryCandidates {
				fmt.Fprintf(b, " … %d more", len(at.Candidates)-i)
				break
			}
			fmt.Fprintf(b, " %s (%.1f)", esc(c.Key), c.Score)
		}
		b.WriteString("\n")
	}
	if cl := rep.Claim; cl.Verdict != "" {
		fmt.Fprintf(b, "  claim \"%s\": %s", esc(cl.Claimed), strings.ToUpper(esc(cl.Verdict)))
		if cl.Owner != "" {
			fmt.Fprintf(b, " (owner %s)", esc(cl.Owner))
		}
		fmt.Fprintf(b, "\n    %s\n", esc(cl.Reason))
	}
}

// strongest picks n pieces of evidence, strongest first, preferring
// different signals so that three company fields do not hide the rest.
func strongest(es []evidence.Evidence, n int) []evidence.Evidence {
	var out []evidence.Evidence
	seen := map[string]bool{}
	used := make([]bool, len(es))
	for i, e := range es {
		if len(out) < n && !seen[e.Signal] {
			seen[e.Signal] = true
			used[i] = true
			out = append(out, e)
		}
	}
	for i, e := range es {
		if len(out) < n && !used[i] {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b evidence.Evidence) int { return cmp.Compare(b.Weight, a.Weight) })
	return out
}
