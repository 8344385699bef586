// Package oracle keeps the outputs of outside tools (exiftool, msgconvert,
// 7zz, lsar, the poppler utilities, the tesseract command) as golden files
// beside the fixtures they were run on, so that unit tests compare our
// readers with an independent one without running it.
//
// # Place in the flow
//
// oracle sits outside the pipeline: only tests import it. A test names the
// tool, its arguments and the input bytes (a committed fixture or a file
// built in code) and gets back a Record: the tool's exit status, its
// standard output (as text lines, or as JSON for exiftool -json), its
// standard error and the files it wrote. The test then compares that
// record with what the library reads, field by field, as it did when it
// ran the tool itself.
//
// # Goldens
//
// A golden is indented JSON, one per input and tool run, in a directory
// named oracle beside the fixture (testdata/office/oracle/lo_po.docx.exiftool.json
// for testdata/office/lo_po.docx) or under the package's testdata/oracle
// for inputs built in code. It records the tool's name and version, the
// arguments, the name and SHA-256 of the input, and the output normalised
// so that it is the same on every run and machine:
//
//   - the tool runs in a fresh temporary directory holding only the input,
//     under its own base name, with LC_ALL=C.UTF-8 and TZ=UTC; the path of
//     that directory, if the tool prints it, becomes "{tmp}";
//   - exiftool's JSON loses the tags of the file system and of the run
//     (SourceFile, Directory, FileModifyDate, FileAccessDate,
//     FileInodeChangeDate, FilePermissions, ExifToolVersion) and is
//     written with sorted keys; numbers keep exiftool's spelling;
//   - msgconvert's MIME boundaries and Content-IDs, random on every run,
//     become boundary-N and content-id-N;
//   - 7zz's banner (version, locale, thread count) is dropped;
//   - files the tool writes are recorded by SHA-256 and size, and by their
//     text for tools whose output files are what the test reads;
//   - text is kept as lines; bytes that are not UTF-8 (a Shift_JIS name
//     printed by 7zz) are written as \xNN.
//
// # Normal runs never execute a tool
//
// Without PROOFPACK_UPDATE_ORACLES=1, Run only reads the golden. It fails
// the test when the golden is missing, or when it was recorded from other
// input bytes or with other arguments: the fixture (or the generator that
// builds the input) changed, and the golden must be recorded again. Inputs
// built in code must therefore be byte-for-byte reproducible.
//
// # Refreshing
//
// `make oracles` installs the tools and runs the tests that use them with
// PROOFPACK_UPDATE_ORACLES=1, which runs each tool and rewrites its golden;
// review the diff (git status, git diff) and commit it. Before it runs a
// tool, update mode checks the capability the goldens need, not only the
// binary, and fails (never skips) naming the Debian packages:
//
//   - exiftool: libimage-exiftool-perl, and libarchive-zip-perl without
//     which exiftool reads no OOXML or ODF properties (checked by reading
//     the Company of a tiny .docx);
//   - msgconvert: libemail-outlook-message-perl, and libemail-address-perl
//     (a Recommends that --no-install-recommends leaves out; checked by
//     compiling the script with perl -c);
//   - 7zz: 7zip; lsar: unar; pdfinfo and pdftotext: poppler-utils;
//   - tesseract: tesseract-ocr, tesseract-ocr-eng and tesseract-ocr-jpn
//     (checked with --list-langs).
//
// # Threat model
//
// Goldens and fixtures are our own files; the package reads goldens of at
// most maxGoldenBytes and runs tools only in update mode, in a temporary
// directory, under a timeout.
package oracle
