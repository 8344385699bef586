package identify

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// officeFormat is one OOXML or ODF format: its main part content type (or
// ODF mimetype) and what it becomes.
type officeFormat struct {
	main string // OOXML main part content type, or ODF "mimetype" content
	typ  Type
}

func container(mime, ext string, k Kind) Type {
	return Type{MIME: mime, Ext: ext, Kind: k, By: ByContainer}
}

const (
	oxWord  = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	oxExcel = "application/vnd.openxmlformats-officedocument.spreadsheetml."
	oxPower = "application/vnd.openxmlformats-officedocument.presentationml."
)

// ooxmlFormats maps the content type of an OOXML package's main part to
// the package's type.
var ooxmlFormats = []officeFormat{
	{oxWord + "document.main+xml", container(oxWord+"document", "docx", KindDocument)},
	{"application/vnd.ms-word.document.macroEnabled.main+xml", container("application/vnd.ms-word.document.macroEnabled.12", "docm", KindDocument)},
	{oxWord + "template.main+xml", container(oxWord+"template", "dotx", KindDocument)},
	{"application/vnd.ms-word.template.macroEnabledTemplate.main+xml", container("application/vnd.ms-word.template.macroEnabled.12", "dotm", KindDocument)},
	{oxExcel + "sheet.main+xml", container(oxExcel+"sheet", "xlsx", KindSpreadsheet)},
	{"application/vnd.ms-excel.sheet.macroEnabled.main+xml", container("application/vnd.ms-excel.sheet.macroEnabled.12", "xlsm", KindSpreadsheet)},
	{oxExcel + "template.main+xml", container(oxExcel+"template", "xltx", KindSpreadsheet)},
	{"application/vnd.ms-excel.template.macroEnabled.main+xml", container("application/vnd.ms-excel.template.macroEnabled.12", "xltm", KindSpreadsheet)},
	{"application/vnd.ms-excel.sheet.binary.macroEnabled.main", container("application/vnd.ms-excel.sheet.binary.macroEnabled.12", "xlsb", KindSpreadsheet)},
	{oxPower + "presentation.main+xml", container(oxPower+"presentation", "pptx", KindPresentation)},
	{"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", container("application/vnd.ms-powerpoint.presentation.macroEnabled.12", "pptm", KindPresentation)},
	{oxPower + "slideshow.main+xml", container(oxPower+"slideshow", "ppsx", KindPresentation)},
	{"application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml", container("application/vnd.ms-powerpoint.slideshow.macroEnabled.12", "ppsm", KindPresentation)},
	{oxPower + "template.main+xml", container(oxPower+"template", "potx", KindPresentation)},
	{"application/vnd.ms-powerpoint.template.macroEnabled.main+xml", container("application/vnd.ms-powerpoint.template.macroEnabled.12", "potm", KindPresentation)},
	{"application/vnd.ms-visio.drawing.main+xml", container("application/vnd.ms-visio.drawing", "vsdx", KindOther)},
}

const odf = "application/vnd.oasis.opendocument."

// mimetypeFormats maps the content of the "mimetype" entry of ODF and EPUB
// packages to the package's type.
var mimetypeFormats = []officeFormat{
	{odf + "text", container(odf+"text", "odt", KindDocument)},
	{odf + "text-template", container(odf+"text-template", "ott", KindDocument)},
	{odf + "spreadsheet", container(odf+"spreadsheet", "ods", KindSpreadsheet)},
	{odf + "spreadsheet-template", container(odf+"spreadsheet-template", "ots", KindSpreadsheet)},
	{odf + "presentation", container(odf+"presentation", "odp", KindPresentation)},
	{odf + "presentation-template", container(odf+"presentation-template", "otp", KindPresentation)},
	{odf + "graphics", container(odf+"graphics", "odg", KindOther)},
	{odf + "graphics-template", container(odf+"graphics-template", "otg", KindOther)},
	{"application/epub+zip", container("application/epub+zip", "epub", KindDocument)},
}

// Zip-based types recognised by their entries.
var (
	typeJAR = container("application/java-archive", "jar", KindArchive)
	typeAPK = container("application/vnd.android.package-archive", "apk", KindArchive)
)

