package meta

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Bounds of Harvest: values are scanned up to these sizes, and the lists
// are cut at maxHarvested entries.
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

// Harvest collects e-mail addresses, host names (of URLs, UNC paths and
// addresses) into m.Hosts, and UNC and home-directory paths into m.Paths,
// from every value of m, Raw included. The lists come out sorted, unique
// and bounded.
func Harvest(m *Metadata) {
	h := harvester{hosts: map[string]bool{}, paths: map[string]bool{}}
	for _, s := range m.Hosts {
		h.hosts[strings.ToLower(s)] = true
	}
	for _, s := range m.Paths {
		h.paths[s] = true
	}
	for _, s := range m.Authors {
		h.scan(s)
	}
	for _, s := range []string{m.LastModifiedBy, m.Organisation, m.Software, m.Title, m.Camera} {
		h.scan(s)
	}
	h.walk(m.Raw, 0)
	m.Hosts = sortedKeys(h.hosts)
	m.Paths = sortedKeys(h.paths)
}

type harvester struct {
	hosts, paths map[string]bool
	scanned      int
}

// walk scans the strings of a raw record tree.
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
		for _, e := range x {
			h.walk(e, depth+1)
		}
	case map[string]string:
		for _, e := range x {
			h.scan(e)
		}
	}
}

func (h *harvester) scan(s string) {
	if s == "" || h.scanned > maxHarvestTotal {
		return
	}
	if len(s) > maxHarvestValue {
		s = CutText(s, maxHarvestValue)
	}
	h.scanned += len(s)
	// Cheap tests first: most values (names, titles, numbers) hold none of
	// the patterns, and the regular expressions cost far more than these.
	if strings.IndexByte(s, '@') >= 0 {
		for _, e := range reEmail.FindAllString(s, -1) {
			h.addHost(e)
		}
	}
	hasSlashes := strings.Contains(s, "//") || strings.Contains(s, `\\`)
	if hasSlashes && strings.Contains(s, "://") {
		h.scanURLs(s)
	}
	if hasSlashes {
		h.scanUNC(s)
	}
	if strings.Contains(s, `:\`) || strings.IndexByte(s, '/') >= 0 {
		for _, p := range reHome.FindAllString(s, -1) {
			h.addPath(strings.TrimLeft(strings.TrimRight(p, ".,;:)]}"), " \t\"'(="))
		}
	}
}

func (h *harvester) scanURLs(s string) {
	for _, u := range reURL.FindAllString(s, -1) {
		if p, err := url.Parse(strings.TrimRight(u, ".,;:)]}")); err == nil && p.Hostname() != "" {
			h.addHost(p.Hostname())
		}
	}
}

func (h *harvester) scanUNC(s string) {
	for _, p := range reUNC.FindAllString(s, -1) {
		if strings.HasPrefix(p, "//") && strings.Contains(s, ":"+p) {
			continue // the "//host/path" of a URL, handled above
		}
		p = strings.TrimRight(p, ".,;:)]}")
		h.addPath(p)
		server := strings.FieldsFunc(p, func(r rune) bool { return r == '\\' || r == '/' })
		if len(server) > 0 {
			h.addHost(server[0])
		}
	}
}

func (h *harvester) addHost(s string) {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if s == "" || namespaceHosts[s] || len(h.hosts) >= maxHarvested {
		return
	}
	h.hosts[s] = true
}

func (h *harvester) addPath(s string) {
	if s == "" || len(h.paths) >= maxHarvested {
		return
	}
	h.paths[s] = true
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
