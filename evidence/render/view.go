package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/textsafe"
	"github.com/proofpack/proofpack/fingerprint"
	"github.com/proofpack/proofpack/ocr"
)

// Bounds of what a rendered report shows, so that the report of a huge
// package stays a document a browser opens at once.
const (
	// MaxOwners is the number of ranked organisations shown.
	MaxOwners = 10
	// MaxEvidence is the most pieces of evidence shown per organisation,
	// strongest first.
	MaxEvidence = 12
	// MaxEvidenceOwners is how many of the ranked organisations get their
	// evidence shown (the owner, the runner-up and the claimed one).
	MaxEvidenceOwners = 3
	// MaxItemRows is the most rows of the item table.
	MaxItemRows = 5000
	// MaxTimelineRows is the most rows of the timeline table.
	MaxTimelineRows = 2000
	// MaxChartPoints is the most events drawn on the timeline chart;
	// beyond, events are sampled evenly.
	MaxChartPoints = 3000
	// snippetContext is the characters of text kept either side of a
	// highlighted match.
	snippetContext = 80
	// maxOCRWindow is the most consecutive OCR words a match may span.
	maxOCRWindow = 24
)

// view is what the templates read. Every string from the package is
// escaped already (Escape: no character in it hides, reorders or acts on
// the text); the template then escapes it for HTML, Markdown for
// Markdown. The report's raw strings serve only to compute the view.
type view struct {
	Title   string
	Tool    string
	Package packageView
	Size    string
	// TriagedAt is when the triage ran (Report.TriagedAt); Case the
	// investigation it is for (Report.Case), escaped, and TLP its
	// marking as a label ("TLP:AMBER"), "" for none.
	TriagedAt string
	Case      evidence.Case
	TLP       string
	Stats     evidence.Stats
	Kinds     string
	Claim     evidence.Claim
	// Relation says the claimed organisation's relation to the owner in
	// words; CoOwners names the owners after the first.
	Relation     string
	CoOwners     []string
	VerdictClass string
	OwnerName    string
	Owners       []ownerView
	MoreOwners   int
	Candidates   []candidateView
	// SellerSays lists the organisations only the seller names (folder
	// and file names, a note about the sale, a wordmark cover).
	SellerSays   []echoView
	EvidenceOrgs []evidenceOrg
	Items        []itemView
	MoreItems    int
	Problems     []evidence.Problem
	Timeline     timelineView
	// Summary is the plain-language summary, two to four sentences;
	// Exposure what the package exposes (see buildExposure).
	Summary  []string
	Exposure *exposure
	// Hashes are the package's hashes, one line each.
	Hashes []kv
	// TLPClass is the stylesheet class of the TLP marking ("tlp-amber").
	TLPClass string
	// Redacted: personal data was masked (evidence.Redact).
	Redacted     bool
	TimelineRows []evidence.TimelineEvent
	MoreTimeline int
	// Library is what the case library knew of the package
	// (Report.Library), its strings escaped; nil without one.
	Library *evidence.LibraryReport
	Chart   *chart
	// Hidden names the kinds of hidden characters escaped anywhere in
	// the view ("bidi control, invalid UTF-8"), for a notice; "" for none.
	Hidden string

	hidden textsafe.Class
}

type packageView struct {
	Name   string
	Hidden string // kinds of hidden characters in the name, for a marker
	Size   int64
	Format string
	SHA256 string
	SHA1   string
	MD5    string
}

type ownerView struct {
	Org, Name  string
	Score      float64
	Confidence int // percent
	Bar        float64
	Evidence   int
	// Custody and Authorship count the pieces of evidence of each role.
	Custody    int
	Authorship int
}

// echoView is an organisation only the seller names, with where.
type echoView struct {
	Org, Name string
	Where     []string
}

// relationWords says a claim's relation in words.
var relationWords = map[string]string{
	"same":                  "the claimed organisation itself",
	"subsidiary_of_claimed": "a subsidiary of the claimed organisation",
	"parent_of_claimed":     "the parent of the claimed organisation",
	"counterparty":          "the claimed organisation is a counterparty in the owner's files",
	"unrelated":             "the owner's files do not name the claimed organisation",
}

// roleRank orders evidence as reports show it: custody, authorship, what
// the seller says, mentions (fingerprint.RoleRank).
func roleRank(role string) int { return fingerprint.RoleRank(fingerprint.Role(role)) }

