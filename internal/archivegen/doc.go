// Package archivegen builds real and hostile archives in code, for the tests
// and fuzz seeds of the unpacking stage of proofpack.
//
// # Place in the flow
//
// archivegen sits outside the pipeline: nothing in the library imports it at
// run time. Tests of evidence/unpack (and of anything that walks archives)
// call its builders to get zip, tar, gzip, bzip2, xz, RAR5 and 7z inputs whose
// exact content is known, instead of committing opaque binary blobs. The
// only committed fixtures are the 7z files that no Go code here can write;
// cmd/genfixtures re-creates them with the 7zz command.
//
// # Builders
//
// The well-formed builders (Zip, Tar, Gzip, Bzip2, Xz, Rar5, SevenZip) take a
// list of File values and honour names stored as raw bytes (for example
// Shift_JIS names without the zip UTF-8 flag), modification times, directory,
// symlink and hardlink entries, and passwords: ZipCrypto and WinZip AES-256
// (AE-2) for zip, AES-256-CBC with PBKDF2-HMAC-SHA256 for RAR5, and 7-Zip's
// own AES for 7z. The zip and RAR5 writers are written here from the format
// descriptions (APPNOTE 6.3, the WinZip AE-2 note and the RAR 5.0 technote)
// because no writer for them is available as a module.
//
// Documents whose type only their container tells are built here too:
// compound files (CompoundFile, after MS-CFB) and the Outlook messages
// kept in them (OutlookMessage), and OOXML packages whose first member
// fills the first 8 KiB (OOXMLPackage with a thumbnail first).
//
// # Threat model
//
// The hostile builders produce the inputs that criminals put in proof packs
// to break or subvert triage tools: compression-ratio bombs (ZipRatioBomb,
// and 7z and RAR members of gigabytes of zeros: SevenZipBlocks, whose
// Deflate zero runs are packed by repetition, and Rar5WithZeros, coded by
// hand), overlapping-entry bombs after David Fifield's construction
// (ZipOverlapBomb), nested bombs in the manner of 42.zip (ZipRecursive),
// central directories that lie about sizes (ZipLyingSizes, ZipDeclaredHuge),
// polyglots, a zip appended to an image, a PDF or any file (AppendZip, with
// hosts that legitimately carry data after their end beside them:
// MultiPictureJPEG, MotionPhotoJPEG, SamsungTrailerJPEG, PDFDocument with
// incremental updates), archives with huge entry counts (ZipManyEmpty), path
// traversal through names and links (TarLinkEscapes, ZipSlipNames), names
// and mail headers that disguise themselves with bidi, zero-width and
// control characters (DeceptiveNames), truncated files (Truncate), tar
// headers over the 1 MiB archive/tar holds and sparse tar files that declare
// gigabytes of holes (TarHostile, written by TarRaw byte by byte), gzip
// files whose trailer is wrong, missing or followed by other data
// (DamageGzip), and sizes in a stream that a third-party decoder allocates
// before anything checks them: a RAR 3 PPMd model (Rar4PPMdModel), a zstd
// window (SevenZipZstdWindow, ZstdFrameWindow). A gzip that decompresses
// to itself (GzipQuine) and entries of zeros each unlike the others, that
// no duplicate check spares (ZipUniqueZeros), complete the bombs, with
// TextBomb: a small zip of gigabytes of repetitive logs, each unlike the
// others, whose text a triage must read, keep and write. Bombs puts five
// of them together, and OrdinaryFiles makes the documents, photos and
// mails of a fictional organisation that they must not hide (issue 12's
// fair walk). Rar4Raw, Rar5Packed and
// SevenZipCoded put given packed bytes behind well-formed headers, so that
// fuzz targets start inside each decoder. Each builder documents what it
// makes and how large the result is; sizes are parameters so that tests
// stay small.
//
// # Determinism
//
// The same call always returns the same bytes: times default to DefaultTime,
// entries keep the order given, and where a format demands random bytes (the
// ZipCrypto header, AES salts and IVs) they come from a SHA-256 counter-mode
// stream keyed by the fixed seed "proofpack/archivegen/v1" and the purpose of
// the bytes (see detBytes). These are test fixtures: the predictable salts
// make them useless for protecting real data, and they must never be used
// for it. Output does depend on the Go version where compress/flate is used.
//
// SevenZip is the exception: 7-Zip draws the AES IV and salt from its own
// random generator, so encrypted 7z output differs between runs; unencrypted
// output is reproducible.
//
//go:generate go run ./cmd/genfixtures -out ../../testdata/archives
package archivegen
