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
	"time"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/render"
	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/ocr"
)

type progressEvent = evidence.Progress

// Bounds of the summary, so that its memory does not grow with the
// package: a pack of a hundred thousand files gets the same few pages
// as one of a thousand, with counts for what is not listed. The JSON
// report (-json, -ndjson) lists everything.
const (
	// summaryItemRows is how many items the ITEMS table lists first, in
	// the order the triage finished them.
	summaryItemRows = 500
	// summaryFlaggedRows is how many more items it lists past those:
	// items with a problem, an extension that lies, a name with hidden
	// characters or in a legacy encoding, encrypted items and links.
	summaryFlaggedRows = 500
	// summaryMetadataItems is how many items the METADATA section lists.
	summaryMetadataItems = 200
	// summaryOCRImages is how many images the OCR section lists.
	summaryOCRImages = 100
	// summaryProblemLines is how many problems of items, and how many of
	// the package and its archives, the PROBLEMS section lists; the rest
	// are counted by code.
	summaryProblemLines = 500
)

// summary collects, item by item, what the summary prints about the
// items, within the bounds above: the items themselves are not kept.
// Only what a row shows is copied out of an item, never its text but the
// first lines of an OCR excerpt, so that an item handed over can be
// freed.
type summary struct {
	text    string // -text: "none" leaves out the OCR excerpts
	items   int    // items seen
	rows    []summaryRow
	skipped int // items seen since the last row, not listed
	listed  int // rows among the first summaryItemRows

	meta        []metaRow
	metaSkipped int
	ocr         []ocrRow
	ocrSkipped  int
	problems    []itemProblem
	moreProbs   map[string]int // problems of items not listed, by code
}

// summaryRow is one line of the ITEMS table: the fields of the item it
// shows, and how many items were left out before it.
type summaryRow struct {
	item    evidence.Item
	skipped int
}

type metaRow struct {
	path string
	meta evidence.Metadata // without Raw
}

type ocrRow struct {
	path, engine, lang string
	confidence         float64
	words              int
	textPx             int      // median text line height, 0 when none was measured
	small              bool     // flagged ocr_small_text
	smallShare         float64  // share of characters in lines at most ocr.SmallTextPx high
	excerpt            []string // the first ocrExcerptLines lines, cut
	lines              int      // lines of the whole text
}

type itemProblem struct {
	path string
	evidence.Problem
}

func newSummary(text string) *summary {
	return &summary{text: text}
}

// add takes what the summary shows of it.
func (s *summary) add(it *evidence.Item) {
	s.items++
	switch {
	case s.listed < summaryItemRows:
		s.listed++
		s.addRow(it)
	case flagged(it) && len(s.rows) < summaryItemRows+summaryFlaggedRows:
		s.addRow(it)
	default:
		s.skipped++
	}
	if m := it.Metadata; hasMetadata(m) {
		if len(s.meta) < summaryMetadataItems {
			m.Raw = nil
			s.meta = append(s.meta, metaRow{path: it.Path, meta: m})
		} else {
			s.metaSkipped++
		}
	}
	if it.OCR != nil {
		if len(s.ocr) < summaryOCRImages {
			s.ocr = append(s.ocr, s.ocrRow(it))
		} else {
			s.ocrSkipped++
		}
	}
	for _, p := range it.Problems {
		if len(s.problems) < summaryProblemLines {
			s.problems = append(s.problems, itemProblem{path: it.Path, Problem: p})
			continue
		}
		if s.moreProbs == nil {
			s.moreProbs = map[string]int{}
		}
		s.moreProbs[p.Code]++ // codes come from the library's fixed list
	}
}

func (s *summary) addRow(it *evidence.Item) {
	s.rows = append(s.rows, summaryRow{skipped: s.skipped, item: evidence.Item{
		Path: it.Path, Kind: it.Kind, Size: it.Size, DetectedExt: it.DetectedExt, MIME: it.MIME, Charset: it.Charset,
		Modified: it.Modified, ExtMismatch: it.ExtMismatch, DeclaredExt: it.DeclaredExt, NameEncoding: it.NameEncoding,
		Encrypted: it.Encrypted, LinkTarget: it.LinkTarget, DuplicateOf: it.DuplicateOf,
	}})
	s.skipped = 0
}

