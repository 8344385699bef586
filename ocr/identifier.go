package ocr

import (
	"regexp"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// Identifier grammars: what an e-mail address, a host name and a UNC path
// look like once read. They are loose on purpose (OCR text is judged by
// them, not validated), and a host must end in a public suffix that
// ICANN manages (publicsuffix), with a label before it: "co.jD" or
// "example.c0m" are not host names.
var (
	identMail = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)`)
	identHost = regexp.MustCompile(`(?:^|[^A-Za-z0-9@._-])((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})`)
	identUNC  = regexp.MustCompile(`\\\\[A-Za-z0-9][A-Za-z0-9.-]*\\[^\\\s]+`)
)

// HasIdentifier reports whether s looks like it holds an identifier
// attribution reads (an address, a host name, a path or a URL): an @, a
// dotted name, a backslash, or "://".
func HasIdentifier(s string) bool {
	return strings.ContainsAny(s, `@\`) || strings.Contains(s, "://") || identHost.MatchString(s)
}

// Identifiers counts the well-formed identifiers in s: e-mail addresses
// and host names under an ICANN public suffix (with a label before it),
// and UNC paths (\\host\share). It is how a recogniser judges two reads
// of the same text: the one with more well-formed identifiers misread
// fewer of their characters.
func Identifiers(s string) int {
	n := len(identUNC.FindAllStringIndex(s, -1))
	for _, m := range identMail.FindAllStringSubmatch(s, -1) {
		if validHost(m[1]) {
			n++
		}
	}
	for _, m := range identHost.FindAllStringSubmatch(s, -1) {
		if validHost(m[1]) {
			n++
		}
	}
	return n
}

// validHost reports whether h ends in an ICANN public suffix or a
// private top-level label (privateTLDs), with at least one label before
// it and a top-level label in one case.
func validHost(h string) bool {
	h = strings.TrimSuffix(h, ".")
	if last := h[strings.LastIndexByte(h, '.')+1:]; last != strings.ToLower(last) && last != strings.ToUpper(last) {
		return false // a top-level label in mixed case is misread: "co.jD"
	}
	lh := strings.ToLower(h)
	if i := strings.LastIndexByte(lh, '.'); i > 0 && privateTLDs[lh[i+1:]] {
		return true
	}
	ps, icann := publicsuffix.PublicSuffix(lh)
	return icann && len(ps) < len(h)
}

// privateTLDs are the top-level labels of names that stay inside an
// organisation or a document (RFC 2606 and 6761 reserved names, and the
// usual Active Directory suffixes): screenshots of intranets show them.
var privateTLDs = map[string]bool{
	"example": true, "test": true, "local": true, "internal": true, "corp": true,
	"lan": true, "intra": true, "intranet": true, "localdomain": true, "home": true,
}
