package stix_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/evidence/internal/exporttest"
	"github.com/proofpack/proofpack/evidence/stix"
	"github.com/proofpack/proofpack/fingerprint"
)

// analyze triages the sample pack again (exporttest.Analyze); sample
// returns the report made once per test binary (exporttest.Sample).
var (
	analyze   = exporttest.Analyze
	sample    = exporttest.Sample
	triagedAt = exporttest.TriagedAt
)

func write(t testing.TB, r *evidence.Report, opt stix.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, stix.Write(&buf, r, opt))
	return buf.Bytes()
}

// decoded is a bundle read back as generic JSON, indexed.
type decoded struct {
	byID   map[string]map[string]any
	byType map[string][]map[string]any
}

func decode(t testing.TB, b []byte) decoded {
	t.Helper()
	var bundle struct{ Objects []map[string]any }
	require.NoError(t, json.Unmarshal(b, &bundle))
	d := decoded{byID: map[string]map[string]any{}, byType: map[string][]map[string]any{}}
	for _, o := range bundle.Objects {
		d.byID[str(o["id"])] = o
		d.byType[str(o["type"])] = append(d.byType[str(o["type"])], o)
	}
	return d
}

func (d decoded) named(typ, name string) map[string]any {
	for _, o := range d.byType[typ] {
		if o["name"] == name {
			return o
		}
	}
	return nil
}

func TestBundleOfTheSampleClaim(t *testing.T) {
	rep := sample(t, "Fujitsu")
	require.EqualValues(t, "contradicted", rep.Claim.Verdict)
	b := write(t, rep, stix.Options{Seller: "kurogane_market"})
	assert.Empty(t, specViolations(b))
	d := decode(t, b)

	toray := d.named("identity", "Toray Industries, Inc.")
	fujitsu := d.named("identity", "Fujitsu Limited")
	seller := d.named("identity", "kurogane_market")
	producer := d.named("identity", "proofpack")
	require.NotNil(t, toray)
	require.NotNil(t, fujitsu)
	require.NotNil(t, seller)
	require.NotNil(t, producer)
	assert.Equal(t, "organization", toray["identity_class"])
	assert.Contains(t, toray["description"], "Owner of the data")
	assert.Contains(t, fujitsu["description"], "Named by the seller's claim")
	assert.Equal(t, "system", producer["identity_class"])
	assert.Equal(t, "unknown", seller["identity_class"])

	require.Len(t, d.byType["report"], 1)
	claim := d.byType["report"][0]
	assert.Equal(t, "Claim: Fujitsu Limited data", claim["name"])
	assert.Contains(t, claim["description"], `holds data of Fujitsu Limited (claimed as "Fujitsu")`)
	assert.Equal(t, "2026-05-01T09:30:00.000Z", claim["published"], "no claim date: the triage time")
	assert.Equal(t, []any{"case:" + exporttest.Case}, claim["labels"])
	assert.Equal(t, exporttest.Case, claim["external_references"].([]any)[0].(map[string]any)["external_id"])
	claimRefs := list(claim["object_refs"])
	assert.Contains(t, claimRefs, fujitsu["id"])
	assert.Contains(t, claimRefs, seller["id"])
	assert.NotContains(t, claimRefs, toray["id"], "the claim names Fujitsu, not Toray")
	for _, f := range d.byType["file"] {
		assert.Contains(t, claimRefs, f["id"], "every file is offered as proof")
	}

	require.Len(t, d.byType["opinion"], 1)
	op := d.byType["opinion"][0]
	assert.Equal(t, "strongly-disagree", op["opinion"], "Toray's confidence is %v", rep.Attribution.Ranking[0].Confidence)
	assert.EqualValues(t, 99, op["confidence"])
	assert.Equal(t, rep.Claim.Reason, op["explanation"])
	assert.Equal(t, []any{claim["id"]}, op["object_refs"])
	assert.Equal(t, []any{"proofpack " + evidence.Version, exporttest.Analyst}, op["authors"])

	// Every SDO is proofpack's, and everything is marked AMBER+STRICT,
	// the case's TLP.
	for _, o := range d.byID {
		if o["type"] == "marking-definition" {
			assert.Equal(t, "TLP:AMBER+STRICT", o["name"])
			continue
		}
		assert.Equal(t, []any{"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"}, o["object_marking_refs"], o["id"])
		if o["type"] != "file" {
			assert.Equal(t, producer["id"], o["created_by_ref"], o["id"])
			assert.Equal(t, "2026-05-01T09:30:00.000Z", o["created"])
		}
	}
}