type candidateView struct {
	Key      string
	Score    float64
	Evidence int
}

type evidenceOrg struct {
	Org, Name string
	Anchor    string
	// Groups are the evidence by role: custody, authorship, what the
	// seller says, then mentions (Collapsed).
	Groups []evidenceGroup
	// Claimed: this is the organisation the seller claimed.
	Claimed bool
	More    int
}

// evidenceGroup is an organisation's evidence of one role, by item.
type evidenceGroup struct {
	Role, Title string
	// Collapsed: mentions, shown folded and without screenshots: they
	// say why a name is in the files, not whose files they are.
	Collapsed bool
	Pieces    int
	Cards     []evidenceCard
}

// roleTitles head the groups of evidence.
var roleTitles = map[string]string{
	"custody":    "Custody: whose systems held the files",
	"authorship": "Authorship: who made the files",
	"claim_echo": "What the seller says: folder and file names, notes, covers (no evidence, weight 0)",
}

// evidenceCard is one item's evidence for one organisation.
type evidenceCard struct {
	Item    string
	Hidden  string // kinds of hidden characters in the item's path
	Rows    []evidenceRow
	Image   *imageView
	ImageAt string // anchor of the card that shows this item's image already
	Anchor  string
}

type evidenceRow struct {
	Signal, Role, Match string
	Weight              float64
	Snippet             *snippet
	FromOCR             bool
	Boxed               bool
	// SmallText: the item's OCR text is too small to trust as read
	// (problem ocr_small_text), so the match may be misread.
	SmallText bool
}

// snippet is a piece of text with one highlighted match.
type snippet struct {
	Before, Match, After string
}

type imageView struct {
	JPEG  []byte
	W, H  int
	Boxes []box
}

// box is a highlight in percent of the image.
type box struct {
	L, T, W, H float64
	Label      string
}

type itemView struct {
	Short       string // the path without the package name
	Hidden      string // kinds of hidden characters in the path, for a marker
	Kind, MIME  string
	ExtMismatch bool
	DeclaredExt string
	DetectedExt string
	Size        int64
	SizeText    string
	SHA256      string
	SHA1        string
	MD5         string
	Meta        []kv
	Problems    []evidence.Problem
	Anchor      string
	// DuplicateOf is the short path of the item whose content this one
	// repeats (Item.DuplicateOf), and DupAnchor that item's row, when the
	// table lists it.
	DuplicateOf string
	DupAnchor   string
}

type kv struct{ K, V string }

type timelineView struct {
	Findings  []evidence.TimelineFinding
	Events    int
	Truncated bool
}

// esc escapes s for the view (Escape), and notes what it escaped.
func (v *view) esc(s string) string {
	out := textsafe.Line(s)
	if len(out) != len(s) {
		v.hidden |= textsafe.Scan(s)
	}
	return out
}

// name escapes a name and says what it hid, for a marker beside it.
func (v *view) name(s string) (string, string) {
	return v.esc(s), textsafe.Scan(s).String()
}

func (v *view) problems(ps []evidence.Problem) []evidence.Problem {
	out := make([]evidence.Problem, len(ps))
	for i, p := range ps {
		out[i] = evidence.Problem{Code: v.esc(p.Code), Detail: v.esc(p.Detail), Path: v.esc(p.Path)}
	}
	return out
}

