package identify

import (
	"errors"
	"fmt"
	"strings"

	"github.com/h2non/filetype"
	"github.com/h2non/filetype/types"
)

// PrefixLen is how many leading bytes Detect wants (fewer when the file is
// shorter). Longer slices are cut to PrefixLen, so that the answer depends
// only on the first PrefixLen bytes of a file.
const PrefixLen = 8192

// Kind is the broad family of a file, in the analyst's words.
type Kind string

// The kinds of file the report knows.
const (
	KindImage        Kind = "image"
	KindDocument     Kind = "document"
	KindSpreadsheet  Kind = "spreadsheet"
	KindPresentation Kind = "presentation"
	KindPDF          Kind = "pdf"
	KindEmail        Kind = "email"
	KindArchive      Kind = "archive"
	KindText         Kind = "text"
	KindOther        Kind = "other"
)

// Valid reports whether k is one of the kinds above.
func (k Kind) Valid() bool {
	switch k {
	case KindImage, KindDocument, KindSpreadsheet, KindPresentation, KindPDF,
		KindEmail, KindArchive, KindText, KindOther:
		return true
	}
	return false
}

// Values of Type.By.
const (
	ByMagic     = "magic"     // a binary signature matched
	ByText      = "text"      // the text heuristics decided
	ByContainer = "container" // confirmed by looking inside a zip or OLE2 file
	ByNone      = "none"      // nothing matched
)

// Values of Type.Charset.
const (
	CharsetASCII       = "ascii"
	CharsetUTF8        = "utf-8"
	CharsetUTF16LE     = "utf-16le"
	CharsetUTF16BE     = "utf-16be"
	CharsetShiftJIS    = "shift_jis"
	CharsetEUCJP       = "euc-jp"
	CharsetISO2022JP   = "iso-2022-jp"
	CharsetWindows1252 = "windows-1252"
)

// MIME types this package returns that callers commonly test for.
const (
	MIMEOctetStream = "application/octet-stream"
	MIMEOLE2        = "application/x-ole-storage"
	MIMEZip         = "application/zip"
	// MIMEXMP is an XMP packet or RDF document standing alone (an .xmp
	// sidecar), as exiftool types it.
	MIMEXMP = "application/rdf+xml"
)

// Errors of Refine.
var (
	// ErrFormat is wrapped by the errors Refine returns when a container
	// is malformed or a third-party parser failed on it.
	ErrFormat = errors.New("identify: malformed container")
	// ErrDeclaration is wrapped by the errors of Refine about a zip that
	// opens and whose entries read, but whose type declaration,
	// [Content_Types].xml, is not well-formed XML or is refused. Such a
	// zip is not confirmed as a document: walk it as an archive, and say
	// why, since the walk will not. It wraps ErrFormat.
	ErrDeclaration = fmt.Errorf("%w: package type declaration not read", ErrFormat)
	// ErrDTD is wrapped by the error of Refine about a [Content_Types].xml
	// that holds a document type declaration (<!DOCTYPE …>): the Open
	// Packaging Conventions forbid one, Office never writes one, and it is
	// how entity bombs ("billion laughs") and external entities are built.
	// The part is refused unread. It wraps ErrDeclaration.
	ErrDTD = fmt.Errorf("%w: XML document type declaration refused", ErrDeclaration)
)

// Type is what a file really is.
type Type struct {
	// MIME is the media type, e.g. "image/png",
	// "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	// "message/rfc822", "text/csv". Never empty.
	MIME string `json:"mime"`
	// Ext is the canonical extension without dot: "png", "xlsx", "eml",
	// "csv". Empty when the type has none (unknown binary, an OLE2 file
	// Refine has not confirmed, encrypted OOXML).
	Ext string `json:"ext"`
	// Kind is the broad family.
	Kind Kind `json:"kind"`
	// Charset is set for text types only: "ascii", "utf-8", "utf-16le",
	// "utf-16be", "shift_jis", "euc-jp", "iso-2022-jp", "windows-1252";
	// "" for binary.
	Charset string `json:"charset,omitempty"`
	// By says why the type matched: "magic", "text", "container" or "none".
	By string `json:"by"`
	// Encrypted is true for encrypted OOXML, which is stored as an OLE2
	// file holding EncryptionInfo and EncryptedPackage streams.
	Encrypted bool `json:"encrypted,omitempty"`
}

// Unknown reports whether nothing was recognised.
func (t Type) Unknown() bool {
	return t.By == ByNone || t.By == "" || t.MIME == "" || t.MIME == MIMEOctetStream
}

// unknownType is the answer for binary content nothing recognised.
var unknownType = Type{MIME: MIMEOctetStream, Kind: KindOther, By: ByNone}

// Detect tells the type of a file from its first bytes. It always returns a
// valid Type: unknown binary content is application/octet-stream with Kind
// other and an empty Ext.
//
// prefix must hold the first min(PrefixLen, size) bytes of the file: read it
// with io.ReadFull, not a single Read, or short reads change the answer.
// Zip and OLE2 files should then go through Refine.
func Detect(prefix []byte) Type {
	if len(prefix) > PrefixLen {
		prefix = prefix[:PrefixLen]
	}
	if len(prefix) == 0 {
		return unknownType
	}
	if t, ok := detectMagic(prefix); ok {
		return t
	}
	ft := filetypeMatch(prefix)
	if tt, ok := detectText(prefix); ok {
		// A filetype match on content that is clean text is one of its
		// short printable signatures ("BM", "MZ", "ID3", "moov") hitting
		// prose; text wins, except for formats that are text by design.
		if ft.Extension == "" || textOverridable(ft) {
			return tt
		}
	}
	if ft.Extension != "" {
		return fromFiletype(ft)
	}
	return unknownType
}

// filetypeMatch runs h2non/filetype, shielding the caller from any panic.
func filetypeMatch(prefix []byte) (t types.Type) {
	defer func() {
		if recover() != nil {
			t = types.Type{}
		}
	}()
	m, err := filetype.Match(prefix)
	if err != nil || m == types.Unknown || m.Extension == types.Unknown.Extension {
		return types.Type{}
	}
	return m
}

// textOverridable reports whether a filetype match should give way to text
// detection when the whole prefix is clean text.
func textOverridable(ft types.Type) bool {
	switch ft.Extension {
	case "ps", "rtf": // text formats with a textual signature
		return false
	}
	return true
}

// fromFiletype converts a filetype match into a Type.
func fromFiletype(ft types.Type) Type {
	t := Type{MIME: ft.MIME.Value, Ext: ft.Extension, Kind: KindOther, By: ByMagic}
	switch {
	case strings.HasPrefix(t.MIME, "image/") && t.Ext != "dwg": // DWG is CAD, not a picture
		t.Kind = KindImage
	case t.Ext == "Z" || t.Ext == "lz" || t.Ext == "cab" || t.Ext == "ar" ||
		t.Ext == "deb" || t.Ext == "rpm" || t.Ext == "iso":
		t.Kind = KindArchive
	}
	t.Ext = strings.ToLower(t.Ext)
	if t.MIME == "" {
		t.MIME = MIMEOctetStream
	}
	return t
}
