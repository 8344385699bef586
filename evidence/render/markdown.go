package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/textsafe"
)

// Markdown writes the report's sections as Markdown for tickets and
// chat: verdict and owner ranking, decisive evidence with the matched
// text in bold, the timeline findings and events, and the item table.
// Every string from the package is escaped so that it renders as text:
// hidden characters as escapes in code spans (`<U+202E>`, see Escape),
// Markdown and HTML syntax with backslashes and entities, and nothing
// becomes a link, not even a bare URL, domain or mail address.
func Markdown(w io.Writer, rep *evidence.Report) error {
	if rep == nil {
		return fmt.Errorf("render: nil report")
	}
	v := buildView(rep)
	// The view holds every string escaped already; the SafeWriter is the
	// backstop for a value that a change here would let through.
	sw := NewSafeWriter(w)
	b := bufio.NewWriterSize(sw, 64<<10)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("# Triage of %s%s\n\n", md(v.Package.Name), mdHidden(v.Package.Hidden))
	if head := mdCaseLine(v); head != "" {
		p("%s  \n", head)
	}
	p("%s (%d bytes)", v.Size, v.Package.Size)
	if v.Package.Format != "" {
		p(", %s", md(v.Package.Format))
	}
	p("; %s", Plural(v.Stats.Items, "item", "items"))
	if v.Kinds != "" {
		p(" (%s)", v.Kinds)
	}
	p(", %s read by OCR, %s.  \n", Plural(v.Stats.OCRImages, "image", "images"), Plural(v.Stats.Problems, "problem", "problems"))
	if v.Package.SHA256 != "" {
		p("sha256 `%s`\n\n", code(v.Package.SHA256))
	} else {
		p("No hashes: the package was not read whole (see the problems).\n\n")
	}
	if v.Hidden != "" {
		p("> **Hidden characters.** Names or values in this package hold characters that hide, reorder or act on text (%s). "+
			"Each is shown as an escape instead: `<U+202E>` for a character, `<0x9B>` for a byte that is not UTF-8. "+
			"The JSON report keeps them as they are.\n\n", v.Hidden)
	}

	if v.Redacted {
		p("> **Personal data masked.** People's names, the local parts of e-mail addresses, phone numbers and postal addresses are shown as %s.\n\n", evidence.DefaultRedactMask)
	}
	p("## Summary\n\n%s\n\n", md(strings.Join(v.Summary, " ")))
	p("## Verdict\n\n")
	if v.Claim.Verdict != "" {
		p("- **Claim:** %s", md(v.Claim.Claimed))
		if v.Claim.ClaimedOrg != "" {
			p(" (matched %s, `%s`)", md(v.Claim.ClaimedName), code(v.Claim.ClaimedOrg))
		}
		p("\n- **Verdict:** **%s**\n", strings.ToUpper(md(string(v.Claim.Verdict))))
	} else {
		p("- **Claim:** none given\n")
	}
	owner := v.OwnerName
	if owner == "" {
		owner = "undetermined"
	}
	p("- **Owner of the data:** %s\n", md(owner))
	if len(v.CoOwners) > 0 {
		p("- **Also an owner:** %s\n", md(strings.Join(v.CoOwners, ", ")))
	}
	if v.Relation != "" {
		p("- **Relation:** %s (`%s`)\n", md(v.Relation), code(v.Claim.Relation))
	}
	if v.Claim.Reason != "" {
		p("- **Reason:** %s\n", md(v.Claim.Reason))
	}
	for _, f := range v.Claim.Findings {
		p("- **%s**: %s\n", md(f.Kind), md(f.Detail))
	}
	if l := v.Library; l != nil {
		p("\n## Seen before\n\n%d of %s were published before in packs of the case library.\n", l.Seen, Plural(l.Files, "file", "files"))
		if len(l.Earlier) > 0 {
			p("\n| earlier pack | triaged | claimed as | owner found | files shared | byte for byte |\n|---|---|---|---|---:|---:|\n")
			for _, e := range l.Earlier {
				p("| %s | %s | %s | %s | %d | %d |\n", md(e.Name), md(e.TriagedAt), md(e.Claimed), md(orDash(e.Owner)), e.Items, e.Exact)
			}
			if l.MoreEarlier > 0 {
				p("\n… %s in the JSON report.\n", Plural(l.MoreEarlier, "more pack", "more packs"))
			}
		}
	}
	p("\n## Owner ranking\n\n")
	if len(v.Owners) == 0 {
		p("No organisation of the catalogue was found.\n")
	} else {
		p("| organisation | score | confidence | evidence | |\n|---|---:|---:|---:|---|\n")
		for _, o := range v.Owners {
			p("| %s (`%s`) | %.1f | %d%% | %d (%d custody, %d authorship) | %s |\n", md(o.Name), code(o.Org), o.Score, o.Confidence,
				o.Evidence, o.Custody, o.Authorship, strings.Repeat("█", int(o.Bar/5+0.5)))
		}
	}
	if len(v.SellerSays) > 0 {
		p("\n**What the seller says** (names of folders and files, notes about the sale, wordmark covers: no evidence, weight 0):\n\n")
		for _, e := range v.SellerSays {
			p("- %s (`%s`): %s\n", md(e.Name), code(e.Org), md(strings.Join(e.Where, ", ")))
		}
	}

	mdExposure(p, v.Exposure)

	p("\n## Evidence\n")
	for _, eo := range v.EvidenceOrgs {
		p("\n### %s (`%s`)\n", md(eo.Name), code(eo.Org))
		for _, g := range eo.Groups {
			p("\n**%s** (%s)\n\n", md(g.Title), Plural(g.Pieces, "piece", "pieces"))
			for _, c := range g.Cards {
				p("- %s%s\n", md(c.Item), mdHidden(c.Hidden))
				for _, r := range c.Rows {
					p("  - %s · %s · weight %g · **%s**", md(r.Role), md(r.Signal), r.Weight, md(r.Match))
					if r.FromOCR {
						p(" (OCR%s%s)", map[bool]string{true: ", boxed in the HTML report", false: ""}[r.Boxed],
							map[bool]string{true: ", **small text: may be misread**", false: ""}[r.SmallText])
					}
					p("\n")
					if s := r.Snippet; s != nil {
						p("    > %s**%s**%s\n", md(s.Before), md(s.Match), md(s.After))
					}
				}
			}
		}
		if eo.More > 0 {
			p("\n… %s of evidence in the JSON report.\n", Plural(eo.More, "weaker piece", "weaker pieces"))
		}
	}

	p("\n## Timeline\n\n")
	for _, f := range v.Timeline.Findings {
		p("- **%s**: %s\n", md(f.Kind), md(f.Detail))
	}
	if len(v.Timeline.Findings) > 0 {
		p("\n")
	}
	if len(v.TimelineRows) > 0 {
		p("| time | zone | field | source | item |\n|---|---|---|---|---|\n")
		for _, e := range v.TimelineRows {
			item := md(e.Item)
			if e.Note != "" {
				item += " (" + md(e.Note) + ")"
			}
			p("| %s | %s | %s | %s | %s |\n", md(e.Time), md(e.Zone), md(e.Field), md(e.Source), item)
		}
		if v.MoreTimeline > 0 {
			p("\n… %s in the JSON report.\n", Plural(v.MoreTimeline, "more event", "more events"))
		}
	} else {
		p("No timestamps.\n")
	}

	p("\n## Items\n\n| path | type | size | sha256 | metadata | problems |\n|---|---|---:|---|---|---|\n")
	for _, it := range v.Items {
		typ := md(it.Kind) + " " + md(it.MIME)
		if it.ExtMismatch {
			typ += " **." + md(it.DeclaredExt) + " is really " + md(orDash(it.DetectedExt)) + "**"
		}
		var meta, probs []string
		for _, m := range it.Meta {
			meta = append(meta, md(m.K)+": "+md(m.V))
		}
		for _, pr := range it.Problems {
			probs = append(probs, md(pr.Code)+": "+md(pr.Detail))
		}
		hash := ""
		if it.SHA256 != "" {
			hash = "`" + code(it.SHA256) + "`"
		}
		dup := ""
		if it.DuplicateOf != "" {
			dup = "<br>copy of " + md(it.DuplicateOf)
		}
		p("| %s%s%s | %s | %s | %s | %s | %s |\n", md(it.Short), mdHidden(it.Hidden), dup, typ, it.SizeText, hash, strings.Join(meta, "<br>"), strings.Join(probs, "<br>"))
	}
	if v.MoreItems > 0 {
		p("\n… %s in the JSON report.\n", Plural(v.MoreItems, "more item", "more items"))
	}
	if len(v.Problems) > 0 {
		p("\n### Package problems\n\n")
		for _, pr := range v.Problems {
			p("- %s: %s %s\n", md(pr.Code), md(pr.Detail), md(pr.Path))
		}
	}
	p("\n_Made by %s._\n", md(v.Tool))
	if err := b.Flush(); err != nil {
		return err
	}
	return sw.Flush()
}