// OLE2-based types.
var (
	typeDoc = container("application/msword", "doc", KindDocument)
	typeXls = container("application/vnd.ms-excel", "xls", KindSpreadsheet)
	typePpt = container("application/vnd.ms-powerpoint", "ppt", KindPresentation)
	typeMsg = container("application/vnd.ms-outlook", "msg", KindEmail)
	typeVsd = container("application/vnd.visio", "vsd", KindOther)
)

func lookupFormat(list []officeFormat, key string) (Type, bool) {
	for _, f := range list {
		if strings.EqualFold(f.main, key) {
			return f.typ, true
		}
	}
	return Type{}, false
}

// byMagic returns t marked as guessed from the prefix.
func byMagic(t Type) Type {
	t.By = ByMagic
	return t
}

// maxPrefixZipHeaders bounds the local headers guessZip walks.
const maxPrefixZipHeaders = 64

// guessZip looks at the local file headers within the prefix. An ODF or
// EPUB package stores its "mimetype" entry first and uncompressed, which
// the prefix shows; an OOXML package is guessed from a "[Content_Types].xml"
// entry plus a word/, xl/ or ppt/ entry in any order. The guesses are
// marked By "magic"; Refine confirms or corrects them.
func guessZip(b []byte) Type {
	off := 0
	if bytes.HasPrefix(b, []byte("PK\x07\x08")) || bytes.HasPrefix(b, []byte("PK00")) {
		off = 4
	}
	var contentTypes bool
	var family string
	for n := 0; n < maxPrefixZipHeaders && off >= 0 && off+30 <= len(b); n++ {
		h := b[off:]
		if string(h[0:4]) != "PK\x03\x04" {
			break
		}
		flags := binary.LittleEndian.Uint16(h[6:8])
		method := binary.LittleEndian.Uint16(h[8:10])
		csize := int64(binary.LittleEndian.Uint32(h[18:22]))
		nlen := int(binary.LittleEndian.Uint16(h[26:28]))
		elen := int(binary.LittleEndian.Uint16(h[28:30]))
		if 30+nlen > len(h) {
			break
		}
		name := string(h[30 : 30+nlen])
		data := 30 + nlen + elen
		if n == 0 && name == "mimetype" && method == 0 {
			if t, ok := prefixMimetype(h[min(data, len(h)):], csize); ok {
				return byMagic(t)
			}
		}
		switch {
		case strings.EqualFold(name, "[Content_Types].xml"):
			contentTypes = true
		case family == "" && strings.HasPrefix(name, "word/"):
			family = "docx"
		case family == "" && strings.HasPrefix(name, "xl/"):
			family = "xlsx"
		case family == "" && strings.HasPrefix(name, "ppt/"):
			family = "pptx"
		}
		if contentTypes && family != "" {
			break
		}
		if method == 0 && flags&0x8 != 0 {
			// Stored data with its size after it: the data may itself be
			// a zip (a docx kept as is), whose headers must not be taken
			// for the outer archive's.
			break
		}
		if flags&0x8 != 0 || csize == 0xFFFFFFFF {
			// Sizes follow the data: find the next header by its signature.
			next := bytes.Index(h[min(data, len(h)):], []byte("PK\x03\x04"))
			if next < 0 {
				break
			}
			off += min(data, len(h)) + next
			continue
		}
		off += data + int(csize)
	}
	if contentTypes && family != "" {
		for _, f := range ooxmlFormats {
			if f.typ.Ext == family {
				return byMagic(f.typ)
			}
		}
	}
	return typeZip
}

// prefixMimetype reads the content of a stored "mimetype" entry from the
// prefix. When the writer put the sizes in a data descriptor (csize 0), the
// longest known value the data starts with is taken.
func prefixMimetype(data []byte, csize int64) (Type, bool) {
	if csize > 0 && csize <= maxMimetypeSize && csize <= int64(len(data)) {
		return lookupFormat(mimetypeFormats, strings.TrimSpace(string(data[:csize])))
	}
	if csize != 0 {
		return Type{}, false
	}
	var best officeFormat
	for _, f := range mimetypeFormats {
		if bytes.HasPrefix(data, []byte(f.main)) && len(f.main) > len(best.main) {
			best = f
		}
	}
	return best.typ, best.main != ""
}
