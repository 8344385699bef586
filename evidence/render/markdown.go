package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/proofpack/proofpack/evidence"
)

// Markdown writes the report's sections as Markdown for tickets and
// chat: verdict and owner ranking, decisive evidence with the matched
// text in bold, the timeline findings and events, and the item table.
// Every string from the package is escaped so that it renders as text.
func Markdown(w io.Writer, rep *evidence.Report) error {
	if rep == nil {
		return fmt.Errorf("render: nil report")
	}
	v := buildView(rep)
	b := bufio.NewWriterSize(w, 64<<10)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("# Triage of %s\n\n", md(v.Package.Name))
	p("%s (%d bytes)", v.Size, v.Package.Size)
	if v.Package.Format != "" {
		p(", %s", md(v.Package.Format))
	}
	p("; %d items", v.Stats.Items)
	if v.Kinds != "" {
		p(" (%s)", v.Kinds)
	}
	p(", %d images read by OCR, %d problems.  \nsha256 `%s`\n\n", v.Stats.OCRImages, v.Stats.Problems, code(v.Package.SHA256))

	p("## Verdict\n\n")
	if v.Claim.Verdict != "" {
		p("- **Claim:** %s\n- **Verdict:** **%s**\n", md(v.Claim.Claimed), strings.ToUpper(md(v.Claim.Verdict)))
	} else {
		p("- **Claim:** none given\n")
	}
	owner := v.OwnerName
	if owner == "" {
		owner = "undetermined"
	}
	p("- **Owner of the data:** %s\n", md(owner))
	if v.Claim.Reason != "" {
		p("- **Reason:** %s\n", md(v.Claim.Reason))
	}
	p("\n## Owner ranking\n\n")
	if len(v.Owners) == 0 {
		p("No organisation of the catalogue was found.\n")
	} else {
		p("| organisation | score | confidence | evidence | |\n|---|---:|---:|---:|---|\n")
		for _, o := range v.Owners {
			p("| %s (`%s`) | %.1f | %d%% | %d (%d ownership) | %s |\n", md(o.Name), code(o.Org), o.Score, o.Confidence, o.Evidence, o.Ownership, strings.Repeat("█", int(o.Bar/5+0.5)))
		}
	}

	p("\n## Decisive evidence\n")
	for _, eo := range v.EvidenceOrgs {
		p("\n### %s (`%s`)\n\n", md(eo.Name), code(eo.Org))
		for _, c := range eo.Cards {
			p("- %s\n", md(c.Item))
			for _, r := range c.Rows {
				p("  - %s · %s · weight %g · **%s**", md(r.Role), md(r.Signal), r.Weight, md(r.Match))
				if r.FromOCR {
					p(" (OCR%s)", map[bool]string{true: ", boxed in the HTML report", false: ""}[r.Boxed])
				}
				p("\n")
				if s := r.Snippet; s != nil {
					p("    > %s**%s**%s\n", md(s.Before), md(s.Match), md(s.After))
				}
			}
		}
		if eo.More > 0 {
			p("\n… %d weaker pieces of evidence in the JSON report.\n", eo.More)
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
			p("\n… %d more events in the JSON report.\n", v.MoreTimeline)
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
		p("| %s | %s | %s | %s | %s | %s |\n", md(it.Short), typ, it.SizeText, hash, strings.Join(meta, "<br>"), strings.Join(probs, "<br>"))
	}
	if v.MoreItems > 0 {
		p("\n… %d more items in the JSON report.\n", v.MoreItems)
	}
	if len(v.Problems) > 0 {
		p("\n### Package problems\n\n")
		for _, pr := range v.Problems {
			p("- %s: %s %s\n", md(pr.Code), md(pr.Detail), md(pr.Path))
		}
	}
	p("\n_Made by %s._\n", md(v.Tool))
	return b.Flush()
}

// mdEscaper escapes what Markdown (and the HTML it allows) give meaning
// to, and folds line breaks, which would end a table row or a list item.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "{", `\{`, "}", `\}`,
	"[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

// md escapes a string from the package for Markdown text.
func md(s string) string { return mdEscaper.Replace(s) }

// code keeps a value that goes between backticks free of them.
func code(s string) string {
	return strings.NewReplacer("`", "'", "\n", " ", "|", `\|`).Replace(s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
