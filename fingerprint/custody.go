package fingerprint

import (
	"slices"
	"strings"
)

// This file holds the custody rules that need more than one signal: mail
// delivered inside an organisation, identifiers a profile names, and the
// hosts OCR read only in part, matched at the end against the hosts the
// whole package shows.

// mailInfo is what the address fields of a mail say together.
type mailInfo struct {
	// internal is the registrable domain a sender and a recipient share,
	// or "".
	internal string
	// from and rcpt are the organisations (vote keys) of the senders and
	// of the recipients.
	from, rcpt []string
}

// maxMailKeys bounds the organisations remembered per mail side.
const maxMailKeys = 64

// mailOf reads the senders and recipients of an item's mail fields.
func (a *attributor) mailOf(fs []Field) mailInfo {
	var m mailInfo
	var from []string
	to := map[string]bool{}
	for _, f := range fs {
		if f.Name != FieldMailFrom && f.Name != FieldMailTo {
			continue
		}
		a.x.Extract(f.Value, func(s Signal) bool {
			if s.Kind != Email || s.Boilerplate != "" {
				return true
			}
			h := hostOf(s)
			d, ok := RegistrableDomain(h)
			if !ok {
				return true
			}
			k, _, kok := a.hostOrg(h)
			if f.Name == FieldMailFrom {
				from = append(from, d)
				if kok && len(m.from) < maxMailKeys && !slices.Contains(m.from, k) {
					m.from = append(m.from, k)
				}
			} else {
				to[d] = true
				if kok && len(m.rcpt) < maxMailKeys && !slices.Contains(m.rcpt, k) {
					m.rcpt = append(m.rcpt, k)
				}
			}
			return true
		})
	}
	for _, d := range from {
		if to[d] {
			m.internal = d
			break
		}
	}
	return m
}

// mailField reads a sender, recipient or Received host. In the internal
// domain of an internal mail: custody. The sender of a mail from outside:
// authorship. A Received host of a recipient's organisation (and not the
// sender's): custody, the mail was delivered there. Anything else: a
// mention.
func (a *attributor) mailField(f Field, m mailInfo) {
	a.x.Extract(f.Value, func(s Signal) bool {
		if s.Boilerplate != "" {
			return true
		}
		switch s.Kind {
		case Email, Host, Domain:
		case CompanyString:
			// The sender's display name: a name of the sender's
			// organisation, for joining a candidate's names.
			if f.Name == FieldMailFrom {
				a.noteName(s.Value, s.Raw)
			}
			return true
		default:
			return true
		}
		if s.Kind == Domain && f.Name != FieldMailReceived {
			return true // the address's own vote covers it
		}
		h := hostOf(s)
		sig := sigName{f.Name, s.Kind.String()}
		if m.internal != "" {
			d, _ := RegistrableDomain(h)
			if d == m.internal || (f.Name == FieldMailReceived && isInternalHost(h) && a.sameOrg(h, m.internal)) {
				a.castHost(h, clsInternalMail, sig, s.Raw)
				return true
			}
		}
		switch f.Name {
		case FieldMailFrom:
			if s.Kind == Email && m.internal == "" {
				a.castHost(h, clsMailSender, sig, s.Raw)
				return true
			}
		case FieldMailReceived:
			if k, _, ok := a.hostOrg(h); ok && slices.Contains(m.rcpt, k) && !slices.Contains(m.from, k) {
				a.castHost(h, clsDelivered, sigName{f.Name, "delivered"}, s.Raw)
				return true
			}
		}
		a.castHost(h, clsMention, sig, s.Raw)
		return true
	})
}

// sameOrg reports whether host h and domain d resolve to the same
// organisation or candidate.
func (a *attributor) sameOrg(h, d string) bool {
	k1, _, ok1 := a.hostOrg(h)
	k2, _, ok2 := a.hostOrg(d)
	return ok1 && ok2 && k1 == k2
}

// profileHost votes custody for the organisation whose profile lists
// host h (Org.Hosts), and reports whether one does.
func (a *attributor) profileHost(h string, sig sigName, match string) bool {
	o, ok := a.cat.ByHost(h)
	if !ok {
		return false
	}
	a.cast(a.okey(o.ID), clsInternalHost, sig, match)
	return true
}

// identifiers looks for the identifiers profiles name (Org.Identifiers)
// in the item's text and metadata values, except software fields.
func (a *attributor) identifiers(it *Item) {
	if len(a.cat.ids) == 0 {
		return
	}
	src := TextBody
	if it.TextSource == TextOCR {
		src = TextOCR
	}
	a.scanIdentifiers(it.Text, src)
	for _, f := range it.Fields {
		if !SoftwareField(f.Name) && f.Name != FieldSoftware {
			a.scanIdentifiers(f.Value, f.Name)
		}
	}
}

