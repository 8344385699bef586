package misp_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/exporttest"
	"github.com/proofpack/proofpack/evidence/misp"
	"github.com/proofpack/proofpack/fingerprint"
)

// analyze triages the sample pack again (exporttest.Analyze); sample
// returns the report made once per test binary (exporttest.Sample).
var (
	analyze   = exporttest.Analyze
	sample    = exporttest.Sample
	triagedAt = exporttest.TriagedAt
)

func write(t testing.TB, r *evidence.Report, opt misp.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, misp.Write(&buf, r, opt))
	return buf.Bytes()
}

func decode(t testing.TB, b []byte) *misp.Document {
	t.Helper()
	var d misp.Document
	require.NoError(t, json.Unmarshal(b, &d))
	return &d
}

func objects(d *misp.Document, name string) []misp.Object {
	var out []misp.Object
	for _, o := range d.Event.Object {
		if o.Name == name {
			out = append(out, o)
		}
	}
	return out
}

func value(o misp.Object, rel string) string {
	for _, a := range o.Attribute {
		if a.ObjectRelation == rel {
			return a.Value
		}
	}
	return ""
}

func refsOf(o misp.Object, rel string) []string {
	var out []string
	for _, r := range o.ObjectReference {
		if r.RelationshipType == rel {
			out = append(out, r.ReferencedUUID)
		}
	}
	return out
}

func TestEventOfTheSampleClaim(t *testing.T) {
	rep := sample(t, "Fujitsu")
	require.EqualValues(t, "contradicted", rep.Claim.Verdict)
	b := write(t, rep, misp.Options{Seller: "kurogane_market", ClaimDate: time.Date(2021, 6, 20, 0, 0, 0, 0, time.UTC)})
	assert.Empty(t, eventViolations(b, ourTemplates, ourRelationships))
	d := decode(t, b)
	ev := d.Event

	assert.Equal(t, "2021-06-20", ev.Date, "the claim's date")
	assert.Equal(t, "1777627800", ev.Timestamp)
	assert.Equal(t, "2", ev.ThreatLevelID)
	assert.Equal(t, "2", ev.Analysis)
	assert.Equal(t, "0", ev.Distribution)
	assert.Contains(t, ev.Info, "claim of Fujitsu Limited data contradicted")
	assert.Contains(t, ev.Info, "the data belongs to Toray Industries, Inc.")
	assert.Contains(t, ev.Info, exporttest.Case)
	assert.Equal(t, []misp.Tag{
		{Name: "tlp:amber+strict"},
		{Name: `estimative-language:likelihood-probability="almost-no-chance"`},
		{Name: `estimative-language:confidence-in-analytic-judgment="high"`},
	}, ev.Tag)

	posts := objects(d, "ransomware-group-post")
	require.Len(t, posts, 1)
	post := posts[0]
	assert.Equal(t, "Claim: Fujitsu Limited data", value(post, "title"))
	assert.Equal(t, "Fujitsu Limited", value(post, "entity-name"))
	assert.Equal(t, "kurogane_market", value(post, "ransomware-group"))
	assert.Equal(t, "2021-06-20T00:00:00Z", value(post, "date-published"))
	assert.Contains(t, value(post, "description"), rep.Package.SHA256)
	assert.Contains(t, value(post, "description"), `holds data of Fujitsu Limited (claimed as "Fujitsu")`)

	victims := objects(d, "victim")
	require.Len(t, victims, 2)
	toray, fujitsu := victims[0], victims[1]
	assert.Equal(t, "Toray Industries, Inc.", value(toray, "name"))
	assert.Contains(t, value(toray, "description"), "Owner of the data")
	assert.Equal(t, "Fujitsu Limited", value(fujitsu, "name"))
	assert.Contains(t, value(fujitsu, "description"), "relation to the owner: counterparty")
	assert.Equal(t, []string{fujitsu.UUID}, refsOf(post, "mentions"))

	anns := objects(d, "annotation")
	require.Len(t, anns, 1)
	assert.Equal(t, "Verdict on the claim: contradicted. "+rep.Claim.Reason, value(anns[0], "text"))
	assert.Equal(t, []string{post.UUID}, refsOf(anns[0], "annotates"))
}

