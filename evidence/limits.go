package evidence

import (
	"time"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
)

// Limits bounds every resource a triage may use. Zero fields take their
// defaults, never "unlimited"; a literal names only the fields it changes:
//
//	evidence.Limits{MaxDepth: 4, MaxTotalBytes: 1 << 30}
//
// The archive walk (package unpack) and the metadata stage (package meta)
// read their own limits from it (UnpackLimits, MetadataLimits); their
// fields carry the same names and defaults here.
type Limits struct {
	// MaxTotalBytes caps the uncompressed bytes read over the whole walk,
	// every nesting level together, and the bytes of a stream read
	// (AnalyzeReader). A nested archive may read at most half of what
	// its parent has left. Default unpack.DefaultMaxTotalBytes, 8 GiB.
	MaxTotalBytes int64
	// MaxEntryBytes caps the uncompressed bytes read from one entry.
	// Default unpack.DefaultMaxEntryBytes, 2 GiB.
	MaxEntryBytes int64
	// MaxEntries caps the archive entries seen over the whole walk,
	// directories and files embedded in items (mail attachments)
	// included. A nested archive may take at most half of what its
	// parent has left. Default unpack.DefaultMaxEntries, 100 000.
	MaxEntries int
	// MaxDepth caps archive nesting: an archive deeper than this is
	// listed but not opened. Default unpack.DefaultMaxDepth, 8.
	MaxDepth int
	// MaxRatio caps, per entry, uncompressed bytes divided by compressed
	// bytes once RatioGraceBytes came out; MaxRatio times the package's
	// size is also the amplification budget (MaxAmplifiedBytes). Default
	// unpack.DefaultMaxRatio, 200.
	MaxRatio int
	// RatioGraceBytes is how much an entry may inflate before MaxRatio
	// is checked. Default unpack.DefaultRatioGraceBytes, 1 MiB.
	RatioGraceBytes int64
	// MaxAmplifiedBytes caps the walk's amplification budget: what
	// entries may yield, across every nesting level, beyond
	// unpack.FreeRatio times the package bytes they come from. Default
	// unpack.DefaultMaxAmplifiedBytes, 2 GiB.
	MaxAmplifiedBytes int64
	// MaxDuration caps the wall-clock time of the triage: unpacking, OCR,
	// the package's hashes and the reading of a stream. Default
	// unpack.DefaultMaxDuration, 30 minutes.
	MaxDuration time.Duration
	// MaxMemorySpool caps the memory held by spools (nested archives
	// that need random access, a stream being read); beyond it they go
	// to an unlinked file of the private temporary directory. Default
	// unpack.DefaultMaxMemorySpool, 32 MiB.
	MaxMemorySpool int64
	// MaxDictionaryBytes caps the decoder window or model a rar, xz or 7z
	// header may ask for, checked before the decoder allocates it.
	// Default unpack.DefaultMaxDictionaryBytes, 256 MiB.
	MaxDictionaryBytes int64

	// MaxTextBytes caps the body or OCR text kept per item. Default
	// meta.DefaultMaxTextBytes, 1 MiB.
	MaxTextBytes int64
	// MaxRecordBytes caps one metadata record read into memory (an XML
	// part, an EXIF segment, a PDF object stream, a mail part). Default
	// meta.DefaultMaxRecordBytes, 16 MiB.
	MaxRecordBytes int64
	// MaxRecords caps the tags, properties, objects or parts read per
	// item. Default meta.DefaultMaxRecords, 10 000.
	MaxRecords int
	// MaxAttachmentBytes caps the bytes of the files embedded in one item
	// (mail attachments) kept in memory for triage. Default
	// meta.DefaultMaxAttachmentBytes, 64 MiB.
	MaxAttachmentBytes int64

	// MaxOCRDuration caps the OCR time of a triage: the wall-clock time
	// during which the OCR stage has images to read (queued, being
	// decoded, rendered from a PDF or recognised), added up over the
	// triage. Once it is spent, the images being read are stopped and
	// the rest are not read; each gets a limit_ocr_duration problem, and
	// so does the report. The per-image bound (ocr.Options
	// TimeoutPerImage) stops one slow image; this one stops many: a
	// thousand noise images that each take the per-image minute would
	// otherwise keep a triage busy for hours.
	//
	// Zero means a default that grows with the package: DefaultOCRBase
	// plus DefaultOCRPerMiB for each MiB of the package, at most
	// DefaultMaxOCRDuration (see OCRDuration). OCR is bounded in all
	// cases by MaxDuration, which counts from the start of the triage,
	// and by the context's deadline.
	MaxOCRDuration time.Duration

	// MaxReportText caps the item text (body and OCR text, OCR words
	// included) the report keeps in all, when its items are collected
	// (Options.OnItem nil). Past it, items keep their hashes, type,
	// metadata and problems but not their text, which attribution has
	// read already: each such item gets a limit_report_text problem, and
	// the report one that counts them. Text handed to Options.OnItem is
	// not kept, and does not count. Default DefaultMaxReportText.
	MaxReportText int64
}

