package meta

import (
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of Harvest: values are scanned up to maxHarvestValue bytes
// each and maxHarvestTotal bytes in all, and each list (Hosts, Emails,
// MessageIDs, URLs, Paths) is cut at maxHarvested entries.
const (
	maxHarvestValue = 64 << 10
	maxHarvestTotal = 4 << 20
	maxHarvested    = 1000
)

var (
	reEmail = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	reURL   = regexp.MustCompile(`(?i)\b(?:https?|ftp|file|smb)://[^\s"'<>\x60]+`)
	// \\server\share\… and //server/share/…
	reUNC = regexp.MustCompile(`(?:\\\\|//)[A-Za-z0-9][A-Za-z0-9._$\-]*[\\/][^\s"'<>|*?]*`)
	// C:\Users\name\…, C:\Documents and Settings\name\…, /Users/name/…, /home/name/…
	reHome = regexp.MustCompile(`(?i)(?:\b[A-Z]:\\(?:Users|Documents and Settings)\\[^\\"'<>|*?\r\n]+(?:\\[^"'<>|*?\r\n]*)?|(?:^|[\s"'(=])/(?:Users|home)/[A-Za-z0-9._\-]+(?:/[^\s"'<>]*)?)`)
)

// namespaceHosts serve XML namespaces and schemas. They appear in every
// Office and XMP file and say nothing about who made it.
var namespaceHosts = map[string]bool{
	"schemas.openxmlformats.org": true, "schemas.microsoft.com": true, "purl.org": true,
	"www.w3.org": true, "ns.adobe.com": true, "www.openoffice.org": true, "openoffice.org": true,
	"docs.oasis-open.org": true, "iptc.org": true, "ns.useplus.org": true,
}

// Harvest sorts what the values of m name into its lists, each value in
// one list by what it is:
//
//   - Emails: e-mail addresses (local@domain) found in any value, and
//     those the extractor gave (the address headers of mail); the domain
//     is lower-cased, the local part kept as written, and the domain also
//     goes into Hosts, so that a reader of Hosts alone still sees it. The
//     user part of a URL ("ftp://user@host/") is not an address;
//   - MessageIDs: only what the extractor gave (Message-ID, In-Reply-To
//     and References of mail), without angle brackets. What looks like
//     an address inside one of them is not taken for an address, in
//     whatever value it is met, and neither is an address equal to one.
//     The host after its "@" goes into Hosts only when something else
//     names it: it is whatever the program that wrote the message chose
//     (mail.gmail.com, *.prod.outlook.com, the sender's own machine, a
//     random string), written by the sender, not a host the message
//     passed through or its holder used;
//   - URLs: absolute http, https, ftp, file and smb URLs as written
//     (trailing punctuation left out), with their host into Hosts; those
//     of XML namespace hosts are left out;
//   - Hosts: host names and domains, lower-case, without port, user or
//     trailing dot: those the extractor gave (the Received chain of mail,
//     the links of HTML), of URLs, of UNC paths, and of addresses;
//   - Paths: UNC and home-directory paths.
//
// Values are scanned from Authors, LastModifiedBy, Organisation,
// Software, Title, Camera and every string of Raw (its keys in sorted
// order); body text is not: attribution reads it whole, and an address
// in a document's text names someone the document mentions, not its
// maker or holder. Each list is unique, in the order its values were
// first seen, and Harvest may be run again on its own output.
//
// Each value is scanned up to its first 64 KiB, and all of them up to 4
// MiB; each list is cut at 1000 entries, and a list cut, or values left
// unscanned, return an error wrapping ErrLimit that names them.
func Harvest(m *Metadata) error {
	h := harvester{hosts: harvestList{name: "hosts"}, emails: harvestList{name: "emails"},
		ids: harvestList{name: "message_ids"}, urls: harvestList{name: "urls"}, paths: harvestList{name: "paths"}}
	for _, s := range m.MessageIDs {
		h.addMessageID(s)
	}
	for _, s := range m.Hosts {
		h.addHost(s)
	}
	for _, s := range m.Emails {
		h.addEmail(s)
	}
	for _, s := range m.URLs {
		h.addURL(s)
	}
	for _, s := range m.Paths {
		h.paths.add(s)
	}
	for _, s := range m.Authors {
		h.scan(s)
	}
	for _, s := range []string{m.LastModifiedBy, m.Organisation, m.Software, m.Title, m.Camera} {
		h.scan(s)
	}
	h.walk(m.Raw, 0)
	m.Hosts, m.Emails, m.MessageIDs, m.URLs, m.Paths = h.hosts.list, h.emails.list, h.ids.list, h.urls.list, h.paths.list
	return h.err()
}

// harvestList is one list of Harvest: unique values in the order added,
// at most maxHarvested of them.
type harvestList struct {
	name string
	list []string
	seen map[string]bool // the values of list, once it is longer than harvestListScan
	cut  bool
}

// harvestListScan is how long a list is looked through before a map
// is made for it: most lists are a handful of values, and looking
// through them costs less than the map.
const harvestListScan = 32

// add appends s unless it is there already or the list is full.
func (l *harvestList) add(s string) {
	if s == "" || l.has(s) {
		return
	}
	if len(l.list) >= maxHarvested {
		l.cut = true
		return
	}
	l.list = append(l.list, s)
	switch {
	case l.seen != nil:
		l.seen[s] = true
	case len(l.list) > harvestListScan:
		l.seen = make(map[string]bool, 2*len(l.list))
		for _, v := range l.list {
			l.seen[v] = true
		}
	}
}

// has reports whether s is in the list.
func (l *harvestList) has(s string) bool {
	if l.seen != nil {
		return l.seen[s]
	}
	return slices.Contains(l.list, s)
}

type harvester struct {
	hosts, emails, ids, urls, paths harvestList
	// idAddrs are the matches of reEmail inside MessageIDs: a value
	// that holds a Message-ID gives them, and they are not addresses.
	idAddrs map[string]bool
	// idEmails are the MessageIDs that look like addresses, as
	// cleanEmail writes them: never in Emails.
	idEmails  map[string]bool
	scanned   int
	unscanned bool // values left unscanned past maxHarvestTotal
}

// err says which lists were cut and whether values were left unscanned.
func (h *harvester) err() error {
	var cut []string
	for _, l := range []*harvestList{&h.hosts, &h.emails, &h.ids, &h.urls, &h.paths} {
		if l.cut {
			cut = append(cut, l.name)
		}
	}
	switch {
	case len(cut) > 0 && h.unscanned:
		return fmt.Errorf("%w: %s cut at %d entries, and values past %d bytes not scanned for hosts", ErrLimit,
			strings.Join(cut, ", "), maxHarvested, maxHarvestTotal)
	case len(cut) > 0:
		return fmt.Errorf("%w: %s cut at %d entries", ErrLimit, strings.Join(cut, ", "), maxHarvested)
	case h.unscanned:
		return fmt.Errorf("%w: values past %d bytes not scanned for hosts", ErrLimit, maxHarvestTotal)
	}
	return nil
}

// walk scans the strings of a raw record tree, the keys of a map in
// sorted order so that the lists come out in the same order every time.
func (h *harvester) walk(v any, depth int) {
	if depth > 16 {
		return
	}
	switch x := v.(type) {
	case string:
		h.scan(x)
	case []string:
		for _, s := range x {
			h.scan(s)
		}
	case []any:
		for _, e := range x {
			h.walk(e, depth+1)
		}
	case map[string]any:
		for _, k := range sortedMapKeys(x) {
			h.walk(x[k], depth+1)
		}
	case map[string]string:
		for _, k := range sortedMapKeys(x) {
			h.scan(x[k])
		}
	}
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (h *harvester) scan(s string) {
	if s == "" {
		return
	}
	if h.scanned > maxHarvestTotal {
		h.unscanned = true
		return
	}
	if len(s) > maxHarvestValue {
		s = CutText(s, maxHarvestValue)
	}
	h.scanned += len(s)
	// Cheap tests first: most values (names, titles, numbers) hold none of
	// the patterns, and the regular expressions cost far more than these.
	if strings.IndexByte(s, '@') >= 0 {
		for _, loc := range reEmail.FindAllStringIndex(s, -1) {
			if e := s[loc[0]:loc[1]]; !h.idAddrs[e] && !urlUser(s, loc[0]) {
				h.addEmail(e)
			}
		}
	}
	hasSlashes := strings.Contains(s, "//") || strings.Contains(s, `\\`)
	if hasSlashes && strings.Contains(s, "://") {
		for _, u := range reURL.FindAllString(s, -1) {
			h.addURL(u)
		}
	}
	if hasSlashes {
		h.scanUNC(s)
	}
	if strings.Contains(s, `:\`) || strings.IndexByte(s, '/') >= 0 {
		for _, p := range reHome.FindAllString(s, -1) {
			h.paths.add(strings.TrimLeft(strings.TrimRight(p, ".,;:)]}"), " \t\"'(="))
		}
	}
}

// maxURLUser bounds how far back from an address urlUser looks for the
// scheme of a URL: no user part of a real URL is longer.
const maxURLUser = 256

// urlUser reports whether what looks like an address at s[i:] is the
// user part of a URL ("ftp://user:password@host/"): a user name on that
// host, not a mailbox. The URL itself is harvested as one.
func urlUser(s string, i int) bool {
	pre := s[max(0, i-maxURLUser):i]
	pre = pre[strings.LastIndexAny(pre, " \t\r\n\"'<>")+1:]
	k := strings.LastIndex(pre, "://")
	return k >= 0 && !strings.ContainsAny(pre[k+3:], "/?#@")
}

func (h *harvester) scanUNC(s string) {
	for _, p := range reUNC.FindAllString(s, -1) {
		if strings.HasPrefix(p, "//") && strings.Contains(s, ":"+p) {
			continue // the "//host/path" of a URL, handled above
		}
		p = strings.TrimRight(p, ".,;:)]}")
		h.paths.add(p)
		h.addHost(uncServer(p))
	}
}

// uncServer returns the server of a UNC path, "" when p is not one.
func uncServer(p string) string {
	if !strings.HasPrefix(p, `\\`) && !strings.HasPrefix(p, "//") {
		return ""
	}
	server := strings.FieldsFunc(p, func(r rune) bool { return r == '\\' || r == '/' })
	if len(server) == 0 {
		return ""
	}
	return server[0]
}

// addHost adds s to Hosts when it is a host name or an address.
func (h *harvester) addHost(s string) {
	s = cleanHost(s)
	if s == "" || namespaceHosts[s] {
		return
	}
	h.hosts.add(s)
}

// addEmail adds an address to Emails and its domain to Hosts, unless it
// is one of the Message-IDs.
func (h *harvester) addEmail(s string) {
	e := cleanEmail(s)
	if e == "" || h.idEmails[e] {
		return
	}
	h.emails.add(e)
	h.addHost(e[strings.LastIndexByte(e, '@')+1:])
}

// addMessageID adds a Message-ID, and notes the addresses reEmail finds
// in it.
func (h *harvester) addMessageID(s string) {
	id := cleanMessageID(s)
	if id == "" {
		return
	}
	h.ids.add(id)
	if strings.IndexByte(id, '@') < 0 {
		return
	}
	if h.idAddrs == nil {
		h.idAddrs, h.idEmails = map[string]bool{}, map[string]bool{}
	}
	if e := cleanEmail(id); e != "" {
		h.idEmails[e] = true
	}
	for _, e := range reEmail.FindAllString(id, -1) {
		h.idAddrs[e] = true
	}
}

// addURL adds an absolute URL to URLs and its host to Hosts; URLs of
// namespace hosts and URLs that do not parse are left out.
func (h *harvester) addURL(s string) {
	u, host := cleanURL(s)
	if u == "" {
		return
	}
	h.urls.add(u)
	h.addHost(host)
}

// cleanURL returns s, without the punctuation that ends a sentence
// around it, and its host, lower-case; "" when s is not an absolute URL
// with a host (or a file URL with a path), holds white space, or when
// its host serves XML namespaces.
func cleanURL(s string) (u, host string) {
	s = strings.TrimRightFunc(strings.TrimSpace(s), func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(".,;:)]}", r) })
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || unicode.IsSpace(r) }) {
		return "", ""
	}
	p, err := url.Parse(s)
	if err != nil || p.Scheme == "" || p.Opaque != "" {
		return "", ""
	}
	host = cleanHost(p.Hostname())
	switch {
	case host == "" && !(strings.EqualFold(p.Scheme, "file") && p.Path != ""):
		return "", ""
	case namespaceHosts[host]:
		return "", ""
	}
	return s, host
}

// cleanHost returns s as Metadata.Hosts holds it: lower-case, without
// the trailing dot of a fully qualified name, the brackets and zone of
// an IPv6 address (written in its short form) or a port. It returns "" when s is not a host name or an
// address: empty, an empty label (a leading dot, two dots), or holding
// "@", a slash, a backslash, white space or a character no host name
// has.
func cleanHost(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "[") {
		if i := strings.IndexByte(s, ']'); i > 0 {
			s = s[1:i]
		}
	}
	if strings.IndexByte(s, ':') >= 0 {
		if a, err := netip.ParseAddr(s); err == nil && a.Is6() {
			return a.WithZone("").String() // a zone names an interface of the machine that wrote it
		}
		// host:port
		i := strings.LastIndexByte(s, ':')
		if i == 0 || i == len(s)-1 || strings.Trim(s[i+1:], "0123456789") != "" {
			return ""
		}
		s = s[:i]
	}
	s = strings.TrimRight(s, ".")
	if s == "" || len(s) > 253 || s[0] == '.' || strings.Contains(s, "..") {
		return ""
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if notInHost[s[i]] {
			return ""
		}
		ascii = ascii && s[i] < utf8.RuneSelf
	}
	if !ascii && (!utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) })) {
		return "" // white space, a control or a format character beyond ASCII
	}
	return s
}

// notInHost marks the bytes no host name holds: controls, space, DEL, and
// the ASCII punctuation other than ".", "-", "_", "$" and "~". Bytes of
// UTF-8 sequences (internationalised names) are allowed.
var notInHost = func() (t [256]bool) {
	for c := 0; c <= ' '; c++ {
		t[c] = true
	}
	t[0x7f] = true
	for _, c := range []byte(`@/\:"'<>()[]{},;|*?!#%&=+^` + "`") {
		t[c] = true
	}
	return t
}()

// cleanEmail returns s as Metadata.Emails holds it: the address alone
// (the angle brackets of "<local@domain>" removed), the domain
// lower-cased; "" when s does not parse as an address (net/mail) or its
// domain is not a host name.
func cleanEmail(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")
	i := strings.LastIndexByte(s, '@')
	if i <= 0 || i == len(s)-1 {
		return ""
	}
	domain := strings.TrimSuffix(strings.ToLower(s[i+1:]), ".")
	if cleanHost(domain) != domain || strings.IndexByte(domain, ':') >= 0 {
		return ""
	}
	e := s
	if domain != s[i+1:] {
		e = s[:i+1] + domain
	}
	if dotAtom(s[:i]) && dotAtom(domain) {
		return e // what net/mail parses back to itself, without its cost
	}
	if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
		return ""
	}
	return e
}

// dotAtom reports whether s is a dot-atom of ASCII characters (RFC 5322
// 3.2.3): atoms of letters, digits and !#$%&'*+-/=?^_`{|}~ joined by
// single dots.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' ||
			strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0) {
			return false
		}
	}
	return true
}

// appendEmails appends to dst the values of vs that are addresses, as
// cleanEmail writes them.
func appendEmails(dst []string, vs ...string) []string {
	for _, v := range vs {
		if e := cleanEmail(v); e != "" {
			dst = append(dst, e)
		}
	}
	return dst
}

// cleanMessageID returns a Message-ID as Metadata.MessageIDs holds it:
// without white space or angle brackets around it; "" when nothing is
// left or it holds white space.
func cleanMessageID(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r == '<' || r == '>' || unicode.IsSpace(r) })
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || unicode.IsSpace(r) }) {
		return ""
	}
	return s
}

