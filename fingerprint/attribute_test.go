package fingerprint

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func attribute(t *testing.T, items ...Item) *Result {
	t.Helper()
	r, err := Attribute(context.Background(), Default(), items, Options{})
	require.NoError(t, err)
	return r
}

// roles returns, per organisation, the roles of its evidence and the
// score.
func owner(t *testing.T, r *Result, org string) (Owner, bool) {
	t.Helper()
	return r.Owner(org)
}

func doc(path string, fields ...string) Item {
	it := Item{Path: "pack.zip!/" + path, Kind: "document"}
	for i := 0; i+1 < len(fields); i += 2 {
		it.Fields = append(it.Fields, Field{Name: fields[i], Value: fields[i+1]})
	}
	return it
}

func body(path, text string) Item {
	return Item{Path: "pack.zip!/" + path, Kind: "text", Text: text, TextSource: TextBody}
}

func TestRolesAndWeights(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		// want maps an organisation to its custody, authorship and
		// mention scores; absent lists organisations that must not be
		// ranked; echo those named only by the seller.
		want   map[string][3]float64
		absent []string
		echo   []string
	}{
		{
			name:   "portrayal is not Toray",
			items:  []Item{body("a.txt", "The portrayal of the meeting was accurate.")},
			absent: []string{"toray"},
		},
		{
			name:  "company field is ownership",
			items: []Item{doc("po.docx", FieldOrganisation, "東レ株式会社")},
			want:  map[string][3]float64{"toray": {0, WeightOrganisationField, 0}},
		},
		{
			name: "outside customers' addresses in a body are mentions",
			items: []Item{body("list.txt",
				"送付先: kato@toyota.co.jp, suzuki@nec.co.jp, ito@hitachi.co.jp\nご確認ください。")},
			want: map[string][3]float64{"toyota": {0, 0, WeightMention}, "nec": {0, 0, WeightMention}, "hitachi": {0, 0, WeightMention}},
		},
		{
			name: "a vendor's invoice to the owner",
			items: []Item{{
				Path: "pack.zip!/請求書.pdf", Kind: "pdf", TextSource: TextBody,
				// The vendor's letterhead and the addressee's internal
				// delivery path: the vendor is mentioned, the path is the
				// addressee's own system.
				Text: "富士通株式会社\n東京都港区東新橋1-5-2\n請求書\n東レ株式会社 御中\n" +
					"納品先: \\\\tfs01.toray.local\\経理\\受領\nお振込先: みずほ銀行",
				Fields: []Field{{FieldAuthor, "Fujitsu Billing <billing@fujitsu.com>"}},
			}},
			// The author's address is the vendor's account: the vendor
			// made the PDF (authorship), the addressee's UNC path is its
			// own system (custody).
			want: map[string][3]float64{
				"fujitsu": {0, WeightMetadataPerson, 0},
				"toray":   {WeightInternalHost, 0, 0},
			},
		},
		{
			name: "a third party's press release",
			items: []Item{body("press.html",
				"PRESS RELEASE — Hitachi, Ltd. today announced a partnership with Toray and Fujitsu. "+
					"Contact: press@hitachi.com https://www.hitachi.com/New/cnews/")},
			want: map[string][3]float64{
				"hitachi": {0, 0, WeightMention}, "toray": {0, 0, WeightMention}, "fujitsu": {0, 0, WeightMention},
			},
		},
		{
			name:  "a CSV naming one customer 10 000 times is one vote",
			items: []Item{body("customers.csv", strings.Repeat("1,Sony Group Corporation,tanaka@sony.co.jp,東京都\n", 10000))},
			want:  map[string][3]float64{"sony": {0, 0, WeightMention}},
		},
		{
			name: "subsidiary supports its parent weakly, not the other way",
			items: []Item{
				doc("a.docx", FieldOrganisation, "NTT DATA Group Corporation"),
				doc("b.docx", FieldOrganisation, "NTTデータ"),
			},
			want: map[string][3]float64{
				"ntt-data": {0, 2 * WeightOrganisationField, 0},
				"ntt":      {0, 2 * WeightOrganisationField * ParentShare, 0},
			},
		},
		{
			name:   "parent evidence does not support the subsidiary",
			items:  []Item{doc("a.docx", FieldOrganisation, "日本電信電話株式会社")},
			want:   map[string][3]float64{"ntt": {0, WeightOrganisationField, 0}},
			absent: []string{"ntt-data", "ntt-docomo"},
		},
		{
			name: "boilerplate and software vendors weigh zero",
			items: []Item{doc("x.docx",
				FieldSoftware, "Microsoft Office Word",
				FieldOrganisation, "Microsoft Corporation",
				FieldHost, "schemas.openxmlformats.org",
				FieldAuthor, "someone@gmail.com"),
				body("y.txt", "Saved with Microsoft Excel 2019 and Adobe Photoshop; namespace http://schemas.microsoft.com/office/2006"),
			},
			absent: []string{"microsoft"},
		},
		{
			name: "internal mail is custody, its outside copy a mention",
			items: []Item{{
				Path: "pack.zip!/re.eml", Kind: "email",
				Fields: []Field{
					{FieldMailFrom, "中村 浩二 <nakamura.koji@toray.co.jp>"},
					{FieldMailTo, "佐藤 健一 <sato.kenichi@toray.co.jp>"},
					{FieldMailTo, "森田 誠 <morita.makoto@fujitsu.com>"},
					{FieldMailReceived, "mbx02.toray.local"},
				},
			}},
			want: map[string][3]float64{"toray": {WeightInternalMail, 0, 0}, "fujitsu": {0, 0, WeightMention}},
		},
		{
			name: "outside mail: the sender wrote it, the recipient is mentioned",
			items: []Item{{
				Path: "pack.zip!/in.eml", Kind: "email",
				Fields: []Field{
					{FieldMailFrom, "営業 <sales@fujitsu.com>"},
					{FieldMailTo, "購買 <kobai@toray.co.jp>"},
				},
			}},
			want: map[string][3]float64{"toray": {0, 0, WeightMention}, "fujitsu": {0, WeightMailSender, 0}},
		},
		{
			name: "outside mail delivered to the recipient's hosts is the recipient's",
			items: []Item{{
				Path: "pack.zip!/in.eml", Kind: "email",
				Fields: []Field{
					{FieldMailFrom, "営業 <sales@fujitsu.com>"},
					{FieldMailTo, "購買 <kobai@toray.co.jp>"},
					{FieldMailReceived, "mx1.fujitsu.com"},
					{FieldMailReceived, "mbx02.toray.co.jp"},
				},
			}},
			want: map[string][3]float64{"toray": {WeightDelivered, 0, 0}, "fujitsu": {0, WeightMailSender, 0}},
		},
		{
			name: "markings, banners and intranet hosts in a screenshot",
			items: []Item{{
				Path: "pack.zip!/s.png", Kind: "image", TextSource: TextOCR,
				Text: "https://portal.intra.toray.co.jp/top\nログイン中: 東レ株式会社 佐藤 健一\n富士通 保守窓口のお知らせ",
			}, body("c.pdf", "社外秘 東レ株式会社\n取引先: 富士通")},
			want: map[string][3]float64{
				"toray":   {WeightInternalHost + WeightBanner, WeightMarking, 0},
				"fujitsu": {0, 0, 2 * WeightMention},
			},
		},
		{
			name: "a folder name is the seller's: recorded once for all its files, weighing nothing",
			items: []Item{
				body("東レ共有/a.txt", ""), body("東レ共有/b.txt", ""), body("東レ共有/sub/c.txt", ""),
				{Path: "toray-leak.zip"}, // the package's own name is the seller's
			},
			absent: []string{"toray"},
			echo:   []string{"toray"},
		},
		{
			name: "a seller's note is claim echo, whatever it names",
			items: []Item{body("README.txt", "TORAY INDUSTRIES internal data leak - 4 GB\nsample below, full dump for sale.\n"+
				"Contact: telegram @seller, tox 56A1... nakamura.koji@toray.co.jp \\\\tfs01.toray.local\\share")},
			absent: []string{"toray"},
			echo:   []string{"toray"},
		},
		{
			name:   "a wordmark cover is claim echo",
			items:  []Item{{Path: "pack.zip!/cover.png", Kind: "image", TextSource: TextOCR, Text: "FUJITSU\nshaping tomorrow with you"}},
			absent: []string{"fujitsu"},
			echo:   []string{"fujitsu"},
		},
		{
			name:  "a short screenshot with a banner is no wordmark",
			items: []Item{{Path: "pack.zip!/crop.png", Kind: "image", TextSource: TextOCR, Text: "ログイン中: 東レ株式会社 佐藤"}},
			want:  map[string][3]float64{"toray": {WeightBanner, 0, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := attribute(t, tt.items...)
			for org, w := range tt.want {
				o, ok := owner(t, r, org)
				require.True(t, ok, "%s not ranked: %+v", org, r.Ranking)
				assert.InDelta(t, w[0], o.Custody, 1e-9, "%s custody; evidence %+v", org, o.Evidence)
				assert.InDelta(t, w[1], o.Authorship, 1e-9, "%s authorship; evidence %+v", org, o.Evidence)
				assert.InDelta(t, w[2], o.Mention, 1e-9, "%s mention; evidence %+v", org, o.Evidence)
				sum := 0.0
				for _, e := range o.Evidence {
					sum += e.Weight
					assert.NotEmpty(t, e.Signal)
					if e.Signal != "subsidiary" && e.Signal != "more" {
						assert.NotEmpty(t, e.Item)
						assert.NotEmpty(t, e.Match)
					}
				}
				assert.InDelta(t, o.Score, sum, 1e-6, "every point is traceable")
			}
			for _, org := range tt.absent {
				for _, o := range r.Ranking {
					assert.NotEqual(t, org, o.Org, "%s must not be ranked: %+v", org, o.Evidence)
				}
			}
			for _, org := range tt.echo {
				o, ok := owner(t, r, org)
				require.True(t, ok, "%s: the seller's words are recorded", org)
				assert.Zero(t, o.Score)
				assert.Positive(t, o.ClaimEchoItems)
				for _, e := range o.Evidence {
					assert.Equal(t, ClaimEcho, e.Role, "%+v", e)
				}
			}
		})
	}
}

