package fingerprint

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

// lookalikeYAML is a catalogue of fictional organisations whose names
// the look-alike tests misread.
const lookalikeYAML = `organisations:
  - id: takatsu
    name: タカツ精工株式会社
    aliases: [タカツ精工, Takatsu Seiko]
    domains: [takatsu-seiko.co.jp]
  - id: hokuto
    name: 北斗ツール株式会社
    aliases: [北斗ツール]
    domains: [hokuto-tool.com]
  - id: yamaden
    name: ヤマ電
    domains: [yamaden.jp]
  - id: kamome
    name: Kamome Unyu
    aliases: [かもめ運輸]
    domains: [kamome-unyu.co.jp]
  - id: abc
    name: ABC Shoji
    domains: [abc.co.jp]
`

var lookalikeExtractor = sync.OnceValue(func() *Extractor {
	c, err := Load(strings.NewReader(lookalikeYAML))
	if err != nil {
		panic(err)
	}
	return NewExtractor(c, Options{})
})

// The table pairs the cases rely on; TestLookalikeCases checks them
// first, so that a new table that drops one fails here by name.
var (
	lookalikeNeeded = [][2]rune{{'タ', '夕'}, {'ツ', 'ッ'}, {'社', '杜'}, {'ヤ', 'ャ'}}
	lookalikeNot    = [][2]rune{{'工', '山'}, {'ツ', '川'}}
)

