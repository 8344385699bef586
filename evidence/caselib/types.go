package caselib

import (
	"math/bits"
	"time"
)

// ImageHash is a 256-bit perceptual hash of an image (PDQ style): two
// images look alike when few of their bits differ (a small Hamming
// distance). Package caselib stores and searches hashes; it does not make
// them.
type ImageHash [32]byte

// Distance returns the Hamming distance between two image hashes: the
// number of bits that differ, from 0 to 256.
func (h ImageHash) Distance(o ImageHash) int {
	d := 0
	for i := 0; i < 32; i += 8 {
		d += bits.OnesCount64(le64(h[i:]) ^ le64(o[i:]))
	}
	return d
}

// TextSig is a MinHash signature of a text's shingles: 128 minima, one per
// hash function. The share of slots two signatures have equal estimates
// the Jaccard similarity of the two shingle sets.
type TextSig [128]uint32

// Similarity returns the share of slots on which the two signatures agree,
// from 0 to 1: the estimated Jaccard similarity of the texts.
func (s *TextSig) Similarity(o *TextSig) float64 {
	eq := 0
	for i := range s {
		if s[i] == o[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(s))
}

// Pack is one triaged proof pack as the library records it: the package's
// identity, what the seller claimed, what the triage concluded, and its
// items.
type Pack struct {
	// Name is the package's file name as the analyst received it.
	Name string
	// Size is the package's size in bytes.
	Size int64
	// SHA256 identifies the pack: recording a pack whose SHA-256 is
	// already in the library replaces the earlier record (a re-triage).
	SHA256 [32]byte
	// SHA1 and MD5 are the package's other hashes, kept for reports.
	SHA1 [20]byte
	MD5  [16]byte
	// Claim is the seller's claim as the analyst typed it ("Fujitsu
	// data"), and ClaimedOrg the organisation id it resolved to, if any.
	Claim      string
	ClaimedOrg string
	// OwnerID and OwnerName name the organisation the triage found to
	// hold the data (the custodian), if any.
	OwnerID   string
	OwnerName string
	// Verdict is the claim verdict: supported, contradicted or
	// inconclusive.
	Verdict string
	// TriagedAt is when the pack was triaged. The library keeps it to the
	// second, in UTC.
	TriagedAt time.Time
	// CaseID is the analyst's case reference, if any.
	CaseID string
	// Items are the pack's items, for Record. RecordItems takes them as
	// a stream instead and ignores this field.
	Items []Item
}

// Item is one file of a pack as the library records it.
type Item struct {
	// Path is the item's path in the report ("outer.zip!/docs/a.xlsx").
	Path string
	// Kind is the report's kind: image, document, spreadsheet, text, …
	Kind string
	// Size is the item's size in bytes.
	Size int64
	// SHA256 is the hash of the item's bytes, for exact matches.
	SHA256 [32]byte
	// Image is the item's perceptual hash, for images; nil otherwise.
	Image *ImageHash
	// Text is the MinHash signature of the item's normalised text, for
	// documents and text; nil otherwise.
	Text *TextSig
}

// Match says how a sighting matched the query.
type Match string

// The ways a sighting can match.
const (
	// MatchExact is a sighting of an item with the same SHA-256.
	MatchExact Match = "exact"
	// MatchImage is a sighting of an image whose perceptual hash is near.
	MatchImage Match = "image"
	// MatchText is a sighting of a text whose signature is near.
	MatchText Match = "text"
)

// PackRef is a recorded pack as sightings, Pack and ListPacks return it:
// the fields of Pack that name it and say what was concluded, without
// its items.
type PackRef struct {
	Name       string
	Size       int64
	SHA256     [32]byte
	TriagedAt  time.Time
	Claim      string
	ClaimedOrg string
	OwnerID    string
	OwnerName  string
	Verdict    string
	CaseID     string
}

// Sighting is one earlier appearance of an item: the pack it was in, its
// path and kind there, and how near it is.
type Sighting struct {
	Pack PackRef
	Path string
	Kind string
	// Match says which lookup found it.
	Match Match
	// Distance is the Hamming distance of the image hashes, for
	// MatchImage; 0 otherwise.
	Distance int
	// Similarity is the estimated similarity of the texts, for MatchText;
	// 1 for MatchExact, 0 for MatchImage.
	Similarity float64
}

// LookupOptions narrow a lookup. The zero value excludes nothing and
// returns at most DefaultMaxSightings sightings.
type LookupOptions struct {
	// ExcludePack leaves out the items of the pack with this SHA-256:
	// the pack being triaged, when it was recorded before its lookups.
	// The zero hash excludes nothing.
	ExcludePack [32]byte
	// MaxSightings caps the sightings returned, nearest first. Zero
	// means DefaultMaxSightings.
	MaxSightings int
	// Stats, when not nil, is set by NearTexts to what the lookup read
	// and verified. Other lookups leave it alone.
	Stats *LookupStats
}

// LookupStats say how much a NearTexts lookup read, and whether its caps
// (MaxBandIDs per band key, Options.MaxTextCandidates verified) left
// candidates unverified.
type LookupStats struct {
	// Candidates is the number of distinct stored texts read from the
	// band keys of the query.
	Candidates int
	// Verified is the number of candidates compared on their whole
	// signature: at most Options.MaxTextCandidates.
	Verified int
	// Capped is true when a band key held more than MaxBandIDs texts or
	// more than Options.MaxTextCandidates candidates were read: texts
	// sharing fewer bands with the query than those verified were not
	// looked at.
	Capped bool
}

// DefaultMaxSightings is the number of sightings a lookup returns at most
// when LookupOptions.MaxSightings is zero: an item recycled into hundreds
// of packs is reported by its nearest hundred.
const DefaultMaxSightings = 100

func le64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