// buildView assembles the view of a report.
func buildView(rep *evidence.Report) *view {
	v := &view{
		Size:  humanBytes(rep.Package.Size),
		Stats: rep.Stats,
		Kinds: KindCounts(rep.Stats.ByKind),
	}
	pk := rep.Package
	v.Package = packageView{Size: pk.Size, Format: v.esc(pk.Format), SHA256: v.esc(pk.SHA256), SHA1: v.esc(pk.SHA1), MD5: v.esc(pk.MD5)}
	v.Package.Name, v.Package.Hidden = v.name(pk.Name)
	v.Title = "Triage of " + v.Package.Name
	v.TriagedAt = v.esc(rep.TriagedAt)
	v.Case = evidence.Case{ID: v.esc(rep.Case.ID), Analyst: v.esc(rep.Case.Analyst), TLP: evidence.TLP(v.esc(string(rep.Case.TLP)))}
	v.TLP = v.Case.TLP.Label()
	if v.TLP != "" {
		v.TLPClass = "tlp-" + strings.ToLower(strings.ReplaceAll(string(v.Case.TLP), "+", "-"))
	}
	for _, h := range []kv{{"sha256", pk.SHA256}, {"sha1", pk.SHA1}, {"md5", pk.MD5}} {
		if h.V != "" {
			v.Hashes = append(v.Hashes, kv{h.K, v.esc(h.V)})
		}
	}
	v.Tool = v.esc(rep.Tool.Name + " " + rep.Tool.Version)
	cl := rep.Claim
	v.Claim = evidence.Claim{Claimed: v.esc(cl.Claimed), ClaimedOrg: v.esc(cl.ClaimedOrg), ClaimedName: v.esc(cl.ClaimedName),
		Verdict: evidence.Verdict(v.esc(string(cl.Verdict))), Owner: v.esc(cl.Owner), OwnerName: v.esc(cl.OwnerName),
		Relation: v.esc(cl.Relation), Reason: v.esc(cl.Reason)}
	for _, f := range cl.Findings {
		v.Claim.Findings = append(v.Claim.Findings, evidence.ClaimFinding{Kind: v.esc(f.Kind), Detail: v.esc(f.Detail)})
	}
	if w, ok := relationWords[cl.Relation]; ok {
		v.Relation = w
	}
	for _, o := range cl.Owners {
		if o == cl.Owner {
			continue
		}
		name := o
		for _, r := range rep.Attribution.Ranking {
			if r.Org == o {
				name = r.Name
			}
		}
		v.CoOwners = append(v.CoOwners, v.esc(name))
	}
	v.Problems = v.problems(rep.Problems)
	switch rep.Claim.Verdict {
	case "supported":
		v.VerdictClass = "ok"
	case "contradicted":
		v.VerdictClass = "bad"
	default:
		v.VerdictClass = "unk"
	}
	ranking := rep.Attribution.Ranking
	owner := ""
	if len(ranking) > 0 {
		owner = ranking[0].Name
	}
	if rep.Claim.Owner != "" {
		for _, o := range ranking {
			if o.Org == rep.Claim.Owner {
				owner = o.Name
			}
		}
	}
	v.OwnerName = v.esc(owner)
	top := 0.0
	for _, o := range ranking {
		top = max(top, o.Score)
	}
	for i, o := range ranking {
		if i == MaxOwners {
			v.MoreOwners = len(ranking) - i
			break
		}
		ov := ownerView{Org: v.esc(o.Org), Name: v.esc(o.Name), Score: o.Score, Confidence: int(o.Confidence*100 + 0.5), Evidence: len(o.Evidence)}
		if top > 0 {
			ov.Bar = max(0.5, 100*o.Score/top)
		}
		for _, e := range o.Evidence {
			switch e.Role {
			case "custody":
				ov.Custody++
			case "authorship":
				ov.Authorship++
			}
		}
		v.Owners = append(v.Owners, ov)
	}
	for i, o := range rep.Attribution.ClaimEcho {
		if i == MaxOwners {
			break
		}
		ev := echoView{Org: v.esc(o.Org), Name: v.esc(o.Name)}
		for _, e := range o.Evidence {
			if e.Role == "claim_echo" && e.Signal != "more" && len(ev.Where) < MaxEvidence {
				where, _ := v.name(strings.TrimPrefix(e.Item, rep.Package.Name+"!/"))
				ev.Where = append(ev.Where, where)
			}
		}
		v.SellerSays = append(v.SellerSays, ev)
	}
	for i, c := range rep.Attribution.Candidates {
		if i == MaxOwners {
			break
		}
		v.Candidates = append(v.Candidates, candidateView{Key: v.esc(c.Key), Score: c.Score, Evidence: len(c.Evidence)})
	}

	items := map[string]*evidence.Item{}
	for i := range rep.Items {
		items[rep.Items[i].Path] = &rep.Items[i]
	}
	shown := map[string]string{} // item path → anchor of the card with its image
	for i, o := range ranking {
		if i >= MaxEvidenceOwners && o.Org != rep.Claim.Owner && !claimedIs(rep, o) {
			continue
		}
		v.EvidenceOrgs = append(v.EvidenceOrgs, v.evidenceFor(i, o, claimedIs(rep, o), items, shown))
	}

	prefix := rep.Package.Name + "!/"
	anchors := map[string]string{} // of the listed items that others copy
	for _, it := range rep.Items[:min(len(rep.Items), MaxItemRows)] {
		if it.DuplicateOf != "" {
			anchors[it.DuplicateOf] = ""
		}
	}
	for i, it := range rep.Items {
		if i == MaxItemRows {
			v.MoreItems = len(rep.Items) - i
			break
		}
		iv := itemView{Kind: v.esc(it.Kind), MIME: v.esc(it.MIME), ExtMismatch: it.ExtMismatch,
			DeclaredExt: v.esc(it.DeclaredExt), DetectedExt: v.esc(it.DetectedExt), Size: it.Size, SizeText: humanBytes(it.Size),
			SHA256: v.esc(it.SHA256), SHA1: v.esc(it.SHA1), MD5: v.esc(it.MD5),
			Meta: v.keyMetadata(it), Problems: v.problems(it.Problems), Anchor: fmt.Sprintf("item-%d", i)}
		iv.Short, iv.Hidden = v.name(strings.TrimPrefix(it.Path, prefix))
		if _, ok := anchors[it.Path]; ok {
			anchors[it.Path] = iv.Anchor
		}
		if it.DuplicateOf != "" {
			iv.DuplicateOf, _ = v.name(strings.TrimPrefix(it.DuplicateOf, prefix))
			iv.DupAnchor = anchors[it.DuplicateOf]
		}
		v.Items = append(v.Items, iv)
	}
	rows := map[string]string{} // item path → anchor of its row
	for i, it := range rep.Items[:min(len(rep.Items), MaxItemRows)] {
		rows[it.Path] = fmt.Sprintf("item-%d", i)
	}
	v.Exposure = v.buildExposure(rep, rows)
	v.Summary = v.summarySentences(rep, v.Exposure)
	v.Redacted = rep.Redacted()
	tl := rep.Timeline
	if lr := rep.Library; lr != nil {
		l := *lr
		l.Earlier = make([]evidence.EarlierPack, len(lr.Earlier))
		for i, e := range lr.Earlier {
			l.Earlier[i] = evidence.EarlierPack{SeenPack: evidence.SeenPack{Name: v.esc(e.Name), SHA256: v.esc(e.SHA256),
				TriagedAt: v.esc(e.TriagedAt), Claimed: v.esc(e.Claimed), ClaimedOrg: v.esc(e.ClaimedOrg), Owner: v.esc(e.Owner),
				OwnerName: v.esc(e.OwnerName), Verdict: evidence.Verdict(v.esc(string(e.Verdict))), Case: v.esc(e.Case)}, Items: e.Items, Exact: e.Exact}
		}
		v.Library = &l
	}
	v.Timeline = timelineView{Events: len(tl.Events), Truncated: tl.Truncated}
	for _, f := range tl.Findings {
		v.Timeline.Findings = append(v.Timeline.Findings, evidence.TimelineFinding{Kind: v.esc(f.Kind), Detail: v.esc(f.Detail)})
	}
	evs := tl.Events
	if len(evs) > MaxTimelineRows {
		evs, v.MoreTimeline = evs[:MaxTimelineRows], len(evs)-MaxTimelineRows
	}
	for _, e := range evs {
		v.TimelineRows = append(v.TimelineRows, evidence.TimelineEvent{Time: v.esc(e.Time), Zone: v.esc(e.Zone),
			Field: v.esc(e.Field), Source: v.esc(e.Source), Item: v.esc(e.Item), Note: v.esc(e.Note)})
	}
	v.Chart = v.buildChart(tl.Events)
	v.Hidden = v.hidden.String()
	return v
}