func TestCandidates(t *testing.T) {
	r := attribute(t,
		doc("a.docx", FieldOrganisation, "みなとネットワーク株式会社"),
		Item{Path: "p.zip!/m.eml", Fields: []Field{
			{FieldMailFrom, "a@minato-net.co.jp"}, {FieldMailTo, "b@minato-net.co.jp"}}},
		body("b.txt", "Strictly Confidential — Blue Heron Trading Co., Ltd."),
		body("c.txt", "customers: Green Field Co., Ltd., x@yellow-sky.co.jp"), // mentions: no candidates
		body("d.txt", "host tfs01.acme.local and \\\\fs02.corp.local\\share"),
	)
	keys := map[string]bool{}
	for _, c := range r.Candidates {
		keys[c.Org] = true
		assert.True(t, c.Candidate)
		assert.Positive(t, c.Custody+c.Authorship)
	}
	assert.Equal(t, map[string]bool{
		"みなとネットワーク": true, "minato-net.co.jp": true, "blue heron trading": true, "acme.local": true,
	}, keys)
}

// TestConfidence: the fitted model's confidence follows custody, not
// the documents an organisation made, and falls when custody is split.
func TestConfidence(t *testing.T) {
	mail := func(path, domain string) Item {
		return Item{Path: "p.zip!/" + path, Fields: []Field{{FieldMailFrom, "x@" + domain}, {FieldMailTo, "y@" + domain}}}
	}
	authored := attribute(t,
		doc("a.docx", FieldOrganisation, "Toray"), doc("b.docx", FieldOrganisation, "東レ"),
		doc("c.docx", FieldOrganisation, "東レ株式会社"), doc("d.docx", FieldOrganisation, "TORAY"))
	oneCustody := attribute(t, body("a.txt", `\\tfs01.toray.local\share`))
	custody := attribute(t, mail("a.eml", "toray.co.jp"), mail("b.eml", "toray.co.jp"), body("c.txt", `\\tfs01.toray.local\share`))
	split := attribute(t, mail("a.eml", "toray.co.jp"), mail("b.eml", "fujitsu.com"))
	rival := attribute(t, mail("a.eml", "toray.co.jp"), mail("b.eml", "toray.co.jp"), body("c.txt", `\\tfs01.toray.local\share`),
		mail("d.eml", "fujitsu.com"))
	ca, c1, c3, cs, cr := authored.Ranking[0].Confidence, oneCustody.Ranking[0].Confidence, custody.Ranking[0].Confidence,
		split.Ranking[0].Confidence, rival.Ranking[0].Confidence
	w := DefaultWeights()
	assert.Less(t, ca, w.OwnerMinConfidence, "documents an organisation made, and nothing of its systems: no owner")
	assert.Empty(t, authored.Owners)
	assert.GreaterOrEqual(t, c1, w.OwnerMinConfidence, "one item of custody and no rival")
	assert.GreaterOrEqual(t, c3, c1, "more custody, more confidence")
	assert.Less(t, cs, w.OwnerMinConfidence, "custody split evenly between two organisations")
	assert.Empty(t, split.Owners)
	v := split.Verdict("Toray")
	assert.Equal(t, Inconclusive, v.Verdict)
	assert.Contains(t, v.Reason, "has custody evidence too (8.0 against 8.0)")
	prob := func(r *Result) float64 { return w.Probability(RankingFeatures(r.cat, w, r.Ranking)[0]) }
	assert.Less(t, prob(rival), prob(custody), "a rival's custody lowers the confidence")
	assert.GreaterOrEqual(t, cr, w.OwnerMinConfidence, "three items against one: still the owner")
	for _, r := range []*Result{authored, oneCustody, custody, split, rival} {
		for _, o := range r.Ranking {
			assert.True(t, o.Confidence >= 0 && o.Confidence <= 1)
			f := RankingFeatures(r.cat, w, r.Ranking)
			assert.Len(t, f, len(r.Ranking))
		}
	}
}

