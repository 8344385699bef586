package evidence

import (
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/fingerprint"
)

// SchemaVersion is the version of the report's JSON shape. It changes only
// when a field is renamed or removed, or changes meaning; fields are added
// without a change.
const SchemaVersion = "3"

// Report is the result of triaging one proof pack. It marshals to the JSON
// contract documented in the README: snake_case names, every section
// present (empty arrays rather than null), times in RFC 3339.
type Report struct {
	SchemaVersion string  `json:"schema_version"`
	Tool          Tool    `json:"tool"`
	Package       Package `json:"package"`
	// TriagedAt is when the triage started: RFC 3339 in UTC, to the
	// second ("2026-05-01T09:30:00Z"), from Options.Now.
	TriagedAt string `json:"triaged_at"`
	// Case is the investigation the report is for (Options.Case,
	// Analyst and TLP), left out of the JSON when all three are empty.
	Case Case `json:"case,omitzero"`
	// Items are the package's files, in walk order (parents before their
	// members); empty when Options.OnItem took them.
	Items       []Item      `json:"items"`
	Attribution Attribution `json:"attribution"`
	Claim       Claim       `json:"claim"`
	Problems    []Problem   `json:"problems"`
	Stats       Stats       `json:"stats"`
	Limits      LimitsUsed  `json:"limits"`
	// Timeline is every timestamp of the items, sorted, with findings.
	Timeline Timeline `json:"timeline"`
	// Library is what the case library (Options.Library) knew of the
	// package; nil, and left out of the JSON, without one.
	Library *LibraryReport `json:"library,omitempty"`
}

// Tool names the library and every extractor that contributed to the
// report, so that a result can be traced to the code that produced it.
type Tool struct {
	Name       string      `json:"name"`
	Version    string      `json:"version"`
	Extractors []Extractor `json:"extractors"`
}

// Extractor is one component that read the package.
type Extractor struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Package describes the file that was triaged.
//
// The hashes are of the whole package, or empty when it could not be
// read whole (a problem of the report says why: cancelled, limit_duration,
// or limit_total_bytes for a stream larger than MaxTotalBytes, whose Size
// is then the bytes read).
type Package struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	MD5    string `json:"md5"`
	SHA1   string `json:"sha1"`
	SHA256 string `json:"sha256"`
	// Format is the archive format of the package ("zip", "7z", …), or ""
	// when the package is a single file, which is then its only item.
	Format string `json:"format"`
	MIME   string `json:"mime"`
}

