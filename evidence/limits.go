package evidence

import (
	"time"

	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
)

// Limits bounds every resource a triage may use. It embeds the archive
// limits of package unpack and the metadata limits of package meta, whose
// fields are promoted (Limits.MaxDepth, Limits.MaxTextBytes and so on).
// Zero fields take their defaults, never "unlimited".
type Limits struct {
	unpack.Limits
	MetadataLimits

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

// MetadataLimits are the limits of the metadata stage (package meta),
// embedded in Limits.
type MetadataLimits = meta.Limits

// DefaultLimits returns the limits used for zero fields. MaxOCRDuration
// stays zero: its default depends on the package (see OCRDuration).
func DefaultLimits() Limits {
	return Limits{}.WithDefaults()
}

// WithDefaults returns l with every zero field set to its default, but
// MaxOCRDuration, whose default depends on the package's size: it is
// resolved by OCRDuration when the size is known.
func (l Limits) WithDefaults() Limits {
	l.Limits = l.Limits.WithDefaults()
	l.MetadataLimits = l.MetadataLimits.WithDefaults()
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
