package fingerprint

import (
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// The scanners of this file find addresses and paths. Each looks for a
// cheap anchor with a fast search ('@', "://", '\\', '.', ':') and reads
// the text around it by hand: no regular expressions, linear time.

func isLocalByte(c byte) bool {
	return c < utf8.RuneSelf && (isAlnumByte[c] || c == '.' || c == '_' || c == '%' || c == '+' || c == '-')
}

func isHostByte(c byte) bool {
	return c < utf8.RuneSelf && (isAlnumByte[c] || c == '.' || c == '-')
}

func isTokenByte(c byte) bool {
	return c < utf8.RuneSelf && (isAlnumByte[c] || c == '.' || c == '-' || c == '_')
}

// addHost records a host name found at t[a:b] (lower-cased on the way):
// a Host when it is longer than its registrable domain or has none, and a
// Domain for the registrable domain. boiler overrides the host's own
// boilerplate reason when set.
func addHost(st *state, t string, a, b int) {
	h := strings.ToLower(strings.TrimSuffix(t[a:b], "."))
	if h == "" {
		return
	}
	b = a + len(h)
	why, _ := BoilerplateHost(h)
	reg, ok := st.registrable(h)
	if !ok {
		st.add(Host, h, a, b, why)
		return
	}
	if len(reg) < len(h) {
		st.add(Host, h, a, b, why)
	}
	st.add(Domain, reg, b-len(reg), b, why)
}

// addIP records an address at t[a:b] when it parses.
func addIP(st *state, t string, a, b int) bool {
	addr, err := netip.ParseAddr(t[a:b])
	if err != nil || addr.Zone() != "" {
		return false
	}
	v := addr.String()
	if v == t[a:b] {
		v = t[a:b]
	}
	why, _ := BoilerplateIP(addr)
	st.add(IP, v, a, b, why)
	return true
}

// scanEmails finds local@domain around every '@'.
func scanEmails(st *state, t string) {
	for i := 0; i < len(t); {
		k := strings.IndexByte(t[i:], '@')
		if k < 0 {
			return
		}
		at := i + k
		i = at + 1
		a := at
		for a > 0 && isLocalByte(t[a-1]) && at-a <= 64 {
			a--
		}
		if a > 0 && isLocalByte(t[a-1]) {
			continue // longer than an address's local part may be
		}
		for a < at && t[a] == '.' {
			a++
		}
		b := at + 1
		for b < len(t) && isHostByte(t[b]) && b-at <= 254 {
			b++
		}
		for b > at+1 && (t[b-1] == '.' || t[b-1] == '-') {
			b--
		}
		if a == at || b == at+1 || t[at-1] == '.' {
			continue
		}
		dom := strings.ToLower(t[at+1 : b])
		if !validHostname(dom) || strings.Contains(dom, "_") {
			continue
		}
		if _, ok := st.registrable(dom); !ok {
			if addFixedHost(st, t, a, at+1, b, strings.ToLower(t[a:at])) {
				i = b
			}
			continue
		}
		why, _ := BoilerplateHost(dom)
		st.add(Email, strings.ToLower(t[a:b]), a, b, why)
		addHost(st, t, at+1, b)
		i = b
	}
}

// urlSchemes are the schemes scanURLs accepts.
var urlSchemes = []string{"http", "https", "ftp", "ftps", "sftp", "file", "smb"}

func isURLByte(c byte) bool {
	if c <= ' ' || c >= 0x7f {
		return false
	}
	switch c {
	case '"', '<', '>', '\\', '^', '`', '{', '|', '}':
		return false
	}
	return true
}

// trimTail drops trailing punctuation from t[a:b], and closing brackets
// that open before a.
func trimTail(t string, a, b int) int {
	opens, closes := -1, -1 // counted once, when first needed
	for b > a {
		switch c := t[b-1]; c {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			b--
			continue
		case ')', ']':
			if opens < 0 {
				opens, closes = 0, 0
				for k := a; k < b; k++ {
					switch t[k] {
					case '(', '[':
						opens++
					case ')', ']':
						closes++
					}
				}
			}
			if opens < closes {
				b--
				closes--
				continue
			}
		}
		break
	}
	return b
}

// scanURLs finds scheme://… around every "://".
func scanURLs(st *state, t string) {
	for i := 0; i < len(t); {
		k := strings.Index(t[i:], "://")
		if k < 0 {
			return
		}
		p := i + k
		i = p + 3
		a := p
		for a > 0 && p-a < 6 && t[a-1] < utf8.RuneSelf && isAlnumByte[t[a-1]] {
			a--
		}
		known := false
		for _, s := range urlSchemes {
			if strings.EqualFold(t[a:p], s) {
				known = true
				break
			}
		}
		if !known || (a > 0 && t[a-1] < utf8.RuneSelf && isAlnumByte[t[a-1]]) {
			continue
		}
		b := p + 3
		for b < len(t) && isURLByte(t[b]) {
			b++
		}
		b = trimTail(t, p+3, b)
		if b == p+3 {
			continue
		}
		u := t[a:b]
		host, hs := urlHost(u)
		he := hs + len(host)
		v := u
		if strings.ToLower(u[:he]) != u[:he] {
			v = strings.ToLower(u[:he]) + u[he:]
		}
		why := ""
		switch {
		case strings.HasPrefix(host, "["):
			if addIP(st, t, a+hs+1, a+he-1) {
				why = st.hits[len(st.hits)-1].s.Boilerplate
			}
		case host == "":
		default:
			if addIP(st, t, a+hs, a+he) {
				why = st.hits[len(st.hits)-1].s.Boilerplate
			} else if lh := strings.ToLower(host); validHostname(lh) {
				why, _ = BoilerplateHost(lh)
				addHost(st, t, a+hs, a+he)
			}
		}
		st.add(URL, v, a, b, why)
		i = b
	}
}

// sepLen returns the length of a path separator at t[k] for UNC paths: a
// backslash, or a yen sign as Japanese fonts show it; 0 for none.
func sepLen(t string, k int) int {
	if k < len(t) {
		if t[k] == '\\' {
			return 1
		}
		if t[k] == 0xC2 && k+1 < len(t) && t[k+1] == 0xA5 {
			return 2
		}
	}
	return 0
}

// anySepLen is sepLen that also takes '/'.
func anySepLen(t string, k int) int {
	if k < len(t) && t[k] == '/' {
		return 1
	}
	return sepLen(t, k)
}

// compEnd returns the end of the path component that starts at k: it
// stops at separators, white space, control characters, characters
// Windows forbids in names, and non-ASCII punctuation other than ・.
func compEnd(t string, k int, spaces bool) int {
	for k < len(t) {
		c := t[k]
		if c < utf8.RuneSelf {
			if c < ' ' || (c == ' ' && !spaces) || c == 0x7f {
				return k
			}
			switch c {
			case '\\', '/', '"', '<', '>', '|', '*', '?', ':':
				return k
			}
			k++
			continue
		}
		if sepLen(t, k) > 0 {
			return k
		}
		r, size := utf8.DecodeRuneInString(t[k:])
		if r != '・' && (unicode.IsSpace(r) || unicode.IsPunct(r) || r == utf8.RuneError) {
			return k
		}
		k += size
	}
	return k
}

func isServerByte(c byte) bool {
	return c < utf8.RuneSelf && (isAlnumByte[c] || c == '.' || c == '-' || c == '_' || c == '$')
}

// scanUNC finds \\server\share… and ¥¥server¥share….
func scanUNC(st *state, t string) {
	for i := 0; i < len(t); {
		k := strings.IndexByte(t[i:], '\\')
		if k < 0 {
			break
		}
		i = uncAt(st, t, i+k)
	}
	for i := 0; i < len(t); {
		k := strings.Index(t[i:], "¥¥")
		if k < 0 {
			break
		}
		i = uncAt(st, t, i+k)
	}
}

// uncAt reads a UNC path that may start at p and returns where scanning
// goes on.
func uncAt(st *state, t string, p int) int {
	l1 := sepLen(t, p)
	l2 := sepLen(t, p+l1)
	if l1 == 0 || l2 == 0 {
		return p + max(l1, 1)
	}
	if p > 0 && (t[p-1] == '\\' || t[p-1] == ':' || (p >= 2 && t[p-2] == 0xC2 && t[p-1] == 0xA5)) {
		return p + l1 + l2
	}
	s := p + l1 + l2
	e := s
	for e < len(t) && isServerByte(t[e]) && e-s <= 253 {
		e++
	}
	if e == s || sepLen(t, e) == 0 {
		return s
	}
	end := e
	for {
		sl := sepLen(t, end)
		if sl == 0 {
			break
		}
		c1 := compEnd(t, end+sl, false)
		if c1 == end+sl {
			break
		}
		end = c1
	}
	end = trimTail(t, e, end)
	if end <= e+1 {
		return s
	}
	server := strings.ToLower(t[s:e])
	var b strings.Builder
	b.Grow(end - p)
	b.WriteString(`\\`)
	b.WriteString(server)
	for k := e; k < end; {
		sl := sepLen(t, k)
		if sl == 0 {
			break
		}
		c1 := compEnd(t, k+sl, false)
		if c1 > end {
			c1 = end
		}
		b.WriteByte('\\')
		b.WriteString(t[k+sl : c1])
		k = c1
	}
	why := ""
	if r, ok := BoilerplateHost(server); ok && r == ReasonReserved {
		why = r
	}
	if !addIP(st, t, s, e) && validHostname(server) {
		addHost(st, t, s, e)
	}
	st.add(UNCPath, b.String(), p, end, why)
	return end
}

// profileNeedles are the directories that hold home directories.
var profileNeedles = []struct {
	s       string
	windows bool
}{
	{`\Users\`, true}, {`\users\`, true}, {`\USERS\`, true},
	{`¥Users¥`, true}, {`¥users¥`, true},
	{`\Documents and Settings\`, true}, {`¥Documents and Settings¥`, true},
	{`/Users/`, false}, {`/users/`, false}, {`/home/`, false},
}

// scanProfiles finds home-directory paths.
func scanProfiles(st *state, t string) {
	for _, nd := range profileNeedles {
		for i := 0; i < len(t); {
			k := strings.Index(t[i:], nd.s)
			if k < 0 {
				break
			}
			q := i + k
			i = q + len(nd.s)
			start := q
			if q >= 2 && t[q-1] == ':' && t[q-2] < utf8.RuneSelf && isLetter(t[q-2]) &&
				(q == 2 || !isTokenByte(t[q-3])) {
				start = q - 2
			} else if !nd.windows && q > 0 && (isTokenByte(t[q-1]) || t[q-1] == '~') {
				continue // a URL's path, not a file system's
			}
			n0 := q + len(nd.s)
			n1 := compEnd(t, n0, true)
			if anySepLen(t, n1) == 0 {
				// Unless a separator follows, a space ends the name.
				if sp := strings.IndexByte(t[n0:n1], ' '); sp >= 0 {
					n1 = n0 + sp
				}
			}
			for n1 > n0 && t[n1-1] == ' ' {
				n1--
			}
			name := t[n0:n1]
			if name == "" || len(name) > 64 || name == "." || name == ".." ||
				name[0] == '%' || name[0] == '$' || name[0] == '<' || name[0] == '{' {
				continue
			}
			v := strings.ToLower(name)
			why := ""
			if defaultProfiles[v] {
				why = ReasonDefaultProfile
			}
			st.add(ProfilePath, v, start, n1, why)
			i = n1
		}
	}
}

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// commonTLDs are generic top-level domains accepted for a bare two-label
// host in text ("toray.com"); other gTLDs count only in URLs, addresses
// and paths, or with more labels, because brand and dictionary-word TLDs
// turn "Toray.Fujitsu" or "report.zip" into false hosts.
var commonTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "info": true, "biz": true, "edu": true,
	"gov": true, "mil": true, "int": true, "io": true, "app": true, "dev": true,
	"cloud": true, "online": true, "site": true, "tech": true, "xyz": true,
	"global": true, "group": true, "asia": true, "eu": true,
}

// internalTLDs are the suffixes of private networks' names (Active
// Directory domains, mDNS, home routers): not in the public suffix list,
// they are accepted in text with at least three labels
// (tsap01.toray.local), the shape of a machine in an organisation's
// domain.
var internalTLDs = map[string]bool{
	"local": true, "lan": true, "internal": true, "intra": true, "intranet": true,
	"corp": true, "localdomain": true, "private": true, "priv": true,
}

// fileExtTLDs are top-level domains that are also common file extensions:
// a bare "name.zip" or "run.py" is a file, not a host.
var fileExtTLDs = map[string]bool{
	"zip": true, "mov": true, "py": true, "sh": true, "pl": true, "md": true,
	"rs": true, "ps": true, "pm": true, "so": true, "one": true,
	"ms": true, "ml": true, "cc": true, "mp": true, "am": true, "cat": true,
	"mobi": true, "ini": true, "bat": true, "java": true, "cab": true, "doc": true,
}

// maxToken bounds the bytes read on either side of a dot: a host name
// has at most 253.
const maxToken = 256

// scanDotted finds bare host names and IPv4 addresses around every '.'.
func scanDotted(st *state, t string) {
	for i := 0; i < len(t); {
		k := strings.IndexByte(t[i:], '.')
		if k < 0 {
			return
		}
		p := i + k
		i = p + 1
		if p == 0 || p+1 >= len(t) || t[p-1] >= utf8.RuneSelf || !isAlnumByte[t[p-1]] ||
			t[p+1] >= utf8.RuneSelf || !isAlnumByte[t[p+1]] {
			continue
		}
		a, b := p, p+1
		for a > 0 && isTokenByte(t[a-1]) && p-a < maxToken {
			a--
		}
		for b < len(t) && isTokenByte(t[b]) && b-p < maxToken {
			b++
		}
		i = b
		if (a > 0 && isTokenByte(t[a-1])) || (b < len(t) && (t[b] == '@' || isTokenByte(t[b]))) {
			// Too long for a host name, or the local part of an address:
			// skip the rest of the run.
			for i < len(t) && isTokenByte(t[i]) {
				i++
			}
			continue
		}
		if a > 0 {
			switch t[a-1] {
			case '@', '/', '\\', 0xA5, '%', '$':
				continue
			}
		}
		for a < b && (t[a] == '.' || t[a] == '-' || t[a] == '_') {
			a++
		}
		for b > a && (t[b-1] == '.' || t[b-1] == '-' || t[b-1] == '_') {
			b--
		}
		tok := t[a:b]
		if strings.Contains(tok, "..") {
			continue
		}
		if allDigitsDots(tok) {
			if strings.Count(tok, ".") == 3 {
				addIP(st, t, a, b)
			}
			continue
		}
		h := strings.ToLower(tok)
		if strings.Contains(h, "_") || !validHostname(h) {
			continue
		}
		tld := h[strings.LastIndexByte(h, '.')+1:]
		if !isAlpha(tld) && !strings.HasPrefix(tld, "xn--") {
			continue
		}
		ps, icann := publicsuffix.PublicSuffix(h)
		multi := strings.Contains(ps, ".")
		if !icann && !multi {
			if internalTLDs[tld] && strings.Count(h, ".") >= 2 {
				// tsap01.toray.local: an internal name, with its
				// organisation's label before the suffix.
				addHost(st, t, a, b)
			} else {
				addFixedHost(st, t, a, a, b, "")
			}
			continue
		}
		if !multi {
			if fileExtTLDs[tld] {
				continue
			}
			if strings.Count(h, ".") == 1 && len(tld) != 2 && !commonTLDs[tld] {
				continue
			}
		}
		addHost(st, t, a, b)
	}
}

func allDigitsDots(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return s != ""
}

func isHexOrColon(c byte) bool {
	return (c >= '0' && c <= '9') || ((c|0x20) >= 'a' && (c|0x20) <= 'f') || c == ':' || c == '.'
}

// scanIPv6 finds IPv6 addresses around every "::" or run of hex groups
// with at least two colons.
func scanIPv6(st *state, t string) {
	for i := 0; i < len(t); {
		k := strings.IndexByte(t[i:], ':')
		if k < 0 {
			return
		}
		p := i + k
		i = p + 1
		a, b := p, p
		for a > 0 && isHexOrColon(t[a-1]) && p-a < 45 {
			a--
		}
		for b < len(t) && isHexOrColon(t[b]) && b-a < 46 {
			b++
		}
		i = max(i, b)
		for b > a && t[b-1] == '.' {
			b--
		}
		if b-a < 3 || strings.Count(t[a:b], ":") < 2 {
			continue
		}
		if (a > 0 && t[a-1] < utf8.RuneSelf && (isAlnumByte[t[a-1]] || t[a-1] == ':')) ||
			(b < len(t) && t[b] < utf8.RuneSelf && isAlnumByte[t[b]]) {
			continue
		}
		digits := false
		for j := a; j < b; j++ {
			if t[j] != ':' {
				digits = true
				break
			}
		}
		if !digits {
			continue
		}
		if addr, err := netip.ParseAddr(t[a:b]); err == nil && addr.Is6() {
			addIP(st, t, a, b)
		}
	}
}