func TestBundleFilesAndNesting(t *testing.T) {
	rep := sample(t, "Fujitsu")
	d := decode(t, write(t, rep, stix.Options{}))
	// One file per item, one for the package.
	require.Len(t, d.byType["file"], len(rep.Items)+1)
	byName := map[string]map[string]any{}
	for _, f := range d.byType["file"] {
		byName[str(f["name"])] = f
	}
	for _, it := range rep.Items {
		name := it.Path[strings.LastIndex(it.Path, "/")+1:]
		f := byName[name]
		require.NotNil(t, f, name)
		hashes := f["hashes"].(map[string]any)
		assert.Equal(t, it.SHA256, hashes["SHA-256"], name)
		assert.Equal(t, it.SHA1, hashes["SHA-1"], name)
		assert.Equal(t, it.MD5, hashes["MD5"], name)
		assert.EqualValues(t, it.Size, f["size"], name)
		assert.Equal(t, it.MIME, f["mime_type"], name)
	}
	contains := func(name string) []string {
		ext, _ := byName[name]["extensions"].(map[string]any)
		a, _ := ext["archive-ext"].(map[string]any)
		var names []string
		for _, r := range list(a["contains_refs"]) {
			names = append(names, str(d.byID[str(r)]["name"]))
		}
		return names
	}
	assert.Equal(t, []string{"old_share.tar.gz"}, contains("old_share.zip"))
	assert.Equal(t, []string{"hosts", "logon.bat", "README_shares.txt"}, contains("old_share.tar.gz"))
	assert.Equal(t, []string{"maintenance_renewal_FY2021.pdf"}, contains("RE_保守契約の更新について.eml"))
	top := contains("fujitsu-proofpack.zip")
	assert.Len(t, top, 14, "the package lists its own members, not theirs: %v", top)
	assert.Contains(t, top, "old_share.zip")
	assert.NotContains(t, top, "hosts")
	pkg := byName["fujitsu-proofpack.zip"]
	assert.Equal(t, rep.Package.SHA256, pkg["hashes"].(map[string]any)["SHA-256"])
	// The zip fixes instants (extended timestamps): mtime in UTC.
	assert.Equal(t, "2021-06-04T01:32:00.000Z", byName["portal_top.png"]["mtime"])
}

func TestBundleNotesAreTheDecisiveEvidence(t *testing.T) {
	rep := sample(t, "Fujitsu")
	d := decode(t, write(t, rep, stix.Options{MaxNotes: 5}))
	notes := d.byType["note"]
	require.Len(t, notes, 5)
	toray := d.named("identity", "Toray Industries, Inc.")
	for i, n := range notes {
		assert.Contains(t, n["abstract"], "custody evidence for Toray Industries, Inc.")
		refs := list(n["object_refs"])
		require.Len(t, refs, 3)
		file := d.byID[str(refs[0])]
		assert.Equal(t, "file", file["type"])
		assert.Contains(t, n["content"], file["name"], "note %d names its item", i)
		assert.Equal(t, toray["id"], refs[1])
		assert.Equal(t, "opinion", d.byID[str(refs[2])]["type"])
	}
	// The strongest first: the internal mail's sender, weight 8.
	assert.Contains(t, notes[0]["content"], `matched "nakamura.koji@toray.co.jp"`)
	assert.Contains(t, notes[0]["content"], "(weight 8)")

	all := decode(t, write(t, rep, stix.Options{}))
	var custody, authorship int
	for _, e := range rep.Attribution.Ranking[0].Evidence {
		switch e.Role {
		case "custody":
			custody++
		case "authorship":
			authorship++
		}
	}
	assert.Len(t, all.byType["note"], min(custody+authorship, stix.DefaultMaxNotes), "custody and authorship, never mentions")
}

