package fingerprint

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// acmeCatalogue is a catalogue of fictional organisations whose profiles
// name internal hosts and identifiers.
func acmeCatalogue(t *testing.T) *Catalogue {
	t.Helper()
	c, err := Load(strings.NewReader(`organisations:
  - id: kitaura
    name: Kitaura Seimitsu Co., Ltd.
    aliases: [北浦精密, 北浦精密株式会社]
    domains: [kitaura-seimitsu.co.jp]
    hosts: [ksk.local, "ksfs*", erp01]
    identifiers: ["KSK-#", "BUKRS 4410"]
  - id: minamigawa
    name: Minamigawa Logistics K.K.
    aliases: [南川物流]
    domains: [minamigawa-logi.co.jp]
    identifiers: ["MGL*"]
`))
	require.NoError(t, err)
	return c
}

func attributeWith(t *testing.T, cat *Catalogue, items ...Item) *Result {
	t.Helper()
	r, err := Attribute(context.Background(), cat, items, Options{})
	require.NoError(t, err)
	return r
}

func TestProfileHostsAndIdentifiers(t *testing.T) {
	cat := acmeCatalogue(t)
	for host, want := range map[string]string{
		"ksk.local": "kitaura", "fs02.ksk.local": "kitaura", "ksfs01": "kitaura", "KSFS01.corp.example": "kitaura",
		"erp01": "kitaura", "erp02": "", "ks": "", "minamigawa-logi.co.jp": "",
	} {
		o, ok := cat.ByHost(host)
		assert.Equal(t, want != "", ok, host)
		assert.Equal(t, want, o.ID, host)
	}
	tests := []struct {
		name    string
		item    Item
		custody float64
		match   string
	}{
		{"profile host in a UNC path", body("a.txt", `保存先: \\ksfs03\購買\見積`), WeightInternalHost, `\\ksfs03\購買\見積`},
		{"profile host in an intranet URL", Item{Path: "p.zip!/s.png", TextSource: TextOCR, Text: "http://erp01/sap/bc/gui"}, WeightInternalHost, "http://erp01/sap/bc/gui"},
		{"internal domain of a profile", body("b.txt", "server fs9.ksk.local is down"), WeightInternalHost, "fs9.ksk.local"},
		{"ticket key", body("c.txt", "see KSK-20931 and KSK-x"), WeightIdentifier, "KSK-20931"},
		{"ERP company code", doc("d.xlsx", FieldTitle, "仕訳 BUKRS 4410 2024/03"), WeightIdentifier, "BUKRS 4410"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := attributeWith(t, cat, tt.item)
			o, ok := r.Owner("kitaura")
			require.True(t, ok, "%+v", r.Ranking)
			assert.InDelta(t, tt.custody, o.Custody, 1e-9, "%+v", o.Evidence)
			assert.Equal(t, tt.match, o.Evidence[0].Match)
			assert.Equal(t, Custody, o.Evidence[0].Role)
		})
	}
	// Word boundaries: no match inside a longer token, and none on a
	// prefix with nothing after it.
	r := attributeWith(t, cat, body("e.txt", "XKSK-1 KSK-12a BUKRS 44101 MGL"))
	_, ok := r.Owner("kitaura")
	assert.False(t, ok, "%+v", r.Ranking)
	_, ok = r.Owner("minamigawa")
	assert.False(t, ok)
	r = attributeWith(t, cat, body("f.txt", "MGL7Q2 shipped"))
	o, ok := r.Owner("minamigawa")
	require.True(t, ok)
	assert.Equal(t, "MGL7Q2", o.Evidence[0].Match)
}