// scanIdentifiers finds identifier patterns at the starts of words of
// text: one map look-up per word start and a comparison per pattern that
// shares the first MinIdentifierLiteral bytes, so linear in the text for
// a fixed catalogue.
func (a *attributor) scanIdentifiers(text, src string) {
	for i := 0; i+MinIdentifierLiteral <= len(text); i++ {
		if i > 0 && text[i-1] < 0x80 && isAlnumByte[text[i-1]] {
			continue
		}
		pats, ok := a.cat.ids[text[i:i+MinIdentifierLiteral]]
		if !ok {
			continue
		}
		for _, p := range pats {
			end, ok := p.matchAt(text, i)
			if !ok {
				continue
			}
			a.cast(a.okey(a.cat.entries[p.org].org.ID), clsIdentifier, sigName{src, "identifier"}, text[i:end])
			i = end - 1
			break
		}
	}
}

// maxIdentifierTail bounds the digits or letters an identifier pattern's
// '#' or '*' takes.
const maxIdentifierTail = 32

// matchAt reports whether the pattern matches text at i, at word
// boundaries, and where the match ends.
func (p idPattern) matchAt(text string, i int) (int, bool) {
	if !strings.HasPrefix(text[i:], p.lit) {
		return 0, false
	}
	end := i + len(p.lit)
	if p.tail != 0 {
		j := end
		for j < len(text) && j-end < maxIdentifierTail {
			c := text[j]
			if c >= 0x80 || (p.tail == '#' && (c < '0' || c > '9')) || (p.tail == '*' && !isAlnumByte[c]) {
				break
			}
			j++
		}
		if j == end {
			return 0, false
		}
		end = j
	}
	if end < len(text) && text[end] < 0x80 && isAlnumByte[text[end]] {
		return 0, false
	}
	return end, true
}

// fragKind says how a fragment matches the hosts the package shows.
type fragKind uint8

const (
	// fragLabel is a machine named without its domain (\\fs01\share,
	// https://portal/): it matches a host whose first label it is.
	fragLabel fragKind = iota + 1
	// fragPrefix is a host or mail domain perhaps cut short by OCR
	// ("toray.c", "portal.intra.toray.co"): it matches a longer host or
	// domain that starts with it.
	fragPrefix
)

// fragment is a host read in part, waiting for the end of the
// attribution to be matched.
type fragment struct {
	value string
	kind  fragKind
	sig   sigName
	match string
}

// deferred is an item's fragments, with the strongest role (RoleRank)
// the item already gives each organisation it votes for, so that a
// fragment's vote counts the item once.
type deferred struct {
	item  string
	frags []fragment
	prior map[string]int
}

// seenHost is a full host an item shows, and its organisation.
type seenHost struct{ host, key string }

// seenHosts indexes the full hosts and domains the package shows by
// organisation ("" when two organisations show the same name).
type seenHosts struct {
	byHost  map[string]string
	byLabel map[string]string
	sorted  []string // the keys of byHost, sorted, for prefix look-ups
}

// Bounds of the partial-host rule: what an item and the package keep.
const (
	maxItemFrags     = 16
	maxItemHosts     = 64
	maxDeferredItems = 512
	maxSeenHosts     = 8192
	// minFragPrefix is the shortest fragment matched as a prefix, its
	// first label whole: "tor" or "t.co" say nothing.
	minFragPrefix = 4
	// minCutLabel is the shortest mail domain cut inside its first
	// label ("sato@toray-in") matched as a prefix.
	minCutLabel = 6
)

// fragment records a host read in part. A prefix fragment that names a
// catalogue organisation already is not one.
func (a *attributor) fragment(h string, kind fragKind, sig sigName, match string) {
	if len(a.frags) >= maxItemFrags || len(h) < 2 || len(h) > 253 || a.echo || a.alt {
		return
	}
	if kind == fragPrefix {
		dot := strings.IndexByte(h, '.')
		if dot < 0 && len(h) < minCutLabel || dot >= 0 && dot < 3 || len(h) < minFragPrefix {
			return
		}
		if _, cand, ok := a.hostOrg(h); ok && !cand {
			return
		}
	}
	for _, f := range a.frags {
		if f.value == h {
			return
		}
	}
	a.frags = append(a.frags, fragment{strings.Clone(h), kind, sig, strings.Clone(cutMatch(match))})
}

// sawHost remembers a full host the item shows.
func (a *attributor) sawHost(h, key string) {
	if len(a.shown) >= maxItemHosts || strings.IndexByte(h, '.') <= 0 {
		return
	}
	for _, s := range a.shown {
		if s.host == h && s.key == key {
			return
		}
	}
	a.shown = append(a.shown, seenHost{strings.Clone(h), key})
}

// partialAddresses finds mail addresses in OCR text whose domain is cut
// short ("sato@toray.c", or inside its first label, "sato@toray-in"
// when at least minCutLabel long): a mailbox listing read in part. Linear: one
// pass around each '@', each reading a bounded window.
func (a *attributor) partialAddresses(text string) {
	for i := 0; i < len(text) && len(a.frags) < maxItemFrags; {
		k := strings.IndexByte(text[i:], '@')
		if k < 0 {
			return
		}
		at := i + k
		i = at + 1
		if at == 0 || !isLocalByte(text[at-1]) {
			continue
		}
		b := at + 1
		for b < len(text) && isHostByte(text[b]) && b-at <= 254 {
			b++
		}
		i = b
		dom := strings.ToLower(strings.TrimRight(text[at+1:b], ".-"))
		if !validHostname(dom) || !strings.Contains(dom, ".") && len(dom) < minCutLabel {
			continue
		}
		if _, ok := RegistrableDomain(dom); ok {
			continue // a whole address: its signal is read already
		}
		a.fragment(dom, fragPrefix, sigName{TextOCR, "partial_address"}, text[max(at-64, 0):b])
	}
}

