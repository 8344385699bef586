package evidence

import (
	"context"
	"errors"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/ocr"
)

// Problem is something wrong with an item or the package: a hostile name,
// a limit reached, a corrupt or encrypted entry. Code is stable and meant
// for machines; Detail is for people.
type Problem struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
	// Path names the archive or item the problem is about, on problems of
	// the report as a whole.
	Path string `json:"path,omitempty"`
}

// Problem codes. They are part of the JSON contract.
const (
	ProblemCorrupt       = "corrupt"             // not valid data of its format, or a checksum failed
	ProblemTruncated     = "truncated"           // ends before its headers say
	ProblemEncrypted     = "encrypted"           // encrypted and no password given
	ProblemWrongPassword = "wrong_password"      // the password given does not decrypt it
	ProblemUnsupported   = "unsupported"         // a valid feature not read (method, multi-volume)
	ProblemInsecurePath  = "insecure_path"       // a name that would escape an extraction directory
	ProblemInsecureLink  = "insecure_link"       // a link whose target leaves the archive
	ProblemOverlap       = "overlapping_entries" // zip entries sharing data: a zip bomb
	ProblemSizeMismatch  = "size_mismatch"       // real size differs from the declared size
	ProblemParserPanic   = "parser_panic"        // a parser crashed on this input; recovered
	ProblemSparse        = "sparse"              // a sparse file whose holes were not read: size and hashes cover the data stored
	ProblemTrailingData  = "trailing_data"       // bytes other than padding after the end of an item, an archive or a compressed stream
	ProblemCanceled      = "canceled"            // the caller cancelled the triage
	ProblemRead          = "read_error"          // the package could not be read
	ProblemMetadata      = "metadata_malformed"  // a metadata record is malformed; the rest was read
	ProblemMetadataLimit = "limit_metadata"      // a metadata limit (records, record size) was reached
	ProblemOCR           = "ocr_failed"          // the image could not be decoded or read by OCR
	ProblemOCRTimeout    = "ocr_timeout"         // OCR of the image took longer than its time limit
	// ProblemOCRSmallText says that the text read by OCR is too small to
	// trust as read: more than a quarter of its characters are in lines
	// at most ocr.SmallTextPx (9) pixels high, where OCR misreads
	// look-alike kanji and merges letters. The item's text, and the
	// names and identifiers attribution found in it, are to be checked
	// on the image. The detail gives the share and the median line
	// height (OCR.SmallTextShare, OCR.TextPx).
	ProblemOCRSmallText = "ocr_small_text"
	// ProblemOCRUnavailable, on the report as a whole, says that OCR was
	// wanted but could not run (Options.OCRUnavailable gives why), and how
	// many images and scanned PDFs were left unread.
	ProblemOCRUnavailable = "ocr_unavailable"
	ProblemLimitPrefix    = "limit_" // followed by unpack's limit name, e.g. "limit_ratio"
	// LimitPixels names the limit on an image's decoded size (ocr.Options.MaxPixels),
	// reported as "limit_pixels".
	LimitPixels = "pixels"
	// LimitOCRDuration names the limit on a triage's OCR time
	// (Limits.MaxOCRDuration), reported as "limit_ocr_duration" on each
	// item it stopped or left unread, and on the report.
	LimitOCRDuration = "ocr_duration"
	// LimitReportText names the limit on the item text a report keeps
	// (Limits.MaxReportText), reported as "limit_report_text" on each
	// item whose text was left out, and on the report with their count.
	LimitReportText = "report_text"

	// ProblemRecursive says that an archive holds a copy of itself or of
	// an archive it is inside, byte for byte: a quine, made to send a
	// walker round forever. The copy is a duplicate (Item.DuplicateOf),
	// listed and not opened.
	ProblemRecursive = "recursive_archive"

	// ProblemDeceptiveName says that a name (or a link's target) holds
	// characters that hide, reorder or control how it reads: a
	// right-to-left override that makes "invoice_\u202Etxt.exe" read as
	// "invoice_exe.txt", zero-width or control characters.
	ProblemDeceptiveName = "deceptive_name"

	// ProblemXMLDTD says that an XML part of an office package (or its
	// [Content_Types].xml) holds a document type declaration, which the
	// Open Packaging Conventions forbid and Office never writes: it is how
	// entity bombs ("billion laughs") and external entities are built. The
	// part is refused unread; the rest of the package is read. A refused
	// [Content_Types].xml leaves the package unconfirmed, walked as a zip.
	ProblemXMLDTD = "xml_dtd"

	// ProblemPasswordNeeded, on the report as a whole, says that nothing
	// could be read for want of a password: every encrypted entry (or
	// the archive itself, its headers encrypted) stayed locked, with no
	// password given or a wrong one, and no other item had content. The
	// detail counts the entries; the triage is to be run again with
	// Options.Password.
	ProblemPasswordNeeded = "password_needed"

	// ProblemSplitArchive, on the report as a whole, says that the
	// package is one volume of a split archive (a split zip's .z01 or
	// its last .zip, a .7z.001, a RAR volume; unpack.SplitVolumeOf):
	// alone it is a fragment, whose entries are partly or not at all
	// readable. The detail names the volume and those missing ("volume 2
	// of a split zip; volumes pack.z01, pack.zip missing"); AnalyzeVolumes
	// reads a complete set as one archive.
	ProblemSplitArchive = "split_archive"

	// ProblemHash, on an image item, says that its perceptual hash
	// could not be made (Options.Library or Hashes): the image could
	// not be decoded, or is too small to hash. A case library then
	// matches it byte for byte only.
	ProblemHash = "hash_failed"

	// ProblemLibrary, on the report as a whole, says that the case
	// library (Options.Library) failed: a lookup or the recording of
	// the pack. The detail gives the library's error; the items looked
	// up before it keep their sightings, and the pack is not recorded.
	ProblemLibrary = "library_error"
)