// TestConfidenceModel: the logistic model over the features, against
// the formula computed by hand.
func TestConfidenceModel(t *testing.T) {
	w := DefaultWeights()
	f := Features{CustodyItems: 3, AuthorshipItems: 1, MentionItems: 0, Custody: 18, RivalCustody: 6}
	x := f.Vector()
	require.Len(t, x, NumFeatures)
	assert.InDelta(t, math.Log(4), x[FeatureCustodyItems], 1e-12)
	assert.InDelta(t, math.Log(2), x[FeatureAuthorshipItems], 1e-12)
	assert.Zero(t, x[FeatureMentionItems])
	assert.InDelta(t, 2.0/3, x[FeatureCustodyLead], 1e-12)
	z := w.ConfidenceBias + w.ConfidenceCustodyItems*math.Log(4) + w.ConfidenceAuthorshipItems*math.Log(2) + w.ConfidenceCustodyLead*2/3
	assert.InDelta(t, 1/(1+math.Exp(-z)), w.Probability(f), 1e-12)
	assert.Equal(t, math.Round(100/(1+math.Exp(-z)))/100, w.Confidence(f))

	// Custody lent by a subsidiary is no custody of the parent's own.
	assert.Equal(t, []float64{0, 0, 0, 0}, Features{Custody: 7.5}.Vector())
	assert.Equal(t, 1.0, Features{CustodyItems: 1, Custody: 6}.Vector()[FeatureCustodyLead], "the only custodian")
	assert.Zero(t, Features{CustodyItems: 1, Custody: 6, RivalCustody: 6}.Vector()[FeatureCustodyLead], "a tie")
	assert.Zero(t, Features{CustodyItems: 1, Custody: 6, RivalCustody: 20}.Vector()[FeatureCustodyLead], "behind a rival")
	// Hostile counts and scores stay finite.
	for _, f := range []Features{{CustodyItems: -1, Custody: -5, RivalCustody: -1}, {CustodyItems: math.MaxInt, Custody: 1e300, RivalCustody: 1e300}} {
		p := w.Probability(f)
		assert.False(t, math.IsNaN(p) || p < 0 || p > 1, "%+v: %v", f, p)
	}
	assert.Len(t, ConfidenceFeatureNames(), NumFeatures)
}