func TestEventFiles(t *testing.T) {
	rep := sample(t, "Fujitsu")
	d := decode(t, write(t, rep, misp.Options{}))
	files := objects(d, "file")
	require.Len(t, files, len(rep.Items)+1, "one per item and the package")
	victims := objects(d, "victim")
	toray, fujitsu := victims[0].UUID, victims[1].UUID
	byPath := map[string]misp.Object{}
	for _, f := range files[1:] {
		byPath[value(f, "fullpath")] = f
	}
	// Which items mention Fujitsu, in the report.
	mentions := map[string]bool{}
	for _, o := range rep.Attribution.Ranking {
		if o.Org == "fujitsu" {
			for _, e := range o.Evidence {
				if e.Role == "mention" {
					mentions[e.Item] = true
				}
			}
		}
	}
	require.NotEmpty(t, mentions)
	for _, it := range rep.Items {
		f, ok := byPath[it.Path]
		require.True(t, ok, it.Path)
		assert.Equal(t, it.SHA256, value(f, "sha256"))
		assert.Equal(t, it.SHA1, value(f, "sha1"))
		assert.Equal(t, it.MD5, value(f, "md5"))
		assert.Equal(t, it.MIME, value(f, "mimetype"))
		assert.Equal(t, it.Path[strings.LastIndex(it.Path, "/")+1:], value(f, "filename"))
		assert.Equal(t, []string{toray}, refsOf(f, "belongs-to"), "one owner: every file is its data")
		if mentions[it.Path] {
			assert.Equal(t, []string{fujitsu}, refsOf(f, "mentions"), it.Path)
		} else {
			assert.Empty(t, refsOf(f, "mentions"), it.Path)
		}
	}
	name := map[string]string{}
	for _, f := range files {
		name[f.UUID] = value(f, "filename")
	}
	contains := func(f misp.Object) []string {
		var out []string
		for _, u := range refsOf(f, "contains") {
			out = append(out, name[u])
		}
		return out
	}
	assert.Equal(t, rep.Package.SHA256, value(files[0], "sha256"))
	assert.Len(t, contains(files[0]), 14, "the package contains its members")
	assert.ElementsMatch(t, []string{"old_share.tar.gz"}, contains(byPath["fujitsu-proofpack.zip!/FJ_sample/backup/old_share.zip"]))
	assert.ElementsMatch(t, []string{"hosts", "logon.bat", "README_shares.txt"}, contains(byPath["fujitsu-proofpack.zip!/FJ_sample/backup/old_share.zip!/old_share.tar.gz"]))
}

func TestEventOfEachVerdict(t *testing.T) {
	for _, tc := range []struct {
		claim, verdict, likelihood, confidence string
		victims                                int
	}{
		{"Fujitsu", "contradicted", "almost-no-chance", "high", 2},
		{"Toray", "supported", "almost-certain", "high", 1},
		{"Kurokawa Widgets", "inconclusive", "", "low", 2}, // in no profile: no likelihood
		{"", "", "", "", 1},
	} {
		t.Run(tc.claim, func(t *testing.T) {
			rep := sample(t, tc.claim)
			require.EqualValues(t, tc.verdict, rep.Claim.Verdict)
			b := write(t, rep, misp.Options{})
			assert.Empty(t, eventViolations(b, ourTemplates, ourRelationships))
			d := decode(t, b)
			var likelihood, confidence string
			for _, tag := range d.Event.Tag {
				if v, ok := strings.CutPrefix(tag.Name, "estimative-language:likelihood-probability="); ok {
					likelihood = strings.Trim(v, `"`)
				}
				if v, ok := strings.CutPrefix(tag.Name, "estimative-language:confidence-in-analytic-judgment="); ok {
					confidence = strings.Trim(v, `"`)
				}
			}
			assert.Equal(t, tc.likelihood, likelihood)
			assert.Equal(t, tc.confidence, confidence)
			assert.Len(t, objects(d, "victim"), tc.victims)
			if tc.claim == "" {
				assert.Empty(t, objects(d, "ransomware-group-post"))
				assert.Empty(t, objects(d, "annotation"))
				assert.Equal(t, "1", d.Event.Analysis)
			}
		})
	}
}