// ProblemCodes lists every code a report may hold, for documentation and
// for consumers that validate reports.
var ProblemCodes = []string{
	ProblemCorrupt, ProblemTruncated, ProblemEncrypted, ProblemWrongPassword,
	ProblemUnsupported, ProblemInsecurePath, ProblemInsecureLink, ProblemOverlap,
	ProblemSizeMismatch, ProblemParserPanic, ProblemSparse, ProblemTrailingData, ProblemCanceled, ProblemRead,
	ProblemMetadata, ProblemMetadataLimit, ProblemOCR, ProblemOCRTimeout, ProblemOCRSmallText, ProblemOCRUnavailable, ProblemLimitPrefix + LimitPixels, ProblemLimitPrefix + LimitOCRDuration,
	ProblemLimitPrefix + LimitReportText, ProblemDeceptiveName, ProblemXMLDTD, ProblemRecursive, ProblemPasswordNeeded, ProblemSplitArchive,
	ProblemHash, ProblemLibrary,
	ProblemLimitPrefix + unpack.LimitTotalBytes, ProblemLimitPrefix + unpack.LimitEntryBytes,
	ProblemLimitPrefix + unpack.LimitEntries, ProblemLimitPrefix + unpack.LimitDepth,
	ProblemLimitPrefix + unpack.LimitRatio, ProblemLimitPrefix + unpack.LimitDuration,
	ProblemLimitPrefix + unpack.LimitDictionary, ProblemLimitPrefix + unpack.LimitHeaderBytes,
	ProblemLimitPrefix + unpack.LimitNameBytes, ProblemLimitPrefix + unpack.LimitAmplification,
}

// errReportText marks the problem of an item whose text the report left
// out (Limits.MaxReportText).
var errReportText = errors.New("limit Limits.MaxReportText reached")

// problemOf classifies err into a Problem.
func problemOf(err error) Problem {
	return Problem{Code: problemCode(err), Detail: err.Error()}
}

func problemCode(err error) string {
	var le *unpack.LimitError
	switch {
	case errors.As(err, &le):
		return ProblemLimitPrefix + le.Limit
	case errors.Is(err, errLibrary):
		return ProblemLibrary
	case errors.Is(err, errOCRBudget):
		return ProblemLimitPrefix + LimitOCRDuration
	case errors.Is(err, meta.ErrDTD), errors.Is(err, identify.ErrDTD):
		return ProblemXMLDTD
	case errors.Is(err, errReportText):
		return ProblemLimitPrefix + LimitReportText
	case errors.Is(err, unpack.ErrPanic), errors.Is(err, meta.ErrPanic):
		return ProblemParserPanic
	case errors.Is(err, unpack.ErrPassword):
		return ProblemWrongPassword
	case errors.Is(err, unpack.ErrEncrypted), errors.Is(err, meta.ErrEncrypted):
		return ProblemEncrypted
	case errors.Is(err, unpack.ErrInsecurePath):
		return ProblemInsecurePath
	case errors.Is(err, unpack.ErrInsecureLink):
		return ProblemInsecureLink
	case errors.Is(err, unpack.ErrOverlap):
		return ProblemOverlap
	case errors.Is(err, unpack.ErrSizeMismatch):
		return ProblemSizeMismatch
	case errors.Is(err, unpack.ErrSparse):
		return ProblemSparse
	case errors.Is(err, unpack.ErrTrailingData):
		return ProblemTrailingData
	case errors.Is(err, unpack.ErrTruncated):
		return ProblemTruncated
	case errors.Is(err, unpack.ErrUnsupported):
		return ProblemUnsupported
	case errors.Is(err, ocr.ErrLimit):
		return ProblemLimitPrefix + LimitPixels
	case errors.Is(err, ocr.ErrTimeout):
		return ProblemOCRTimeout
	case errors.Is(err, context.Canceled):
		return ProblemCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return ProblemLimitPrefix + unpack.LimitDuration
	case errors.Is(err, errHash):
		return ProblemHash
	case errors.Is(err, errOCR):
		return ProblemOCR
	case errors.Is(err, errRecursive):
		return ProblemRecursive
	case errors.Is(err, meta.ErrLimit):
		return ProblemMetadataLimit
	case errors.Is(err, meta.ErrFormat):
		return ProblemMetadata
	}
	return ProblemCorrupt
}