// Item is one file found in the package, at any depth. Directories are not
// items; links are, with their target and no content.
type Item struct {
	// Path is the display path: the package name, then each archive step
	// joined by "!/". It is never a file-system path.
	Path string `json:"path"`
	// RawName holds the name bytes as stored (base64 in JSON) when they are
	// not the UTF-8 of the name, e.g. CP932 names.
	RawName []byte `json:"raw_name,omitempty"`
	// NameSHA256 is set when the stored name is longer than 4,096 bytes
	// (unpack.MaxNameBytes; problem limit_name_bytes): Path then holds
	// the name's first 4,096 bytes, cut at a character boundary, RawName
	// is left out, and NameSHA256 is the SHA-256 in hex of the whole name
	// as stored in the header (of its UTF-8 for 7z), which identifies it.
	NameSHA256 string `json:"name_sha256,omitempty"`
	// NameEncoding is how the stored name was decoded: "ascii", "utf-8",
	// "cp932", "euc-jp", "cp437" or "utf-16"; "" for the package itself.
	NameEncoding string `json:"name_encoding"`
	// Depth is 0 for a package that is a single file, 1 for members of the
	// package, 2 for members of an archive inside it, and so on.
	Depth int `json:"depth"`
	// Container is the format of the archive that holds the item.
	Container string `json:"container"`
	// EntryType is "file", "symlink", "hardlink" or "other".
	EntryType  string `json:"entry_type"`
	LinkTarget string `json:"link_target,omitempty"`
	// Mode is the header's permission and type bits in ls notation
	// ("-rw-r--r--"), as far as the format records them; "" for the
	// package itself.
	Mode string `json:"mode"`
	// Size is the number of bytes actually read, which the hashes cover.
	// It is less than the true size when a problem stopped the read.
	Size int64 `json:"size"`
	// DeclaredSize is the size the archive header states, or -1.
	DeclaredSize int64 `json:"declared_size"`
	// CompressedSize is the stored size the header states, or -1.
	CompressedSize int64  `json:"compressed_size"`
	Compression    string `json:"compression"`
	Encrypted      bool   `json:"encrypted"`
	// Complete reports whether the whole content was read. MD5, SHA1 and
	// SHA256 are the hashes of the whole content, and are set only when
	// Complete is true: an item stopped by a problem (a limit, corrupt
	// or truncated data, encryption) has empty hashes, never those of the
	// part read, and Size says how much was read.
	Complete bool   `json:"complete"`
	MD5      string `json:"md5"`
	SHA1     string `json:"sha1"`
	SHA256   string `json:"sha256"`
	// DuplicateOf is the path of the item read before whose content is
	// the same (the same SHA-256). This item is listed, typed and hashed,
	// but its content is not triaged again: a duplicate archive is not
	// walked (its members are the first's), and a duplicate file's
	// metadata, text and OCR are the first's, left empty here. Empty
	// files are never duplicates.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// MIME, Kind and Charset are the true type, from content.
	MIME    string `json:"mime"`
	Kind    string `json:"kind"`
	Charset string `json:"charset,omitempty"`
	// DetectedExt is the canonical extension of the true type.
	DetectedExt string `json:"detected_ext"`
	// DeclaredExt is the extension of the name, lower case, without dot.
	DeclaredExt string `json:"declared_ext"`
	// ExtMismatch is true when the name's extension contradicts the
	// content: a .jpg that is a PNG, a .pdf that is a zip.
	ExtMismatch bool `json:"ext_mismatch"`
	// Modified is the archive header's modification time: RFC 3339 with
	// its offset when the header fixes the instant; without an offset
	// ("2021-04-12T10:30:00") when the header holds only a wall-clock time
	// of an unknown zone (MS-DOS times of zip and RAR 4).
	Modified string `json:"modified"`
	// Metadata is what the file says about itself.
	Metadata Metadata `json:"metadata"`
	// TextSource says where Text came from: "body", "ocr" or "".
	TextSource string `json:"text_source"`
	Text       string `json:"text"`
	// TextTruncated is true when Text was cut at the text limit.
	TextTruncated bool      `json:"text_truncated"`
	OCR           *OCR      `json:"ocr"`
	Problems      []Problem `json:"problems"`
	// Hashes are the item's similarity hashes, computed with
	// Options.Library or Options.Hashes; nil otherwise, or for an item
	// with neither an image nor text to hash.
	Hashes *Hashes `json:"hashes,omitempty"`
	// SeenBefore lists where a case library (Options.Library) holds the
	// item from earlier packs, the nearest first (at most
	// MaxSightings): the same bytes, or the same image or text
	// re-encoded. Empty when it was never seen, or without a library.
	SeenBefore []Sighting `json:"seen_before,omitempty"`
	// Thumbnail is a reduced JPEG of an image item, made only when
	// Options.Thumbnails is set, for reports rendered as HTML. It is not
	// part of the JSON.
	Thumbnail *Thumbnail `json:"-"`
	// Index is the item's place in the walk order (parents before their
	// members), counting from 0: its position in Report.Items when the
	// items are collected. Items handed to Options.OnItem come in the
	// order they are done (members before their archive) and carry it,
	// to restore the walk order. It is not part of the JSON.
	Index int `json:"-"`
}

// Thumbnail is a reduced copy of an image item. Scale maps the item's
// pixels onto it: an OCR word box [x, y, w, h] is drawn at
// [x*Scale, y*Scale, w*Scale, h*Scale] in the thumbnail.
type Thumbnail struct {
	JPEG          []byte
	Width, Height int
	Scale         float64
}

