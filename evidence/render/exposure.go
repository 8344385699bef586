package render

import (
	"cmp"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/proofpack/proofpack/evidence"
)

// Bounds of the Exposure section.
const (
	// MaxExposure is the most entries of each Exposure list (hosts,
	// shares, URLs, people, addresses); the rest are counted.
	MaxExposure = 30
	// maxExposureItems is the most items named beside one entry.
	maxExposureItems = 3
)

// Plural writes a count with its noun, singular for one ("1 piece",
// "2 pieces", "0 pieces").
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// exposure is what the package exposes, aggregated over its items, for
// whoever scopes the incident: the hosts (internal names first), shares,
// URLs (intranet first), people, mail and postal addresses (Japanese:
// 〒 and its line), the content's dates and the items by kind.
type exposure struct {
	Lists []exposureList
	// From and To are the first and last content dates of the timeline
	// (archive times left out), "" when it has none.
	From, To string
	Kinds    []kindCount
	// Masked: the report was redacted, people's names are masked.
	Masked bool
}

type exposureList struct {
	ID, Title string
	Entries   []exposed
	More      int
}

// exposed is one value and the items it came from.
type exposed struct {
	Value    string
	Internal bool
	Items    []itemRef
	More     int
	count    int
	first    int
}

type itemRef struct {
	Name   string // the last step of the path
	Anchor string // of the item's row, "" when the table leaves it out
}

type kindCount struct {
	Kind string
	N    int
}

// kindNouns names each kind of item, singular and plural.
var kindNouns = map[string][2]string{
	"image": {"image", "images"}, "document": {"document", "documents"}, "spreadsheet": {"spreadsheet", "spreadsheets"},
	"presentation": {"presentation", "presentations"}, "pdf": {"PDF", "PDFs"}, "email": {"e-mail", "e-mails"},
	"archive": {"archive", "archives"}, "text": {"text file", "text files"}, "other": {"other file", "other files"},
}

var kindOrder = []string{"image", "document", "spreadsheet", "presentation", "pdf", "email", "archive", "text", "other"}

// kindNoun says n items of a kind in words ("1 image", "3 PDFs").
func kindNoun(kind string, n int) string {
	w, ok := kindNouns[kind]
	if !ok {
		return Plural(n, kind, kind)
	}
	return Plural(n, w[0], w[1])
}

// collector gathers the values of one list, deduplicated.
type collector struct {
	byKey map[string]*exposed
	order int
}

func (c *collector) add(value string, internal bool, ref itemRef, key string) {
	if value == "" {
		return
	}
	if c.byKey == nil {
		c.byKey = map[string]*exposed{}
	}
	e := c.byKey[key]
	if e == nil {
		if len(c.byKey) >= 100*MaxExposure {
			return // a bound on the work, far past what is shown
		}
		e = &exposed{Value: value, Internal: internal, first: c.order}
		c.order++
		c.byKey[key] = e
	}
	if slices.Contains(e.Items, ref) {
		return
	}
	e.count++
	if len(e.Items) < maxExposureItems {
		e.Items = append(e.Items, ref)
	} else {
		e.More++
	}
}

