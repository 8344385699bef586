package fingerprint

import (
	"net/netip"
	"strings"
)

// The reasons Boilerplate gives. They are stable strings, for reports.
const (
	// ReasonNamespace marks hosts of XML namespaces and schemas, which
	// every Office, OpenDocument and XMP file names.
	ReasonNamespace = "xml namespace or schema host"
	// ReasonFreeMail marks free-mail and consumer mobile-mail domains:
	// anyone can have an address there.
	ReasonFreeMail = "free-mail domain"
	// ReasonReserved marks names reserved by RFC 2606 and RFC 6761
	// (example.com, .test, .invalid, localhost …).
	ReasonReserved = "reserved name"
	// ReasonPrivateIP marks private, loopback, link-local, unspecified,
	// multicast and documentation addresses: they say nothing about whose
	// network it was, only that it was an internal one.
	ReasonPrivateIP = "private or reserved address"
	// ReasonDefaultProfile marks home directories every machine has
	// (Public, Default, All Users, Shared, Guest).
	ReasonDefaultProfile = "default profile"
)

// boilerplateHosts maps each listed name to its reason; a name covers its
// subdomains. See BoilerplateDomains.
var boilerplateHosts = map[string]string{
	// XML namespaces and schemas.
	"schemas.openxmlformats.org": ReasonNamespace,
	"purl.oclc.org":              ReasonNamespace,
	"schemas.microsoft.com":      ReasonNamespace,
	"schemas.xmlsoap.org":        ReasonNamespace,
	"purl.org":                   ReasonNamespace,
	"w3.org":                     ReasonNamespace,
	"ns.adobe.com":               ReasonNamespace,
	"openoffice.org":             ReasonNamespace,
	"docs.oasis-open.org":        ReasonNamespace,
	"iptc.org":                   ReasonNamespace,
	"xmlns.com":                  ReasonNamespace,
	"ns.useplus.org":             ReasonNamespace,
	"schema.org":                 ReasonNamespace,
	"xml.org":                    ReasonNamespace,
	// Free mail, and Japanese carriers' consumer mobile mail.
	"gmail.com":      ReasonFreeMail,
	"googlemail.com": ReasonFreeMail,
	"yahoo.com":      ReasonFreeMail,
	"yahoo.co.jp":    ReasonFreeMail,
	"yahoo.co.uk":    ReasonFreeMail,
	"ymail.com":      ReasonFreeMail,
	"outlook.com":    ReasonFreeMail,
	"outlook.jp":     ReasonFreeMail,
	"hotmail.com":    ReasonFreeMail,
	"hotmail.co.jp":  ReasonFreeMail,
	"hotmail.co.uk":  ReasonFreeMail,
	"live.com":       ReasonFreeMail,
	"live.jp":        ReasonFreeMail,
	"msn.com":        ReasonFreeMail,
	"icloud.com":     ReasonFreeMail,
	"me.com":         ReasonFreeMail,
	"mac.com":        ReasonFreeMail,
	"aol.com":        ReasonFreeMail,
	"gmx.de":         ReasonFreeMail,
	"gmx.net":        ReasonFreeMail,
	"gmx.com":        ReasonFreeMail,
	"web.de":         ReasonFreeMail,
	"mail.ru":        ReasonFreeMail,
	"yandex.ru":      ReasonFreeMail,
	"protonmail.com": ReasonFreeMail,
	"proton.me":      ReasonFreeMail,
	"qq.com":         ReasonFreeMail,
	"163.com":        ReasonFreeMail,
	"naver.com":      ReasonFreeMail,
	"docomo.ne.jp":   ReasonFreeMail,
	"ezweb.ne.jp":    ReasonFreeMail,
	"au.com":         ReasonFreeMail,
	"softbank.ne.jp": ReasonFreeMail,
	"i.softbank.jp":  ReasonFreeMail,
	"ymobile.ne.jp":  ReasonFreeMail,
	"nifty.com":      ReasonFreeMail,
	"biglobe.ne.jp":  ReasonFreeMail,
	"ocn.ne.jp":      ReasonFreeMail,
	"so-net.ne.jp":   ReasonFreeMail,
	"plala.or.jp":    ReasonFreeMail,
	// RFC 2606 and RFC 6761.
	"example.com": ReasonReserved,
	"example.net": ReasonReserved,
	"example.org": ReasonReserved,
	"example":     ReasonReserved,
	"test":        ReasonReserved,
	"invalid":     ReasonReserved,
	"localhost":   ReasonReserved,
}