func TestProfileFieldValidation(t *testing.T) {
	tests := map[string]string{
		"bad host":          "hosts: [\"a b\"]",
		"lone star":         "hosts: [\"*\"]",
		"star inside":       "hosts: [\"k*s\"]",
		"dotted prefix":     "hosts: [\"ks.local*\"]",
		"short identifier":  "identifiers: [\"K-#\"]",
		"star inside id":    "identifiers: [\"K*SK-#\"]",
		"non-ASCII id":      "identifiers: [\"北浦-#\"]",
		"long identifier":   "identifiers: [\"" + strings.Repeat("A", MaxIdentifierLiteral+1) + "\"]",
		"too many hosts":    "hosts: [" + strings.Repeat("h.local,", MaxProfileHosts) + "x.local]",
		"too many ids":      "identifiers: [" + strings.Repeat("ABC-#,", MaxProfileIdentifiers) + "ABD-#]",
		"host of two":       "hosts: [shared.local]\n  - id: b\n    name: B\n    hosts: [shared.local]",
		"identifier of two": "identifiers: [ABC-#]\n  - id: b\n    name: B\n    identifiers: [ABC-#]",
	}
	for name, field := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Load(strings.NewReader("organisations:\n  - id: a\n    name: A\n    " + field + "\n"))
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrProfile), "%v", err)
			assert.Contains(t, err.Error(), "profiles:")
		})
	}
}

// ocrShot is a screenshot item with OCR text as Tesseract gives it: the
// words of each line joined by spaces.
func ocrShot(path string, lines ...string) Item {
	return Item{Path: "pack.zip!/" + path, Kind: "image", TextSource: TextOCR, Text: strings.Join(lines, "\n")}
}

func TestPartialHosts(t *testing.T) {
	// Elsewhere in the package: the full names, in a document's text and
	// a mail.
	full := []Item{
		body("docs/運用手順.txt", `共有フォルダ: \\ksfs01.kitaura.local\品質\手順書`+"\nポータル: https://portal.intra.kitaura-seimitsu.co.jp/top"),
		{Path: "pack.zip!/mail/a.eml", Fields: []Field{{FieldMailFrom, "ito@kitaura-seimitsu.co.jp"}, {FieldMailTo, "abe@kitaura-seimitsu.co.jp"}}},
	}
	tests := []struct {
		name string
		shot Item
		want string // the candidate that gets custody; "" none
	}{
		{"UNC path with the domain cut off", ocrShot("s1.png", "エクスプローラー", `\\ksfs01\品質\手順書`, "名前 更新日時"), "kitaura-seimitsu.co.jp"},
		{"URL host without its domain", ocrShot("s2.png", "https://portal/top", "お知らせ"), "kitaura-seimitsu.co.jp"},
		{"mailbox addresses with the domain half read", ocrShot("s3.png", "受信トレイ", "伊藤 ito@kitaura-seimitsu.c 見積", "阿部 abe@kitaura-sei 報告"), "kitaura-seimitsu.co.jp"},
		{"a host cut at its public suffix", ocrShot("s4.png", "https://portal.intra.kitaura-seimitsu.co/top"), "kitaura-seimitsu.co.jp"},
		{"a label the package never shows", ocrShot("s5.png", `\\nas07\share\x`), ""},
		{"too short to say anything", ocrShot("s6.png", "mail to a@ki.c"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := attribute(t, append([]Item{tt.shot}, full...)...)
			var got []string
			for _, o := range r.Ranking {
				for _, e := range o.Evidence {
					if strings.HasSuffix(e.Signal, "/partial_host") {
						got = append(got, o.Org)
						assert.Equal(t, Custody, e.Role)
						assert.Equal(t, float64(WeightPartialHost), e.Weight)
						assert.Equal(t, tt.shot.Path, e.Item)
					}
				}
			}
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, []string{tt.want}, got)
			o, _ := r.Owner(tt.want)
			assert.Equal(t, 3, o.CustodyItems, "the screenshot counts once, as custody")
		})
	}
	// A label two organisations share names neither.
	r := attribute(t, ocrShot("s.png", `\\fs01\x\y`), body("a.txt", `\\fs01.toray.local\a`+"\n"+`\\fs01.fujitsu.local\b`))
	for _, o := range r.Ranking {
		for _, e := range o.Evidence {
			assert.NotContains(t, e.Signal, "partial_host")
		}
	}
	// A profile's host pattern earns custody without the package showing
	// the full name.
	r = attributeWith(t, acmeCatalogue(t), ocrShot("s.png", `\\ksfs12\購買`))
	o, ok := r.Owner("kitaura")
	require.True(t, ok)
	assert.Equal(t, float64(WeightInternalHost), o.Custody)

	// Mail domains cut inside their first label, in a screenshot alone:
	// matched to the one profile whose domains start so.
	cat, err := Load(strings.NewReader(`organisations:
  - id: kitaura
    name: Kitaura Seimitsu Co., Ltd.
    domains: [kitaura-seimitsu.co.jp]
  - id: kitaura-shoji
    name: Kitaura Shoji K.K.
    domains: [kitaura-shoji.co.jp]
  - id: minamigawa
    name: Minamigawa Logistics K.K.
    domains: [minamigawa-logi.co.jp, minamigawa-logi.com]
`))
	require.NoError(t, err)
	for _, c := range []struct {
		line, want string
	}{
		{"伊藤 ito@kitaura-sei 見積", "kitaura"},
		{"abe@minamigawa 報告", "minamigawa"},
		{"abe@kitaura 報告", ""},  // both Kitauras start so
		{"abe@kitaur-x 報告", ""}, // no profile starts so
		{"abe@kitau 報告", ""},    // too short to say
		{"abe@minamigawa-logi.c", "minamigawa"},
	} {
		r := attributeWith(t, cat, ocrShot("inbox.png", "受信トレイ", c.line))
		var got []string
		for _, o := range r.Ranking {
			for _, e := range o.Evidence {
				if strings.HasSuffix(e.Signal, "/partial_host") {
					got = append(got, o.Org)
				}
			}
		}
		if c.want == "" {
			assert.Empty(t, got, c.line)
		} else {
			assert.Equal(t, []string{c.want}, got, c.line)
		}
	}
}