// claimedIs reports whether o is the organisation the seller claimed.
func claimedIs(rep *evidence.Report, o evidence.Owner) bool {
	if rep.Claim.ClaimedOrg != "" {
		return rep.Claim.ClaimedOrg == o.Org
	}
	c := strings.ToLower(strings.TrimSpace(rep.Claim.Claimed))
	return c != "" && (c == strings.ToLower(o.Org) || c == strings.ToLower(o.Name))
}

// evidenceFor groups an organisation's strongest evidence by role, then
// by item.
func (v *view) evidenceFor(rank int, o evidence.Owner, claimed bool, items map[string]*evidence.Item, shown map[string]string) evidenceOrg {
	eo := evidenceOrg{Org: v.esc(o.Org), Name: v.esc(o.Name), Anchor: fmt.Sprintf("org-%d", rank), Claimed: claimed}
	// Custody first, then authorship, then what the seller says, then
	// mentions; the strongest first within a role.
	evs := slices.Clone(o.Evidence)
	slices.SortStableFunc(evs, func(a, b evidence.Evidence) int {
		if c := cmp.Compare(roleRank(a.Role), roleRank(b.Role)); c != 0 {
			return c
		}
		return cmp.Compare(b.Weight, a.Weight)
	})
	if len(evs) > MaxEvidence {
		eo.More = len(evs) - MaxEvidence
		evs = evs[:MaxEvidence]
	}
	type key struct{ role, item string }
	byItem := map[key]int{}
	byRole := map[string]int{}
	for _, e := range evs {
		gi, ok := byRole[e.Role]
		if !ok {
			gi = len(eo.Groups)
			byRole[e.Role] = gi
			g := evidenceGroup{Role: v.esc(e.Role), Title: roleTitles[e.Role]}
			if e.Role == "mention" {
				g.Collapsed = true
				if claimed {
					g.Title = "Why the seller may have named " + eo.Name + ": the files mention it"
				} else {
					g.Title = "Mentions of " + eo.Name + ": names in the text, which weigh little"
				}
			}
			if g.Title == "" {
				g.Title = g.Role
			}
			eo.Groups = append(eo.Groups, g)
		}
		g := &eo.Groups[gi]
		g.Pieces++
		ci, ok := byItem[key{e.Role, e.Item}]
		if !ok {
			ci = len(g.Cards)
			byItem[key{e.Role, e.Item}] = ci
			card := evidenceCard{Anchor: fmt.Sprintf("%s-%d-%d", eo.Anchor, gi, ci)}
			card.Item, card.Hidden = v.name(e.Item)
			g.Cards = append(g.Cards, card)
		}
		card := &g.Cards[ci]
		row := evidenceRow{Signal: v.esc(e.Signal), Role: v.esc(e.Role), Match: v.esc(e.Match), Weight: e.Weight}
		it := items[e.Item]
		if it != nil {
			if sn := findSnippet(it.Text, e.Match); sn != nil {
				row.Snippet = &snippet{Before: v.esc(sn.Before), Match: v.esc(sn.Match), After: v.esc(sn.After)}
			}
			row.FromOCR = it.TextSource == evidence.TextFromOCR && row.Snippet != nil
			row.SmallText = row.FromOCR && smallText(it)
			// Screenshots for the evidence of ownership only: a
			// mention's thumbnail would look as weighty as custody.
			if it.Thumbnail != nil && it.OCR != nil && (e.Role == "custody" || e.Role == "authorship") {
				if bs := ocrBoxes(it, e.Match); len(bs) > 0 {
					for i := range bs {
						bs[i].Label = v.esc(bs[i].Label)
					}
					row.Boxed = true
					if at, done := shown[e.Item]; done && at != card.Anchor {
						card.ImageAt = at
					} else {
						if card.Image == nil {
							card.Image = &imageView{JPEG: it.Thumbnail.JPEG, W: it.Thumbnail.Width, H: it.Thumbnail.Height}
							shown[e.Item] = card.Anchor
						}
						card.Image.Boxes = append(card.Image.Boxes, bs...)
					}
				}
			}
		}
		card.Rows = append(card.Rows, row)
	}
	return eo
}