// defaultProfiles are the account names of home directories that every
// machine has.
var defaultProfiles = map[string]bool{
	"public": true, "default": true, "default user": true, "all users": true,
	"all": true, "shared": true, "guest": true,
}

// BoilerplateDomains returns the listed boilerplate names with their
// reasons: XML namespace and schema hosts, free-mail domains, and the
// reserved names of RFC 2606 and RFC 6761. Each name covers its
// subdomains. The map is a fresh copy.
func BoilerplateDomains() map[string]string {
	out := make(map[string]string, len(boilerplateHosts))
	for k, v := range boilerplateHosts {
		out[k] = v
	}
	return out
}

// BoilerplateHost returns why host (or a parent domain of it) is
// boilerplate, and false when it is not.
func BoilerplateHost(host string) (reason string, ok bool) {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	for h != "" {
		if r, ok := boilerplateHosts[h]; ok {
			return r, true
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			break
		}
		h = h[dot+1:]
	}
	return "", false
}

// documentation prefixes (RFC 5737, RFC 3849), not covered by netip's
// predicates.
var docPrefixes = []netip.Prefix{
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT, RFC 6598
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("240.0.0.0/4"),
}

// BoilerplateIP returns ReasonPrivateIP when a is private (RFC 1918,
// fc00::/7), loopback, link-local, unspecified, multicast, shared
// (100.64/10), reserved or for documentation; false otherwise.
func BoilerplateIP(a netip.Addr) (reason string, ok bool) {
	a = a.Unmap()
	if a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsMulticast() || a.IsUnspecified() || a.IsInterfaceLocalMulticast() {
		return ReasonPrivateIP, true
	}
	for _, p := range docPrefixes {
		if p.Contains(a) {
			return ReasonPrivateIP, true
		}
	}
	return "", false
}

