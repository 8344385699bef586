// Package meta reads what files say about themselves: EXIF and XMP of
// images, PNG text chunks, Office and OpenDocument properties, PDF
// information dictionaries, OLE2 property sets, e-mail and HTML headers,
// PostScript header comments, GIMP image properties, and the body text of
// documents, mail, pages and plain text files.
//
// EXIF and XMP are read from every container that holds them, each
// format's reader in a file of its own that says where the record is:
// JPEG (exif_jpeg.go, xmp_jpeg.go: EXIF over several segments, extended
// XMP), TIFF and BigTIFF (exif_tiff.go), PNG with ImageMagick's raw
// profiles (png_profile.go), WebP (webp.go), HEIF and AVIF (exif_heif.go),
// PSD (psd.go), JPEG 2000 and JPEG XL (jp2.go), camera raw (raw_cr3.go,
// raw_raf.go, raw_mrw.go, raw_x3f.go; CR2, RW2, ORF and JPEG XR are
// TIFF), EXV, bare EXIF, XCF (xcf.go), and XMP standing alone or in SVG
// (xmp_doc.go). goexif remains the EXIF
// decoder; our own bounded IFD reader checks each block first and reads
// what goexif cannot.
//
// # Place in the flow
//
// After package identify has told an item's true type, package evidence
// hands the item's bytes (random access, through a bounded spool) to Run
// with the extractors of Extractors. Every extractor that accepts the type
// reads its own records; Run merges them into one normalised Metadata (the
// report's "metadata" object: authors, organisation, software, dates with
// their zone, hosts, emails, message_ids, urls, paths, GPS, camera) with
// each extractor's raw records under its name, plus the body text that
// attribution reads, and files embedded in the item (mail attachments)
// to triage as items of their own.
// Harvest then sorts what every value names into lists of one kind each:
// host names, e-mail addresses, the Message-IDs of mail (never taken for
// addresses), URLs, and UNC and home-directory paths.
//
// An extractor never comes back empty and silent: it returns records or
// body text, or an error that says why not (ErrFormat, ErrEncrypted,
// ErrLimit), or ErrNoRecord when the item holds nothing of its kind,
// each extractor documenting when that is (a JPEG without EXIF, an HTML
// page without title, meta tag, link or text, an OLE2 file without
// property sets, a text file of white space). Package evidence checks
// that rule over every fixture and the development corpus, and the fuzz
// targets on every input they make.
//
// The PDF reader, the largest, is a file group to read one concern at a
// time: pdf.go (the extractor and the document), pdf_lex.go (tokens and
// objects), pdf_xref.go (cross-reference and object loading),
// pdf_stream.go (streams and filters), pdf_info.go (Info and XMP),
// pdf_text.go (page text), pdf_font.go and pdf_cmap.go (fonts and
// ToUnicode CMaps), pdf_crypt.go (encryption); each has its tests and its
// fuzz target.
//
// # File groups
//
// Each format's reader is a group of files named after the format, its
// tests and fuzz targets beside it, so that a reviewer reads, tests and
// fuzzes one format at a time (go test -run OLE2 -fuzz FuzzOLE2). meta.go
// (the types and Run), extractors.go, harvest.go and timefmt.go serve
// them all; harvest.go has its fuzz target, FuzzHarvest
// (harvest_check_test.go), and the fuzz target of every extractor
// (FuzzPDF of the PDF reader's) passes its result through Harvest and
// checks the lists (CheckHarvested).
//
//	format       files                                  fuzz targets (file)
//	EXIF         exif.go (extractor, tags, goexif),     FuzzEXIF (exif_fuzz_test.go),
//	             exif_tiff.go (TIFF, BigTIFF IFDs),     FuzzGoexif, FuzzPNGZlib
//	             exif_normalise.go, exif_jpeg.go,       (exif_thirdparty_fuzz_test.go)
//	             exif_heif.go, boxes.go (ISO BMFF),
//	             exif_containers.go, psd.go, jp2.go,
//	             pgf.go, png_profile.go, raw_cr3.go,
//	             raw_raf.go, raw_mrw.go, raw_x3f.go,
//	             gps_text.go
//	XMP          xmp.go, xmp_jpeg.go, xmp_doc.go        FuzzXMP (xmp_fuzz_test.go)
//	PNG          png.go                                 FuzzPNG (png_fuzz_test.go)
//	GIF          gif.go                                 FuzzGIF (gif_test.go)
//	WebP         webp.go                                FuzzWebP (webp_test.go)
//	PostScript   postscript.go                          FuzzPostScript (postscript_test.go)
//	XCF          xcf.go                                 FuzzXCF (xcf_test.go)
//	OOXML        ooxml.go, ooxml_xlsx.go (workbook      FuzzOOXML (ooxml_fuzz_test.go),
//	             cells), office_xml.go (shared with     FuzzOfficeZip (office_thirdparty_fuzz_test.go)
//	             ODF)
//	ODF          odf.go, office_xml.go                  FuzzODF (odf_fuzz_test.go)
//	OLE2         ole2.go, ole2_propset.go,              FuzzOLE2 (ole2_fuzz_test.go),
//	             ole2_cfb.go, ole2_codepage.go,         FuzzMSCFB (ole2_thirdparty_fuzz_test.go)
//	             ole2_directory.go, ole2_word.go
//	Outlook msg  msg.go, msg_rebuild.go, ole2_cfb.go,   FuzzMSG (msg_fuzz_test.go)
//	             ole2_codepage.go
//	e-mail       email.go, email_fold.go                FuzzEmail (email_fuzz_test.go),
//	                                                    FuzzNetMail (email_thirdparty_fuzz_test.go)
//	HTML         html.go                                FuzzHTML (html_fuzz_test.go),
//	                                                    FuzzHTMLTokenizer (html_thirdparty_fuzz_test.go)
//	PDF          pdf.go, pdf_lex.go, pdf_xref.go,       FuzzPDF, FuzzPDFLexer, FuzzPDFXref,
//	             pdf_stream.go, pdf_info.go,            FuzzPDFDecode, FuzzPDFInfoText,
//	             pdf_text.go, pdf_font.go,              FuzzPDFContent, FuzzPDFCMap
//	             pdf_cmap.go, pdf_crypt.go              (each in the test file of its concern)
//	text         text.go                                FuzzText (text_test.go)
//
// A file's tests are in its _test.go file; what a group's tests share
// is in office_xml_test.go (OOXML and ODF), image_seed_test.go (the image
// seeds) and fuzz_test.go (the checks every fuzz target of the external
// test package makes).
//
// Where a maintained library would read the whole input or trust its
// counts (msoleps, pdfcpu), the format is read here with bounded code of
// our own; goexif and mscfb are used only after our own checks of the
// structure they would walk.
//
// # Threat model
//
// Files are hostile. Extractors read through io.ReaderAt within Size,
// never size a buffer from a field read from the file without checking it
// against Limits, check ctx between records, and report malformed records
// as Warnings or errors wrapping ErrFormat. Run recovers panics of
// extractors and of the libraries they call (goexif, mscfb) into
// ErrPanic. One item's failure never stops the triage. What a file
// names (a CMap range of 65536 codes, an object shared by a thousand
// pages) costs in proportion to the bytes that name it, never to the
// work named: ranges are kept as ranges, shared objects read once.
package meta
