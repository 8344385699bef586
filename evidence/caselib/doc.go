// Package caselib is the case library: the memory of proof packs triaged
// before, so that a new pack's items can be recognised when they were
// seen already — the same bytes (SHA-256), an image re-encoded, resized
// or re-screenshotted (a perceptual hash within a Hamming distance), a
// document re-saved or a CSV re-exported (a MinHash signature of its
// text within a similarity).
//
// # Place in the flow
//
// The library sits after attribution: a triage records a pack (its
// hashes, the seller's claim, the owner found, the verdict, the date) and
// its items (path, kind, size, SHA-256, and the image hash or text
// signature that another stage made), and looks each item up in what was
// recorded before. Package caselib neither reads packs nor computes
// perceptual hashes or signatures: it takes them as plain values
// (ImageHash, TextSig) and stores and searches them.
//
// # Storage
//
// One SQLite file, DIR/proofpack-library.db, through modernc.org/sqlite
// (pure Go: the package builds with CGO_ENABLED=0), needing no server.
// The schema is versioned (PRAGMA user_version) and migrated by ordered
// steps at Open; a library of a newer schema is refused (ErrNewerSchema),
// a file that is not SQLite or is another program's database is refused
// (ErrNotLibrary), and a damaged one returns ErrCorrupt. Several
// triages, in one process or several, may record into one library at
// once: the file is in WAL mode, every connection waits for a busy
// writer (Options.BusyTimeout), and each pack is one write transaction
// started with BEGIN IMMEDIATE.
//
// Recording a pack whose SHA-256 is already recorded replaces it (a
// re-triage is the newer word on the same bytes).
//
// # Indexes
//
// Every lookup is indexed; none scans the items:
//
//   - Exact: a B-tree index on items(sha256).
//   - NearImages: multi-index hashing in memory, 16 tables of 16-bit
//     chunks, built at Open from the stored hashes and kept up to date
//     from the database at each lookup (imageindex.go says why in memory
//     and why not a BK-tree).
//   - NearTexts: locality-sensitive hashing, a table of band keys
//     (text_bands), candidates verified on their whole signature. The
//     banding is fixed when a library is made: by default 64 bands of 2
//     rows, the banding of evidence/similar, which finds a text of
//     similarity 0.25 (similar.TextMatch) with probability 0.98;
//     libraries made with the first default, 32 bands of 4 (0.12 at
//     0.25), keep it. A lookup reads at most MaxBandIDs texts per band
//     key and verifies at most Options.MaxTextCandidates, those sharing
//     the most bands first, so that texts sharing boilerplate with the
//     query cannot make it slow; LookupStats says when a cap cut.
//
// Lookups take LookupOptions: the pack being triaged can be excluded, and
// the number of sightings is capped.
//
// Pack finds a recorded pack by its SHA-256, and ListPacks streams the
// packs a library holds, newest first, for a command that lists them.
//
// # Measured
//
// BenchmarkLibrary at 1,000,000 items, each with a SHA-256, an image hash
// and a text signature, with the default banding (64 bands of 2), on 2
// cores shared with other work; per lookup, at the median and the 99th
// percentile of three runs of 2,000 lookups: exact 0.016 and 0.07 ms,
// near images within 31 bits 0.50 and 0.79 ms, near texts of similarity
// 0.25 or more 0.42 and 0.78 ms. Every planted near-duplicate was found
// (images at 0..31 bits, texts of similarity 0.30..1) and no false
// match. The file takes 1,980 bytes per item (text_bands 61 % of it,
// the text signatures 30 %; an item with only a SHA-256 and an image
// hash takes about 200); Open takes 0.9 to 1.0 s and adds 200 MB to the
// resident set (the image index, and SQLite's cache); building the
// library, one transaction per pack of 1,000 items, took 53 minutes on
// a machine loaded 5 times over. With the first banding, 32 bands of 4,
// the file took 1,380 bytes per item and a near-text lookup 0.14 and
// 0.29 ms, but found a text of similarity 0.25 one time in eight.
//
// BenchmarkNearTextsBoilerplate looks up texts that share boilerplate
// (similarity 0.1) with each of 20,000 stored texts: with 64 bands of 2,
// a lookup reads about 5,000 candidates, verifies 500 and takes 4.4 ms
// at the median and 6.5 at the 99th percentile; verifying every
// candidate took 17 and 46 ms.
//
// # Threat model and limits
//
// Packs are hostile, and so is a library file someone hands over. Text
// fields are stored as given up to MaxPathBytes (longer is ErrInvalid);
// a stored value of the wrong size (a hash that is not 32 bytes) is
// ErrCorrupt, never a panic; RecordItems streams items, so a pack of
// 100,000 items is recorded in bounded memory. The in-memory image index
// costs about 100 bytes per stored image hash.
package caselib
