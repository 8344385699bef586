package fingerprint_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/proofpack/proofpack/fingerprint"
)

func Example() {
	x := fingerprint.NewExtractor(fingerprint.Default(), fingerprint.Options{})
	text := "From: Sato Kenichi <sato.kenichi@toray.co.jp>\n【社外秘】東レ株式会社 購買部 ¥¥fs01¥購買¥見積"
	for s := range x.Signals(text) {
		fmt.Printf("%s %s %q\n", s.Kind, s.Value, s.Org)
	}
	// Output:
	// email sato.kenichi@toray.co.jp ""
	// domain toray.co.jp ""
	// marking 社外秘 "toray"
	// org_name toray ""
	// unc_path \\fs01\購買\見積 ""
	// host fs01 ""
}

func ExampleLoad() {
	c, err := fingerprint.Load(strings.NewReader(`organisations:
  - id: acme
    name: Acme Trading Co., Ltd.
    aliases: [アクメ商事]
    domains: [acme-trading.co.jp]
  - id: acme
    name: Acme again
    domains: [https://acme.example]
`))
	fmt.Println(c == nil)
	fmt.Println(err)
	// Output:
	// true
	// profiles:6: duplicate id "acme" (first at line 2)
}

func ExampleMerge() {
	add, _ := fingerprint.Load(strings.NewReader(`{"organisations": [
	  {"id": "acme", "name": "Acme Trading Co., Ltd.", "aliases": ["アクメ商事"], "domains": ["acme-trading.co.jp"]}]}`))
	c, err := fingerprint.Merge(fingerprint.Default(), add)
	if err != nil {
		fmt.Println(err)
		return
	}
	o, _ := c.ByDomain("mail.acme-trading.co.jp")
	fmt.Println(o.ID, o.Name)
	o, _ = c.ByName("アクメ商事株式会社")
	fmt.Println(o.ID)
	// Output:
	// acme Acme Trading Co., Ltd.
	// acme
}

