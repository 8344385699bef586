package fingerprint

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzExtract(f *testing.F) {
	for _, tc := range extractCases {
		f.Add(tc.text)
	}
	f.Add("ｓａｔｏ＠ｔｏｒａｙ．ｃｏ．ｊｐ ﾄｰﾚ ㈱ ＼＼ｆｓ０１＼ｓｈａｒｅ e\u0301\u0301\u0301 \xff\xfe")
	x := NewExtractor(Default(), Options{MaxSignals: 1000})
	f.Fuzz(func(t *testing.T, text string) {
		last := -1
		n := 0
		x.Extract(text, func(s Signal) bool {
			n++
			if s.Offset < 0 || s.End() > len(text) {
				t.Fatalf("signal %+v outside the text (%d bytes)", s, len(text))
			}
			if text[s.Offset:s.End()] != s.Raw {
				t.Fatalf("Raw %q is not text[%d:%d] = %q", s.Raw, s.Offset, s.End(), text[s.Offset:s.End()])
			}
			if s.Offset < last {
				t.Fatalf("offsets out of order: %d after %d", s.Offset, last)
			}
			last = s.Offset
			if s.Kind < Email || s.Kind > CompanyString || s.Value == "" {
				t.Fatalf("bad signal %+v", s)
			}
			if utf8.ValidString(text) && !utf8.ValidString(s.Raw) {
				t.Fatalf("Raw %q cuts a rune", s.Raw)
			}
			return true
		})
		if n > 1000 {
			t.Fatalf("%d signals over the cap", n)
		}
	})
}

func FuzzLoad(f *testing.F) {
	f.Add(DefaultYAML())
	f.Add([]byte(`{"organisations": [{"id": "toray", "name": "Toray", "domains": ["toray.co.jp"]}]}`))
	f.Add([]byte("organisations:\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n    parent: a\n"))
	f.Add([]byte("organisations:\n  - &x {id: a, name: A}\n  - *x\n"))
	f.Add([]byte("organisations: [{id: a, name: A, domians: [x]}]\n---\n"))
	f.Add([]byte("organisations:\n  - id: k\n    name: Kitaura\n    hosts: [ksk.local, \"ksfs*\", erp01]\n    identifiers: [\"KSK-#\", \"BUKRS 4410\", \"MGL*\"]\n"))
	f.Add([]byte("organisations:\n  - id: k\n    name: K\n    hosts: [\"*\", \"a*b\"]\n    identifiers: [\"#\", \"AB\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrProfile) {
				t.Fatalf("error %v does not wrap ErrProfile", err)
			}
			if c != nil {
				t.Fatal("catalogue with an error")
			}
			return
		}
		for _, o := range c.Orgs() {
			if got, ok := c.ByID(o.ID); !ok || got.ID != o.ID {
				t.Fatalf("ByID(%q) = %v, %v", o.ID, got, ok)
			}
			for _, d := range o.Domains {
				if d != strings.ToLower(d) {
					t.Fatalf("domain %q not lower case", d)
				}
				if _, ok := c.ByDomain(d); !ok {
					t.Fatalf("ByDomain(%q) found nothing", d)
				}
			}
			_ = c.Ancestors(o.ID)
		}
		_ = NewExtractor(c, Options{})
	})
}

// FuzzAttribute feeds hostile text and fields to Attribute: no panic, and
// every score is the sum of its evidence.
func FuzzAttribute(f *testing.F) {
	f.Add("Confidential - Toray Industries, Inc.\ntsap01.toray.local", "東レ株式会社", "a@toray.co.jp", "pack.zip!/東レ/x")
	f.Add("ログイン中: 株式会社ABC \\\\fs.abc.local\\share", "Microsoft", "b@abc.co.jp", "p!/a/b")
	f.Add("", "", "", "")
	f.Add("TORAY internal data leak 4 GB sample, price 2 BTC, tox 3F1A", "", "", "pack.zip!/README.txt")
	f.Add("FUJITSU\nshaping tomorrow", "", "", "pack.zip!/cover.png")
	f.Add("\\\\ksfs01\\品質 https://portal/top ito@kitaura-seimitsu.c \\\\ksfs01.kitaura.local\\x KSK-123 BUKRS 4410",
		"北浦精密株式会社", "ito@kitaura-seimitsu.co.jp", "pack.zip!/s.png")
	cat, err := Load(strings.NewReader("organisations:\n  - id: kitaura\n    name: Kitaura Seimitsu\n    domains: [kitaura-seimitsu.co.jp]\n" +
		"    hosts: [ksk.local, \"ksfs*\"]\n    identifiers: [\"KSK-#\", \"BUKRS 4410\"]\n"))
	if err != nil {
		f.Fatal(err)
	}
	cat, err = Merge(Default(), cat)
	if err != nil {
		f.Fatal(err)
	}
	relations := map[string]bool{"": true, RelationSame: true, RelationSubsidiaryOfClaimed: true,
		RelationParentOfClaimed: true, RelationCounterparty: true, RelationUnrelated: true}
	f.Fuzz(func(t *testing.T, text, org, from, path string) {
		items := []Item{
			{Path: path, Text: text, TextSource: TextOCR, Fields: []Field{{FieldOrganisation, org}, {FieldMailFrom, from}, {FieldMailTo, from}}},
			{Path: path + "!/y", Text: text, TextSource: TextBody, Fields: []Field{{FieldAuthor, text}, {FieldPath, text}}},
			{Path: path + "!/z.txt", Kind: "text", Text: text, TextSource: TextBody, Fields: []Field{{FieldMailReceived, text}, {FieldMailTo, from}}},
		}
		r, err := Attribute(context.Background(), cat, items, Options{MaxEvidence: 3})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range r.Ranking {
			sum := 0.0
			for _, e := range o.Evidence {
				sum += e.Weight
			}
			if d := sum - o.Score; d > 1e-3 || d < -1e-3 || o.Confidence < 0 || o.Confidence > 1 {
				t.Fatalf("%s: score %v, evidence sum %v, confidence %v", o.Org, o.Score, sum, o.Confidence)
			}
		}
		for _, o := range r.Owners {
			if _, ok := r.Owner(o); !ok {
				t.Fatalf("owner %q not ranked", o)
			}
		}
		for _, o := range r.ClaimEcho {
			if o.Score != 0 {
				t.Fatalf("claim echo %s weighs %v", o.Org, o.Score)
			}
		}
		v := r.Verdict(org)
		if !relations[v.Relation] {
			t.Fatalf("relation %q", v.Relation)
		}
		if v.Verdict == Supported && v.Relation != RelationSame {
			t.Fatalf("supported with relation %q", v.Relation)
		}
	})
}
