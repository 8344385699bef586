package meta

import (
	"errors"
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// CheckHarvested returns an error for each way the lists of m, as
// Harvest leaves them, break what Harvest promises: each list unique
// and at most maxHarvested long; hosts lower-case host names or
// addresses, without "@", slash, backslash, scheme, port, white space or
// trailing dot; every e-mail address one that net/mail parses back to
// itself, its domain lower-case; no Message-ID in Emails, none with its
// angle brackets; every URL absolute, with a host or a file path. The
// fuzz targets of the extractors run it on every result.
func CheckHarvested(m *Metadata) error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	for _, l := range []struct {
		name string
		vs   []string
	}{{"hosts", m.Hosts}, {"emails", m.Emails}, {"message_ids", m.MessageIDs}, {"urls", m.URLs}, {"paths", m.Paths}} {
		if len(l.vs) > maxHarvested {
			bad("%s: %d entries, over %d", l.name, len(l.vs), maxHarvested)
		}
		seen := map[string]bool{}
		for _, v := range l.vs {
			if v == "" || seen[v] {
				bad("%s: %q empty or repeated", l.name, v)
			}
			seen[v] = true
		}
	}
	for _, h := range m.Hosts {
		if strings.ContainsAny(h, "@/\\") || strings.ContainsFunc(h, func(r rune) bool { return r <= ' ' }) ||
			h != strings.ToLower(h) || strings.HasSuffix(h, ".") {
			bad("host %q is not a host name", h)
		}
		if strings.IndexByte(h, ':') >= 0 {
			if a, err := netip.ParseAddr(h); err != nil || !a.Is6() {
				bad("host %q has a port or a scheme", h)
			}
		}
	}
	for _, e := range m.Emails {
		a, err := mail.ParseAddress(e)
		if err != nil || a.Address != e {
			bad("address %q does not parse as itself (%v)", e, err)
			continue
		}
		if d := e[strings.LastIndexByte(e, '@')+1:]; d != strings.ToLower(d) || !slices.Contains(m.Hosts, d) && !namespaceHosts[d] && len(m.Hosts) < maxHarvested {
			bad("address %q: domain not lower-case or not in hosts", e)
		}
	}
	for _, id := range m.MessageIDs {
		if slices.Contains(m.Emails, id) {
			bad("Message-ID %q in emails", id)
		}
		if strings.HasPrefix(id, "<") || strings.HasSuffix(id, ">") {
			bad("Message-ID %q keeps its brackets", id)
		}
	}
	for _, u := range m.URLs {
		p, err := url.Parse(u)
		if err != nil || p.Scheme == "" || p.Host == "" && !(strings.EqualFold(p.Scheme, "file") && p.Path != "") {
			bad("URL %q is not absolute (%v)", u, err)
		}
	}
	return errors.Join(errs...)
}

// FuzzHarvest gives Harvest arbitrary values, as a metadata value, a raw
// value, and as the hosts, addresses, Message-IDs and URLs an extractor
// gives, and checks its lists (CheckHarvested), that a Message-ID's
// address never comes from the values, and that Harvest run again on its
// output changes nothing.
func FuzzHarvest(f *testing.F) {
	f.Add("Yamada <Yamada.Taro@Corp.Example.CO.JP>", "<20210412.abc@pc01.corp.example.co.jp>")
	f.Add(`see https://portal.example.co.jp:8443/a?b=c, \\fs01\share\x and C:\Users\t.yamada\doc.xlsx`, "x@y")
	f.Add("ftp://user:pw@files.example.net/pub/ file:///C:/Users/a/b.txt smb://nas01/share", "")
	f.Add("[2001:db8::1] host.example.com:25 HOST.EXAMPLE.COM. a@b@c.example.org", "<a@b.example.org> <c@d.example.org>")
	f.Add("CAF+x=1@mail.gmail.com", "CAF+x=1@mail.gmail.com")
	f.Fuzz(func(t *testing.T, value, id string) {
		m := Metadata{
			Authors:    []string{value},
			Hosts:      []string{value},
			Emails:     []string{value},
			MessageIDs: []string{id},
			URLs:       []string{value},
			Raw:        map[string]any{"x": map[string]any{"v": value, "id": "<" + id + ">", "l": []any{value, id}}},
		}
		if err := Harvest(&m); err != nil && !errors.Is(err, ErrLimit) {
			t.Fatalf("error wraps no ErrLimit: %v", err)
		}
		if err := CheckHarvested(&m); err != nil {
			t.Fatal(err)
		}
		// The addresses value gives, as an extractor's or found in it.
		fromValue := map[string]bool{cleanEmail(value): true}
		for _, e := range reEmail.FindAllString(value, -1) {
			fromValue[cleanEmail(e)] = true
		}
		for _, e := range reEmail.FindAllString(cleanMessageID(id), -1) {
			if c := cleanEmail(e); c != "" && slices.Contains(m.Emails, c) && !fromValue[c] {
				t.Fatalf("the address %q of the Message-ID %q is in emails", c, id)
			}
		}
		again := m
		again.Hosts, again.Emails = slices.Clone(m.Hosts), slices.Clone(m.Emails)
		again.MessageIDs, again.URLs, again.Paths = slices.Clone(m.MessageIDs), slices.Clone(m.URLs), slices.Clone(m.Paths)
		Harvest(&again)
		for _, l := range [][2][]string{{m.Hosts, again.Hosts}, {m.Emails, again.Emails}, {m.MessageIDs, again.MessageIDs},
			{m.URLs, again.URLs}, {m.Paths, again.Paths}} {
			if !slices.Equal(l[0], l[1]) {
				t.Fatalf("not idempotent: %q then %q", l[0], l[1])
			}
		}
	})
}