// TestNewResult: a report's ranking judged again gives the result's
// confidences, owners and verdict.
func TestNewResult(t *testing.T) {
	mail := func(path, domain string) Item {
		return Item{Path: "pack.zip!/" + path, Fields: []Field{{FieldMailFrom, "x@" + domain}, {FieldMailTo, "y@" + domain}}}
	}
	r := attribute(t, mail("toray/a.eml", "toray.co.jp"), mail("toray/b.eml", "toray.co.jp"), doc("c.docx", FieldOrganisation, "富士通"),
		mail("hitachi/d.eml", "hitachi.co.jp"), mail("hitachi/e.eml", "hitachi.co.jp"))
	ranking := slices.Clone(r.Ranking)
	for i := range ranking {
		ranking[i].Confidence = 0
	}
	n := NewResult(Default(), DefaultWeights(), ranking, r.ClaimEcho)
	assert.Equal(t, r.Ranking, n.Ranking)
	assert.Equal(t, r.Owners, n.Owners)
	assert.ElementsMatch(t, []string{"toray", "hitachi"}, n.Owners, "custody in two items each: two victims")
	for _, claim := range []string{"Toray", "Fujitsu", "Hitachi", "NEC"} {
		assert.Equal(t, r.Verdict(claim), n.Verdict(claim), claim)
	}
	// Another table: no owner below its threshold.
	w := DefaultWeights()
	w.ConfidenceBias = -50
	strict := NewResult(Default(), w, ranking, nil)
	assert.Empty(t, strict.Owners)
	v := strict.Verdict("Toray")
	assert.Equal(t, Inconclusive, v.Verdict)
	assert.Contains(t, v.Reason, "is below the confidence of 0.50 an owner needs")
	// A table that fails Validate is replaced by the default one.
	w.ConfidenceBias = math.NaN()
	assert.Equal(t, DefaultWeights(), NewResult(nil, w, nil, nil).Weights())
}