// lookalikeCases feed TestLookalikeCases and seed FuzzLookalike. want
// are signals ExtractOCR must find with Lookalike look (or exactly, when
// look is ""); Extract must find none with a look-alike.
var lookalikeCases = []struct {
	name string
	text string
	want []sig
	look []string // Lookalike of each want
	not  []sig    // must not be found (Raw "" matches any)
}{
	{name: "first character", text: "発注先: 夕カツ精工 様",
		want: []sig{{OrgName, "takatsu", "夕カツ精工"}}, look: []string{"タカツ精工"}},
	{name: "inner kana", text: "北斗ッール の見積",
		want: []sig{{OrgName, "hokuto", "北斗ッール"}}, look: []string{"北斗ツール"}},
	{name: "exact beats look-alike", text: "タカツ精工 と 北斗ツール",
		want: []sig{{OrgName, "takatsu", "タカツ精工"}, {OrgName, "hokuto", "北斗ツール"}}, look: []string{"", ""}},
	{name: "two differences", text: "夕カッ精工 の件",
		not: []sig{{OrgName, "takatsu", ""}}},
	{name: "difference not in the table", text: "タカツ精山 の件",
		not: []sig{{OrgName, "takatsu", ""}}},
	{name: "three characters", text: "ャマ電 の件",
		not: []sig{{OrgName, "yamaden", ""}}},
	{name: "short name exact", text: "ヤマ電 の件",
		want: []sig{{OrgName, "yamaden", "ヤマ電"}}, look: []string{""}},
	{name: "boundary still needed", text: "夕カツ精工業組合",
		not: []sig{{OrgName, "takatsu", ""}}},
	{name: "damaged designation anchors", text: "取引先タカツ精工株式会杜 御中",
		want: []sig{{OrgName, "takatsu", "タカツ精工株式会杜"}}, look: []string{"タカツ精工株式会社"}},
	{name: "damaged designation before", text: "取引先: 株式会杜タカツ精工",
		want: []sig{{OrgName, "takatsu", "株式会杜タカツ精工"}}, look: []string{"株式会社タカツ精工"}},
	{name: "script change is a boundary", text: "取引先夕カツ精工株式会社 御中",
		want: []sig{{OrgName, "takatsu", "夕カツ精工"}}, look: []string{"タカツ精工"}},
	{name: "kanji next to kanji", text: "取引先北斗ッール 御中",
		not: []sig{{OrgName, "hokuto", ""}}},
	{name: "intact designation anchors a misread name", text: "取引先北斗ッール株式会社 御中",
		want: []sig{{OrgName, "hokuto", "北斗ッール株式会社"}}, look: []string{"北斗ツール株式会社"}},
	{name: "intact designation before a misread name", text: "取引先: 株式会社北斗ッール",
		want: []sig{{OrgName, "hokuto", "株式会社北斗ッール"}}, look: []string{"株式会社北斗ツール"}},
	{name: "misread name and designation", text: "取引先夕カツ精工株式会杜 御中",
		not: []sig{{OrgName, "takatsu", ""}}},
	{name: "damaged designation names no stranger", text: "取引先山田商店株式会杜 御中",
		not: []sig{{CompanyString, "", ""}}},
	{name: "domain 0 for o", text: "sato@takatsu-seik0.co.jp",
		want: []sig{{Email, "sato@takatsu-seiko.co.jp", "sato@takatsu-seik0.co.jp"}}, look: []string{"sato@takatsu-seiko.co.jp"}},
	{name: "domain rn for m", text: "ito@karnome-unyu.co.jp",
		want: []sig{{Email, "ito@kamome-unyu.co.jp", "ito@karnome-unyu.co.jp"}}, look: []string{"ito@kamome-unyu.co.jp"}},
	{name: "dot dropped before the suffix", text: "sato@takatsu-seikoco.jp",
		want: []sig{{Email, "sato@takatsu-seiko.co.jp", "sato@takatsu-seikoco.jp"}}, look: []string{"sato@takatsu-seiko.co.jp"}},
	{name: "dot dropped in the suffix", text: "mail sato@takatsu-seiko.cojp now",
		want: []sig{{Email, "sato@takatsu-seiko.co.jp", "sato@takatsu-seiko.cojp"}, {Domain, "takatsu-seiko.co.jp", "takatsu-seiko.cojp"}},
		look: []string{"sato@takatsu-seiko.co.jp", "takatsu-seiko.co.jp"}},
	{name: "host and URL", text: "https://portal.takatsu-seik0.co.jp/top and fs1.hokuto-too1.com",
		want: []sig{{URL, "https://portal.takatsu-seiko.co.jp/top", "https://portal.takatsu-seik0.co.jp/top"}, {Host, "fs1.hokuto-tool.com", "fs1.hokuto-too1.com"}},
		look: []string{"https://portal.takatsu-seiko.co.jp/top", "fs1.hokuto-tool.com"}},
	{name: "two Latin confusions", text: "sato@takatsu-seik0.c0.jp",
		not: []sig{{Email, "sato@takatsu-seiko.co.jp", ""}, {Domain, "takatsu-seiko.co.jp", ""}}},
	{name: "short label", text: "sato@abc.c0.jp and sato@abcco.jp",
		not: []sig{{Email, "sato@abc.co.jp", ""}, {Domain, "abc.co.jp", ""}}},
}

func TestLookalikeTablePairs(t *testing.T) {
	for _, p := range lookalikeNeeded {
		assert.True(t, LookAlike(p[0], p[1]), "table lacks %c/%c", p[0], p[1])
		assert.True(t, LookAlike(p[1], p[0]), "table lacks %c/%c reversed", p[1], p[0])
	}
	for _, p := range lookalikeNot {
		assert.False(t, LookAlike(p[0], p[1]), "table lists %c/%c", p[0], p[1])
	}
	assert.False(t, LookAlike('社', '社'))
	assert.False(t, LookAlike('a', 'b'))
	assert.False(t, LookAlike(-1, '社'))
}