// Values of Item.TextSource.
const (
	TextFromBody = "body" // extracted from the document, mail or page itself
	TextFromOCR  = "ocr"  // recognised in an image
)

// Metadata is the normalised view of a file's own records (EXIF, document
// properties, mail headers); see package meta. Raw keeps the records as
// read, one key per extractor.
type Metadata = meta.Metadata

// GPS is a position in decimal degrees.
type GPS = meta.GPS

// OCR is the text recognised in an image, or in the rendered pages of a
// PDF without a text layer.
type OCR struct {
	// Engine names the engine and its version ("tesseract 5.3.0").
	Engine string `json:"engine"`
	// Lang is the languages the engine read in ("jpn+eng").
	Lang string `json:"lang"`
	// Confidence is the mean confidence of the words, 0 to 100.
	Confidence float64 `json:"confidence"`
	// Pages is the number of PDF pages rendered and read; 0 for an image.
	Pages int `json:"pages,omitempty"`
	// TextPx is the median height of the text lines read, in pixels of
	// the image (of the rendered pages for a PDF), counted from the top
	// of the ascenders to the bottom of the descenders (about the font's
	// size; see ocr.MeasureText); 0 when no line could be measured.
	TextPx int `json:"text_px"`
	// SmallTextShare is the share of the characters read, 0 to 1, that
	// are in lines at most ocr.SmallTextPx (9) pixels high. Over a
	// quarter, the item has the problem ocr_small_text.
	SmallTextShare float64   `json:"small_text_share"`
	Words          []OCRWord `json:"words"`
	// Alternatives are the lines that a second reading (a second model,
	// or a second scale of small identifiers) read differently
	// (ocr.Line.Alt), in reading order, at most MaxOCRAlternatives:
	// attribution counts a catalogue organisation found only there as
	// a look-alike match (package fingerprint, Item.AltText).
	Alternatives []string `json:"alternatives,omitempty"`
}

// MaxOCRAlternatives bounds OCR.Alternatives of one item.
const MaxOCRAlternatives = 1000

// OCRWord is one recognised word with its box [x, y, w, h] in pixels of
// the image (of the rendered page for a PDF, Page counting from 1).
type OCRWord struct {
	Text string  `json:"text"`
	Conf float64 `json:"conf"`
	Box  [4]int  `json:"box"`
	Page int     `json:"page,omitempty"`
}

// Attribution ranks the organisations the content belongs to.
type Attribution struct {
	// Ranking is by custody score, then by score: the owner is the
	// custodian (see package fingerprint).
	Ranking    []Owner     `json:"ranking"`
	Candidates []Candidate `json:"candidates"`
	// ClaimEcho lists the organisations that only the seller names
	// (folder and file names, a note about the sale, a wordmark cover),
	// with that evidence, which weighs nothing.
	ClaimEcho []Owner `json:"claim_echo"`
}

// Owner is one ranked organisation with the evidence for its score.
type Owner struct {
	Org   string  `json:"org"`
	Name  string  `json:"name"`
	Score float64 `json:"score"`
	// Custody, Authorship and Mention split Score by role (claim echo
	// weighs nothing).
	Custody    float64 `json:"custody"`
	Authorship float64 `json:"authorship"`
	Mention    float64 `json:"mention"`
	// Confidence is the probability that the organisation held the
	// data, from the confidence model of package fingerprint (its
	// inputs are the fields of this entry and of its rivals).
	Confidence float64 `json:"confidence"`
	// CustodyItems counts the items with custody evidence,
	// AuthorshipItems those with authorship but no custody evidence,
	// MentionItems those that only mention the organisation.
	CustodyItems    int `json:"custody_items"`
	AuthorshipItems int `json:"authorship_items"`
	MentionItems    int `json:"mention_items"`
	// OwnCustody and OwnCustodyItems are the custody score and items
	// less provenance: the items whose only custody evidence is a
	// file-share path in the metadata of a document this organisation
	// made (it travels with the document to whoever receives it).
	OwnCustody      float64 `json:"own_custody"`
	OwnCustodyItems int     `json:"own_custody_items"`
	// Parts is the custody per part of the package (the folders and
	// archives right below the folder every item with evidence is in;
	// "." for that folder's own files), strongest first, at most 16;
	// MoreParts counts those left out. A second owner holds custody of
	// its own in a part where the owner has none.
	Parts     []Part     `json:"parts,omitempty"`
	MoreParts int        `json:"more_parts,omitempty"`
	Evidence  []Evidence `json:"evidence"`
}