// flagged reports whether an item past the first rows is listed anyway.
func flagged(it *evidence.Item) bool {
	return len(it.Problems) > 0 || it.ExtMismatch || it.Encrypted || it.LinkTarget != "" ||
		legacyEncoding(it.NameEncoding) || render.Hidden(it.Path) != ""
}

func legacyEncoding(enc string) bool {
	return enc != "" && enc != "utf-8" && enc != "ascii"
}

func hasMetadata(m evidence.Metadata) bool {
	return len(m.Authors) > 0 || m.LastModifiedBy != "" || m.Organisation != "" || m.Title != "" || m.Software != "" ||
		m.Camera != "" || m.Created != "" || m.Modified != "" || m.TZOffset != "" || len(m.Hosts) > 0 || len(m.Emails) > 0 ||
		len(m.MessageIDs) > 0 || len(m.URLs) > 0 || len(m.Paths) > 0 || m.GPS != nil
}

// ocrRow copies the start of an image's OCR text: a line is cut at 100
// characters, and copied, so that the row does not hold the text.
func (s *summary) ocrRow(it *evidence.Item) ocrRow {
	r := ocrRow{path: it.Path, engine: it.OCR.Engine, lang: it.OCR.Lang, confidence: it.OCR.Confidence, words: len(it.OCR.Words),
		textPx: it.OCR.TextPx, smallShare: it.OCR.SmallTextShare}
	for _, p := range it.Problems {
		r.small = r.small || p.Code == evidence.ProblemOCRSmallText
	}
	text := strings.TrimSpace(it.Text)
	r.lines = strings.Count(text, "\n") + 1
	if s.text == string(render.TextNone) {
		return r
	}
	for l := range strings.SplitSeq(text, "\n") {
		if len(r.excerpt) == ocrExcerptLines {
			break
		}
		l = strings.TrimSuffix(l, "\r")
		// 101 characters take at most 101*UTFMax bytes: no need to
		// decode more of a line of a megabyte to know it is longer.
		if rs := []rune(l[:min(len(l), 101*utf8.UTFMax)]); len(rs) > 100 {
			l = string(rs[:99]) + "…"
		}
		r.excerpt = append(r.excerpt, strings.Clone(l))
	}
	return r
}

// writeSummary prints rep for people, its items included: the summary
// of a report held whole.
func writeSummary(w io.Writer, rep *evidence.Report) error {
	s := newSummary(string(render.TextFull))
	for i := range rep.Items {
		s.add(&rep.Items[i])
	}
	return s.write(w, rep)
}