// TestOpenWorld: a candidate outside the catalogue joins its company
// names, internal domain and mail domain, keyed by the registrable
// domain.
func TestOpenWorld(t *testing.T) {
	items := []Item{
		// The franchisee's documents: the Company field only.
		doc("店舗/売上日報_0301.xlsx", FieldOrganisation, "株式会社ヒバリ食堂"),
		doc("店舗/売上日報_0302.xlsx", FieldOrganisation, "株式会社ヒバリ食堂"),
		// Its mail: the company name in the display name and signature,
		// the domain in the addresses, an internal relay.
		{Path: "pack.zip!/mail/1.eml", Kind: "email", Text: "店長各位\n明日の棚卸をお願いします。\n株式会社ヒバリ食堂 本部",
			TextSource: TextBody, Fields: []Field{
				{FieldMailFrom, "株式会社ヒバリ食堂 本部 <honbu@hibari-shokudo.co.jp>"},
				{FieldMailTo, "tenpo01@hibari-shokudo.co.jp"},
				{FieldMailReceived, "mbx01.hibari.local"}}},
		{Path: "pack.zip!/mail/2.eml", Kind: "email", Text: "了解しました。\n株式会社ヒバリ食堂 1号店",
			TextSource: TextBody, Fields: []Field{
				{FieldMailFrom, "tenpo01@hibari-shokudo.co.jp"}, {FieldMailTo, "honbu@hibari-shokudo.co.jp"}}},
		// Its file server, named by its internal domain.
		body("店舗/メモ.txt", `\\fs01.hibari.local\店舗\日報`+"\n株式会社ヒバリ食堂"),
	}
	r := attribute(t, items...)
	var keys []string
	for _, c := range r.Candidates {
		keys = append(keys, c.Org)
	}
	require.Equal(t, []string{"hibari-shokudo.co.jp"}, keys, "one candidate, keyed by the registrable domain")
	c := r.Candidates[0]
	assert.Contains(t, c.Name, "ヒバリ食堂")
	assert.Equal(t, 5, c.CustodyItems+c.AuthorshipItems, "every item once")
	assert.Equal(t, []string{"hibari-shokudo.co.jp"}, r.Owners)
	v := r.Verdict("ヒバリ食堂")
	assert.Equal(t, Supported, v.Verdict, v.Reason)
	v = r.Verdict("hibari-shokudo")
	assert.Equal(t, Supported, v.Verdict, v.Reason)

	// A company name seen only in other items stays apart.
	r = attribute(t, items[0], Item{Path: "pack.zip!/mail/3.eml", Kind: "email", Fields: items[3].Fields})
	assert.Len(t, r.Candidates, 2)
}