func ExampleAttribute() {
	items := []fingerprint.Item{
		{
			Path:   "pack.zip!/docs/発注書.docx",
			Fields: []fingerprint.Field{{Name: fingerprint.FieldOrganisation, Value: "東レ株式会社"}},
			Text:   "富士通株式会社 御中\n保存先: \\\\tfs01.toray.local\\購買", TextSource: fingerprint.TextBody,
		},
		{
			Path: "pack.zip!/mail/re.eml",
			Fields: []fingerprint.Field{
				{Name: fingerprint.FieldMailFrom, Value: "sato@toray.co.jp"},
				{Name: fingerprint.FieldMailTo, Value: "nakamura@toray.co.jp"},
				{Name: fingerprint.FieldMailTo, Value: "morita@fujitsu.com"},
			},
		},
	}
	r, err := fingerprint.Attribute(context.Background(), fingerprint.Default(), items, fingerprint.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range r.Ranking {
		fmt.Printf("%s score %g confidence %.2f\n", o.Org, o.Score, o.Confidence)
		for _, e := range o.Evidence {
			fmt.Printf("  %g %s %s %q\n", e.Weight, e.Role, e.Signal, e.Match)
		}
	}
	// Output:
	// toray score 19 confidence 0.96
	//   8 custody mail_from/email "sato@toray.co.jp"
	//   6 custody body/unc_path "\\\\tfs01.toray.local\\購買"
	//   5 authorship organisation/org_name "東レ株式会社"
	// fujitsu score 1 confidence 0.01
	//   0.5 mention body/org_name "富士通"
	//   0.5 mention mail_to/email "morita@fujitsu.com"
}

func ExampleResult_Verdict() {
	items := []fingerprint.Item{
		{Path: "p.zip!/a.docx", Fields: []fingerprint.Field{{Name: fingerprint.FieldOrganisation, Value: "Toray Industries, Inc."}}},
		{Path: "p.zip!/b.pdf", Text: "Confidential - Toray Industries, Inc.\nVendor: Fujitsu Limited", TextSource: fingerprint.TextBody},
		{Path: "p.zip!/s.png", Text: `\\tfs01.toray.local\購買\見積`, TextSource: fingerprint.TextOCR},
		{Path: "p.zip!/c.eml", Fields: []fingerprint.Field{
			{Name: fingerprint.FieldMailFrom, Value: "sato@toray.co.jp"}, {Name: fingerprint.FieldMailTo, Value: "ito@toray.co.jp"}}},
	}
	r, _ := fingerprint.Attribute(context.Background(), fingerprint.Default(), items, fingerprint.Options{})
	for _, claim := range []string{"Fujitsu", "東レ", "Umbrella"} {
		v := r.Verdict(claim)
		fmt.Printf("%s matched %q: %s; owner %q (%s), relation %q\n", v.Claimed, v.ClaimedOrg, v.Verdict, v.Owner, v.OwnerName, v.Relation)
	}
	// Output:
	// Fujitsu matched "fujitsu": contradicted; owner "toray" (Toray Industries, Inc.), relation "counterparty"
	// 東レ matched "toray": supported; owner "toray" (Toray Industries, Inc.), relation "same"
	// Umbrella matched "": inconclusive; owner "" (), relation ""
}

// A seller claims the group; the files were held by one of its
// subsidiaries (the catalogue's NTT DATA, parent NTT): the claim names the
// wrong company, and the relation says how.
func ExampleResult_Verdict_relation() {
	mail := func(path, from, to string) fingerprint.Item {
		return fingerprint.Item{Path: path, Fields: []fingerprint.Field{
			{Name: fingerprint.FieldMailFrom, Value: from}, {Name: fingerprint.FieldMailTo, Value: to}}}
	}
	items := []fingerprint.Item{
		mail("p.zip!/a.eml", "okada@nttdata.co.jp", "ueda@nttdata.co.jp"),
		mail("p.zip!/b.eml", "ueda@nttdata.co.jp", "okada@nttdata.co.jp"),
		{Path: "p.zip!/NTT_group_internal/plan.docx",
			Fields: []fingerprint.Field{{Name: fingerprint.FieldOrganisation, Value: "株式会社NTTデータ"}}},
	}
	r, _ := fingerprint.Attribute(context.Background(), fingerprint.Default(), items, fingerprint.Options{})
	for _, claim := range []string{"NTT", "NTTデータ"} {
		v := r.Verdict(claim)
		fmt.Println(v.Claimed, v.ClaimedOrg, v.Verdict, v.Owner, v.Relation)
	}
	// Output:
	// NTT ntt contradicted ntt-data subsidiary_of_claimed
	// NTTデータ ntt-data supported ntt-data same
}

// A calibration replaces the hand-set table whole; Validate checks it.
func ExampleWeights() {
	w := fingerprint.DefaultWeights()
	fmt.Println(w.InternalMail, w.OrganisationField, w.Mention, w.OwnerMinConfidence)
	w.Mention = -1
	fmt.Println(w.Validate())
	// Output:
	// 8 5 0.5 0.5
	// invalid attribution weights: mention = -1, want 0 to 1e+06
}

// The confidence is the fitted model's probability that an organisation
// held the data, from what its ranking entry and its rivals' show.
func ExampleWeights_Confidence() {
	w := fingerprint.DefaultWeights()
	for _, f := range []fingerprint.Features{
		{CustodyItems: 1, Custody: 8},                   // one internal mail, no rival
		{CustodyItems: 1, Custody: 8, RivalCustody: 8},  // one each: a tie
		{CustodyItems: 3, Custody: 22, RivalCustody: 8}, // a clear lead
		{AuthorshipItems: 4},                            // documents it made, nothing of its systems
		{MentionItems: 5},                               // named, nothing more
	} {
		fmt.Printf("%+v: %.2f owner %v\n", f, w.Confidence(f), w.Confidence(f) >= w.OwnerMinConfidence)
	}
	// Output:
	// {CustodyItems:1 AuthorshipItems:0 MentionItems:0 Custody:8 RivalCustody:0}: 0.90 owner true
	// {CustodyItems:1 AuthorshipItems:0 MentionItems:0 Custody:8 RivalCustody:8}: 0.10 owner false
	// {CustodyItems:3 AuthorshipItems:0 MentionItems:0 Custody:22 RivalCustody:8}: 0.90 owner true
	// {CustodyItems:0 AuthorshipItems:4 MentionItems:0 Custody:0 RivalCustody:0}: 0.01 owner false
	// {CustodyItems:0 AuthorshipItems:0 MentionItems:5 Custody:0 RivalCustody:0}: 0.00 owner false
}

// A report's ranking judged again with another table. Documents Toray
// made, and nothing of its systems (public brochures a seller dressed
// up): the fitted table names no owner; a table whose threshold is 0
// would take the maker for the owner.
func ExampleNewResult() {
	ranking := []fingerprint.Owner{
		{Org: "toray", Name: "Toray Industries, Inc.", Authorship: 12, AuthorshipItems: 4, Score: 12},
	}
	for _, min := range []float64{fingerprint.OwnerMinConfidence, 0} {
		w := fingerprint.DefaultWeights()
		w.OwnerMinConfidence = min
		r := fingerprint.NewResult(fingerprint.Default(), w, ranking, nil)
		v := r.Verdict("Toray")
		fmt.Printf("threshold %.2f: confidence %.2f, owners %v, %s\n", min, r.Ranking[0].Confidence, r.Owners, v.Verdict)
	}
	// Output:
	// threshold 0.50: confidence 0.01, owners [], inconclusive
	// threshold 0.00: confidence 0.01, owners [toray], supported
}

// ExampleExtractor_ExtractOCR reads a screenshot's text in which OCR
// took one character of a name for a look-alike, damaged a corporate
// designation and read an o of a domain as a zero.
func ExampleExtractor_ExtractOCR() {
	x := fingerprint.NewExtractor(fingerprint.Default(), fingerprint.Options{})
	text := "取引先: 三菱雷機 様\n発注元 取引先日本電気株式会杜\nsato@mitsubishielectric.c0.jp"
	x.ExtractOCR(text, func(s fingerprint.Signal) bool {
		fmt.Printf("%s %s %q lookalike=%q\n", s.Kind, s.Value, s.Raw, s.Lookalike)
		return true
	})
	// Body text is never matched so.
	for s := range x.Signals("取引先: 三菱雷機 様") {
		fmt.Println("body:", s.Kind, s.Value)
	}
	fmt.Println(fingerprint.LookAlike('社', '杜'), fingerprint.LookAlike('社', '山'))
	// Output:
	// org_name mitsubishi-electric "三菱雷機" lookalike="三菱電機"
	// org_name nec "日本電気株式会杜" lookalike="日本電気株式会社"
	// email sato@mitsubishielectric.co.jp "sato@mitsubishielectric.c0.jp" lookalike="sato@mitsubishielectric.co.jp"
	// host mitsubishielectric.co.jp "mitsubishielectric.c0.jp" lookalike="mitsubishielectric.co.jp"
	// true false
}