// write prints the summary for people: the package, its items with
// their true types, mismatches and problems, their metadata, OCR,
// attribution; rep gives all but the items, which s has collected.
//
// Names, metadata and OCR text come from the package: on a terminal, an
// escape sequence in a file name would be obeyed, and a right-to-left
// override makes "invoice_\u202Etxt.exe" read as "invoice_exe.txt". Every
// string from the report goes through esc (render.Escape): each character
// that hides, reorders or acts on text is printed as <U+202E>, a byte
// that is not UTF-8 as <0x9B>, a name that held one gets a marker, and a
// note at the end says so. The whole output goes through a
// render.SafeWriter as well, the backstop for a string that was not.
func (s *summary) write(w io.Writer, rep *evidence.Report) error {
	sw := render.NewSafeWriter(w)
	b := bufio.NewWriterSize(sw, 64<<10)
	e := &escaper{}
	esc := e.esc
	p := rep.Package
	prefix := p.Name + "!/"
	fmt.Fprintf(b, "%s %s: %s%s\n", esc(rep.Tool.Name), esc(rep.Tool.Version), esc(p.Name), hiddenMark(p.Name))
	if c := rep.Case; !c.IsZero() {
		var parts []string
		if c.ID != "" {
			parts = append(parts, esc(c.ID))
		}
		if c.Analyst != "" {
			parts = append(parts, "analyst "+esc(c.Analyst))
		}
		if c.TLP != "" {
			parts = append(parts, esc(c.TLP.Label()))
		}
		fmt.Fprintf(b, "  case    %s\n", strings.Join(parts, ", "))
	}
	if rep.TriagedAt != "" {
		fmt.Fprintf(b, "  triaged %s\n", esc(rep.TriagedAt))
	}
	// What an analyst reads first: whose data it is and what the seller
	// says of it, then what the dates say; the detail follows.
	writeVerdict(b, rep, esc)
	writeSeenBefore(b, rep, esc)
	writeTimeline(b, rep, prefix, esc)
	b.WriteString("\nPACKAGE\n")
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
	st := rep.Stats
	fmt.Fprintf(b, "  format  %s; %s, %s, depth %d; %s read in %d ms\n",
		format, render.Plural(st.Items, "item", "items"), render.Plural(st.Archives, "archive", "archives"), st.MaxDepth, humanBytes(st.Bytes), st.DurationMS)
	if len(st.ByKind) > 0 {
		fmt.Fprintf(b, "  kinds   %s\n", render.KindCounts(st.ByKind))
	}

	b.WriteString("\nITEMS\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  KIND\tSIZE\tTYPE\tMODIFIED\tPATH")
	for i, r := range s.rows {
		if i > 0 && i%summaryBlock == 0 {
			// The tabwriter holds rows until Flush: align columns per
			// block so that a package of many items is not held twice.
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		if r.skipped > 0 {
			fmt.Fprintf(tw, "  …\t\t\t\t(%s)\n", render.Plural(r.skipped, "more item", "more items"))
		}
		it := &r.item
		name := strings.TrimPrefix(it.Path, prefix)
		flags := hiddenMark(name)
		if it.ExtMismatch {
			flags += fmt.Sprintf("  [.%s is really %s]", esc(it.DeclaredExt), orDash(esc(it.DetectedExt)))
		}
		if legacyEncoding(it.NameEncoding) {
			flags += "  [name " + esc(it.NameEncoding) + "]"
		}
		if it.Encrypted {
			flags += "  [encrypted]"
		}
		if it.LinkTarget != "" {
			flags += "  -> " + esc(it.LinkTarget) + hiddenMark(it.LinkTarget)
		}
		if it.DuplicateOf != "" {
			dup := strings.TrimPrefix(it.DuplicateOf, prefix)
			flags += "  [copy of " + esc(dup) + hiddenMark(dup) + "]"
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
	if s.skipped > 0 {
		fmt.Fprintf(tw, "  …\t\t\t\t(%s)\n", render.Plural(s.skipped, "more item", "more items"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(s.rows) < s.items {
		fmt.Fprintf(b, "  (%d of %d items listed: the first %d, then those with a problem or a flag; -json lists them all)\n",
			len(s.rows), s.items, summaryItemRows)
	}

	s.writeMetadata(b, prefix, esc)
	s.writeOCR(b, rep, prefix, e)
	writeAttribution(b, rep, prefix, esc)
	s.writeProblems(b, rep, prefix, esc)

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

// writeProblems lists the problems of the items, then those of the
// package and its archives, each list cut at summaryProblemLines with
// the rest counted by code.
func (s *summary) writeProblems(b *bufio.Writer, rep *evidence.Report, prefix string, esc func(string) string) {
	more := maps.Clone(s.moreProbs)
	if more == nil {
		more = map[string]int{}
	}
	var lines []string
	for _, pr := range s.problems {
		lines = append(lines, fmt.Sprintf("  %-20s %s: %s", esc(pr.Code), esc(strings.TrimPrefix(pr.path, prefix)), esc(pr.Detail)))
	}
	for i, pr := range rep.Problems {
		if i >= summaryProblemLines {
			more[pr.Code]++
			continue
		}
		lines = append(lines, fmt.Sprintf("  %-20s %s: %s", esc(pr.Code), esc(pr.Path), esc(pr.Detail)))
	}
	n := len(lines)
	for _, k := range more {
		n += k
	}
	if n == 0 {
		return
	}
	fmt.Fprintf(b, "\nPROBLEMS (%d)\n", n)
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	if len(more) > 0 {
		var counts []string
		for _, code := range slices.Sorted(maps.Keys(more)) {
			counts = append(counts, fmt.Sprintf("%s %d", esc(code), more[code]))
		}
		fmt.Fprintf(b, "  … %s (%s); -json lists them all\n", render.Plural(n-len(lines), "more problem", "more problems"), strings.Join(counts, ", "))
	}
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
func (s *summary) writeMetadata(b *bufio.Writer, prefix string, esc func(string) string) {
	for i, r := range s.meta {
		m := r.meta
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
		add("e-mail addresses", m.Emails...)
		add("urls", m.URLs...)
		add("message-ids", m.MessageIDs...)
		add("paths", m.Paths...)
		if m.GPS != nil {
			add("gps", fmt.Sprintf("%.6f,%.6f", m.GPS.Lat, m.GPS.Lon))
		}
		if i == 0 {
			b.WriteString("\nMETADATA\n")
		}
		name := strings.TrimPrefix(r.path, prefix)
		fmt.Fprintf(b, "  %s%s\n", esc(name), hiddenMark(name))
		for _, p := range parts {
			fmt.Fprintf(b, "      %s\n", p)
		}
	}
	if s.metaSkipped > 0 {
		fmt.Fprintf(b, "  … %s with metadata; -json lists them all\n", render.Plural(s.metaSkipped, "more item", "more items"))
	}
}

// ocrExcerptLines is how many lines of each image's OCR text the summary
// shows; the JSON report has all of it, with every word's box.
const ocrExcerptLines = 4

// writeOCR lists the images read by OCR, with the start of their text.
func (s *summary) writeOCR(b *bufio.Writer, rep *evidence.Report, prefix string, e *escaper) {
	esc := e.esc
	for i, r := range s.ocr {
		if i == 0 {
			fmt.Fprintf(b, "\nOCR (%s)\n", render.Plural(rep.Stats.OCRImages, "image", "images"))
		}
		name := strings.TrimPrefix(r.path, prefix)
		size := ""
		if r.textPx > 0 {
			size = fmt.Sprintf(", text %d px", r.textPx)
		}
		fmt.Fprintf(b, "  %s%s  [%s, %s, confidence %.0f, %s%s]\n", esc(name), hiddenMark(name),
			esc(r.engine), esc(r.lang), r.confidence, render.Plural(r.words, "word", "words"), size)
		if r.small {
			fmt.Fprintf(b, "      SMALL TEXT: %.0f%% of the characters in lines at most %d px high; names and identifiers read here may be misread\n",
				100*r.smallShare, ocr.SmallTextPx)
		}
		for _, l := range r.excerpt {
			fmt.Fprintf(b, "      %s\n", e.escText(l))
		}
		if s.text != string(render.TextNone) && r.lines > len(r.excerpt) {
			fmt.Fprintf(b, "      … %s\n", render.Plural(r.lines-len(r.excerpt), "more line", "more lines"))
		}
	}
	if s.ocrSkipped > 0 {
		fmt.Fprintf(b, "  … %s; -json lists them all\n", render.Plural(s.ocrSkipped, "more image", "more images"))
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
			fmt.Fprintf(b, "  … %s\n", render.Plural(len(at.Ranking)-i, "more organisation", "more organisations"))
			break
		}
		fmt.Fprintf(b, "  %d. %s (%s)  score %.1f (custody %.1f, authorship %.1f), confidence %.2f\n",
			i+1, esc(o.Name), esc(o.Org), o.Score, o.Custody, o.Authorship, o.Confidence)
		for _, e := range strongest(o.Evidence, summaryEvidence) {
			where := esc(strings.TrimPrefix(e.Item, prefix))
			if where == "" {
				where = "-"
			}
			fmt.Fprintf(b, "       %-4g %-10s %s \"%s\"  %s\n", e.Weight, esc(e.Role), esc(e.Signal), esc(e.Match), where)
		}
	}
	if len(at.ClaimEcho) > 0 {
		b.WriteString("  named only by the seller (folder and file names, sale notes, wordmark covers; no evidence):")
		for i, o := range at.ClaimEcho {
			if i == summaryCandidates {
				fmt.Fprintf(b, " … %d more", len(at.ClaimEcho)-i)
				break
			}
			fmt.Fprintf(b, " %s (%s)", esc(o.Name), esc(o.Org))
		}
		b.WriteString("\n")
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
	// Custody first, then authorship, what the seller says, mentions.
	slices.SortStableFunc(out, func(a, b evidence.Evidence) int {
		if c := cmp.Compare(roleRank(a.Role), roleRank(b.Role)); c != 0 {
			return c
		}
		return cmp.Compare(b.Weight, a.Weight)
	})
	return out
}

// roleRank orders evidence as reports show it: custody, authorship, what
// the seller says, mentions (fingerprint.RoleRank).
func roleRank(role string) int { return fingerprint.RoleRank(fingerprint.Role(role)) }

// writeVerdict opens the summary with the answer: the verdict on the
// claim with its reason, and the owner with its name and confidence;
// without a claim, the organisation ranked first.
func writeVerdict(b *bufio.Writer, rep *evidence.Report, esc func(string) string) {
	cl, at := rep.Claim, rep.Attribution
	b.WriteString("\nVERDICT\n")
	if cl.Verdict != "" {
		fmt.Fprintf(b, "  claim \"%s\": %s", esc(cl.Claimed), strings.ToUpper(esc(string(cl.Verdict))))
		switch {
		case len(cl.Owners) > 1:
			owners := make([]string, len(cl.Owners))
			for i, o := range cl.Owners {
				owners[i] = esc(o)
			}
			fmt.Fprintf(b, " (owners %s", strings.Join(owners, ", "))
		case cl.Owner != "":
			fmt.Fprintf(b, " (owner %s", esc(cl.Owner))
		}
		if cl.Owner != "" {
			if cl.Relation != "" {
				fmt.Fprintf(b, "; relation %s", esc(cl.Relation))
			}
			b.WriteString(")")
		}
		fmt.Fprintf(b, "\n    %s\n", esc(cl.Reason))
	}
	owners := cl.Owners
	if len(owners) == 0 && cl.Owner != "" {
		owners = []string{cl.Owner}
	}
	label := "owner"
	if cl.Verdict == "" && len(owners) == 0 && len(at.Ranking) > 0 {
		// No claim, so no judgement of ownership: the organisation the
		// evidence ranks first, for what its confidence says.
		owners, label = []string{at.Ranking[0].Org}, "ranked first"
	}
	if len(owners) == 0 {
		b.WriteString("  owner   none found\n")
		return
	}
	for _, id := range owners {
		i := slices.IndexFunc(at.Ranking, func(o evidence.Owner) bool { return o.Org == id })
		if i < 0 {
			fmt.Fprintf(b, "  %s   %s\n", label, esc(id))
			continue
		}
		o := at.Ranking[i]
		fmt.Fprintf(b, "  %s   %s (%s), confidence %.2f (custody %.1f, authorship %.1f)\n",
			label, esc(o.Name), esc(o.Org), o.Confidence, o.Custody, o.Authorship)
	}
}

// summaryFindings bounds the timeline findings the summary lists.
const summaryFindings = 10

// writeTimeline gives what the dates say: the range of the content
// dates (archive times left out: whoever packed the files set them), the
// findings on the claim (stale data) and those of the timeline.
func writeTimeline(b *bufio.Writer, rep *evidence.Report, prefix string, esc func(string) string) {
	tl := rep.Timeline
	var first, last time.Time
	var firstEv, lastEv evidence.TimelineEvent
	content, archived := 0, 0
	for _, e := range tl.Events {
		if e.Field == evidence.FieldArchived {
			archived++
			continue
		}
		t, _ := e.Instant()
		if t.IsZero() {
			continue
		}
		content++
		if first.IsZero() || t.Before(first) {
			first, firstEv = t, e
		}
		if t.After(last) {
			last, lastEv = t, e
		}
	}
	b.WriteString("\nTIMELINE\n")
	more := ""
	if tl.Truncated {
		more = ", the first kept of more"
	}
	if content == 0 {
		fmt.Fprintf(b, "  content dates  none (%d archive times%s)\n", archived, more)
	} else {
		fmt.Fprintf(b, "  content dates  %s to %s (%d dates%s; archive times left out)\n",
			esc(day(firstEv.Time)), esc(day(lastEv.Time)), content, more)
	}
	n := 0
	for _, f := range rep.Claim.Findings {
		fmt.Fprintf(b, "  %-15s %s\n", esc(f.Kind), esc(f.Detail))
		n++
	}
	for i, f := range tl.Findings {
		if i == summaryFindings {
			fmt.Fprintf(b, "  … %d more findings; -json lists them all\n", len(tl.Findings)-i)
			break
		}
		fmt.Fprintf(b, "  %-15s %s\n", esc(f.Kind), esc(strings.ReplaceAll(f.Detail, prefix, "")))
		n++
	}
	if n == 0 {
		b.WriteString("  no findings\n")
	}
}

// day is the date of a timeline time ("2021-04-12T10:30:00+09:00"):
// the day as its record wrote it, in its own zone.
func day(s string) string {
	if len(s) >= len(time.DateOnly) && s[4] == '-' {
		return s[:len(time.DateOnly)]
	}
	return s
}
