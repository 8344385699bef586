package fingerprint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []string // every message, in order
	}{
		{"duplicate id", `organisations:
  - id: toray
    name: Toray
  - id: fujitsu
    name: Fujitsu
  - id: toray
    name: Toray again
`, []string{`profiles:6: duplicate id "toray" (first at line 2)`}},
		{"unknown parent", `organisations:
  - id: ntt-data
    name: NTT DATA
    parent: nttt
`, []string{`profiles:4: unknown parent "nttt" of "ntt-data"`}},
		{"parent cycle", `organisations:
  - id: a
    name: A
    parent: b
  - id: b
    name: B
    parent: a
`, []string{`profiles:4: parent cycle: a → b → a`}},
		{"self parent", `organisations:
  - id: a
    name: A
    parent: a
`, []string{`profiles:4: parent cycle: a → a`}},
		{"empty id and name", `organisations:
  - id: ""
    name: Nameless
  - id: x
    name: ""
`, []string{`profiles:2: empty id`, `profiles:4: organisation "x" has an empty name`}},
		{"bad id", `organisations:
  - id: Toray Industries
    name: Toray
`, []string{`profiles:2: id "Toray Industries": use lower-case letters, digits, '-', '_' and '.'`}},
		{"malformed domains", `organisations:
  - id: toray
    name: Toray
    domains:
      - https://toray.co.jp
      - toray.co.jp/en
      - co.jp
`, []string{
			`profiles:5: malformed domain "https://toray.co.jp": a domain has no scheme`,
			`profiles:6: malformed domain "toray.co.jp/en": a domain has no path`,
			`profiles:7: malformed domain "co.jp": a public suffix, not an organisation's domain`,
		}},
		{"domain claimed twice", `organisations:
  - id: toray
    name: Toray
    domains: [toray.co.jp]
  - id: other
    name: Other
    domains: [TORAY.co.jp]
`, []string{`profiles:7: domain "toray.co.jp" of "other" is already claimed by "toray" (line 4)`}},
		{"alias claimed twice", `organisations:
  - id: toray
    name: Toray Industries, Inc.
    aliases: [東レ]
  - id: other
    name: Other
    aliases:
      - 東レ株式会社
`, []string{`profiles:8: name "東レ株式会社" of "other" is already claimed by "toray" (line 4)`}},
		{"alias only a designation", `organisations:
  - id: x
    name: X
    aliases: [株式会社]
`, []string{`profiles:4: alias "株式会社" of "x" is only a corporate designation`}},
		{"unknown field", `organisations:
  - id: toray
    name: Toray
    domians: [toray.co.jp]
`, []string{`profiles:4: unknown field "domians" (want id, name, aliases, domains, parent, hosts, identifiers)`}},
		{"unknown top-level field", `organisation:
  - id: toray
`, []string{`profiles:1: unknown field "organisation" (want organisations)`}},
		{"anchors", `organisations:
  - &t
    id: toray
    name: Toray
  - *t
`, []string{`profiles:2: YAML anchors and aliases are not supported`}},
		{"not a list", `organisations: toray`, []string{`profiles:1: organisations must be a list`}},
		{"aliases not a list", `organisations:
  - id: toray
    name: Toray
    aliases: 東レ
`, []string{`profiles:4: aliases must be a list of strings`}},
		{"empty", ``, []string{`profiles: empty: no organisations key`}},
		{"two documents", "organisations: []\n---\norganisations: []\n", []string{`profiles:2: more than one document`}},
		{"syntax", "organisations:\n  - id: [\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Nil(t, c)
			assert.ErrorIs(t, err, ErrProfile)
			if tc.want == nil {
				return
			}
			var got []string
			var j interface{ Unwrap() []error }
			if errors.As(err, &j) {
				for _, e := range j.Unwrap() {
					got = append(got, e.Error())
				}
			} else {
				got = []string{err.Error()}
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestLoadFileName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "profiles.yaml")
	require.NoError(t, os.WriteFile(path, []byte("organisations:\n  - id: toray\n    name: Toray\n  - id: toray\n    name: T\n"), 0o600))
	_, err := LoadFile(path)
	require.Error(t, err)
	assert.Equal(t, path+`:4: duplicate id "toray" (first at line 2)`, err.Error())
	_, err = LoadFile(filepath.Join(dir, "missing.yaml"))
	assert.ErrorIs(t, err, ErrProfile)
}

func TestLoadJSON(t *testing.T) {
	in := `{"organisations": [
  {"id": "toray", "name": "Toray Industries, Inc.", "aliases": ["Toray", "東レ"], "domains": ["toray.co.jp", "toray.com"], "parent": ""},
  {"id": "toray-sub", "name": "Toray Subsidiary", "domains": ["sub.toray.co.jp"], "parent": "toray"}
]}`
	c, err := Load(strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, 2, c.Len())
	o, ok := c.ByDomain("WWW.SUB.TORAY.CO.JP.")
	require.True(t, ok)
	assert.Equal(t, "toray-sub", o.ID)
	o, ok = c.ByDomain("mail.toray.co.jp")
	require.True(t, ok)
	assert.Equal(t, "toray", o.ID)
	assert.Equal(t, []string{"toray"}, c.Ancestors("toray-sub"))

	_, err = Load(strings.NewReader(`{"organisations": [{"id": "x", "name": "X", "domians": []}]}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `profiles:1: unknown field "domians"`)
}

func TestLookups(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name, want string
	}{
		{"TORAY", "toray"}, {"Ｔｏｒａｙ", "toray"}, {"東レ株式会社", "toray"}, {"東レ㈱", "toray"},
		{"Toray Industries, Inc.", "toray"}, {"富士通", "fujitsu"}, {"ＦＵＪＩＴＳＵ", "fujitsu"},
		{"NTTデータ", "ntt-data"}, {"Amazon Web Services", "aws"}, {"nosuch", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, ok := c.ByName(tc.name)
			assert.Equal(t, tc.want != "", ok)
			assert.Equal(t, tc.want, o.ID)
		})
	}
	for _, tc := range []struct {
		host, want string
	}{
		{"jp.fujitsu.com", "fujitsu"}, {"a.b.fujitsu.com", "fujitsu"}, {"www.toray.co.jp", "toray"},
		{"aws.amazon.com", "aws"}, {"s3.amazonaws.com", "aws"}, {"www.amazon.com", "amazon"},
		{"co.jp", ""}, {"gmail.com", ""},
	} {
		t.Run(tc.host, func(t *testing.T) {
			o, ok := c.ByDomain(tc.host)
			assert.Equal(t, tc.want != "", ok)
			assert.Equal(t, tc.want, o.ID)
		})
	}
	o, ok := c.ByID("ntt-data")
	require.True(t, ok)
	assert.Equal(t, "ntt", o.Parent)
	assert.Nil(t, c.Ancestors("toray"))
	assert.Nil(t, c.Ancestors("nosuch"))
}

func TestSharedWithAncestor(t *testing.T) {
	c, err := New([]Org{
		{ID: "group", Name: "Group", Domains: []string{"group.example.co.jp"}, Aliases: []string{"Grp"}},
		{ID: "sub", Name: "Sub", Domains: []string{"group.example.co.jp"}, Aliases: []string{"GRP"}, Parent: "group"},
	})
	require.NoError(t, err)
	o, _ := c.ByDomain("group.example.co.jp")
	assert.Equal(t, "group", o.ID)
	o, _ = c.ByName("grp")
	assert.Equal(t, "group", o.ID)

	_, err = New([]Org{
		{ID: "a", Name: "A", Domains: []string{"shared.com"}},
		{ID: "b", Name: "B", Domains: []string{"shared.com"}},
	})
	require.Error(t, err)
	assert.Equal(t, `domain "shared.com" of "b" is already claimed by "a" (organisation "a")`, err.Error())
}

func TestDefaultCatalogue(t *testing.T) {
	c, err := Load(strings.NewReader(string(DefaultYAML())))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, c.Len(), 30)
	for _, o := range Default().Orgs() {
		t.Run(o.ID, func(t *testing.T) {
			assert.NotEmpty(t, o.Domains)
			for _, d := range o.Domains {
				reg, ok := RegistrableDomain(d)
				require.True(t, ok, d)
				assert.True(t, d == reg || strings.HasSuffix(d, "."+reg), d)
				_, free := BoilerplateHost(d)
				assert.False(t, free, "%s is listed as boilerplate", d)
			}
		})
	}
	for id, names := range map[string][]string{
		"fujitsu": {"富士通", "富士通株式会社", "Fujitsu"},
		"toray":   {"東レ", "東レ株式会社", "Toray"},
	} {
		o, ok := Default().ByID(id)
		require.True(t, ok, id)
		for _, n := range names {
			assert.Contains(t, append([]string{o.Name}, o.Aliases...), n)
		}
	}
	assert.Equal(t, []string{"amazon"}, Default().Ancestors("aws"))
}

func TestMerge(t *testing.T) {
	add, err := Load(strings.NewReader(`organisations:
  - id: toray
    name: Toray Industries, Inc.
    aliases: [東レ, TORAY]
    domains: [toray.co.jp, toray.com, toray-intra.jp]
  - id: acme
    name: Acme Trading Co., Ltd.
    aliases: [アクメ商事]
    domains: [acme-trading.co.jp]
`))
	require.NoError(t, err)
	m, err := Merge(Default(), add)
	require.NoError(t, err)
	assert.Equal(t, Default().Len()+1, m.Len())
	o, ok := m.ByDomain("mail.toray-intra.jp")
	require.True(t, ok)
	assert.Equal(t, "toray", o.ID)
	o, ok = m.ByName("アクメ商事")
	require.True(t, ok)
	assert.Equal(t, "acme", o.ID)
	// Toray's entry was replaced whole: the position is kept.
	assert.Equal(t, "toray", m.Orgs()[1].ID)

	clash, err := Load(strings.NewReader(`organisations:
  - id: fake
    name: Fake
    domains: [fujitsu.com]
`))
	require.NoError(t, err)
	_, err = Merge(Default(), clash)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrProfile)
	assert.Equal(t, `profiles:4: domain "fujitsu.com" of "fake" is already claimed by "fujitsu" (catalogue.yaml:10)`, err.Error())

	m, err = Merge(nil, add)
	require.NoError(t, err)
	assert.Equal(t, 2, m.Len())
}

func TestNewDoesNotShare(t *testing.T) {
	orgs := []Org{{ID: "x", Name: "X", Domains: []string{"X.COM"}}}
	c, err := New(orgs)
	require.NoError(t, err)
	assert.Equal(t, "X.COM", orgs[0].Domains[0])
	o, _ := c.ByID("x")
	assert.Equal(t, "x.com", o.Domains[0])
}

// TestMergeParentFromBase: an extension may name an organisation of the
// catalogue it is merged into as a parent; the merged catalogue knows
// the line, and the verdict on a claim of the parent says the group was
// reached through its subsidiary. A parent in neither is an error with
// the extension's line; Load, for a whole catalogue, still refuses it.
func TestMergeParentFromBase(t *testing.T) {
	const ext = `organisations:
  - id: kumoi-fj
    name: Kumoi Fujitsu Systems Ltd.
    aliases: [雲居富士通システムズ]
    domains: [kumoi-fj.example.jp]
    parent: fujitsu
`
	_, err := Load(strings.NewReader(ext))
	require.ErrorIs(t, err, ErrProfile)
	assert.Equal(t, `profiles:6: unknown parent "fujitsu" of "kumoi-fj"`, err.Error())

	add, err := LoadExtension(strings.NewReader(ext))
	require.NoError(t, err)
	assert.Equal(t, []string{"fujitsu"}, add.Ancestors("kumoi-fj"))
	m, err := Merge(Default(), add)
	require.NoError(t, err)
	assert.Equal(t, []string{"fujitsu"}, m.Ancestors("kumoi-fj"))
	assert.Equal(t, Default().Len()+1, m.Len())

	mail := func(path, from, to string) Item {
		return Item{Path: "p.zip!/" + path, Fields: []Field{{FieldMailFrom, from}, {FieldMailTo, to}}}
	}
	r := attributeWith(t, m,
		mail("a.eml", "ito@kumoi-fj.example.jp", "ueda@kumoi-fj.example.jp"),
		mail("b.eml", "ueda@kumoi-fj.example.jp", "ito@kumoi-fj.example.jp"),
		doc("plan.docx", FieldOrganisation, "雲居富士通システムズ"))
	v := r.Verdict("富士通")
	assert.Equal(t, "kumoi-fj", v.Owner, v.Reason)
	assert.Equal(t, "Kumoi Fujitsu Systems Ltd.", v.OwnerName)
	assert.Equal(t, Contradicted, v.Verdict, v.Reason)
	assert.Equal(t, RelationSubsidiaryOfClaimed, v.Relation, v.Reason)
	assert.Equal(t, "fujitsu", v.ClaimedOrg)

	// A parent in neither the extension nor the base.
	orphan, err := LoadExtension(strings.NewReader(strings.Replace(ext, "parent: fujitsu", "parent: fujitsuu", 1)))
	require.NoError(t, err)
	_, err = Merge(Default(), orphan)
	require.ErrorIs(t, err, ErrProfile)
	assert.Equal(t, `profiles:6: unknown parent "fujitsuu" of "kumoi-fj"`, err.Error())

	// A cycle through the base: the extension restates NTT under its
	// subsidiary of the base, NTT DATA.
	cyc, err := LoadExtension(strings.NewReader(`organisations:
  - id: ntt
    name: NTT
    parent: ntt-data
`))
	require.NoError(t, err)
	_, err = Merge(Default(), cyc)
	require.ErrorIs(t, err, ErrProfile)
	assert.Contains(t, err.Error(), "parent cycle")
}

func TestKinship(t *testing.T) {
	cat, err := New([]Org{
		{ID: "group", Name: "Group", Domains: []string{"group.example.co.jp"}},
		{ID: "sub", Name: "Sub", Domains: []string{"sub.example.co.jp"}, Parent: "group"},
		{ID: "subsub", Name: "Subsub", Domains: []string{"subsub.example.co.jp"}, Parent: "sub"},
		{ID: "other", Name: "Other", Domains: []string{"other.example.co.jp"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ claimed, owner, want string }{
		{"sub", "sub", RelationSame},
		{"group", "subsub", RelationSubsidiaryOfClaimed},
		{"subsub", "group", RelationParentOfClaimed},
		{"sub", "other", ""},
		{"unknown", "sub", ""},
	} {
		if got := cat.Kinship(tc.claimed, tc.owner); got != tc.want {
			t.Errorf("Kinship(%s, %s) = %q, want %q", tc.claimed, tc.owner, got, tc.want)
		}
	}
	var none *Catalogue
	if got := none.Kinship("a", "b"); got != "" {
		t.Errorf("nil catalogue: %q", got)
	}
}