func TestOpinionOfEachVerdict(t *testing.T) {
	for _, tc := range []struct {
		claim, verdict, opinion string
		confidence              any
	}{
		{"Fujitsu", "contradicted", "strongly-disagree", 99.0},
		{"Toray", "supported", "strongly-agree", 99.0},
		{"Kurokawa Widgets", "inconclusive", "neutral", nil}, // in no profile
	} {
		t.Run(tc.claim, func(t *testing.T) {
			rep := sample(t, tc.claim)
			require.EqualValues(t, tc.verdict, rep.Claim.Verdict)
			b := write(t, rep, stix.Options{})
			assert.Empty(t, specViolations(b))
			d := decode(t, b)
			op := d.byType["opinion"][0]
			assert.Equal(t, tc.opinion, op["opinion"])
			assert.Equal(t, tc.confidence, op["confidence"])
			assert.Equal(t, tc.opinion, stix.OpinionOf(rep))
			if tc.verdict == "supported" {
				assert.Len(t, d.byType["identity"], 2, "owner and claimed are one identity, beside proofpack")
			}
		})
	}
	// Below 0.9 the opinion is plain.
	rep := *sample(t, "Fujitsu")
	rep.Attribution.Ranking = append([]evidence.Owner(nil), rep.Attribution.Ranking...)
	rep.Attribution.Ranking[0].Confidence = 0.7
	assert.Equal(t, "disagree", stix.OpinionOf(&rep))
	rep.Claim.Verdict = "supported"
	rep.Claim.Claimed, rep.Claim.Relation = "toray", "same"
	assert.Equal(t, "agree", stix.OpinionOf(&rep))
}

func TestBundleWithoutClaim(t *testing.T) {
	rep := sample(t, "")
	b := write(t, rep, stix.Options{})
	assert.Empty(t, specViolations(b))
	d := decode(t, b)
	assert.Empty(t, d.byType["report"])
	assert.Empty(t, d.byType["opinion"])
	assert.NotNil(t, d.named("identity", "Toray Industries, Inc."), "the owner is known without a claim")
	assert.NotEmpty(t, d.byType["note"])
	for _, n := range d.byType["note"] {
		assert.Len(t, list(n["object_refs"]), 2, "file and owner, no opinion")
	}
}

// A re-run over the same pack gives the same bundle, byte for byte: two
// triages, not one report written twice.
func TestBundleIsDeterministic(t *testing.T) {
	first := write(t, analyze(t, "Fujitsu"), stix.Options{Seller: "kurogane_market"})
	second := write(t, analyze(t, "Fujitsu"), stix.Options{Seller: "kurogane_market"})
	require.Equal(t, string(first), string(second))

	// Another TLP marks differently and changes nothing else of a file.
	d1 := decode(t, first)
	d2 := decode(t, write(t, sample(t, "Fujitsu"), stix.Options{Seller: "kurogane_market", TLP: "tlp:red"}))
	assert.Equal(t, "TLP:RED", d2.byType["marking-definition"][0]["name"])
	for id := range d1.byID {
		if strings.HasPrefix(id, "file--") || strings.HasPrefix(id, "identity--") {
			assert.NotNil(t, d2.byID[id], "%s keeps its id", id)
		}
	}
	// Another time dates every domain object so, and keeps the ids.
	later := decode(t, write(t, sample(t, "Fujitsu"), stix.Options{Seller: "kurogane_market", Created: triagedAt.Add(time.Hour)}))
	for id, o := range later.byID {
		if o["type"] == "identity" {
			assert.Equal(t, "2026-05-01T10:30:00.000Z", o["created"])
			assert.NotNil(t, d1.byID[id])
		}
	}
}

// The id of a file is the one STIX 2.1 defines: UUIDv5 in the
// observables' namespace of the canonical JSON of its contributing
// properties, computed here another way (encoding/json sorts map keys).
func TestFileIDIsSTIXDeterministicID(t *testing.T) {
	rep := sample(t, "Fujitsu")
	d := decode(t, write(t, rep, stix.Options{}))
	ns := uuid.MustParse("00abedb4-aa42-466c-9c01-fed23315a9b7")
	checked := 0
	for _, f := range d.byType["file"] {
		contrib := map[string]any{"name": f["name"]}
		if h, ok := f["hashes"].(map[string]any); ok {
			contrib["hashes"] = map[string]any{"MD5": h["MD5"]}
		}
		if e, ok := f["extensions"]; ok {
			contrib["extensions"] = e
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(contrib))
		want := "file--" + uuid.NewSHA1(ns, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))).String()
		assert.Equal(t, want, f["id"], f["name"])
		checked++
	}
	assert.Equal(t, len(rep.Items)+1, checked)
}