// DefaultMaxReportText is the default of Limits.MaxReportText, 64 MiB:
// the text of sixty-four items at the default MaxTextBytes, or of
// thousands of documents and mails, which is what an analyst reads in a
// report; a report that keeps it stays within the command's memory
// (a text bomb of 2,000 logs of 1 MiB once made a report of 1.6 GB).
const DefaultMaxReportText int64 = 64 << 20

// Defaults of Limits.MaxOCRDuration. Tesseract reads a 1920x1080
// screenshot in 0.3 to 3 s on one core; a screenshot PNG weighs 0.1 to
// 1 MiB, so one MiB of screenshots is one to ten of them. Ten seconds per
// MiB reads a pack of screenshots whole even on one worker; the base
// leaves room for a small pack's few dense pages (two at the per-image
// minute); the cap keeps a pack of hundreds of MiB of noise to an hour
// (less with the default MaxDuration of 30 minutes, which bounds OCR
// too). The 24.5 MB pack of the Fujitsu case gets 6 minutes.
const (
	DefaultOCRBase        time.Duration = 2 * time.Minute
	DefaultOCRPerMiB      time.Duration = 10 * time.Second
	DefaultMaxOCRDuration time.Duration = time.Hour
)

// DefaultLimits returns the limits used for zero fields. MaxOCRDuration
// stays zero: its default depends on the package (see OCRDuration).
func DefaultLimits() Limits {
	return Limits{}.WithDefaults()
}

// WithDefaults returns l with every zero field set to its default, but
// MaxOCRDuration, whose default depends on the package's size: it is
// resolved by OCRDuration when the size is known.
func (l Limits) WithDefaults() Limits {
	l = l.withUnpack(l.UnpackLimits().WithDefaults())
	l = l.withMetadata(l.MetadataLimits().WithDefaults())
	if l.MaxOCRDuration < 0 {
		l.MaxOCRDuration = 0
	}
	if l.MaxReportText <= 0 {
		l.MaxReportText = DefaultMaxReportText
	}
	return l
}

// OCRDuration returns the OCR time allowed for a package of size bytes:
// MaxOCRDuration when it is set, else DefaultOCRBase plus
// DefaultOCRPerMiB per MiB (started MiBs count), at most
// DefaultMaxOCRDuration; never more than MaxDuration (its default when
// zero).
func (l Limits) OCRDuration(size int64) time.Duration {
	l = l.WithDefaults()
	d := l.MaxOCRDuration
	if d <= 0 {
		size = max(size, 0)
		mib := size >> 20
		if size&(1<<20-1) > 0 {
			mib++
		}
		d = DefaultMaxOCRDuration
		if room := (DefaultMaxOCRDuration - DefaultOCRBase) / DefaultOCRPerMiB; mib < int64(room) {
			d = DefaultOCRBase + time.Duration(mib)*DefaultOCRPerMiB
		}
	}
	return min(d, l.MaxDuration)
}

// UnpackLimits returns the limits of the archive walk (package unpack),
// as l sets them: zero fields stay zero, for unpack's defaults.
func (l Limits) UnpackLimits() unpack.Limits {
	return unpack.Limits{
		MaxTotalBytes:      l.MaxTotalBytes,
		MaxEntryBytes:      l.MaxEntryBytes,
		MaxEntries:         l.MaxEntries,
		MaxDepth:           l.MaxDepth,
		MaxRatio:           l.MaxRatio,
		RatioGraceBytes:    l.RatioGraceBytes,
		MaxAmplifiedBytes:  l.MaxAmplifiedBytes,
		MaxDuration:        l.MaxDuration,
		MaxMemorySpool:     l.MaxMemorySpool,
		MaxDictionaryBytes: l.MaxDictionaryBytes,
	}
}

// MetadataLimits returns the limits of the metadata stage (package
// meta), as l sets them: zero fields stay zero, for meta's defaults.
func (l Limits) MetadataLimits() meta.Limits {
	return meta.Limits{
		MaxTextBytes:       l.MaxTextBytes,
		MaxRecordBytes:     l.MaxRecordBytes,
		MaxRecords:         l.MaxRecords,
		MaxAttachmentBytes: l.MaxAttachmentBytes,
	}
}

// withUnpack returns l with the fields of the archive walk set from u.
func (l Limits) withUnpack(u unpack.Limits) Limits {
	l.MaxTotalBytes, l.MaxEntryBytes, l.MaxEntries, l.MaxDepth = u.MaxTotalBytes, u.MaxEntryBytes, u.MaxEntries, u.MaxDepth
	l.MaxRatio, l.RatioGraceBytes, l.MaxAmplifiedBytes = u.MaxRatio, u.RatioGraceBytes, u.MaxAmplifiedBytes
	l.MaxDuration, l.MaxMemorySpool, l.MaxDictionaryBytes = u.MaxDuration, u.MaxMemorySpool, u.MaxDictionaryBytes
	return l
}

// withMetadata returns l with the fields of the metadata stage set from m.
func (l Limits) withMetadata(m meta.Limits) Limits {
	l.MaxTextBytes, l.MaxRecordBytes, l.MaxRecords, l.MaxAttachmentBytes = m.MaxTextBytes, m.MaxRecordBytes, m.MaxRecords, m.MaxAttachmentBytes
	return l
}
