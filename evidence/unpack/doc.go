// Package unpack walks archives safely: zip (zip64, stored, deflate,
// bzip2, zstd, xz; ZipCrypto and WinZip AES with a password), tar, gzip,
// bzip2, xz, 7z and rar, nested to any depth within Limits.
//
// # Place in the flow
//
// unpack is the first stage of proofpack: bytes → entries. It hands each
// archive member to a VisitFunc as an Entry: the facts its header states
// (name, sizes, time with zone when the header has one, mode, link
// target, encryption) and a body to read once. The caller decides what to
// do with the bytes; to descend into a nested archive it calls
// Walker.WalkStream (or WalkReaderAt on a Spool) from inside its visit
// function, as ExampleWalker shows. Package evidence does exactly that,
// hashing and identifying each body in the same read.
//
// # Threat model
//
// Every archive is assumed hostile. The walker:
//
//   - never writes an entry to disk under its own name, and never follows a
//     link; names that would escape a directory (absolute, "..", drive
//     letters, NUL and other controls) and links that point outside are
//     reported as problems (ErrInsecurePath, ErrInsecureLink);
//   - bounds every resource with Limits: total and per-entry uncompressed
//     bytes, entry count, nesting depth, compression ratio per entry,
//     amplification across nesting levels, wall-clock time, spool memory
//     and decoder dictionaries; hitting a limit ends that branch with a
//     *LimitError, and a nested archive spends only its share of the
//     walk's budgets (see Fair budgets);
//   - never sizes a buffer from a header: bodies are read in chunks and
//     counted, so an entry that declares 4 GiB and holds 1 KiB costs 1 KiB;
//   - cuts a zip central directory that declares more records than the
//     entry limit allows before archive/zip sees it (archive/zip allocates
//     every record up front), and refuses to read zip entries whose data
//     overlap (the overlapping-files bomb);
//   - frames tar archives itself, block by block, and hands archive/tar
//     one entry's headers at a time, so that one bad header costs its
//     entry and not the members after it: an extended header over 1 MiB
//     (archive/tar's cap, which ends its walk) is streamed, a PAX header
//     keeping only the records that describe the entry, a GNU long name
//     skipped, with a LimitHeaderBytes *LimitError on the entry; headers
//     archive/tar refuses in a member whose own block is sound make it an
//     entry of TypeOther with ErrFormat;
//   - reads a sparse tar member's holes (runs of zeros the archive does
//     not store) as nothing when they pass 1 MiB: the body is the data
//     stored, Entry.Holes says what was left out, and ErrSparse is among
//     its problems, so a 10 KiB tar declaring 2 GiB costs 10 KiB;
//   - reads a compressed stream (gzip, bzip2, xz) to its end, also past
//     the end of a tar it holds, so that its checks run: a wrong CRC or
//     size is ErrFormat, a missing trailer ErrTruncated, and bytes after
//     the stream or the tar other than up to 1 MiB of zero padding are
//     ErrTrailingData, on the archive (for a single compressed file the
//     checks are errors of its body);
//   - recovers panics of third-party parsers into ErrPanic;
//   - decodes names of unknown encoding (zip without the UTF-8 flag, tar)
//     by detection: UTF-8, CP932 (Shift_JIS, the norm on Japanese Windows),
//     EUC-JP, else CP437; the raw bytes are kept in Entry.RawName;
//   - cuts names and link targets longer than MaxNameBytes (4,096 bytes)
//     at a character boundary, with a *LimitError (LimitNameBytes) and,
//     for a name, its whole stored form's SHA-256 in Entry.NameSHA256.
//
// 7z headers state no packed size per file, and a solid block packs many
// files in one stream: there the ratio limit applies to the block (the
// folder), the bytes read from its files against the packed bytes its
// decoders really consumed, and to each file's own bytes beyond what the
// decoder may have decoded ahead. The files of a block after one that a
// limit or an error cut short are listed with that problem and not read:
// reaching them would mean decoding what was stopped.
//
// # Fair budgets
//
// One bomb must not starve the rest of the package. When the walk spent
// one budget first come, first served, a zip of 8,200 unique 1 MiB files
// of zeros (each under the ratio grace) spent the 8 GiB of MaxTotalBytes,
// a recursive copy bomb spent it in 14,266 archives, and a 62 KB nested
// bomb placed first tripped the ratio of the whole package: every file
// after them was refused. Three rules replace it.
//
// Shares. A walk opened from inside a VisitFunc, with the context it was
// given, is a nested archive of that entry's archive, and gets a share of
// the budgets that the entry's archive has left: half of its bytes
// (MaxTotalBytes), half of its entries (MaxEntries) once the members of
// the parent still to come are set aside (zip and 7z directories say how
// many), and half of its amplification (below). The share is fixed when
// the archive is opened, and bounds the archive and everything nested in
// it. A nested archive that spends its bytes or entries, or amplifies all
// it may, stops: its Walk returns a *LimitError (limit_total_bytes,
// limit_entries, limit_amplification) and the entries after it in its
// parent go on with at least half of what there was. Walks opened
// outside a VisitFunc (the package, data found after it) use the whole
// budgets.
//
// Amplification across levels. What a bomb spends is amplification: an
// entry that yields bytes at a modest ratio (stored, text deflated 3 to
// 10 to one) yields at most that ratio times the package bytes it comes
// from, and a package cannot hold many of those without being large. So
// bytes are free up to FreeRatio (32) times the bytes they come from, and
// only what goes beyond draws on the amplification budget. "Come from"
// is judged across nesting levels: an archive's entries may yield, for
// free, rho bytes per byte of the archive read, where rho is FreeRatio for
// the package and, for an archive nested in an entry that consumed c
// bytes of its parent and yielded o, rho(parent)·c/o − 1. A deflated zip
// inside a zip that inflates 40 to one leaves its members nothing free;
// a stored one leaves them 31 per byte. The free bytes of all levels
// together thus stay within FreeRatio times the package's size, whatever
// the nesting. An archive's amplification is what its entries yielded
// beyond rho times the bytes of it read (credit earned by one entry
// serves the next), plus that of the archives nested in it.
//
// The amplification budget is MaxRatio times the package's size, at least
// 64 MiB and at most Limits.MaxAmplifiedBytes (2 GiB): the package ratio
// of earlier versions, which killed the whole walk past it, is now a pool
// shared fairly. Each entry may add at most half of what its archive has
// left, and where the directory counts the members, every member keeps a
// floor, an equal part of half the archive's amplification, that the
// members before it cannot take. Reads are cut to what an entry may still
// add (plus its archive's credit, and at least 4 KiB), so the allowance is
// overrun by at most 4 KiB per entry. An entry past its allowance gets a
// *LimitError (LimitAmplification) on its body.
//
// What this guarantees. Content that yields no more than FreeRatio times
// what it comes from never needs the amplification budget, so however
// much bombs spent before it, a document, photo or mail after them is
// read whole: it cannot be starved, only the package's own size and
// MaxTotalBytes bound it. Bombs are bounded as before or sooner: all
// bytes read stay within MaxTotalBytes, entries within MaxEntries,
// amplification within its budget (plus 4 KiB per entry), free bytes
// within FreeRatio times the package's size, time within MaxDuration; a
// 42.zip (42 KB) amplifies 64 MiB at most, the budget of a small
// package. A bomb placed first gets at most half of each budget, the next
// one half of what is left, and so on.
//
// Content walked before is not walked again, but that needs the
// content's hash before the nested archive is opened, which the caller
// computes: package evidence recognises a nested archive or a file by its
// SHA-256 and lists a copy as a duplicate of the first without opening or
// reading it again. The walker itself keeps no hashes.
//
// Random-access formats nested in another archive (zip, 7z) are spooled:
// in memory while all live spools stay under Limits.MaxMemorySpool, else
// to a file in a private directory (mode 0700) made for that spool alone.
// The file and the directory are removed as soon as the file is open
// (except on Windows, where the directory is the Walker's and Close
// removes it), so that nothing stays on disk even when the process is
// killed. Walker.MakeTempDir gives stages that need named files a
// directory that Close removes.
//
// A package that is not an archive is read with Walker.WalkFile, as one
// entry under the same limits and deadline.
//
// # Split archives
//
// SplitVolumeOf recognises one volume of a split archive by its name and
// content: a split zip's NAME.z01 (the spanning marker) and NAME.zNN, its
// last volume by an end record on a disk after the first, NAME.7z.001
// whose headers lie past its end and NAME.7z.NNN, and RAR volumes by
// their main header (NAME.partN.rar, NAME.rar and NAME.rNN). Volume
// numbers from names (at most 9999) and disk numbers from end records
// only name volumes, at most eight of them, and never size anything.
// JoinVolumes reads a complete split zip or 7z as one archive through a
// view of the volumes end to end: nothing is copied but a split zip's
// central directory (at most 16 MiB), served with offsets from the
// start of the whole and an end record of one disk; zip64 sets and RAR
// volumes (archives of their own) are not joined (ErrUnsupported).
//
// # Known gaps
//
// The compressed bytes of a tar in a compressed stream, or of a solid 7z
// block, are counted as the decoder reads them, which is ahead of the
// members they belong to: a small member that follows a bomb in the same
// stream may be charged for the bomb's bytes and cut with it, after the
// bomb spent its archive's amplification. Members of such a tar that the
// caller does not read are decoded to be skipped, unbudgeted, as before.
//
// bodgit/sevenzip sizes slices from its header's counts and its decoders'
// dictionaries from the coders' properties, and offers no hook to bound
// either. A 7z header is therefore read first by a bounded parser of our
// own (sevenzip_header.go): counts against the bytes that encode them,
// files against Limits.MaxEntries, what sevenzip will allocate against a
// budget shared by the open 7z archives, dictionaries against
// Limits.MaxDictionaryBytes, an encoded header's size before it is
// decoded. A zstd coder's window (sevenzip admits 512 MiB) is read from
// its frame headers in the packed stream (sevenzip_zstd.go).
//
// rardecode allocates a RAR 3 PPMd model (1 to 256 MiB, 342 MiB in its
// memory) from one byte of the compressed stream, whatever its dictionary
// option says. The RAR 4 block layer is followed as rardecode reads it
// (rar_precheck.go), and a file whose first block asks for a model over
// Limits.MaxDictionaryBytes is listed with a LimitError and not decoded.
// A PPMd block later in a stream (after an LZ block, or continuing a solid
// file after one that was decoded) cannot be found without decoding: its
// model is bounded only by the format's 342 MiB.
//
// The fuzz targets of *_thirdparty_fuzz_test.go drive every third-party
// parser here under a memory ceiling (internal/fuzzmem), so that the next
// size a library trusts is found by the fuzzer.
//
// Checking resident memory is not enough: a huge slice costs no
// memory while its pages are fresh from the kernel, but once the heap has
// held another, the runtime zeroes reused pages and touches them all.
// Compressed RAR data cannot be produced on a Debian system (no rar
// writer), so RAR tests cover stored entries, one hand-coded stream of
// zeros (archivegen.Rar5WithZeros, for the ratio limit, which counts the
// packed bytes rardecode reads for a file rather than the size its header
// declares) and crafted streams (archivegen.Rar4Raw, Rar5Packed);
// decompression is rardecode's.
package unpack