// findSnippet returns the text around the first occurrence of match, or
// nil when the text does not hold it.
func findSnippet(text, match string) *snippet {
	if text == "" || match == "" {
		return nil
	}
	i := strings.Index(text, match)
	n := len(match)
	if i < 0 {
		lt, lm := strings.ToLower(text), strings.ToLower(match)
		if len(lt) != len(text) || len(lm) != len(match) {
			return nil
		}
		if i = strings.Index(lt, lm); i < 0 {
			return nil
		}
	}
	before, after := text[:i], text[i+n:]
	if r := []rune(before); len(r) > snippetContext {
		before = "…" + string(r[len(r)-snippetContext:])
	}
	if r := []rune(after); len(r) > snippetContext {
		after = string(r[:snippetContext]) + "…"
	}
	return &snippet{Before: oneLine(before), Match: text[i : i+n], After: oneLine(after)}
}

// oneLine folds line breaks into spaces.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// ocrBoxes finds the run of consecutive OCR words that holds match
// (spaces ignored, case folded) and returns its boxes in percent of the
// image, one per word.
func ocrBoxes(it *evidence.Item, match string) []box {
	want := foldKey(match)
	if want == "" {
		return nil
	}
	ws := it.OCR.Words
	th := it.Thumbnail
	for i := range ws {
		if ws[i].Page > 1 {
			continue // a thumbnail shows an image or a PDF's first page
		}
		var sb strings.Builder
		for j := i; j < len(ws) && j < i+maxOCRWindow; j++ {
			sb.WriteString(foldKey(ws[j].Text))
			if !strings.Contains(sb.String(), want) {
				continue
			}
			// Shrink from the left while the run still holds the match.
			start := i
			for start < j && strings.Contains(joinFold(ws[start+1:j+1]), want) {
				start++
			}
			var out []box
			for _, w := range ws[start : j+1] {
				out = append(out, toBox(w, th))
			}
			return out
		}
	}
	return nil
}

