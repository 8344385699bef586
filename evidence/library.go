package evidence

import (
	"github.com/proofpack/proofpack/evidence/similar"
)

// Hashes are an item's similarity hashes (package similar), by which a
// case library recognises it when it is published again re-encoded.
type Hashes struct {
	// PDQ is the perceptual hash of an image item (64 hex digits in
	// JSON), PDQQuality its quality from 0 to 100: a hash of quality
	// below similar.MinQuality (a near-flat image) is not compared. Nil
	// for an item that is no image or could not be decoded.
	PDQ        *similar.ImageHash `json:"pdq,omitempty"`
	PDQQuality int                `json:"pdq_quality,omitempty"`
	// Text is the MinHash signature of the item's text (Item.Text, from
	// its body or OCR; see similar.HashText): nil when the text is too
	// short to sign. It is kept out of the JSON (512 bytes); the library
	// stores it.
	Text similar.TextSig `json:"-"`
}

// Sighting is one earlier appearance of an item in a case library: the
// pack it was published in, its path there, and how it matched.
type Sighting struct {
	// Pack is the earlier pack, as its triage recorded it.
	Pack SeenPack `json:"pack"`
	// Path and Kind are the earlier item's display path and kind. An
	// archive that is a whole pack recorded before (a pack re-posted
	// inside another) is seen as that pack: Path is the pack's name.
	Path string `json:"path"`
	Kind string `json:"kind"`
	// Match is how it matched: MatchExact (the same SHA-256),
	// MatchImage (a perceptual hash within similar.ImageMatch bits) or
	// MatchText (a text signature of similarity at least
	// similar.TextMatch, similar.OCRTextMatch for OCR text).
	Match string `json:"match"`
	// Distance is the Hamming distance of the image hashes, out of 256,
	// for MatchImage.
	Distance int `json:"distance"`
	// Similarity is the estimated similarity of the texts, 0 to 1, for
	// MatchText; 1 for MatchExact.
	Similarity float64 `json:"similarity"`
}

// Ways a Sighting matched (Sighting.Match).
const (
	MatchExact = "exact"
	MatchImage = "image"
	MatchText  = "text"
)

// SeenPack is an earlier pack of a case library, as its triage recorded
// it.
type SeenPack struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	// TriagedAt is when it was triaged (recorded): RFC 3339 in UTC.
	TriagedAt string `json:"triaged_at"`
	// Claimed is the seller's claim as typed then, ClaimedOrg the id it
	// resolved to.
	Claimed    string `json:"claimed"`
	ClaimedOrg string `json:"claimed_org"`
	// Owner and OwnerName are the owner that triage found ("" for none),
	// Verdict its verdict on the claim.
	Owner     string  `json:"owner"`
	OwnerName string  `json:"owner_name"`
	Verdict   Verdict `json:"verdict"`
	// Case is the case reference it was triaged under, if any.
	Case string `json:"case,omitempty"`
}

// LibraryReport says what a case library (Options.Library) knew of the
// package: how many of its items were published before, and in which
// packs.
type LibraryReport struct {
	// Files counts the items looked up: files with content (archives
	// walked for their members, empty files and items not read whole
	// are left out). Seen counts those with at least one sighting.
	Files int `json:"files"`
	Seen  int `json:"seen"`
	// Earlier are the packs that share items with this one, the most
	// shared first, at most MaxEarlierPacks; MoreEarlier counts the
	// packs left out.
	Earlier     []EarlierPack `json:"earlier"`
	MoreEarlier int           `json:"more_earlier,omitempty"`
	// CappedLookups counts the items whose text lookup read more
	// candidates than the library verifies (texts sharing boilerplate
	// with many stored ones; caselib.LookupStats): a near copy sharing
	// less with them than those verified may have been missed.
	CappedLookups int `json:"capped_lookups,omitempty"`
	// Recorded is true when this pack was recorded in the library at the
	// end of the triage (a pack is not recorded when the triage was cut
	// short, or the package's hash is unknown).
	Recorded bool `json:"recorded"`
}

// EarlierPack is a pack of the library that shares items with the one
// triaged: Items of its files were seen again, Exact of them byte for
// byte and the others re-encoded.
type EarlierPack struct {
	SeenPack
	Items int `json:"items"`
	Exact int `json:"exact"`
}

// MaxSightings bounds Item.SeenBefore: an item recycled into hundreds of
// packs is reported by its nearest ten.
const MaxSightings = 10

// MaxEarlierPacks bounds LibraryReport.Earlier.
const MaxEarlierPacks = 20

// RecycledShare is the share of a pack's files that must have been seen
// in one earlier pack for the claim to get the ClaimRecycled finding:
// more than half means the pack is mostly a re-post, not new data that
// happens to share a screenshot.
const RecycledShare = 0.5

// ClaimRecycled is the kind of the claim finding of a pack whose files
// were mostly published before: "31 of 40 files were published on
// 2025-03-02 in a pack claimed as X, owner Y".
const ClaimRecycled = "recycled"

// BasisEarlierTriage is Claim.Basis when the verdict rests on the owner
// an earlier triage found (the package has no owner of its own, and its
// files were mostly published before in packs of that owner).
const BasisEarlierTriage = "earlier_triage"