func TestSaleNote(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"SIEMENS AG - internal finance data FY2023\n\nSiemens audit and finance files, 60 GB total. This is a sample.\nContact on the forum.\n", true},
		{"AWS internal billing database - sample\nAmazon Web Services customer invoices and cost reports.\n", true},
		{"TOYOTA MOTOR - production and logistics data (sample)\nトヨタ 生産データ 一部抜粋\n", true},
		{"Full dump for sale. Price 2 BTC. tox: 3F1A…", true},
		{"東レ 流出データ 販売 連絡はTelegramまで", true},
		{"4.2TB of documents, leaked", true},
		{"Meeting notes: budget approved, office move postponed.", false},
		{"Price list 2024\nItem A 1,200 JPY\nItem B 3,400 JPY\n", false},
		{"sampled 12 units; dumpling recipe; leaky valve; 60 GBP", false},
		{strings.Repeat("invoice line\n", 2000) + "sample", false},
	}
	for _, tt := range tests {
		name := tt.text
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tt.want, isSaleNote(&Item{Kind: "text", Text: tt.text, TextSource: TextBody}))
		})
	}
	// Not a plain text: a document's body may say anything.
	assert.False(t, isSaleNote(&Item{Kind: "document", Text: tests[3].text, TextSource: TextBody}))
	// A text longer than a note is data.
	assert.False(t, isSaleNote(&Item{Kind: "text", Text: strings.Repeat("x", MaxSaleNoteBytes) + tests[3].text, TextSource: TextBody}))
}

func TestWeightsTable(t *testing.T) {
	require.NoError(t, DefaultWeights().Validate())
	bad := DefaultWeights()
	bad.Mention = -1
	bad.OwnerMinConfidence = 2
	bad.CoOwnerMinItems = 0
	err := bad.Validate()
	require.ErrorIs(t, err, ErrWeights)
	for _, f := range []string{"mention", "owner_min_confidence", "co_owner_min_items"} {
		assert.Contains(t, err.Error(), f)
	}
	_, err = Attribute(context.Background(), Default(), nil, Options{Weights: &bad})
	require.ErrorIs(t, err, ErrWeights)

	// A replaced table changes the weights and the verdict, and the
	// result says which table it used.
	items := []Item{doc("a.docx", FieldOrganisation, "Toray"), doc("b.docx", FieldOrganisation, "東レ")}
	w := DefaultWeights()
	w.OrganisationField = 7
	w.OwnerMinConfidence = 0
	r, err := Attribute(context.Background(), Default(), items, Options{Weights: &w})
	require.NoError(t, err)
	o, _ := r.Owner("toray")
	assert.Equal(t, 14.0, o.Authorship)
	assert.Equal(t, w, r.Weights())
	assert.Equal(t, Supported, r.Verdict("Toray").Verdict)
	assert.Equal(t, Inconclusive, attribute(t, items...).Verdict("Toray").Verdict, "documents an organisation made are no custody: no owner by default")
}

// TestPartialHostsBounded: a hostile screenshot full of fragments keeps
// bounded state.
func TestPartialHostsBounded(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, `\\fs%d\x a%d@host%d.exa `, i, i, i)
	}
	a := NewAttributor(Default(), Options{})
	for i := range 2 * maxDeferredItems {
		a.Add(Item{Index: i, Path: fmt.Sprintf("p.zip!/%d.png", i), Text: b.String(), TextSource: TextOCR})
	}
	require.LessOrEqual(t, len(a.t.deferred), maxDeferredItems)
	for _, d := range a.t.deferred {
		require.LessOrEqual(t, len(d.frags), maxItemFrags)
	}
	_ = a.Result()
}