func TestLikelihood(t *testing.T) {
	for p, want := range map[float64]string{0: "almost-no-chance", 0.049: "almost-no-chance", 0.05: "very-unlikely", 0.3: "unlikely",
		0.5: "roughly-even-chance", 0.55: "roughly-even-chance", 0.6: "likely", 0.8: "very-likely", 0.95: "almost-certain", 1: "almost-certain"} {
		assert.Equal(t, want, misp.Likelihood(p), "%v", p)
	}
}

// A re-run over the same pack gives the same event, byte for byte.
func TestEventIsDeterministic(t *testing.T) {
	first := write(t, analyze(t, "Fujitsu"), misp.Options{Seller: "kurogane_market"})
	second := write(t, analyze(t, "Fujitsu"), misp.Options{Seller: "kurogane_market"})
	require.Equal(t, string(first), string(second))
	red := decode(t, write(t, sample(t, "Fujitsu"), misp.Options{Seller: "kurogane_market", TLP: "red"}))
	assert.Equal(t, "tlp:red", red.Event.Tag[0].Name)
	assert.Equal(t, decode(t, first).Event.UUID, red.Event.UUID, "the TLP is no part of what the event is")
}

func TestEventOptionErrors(t *testing.T) {
	rep := sample(t, "Fujitsu")
	for _, opt := range []misp.Options{{TLP: "PURPLE"}, {Distribution: 7}, {ThreatLevel: 9}} {
		_, err := misp.NewEvent(rep, opt)
		assert.ErrorIs(t, err, misp.ErrOptions, "%+v", opt)
	}
	undated := *rep
	undated.TriagedAt = ""
	_, err := misp.NewEvent(&undated, misp.Options{})
	assert.ErrorIs(t, err, misp.ErrOptions)
	d, err := misp.NewEvent(&undated, misp.Options{Created: triagedAt, ThreatLevel: 1, Distribution: 1})
	require.NoError(t, err)
	assert.Equal(t, "2026-05-01", d.Event.Date)
	assert.Equal(t, "1", d.Event.ThreatLevelID)
	assert.Equal(t, "1", d.Event.Distribution)
}

// Strings from a hostile package stay strings: the event is valid JSON,
// and keeps its rules.
func TestEventOfHostileNames(t *testing.T) {
	rep := &evidence.Report{
		Tool:      evidence.Tool{Name: "proofpack", Version: "test"},
		TriagedAt: "2026-05-01T09:30:00Z",
		Package:   evidence.Package{Name: "p\xffack.zip", Format: "zip", Size: 10},
		Claim:     evidence.Claim{Claimed: "Evil\x1b[31mCorp\"}", Verdict: "inconclusive", Reason: "no \xfe profile"},
		Items: []evidence.Item{
			{Path: "p\xffack.zip!/a\xfe.zip", Kind: "archive", Container: "zip", Size: 0},
			{Path: "p\xffack.zip!/a\xfe.zip!/<script>\u202e.png", Kind: "image", Container: "zip", Size: 3, Complete: true,
				MD5: strings.Repeat("a", 32), SHA1: strings.Repeat("b", 40), SHA256: strings.Repeat("c", 64)},
		},
	}
	b := write(t, rep, misp.Options{Seller: "s\x00eller"})
	assert.True(t, json.Valid(b))
	assert.Empty(t, eventViolations(b, ourTemplates, ourRelationships))
	d := decode(t, b)
	assert.Equal(t, "Evil\x1b[31mCorp\"}", value(objects(d, "victim")[0], "name"))
	assert.Equal(t, "a\ufffd.zip", value(objects(d, "file")[1], "filename"))
}

