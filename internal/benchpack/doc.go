// Package benchpack writes large, deterministic proof packs of mixed files
// for the speed and memory benchmarks of the triage pipeline.
//
// # Place in the flow
//
// benchpack sits outside the pipeline: nothing in the library imports it at
// run time. The benchmarks of package evidence call Write once per package
// size and seed, keep the result in a cache directory outside the work
// tree, and triage it again and again. Fixture-sized packs for functional
// tests come from internal/samplepack and internal/archivegen instead.
// TimedCommand runs a command under GNU time and ReadTimeReport reads its
// peak resident set size and CPU time, for the benchmarks that run the
// triage command.
//
// Three generators write three shapes of pack: Write a mix of media and
// documents (below), WriteDump the dump of a breached database server
// (text above all), and archivegen.TextBomb, the generator the tests use
// too, a small zip of a great deal of repetitive text. Cached keeps each
// in CacheDir under a name that carries its layout version (MixedName,
// DumpName, TextBombName). The benchmark of the command
// (BenchmarkTriageCommand in examples/triage) reads the stats of reports
// of gigabytes with JSONField, and cmd/benchtable prints its results as
// one table (ParseResults, WriteTable).
//
// # What a pack holds
//
// Write streams one zip through archive/zip: nothing is held in memory but
// one file at a time (at most a few megabytes: a PDF, a docx, a pool of
// screenshots), so a 1.5 GB pack costs no more memory than a 10 MB one.
// Every file is synthetic; people, companies and domains are fictional
// (example.com, example.co.jp, example.net).
//
// Shares are of the pack's bytes (compressed sizes as stored in the zip);
// sizes are of each file's content. Text is deflated; what deflate cannot
// shrink is stored, as Info-ZIP's zip does when deflating does not pay,
// except PDFs, which most tools deflate:
//
//	kind         share  path                        size of one file            zip method
//	notes         1.5%  notes/, logs/               1-8 KiB text and CSV;       deflate;
//	                                                PNG thumbnails under 1 KiB  PNG stored
//	screenshots  10%    screenshots/                real PNG, 40-150 KiB        store
//	exports      10%    exports/                    256 KiB-12 MiB CSV          deflate (about 3.5:1)
//	documents     6%    documents/                  20-300 KiB docx             store
//	reports       6%    reports/                    30 KiB-2 MiB PDF            deflate
//	archives     12%    archives/part_NN.zip        8-40 MiB nested zip         store
//	backups       6%    backups/mail_NN.tar.gz      5-30 MiB tar.gz             store
//	large        22%    media/, exports/            20-48 MiB JPEG or CSV dump  store; dump deflated
//	photos       26.5%  DCIM/                       1-6 MiB JPEG                store
//
// Sizes are drawn between the bounds, skewed toward the small end; a small
// pack cuts every size down to its budget, so that a pack of a few
// megabytes still holds every kind. The first nested zip is 36 MiB when
// the budget allows (packs from about 300 MB), more than the walker's
// default memory for spools, so that the spill to disk is measured too.
// Inside the nested zips are photos (0.3-3 MiB, stored, always first:
// see below), screenshots, CSV exports, docx files and notes; inside the
// tar.gz are e-mails (2-20 KiB), application logs (100 KiB-2 MiB),
// screenshots and photos (200 KiB-2 MiB). A 500 MB pack holds about 8600
// files, 1.5 GB about 26 000, far below the walker's entry limit.
//
// A nested zip never starts with a docx: archive/zip writes sizes after
// the data, and identify's prefix guess then finds the docx's own
// "[Content_Types].xml" header inside the first member and takes the
// whole zip for a docx, which the walk does not open. The benchmarks
// measure the walk of every level, so the packs keep clear of that case.
//
// The content imitates what real tools make, at the level the triage looks
// at: photos are random scan data behind the JPEG SOI, APP0 (JFIF), DQT,
// SOF0 and SOS headers and end with EOI, so they neither compress nor
// decode (the scan data hold no 0xFF byte, as a real scan holds none but
// stuffed ones and markers, so that the EOI is the end a reader finds,
// at the same cost as in a camera's file); screenshots
// are real PNG images (a pool of a few encoded once, each copy given its
// own tEXt chunk so that every file has its own hashes); CSV and logs are
// lines drawn from pools, which deflate about four to one; docx files are
// Office Open XML packages with a content-types part, relationships,
// core and app properties, a document body and an embedded JPEG; PDFs
// have a catalog, a page, a text stream, a JPEG image XObject, an info
// dictionary and an exact cross-reference table.
//
// # What a dump holds
//
// WriteDump's pack (525 MiB by default) is shaped like the dump of a
// database server, as sellers post them: text is most of its entry bytes,
// so it measures the cost of text (body text, signals, the text a report
// keeps) where Write measures a mix of media. Shares are of the pack's
// bytes, as above:
//
//	kind     share  path                          size of one file       zip method
//	tables   55%    dump/db/<table>_NNN.csv       2-48 MiB CSV           deflate (about 4:1)
//	exports   8%    dump/export/export_NN.zip     8-32 MiB nested zip    store
//	blobs    37%    dump/blobs/blob_NNNN.bin      256 KiB-16 MiB random  store
//
// Tables have nine columns, two of them e-mail addresses, drawn from a
// pool of rows of their own (no field is quoted, so that the last row, cut
// to fit the size, leaves no quote open). The nested zips hold, deflated,
// e-mails (2-64 KiB), logs, CSV extracts and notes (16 KiB-2 MiB), one of
// each first. Blobs start with an eight-byte signature no format we
// identify starts with, then random bytes. The default pack holds 723
// items, 1.7 GB of entry bytes at every level and about 300 MB of item
// text (the text limit of an item is 1 MiB).
//
// # The text bomb
//
// The benchmarks' text bomb is archivegen.TextBomb's zero value: 2,000
// logs of 1 MiB, one line repeated and then a last line of its own, so
// that no two share a hash, in a zip of 7.8 MB. The repeated part is
// deflated once and shared by every log's entry, so the pack costs one
// compression of 1 MiB to write, about a tenth of a second. 2 GiB out of
// 7.8 MB is over the package's amplification budget (Limits.MaxRatio,
// 200, times its size): the triage reads about 1.8 GB and reports
// limit_amplification on the last quarter of the logs. TextBombName
// carries TextBombVersion, which changes with archivegen's output.
//
// # Determinism
//
// The same Options give the same bytes with the same Go release and the
// same github.com/klauspost/compress version (which does all the deflating
// but the text bomb's: archivegen's, with compress/flate). Bulk random
// bytes come from a ChaCha8 stream and choices from a PCG generator, both
// seeded from Options.Seed; times start at a fixed instant in Japan
// Standard Time and advance per file. Version names the layout: it changes
// whenever the output for a given Options changes, so caches can key on
// it.
//
// # Speed
//
// A 500 MB pack takes about 1.5 seconds on two cores (300-380 MB/s):
// bulk bytes come from ChaCha8 in 256 KiB blocks, text lines are copied
// from pools rather than formatted, PNG images are encoded once per pack,
// and text files are deflated at flate.BestSpeed in 1 MiB segments on
// every core (see textFile); the output does not depend on the number of
// cores.
package benchpack