// TestCoOwners: a second organisation is a co-owner only with custody
// evidence of its own; authorship of many documents does not make one.
func TestCoOwners(t *testing.T) {
	mail := func(path, domain string) Item {
		return Item{Path: "pack.zip!/" + path, Fields: []Field{{FieldMailFrom, "x@" + domain}, {FieldMailTo, "y@" + domain}}}
	}
	toray := []Item{mail("t1.eml", "toray.co.jp"), mail("t2.eml", "toray.co.jp"), body("t.txt", `\\tfs01.toray.local\share`)}
	var authored []Item
	for i := range 6 {
		authored = append(authored, doc(fmt.Sprintf("hitachi/%d.docx", i), FieldOrganisation, "株式会社日立製作所", FieldAuthor, "a@hitachi.co.jp"))
	}
	r := attribute(t, append(append([]Item{}, toray...), authored...)...)
	assert.Equal(t, []string{"toray"}, r.Owners, "documents another organisation made: no co-owner")
	h, ok := r.Owner("hitachi")
	require.True(t, ok)
	assert.Positive(t, h.Authorship)
	assert.Zero(t, h.Custody)

	r = attribute(t, append(append([]Item{}, toray...), mail("hitachi/h1.eml", "hitachi.co.jp"), mail("hitachi/h2.eml", "hitachi.co.jp"))...)
	assert.Equal(t, []string{"toray", "hitachi"}, r.Owners, "custody evidence of its own in two items, in a part of its own")
	v := r.Verdict("日立")
	assert.Equal(t, Supported, v.Verdict, v.Reason)
	assert.Contains(t, v.Reason, "Toray")
	v = r.Verdict("Toray")
	assert.Regexp(t, `Hitachi, Ltd\. \(hitachi, confidence [0-9.]+\) \(in hitachi/\)`, v.Reason, "the part the second owner holds alone")
	for _, o := range r.Owners {
		oo, _ := r.Owner(o)
		assert.GreaterOrEqual(t, oo.Confidence, OwnerMinConfidence, "a co-owner is not the other's rival")
	}
	h, _ = r.Owner("hitachi")
	assert.Equal(t, []Part{{Name: "hitachi", Custody: 16, OwnCustody: 16}}, h.Parts)
	tr, _ := r.Owner("toray")
	assert.Equal(t, []Part{{Name: TopPart, Custody: 22, OwnCustody: 22}}, tr.Parts)

	// The same mail in the owner's own folder: one organisation's
	// systems held both, so no second owner, and custody is mixed.
	r = attribute(t, append(append([]Item{}, toray...), mail("h1.eml", "hitachi.co.jp"), mail("h2.eml", "hitachi.co.jp"))...)
	assert.Equal(t, []string{"toray"}, r.Owners, "no part of its own")
	assert.Equal(t, Inconclusive, r.Verdict("日立").Verdict)

	// A supplier's documents in a folder of their own, each with its
	// Company and a template path on its file server: provenance, which
	// travels with the documents; neither a co-owner nor mixed custody.
	var supplied []Item
	for i := range 4 {
		supplied = append(supplied, doc(fmt.Sprintf("certs/%d.docx", i), FieldOrganisation, "株式会社日立製作所",
			FieldPath, `\\hfs01.hitachi.co.jp\templates\cert.dotx`))
	}
	r = attribute(t, append(append([]Item{}, toray...), supplied...)...)
	assert.Equal(t, []string{"toray"}, r.Owners)
	h, _ = r.Owner("hitachi")
	assert.Equal(t, 4, h.CustodyItems)
	assert.Zero(t, h.OwnCustodyItems)
	assert.Zero(t, h.OwnCustody)
	v = r.Verdict("Hitachi")
	assert.Equal(t, Contradicted, v.Verdict, v.Reason)
	assert.Contains(t, v.Reason, "travel with it")
	// The same path in a document nobody signed is custody of its own.
	supplied = supplied[:0]
	for i := range 4 {
		supplied = append(supplied, doc(fmt.Sprintf("certs/%d.docx", i), FieldPath, `\\hfs01.hitachi.co.jp\templates\cert.dotx`))
	}
	r = attribute(t, append(append([]Item{}, toray...), supplied...)...)
	h, _ = r.Owner("hitachi")
	assert.Equal(t, 4, h.OwnCustodyItems)
}