// mdEscaper escapes what Markdown (and the HTML it allows) give meaning
// to. Line breaks never reach it: the view holds them as escapes.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "{", `\{`, "}", `\}`,
	"[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`, "#", `\#`, "$", `\$`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	// GitHub and other renderers make links of bare URLs, www. names and
	// mail addresses: a backslash before the ":", "." or "@" stops them.
	"://", `\://`, "www.", `www\.`, "WWW.", `WWW\.`, "@", `\@`,
)

// md escapes a string of the view (escaped by Escape already) for
// Markdown text: each run of escapes becomes a code span, which shows it
// as it is, and the rest is escaped by mdEscaper. A leading "- ", "+ " or
// "1. " would start a list inside a list item: its mark is escaped too.
func md(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	first := true
	textsafe.Split(s, func(run string, esc bool) {
		if esc {
			b.WriteString("`" + run + "`")
		} else {
			if first {
				run = mdLead(run, &b)
			}
			b.WriteString(mdEscaper.Replace(run))
		}
		first = false
	})
	return b.String()
}

// mdLead writes the escaped list mark at the start of s, if any, and
// returns the rest.
func mdLead(s string, b *strings.Builder) string {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	switch {
	case i == 0 && len(s) > 0 && (s[0] == '-' || s[0] == '+'):
	case i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')'):
	default:
		return s
	}
	if i+1 < len(s) && s[i+1] != ' ' {
		return s
	}
	b.WriteString(s[:i] + `\` + s[i:i+1])
	return s[i+1:]
}

// mdHidden is the marker beside a name that held hidden characters.
func mdHidden(kinds string) string {
	if kinds == "" {
		return ""
	}
	return " **[hidden characters: " + kinds + "]**"
}

// code keeps a value that goes between backticks free of them. It shows
// escapes as they are.
func code(s string) string {
	return strings.NewReplacer("`", "'", "|", `\|`).Replace(s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// mdCaseLine is the line under the title that marks the report and
// names its case: "**TLP:AMBER** · case `C-1` · analyst A. Analyst ·
// triaged 2026-05-01T09:30:00Z".
func mdCaseLine(v *view) string {
	var parts []string
	if v.TLP != "" {
		parts = append(parts, "**"+md(v.TLP)+"**")
	}
	if v.Case.ID != "" {
		parts = append(parts, "case `"+code(v.Case.ID)+"`")
	}
	if v.Case.Analyst != "" {
		parts = append(parts, "analyst "+md(v.Case.Analyst))
	}
	if v.TriagedAt != "" {
		parts = append(parts, "triaged "+md(v.TriagedAt))
	}
	return strings.Join(parts, " · ")
}

// mdExposure writes the Exposure section: each list with the items its
// entries came from, the content's dates and the items by kind.
func mdExposure(p func(string, ...any), x *exposure) {
	p("\n## Exposure\n\n")
	if x.From != "" {
		p("- **Content dates:** %s to %s\n", x.From, x.To)
	}
	var kinds []string
	for _, k := range x.Kinds {
		kinds = append(kinds, k.Kind)
	}
	if len(kinds) > 0 {
		p("- **Items:** %s\n", strings.Join(kinds, ", "))
	}
	if x.Masked {
		p("- **People:** names masked\n")
	}
	for _, l := range x.Lists {
		if len(l.Entries) == 0 {
			continue
		}
		p("\n**%s** (%d)\n\n", l.Title, l.Count())
		for _, e := range l.Entries {
			var from []string
			for _, r := range e.Items {
				from = append(from, md(r.Name))
			}
			more := ""
			if e.More > 0 {
				more = fmt.Sprintf(" and %d more", e.More)
			}
			mark := ""
			if e.Internal {
				mark = " (internal)"
			}
			p("- `%s`%s: %s%s\n", code(e.Value), mark, strings.Join(from, ", "), more)
		}
		if l.More > 0 {
			p("- and %d more\n", l.More)
		}
	}
}