func TestBundleOptionErrors(t *testing.T) {
	rep := sample(t, "Fujitsu")
	_, err := stix.Bundle(rep, stix.Options{TLP: "PURPLE"})
	assert.ErrorIs(t, err, stix.ErrOptions)
	assert.ErrorIs(t, err, evidence.ErrOption)

	undated := *rep
	undated.TriagedAt = ""
	_, err = stix.Bundle(&undated, stix.Options{})
	assert.ErrorIs(t, err, stix.ErrOptions)
	_, err = stix.Bundle(&undated, stix.Options{Created: triagedAt})
	assert.NoError(t, err)

	undated.Case = evidence.Case{}
	b, err := stix.Bundle(&undated, stix.Options{Created: triagedAt, ClaimDate: time.Date(2021, 6, 20, 0, 0, 0, 0, time.FixedZone("JST", 9*3600))})
	require.NoError(t, err)
	var marking, published string
	for _, o := range b.Objects {
		switch o := o.(type) {
		case *stix.MarkingDefinition:
			marking = o.Name
		case *stix.Report:
			published = o.Published
		}
	}
	assert.Equal(t, "TLP:AMBER", marking, "no TLP anywhere: AMBER")
	assert.Equal(t, "2021-06-19T15:00:00.000Z", published)
}

// Strings from a hostile package (names that are not UTF-8, control
// characters, markup) stay strings: the bundle is valid, and an id made
// of a name agrees with the name written.
func TestBundleOfHostileNames(t *testing.T) {
	rep := &evidence.Report{
		Tool:      evidence.Tool{Name: "proofpack", Version: "test"},
		TriagedAt: "2026-05-01T09:30:00Z",
		Package:   evidence.Package{Name: "p\xffack.zip", Format: "zip"},
		Claim:     evidence.Claim{Claimed: "Evil\x1b[31mCorp\"}", Verdict: "inconclusive", Reason: "no profile"},
		Items: []evidence.Item{
			{Path: "p\xffack.zip!/a\xfe\xff.zip", Kind: "archive", Container: "zip", Size: -1},
			{Path: "p\xffack.zip!/a\xfe\xff.zip!/<script>\u202e.png", Kind: "image", Container: "zip", Size: 3, Complete: true,
				MD5: strings.Repeat("a", 32), SHA1: strings.Repeat("b", 40), SHA256: strings.Repeat("c", 64), MIME: "image/png\"><x"},
			{Path: "p\xffack.zip!/", Kind: "other", Container: "zip"},
		},
	}
	b := write(t, rep, stix.Options{Seller: "s\x00eller"})
	assert.Empty(t, specViolations(b))
	assert.True(t, json.Valid(b))
	d := decode(t, b)
	assert.NotNil(t, d.named("file", "a\ufffd\ufffd.zip"))
	assert.NotNil(t, d.named("file", "<script>\u202e.png"))
	assert.Empty(t, d.named("file", "<script>\u202e.png")["mime_type"], "a MIME type that is not one is left out")
	assert.NotNil(t, d.named("identity", "Evil\x1b[31mCorp\"}"))
}