// list returns the entries, internal first, then those in the most
// items, then in the order seen; at most MaxExposure.
func (c *collector) list(id, title string) exposureList {
	l := exposureList{ID: id, Title: title}
	for _, e := range c.byKey {
		l.Entries = append(l.Entries, *e)
	}
	slices.SortFunc(l.Entries, func(a, b exposed) int {
		if a.Internal != b.Internal {
			if a.Internal {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	if len(l.Entries) > MaxExposure {
		l.More = len(l.Entries) - MaxExposure
		l.Entries = l.Entries[:MaxExposure]
	}
	return l
}

// Shapes of what the text exposes; at most maxTextMatches of each per
// item are read.
var (
	uncText   = regexp.MustCompile(`\\\\[A-Za-z0-9][A-Za-z0-9.\-]*\\[^\\\s"'<>|:*?]+`)
	urlText   = regexp.MustCompile(`(?i)\b(?:https?|ftp|smb|file)://[^\s"'<>]+`)
	hostText  = regexp.MustCompile(`(?i)\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+\b`)
	emailText = regexp.MustCompile(`[A-Za-z0-9._%+\-*]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)
	// A Japanese postal address: 〒, the code and the rest of its line.
	postalText = regexp.MustCompile(`〒\s?\d{3}-?\d{4}[^\n\r]{0,60}`)
)

const maxTextMatches = 1000

// maxExposureText is the text of one item read for Exposure: the first
// MiB, so that a report of many large texts renders in bounded time
// (a report holds at most Limits.MaxReportText of text in all).
const maxExposureText = 1 << 20

// internalTLDs are top-level labels of private networks.
var internalTLDs = []string{"local", "lan", "corp", "internal", "intranet", "intra", "home", "localdomain", "ad", "private", "example"}

// internalHost reports whether a host name is internal: a private
// top-level label (tfs01.example.local), an intranet label
// (portal.intra.example.co.jp), a single label (tsap01) or a private
// address.
func internalHost(h string) bool {
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsPrivate() || ip.IsLoopback()
	}
	labels := strings.Split(h, ".")
	if len(labels) == 1 {
		return true
	}
	if slices.Contains(internalTLDs, labels[len(labels)-1]) {
		return true
	}
	for _, l := range labels[:len(labels)-1] {
		if l == "intra" || l == "intranet" || l == "internal" || l == "corp" {
			return true
		}
	}
	return false
}

// shareOf returns the \\host\share of a UNC path, "" for another path.
func shareOf(p string) string {
	p = strings.ReplaceAll(p, "/", `\`)
	if !strings.HasPrefix(p, `\\`) {
		return ""
	}
	parts := strings.SplitN(p[2:], `\`, 3)
	if len(parts) < 2 {
		return ""
	}
	parts[1] = strings.TrimRight(parts[1], ").,;:]」）")
	if parts[0] == "" || !strings.ContainsFunc(parts[1], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return ""
	}
	return `\\` + parts[0] + `\` + parts[1]
}

// buildExposure aggregates the items' metadata and the evidence matched
// in their text and OCR. anchors maps an item's path to its row.
func (v *view) buildExposure(rep *evidence.Report, anchors map[string]string) *exposure {
	var hosts, shares, urls, people, emails, postal collector
	x := &exposure{Masked: rep.Redacted()}
	ref := func(path string) itemRef {
		name, _ := v.name(shortName(path))
		return itemRef{Name: name, Anchor: anchors[path]}
	}
	addHost := func(h, path string) {
		h = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(h), "."))
		if h == "" || strings.ContainsAny(h, " /\\@") {
			return
		}
		hosts.add(v.esc(h), internalHost(h), ref(path), h)
	}
	addURL := func(u, path string) {
		pu, err := url.Parse(u)
		if err != nil || pu.Host == "" {
			return
		}
		in := internalHost(pu.Hostname())
		urls.add(v.esc(u), in, ref(path), u)
		addHost(pu.Hostname(), path)
	}
	addShare := func(p, path string) {
		s := shareOf(p)
		if s == "" {
			return
		}
		host := strings.SplitN(s[2:], `\`, 2)[0]
		shares.add(v.esc(s), internalHost(host), ref(path), strings.ToLower(s))
		addHost(host, path)
	}
	addEmail := func(e, path string) {
		e = strings.TrimSpace(strings.Trim(e, "<>"))
		at := strings.LastIndexByte(e, '@')
		if at <= 0 || at == len(e)-1 || strings.ContainsAny(e, " \t\n") {
			return
		}
		e = e[:at] + strings.ToLower(e[at:])
		emails.add(v.esc(e), internalHost(e[at+1:]), ref(path), e)
	}
	addPerson := func(p, path string) {
		p = strings.TrimSpace(p)
		if i := strings.IndexByte(p, '<'); i > 0 && strings.Contains(p[i:], "@") {
			p = strings.TrimSpace(p[:i]) // "Name <address>"
		}
		if p == "" || strings.Contains(p, "@") || p == evidence.DefaultRedactMask {
			return
		}
		// OCR drops the space between a family and a given name
		// (中村浩二): one person, shown with the space when any item
		// has it.
		key := strings.ToLower(strings.Join(strings.Fields(p), ""))
		people.add(v.esc(p), false, ref(path), key)
		if e := people.byKey[key]; e != nil && !strings.Contains(e.Value, " ") && strings.Contains(p, " ") {
			e.Value = v.esc(p)
		}
	}
	for i := range rep.Items {
		it := &rep.Items[i]
		md := &it.Metadata
		for _, h := range md.Hosts {
			addHost(h, it.Path)
		}
		for _, u := range md.URLs {
			addURL(u, it.Path)
		}
		for _, p := range md.Paths {
			addShare(p, it.Path)
		}
		for _, e := range md.Emails {
			addEmail(e, it.Path)
		}
		for _, a := range md.Authors {
			addPerson(a, it.Path)
		}
		addPerson(md.LastModifiedBy, it.Path)
	}
	var orgWords []string
	for _, o := range slices.Concat(rep.Attribution.Ranking, rep.Attribution.ClaimEcho) {
		orgWords = append(orgWords, o.Org, o.Name)
	}
	for _, c := range rep.Attribution.Candidates {
		orgWords = append(orgWords, c.Key)
	}
	orgWords = append(orgWords, rep.Claim.Claimed)
	// What the text and OCR hold: host names of private networks, UNC
	// shares, URLs, mail addresses and labelled names.
	for i := range rep.Items {
		it := &rep.Items[i]
		text := it.Text
		if text == "" {
			continue
		}
		if len(text) > maxExposureText {
			text = text[:maxExposureText] // a cut character only ends a match early
		}
		for _, m := range uncText.FindAllString(text, maxTextMatches) {
			addShare(m, it.Path)
		}
		for _, m := range urlText.FindAllString(text, maxTextMatches) {
			addURL(strings.TrimRight(m, ".,;:)"), it.Path)
		}
		for _, m := range hostText.FindAllString(text, maxTextMatches) {
			if internalHost(m) {
				addHost(m, it.Path)
			}
		}
		for _, m := range emailText.FindAllString(text, maxTextMatches) {
			addEmail(m, it.Path)
		}
		for _, m := range postalText.FindAllString(text, maxTextMatches) {
			m = strings.TrimSpace(m)
			postal.add(v.esc(m), false, ref(it.Path), strings.Join(strings.Fields(m), " "))
		}
		if !x.Masked {
			cut := *it
			cut.Text = text
			for _, n := range evidence.PeopleNamed(&cut, orgWords...) {
				addPerson(n, it.Path)
			}
		}
	}
	// What attribution matched in text and OCR, by its shape.
	for _, o := range slices.Concat(rep.Attribution.Ranking, rep.Attribution.ClaimEcho) {
		for _, e := range o.Evidence {
			if e.Role == "claim_echo" || e.Signal == "more" {
				continue
			}
			m := strings.TrimSpace(e.Match)
			switch {
			case strings.Contains(m, "://"):
				addURL(m, e.Item)
			case strings.HasPrefix(m, `\\`) || strings.HasPrefix(m, "//"):
				addShare(m, e.Item)
			case strings.Contains(m, "@") && !strings.ContainsAny(m, " \t"):
				addEmail(m, e.Item)
			case strings.Count(m, ".") >= 1 && !strings.ContainsAny(m, " \t\\/:@") && strings.Contains(strings.ToLower(e.Signal), "host"):
				addHost(m, e.Item)
			}
		}
	}
	for _, l := range []exposureList{
		hosts.list("exposure-hosts", "Hosts"),
		shares.list("exposure-shares", "Shares"),
		urls.list("exposure-urls", "URLs"),
		people.list("exposure-people", "People"),
		emails.list("exposure-emails", "E-mail addresses"),
		postal.list("exposure-postal", "Postal addresses"),
	} {
		x.Lists = append(x.Lists, l)
	}
	x.From, x.To = contentRange(rep.Timeline.Events)
	for _, k := range kindOrder {
		if n := rep.Stats.ByKind[k]; n > 0 {
			x.Kinds = append(x.Kinds, kindCount{Kind: kindNoun(k, n), N: n})
		}
	}
	return x
}

// contentRange returns the first and last dates of the content: the
// timeline's events but the archive's own times.
func contentRange(evs []evidence.TimelineEvent) (string, string) {
	var first, last time.Time
	for _, e := range evs {
		if e.Field == evidence.FieldArchived {
			continue
		}
		t, _ := e.Instant()
		if t.IsZero() {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if first.IsZero() {
		return "", ""
	}
	return first.UTC().Format("2006-01-02"), last.UTC().Format("2006-01-02")
}

// Count returns the entries of a list, shown and not.
func (l exposureList) Count() int { return len(l.Entries) + l.More }

// recycledPhrase says, after a sentence, that most files of the package
// were published before in one pack of the case library; "" when not.
func recycledPhrase(v *view, rep *evidence.Report) string {
	l := rep.Library
	if l == nil || len(l.Earlier) == 0 || float64(l.Earlier[0].Items) <= evidence.RecycledShare*float64(l.Files) {
		return ""
	}
	e := l.Earlier[0]
	return fmt.Sprintf(" Most of its files (%d of %d) were published before, in %s, triaged on %s.", e.Items, l.Files, v.esc(e.Name), v.esc(day10(e.TriagedAt)))
}

// day10 is the date of an RFC 3339 time.
func day10(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}

// summarySentences writes the plain-language summary: whose data it is
// and how sure, what the seller claimed and whether it holds, and how
// much is exposed. Every value is escaped already (it comes from v).
func (v *view) summarySentences(rep *evidence.Report, x *exposure) []string {
	var out []string
	cl := rep.Claim
	var owner *evidence.Owner
	for i, o := range rep.Attribution.Ranking {
		if o.Org == cl.Owner || (cl.Owner == "" && i == 0 && o.Custody > 0) {
			owner = &rep.Attribution.Ranking[i]
			break
		}
	}
	if owner == nil {
		out = append(out, "No organisation of the catalogue could be shown to have held these files: no custody evidence points to one.")
	} else {
		how := "possibly"
		switch {
		case owner.Confidence >= 0.9:
			how = "almost certainly"
		case owner.Confidence >= 0.7:
			how = "probably"
		}
		s := fmt.Sprintf("The data %s comes from the systems of %s (confidence %d%%): custody evidence in %s",
			how, v.esc(owner.Name), int(owner.Confidence*100+0.5), Plural(owner.CustodyItems, "item", "items"))
		if owner.AuthorshipItems > 0 {
			s += fmt.Sprintf(", and authorship in %s more", Plural(owner.AuthorshipItems, "item", "items"))
		}
		s += "."
		if len(v.CoOwners) > 0 {
			s += " It also holds data of " + strings.Join(v.CoOwners, ", ") + "."
		}
		out = append(out, s)
	}
	if cl.Claimed != "" {
		claimed := `"` + v.esc(cl.Claimed) + `"`
		if cl.ClaimedName != "" {
			claimed += " (" + v.esc(cl.ClaimedName) + ")"
		}
		s := "The seller says it is the data of " + claimed + "; "
		switch cl.Verdict {
		case evidence.VerdictSupported:
			s += "that holds: the claimed organisation itself held it."
		case evidence.VerdictContradicted:
			s += "that does not hold"
			if w, ok := relationWords[cl.Relation]; ok && cl.Relation != "same" {
				s += ": " + w
			}
			s += "."
		default:
			s += "the evidence neither supports nor contradicts it."
		}
		if cl.Basis == evidence.BasisEarlierTriage {
			s = strings.TrimSuffix(s, ".") + ", on the owner an earlier triage found (" + v.esc(cl.EarlierOwnerName) + ")."
		}
		out = append(out, s+recycledPhrase(v, rep))
	} else if r := recycledPhrase(v, rep); r != "" {
		out = append(out, "No claim of the seller was given to judge."+r)
	} else {
		out = append(out, "No claim of the seller was given to judge.")
	}
	var parts []string
	for _, l := range x.Lists {
		if n := l.Count(); n > 0 {
			switch l.ID {
			case "exposure-hosts":
				in := 0
				for _, e := range l.Entries {
					if e.Internal {
						in++
					}
				}
				parts = append(parts, Plural(n, "host name", "host names")+fmt.Sprintf(" (%d internal)", in))
			case "exposure-shares":
				parts = append(parts, Plural(n, "file share", "file shares"))
			case "exposure-urls":
				parts = append(parts, Plural(n, "URL", "URLs"))
			case "exposure-people":
				parts = append(parts, Plural(n, "person named", "people named"))
			case "exposure-emails":
				parts = append(parts, Plural(n, "e-mail address", "e-mail addresses"))
			case "exposure-postal":
				parts = append(parts, Plural(n, "postal address", "postal addresses"))
			}
		}
	}
	s := fmt.Sprintf("The pack holds %s (%s)", Plural(rep.Stats.Items, "file", "files"), humanBytes(rep.Package.Size))
	if len(parts) > 0 {
		s += " exposing " + joinAnd(parts)
	}
	if x.From != "" {
		if x.From == x.To {
			s += ", its content dated " + x.From
		} else {
			s += ", its content dated " + x.From + " to " + x.To
		}
	}
	out = append(out, s+".")
	return out
}

// joinAnd joins words as a list is written: "a, b and c".
func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
