package attrpack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/docgen"
)

// The verdicts a Label can expect, as the report spells them.
const (
	Supported    = "supported"
	Contradicted = "contradicted"
	Inconclusive = "inconclusive"
)

// The relations of the owner to the claimed organisation a Label can
// expect, as the report's claim.relation spells them.
const (
	// RelationSame: the owner is the claimed organisation.
	RelationSame = "same"
	// RelationSubsidiary: the owner is a subsidiary of the claimed
	// organisation (the claim named the group).
	RelationSubsidiary = "subsidiary_of_claimed"
	// RelationParent: the owner is the parent of the claimed
	// organisation (the claim named one of the group's companies).
	RelationParent = "parent_of_claimed"
	// RelationCounterparty: the claimed organisation appears in the
	// owner's documents as its vendor, customer, client or supplier.
	RelationCounterparty = "counterparty"
	// RelationUnrelated: the claimed organisation is not the owner and
	// plays no part in its documents.
	RelationUnrelated = "unrelated"
)

// The splits of the labelled set (Label.Split).
const (
	// SplitDecided is the half a rule or weight may be tuned on.
	SplitDecided = "decided"
	// SplitHeldout is the held-out half of the first round of packs:
	// no rule or weight is tuned on it. It has been scored and looked
	// at pack by pack, so it is no longer unseen.
	SplitHeldout = "heldout"
	// SplitHeldout2 is the held-out half of the second round of packs:
	// kept for scoring only, and reported only in aggregate (the
	// accuracy test prints no row of its packs), so that it stays
	// unseen by whoever tunes the model.
	SplitHeldout2 = "heldout2"
)

// heldoutSplit returns the held-out split of a round of packs
// (Label.Round).
func heldoutSplit(round int) string {
	if round == 1 {
		return SplitHeldout
	}
	return SplitHeldout2
}

// LabelsFile and ReadmeFile are the names of the text files written
// beside the packs, with OrgsFile.
const (
	LabelsFile = "labels.json"
	ReadmeFile = "README.md"
)

// Label is what a careful analyst concludes about one pack: who owns the
// data and what the verdict on the seller's claim should be.
type Label struct {
	// File is the pack's file name in the folder.
	File string `json:"file"`
	// Owner is the catalogue id of the organisation the data belongs to
	// (the first of Owners when there are two); empty when the owner is
	// outside the catalogue (see CandidateKey), when no single owner can
	// be named (see Tied) or when nothing shows whose systems held the
	// data.
	Owner string `json:"owner"`
	// Owners lists every owner of a pack that holds two victims' data,
	// each with custody evidence in its own part; empty otherwise.
	Owners []string `json:"owners,omitempty"`
	// CandidateKey is, for an owner outside the catalogue, its candidate
	// key: the registrable domain that dominates the pack.
	CandidateKey string `json:"candidate_key"`
	// Tied lists the catalogue ids that share the evidence evenly when no
	// single owner can be named; either may rank first.
	Tied []string `json:"tied,omitempty"`
	// Claim is what the seller says the data is ("Hitachi", "トヨタ",
	// "nec.com").
	Claim string `json:"claim"`
	// ClaimDate is the date the seller's claim was published (RFC 3339
	// full date) for a pack that tests freshness; empty otherwise.
	ClaimDate string `json:"claim_date,omitempty"`
	// Verdict is Supported, Contradicted or Inconclusive.
	Verdict string `json:"verdict"`
	// Relation is the owner's relation to the claimed organisation
	// (RelationSame …); empty when there is no owner.
	Relation string `json:"relation"`
	// NeedsOCR is true when the owner evidence is only in the text of a
	// screenshot: without OCR the pack cannot be attributed.
	NeedsOCR bool `json:"needs_ocr"`
	// Pattern names the pattern of analysts' work the pack is an
	// instance of ("vendor-claimed", "dressed-public" …); every pattern
	// has packs in both halves.
	Pattern string `json:"pattern"`
	// Split is SplitDecided, or the held-out split of the pack's round
	// (SplitHeldout for round 1, SplitHeldout2 for round 2), assigned
	// by Labels: within each round and pattern, packs alternate between
	// the two in the order of the cases, the first going to
	// SplitDecided.
	Split string `json:"split"`
	// Round is the round of labelling the pack was written in: 1 for
	// the first seventy packs, 2 for the forty written later, with a
	// fresh held-out half (SplitHeldout2).
	Round int `json:"round"`
	// Description says in one line what the case tests and why the label
	// is what it is.
	Description string `json:"description"`
}