func TestCommonDirAndParts(t *testing.T) {
	for _, c := range []struct{ x, y, want string }{
		{"a/b/c", "a/bd", "a"}, {"a/b", "a/b", "a/b"}, {"a/b", "a/b/c", "a/b"}, {"", "a/b", ""}, {"p.zip!/x", "p.zip!", "p.zip!"},
		{"p.zip!/x", "q.zip!/x", ""},
	} {
		assert.Equal(t, c.want, commonDir(c.x, c.y), "%q %q", c.x, c.y)
		assert.Equal(t, c.want, commonDir(c.y, c.x), "%q %q", c.y, c.x)
	}
	for _, c := range []struct{ root, dir, want string }{
		{"p.zip!", "p.zip!", TopPart}, {"p.zip!", "p.zip!/hr/2024", "hr"}, {"", "p.zip!/hr", "p.zip!"}, {"a", "ab/c", TopPart},
	} {
		assert.Equal(t, c.want, partOf(c.root, c.dir), "%q %q", c.root, c.dir)
	}
}

// TestClaimForms: claims as sellers write them.
func TestClaimForms(t *testing.T) {
	items := []Item{
		{Path: "p.zip!/a.eml", Fields: []Field{{FieldMailFrom, "a@toyota.co.jp"}, {FieldMailTo, "b@toyota.co.jp"}}},
		{Path: "p.zip!/b.eml", Fields: []Field{{FieldMailFrom, "c@toyota.co.jp"}, {FieldMailTo, "d@toyota.co.jp"}}},
		body("c.txt", `\\tfs01.toyota.local\share`),
	}
	r := attribute(t, items...)
	for _, claim := range []string{
		"toyota", "Toyota", "TOYOTA MOTOR CORPORATION", "Toyota Motor Corp.", "トヨタ自動車株式会社",
		"ﾄﾖﾀ", "ﾄﾖﾀ自動車(株)", "ＴＯＹＯＴＡ", "toyota.co.jp", "https://global.toyota/en/", "soumu@toyota.co.jp",
		"  トヨタ  ",
	} {
		v := r.Verdict(claim)
		assert.Equal(t, "toyota", v.ClaimedOrg, claim)
		assert.Equal(t, "Toyota Motor Corporation", v.ClaimedName, claim)
		assert.Equal(t, strings.TrimSpace(claim), v.Claimed, "the claim as given")
		assert.Equal(t, Supported, v.Verdict, "%s: %s", claim, v.Reason)
	}
	// A short ticker-like alias and a domain label.
	for claim, id := range map[string]string{"NEC": "nec", "ｎｅｃ": "nec", "KDDI": "kddi", "nttdata": "ntt-data", "mitsubishielectric": "mitsubishi-electric"} {
		v := r.Verdict(claim)
		assert.Equal(t, id, v.ClaimedOrg, claim)
		assert.Equal(t, strings.TrimSpace(claim), v.Claimed, "the claim as given")
		assert.Equal(t, Contradicted, v.Verdict, "%s: %s", claim, v.Reason)
		assert.Equal(t, RelationUnrelated, v.Relation, claim)
	}
	// A candidate outside the catalogue, by its domain, its name, its
	// domain label and the first word of its name.
	cand := []Item{
		doc("a.xlsx", FieldOrganisation, "Blue Heron Trading Co., Ltd.", FieldAuthor, "kim@blueheron-trading.co.jp"),
		{Path: "p.zip!/m1.eml", Fields: []Field{{FieldMailFrom, "a@blueheron-trading.co.jp"}, {FieldMailTo, "b@blueheron-trading.co.jp"}}},
		{Path: "p.zip!/m2.eml", Fields: []Field{{FieldMailFrom, "c@blueheron-trading.co.jp"}, {FieldMailTo, "d@blueheron-trading.co.jp"}}},
	}
	r = attribute(t, cand...)
	require.Equal(t, []string{"blueheron-trading.co.jp"}, r.Owners)
	for _, claim := range []string{"blueheron-trading.co.jp", "Blue Heron Trading", "BLUE HERON TRADING CO., LTD.", "blueheron-trading", "Blue Heron"} {
		v := r.Verdict(claim)
		assert.Equal(t, "blueheron-trading.co.jp", v.ClaimedOrg, claim)
		assert.Equal(t, strings.TrimSpace(claim), v.Claimed, "the claim as given")
		assert.Equal(t, Supported, v.Verdict, "%s: %s", claim, v.Reason)
	}
}