func joinFold(ws []evidence.OCRWord) string {
	var sb strings.Builder
	for _, w := range ws {
		sb.WriteString(foldKey(w.Text))
	}
	return sb.String()
}

// foldKey lowers case and drops spaces, for matching OCR words.
func foldKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "")
}

// toBox maps a word's box in image pixels to percent of the thumbnail.
func toBox(w evidence.OCRWord, th *evidence.Thumbnail) box {
	fw, fh := float64(th.Width), float64(th.Height)
	s := th.Scale
	pct := func(v, total float64) float64 { return clamp(round1(100*v/total), 0, 100) }
	return box{
		L: pct(float64(w.Box[0])*s, fw), T: pct(float64(w.Box[1])*s, fh),
		W: pct(float64(w.Box[2])*s, fw), H: pct(float64(w.Box[3])*s, fh),
		Label: w.Text,
	}
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

func clamp(f, lo, hi float64) float64 { return min(max(f, lo), hi) }

// keyMetadata lists the metadata fields an analyst scans for.
func (v *view) keyMetadata(it evidence.Item) []kv {
	md := it.Metadata
	var out []kv
	add := func(k, s string) {
		if s != "" {
			out = append(out, kv{k, v.esc(s)})
		}
	}
	add("authors", strings.Join(md.Authors, ", "))
	add("last modified by", md.LastModifiedBy)
	add("organisation", md.Organisation)
	add("software", md.Software)
	add("title", md.Title)
	add("created", md.Created)
	add("modified", md.Modified)
	add("zone", md.TZOffset)
	add("camera", md.Camera)
	if md.GPS != nil {
		add("gps", fmt.Sprintf("%.6f, %.6f", md.GPS.Lat, md.GPS.Lon))
	}
	if len(md.Hosts) > 0 {
		add("hosts", strings.Join(firstN(md.Hosts, 5), ", "))
	}
	if len(md.Emails) > 0 {
		add("e-mail addresses", strings.Join(firstN(md.Emails, 5), ", "))
	}
	if len(md.URLs) > 0 {
		add("urls", strings.Join(firstN(md.URLs, 5), ", "))
	}
	if len(md.MessageIDs) > 0 {
		add("message-ids", strings.Join(firstN(md.MessageIDs, 3), ", "))
	}
	if len(md.Paths) > 0 {
		add("paths", strings.Join(firstN(md.Paths, 5), ", "))
	}
	if it.OCR != nil {
		add("ocr", ocrDetails(&it))
	}
	return out
}

// ocrDetails describes the OCR of an item in one line: words,
// confidence, languages, the text's size, and, for text too small to
// trust (problem ocr_small_text), a warning. "" for an item not read by
// OCR.
func ocrDetails(it *evidence.Item) string {
	o := it.OCR
	if o == nil {
		return ""
	}
	s := fmt.Sprintf("%s, confidence %.0f, %s", Plural(len(o.Words), "word", "words"), o.Confidence, o.Lang)
	if o.TextPx > 0 {
		s += fmt.Sprintf(", text %d px", o.TextPx)
	}
	if smallText(it) {
		s += fmt.Sprintf("; SMALL TEXT: %.0f%% of the characters in lines at most %d px high, names and identifiers may be misread", 100*o.SmallTextShare, ocr.SmallTextPx)
	}
	return s
}

// smallText reports an item whose OCR text is too small to trust.
func smallText(it *evidence.Item) bool {
	for _, p := range it.Problems {
		if p.Code == evidence.ProblemOCRSmallText {
			return true
		}
	}
	return false
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(slices.Clone(s[:n]), fmt.Sprintf("… %d more", len(s)-n))
	}
	return s
}