// File is one file of the generated folder.
type File struct {
	Name string
	Data []byte
}

// Options configures Build. The zero value uses the default font path.
type Options struct {
	// CJKFontPath is the Japanese font the screenshots are drawn with;
	// docgen.DefaultCJKFontPath when empty. Ignored when Fonts is set.
	CJKFontPath string
	// Fonts, when not nil, is used instead of loading CJKFontPath.
	Fonts *docgen.Fonts
}

// Build returns every file of the folder: the packs in the order of
// Labels, then OrgsFile, LabelsFile and ReadmeFile.
func Build(opt Options) ([]File, error) {
	fonts := opt.Fonts
	if fonts == nil {
		var err error
		fonts, err = docgen.LoadFonts(opt.CJKFontPath)
		if err != nil {
			return nil, fmt.Errorf("attrpack: %w", err)
		}
	}
	var out []File
	labels := Labels()
	for i, c := range cases {
		data, err := buildPack(c, fonts)
		if err != nil {
			return nil, fmt.Errorf("attrpack: %w", err)
		}
		out = append(out, File{Name: labels[i].File, Data: data})
	}
	js, err := json.MarshalIndent(labels, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("attrpack: labels: %w", err)
	}
	out = append(out, File{Name: OrgsFile, Data: []byte(orgsYAML)})
	out = append(out, File{Name: LabelsFile, Data: append(js, '\n')})
	out = append(out, File{Name: ReadmeFile, Data: readme(out, labels)})
	return out, nil
}

// buildPack builds one case's archive.
func buildPack(c caseDef, fonts *docgen.Fonts) ([]byte, error) {
	p := c.build(fonts)
	if p.err != nil {
		return nil, fmt.Errorf("%s: %w", c.label.File, p.err)
	}
	data, err := p.archive(c.label.File)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.label.File, err)
	}
	return data, nil
}

// Labels returns the labels of every case, in order, without building
// the packs, each with its Round and Split: within a round and a
// pattern, the first pack goes to SplitDecided, the second to the
// round's held-out split (SplitHeldout, SplitHeldout2), and so on
// alternately, so that both halves of a round hold every pattern it has
// two packs of or more.
func Labels() []Label {
	out := make([]Label, 0, len(cases))
	for r, round := range rounds {
		seen := map[string]int{}
		for _, c := range round {
			l := c.label
			l.Round = r + 1
			l.Split = SplitDecided
			if seen[l.Pattern]%2 == 1 {
				l.Split = heldoutSplit(l.Round)
			}
			seen[l.Pattern]++
			out = append(out, l)
		}
	}
	return out
}

// entry is one file of a pack.
type entry struct {
	name     string
	modified time.Time
	data     []byte
	store    bool // already compressed: store, do not deflate
}

// pack collects the entries of one pack; the first error sticks and
// later additions are ignored, so that case builders read as lists.
type pack struct {
	root    string // top folder of every entry, with a trailing slash
	tarGz   bool   // write a .tar.gz instead of a zip
	sevenZ  bool   // write a 7z (LZMA2, by the 7zz command) instead of a zip
	entries []entry
	err     error
}