// NamedHosts returns the hosts of m, in their order, that something
// other than an e-mail address names: the host of a URL, the server of a
// UNC path, a link or a Received line (Raw's LinkHosts and
// ReceivedHosts). A host that Harvest put into Hosts only as the domain
// of an address in Emails is left out. Attribution reads the address
// itself as a person's (authorship) and a named host as the file's own
// (custody): the domain of an address counted again as a host would
// count the address twice.
func (m *Metadata) NamedHosts() []string {
	domains := map[string]bool{}
	for _, e := range m.Emails {
		if i := strings.LastIndexByte(e, '@'); i >= 0 {
			domains[e[i+1:]] = true
		}
	}
	if len(domains) == 0 {
		return m.Hosts
	}
	named := map[string]bool{}
	for _, u := range m.URLs {
		if _, h := cleanURL(u); h != "" {
			named[h] = true
		}
	}
	for _, p := range m.Paths {
		if h := cleanHost(uncServer(p)); h != "" {
			named[h] = true
		}
	}
	for _, r := range m.Raw {
		rec, ok := r.(map[string]any)
		if !ok {
			continue
		}
		for _, k := range []string{"LinkHosts", "ReceivedHosts"} {
			for _, h := range rawStringList(rec[k]) {
				if h = cleanHost(h); h != "" {
					named[h] = true
				}
			}
		}
	}
	out := make([]string, 0, len(m.Hosts))
	for _, h := range m.Hosts {
		if !domains[h] || named[h] {
			out = append(out, h)
		}
	}
	return out
}

// rawStringList returns the strings of a Raw value that is a list of
// them ([]any once read back from JSON).
func rawStringList(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
