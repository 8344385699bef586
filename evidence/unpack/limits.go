package unpack

import (
	"fmt"
	"time"
)

// Limits bounds every resource a walk may use. A proof pack is made by
// criminals, so every size, count and ratio read from it is untrusted: the
// walker never allocates or reads more than these values allow, whatever the
// headers claim.
//
// A zero field means "use the default", never "unlimited". Hitting a limit
// stops the branch that hit it (the entry, or the archive for counts and
// depth) with a *LimitError, and the walk goes on elsewhere when it can.
//
// MaxTotalBytes, MaxEntries and MaxAmplifiedBytes are budgets of the whole
// walk that a nested archive shares with its siblings: it and everything
// in it may spend at most half of what its parent has left of each, so
// that one archive cannot starve the rest of the package (see the
// package documentation, "Fair budgets").
type Limits struct {
	// MaxTotalBytes caps the uncompressed bytes read over the whole walk,
	// at every nesting level together. Default 8 GiB: proof packs are
	// samples, rarely more than a few hundred megabytes, and this still
	// admits the largest ones seen while stopping decompression bombs. A
	// nested archive may read at most half of what its parent has left.
	MaxTotalBytes int64

	// MaxEntryBytes caps the uncompressed bytes read from one entry.
	// Default 2 GiB.
	MaxEntryBytes int64

	// MaxEntries caps the number of entries seen over the whole walk,
	// directories included, and those admitted with Walker.Admit. Default
	// 100 000: enough for any real sample, and it stops archives of a
	// million empty files before they cost memory (the zip reader is told
	// no more than this many records). A nested archive may take at most
	// half of what its parent has left once the parent's own members
	// still to come (when its directory says how many) are set aside.
	MaxEntries int

	// MaxDepth caps archive nesting: the package is depth 0, an archive
	// inside it depth 1, and so on. An archive deeper than this is listed
	// as an entry but not opened. Default 8, far beyond real packs and far
	// below what recursive bombs such as 42.zip need.
	MaxDepth int

	// MaxRatio caps, per entry, uncompressed bytes divided by compressed
	// bytes, once more than RatioGraceBytes came out. Default 200: Apache
	// POI rejects Office parts above 100; leak samples hold database dumps
	// that compress better than documents, so we allow twice that. A
	// zip of zeros reaches about 1000. In a 7z, whose headers give no
	// packed size per file, it applies to each solid block as a whole
	// and to each file's own bytes (see the package documentation).
	MaxRatio int

	// RatioGraceBytes is how much an entry may inflate before MaxRatio is
	// checked: small files compress arbitrarily well and are harmless.
	// Default 1 MiB. What many such entries yield together is bounded by
	// the amplification budget (MaxAmplifiedBytes).
	RatioGraceBytes int64

	// MaxAmplifiedBytes caps the walk's amplification budget. Bytes that
	// entries yield beyond FreeRatio times the package bytes they come
	// from, judged across every nesting level, are amplification: what
	// bombs are made of. The budget is MaxRatio times the package's size,
	// at least 64 MiB and at most MaxAmplifiedBytes; a nested archive may
	// spend at most half of what its parent has left, an entry at most
	// half of what its archive has left. Default 2 GiB: about three
	// seconds of reading zeros, and room for database dumps that compress
	// a hundred to one.
	MaxAmplifiedBytes int64

	// MaxDuration caps the wall-clock time of one walk. Default 30 minutes.
	MaxDuration time.Duration

	// MaxMemorySpool caps the memory held by spools: entries that must be
	// read with random access (zip, 7z, rar inside another archive) are
	// kept in memory while the spools alive together stay under it, and
	// spill to the private temporary directory beyond. Default 32 MiB.
	MaxMemorySpool int64

	// MaxDictionaryBytes caps the decompression window a rar or 7z header
	// may ask for; the decoders allocate it up front. It also caps what a
	// stream asks for the same way: a RAR 3 PPMd model at the start of a
	// file, the window of a 7z zstd frame. Default 256 MiB (RAR 5 and
	// 7-Zip default to 32 MiB or less; rardecode's own default is 4 GiB).
	MaxDictionaryBytes int64
}

