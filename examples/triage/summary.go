package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
)

type progressEvent = evidence.Progress

// writeSummary prints the report for people: the package, its items with
// their true types, mismatches and problems.
func writeSummary(w io.Writer, rep *evidence.Report) error {
	// Names, metadata and OCR text come from the package: on a terminal,
	// an escape sequence in a file name would be obeyed. Every control
	// character but newline and tab is printed as an escape instead.
	ts := &terminalSafe{w: w}
	b := bufio.NewWriterSize(ts, 64<<10)
	p := rep.Package
	fmt.Fprintf(b, "%s %s: %s\n", rep.Tool.Name, rep.Tool.Version, p.Name)
	fmt.Fprintf(b, "  size    %s (%d bytes)\n", humanBytes(p.Size), p.Size)
	fmt.Fprintf(b, "  sha256  %s\n  sha1    %s\n  md5     %s\n", p.SHA256, p.SHA1, p.MD5)
	format := p.Format
	if format == "" {
		format = "single file (" + p.MIME + ")"
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
		flags := ""
		if it.ExtMismatch {
			flags += fmt.Sprintf("  [.%s is really %s]", it.DeclaredExt, orDash(it.DetectedExt))
		}
		if it.NameEncoding != "" && it.NameEncoding != "utf-8" && it.NameEncoding != "ascii" {
			flags += "  [name " + it.NameEncoding + "]"
		}
		if it.Encrypted {
			flags += "  [encrypted]"
		}
		if it.LinkTarget != "" {
			flags += "  -> " + it.LinkTarget
		}
		typ := it.DetectedExt
		if typ == "" {
			typ = it.MIME
		}
		if it.Charset != "" {
			typ += " " + it.Charset
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s%s\n", it.Kind, humanBytes(it.Size), typ, orDash(it.Modified),
			strings.TrimPrefix(it.Path, prefix), flags)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	writeMetadata(b, rep, prefix)
	writeOCR(b, rep, prefix)
	writeAttribution(b, rep, prefix)

	var probs []string
	for _, it := range rep.Items {
		for _, pr := range it.Problems {
			probs = append(probs, fmt.Sprintf("  %-20s %s: %s", pr.Code, strings.TrimPrefix(it.Path, prefix), pr.Detail))
		}
	}
	for _, pr := range rep.Problems {
		probs = append(probs, fmt.Sprintf("  %-20s %s: %s", pr.Code, pr.Path, pr.Detail))
	}
	if len(probs) > 0 {
		fmt.Fprintf(b, "\nPROBLEMS (%d)\n", len(probs))
		for _, p := range probs {
			b.WriteString(p + "\n")
		}
	}
	if err := b.Flush(); err != nil {
		return err
	}
	return ts.flush()
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
func writeMetadata(b *bufio.Writer, rep *evidence.Report, prefix string) {
	header := false
	for _, it := range rep.Items {
		m := it.Metadata
		var parts []string
		add := func(label string, v ...string) {
			var vs []string
			for _, s := range v {
				if s != "" {
					vs = append(vs, s)
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
		fmt.Fprintf(b, "  %s\n", strings.TrimPrefix(it.Path, prefix))
		for _, p := range parts {
			fmt.Fprintf(b, "      %s\n", p)
		}
	}
}

// ocrExcerptLines is how many lines of each image's OCR text the summary
// shows; the JSON report has all of it, with every word's box.
const ocrExcerptLines = 4

// writeOCR lists the images read by OCR, with the start of their text.
func writeOCR(b *bufio.Writer, rep *evidence.Report, prefix string) {
	header := false
	for _, it := range rep.Items {
		if it.OCR == nil {
			continue
		}
		if !header {
			fmt.Fprintf(b, "\nOCR (%d images)\n", rep.Stats.OCRImages)
			header = true
		}
		fmt.Fprintf(b, "  %s  [%s, %s, confidence %.0f, %d words]\n", strings.TrimPrefix(it.Path, prefix),
			it.OCR.Engine, it.OCR.Lang, it.OCR.Confidence, len(it.OCR.Words))
		lines := strings.Split(strings.TrimSpace(it.Text), "\n")
		for i, l := range lines {
			if i == ocrExcerptLines {
				fmt.Fprintf(b, "      … %d more lines\n", len(lines)-i)
				break
			}
			if r := []rune(l); len(r) > 100 {
				l = string(r[:99]) + "…"
			}
			fmt.Fprintf(b, "      %s\n", l)
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
func writeAttribution(b *bufio.Writer, rep *evidence.Report, prefix string) {
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
		fmt.Fprintf(b, "  %d. %s (%s)  score %.1f, confidence %.2f\n", i+1, o.Name, o.Org, o.Score, o.Confidence)
		for _, e := range strongest(o.Evidence, summaryEvidence) {
			where := strings.TrimPrefix(e.Item, prefix)
			if where == "" {
				where = "-"
			}
			fmt.Fprintf(b, "       %-4g %-9s %s %q  %s\n", e.Weight, e.Role, e.Signal, e.Match, where)
		}
	}
	if len(at.Candidates) > 0 {
		b.WriteString("  candidates (in no profile):")
		for i, c := range at.Candidates {
			if i == summaryCandidates {
				fmt.Fprintf(b, " … %d more", len(at.Candidates)-i)
				break
			}
			fmt.Fprintf(b, " %s (%.1f)", c.Key, c.Score)
		}
		b.WriteString("\n")
	}
	if cl := rep.Claim; cl.Verdict != "" {
		fmt.Fprintf(b, "  claim %q: %s", cl.Claimed, strings.ToUpper(cl.Verdict))
		if cl.Owner != "" {
			fmt.Fprintf(b, " (owner %s)", cl.Owner)
		}
		fmt.Fprintf(b, "\n    %s\n", cl.Reason)
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

// terminalSafe passes text through, writing control characters (C0 but
// newline and tab, DEL, C1, and stray bytes that a terminal could take
// for C1) as visible escapes: "\x1b", "\u009b".
type terminalSafe struct {
	w     io.Writer
	carry []byte // the start of a character cut by the last Write
	out   []byte
}

// flush writes what is left of a cut character, as escapes.
func (t *terminalSafe) flush() error {
	var out []byte
	for _, c := range t.carry {
		out = fmt.Appendf(out, "\\x%02x", c)
	}
	t.carry = nil
	if len(out) == 0 {
		return nil
	}
	_, err := t.w.Write(out)
	return err
}

func (t *terminalSafe) Write(p []byte) (int, error) {
	data := p
	if len(t.carry) > 0 {
		data = append(t.carry, p...)
		t.carry = nil
	}
	// Keep an incomplete character at the end for the next Write.
	if n := len(data); n > 0 {
		for i := max(0, n-utf8.UTFMax+1); i < n; i++ {
			if utf8.RuneStart(data[i]) && !utf8.FullRune(data[i:]) {
				t.carry = append(t.carry[:0], data[i:]...)
				data = data[:i]
				break
			}
		}
	}
	out := t.out[:0]
	for i := 0; i < len(data); {
		c := data[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = fmt.Appendf(out, "\\x%02x", c)
		case r < 0x20 || r == 0x7f:
			out = fmt.Appendf(out, "\\x%02x", r)
		case r >= 0x80 && r <= 0x9f:
			out = fmt.Appendf(out, "\\u%04x", r)
		default:
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	t.out = out
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
