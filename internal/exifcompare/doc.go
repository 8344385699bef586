// Package exifcompare checks the metadata package meta reads against
// exiftool, the reference reader, and times both.
//
// # Correctness
//
// Compare walks folders (unpacking plain zips, nested ones too, into a
// temporary directory whose file names are counters, never entry names),
// types each file with identify.Detect and identify.Refine, runs meta.Run
// with meta.Extractors(), and runs one exiftool process over every file
// (`exiftool -json -G -n -charset filename=utf8 -@ ARGFILE`). exiftool's
// tags are mapped to our normalised fields per family of formats; the
// first source listed that has a value gives exiftool's side ("A+B" joins
// two tags with a space; for Authors, the tags of one source form a list):
//
//	family  field           exiftool tags, in order
//	image   Authors         EXIF:Artist+EXIF:OwnerName | XMP:Creator (XMP-dc) | PNG:Author
//	        Organisation    EXIF:Copyright | PNG:Copyright | XMP:Rights
//	        Software        EXIF:Software | PNG:Software | XMP:CreatorTool
//	        Created         Composite:SubSecDateTimeOriginal | EXIF:DateTimeOriginal |
//	                        Composite:SubSecCreateDate | EXIF:CreateDate | PNG:CreationTime |
//	                        XMP:CreateDate | XMP:DateCreated | XMP:DateTimeOriginal
//	        Modified        Composite:SubSecModifyDate | EXIF:ModifyDate | PNG:ModifyDate (UTC) | XMP:ModifyDate
//	        Title           EXIF:XPTitle | PNG:Title | XMP:Title
//	        Camera          EXIF:Make+EXIF:Model (the model alone when it starts with the make)
//	        GPS             Composite:GPSLatitude, Composite:GPSLongitude, Composite:GPSAltitude
//	ooxml   Authors         XMP:Creator (core.xml dc:creator)
//	        LastModifiedBy  XML:LastModifiedBy
//	        Organisation    XML:Company
//	        Software        XML:Application+XML:AppVersion
//	        Created         XML:CreateDate
//	        Modified        XML:ModifyDate
//	        Title           XMP:Title
//	odf     Authors         XMP:Initial-creator
//	        LastModifiedBy  XMP:Creator (meta.xml dc:creator)
//	        Organisation    XMP:User-defined whose XMP:User-definedName is Company
//	        Software        XMP:Generator
//	        Created         XMP:Creation-date
//	        Modified        XMP:Date
//	        Title           XMP:Title
//	ole2    Authors         FlashPix:Author
//	        LastModifiedBy  FlashPix:LastModifiedBy
//	        Organisation    FlashPix:Company
//	        Software        FlashPix:Software
//	        Created         FlashPix:CreateDate (UTC)
//	        Modified        FlashPix:ModifyDate (UTC)
//	        Title           FlashPix:Title
//	pdf     Authors         PDF:Author | XMP:Creator
//	        Software        PDF:Creator | PDF:Producer | XMP:CreatorTool | XMP:Producer
//	        Created         PDF:CreateDate | XMP:CreateDate
//	        Modified        PDF:ModifyDate | XMP:ModifyDate
//	        Title           PDF:Title | XMP:Title
//	html    Authors         HTML:Author
//	        Software        HTML:Generator
//	        Title           HTML:Title
//	email   (exiftool 12.57 has no reader for messages: nothing)
//	all     TZOffset        the zone of exiftool's Created date, else of its Modified
//	                        date (not for ole2, whose FILETIMEs are UTC stamps); photos
//	                        then EXIF:OffsetTimeOriginal | OffsetTimeDigitized | OffsetTime
//
// Only format is normalised, never content: exiftool's dates
// "2021:04:12 10:30:00+09:00" become RFC 3339 as meta.FormatTime writes
// them (zone-less dates stay zone-less, except the tags marked UTC above,
// which exiftool prints without the zone the format fixes), numbers keep
// the digits exiftool wrote (AppVersion "16.0000"), and GPS positions are
// rounded to 1e-6 degree on both sides. A date of blanks and colons
// (":  :     :  :", EXIF's way of writing a date it does not know) is no
// value: the next tag of the list gives exiftool's side. A value that
// still differs is either one of IntendedDifferences, each with its
// reason, or an unexpected difference, which fails the comparison (the
// exifcompare command exits 1, the test tagged exiftool in evidence/meta
// fails).
// Files of no mapped family are listed with the mapped tags exiftool found
// in them, so that a format we do not read stays visible.
//
// # Speed
//
// The comparison of issue 14 (command benchmeta, make bench-meta) runs
// both tools on the same work. LoadCorpusSet keeps the files of the
// development corpus (CorpusEnv, default DefaultCorpus) that are not
// archives by our identification, TypeOf's Kind: exiftool reads every
// file as one file and does not descend into archives, where the triage
// walks every member. Zip-based documents (OOXML, ODF, EPUB …) are
// documents to both and are kept; plain zips, JARs and APKs (which the
// triage walks), tar, gzip, 7z, RAR and the other archives are left out.
// On the corpus of 2,568 files that keeps 2,035 (94.7 MB) and leaves out
// 533 archives (8.6 MB). CorpusHalf splits the corpus in the fixed halves
// the corpus tests use. RunCorpusBench zips the set as one stored
// package, unpacks it beside, and runs in interleaved rounds
// `exiftool -json -G -n -r -ext '*' DIR`, the triage command
// (`triage -json -q -ocr=false -o FILE PACKAGE`), optionally
// evidence.Analyze in process, and the floor: MD5, SHA-1 and SHA-256 of
// every member and of the package, the hashing the triage must do. It
// reports wall and CPU time (the child's rusage), their median and best,
// the commands' peak RSS (from GNU time, which runs each command as its
// own child: a child of this process would report this process's memory
// too), and exiftool's times over ours round by round; the goals are
// CorpusWallGoal and CorpusCPUGoal.
//
// The older benchmark (benchmeta -tree N, BenchmarkMetaVsExiftool)
// times the metadata extraction alone: BuildTree writes a deterministic
// tree of mixed files (JPEG with EXIF, PNG with text chunks, docx, xlsx,
// PDF and e-mail from package docgen; ODF, OLE2, pptx, HEIC, TIFF, WebP
// and PDF fixtures copied), TimeOurs types and reads every file in a pool
// of goroutines, TimeExiftool runs `exiftool -json -r DIR` with its
// output discarded, and RunBench sets the two side by side. Issue 3
// asked for our rate to be at least MinSpeedRatio times exiftool's.
//
// The package is a development tool: it trusts the folders it is given
// (our fixtures) but still bounds what it unpacks and never writes
// outside its temporary directory.
package exifcompare