func TestLookalikeCases(t *testing.T) {
	x := lookalikeExtractor()
	for _, tc := range lookalikeCases {
		t.Run(tc.name, func(t *testing.T) {
			var got []Signal
			x.ExtractOCR(tc.text, func(s Signal) bool {
				require.Equal(t, s.Raw, tc.text[s.Offset:s.End()])
				got = append(got, s)
				return true
			})
			for i, w := range tc.want {
				found := false
				for _, s := range got {
					if s.Kind == w.Kind && s.Value == w.Value && s.Raw == w.Raw {
						found = true
						assert.Equal(t, tc.look[i], s.Lookalike, "%v", w)
					}
				}
				assert.True(t, found, "want %v in %v", w, sigs(got))
			}
			for _, n := range tc.not {
				for _, s := range got {
					if s.Kind == n.Kind && (n.Value == "" || s.Value == n.Value) && (n.Raw == "" || s.Raw == n.Raw) {
						t.Errorf("found %v", sig{s.Kind, s.Value, s.Raw})
					}
				}
			}
			// Body text and metadata: never a look-alike.
			for _, s := range extractAll(t, x, tc.text) {
				assert.Empty(t, s.Lookalike, "Extract: %v", sig{s.Kind, s.Value, s.Raw})
			}
		})
	}
}

// lookalikeAttribute returns a function that attributes items against
// the catalogue of the look-alike tests.
func lookalikeAttribute(t *testing.T) func(items ...Item) *Result {
	t.Helper()
	c, err := Load(strings.NewReader(lookalikeYAML))
	require.NoError(t, err)
	return func(items ...Item) *Result {
		r, err := Attribute(context.Background(), c, items, Options{})
		require.NoError(t, err)
		return r
	}
}

// TestLookalikeAttribution: a look-alike match is evidence of its class
// at LookalikeFactor of the weight, says so in its signal, loses to an
// exact match of the same class, and body text never gives one.
func TestLookalikeAttribution(t *testing.T) {
	c, err := Load(strings.NewReader(lookalikeYAML))
	require.NoError(t, err)
	run := lookalikeAttribute(t)
	banner := "ログイン中: 夕カツ精工 佐藤 健一\n受注一覧"
	r := run(Item{Path: "p.zip!/a.png", Text: banner, TextSource: TextOCR})
	o, ok := r.Owner("takatsu")
	require.True(t, ok)
	require.Len(t, o.Evidence, 1)
	assert.Equal(t, "ocr/org_name_lookalike", o.Evidence[0].Signal)
	assert.Equal(t, Custody, o.Evidence[0].Role)
	assert.Equal(t, "夕カツ精工", o.Evidence[0].Match)
	assert.InDelta(t, WeightBanner*LookalikeFactor, o.Evidence[0].Weight, 1e-9)
	assert.InDelta(t, WeightBanner*LookalikeFactor, o.Custody, 1e-9)

	// The same line read exactly in the same screenshot: the exact vote.
	r = run(Item{Path: "p.zip!/a.png", Text: banner + "\nログイン中: タカツ精工 佐藤", TextSource: TextOCR})
	o, _ = r.Owner("takatsu")
	require.Len(t, o.Evidence, 1)
	assert.Equal(t, "ocr/org_name", o.Evidence[0].Signal)
	assert.InDelta(t, float64(WeightBanner), o.Evidence[0].Weight, 1e-9)

	// Body text and metadata: nothing.
	r = run(Item{Path: "p.zip!/a.txt", Text: banner, TextSource: TextBody,
		Fields: []Field{{FieldOrganisation, "夕カツ精工"}, {FieldAuthor, "夕カツ精工"}}})
	_, ok = r.Owner("takatsu")
	assert.False(t, ok)

	// A mailbox of addresses read with a look-alike domain.
	inbox := "sato@takatsu-seik0.co.jp\nito@takatsu-seik0.co.jp\nkato@takatsu-seiko.co.jp\n"
	r = run(Item{Path: "p.zip!/m.png", Text: inbox, TextSource: TextOCR})
	o, ok = r.Owner("takatsu")
	require.True(t, ok)
	var signals []string
	for _, e := range o.Evidence {
		signals = append(signals, e.Signal)
		if e.Signal == "ocr/mailbox_lookalike" {
			assert.InDelta(t, WeightMailbox*LookalikeFactor, e.Weight, 1e-9)
		}
	}
	assert.Contains(t, signals, "ocr/mailbox_lookalike")

	// A table that weighs look-alike matches at nothing.
	w := DefaultWeights()
	w.LookalikeFactor = 0
	r, err = Attribute(context.Background(), c, []Item{{Path: "p.zip!/a.png", Text: banner, TextSource: TextOCR}}, Options{Weights: &w})
	require.NoError(t, err)
	if o, ok := r.Owner("takatsu"); ok {
		assert.Zero(t, o.Score)
	}
	w.LookalikeFactor = 1.5
	assert.ErrorIs(t, w.Validate(), ErrWeights)
}