// The checks of spec_test.go find what they look for: each fault made in
// a valid bundle is reported.
func TestSpecChecksCatchFaults(t *testing.T) {
	valid := write(t, sample(t, "Fujitsu"), stix.Options{Seller: "kurogane_market"})
	require.Empty(t, specViolations(valid))
	for _, tc := range []struct {
		name   string
		break_ func(objs []map[string]any)
		want   string
	}{
		{"identity without name", func(o []map[string]any) { delete(find(o, "identity"), "name") }, "no name"},
		{"dangling reference", func(o []map[string]any) {
			find(o, "opinion")["object_refs"] = []any{"report--" + uuid.NewString()}
		}, "resolves to nothing"},
		{"timestamp without milliseconds", func(o []map[string]any) { find(o, "note")["created"] = "2026-05-01T09:30:00Z" }, "to the millisecond"},
		{"local time", func(o []map[string]any) { find(o, "report")["published"] = "2026-05-01T09:30:00+09:00" }, "published"},
		{"opinion outside the enumeration", func(o []map[string]any) { find(o, "opinion")["opinion"] = "doubtful" }, "opinion doubtful"},
		{"identity class outside the vocabulary", func(o []map[string]any) { find(o, "identity")["identity_class"] = "company" }, "identity_class"},
		{"id of another type", func(o []map[string]any) { find(o, "note")["id"] = "report--" + uuid.NewString() }, "id type"},
		{"unmarked", func(o []map[string]any) { delete(find(o, "file"), "object_marking_refs") }, "no object_marking_refs"},
		{"observable with created", func(o []map[string]any) { find(o, "file")["created"] = "2026-05-01T09:30:00.000Z" }, "does not apply"},
		{"bad hash", func(o []map[string]any) { find(o, "file")["hashes"] = map[string]any{"SHA-256": "abc"} }, "hash SHA-256"},
		{"TLP 1.0 name", func(o []map[string]any) { find(o, "marking-definition")["name"] = "TLP:WHITE" }, "name TLP:WHITE"},
		{"confidence out of range", func(o []map[string]any) { find(o, "opinion")["confidence"] = 120 }, "confidence 120"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bundle map[string]any
			require.NoError(t, json.Unmarshal(valid, &bundle))
			var objs []map[string]any
			for _, o := range bundle["objects"].([]any) {
				objs = append(objs, o.(map[string]any))
			}
			tc.break_(objs)
			b, err := json.Marshal(bundle)
			require.NoError(t, err)
			v := specViolations(b)
			require.NotEmpty(t, v)
			assert.Contains(t, strings.Join(v, "\n"), tc.want)
		})
	}
}

func find(objs []map[string]any, typ string) map[string]any {
	for _, o := range objs {
		if o["type"] == typ {
			return o
		}
	}
	panic("no " + typ)
}

// A report of schema 2, whose claimed held the profile id and had no
// claimed_org, is read the same.
func TestBundleOfASchema2Claim(t *testing.T) {
	rep := *sample(t, "Fujitsu")
	rep.Claim.Claimed, rep.Claim.ClaimedOrg, rep.Claim.ClaimedName = "fujitsu", "", ""
	d := decode(t, write(t, &rep, stix.Options{}))
	assert.Equal(t, "Claim: Fujitsu Limited data", d.byType["report"][0]["name"])
	now := decode(t, write(t, sample(t, "Fujitsu"), stix.Options{}))
	assert.NotNil(t, now.byID[str(d.named("identity", "Fujitsu Limited")["id"])], "the same identity")
}

// A pack of two victims' data (testdata/attribution, generated by
// internal/attrpack, fictional organisations), the claim on the first:
// two owners, the first also the claimed one, notes for both.
func TestBundleOfTwoVictims(t *testing.T) {
	cat, err := fingerprint.LoadFile(filepath.Join("..", "..", "testdata", "attribution", "orgs.yaml"))
	require.NoError(t, err)
	rep, err := evidence.Analyze(t.Context(), filepath.Join("..", "..", "testdata", "attribution", "tv01-chigusa-and-hibari-claim-chigusa.zip"),
		evidence.Options{Orgs: cat, Claim: "Chigusa Foods", Now: func() time.Time { return triagedAt }})
	require.NoError(t, err)
	require.Equal(t, []string{"chigusa", "hibari"}, rep.Claim.Owners)
	b := write(t, rep, stix.Options{})
	assert.Empty(t, specViolations(b))
	d := decode(t, b)
	chigusa, hibari := d.named("identity", "Chigusa Foods Co., Ltd."), d.named("identity", "Hibari Transport Co., Ltd.")
	require.NotNil(t, chigusa)
	require.NotNil(t, hibari)
	assert.Contains(t, chigusa["description"], "Owner of the data")
	assert.Contains(t, chigusa["description"], "Named by the seller's claim")
	assert.Contains(t, hibari["description"], "Second owner of the data")
	assert.Equal(t, "strongly-agree", d.byType["opinion"][0]["opinion"])
	noted := map[any]int{}
	for _, n := range d.byType["note"] {
		noted[list(n["object_refs"])[1]]++
	}
	assert.Positive(t, noted[chigusa["id"]])
	assert.Positive(t, noted[hibari["id"]])
}