// add appends a file built by a docgen builder.
func (p *pack) add(name string, t time.Time, data []byte, err error) {
	if p.err != nil {
		return
	}
	if err != nil {
		p.err = fmt.Errorf("%s: %w", name, err)
		return
	}
	p.entries = append(p.entries, entry{name: p.root + name, modified: t, data: data})
}

// text adds a plain-text file with CRLF line ends, as Windows keeps them.
func (p *pack) text(name string, t time.Time, s string) {
	p.add(name, t, []byte(crlf(s)), nil)
}

// docx, xlsx, eml and pdf add documents built from their specs.
func (p *pack) docx(name string, t time.Time, s docgen.DocxSpec) {
	b, err := docgen.Docx(s)
	p.add(name, t, b, err)
}

func (p *pack) xlsx(name string, t time.Time, s docgen.XlsxSpec) {
	b, err := docgen.Xlsx(s)
	p.add(name, t, b, err)
}

func (p *pack) eml(name string, t time.Time, s docgen.EMLSpec) {
	b, err := docgen.EML(s)
	p.add(name, t, b, err)
}

func (p *pack) pdf(name string, t time.Time, s docgen.PDFSpec) {
	b, err := docgen.PDF(s)
	p.add(name, t, b, err)
}

// csv adds a UTF-8 CSV file.
func (p *pack) csv(name string, t time.Time, rows [][]string) {
	b, err := docgen.CSV(rows, false)
	p.add(name, t, b, err)
}

// image adds an already encoded image, stored uncompressed.
func (p *pack) image(name string, t time.Time, data []byte, err error) {
	p.add(name, t, data, err)
	if p.err == nil {
		p.entries[len(p.entries)-1].store = true
	}
}

// screenshotPNG renders spec and adds it as a PNG with a Software chunk.
func (p *pack) screenshotPNG(name string, t time.Time, spec docgen.ScreenshotSpec, software string) {
	if p.err != nil {
		return
	}
	img, err := docgen.Screenshot(spec)
	if err != nil {
		p.add(name, t, nil, err)
		return
	}
	data, err := docgen.PNG(img, map[string]string{"Software": software})
	p.image(name, t, data, err)
}

// cover renders a seller's cover image and adds it as a PNG.
func (p *pack) cover(name string, t time.Time, spec docgen.CoverSpec) {
	if p.err != nil {
		return
	}
	img, err := docgen.Cover(spec)
	if err != nil {
		p.add(name, t, nil, err)
		return
	}
	data, err := docgen.PNG(img, nil)
	p.image(name, t, data, err)
}

// archive writes the entries as a zip (UTF-8 names flagged, as 7-Zip and
// Windows write them), a tar.gz or a 7z.
func (p *pack) archive(fileName string) ([]byte, error) {
	files := make([]archivegen.File, len(p.entries))
	for i, e := range p.entries {
		files[i] = archivegen.File{Name: e.name, UTF8: true, Data: e.data, Modified: e.modified, Store: e.store}
	}
	if p.sevenZ {
		return archivegen.SevenZipWithOptions(files, archivegen.SevenZipOptions{})
	}
	if !p.tarGz {
		return archivegen.Zip(files, archivegen.ZipOptions{})
	}
	tb, err := archivegen.Tar(files)
	if err != nil {
		return nil, err
	}
	inner := bytes.TrimSuffix([]byte(fileName), []byte(".gz"))
	var newest time.Time
	for _, e := range p.entries {
		if e.modified.After(newest) {
			newest = e.modified
		}
	}
	return archivegen.Gzip(string(inner), newest, tb)
}

// crlf turns LF line ends into CRLF.
func crlf(s string) string {
	return string(bytes.ReplaceAll([]byte(s), []byte("\n"), []byte("\r\n")))
}

// Fixed zones, so that output does not depend on the zone database.
var (
	jst = time.FixedZone("JST", 9*60*60)
	cet = time.FixedZone("CET", 1*60*60)
)

// day returns a time in the given zone.
func day(z *time.Location, y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, z)
}