// TestLookalikeBodyCorpus: a large Japanese text made of the test data
// (the OCR set's ground truth, the extract cases) with every catalogue
// name of the default catalogue misread once gives look-alike matches
// read as OCR text, and none read as body text.
func TestLookalikeBodyCorpus(t *testing.T) {
	x := NewExtractor(Default(), Options{MaxSignals: 1 << 20})
	var b strings.Builder
	for _, tc := range extractCases {
		b.WriteString(tc.text + "\n")
	}
	misread := 0
	for _, o := range Default().Orgs() {
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			if m, ok := misreadOnce(NormalizeName(n)); ok {
				b.WriteString("取引先: " + m + " 様\n")
				misread++
			}
		}
	}
	require.NotZero(t, misread)
	text := strings.Repeat(b.String(), 50)
	body, ocr := 0, 0
	x.Extract(text, func(s Signal) bool {
		if s.Lookalike != "" {
			body++
		}
		return true
	})
	x.ExtractOCR(text, func(s Signal) bool {
		if s.Lookalike != "" {
			ocr++
		}
		return true
	})
	assert.Zero(t, body)
	assert.GreaterOrEqual(t, ocr, 50*misread)
}

// misreadOnce replaces the first character of name (a catalogue key)
// that the table has a look-alike for, when the name may be matched so.
func misreadOnce(name string) (string, bool) {
	if !lookalikeEligible(name) {
		return "", false
	}
	for i, r := range name {
		if l := lookalikesOf(r); len(l) > 0 {
			return name[:i] + string(l[0]) + name[i+utf8.RuneLen(r):], true
		}
	}
	return "", false
}

// TestLookalikeHostile: an OCR text made of nothing but the first
// characters of names, their look-alikes and damaged designations, or
// of misread addresses, stays within the signal cap and finds what it
// holds.
func TestLookalikeHostile(t *testing.T) {
	x := lookalikeExtractor()
	text := strings.Repeat("夕タ株妹式会杜", 20000) + strings.Repeat(" a@takatsu-seik0.co.jp", 20000)
	n, look := 0, 0
	truncated := x.ExtractOCR(text, func(s Signal) bool {
		n++
		if s.Lookalike != "" {
			look++
		}
		return true
	})
	assert.True(t, truncated)
	assert.Equal(t, DefaultMaxSignals, n)
	assert.Positive(t, look)
}

func FuzzLookalike(f *testing.F) {
	for _, tc := range lookalikeCases {
		f.Add(tc.text)
	}
	for _, l := range ocrSetLines(f) {
		f.Add(l)
	}
	x := lookalikeExtractor()
	xd := defaultExtractor()
	f.Fuzz(func(t *testing.T, text string) {
		for _, ex := range []*Extractor{x, xd} {
			last := -1
			ex.ExtractOCR(text, func(s Signal) bool {
				if s.Offset < 0 || s.End() > len(text) || text[s.Offset:s.End()] != s.Raw {
					t.Fatalf("signal %+v not in the text", s)
				}
				if s.Offset < last {
					t.Fatalf("offsets out of order")
				}
				last = s.Offset
				if s.Lookalike == "" || s.Kind != OrgName {
					return true
				}
				// One character differs, and the table lists the pair.
				got := []rune(norm.NFKC.String(s.Raw))
				want := []rune(s.Lookalike)
				if len(got) != len(want) {
					t.Fatalf("%q read as %q: lengths differ", s.Raw, s.Lookalike)
				}
				d := 0
				for i := range got {
					if got[i] != want[i] {
						d++
						if !LookAlike(got[i], want[i]) {
							t.Fatalf("%q read as %q: %c/%c not alike", s.Raw, s.Lookalike, got[i], want[i])
						}
					}
				}
				if d != 1 {
					t.Fatalf("%q read as %q: %d differences", s.Raw, s.Lookalike, d)
				}
				return true
			})
			ex.Extract(text, func(s Signal) bool {
				if s.Lookalike != "" {
					t.Fatalf("Extract found a look-alike: %+v", s)
				}
				return true
			})
		}
	})
}

