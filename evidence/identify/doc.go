// Package identify tells what a file really is from its content, never from
// its name.
//
// # Place in the flow
//
// The unpacker hands every entry of a proof pack to identify before anything
// else looks at it: metadata extractors, text extraction and OCR are chosen
// from the [Type] that [Detect] and [Refine] return, and the report records
// the MIME type, the [Kind], the text charset and whether the extension the
// archive declared ([DeclaredExt]) disagrees with the content
// ([ExtMismatch]).
//
// Detection runs in two steps:
//
//  1. [Detect] looks at a bounded prefix of at most [PrefixLen] bytes. It
//     knows binary formats by their magic numbers (github.com/h2non/filetype
//     plus signatures of its own for the formats that matter in a proof
//     pack, checked first and in a fixed order: images and the camera raw,
//     Photoshop, JPEG 2000/XL, EXV, XCF, PGF, DjVu, MIFF, EPS and InDesign
//     files whose metadata package meta reads, before text detection, as
//     a PSD header can be clean text for the whole prefix), and text by its
//     charset (BOMs, UTF-16 without BOM, strict UTF-8, ISO-2022-JP,
//     Shift_JIS, EUC-JP, windows-1252) and its shape (HTML, XML, XMP and RDF
//     documents, SVG, JSON, e-mail, CSV, TSV, plain text).
//  2. [Refine] opens the two container formats whose prefix cannot tell
//     their real type: zip (OOXML, ODF, EPUB, JAR, APK) and OLE2 compound
//     files (Word, Excel, PowerPoint, Outlook messages, encrypted OOXML).
//     An OOXML package is known by its main part, whose content type
//     [Content_Types].xml gives by an Override for its name or, as Excel
//     does for the workbook of an xlsb, by a Default for its extension.
//
// Callers must pass Detect a full prefix, read with [io.ReadFull] (or
// [io.ReadAtLeast]) rather than a single Read: a reader may return fewer
// bytes than asked for, and a short prefix changes the answer (an OOXML
// guess, a CSV with one line, a tar header). h2non/filetype's own
// MatchReader makes exactly that mistake, which is why this package only
// ever gives it byte slices.
//
// # Threat model
//
// Every input is hostile. Detect never allocates more than a small multiple
// of its prefix and never panics; Refine bounds every read: the zip central
// directory and the OLE2 directory are counted by this package before a
// third-party parser sees them ([MaxContainerEntries]), the parts it reads
// go through [io.LimitReader], panics in third-party parsers are recovered
// and reported as errors wrapping [ErrFormat], and the context is checked
// between entries.
//
// # Traps in the libraries
//
// h2non/filetype registers its matchers by ranging over Go maps, so when two
// matchers of one group accept the same bytes (zip and EPUB, the three OLE2
// guesses) the winner changes from one process to the next. Its OOXML
// matcher depends on the order of the zip entries and often answers plain
// zip; its OLE2 matcher guesses Word, Excel or PowerPoint from fixed offsets
// that say nothing reliable. Some of its signatures are two or three
// printable bytes ("BM", "MZ", "ID3"). This package therefore checks its own
// ordered signatures first, treats every OLE2 file as
// "application/x-ole-storage" until Refine has looked inside, and lets text
// detection win over a filetype match when the whole prefix is clean text.
//
// github.com/richardlehane/mscfb reads the whole directory of a compound
// file when it opens it and walks the directory tree recursively, so Refine
// counts the directory sectors itself first and skips files whose directory
// is larger than the limit.
package identify