// Part is an organisation's custody in one part of the package.
type Part struct {
	Name       string  `json:"name"`
	Custody    float64 `json:"custody"`
	OwnCustody float64 `json:"own_custody"`
}

// Candidate is an organisation seen in the package but in no profile.
type Candidate struct {
	Key      string     `json:"key"`
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`
}

// Evidence is one point of attribution, traceable to an item.
type Evidence struct {
	Item   string `json:"item"`
	Signal string `json:"signal"`
	// Role is "custody", "authorship", "mention" or "claim_echo" (the
	// seller's own labels, weight 0).
	Role   string  `json:"role"`
	Match  string  `json:"match"`
	Weight float64 `json:"weight"`
}

// Claim is the verdict on the seller's claim.
type Claim struct {
	// Claimed is the claim as given (Options.Claim, blanks trimmed):
	// "富士通", "fujitsu.com".
	Claimed string `json:"claimed"`
	// ClaimedOrg is the profile id the claim matched (or the key of a
	// candidate of the package, as Owner may be), ClaimedName that
	// organisation's name; both "" when it matched none.
	ClaimedOrg  string `json:"claimed_org"`
	ClaimedName string `json:"claimed_name"`
	// Verdict is VerdictSupported, VerdictContradicted or
	// VerdictInconclusive; "" when no claim was given.
	Verdict Verdict `json:"verdict"`
	// Owner is the custodian ranked first, OwnerName its name; Owners
	// every owner, Owner first (two when the package holds two victims'
	// data).
	Owner     string   `json:"owner"`
	OwnerName string   `json:"owner_name"`
	Owners    []string `json:"owners,omitempty"`
	// Relation is the claimed organisation's relation to the owner:
	// "same", "subsidiary_of_claimed", "parent_of_claimed",
	// "counterparty" or "unrelated"; "" when there is no owner or the
	// claimed name is in no profile.
	Relation string `json:"relation"`
	// Reason is one sentence naming the decisive evidence, with the
	// findings' details after it.
	Reason string `json:"reason"`
	// Findings are what an analyst would flag about the claim itself:
	// ClaimStale when the newest content is far older than
	// Options.ClaimDate, ClaimRecycled when most files were published
	// before in one earlier pack of the case library.
	Findings []ClaimFinding `json:"findings,omitempty"`
	// Basis says what the verdict rests on: "" for the package's own
	// evidence, BasisEarlierTriage when the package has no owner of its
	// own and the verdict takes the owner an earlier triage found for
	// the pack its files were mostly published in (EarlierOwner).
	Basis string `json:"basis,omitempty"`
	// EarlierOwner and EarlierOwnerName are the owner found by the
	// triage of the earlier pack that holds most of this package's files
	// (see ClaimRecycled), when it found one; "" otherwise.
	EarlierOwner     string `json:"earlier_owner,omitempty"`
	EarlierOwnerName string `json:"earlier_owner_name,omitempty"`
}

// Verdict is the judgement of the seller's claim (Claim.Verdict). It is
// fingerprint's, which judges the claim; "" when no claim was given.
type Verdict = fingerprint.Verdict

// Verdicts of a claim (fingerprint.Supported, Contradicted,
// Inconclusive).
const (
	// VerdictSupported: the claimed organisation itself held the data.
	VerdictSupported = fingerprint.Supported
	// VerdictContradicted: another organisation held the data (the
	// claimed one may be its parent, subsidiary or counterparty).
	VerdictContradicted = fingerprint.Contradicted
	// VerdictInconclusive: the evidence does not decide, or the claimed
	// name is in no profile.
	VerdictInconclusive = fingerprint.Inconclusive
)

// ClaimFinding is one remark on the claim.
type ClaimFinding struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
}

// Kinds of ClaimFinding.
const (
	// ClaimStale: the newest content date of the timeline is more than
	// StaleClaimAge before Options.ClaimDate: the data is old, whatever
	// the seller says of the breach's date.
	ClaimStale = "stale_data"
)

// Stats counts what the triage did.
type Stats struct {
	// Items is the number of items: those in the report, or handed to
	// Options.OnItem.
	Items int `json:"items"`
	// Entries counts archive members seen, directories included, and
	// files embedded in items (mail attachments): all share MaxEntries.
	Entries int64 `json:"entries"`
	// Archives counts archives opened, the package included.
	Archives int `json:"archives"`
	// MaxDepth is the deepest item's depth.
	MaxDepth int `json:"max_depth"`
	// Bytes is the uncompressed bytes read from archives, or from the
	// package itself when it is a lone file.
	Bytes int64 `json:"bytes"`
	// DurationMS is the wall-clock time of the triage.
	DurationMS int64 `json:"duration_ms"`
	// OCRImages counts images sent to OCR.
	OCRImages int `json:"ocr_images"`
	// Problems counts problems on items and on the package.
	Problems int `json:"problems"`
	// ByKind counts items per kind.
	ByKind map[string]int `json:"by_kind"`
	// SpooledToDisk counts items too large to hold in memory that went
	// through the private temporary directory.
	SpooledToDisk int `json:"spooled_to_disk"`
	// WithMetadata counts items whose metadata was read.
	WithMetadata int `json:"with_metadata"`
}

// LimitsUsed records the limits in force, so that a report says what it
// could not see.
type LimitsUsed struct {
	MaxTotalBytes int64 `json:"max_total_bytes"`
	MaxEntryBytes int64 `json:"max_entry_bytes"`
	MaxEntries    int   `json:"max_entries"`
	MaxDepth      int   `json:"max_depth"`
	MaxRatio      int   `json:"max_ratio"`
	// MaxAmplifiedBytes is the cap of the walk's amplification budget
	// (Limits.MaxAmplifiedBytes): what entries may yield, across every
	// nesting level, beyond the package bytes they come from.
	MaxAmplifiedBytes  int64 `json:"max_amplified_bytes"`
	MaxDurationSeconds int64 `json:"max_duration_seconds"`
	MaxTextBytes       int64 `json:"max_text_bytes"`
	// MaxReportText is the item text the report keeps in all
	// (Limits.MaxReportText); past it, items keep no text and say so
	// with limit_report_text. It does not bound the text handed to
	// Options.OnItem.
	MaxReportText int64 `json:"max_report_text"`
	// MaxOCRDurationSeconds is the OCR time budget of this package
	// (Limits.OCRDuration), present when OCR ran.
	MaxOCRDurationSeconds int64 `json:"max_ocr_duration_seconds,omitempty"`
}

func limitsUsed(l Limits) LimitsUsed {
	return LimitsUsed{
		MaxTextBytes:       l.MaxTextBytes,
		MaxTotalBytes:      l.MaxTotalBytes,
		MaxEntryBytes:      l.MaxEntryBytes,
		MaxEntries:         l.MaxEntries,
		MaxDepth:           l.MaxDepth,
		MaxRatio:           l.MaxRatio,
		MaxAmplifiedBytes:  l.MaxAmplifiedBytes,
		MaxDurationSeconds: int64(l.MaxDuration.Seconds()),
		MaxReportText:      l.MaxReportText,
	}
}
