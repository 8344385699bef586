// Package evidence triages a proof pack: the sample archive a data seller
// publishes to "prove" a breach. Analyze opens the package, walks every
// archive level, and returns a Report that marshals to the documented JSON
// contract. AnalyzeReaderAt triages a package held in an io.ReaderAt, and
// AnalyzeReader one read from a stream (standard input), which it spools
// first within the limits. AnalyzeVolumes triages the volumes of a split
// zip (NAME.z01 … NAME.zip) or 7z (NAME.7z.001 …) as the one archive they
// make; a volume triaged alone gets a "split_archive" problem that names
// the volumes it lacks (unpack.SplitVolumeOf), and a volume inside a
// package gets one on its item (volumes inside a package are not joined).
//
// When nothing could be read for want of a password (every encrypted
// entry with content locked, with no password or a wrong one, and no
// other item with content; or an archive whose headers are encrypted),
// the report has a "password_needed" problem: run again with
// Options.Password.
//
// # Place in the flow
//
// Data flows one way: bytes → entries (package unpack) → typed items
// (package identify) → hashes, metadata and text → attribution → Report.
// For each entry the body is read exactly once: the same bytes feed the
// MD5, SHA-1 and SHA-256 hashes, the type detection (a prefix of
// identify.PrefixLen bytes), and, when the entry is itself an archive, the
// walk of the nested archive, from a spool (in memory within
// Limits.MaxMemorySpool, on disk beyond) so that its SHA-256 is known
// before it is walked (see Duplicates). Office files and
// other containers that are documents rather than archives (docx, xlsx,
// odt, …) are identified inside the container and not walked. Items that
// a metadata extractor of package meta reads (images, documents, PDF,
// mail, HTML) are spooled too, and their metadata, body text and embedded
// files (mail attachments, triaged as items one level down) go into the
// report. An item's type is decided at one point (decide, analyze.go),
// before its extractors are chosen: the type of its first bytes, then,
// for every zip and OLE2 file, the type its container confirms, so that an
// Outlook message (a plain OLE2 file from its first bytes) or an office
// package whose first member is not [Content_Types].xml or mimetype is
// read by the extractor of what it is.
//
// # Items stream
//
// The walk is the one reader of the package; what an item needs after its
// bytes are read goes on beside it (stream.go). Its metadata and body text
// are read by one of Options.Workers goroutines (GOMAXPROCS by default)
// while the walk reads the next entries; mail, whose attachments become
// items, is read on the walk. At most twice Workers items wait for or are
// in the workers' hands, their spools within Limits.MaxMemorySpool (then
// on disk). When an item's last stage is done (read, metadata, trailing
// data, OCR; an archive after its members, whose walk adds problems to
// it), attribution reads it there, and it is handed on: to Options.OnItem,
// or into Report.Items. Items are handed on one at a time, in the order
// the walk finished them whatever the scheduling, so that a report is the
// same for the same package; an item done early waits for those before
// it, and the walk waits while such items hold more than 64 MiB. Collected
// items are put back in walk order (Item.Index) at the end. Once an item
// is handed on nothing of it is kept but what the report keeps: with
// OnItem, nothing; else its text within Limits.MaxReportText (past it,
// limit_report_text). Attribution (fingerprint.Attributor) keeps at most
// fingerprint.DefaultMaxEvidence pieces of evidence per organisation, not
// the text it read, and counts items in walk order whatever order it
// reads them in; the timeline is built from small records of each time, within
// bounds (timeline_builder.go), and is the one BuildTimeline makes of the
// whole report. Memory is bounded by the limits, not by the package's
// size.
//
// Data after an item's logical end are reported as a "trailing_data"
// problem with their offset and length (trailing.go): after a PNG's IEND,
// a JPEG's last EOI (the further images of a multi-picture JPEG, a motion
// photo's video and a Samsung trailer are part of the file), a GIF's
// trailer, a RIFF file's declared size, a PDF's last %%EOF, a zip's end of
// central directory record and comment, a 7z's header; and, whatever the
// format, a zip whose end of central directory record ends the file but
// which starts after its first byte (a zip appended to anything). An
// archive found there is triaged as the item's child "trailing"
// ("image.png!/trailing!/hidden/customers.csv"), within the same limits
// and depth. Streamed items (those no extractor reads, and all items with
// SkipMetadata) keep their last megabyte: an appended zip is read from it
// when it fits, and only reported otherwise. Executables are not checked.
//
// With Options.OCR (an ocr.Pool), image items are read by OCR beside the
// walk: the walk hands an image's spool to a job and goes on, the job
// decodes the image when a worker is about to be free (within the pool's
// pixel limit) and the pool's engines read it; the text and the words with
// their boxes go into the item, which is then handed on. Camera photographs
// (camera tags in EXIF, no screenshot tool named) and images too small to
// hold text are not read. OCR is bounded per image by the pool's
// TimeoutPerImage, in total by Limits.MaxOCRDuration (the OCR time
// budget, by default growing with the package's size: the images being
// read when it is spent are stopped, the rest are not read, and each
// says so with limit_ocr_duration) and by MaxDuration, which counts
// from the start of the triage and stops OCR as it stops the walk. PDF pages without a text layer are not
// rasterised: the library has no PDF renderer of its own.
//
// Text too small to trust is flagged, not hidden: the ocr block carries
// the size of the text read (text_px, the median line height in the
// image's pixels, and small_text_share, the share of characters in
// lines at most ocr.SmallTextPx, 9 px, high), and when more than a
// quarter of the characters are that small the item gets the problem
// ocr_small_text, whose detail says so and that the names and
// identifiers read from it may be misread (at 9 px OCR swaps look-alike
// kanji). Its text and its evidence are kept and weigh as before; the
// JSON evidence does not repeat the flag (join evidence[].item to the
// item's problems), and the rendered reports mark the evidence of such
// items.
//
// # Duplicates
//
// Content triaged once is not triaged again (duplicate.go): an item whose
// SHA-256 is that of an item read before is listed, typed and hashed,
// with Item.DuplicateOf naming the first; a duplicate archive is not
// walked, and a duplicate file's metadata, text and OCR are not read (they
// are the first's, left empty on the copy, so that a thousand copies of
// one document do not weigh a thousand times in the attribution either).
// A recursive copy bomb (nine copies of one zip at each of ten levels)
// opens one archive per level, and a gzip that holds itself is not opened
// inside itself. Empty files are never duplicates. The set of hashes is
// bounded (16 MiB of records for files, twice that with archives).
// Budgets that a nested archive shares with the rest of the package are
// package unpack's (its "Fair budgets").
//
// # Attribution
//
// As each item is done, it (path, normalised metadata, mail senders,
// recipients and Received hosts, EXIF artist and copyright, body or OCR
// text) is read by a fingerprint.Attributor over Options.Orgs
// (fingerprint.Default() when nil), on the goroutine that finished it;
// archives and mails are read before their members. When the walk and OCR
// are done, the attributor's result fills the report's attribution: the
// organisations ranked with their evidence (each piece with its role:
// custody, authorship, mention, or claim_echo for what the seller
// controls, weighing nothing), the candidates outside the catalogue, and
// the organisations only the seller names (claim_echo), the same
// whatever the order items were read in. With Options.Claim the claim
// section holds the verdict (fingerprint's Result.Verdict, a Verdict):
// the claim as given and the profile it matched, the owners and the
// first's name, the claimed organisation's relation to them, the reason;
// without it the claim section is empty. Once the timeline is built, a
// Options.ClaimDate more than StaleClaimAge after the newest content
// date adds a ClaimStale finding to the claim and its detail to the
// reason. Mail items give their addresses as mail fields, never as
// authors or hosts, so that the sender of outside mail is its author and
// its recipients are only mentions. Other items give their e-mail
// addresses and the hosts something other than an address names
// (meta.Metadata.NamedHosts) as hosts: the domain the harvest adds to
// the metadata's hosts for each address is not counted again, and a
// Message-ID is never read as an address.
// SkipMetadata does not turn attribution off: folder and file names are
// still read. A cancelled triage, or one stopped by OnItem, leaves the
// attribution empty.
//
// # Case library
//
// With Options.Library (package caselib), each item is hashed as it is
// done (Item.Hashes: the PDQ hash of an image, from the decode OCR or
// the thumbnail makes, or decoded once for it; the MinHash signature of
// its text, body or OCR; package similar) and looked up in the packs
// recorded before: the same SHA-256, an image within similar.ImageMatch
// bits, a text of similarity similar.TextMatch or more (OCR text:
// similar.OCRTextMatch). The lookups wait for the package's own SHA-256,
// so that a pack triaged again is not found in itself, and fill
// Item.SeenBefore before the item is handed on. Once attribution is done,
// Report.Library names the earlier packs that share files; when more
// than RecycledShare of the files were in one of them the claim gets the
// ClaimRecycled finding, and a package without an owner of its own is
// judged on the owner that pack's triage found (Claim.Basis
// BasisEarlierTriage). Last, the pack and its items are recorded, in one
// short write transaction fed from a spool of the items in the triage's
// temporary directory (memory stays bounded whatever the number of
// items); a triage cut short is not recorded. A library that fails
// becomes a ProblemLibrary problem and the triage goes on without it.
// Options.Hashes computes the hashes without a library.
//
// # Report
//
// A Report always has every section: items, attribution (ranking and
// candidates), claim, problems and stats; empty sections are empty arrays,
// never null (Items too when they went to OnItem). Item paths join archive steps with "!/":
// "pack.zip!/docs/inner.zip!/見積書.xlsx". They are display paths only.
//
// # Redaction
//
// Redact masks the personal data of a report in place, before any
// writer reads it: people's names (found in metadata, mail addresses,
// labels and name columns, then masked wherever they appear), e-mail
// local parts, phone numbers, Japanese postal addresses and the users
// of accounts and home directories. Hashes, scores and the verdict are
// unchanged; thumbnails are dropped. A redacted report lists "redact"
// among Tool.Extractors (Report.Redacted).
//
// # Hostile input
//
// One broken entry never stops the triage: its problems (stable codes such
// as "insecure_path", "encrypted", "limit_ratio", "truncated") go on its
// item, and the walk goes on. A name that holds characters which hide,
// reorder or control how it reads (a right-to-left override that makes
// "invoice_\u202Etxt.exe" read as "invoice_exe.txt") is a
// "deceptive_name" problem; the report keeps the name as it is, and the
// outputs for people (package render) show such characters as escapes. Problems that stop a whole archive go on
// that archive's item, or on the report for the package itself. Analyze
// returns an error only when the package cannot be opened (ErrOpen), when
// it is an archive of which nothing could be read (ErrUnreadable, with a
// report), or when the context ends (with a partial report).
//
// The report is dated (TriagedAt, from Options.Now) and carries the
// investigation it is for (Case: Options.Case, Analyst and a TLP 2.0
// marking, ParseTLP); an option the triage cannot take is an error
// wrapping ErrOption, returned before anything is read.
//
// Every resource is bounded by Limits, whose zero value means the
// documented defaults; a literal sets the fields it names
// (Limits{MaxDepth: 4}), and UnpackLimits and MetadataLimits hand the
// walk's and the metadata stage's share to packages unpack and meta. A package that is not an archive is read as an
// archive's entry is, within the same limits and with the same problem
// codes; the package's own hashes are read beside the walk and stop at
// MaxDuration. Analyze opens only regular files: a named pipe, a device,
// a socket or a directory is refused (ErrNotRegular) before open(2) could
// block. Nothing is written outside a private temporary directory that is
// removed before Analyze returns, and a spool's file is unlinked as soon
// as it is made; names from archives are never used as file names.
//
// A hash in the report is always of a whole file: an item not read whole
// (a limit, corrupt or truncated data, encryption) has Complete false and
// empty hashes, and so has the package when it could not be read whole. The package builds without cgo; the OCR
// engine (ocr/tesseract) is the one part that needs it.
package evidence