// Default values of Limits. See each field for the reasoning.
const (
	DefaultMaxTotalBytes      int64         = 8 << 30
	DefaultMaxEntryBytes      int64         = 2 << 30
	DefaultMaxEntries         int           = 100_000
	DefaultMaxDepth           int           = 8
	DefaultMaxRatio           int           = 200
	DefaultRatioGraceBytes    int64         = 1 << 20
	DefaultMaxDuration        time.Duration = 30 * time.Minute
	DefaultMaxMemorySpool     int64         = 32 << 20
	DefaultMaxDictionaryBytes int64         = 256 << 20
	DefaultMaxAmplifiedBytes  int64         = 2 << 30
)

// FreeRatio is how many bytes an entry may yield for each byte of the
// package it comes from before the excess counts as amplification. Text
// deflates 3 to 10 to one, logs and CSV exports up to 20 or 30; 32 leaves
// them all free. Across nesting levels the ratio is shared: an archive
// nested in an entry that came out of c package bytes as o bytes lets its
// own entries yield FreeRatio·c − o bytes (see the package documentation).
const FreeRatio = 32

// minAmplifiedBytes is the smallest amplification budget, whatever the
// package's size: 64 MiB, before a tiny package's ratio counts.
const minAmplifiedBytes = 64 << 20

// DefaultLimits returns the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{
		MaxTotalBytes:      DefaultMaxTotalBytes,
		MaxEntryBytes:      DefaultMaxEntryBytes,
		MaxEntries:         DefaultMaxEntries,
		MaxDepth:           DefaultMaxDepth,
		MaxRatio:           DefaultMaxRatio,
		RatioGraceBytes:    DefaultRatioGraceBytes,
		MaxDuration:        DefaultMaxDuration,
		MaxMemorySpool:     DefaultMaxMemorySpool,
		MaxDictionaryBytes: DefaultMaxDictionaryBytes,
		MaxAmplifiedBytes:  DefaultMaxAmplifiedBytes,
	}
}

// WithDefaults returns l with every zero or negative field replaced by its
// default.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = d.MaxTotalBytes
	}
	if l.MaxEntryBytes <= 0 {
		l.MaxEntryBytes = d.MaxEntryBytes
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.RatioGraceBytes <= 0 {
		l.RatioGraceBytes = d.RatioGraceBytes
	}
	if l.MaxDuration <= 0 {
		l.MaxDuration = d.MaxDuration
	}
	if l.MaxMemorySpool <= 0 {
		l.MaxMemorySpool = d.MaxMemorySpool
	}
	if l.MaxDictionaryBytes <= 0 {
		l.MaxDictionaryBytes = d.MaxDictionaryBytes
	}
	if l.MaxAmplifiedBytes <= 0 {
		l.MaxAmplifiedBytes = d.MaxAmplifiedBytes
	}
	return l
}

// Names of the limits, as LimitError.Limit reports them. They are stable:
// the report's problem codes are "limit_" followed by one of them.
const (
	LimitTotalBytes = "total_bytes"
	LimitEntryBytes = "entry_bytes"
	LimitEntries    = "entries"
	LimitDepth      = "depth"
	LimitRatio      = "ratio"
	LimitDuration   = "duration"
	LimitDictionary = "dictionary"
	// LimitHeaderBytes: a tar extended header (PAX records, GNU long
	// name) over 1 MiB, archive/tar's cap. Its oversized records are
	// skipped and the entry is read with the rest.
	LimitHeaderBytes = "header_bytes"
	// LimitNameBytes: an entry name or link target longer than
	// MaxNameBytes, cut to it (not a field of Limits: the cap is fixed).
	LimitNameBytes = "name_bytes"
	// LimitAmplification: an entry, or a nested archive with everything
	// in it, spent its share of the amplification budget
	// (MaxAmplifiedBytes): it yields far more than the package bytes it
	// comes from, across nesting levels.
	LimitAmplification = "amplification"
)

// LimitError reports that a walk hit one of its Limits.
type LimitError struct {
	Limit string // one of the Limit… constants
	Value int64  // the value that crossed the limit (bytes, count, ratio, depth)
	Max   int64  // the limit in force, or the share of it that applied
	Path  string // the entry or archive that hit it
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: limit %s reached (%d > %d)", e.Path, e.Limit, e.Value, e.Max)
}

// Is reports whether target is ErrLimit, so that errors.Is(err, ErrLimit)
// holds for every LimitError.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }

// Version is the unpacker's version, reported by callers beside results.
const Version = "0.1.0"