// ocrSetLines returns the Japanese lines of the OCR test set's ground
// truth (testdata/ocr/manifest.json), misread once where the table
// allows, and as they are.
func ocrSetLines(tb testing.TB) []string {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "ocr", "manifest.json"))
	require.NoError(tb, err)
	var cases []struct {
		Lang  string   `json:"lang"`
		Lines []string `json:"lines"`
	}
	require.NoError(tb, json.Unmarshal(data, &cases))
	var out []string
	for _, c := range cases {
		if c.Lang != "jpn" {
			continue
		}
		for _, l := range c.Lines {
			out = append(out, l)
			for i, r := range l {
				if al := lookalikesOf(r); len(al) > 0 && (r == '社' || r == '会' || classOf(r) == clKatakana) {
					out = append(out, l[:i]+string(al[0])+l[i+utf8.RuneLen(r):])
					break
				}
			}
		}
	}
	return out
}

// TestAltTextAttribution: an organisation found only in the second
// reading of OCR text (Item.AltText) is evidence of its class at
// LookalikeFactor, with an "_alt" signal; the same name in the text
// itself gives the exact vote; the second reading makes no candidate
// outside the catalogue, and is read for OCR text only.
func TestAltTextAttribution(t *testing.T) {
	run := lookalikeAttribute(t)
	// The first model damaged the name beyond one look-alike character.
	main, alt := "ログイン中: 夕力ツ精エ 佐藤 健一\n受注一覧", "ログイン中: タカツ精工 佐藤 健一"
	r := run(Item{Path: "p.zip!/a.png", Text: main, AltText: alt, TextSource: TextOCR})
	o, ok := r.Owner("takatsu")
	require.True(t, ok, "found through the second reading")
	require.Len(t, o.Evidence, 1)
	assert.Equal(t, "ocr/org_name_alt", o.Evidence[0].Signal)
	assert.Equal(t, Custody, o.Evidence[0].Role)
	assert.InDelta(t, WeightBanner*LookalikeFactor, o.Evidence[0].Weight, 1e-9)

	// Read whole by the first model too: the exact vote alone.
	r = run(Item{Path: "p.zip!/a.png", Text: alt, AltText: alt + "株式会社", TextSource: TextOCR})
	o, _ = r.Owner("takatsu")
	require.Len(t, o.Evidence, 1)
	assert.Equal(t, "ocr/org_name", o.Evidence[0].Signal)

	// Body text has no second reading.
	r = run(Item{Path: "p.zip!/a.txt", Text: "受注一覧", AltText: alt, TextSource: TextBody})
	_, ok = r.Owner("takatsu")
	assert.False(t, ok)

	// A company outside the catalogue on a banner of the second reading
	// makes no candidate; on the first one it does.
	other := "ログイン中: 山葵電機株式会社 佐藤"
	r = run(Item{Path: "p.zip!/a.png", Text: "受注一覧", AltText: other, TextSource: TextOCR})
	assert.Empty(t, r.Candidates)
	r = run(Item{Path: "p.zip!/a.png", Text: other, TextSource: TextOCR})
	assert.NotEmpty(t, r.Candidates)
}