func TestEvidenceBounded(t *testing.T) {
	var items []Item
	for i := range 500 {
		items = append(items, doc(fmt.Sprintf("d%03d.docx", i), FieldOrganisation, "Toray"))
		items = append(items, body(fmt.Sprintf("t%03d.txt", i), "富士通"))
	}
	r, err := Attribute(context.Background(), Default(), items, Options{MaxEvidence: 10})
	require.NoError(t, err)
	for _, o := range r.Ranking {
		assert.LessOrEqual(t, len(o.Evidence), 12, o.Org)
		sum := 0.0
		for _, e := range o.Evidence {
			sum += e.Weight
		}
		assert.InDelta(t, o.Score, sum, 1e-6, "the rest is summed")
	}
	top := r.Ranking[0]
	assert.Equal(t, "toray", top.Org)
	assert.InDelta(t, 500*WeightOrganisationField, top.Score, 1e-6)
	assert.Equal(t, "more", top.Evidence[len(top.Evidence)-1].Signal)
}

func TestAttributeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := Attribute(ctx, nil, []Item{body("a", "Toray")}, Options{})
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, r)
	assert.Empty(t, r.Ranking)
}

func TestMailboxScreenshot(t *testing.T) {
	shot := func(text string) Item {
		return Item{Path: "pack.zip!/inbox.png", Kind: "image", Text: text, TextSource: TextOCR}
	}
	inbox := shot("受信トレイ\n山田 太郎 taro.yamada@hitachi.co.jp 見積書\n鈴木 花子 hanako.suzuki@hitachi.co.jp 会議\n佐藤 健 ken.sato@hitachi.co.jp 報告\nsales@example-vendor.co.jp ご案内")
	r := attribute(t, inbox)
	h, ok := owner(t, r, "hitachi")
	require.True(t, ok)
	assert.Equal(t, float64(WeightMailbox), h.Custody, "three colleagues' addresses on one screen: a mailbox")
	assert.Equal(t, 1, h.CustodyItems)
	require.NotEmpty(t, h.Evidence)
	assert.Equal(t, "ocr/mailbox", h.Evidence[0].Signal)
	assert.Equal(t, "3 addresses @hitachi.co.jp", h.Evidence[0].Match)

	// Two addresses of a vendor's contact page are mentions.
	r = attribute(t, shot("Contact us: sales@hitachi.co.jp or support@hitachi.co.jp"))
	h, ok = owner(t, r, "hitachi")
	require.True(t, ok)
	assert.Zero(t, h.Custody)
	assert.Positive(t, h.Mention)

	// Body text (a customer list) is not a screenshot: no mailbox rule.
	r = attribute(t, body("customers.csv", "a@hitachi.co.jp\nb@hitachi.co.jp\nc@hitachi.co.jp\nd@hitachi.co.jp"))
	h, _ = owner(t, r, "hitachi")
	assert.Zero(t, h.Custody)
}

func TestCandidateNameAndDomainMerge(t *testing.T) {
	items := []Item{
		doc("在庫表.xlsx", FieldOrganisation, "みなとAV商事株式会社", FieldAuthor, "sasaki.yu@minato-av.co.jp"),
		doc("見積.docx", FieldAuthor, "ito.ken@minato-av.co.jp"),
		doc("別件.docx", FieldOrganisation, "みなとAV商事株式会社"),
	}
	r := attribute(t, items...)
	require.NotEmpty(t, r.Candidates)
	var keys []string
	for _, c := range r.Candidates {
		keys = append(keys, c.Org)
	}
	assert.Equal(t, []string{"minato-av.co.jp"}, keys, "the company name and the domain seen in one item are one candidate")
	c := r.Candidates[0]
	assert.Contains(t, c.Name, "みなと", "the display name is the company's name")
	assert.Equal(t, 3, c.AuthorshipItems, "items are counted once after the merge")
	assert.Equal(t, float64(2*WeightOrganisationField+2*WeightMetadataPerson), c.Authorship)

	// Without an item naming both, they stay apart.
	r = attribute(t, items[1], items[2])
	assert.Len(t, r.Candidates, 2)
}