// The checks of templates_test.go find what they look for.
func TestEventChecksCatchFaults(t *testing.T) {
	valid := write(t, sample(t, "Fujitsu"), misp.Options{Seller: "kurogane_market"})
	require.Empty(t, eventViolations(valid, ourTemplates, ourRelationships))
	for _, tc := range []struct {
		name   string
		break_ func(d *misp.Document)
		want   string
	}{
		{"relation outside the template", func(d *misp.Document) { d.Event.Object[0].Attribute[0].ObjectRelation = "headline" }, `relation "headline"`},
		{"wrong type", func(d *misp.Document) { find(d, "victim").Attribute[0].Type = "text" }, "name is a target-org, not a text"},
		{"wrong category", func(d *misp.Document) { find(d, "file").Attribute[0].Category = "Other" }, "category Other"},
		{"required missing", func(d *misp.Document) {
			a := find(d, "annotation")
			a.Attribute = a.Attribute[1:]
		}, "none of [text]"},
		{"single relation twice", func(d *misp.Document) {
			f := find(d, "file")
			f.Attribute = append(f.Attribute, f.Attribute[len(f.Attribute)-1])
		}, "not multiple"},
		{"unknown relationship", func(d *misp.Document) { find(d, "ransomware-group-post").ObjectReference[0].RelationshipType = "owns" }, "relationship owns"},
		{"dangling reference", func(d *misp.Document) { find(d, "annotation").ObjectReference[0].ReferencedUUID = d.Event.UUID }, "no object of the event"},
		{"old template version", func(d *misp.Document) { find(d, "victim").TemplateVersion = "3" }, "version 3"},
		{"unknown tag", func(d *misp.Document) { d.Event.Tag[0].Name = "tlp:white" }, `tag "tlp:white"`},
		{"bad hash", func(d *misp.Document) {
			for i, a := range find(d, "file").Attribute {
				if a.Type == "sha256" {
					find(d, "file").Attribute[i].Value = "xyz"
				}
			}
		}, `sha256 "xyz"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := decode(t, valid)
			tc.break_(d)
			b, err := json.Marshal(d)
			require.NoError(t, err)
			v := eventViolations(b, ourTemplates, ourRelationships)
			require.NotEmpty(t, v)
			assert.Contains(t, strings.Join(v, "\n"), tc.want)
		})
	}
}

func find(d *misp.Document, name string) *misp.Object {
	for i := range d.Event.Object {
		if d.Event.Object[i].Name == name {
			return &d.Event.Object[i]
		}
	}
	panic("no " + name)
}

// A pack of two victims' data (testdata/attribution, generated by
// internal/attrpack, fictional organisations): each file belongs-to the
// owner whose evidence it holds, the seller's note to neither.
func TestEventOfTwoVictims(t *testing.T) {
	cat, err := fingerprint.LoadFile(filepath.Join("..", "..", "testdata", "attribution", "orgs.yaml"))
	require.NoError(t, err)
	rep, err := evidence.Analyze(t.Context(), filepath.Join("..", "..", "testdata", "attribution", "tv01-chigusa-and-hibari-claim-chigusa.zip"),
		evidence.Options{Orgs: cat, Claim: "Chigusa Foods", Now: func() time.Time { return triagedAt }})
	require.NoError(t, err)
	require.Equal(t, []string{"chigusa", "hibari"}, rep.Claim.Owners)
	b := write(t, rep, misp.Options{})
	assert.Empty(t, eventViolations(b, ourTemplates, ourRelationships))
	d := decode(t, b)
	victims := map[string]string{}
	for _, v := range objects(d, "victim") {
		victims[v.UUID] = value(v, "name")
	}
	require.Len(t, victims, 2, "the claimed organisation is the first owner")
	for _, f := range objects(d, "file")[1:] {
		path := value(f, "fullpath")
		var owners []string
		for _, u := range refsOf(f, "belongs-to") {
			owners = append(owners, victims[u])
		}
		switch {
		case strings.Contains(path, "/chigusa/"):
			assert.Equal(t, []string{"Chigusa Foods Co., Ltd."}, owners, path)
		case strings.Contains(path, "/hibari/"):
			assert.Equal(t, []string{"Hibari Transport Co., Ltd."}, owners, path)
		default:
			assert.Empty(t, owners, "%s: two victims, and no evidence of either", path)
		}
	}
}