// Boilerplate returns why s carries no attribution weight, and false when
// it may carry some. E-mail addresses, URLs, UNC paths, hosts and domains
// are judged by their host (BoilerplateHost; for a UNC path only a
// reserved server name counts, since file servers on private addresses
// are the rule inside organisations), IP addresses by BoilerplateIP,
// profile paths by their account name. Names and markings are never
// boilerplate here: a vendor named in a software field is judged with
// IsSoftwareVendorContext.
func Boilerplate(s Signal) (reason string, ok bool) {
	switch s.Kind {
	case Email:
		if at := strings.LastIndexByte(s.Value, '@'); at >= 0 {
			return BoilerplateHost(s.Value[at+1:])
		}
	case Domain, Host:
		return BoilerplateHost(s.Value)
	case URL:
		h, _ := urlHost(s.Value)
		if a, err := netip.ParseAddr(strings.Trim(h, "[]")); err == nil {
			return BoilerplateIP(a)
		}
		return BoilerplateHost(h)
	case UNCPath:
		server := strings.TrimLeft(s.Value, `\`)
		if i := strings.IndexByte(server, '\\'); i >= 0 {
			server = server[:i]
		}
		if r, ok := BoilerplateHost(server); ok && r == ReasonReserved {
			return r, true
		}
	case IP:
		if a, err := netip.ParseAddr(s.Value); err == nil {
			return BoilerplateIP(a)
		}
	case ProfilePath:
		if defaultProfiles[s.Value] {
			return ReasonDefaultProfile, true
		}
	}
	return "", false
}

// urlHost returns the host of a URL in the form Extract gives (scheme and
// host present), with its offset in u; "" for none.
func urlHost(u string) (string, int) {
	i := strings.Index(u, "://")
	if i < 0 {
		return "", 0
	}
	start := i + 3
	end := len(u)
	if j := strings.IndexAny(u[start:], "/?#"); j >= 0 {
		end = start + j
	}
	auth := u[start:end]
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		start += at + 1
		auth = auth[at+1:]
	}
	if strings.HasPrefix(auth, "[") {
		if j := strings.IndexByte(auth, ']'); j >= 0 {
			return auth[:j+1], start
		}
		return "", start
	}
	if j := strings.IndexByte(auth, ':'); j >= 0 {
		auth = auth[:j]
	}
	return auth, start
}

// softwareFields are metadata field names whose values name tools, not
// owners (lower case, without separators).
var softwareFields = map[string]bool{
	"software": true, "application": true, "appname": true, "creatortool": true,
	"creator tool": true, "producer": true, "generator": true, "make": true,
	"model": true, "camera": true, "lens": true, "lensmake": true, "lensmodel": true,
	"xmailer": true, "hostsoftware": true, "processingsoftware": true,
}

// SoftwareField reports whether a metadata field of that name names the
// software or device that made a file ("software", "creator_tool",
// "Producer", "Application", "X-Mailer", "Make", "Model"…): a vendor named
// there is the maker of a tool, not the owner of the file.
func SoftwareField(name string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r != '_' && r != '-' && r != ' ' && r != ':' {
			b.WriteRune(r)
		}
	}
	return softwareFields[b.String()]
}

// products are product names that follow a vendor's name in software and
// device strings ("Microsoft Excel", "Adobe Photoshop", "FUJITSU
// ScanSnap", "Canon EOS"), lower case.
var products = map[string]bool{
	"excel": true, "word": true, "powerpoint": true, "outlook": true, "office": true,
	"windows": true, "visio": true, "onenote": true, "access": true, "teams": true,
	"sharepoint": true, "edge": true, "print": true, "exchange": true, "project": true,
	"photoshop": true, "acrobat": true, "illustrator": true, "indesign": true,
	"distiller": true, "lightroom": true, "pdf": true, "bridge": true, "xmp": true,
	"scansnap": true, "fi": true, "eos": true, "powershot": true, "ir": true,
	"imagerunner": true, "mac": true, "macos": true, "iphone": true, "ipad": true,
	"quartz": true, "keynote": true, "pages": true, "numbers": true, "safari": true,
	"docs": true, "sheets": true, "slides": true, "chrome": true, "pixel": true,
	"galaxy": true, "xperia": true, "lumix": true, "lotus": true, "notes": true,
	"java": true, "jdk": true, "database": true, "crystal": true, "cybershot": true,
	"dsc": true, "ilce": true, "alpha": true, "coolpix": true, "android": true,
}

// IsSoftwareVendorContext reports whether s, an OrgName signal found in
// text, names the maker of a tool rather than an owner: when the name is
// followed by a product name ("Microsoft Excel", "Microsoft® Word 2019",
// "Adobe Photoshop CS6", "FUJITSU ScanSnap", "Canon EOS 5D"). Callers that
// know the field a text came from should also ask SoftwareField.
func IsSoftwareVendorContext(text string, s Signal) bool {
	if s.Kind != OrgName || s.Offset < 0 || s.End() > len(text) {
		return false
	}
	rest := text[s.End():]
	for {
		n := len(rest)
		rest = strings.TrimLeft(rest, " \t")
		for _, mark := range []string{"®", "™", "(R)", "(TM)", "(r)", "(tm)"} {
			rest = strings.TrimPrefix(rest, mark)
		}
		if len(rest) == n {
			break
		}
	}
	i := 0
	for i < len(rest) && i < 32 && (isAlnumByte[rest[i]&0x7f] && rest[i] < 0x80) {
		i++
	}
	w := strings.ToLower(rest[:i])
	// Model numbers glued to a product line: "EOS5D", "ILCE-7M3".
	for len(w) > 2 && w[len(w)-1] >= '0' && w[len(w)-1] <= '9' && !products[w] {
		w = w[:len(w)-1]
	}
	return products[w]
}