// KindCounts says the item counts per kind in words, in a fixed order:
// "5 images, 2 PDFs, 1 e-mail".
func KindCounts(by map[string]int) string {
	var parts []string
	for _, k := range []string{"image", "document", "spreadsheet", "presentation", "pdf", "email", "archive", "text", "other"} {
		if n := by[k]; n > 0 {
			parts = append(parts, kindNoun(k, n))
		}
	}
	return strings.Join(parts, ", ")
}

// humanBytes renders a byte count with a binary unit.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// chart is the timeline drawn as SVG: one row per field.
type chart struct {
	W, H    int
	Rows    []chartRow
	Ticks   []chartTick
	Points  []chartPoint
	Sampled int // events not drawn
	Left    int
}

type chartRow struct {
	Y     int
	Label string
}

type chartTick struct {
	X     float64
	Label string
}

type chartPoint struct {
	X     float64
	Y     int
	Class string
	Title string
}

var chartFields = []string{
	evidence.FieldArchived, evidence.FieldCreated, evidence.FieldModified, evidence.FieldPrinted,
	evidence.FieldCaptured, evidence.FieldSent, evidence.FieldReceived,
}

// buildChart lays the events out on a time axis; nil without events.
func (v *view) buildChart(evs []evidence.TimelineEvent) *chart {
	if len(evs) == 0 {
		return nil
	}
	const left, width, rowH = 90, 1000, 22
	c := &chart{W: width, Left: left}
	rowOf := map[string]int{}
	for _, f := range chartFields {
		for _, e := range evs {
			if e.Field == f {
				rowOf[f] = len(c.Rows)
				c.Rows = append(c.Rows, chartRow{Y: 20 + len(c.Rows)*rowH, Label: f})
				break
			}
		}
	}
	c.H = 20 + len(c.Rows)*rowH + 24
	first, _ := evs[0].Instant()
	last, _ := evs[len(evs)-1].Instant()
	for _, e := range evs {
		t, _ := e.Instant()
		if t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	span := last.Sub(first)
	if span <= 0 {
		span = time.Hour
		first = first.Add(-span / 2)
	}
	plot := float64(width - left - 20)
	xOf := func(t time.Time) float64 {
		return round1(float64(left) + plot*float64(t.Sub(first))/float64(span))
	}
	for i := 0; i <= 4; i++ {
		t := first.Add(time.Duration(float64(span) * float64(i) / 4))
		c.Ticks = append(c.Ticks, chartTick{X: xOf(t), Label: t.UTC().Format("2006-01-02")})
	}
	step := 1
	if len(evs) > MaxChartPoints {
		step = (len(evs) + MaxChartPoints - 1) / MaxChartPoints
	}
	for i := 0; i < len(evs); i += step {
		e := evs[i]
		r, ok := rowOf[e.Field]
		if !ok {
			continue
		}
		t, zoned := e.Instant()
		class := "pt"
		if !zoned {
			class = "pt nozone"
		}
		c.Points = append(c.Points, chartPoint{X: xOf(t), Y: c.Rows[r].Y, Class: class,
			Title: v.esc(fmt.Sprintf("%s %s %s (%s)", e.Time, e.Field, shortName(e.Item), e.Source))})
	}
	c.Sampled = len(evs) - len(c.Points)
	return c
}

// shortName returns the last path step of an item, for tooltips.
func shortName(p string) string {
	if i := strings.LastIndexAny(p, "/\\"); i >= 0 && i+1 < len(p) {
		p = p[i+1:]
	}
	if utf8.RuneCountInString(p) > 60 {
		p = string([]rune(p)[:60]) + "…"
	}
	return p
}