// remember keeps, when the item is counted, the full hosts it showed and
// its fragments, within the package's bounds.
func (a *attributor) remember() {
	for _, h := range a.shown {
		if k, ok := a.seen.byHost[h.host]; ok && k == h.key {
			continue // seen already, and its domain with it
		}
		a.seen.add(h.host, h.key)
		if reg, ok := RegistrableDomain(h.host); ok && reg != h.host {
			a.seen.add(reg, h.key)
		}
	}
	if len(a.frags) == 0 || len(a.deferred) >= maxDeferredItems {
		return
	}
	d := deferred{item: a.itemPath, frags: a.frags, prior: map[string]int{}}
	for _, k := range a.order {
		if a.votes[k].item != "" || len(d.prior) >= maxMailKeys {
			continue
		}
		r := RoleRank(k.cls.role())
		if b, ok := d.prior[k.key]; !ok || r < b {
			d.prior[k.key] = r
		}
	}
	a.deferred = append(a.deferred, d)
}

// add indexes a full host.
func (s *seenHosts) add(h, key string) {
	if s.byHost == nil {
		s.byHost, s.byLabel = map[string]string{}, map[string]string{}
	}
	if k, ok := s.byHost[h]; ok {
		if k != key {
			s.byHost[h] = ""
		}
	} else if len(s.byHost) < maxSeenHosts {
		s.byHost[h] = key
		s.sorted = nil
	}
	l := h
	if dot := strings.IndexByte(h, '.'); dot >= 0 {
		l = h[:dot]
	}
	if k, ok := s.byLabel[l]; ok {
		if k != key {
			s.byLabel[l] = ""
		}
	} else if len(s.byLabel) < maxSeenHosts {
		s.byLabel[l] = key
	}
}

// match returns the one organisation a fragment names.
func (s *seenHosts) match(f fragment) (string, bool) {
	if s.byHost == nil {
		return "", false
	}
	if f.kind == fragLabel {
		l := f.value
		if dot := strings.IndexByte(l, '.'); dot >= 0 {
			l = l[:dot]
		}
		k := s.byLabel[l]
		return k, k != ""
	}
	if s.sorted == nil {
		s.sorted = make([]string, 0, len(s.byHost))
		for h := range s.byHost {
			s.sorted = append(s.sorted, h)
		}
		slices.Sort(s.sorted)
	}
	i, _ := slices.BinarySearch(s.sorted, f.value)
	key := ""
	for ; i < len(s.sorted) && strings.HasPrefix(s.sorted[i], f.value); i++ {
		h := s.sorted[i]
		if len(h) == len(f.value) {
			continue // the same name: not cut, and resolved already
		}
		k := s.byHost[h]
		if k == "" || key != "" && k != key {
			return "", false
		}
		key = k
	}
	return key, key != ""
}

// resolveFragments matches every fragment kept against the hosts the
// package shows, a prefix fragment else against the domains the profiles
// list, and votes custody (WeightPartialHost) for the one organisation
// each names, once per item and organisation.
func (a *attributor) resolveFragments() {
	for _, d := range a.deferred {
		voted := map[string]bool{}
		for _, f := range d.frags {
			key, ok := a.seen.match(f)
			if !ok && f.kind == fragPrefix {
				// A mail domain cut short that starts the domains of one
				// profile alone.
				if i, found := a.cat.byDomainPrefix(f.value); found {
					key, ok = "o:"+a.cat.entries[i].org.ID, true
				}
			}
			if !ok || voted[key] {
				continue
			}
			voted[key] = true
			ac := a.accOf(key)
			if ac == nil {
				ac = &acc{key: key, org: key[2:], name: key[2:], cand: true}
				a.accs[key] = ac
			}
			w := clsPartialHost.weight(&a.w)
			ac.ev = append(ac.ev, Evidence{Item: d.item, Signal: f.sig.src + "/partial_host", Role: Custody,
				Match: f.match, Weight: w})
			ac.w[0] += w
			ac.ownW += w
			switch r, had := d.prior[key]; {
			case !had:
				ac.n[0]++
				ac.ownN++
			case r > 0:
				ac.n[r]--
				ac.n[0]++
				ac.ownN++
			}
			ac.addDir(dirOf(d.item), w, w)
			if ac.cand && len(ac.ownPaths) < maxCandPaths {
				if ac.ownPaths == nil {
					ac.ownPaths = map[string]bool{}
				}
				ac.ownPaths[d.item] = true
			}
			if len(ac.ev) >= 4*a.maxEv {
				a.compact(ac)
			}
		}
	}
	a.deferred = nil
}
