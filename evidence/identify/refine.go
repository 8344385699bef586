package identify

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/richardlehane/mscfb"

	"github.com/proofpack/proofpack/evidence/internal/xmltok"
)

// Refine limits.
const (
	// MaxContainerEntries is the largest zip central directory or OLE2
	// directory Refine opens. archive/zip allocates a record for every
	// entry the central directory declares and mscfb reads the whole OLE2
	// directory up front, so a forged count must be refused before either
	// sees the file. Real documents have a few hundred entries at most.
	MaxContainerEntries = 10000
	// maxContentTypesSize bounds the bytes read from [Content_Types].xml.
	maxContentTypesSize = 1 << 20
	// maxMimetypeSize bounds the bytes read from an ODF "mimetype" entry;
	// the longest real value is under 60 bytes.
	maxMimetypeSize = 256
	// maxEOCDSearch is how far from the end the zip end-of-central-
	// directory record can be: its 22 bytes plus a 65 535-byte comment.
	maxEOCDSearch = 22 + 65535
)

// Refine looks inside zip and OLE2 containers to tell what they really
// are: OOXML, ODF, EPUB, JAR and APK packages for zip; Word, Excel,
// PowerPoint, Visio, Outlook messages and encrypted OOXML for OLE2. Other
// types come back unchanged.
//
// When a zip declares more than MaxContainerEntries entries, Refine does
// not read its directory and returns a plain zip type, whatever the prefix
// suggested: no real document has that many parts, and a prefix that looks
// like one must not hide an archive. A malformed container returns t
// unchanged with an error wrapping ErrFormat; a cancelled ctx returns t
// unchanged with ctx.Err().
func Refine(ctx context.Context, t Type, r io.ReaderAt, size int64) (Type, error) {
	if err := ctx.Err(); err != nil {
		return t, err
	}
	if r == nil || size <= 0 {
		return t, nil
	}
	switch {
	case t.MIME == MIMEOLE2:
		return refineOLE2(ctx, t, r, size)
	case isZipFamily(t):
		return refineZip(ctx, t, r, size)
	}
	return t, nil
}

// isZipFamily reports whether t is a zip or a zip-based package Detect may
// have guessed from the prefix.
func isZipFamily(t Type) bool {
	if t.MIME == MIMEZip {
		return true
	}
	if t.By != ByMagic {
		return false
	}
	for _, list := range [][]officeFormat{ooxmlFormats, mimetypeFormats} {
		for _, f := range list {
			if f.typ.MIME == t.MIME {
				return true
			}
		}
	}
	return t.MIME == typeJAR.MIME || t.MIME == typeAPK.MIME
}

// ZipEntryCount reads the end-of-central-directory record (and its zip64
// form) of the zip in r and returns how many entries the archive holds:
// the larger of the count it declares and the count of central directory
// records actually present, counted up to limit+1. Both matter before
// zip.NewReader: archive/zip sizes its slice from the first and appends one
// record per header it finds. Errors wrap ErrFormat.
func ZipEntryCount(r io.ReaderAt, size int64, limit uint64) (uint64, error) {
	// Nearly every zip ends with its directory end and no comment: a
	// short read of the tail finds it; only a zip with a comment needs
	// the whole window.
	var tail [eocdFirstRead]byte
	eocd, eocdPos, err := findEOCD(r, size, tail[:min(size, eocdFirstRead)])
	if err == nil && eocd == nil && size > eocdFirstRead {
		eocd, eocdPos, err = findEOCD(r, size, make([]byte, min(size, int64(maxEOCDSearch))))
	}
	if err != nil {
		return 0, err
	}
	if eocd == nil {
		return 0, fmt.Errorf("%w: no zip end of central directory", ErrFormat)
	}
	count := uint64(binary.LittleEndian.Uint16(eocd[10:12]))
	dirSize := uint64(binary.LittleEndian.Uint32(eocd[12:16]))
	dirEnd := eocdPos
	if count == 0xFFFF || dirSize == 0xFFFFFFFF || binary.LittleEndian.Uint32(eocd[16:20]) == 0xFFFFFFFF {
		c, s, end, err := zip64End(r, size, eocdPos)
		if err != nil {
			return 0, err
		}
		if end >= 0 {
			count, dirSize, dirEnd = c, s, end
		}
	}
	if count > limit {
		return count, nil
	}
	if dirSize > uint64(dirEnd) {
		return 0, fmt.Errorf("%w: zip central directory out of range", ErrFormat)
	}
	found := countZipRecords(r, dirEnd-int64(dirSize), dirEnd, limit)
	return max(count, found), nil
}

// eocdFirstRead is the tail read first when looking for the directory
// end: the record and a short comment.
const eocdFirstRead = 512

// findEOCD reads the last len(buf) bytes of r into buf and returns the
// last end-of-central-directory record in them, whole, and its offset;
// eocd is nil when there is none.
func findEOCD(r io.ReaderAt, size int64, buf []byte) (eocd []byte, pos int64, err error) {
	n := int64(len(buf))
	if _, err := r.ReadAt(buf, size-n); err != nil && err != io.EOF {
		return nil, 0, fmt.Errorf("%w: reading zip directory end: %w", ErrFormat, err)
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	for i >= 0 && len(buf)-i < 22 {
		i = bytes.LastIndex(buf[:i], []byte("PK\x05\x06"))
	}
	if i < 0 {
		return nil, 0, nil
	}
	return buf[i:], size - n + int64(i), nil
}

// zip64End reads the zip64 end-of-central-directory record through its
// locator, which sits just before the classic record. end is -1 when there
// is no locator.
func zip64End(r io.ReaderAt, size, eocdPos int64) (count, dirSize uint64, end int64, err error) {
	locOff := eocdPos - 20
	if locOff < 0 {
		return 0, 0, -1, nil
	}
	loc := make([]byte, 20)
	if _, err := r.ReadAt(loc, locOff); err != nil || string(loc[:4]) != "PK\x06\x07" {
		return 0, 0, -1, nil
	}
	recOff := binary.LittleEndian.Uint64(loc[8:16])
	if size < 56 || recOff > uint64(size-56) {
		return 0, 0, 0, fmt.Errorf("%w: zip64 directory end out of range", ErrFormat)
	}
	rec := make([]byte, 56)
	if _, err := r.ReadAt(rec, int64(recOff)); err != nil && err != io.EOF {
		return 0, 0, 0, fmt.Errorf("%w: reading zip64 directory end: %w", ErrFormat, err)
	}
	if string(rec[:4]) != "PK\x06\x06" {
		return 0, 0, 0, fmt.Errorf("%w: bad zip64 directory end", ErrFormat)
	}
	return binary.LittleEndian.Uint64(rec[32:40]), binary.LittleEndian.Uint64(rec[40:48]), int64(recOff), nil
}

// countZipRecords walks the central directory headers between start and
// end, stopping after limit+1 of them.
func countZipRecords(r io.ReaderAt, start, end int64, limit uint64) uint64 {
	h := make([]byte, 46)
	var n uint64
	for off := start; off+46 <= end && n <= limit; n++ {
		if _, err := r.ReadAt(h, off); err != nil || string(h[:4]) != "PK\x01\x02" {
			break
		}
		off += 46 + int64(binary.LittleEndian.Uint16(h[28:30])) +
			int64(binary.LittleEndian.Uint16(h[30:32])) + int64(binary.LittleEndian.Uint16(h[32:34]))
	}
	return n
}

// openZip runs zip.NewReader, turning a panic into an error.
func openZip(r io.ReaderAt, size int64) (zr *zip.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			zr, err = nil, fmt.Errorf("%w: zip reader panicked: %v", ErrFormat, p)
		}
	}()
	zr, err = zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return zr, nil
}

func refineZip(ctx context.Context, t Type, r io.ReaderAt, size int64) (Type, error) {
	count, err := ZipEntryCount(r, size, MaxContainerEntries)
	if err != nil {
		return t, err
	}
	if count > MaxContainerEntries {
		// Too many entries to read the directory here; no real document
		// has that many, so it is an archive whatever the prefix said.
		if t.MIME == MIMEZip {
			return t, nil
		}
		z := typeZip
		z.By = ByContainer
		return z, nil
	}
	zr, err := openZip(r, size)
	if err != nil {
		return t, err
	}
	names := make(map[string]*zip.File, len(zr.File))
	var contentTypes, mimetype *zip.File
	var manifest, android, dex bool
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return t, err
		}
		names[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
		switch {
		case strings.EqualFold(f.Name, "[Content_Types].xml"):
			contentTypes = f
		case f.Name == "mimetype":
			mimetype = f
		case strings.EqualFold(f.Name, "META-INF/MANIFEST.MF"):
			manifest = true
		case f.Name == "AndroidManifest.xml":
			android = true
		case f.Name == "classes.dex":
			dex = true
		}
	}
	if contentTypes != nil {
		ct, err := readContentTypes(contentTypes)
		if err != nil {
			return t, err
		}
		if nt, ok, err := ct.mainType(ctx, zr.File, names); ok || err != nil {
			return nt, err
		}
	}
	if mimetype != nil {
		mt, err := readSmall(mimetype, maxMimetypeSize)
		if err != nil {
			return t, err
		}
		if nt, ok := lookupFormat(mimetypeFormats, strings.TrimSpace(string(mt))); ok {
			return nt, nil
		}
	}
	switch {
	case android && dex:
		return typeAPK, nil
	case manifest:
		return typeJAR, nil
	}
	z := typeZip
	z.By = ByContainer
	return z, nil
}

// contentTypes is the part of [Content_Types].xml that gives parts their
// content types: by name (Override) or by extension (Default).
type contentTypes struct {
	Overrides []contentOverride `xml:"Override"`
	Defaults  []contentDefault  `xml:"Default"`
}

// contentOverride is one Override element: a part and its content type.
type contentOverride struct {
	PartName    string `xml:"PartName,attr"`
	ContentType string `xml:"ContentType,attr"`
}

// contentDefault is one Default element: the content type of the parts
// with that extension and no Override.
type contentDefault struct {
	Extension   string `xml:"Extension,attr"`
	ContentType string `xml:"ContentType,attr"`
}

// maxOverrides bounds the Override elements, and the Default elements,
// kept from [Content_Types].xml.
const maxOverrides = MaxContainerEntries

// mainType finds the package's main part, the first whose content type is
// the main part type of an OOXML format, and returns that format. A part's
// content type is its Override's, else its extension's Default: Excel
// declares the workbook of an xlsb (xl/workbook.bin) by a Default for
// "bin" alone. files are the zip's entries, names the same by lower-case
// name without leading "/".
func (ct *contentTypes) mainType(ctx context.Context, files []*zip.File, names map[string]*zip.File) (Type, bool, error) {
	overridden := make(map[string]bool, len(ct.Overrides))
	for _, o := range ct.Overrides {
		if err := ctx.Err(); err != nil {
			return Type{}, false, err
		}
		part := strings.ToLower(strings.TrimPrefix(o.PartName, "/"))
		overridden[part] = true
		nt, ok := lookupFormat(ooxmlFormats, strings.TrimSpace(o.ContentType))
		if !ok {
			continue
		}
		if _, exists := names[part]; exists {
			return nt, true, nil
		}
	}
	byExt := map[string]Type{}
	for _, d := range ct.Defaults {
		if nt, ok := lookupFormat(ooxmlFormats, strings.TrimSpace(d.ContentType)); ok {
			byExt[strings.ToLower(strings.TrimPrefix(d.Extension, "."))] = nt
		}
	}
	if len(byExt) == 0 {
		return Type{}, false, nil
	}
	for i, f := range files {
		if i%mainTypeCtxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Type{}, false, err
			}
		}
		part := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if overridden[part] || part == "[content_types].xml" || strings.HasSuffix(part, "/") {
			continue
		}
		ext := path.Ext(part)
		if ext == "" {
			continue
		}
		if nt, ok := byExt[ext[1:]]; ok {
			return nt, true, nil
		}
	}
	return Type{}, false, nil
}

// mainTypeCtxEvery is how many zip entries mainType looks at between checks
// of ctx.
const mainTypeCtxEvery = 1024

// readContentTypes reads [Content_Types].xml. Its XML errors wrap
// ErrDeclaration, and a document type declaration is refused (ErrDTD)
// before any element is read; an entry that cannot be read at all is an
// error of the zip's, which the walk of it reports too.
func readContentTypes(f *zip.File) (*contentTypes, error) {
	b, err := readSmall(f, maxContentTypesSize)
	if err != nil {
		return nil, err
	}
	var ct contentTypes
	if xmltok.Supported(b) {
		// No directive: xmltok.Supported sends every <!DOCTYPE to
		// encoding/xml.
		err = scanContentTypes(b, &ct)
	} else {
		err = decodeContentTypes(b, &ct)
	}
	if errors.Is(err, ErrDTD) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%w: [Content_Types].xml: %w", ErrDeclaration, err)
	}
	if len(ct.Overrides) > maxOverrides {
		ct.Overrides = ct.Overrides[:maxOverrides]
	}
	if len(ct.Defaults) > maxOverrides {
		ct.Defaults = ct.Defaults[:maxOverrides]
	}
	return &ct, nil
}

// decodeContentTypes reads doc with encoding/xml as xml.Unmarshal would,
// but refuses a directive (<!DOCTYPE …>) before the root element.
// encoding/xml expands no entity a DTD declares, yet a part that carries
// one is hostile or broken, never Office's.
func decodeContentTypes(doc []byte, ct *contentTypes) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.Directive:
			return fmt.Errorf("%w: [Content_Types].xml holds a document type declaration", ErrDTD)
		case xml.StartElement:
			return dec.DecodeElement(ct, &tok)
		}
	}
}

// scanContentTypes reads what xml.Unmarshal would into ct (the Override
// children of the root element, their attributes matched by local name,
// the last of a name winning; the document read up to the root's end),
// several times faster.
func scanContentTypes(doc []byte, ct *contentTypes) error {
	var s xmltok.Scanner
	s.Reset(doc)
	depth := 0
	for {
		k, err := s.Next()
		if err != nil {
			return err
		}
		switch k {
		case xmltok.EOF:
			return io.EOF // before the root ended: xml.Unmarshal says the same
		case xmltok.StartElement:
			depth++
			e := s.Start()
			if depth == 2 && e.Name.Local == "Override" && len(ct.Overrides) <= maxOverrides {
				var o contentOverride
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "PartName":
						o.PartName = a.Value
					case "ContentType":
						o.ContentType = a.Value
					}
				}
				ct.Overrides = append(ct.Overrides, o)
			}
			if depth == 2 && e.Name.Local == "Default" && len(ct.Defaults) <= maxOverrides {
				var d contentDefault
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "Extension":
						d.Extension = a.Value
					case "ContentType":
						d.ContentType = a.Value
					}
				}
				ct.Defaults = append(ct.Defaults, d)
			}
		case xmltok.EndElement:
			depth--
			if depth == 0 {
				return nil
			}
		}
	}
}

// readSmall reads at most limit bytes of a zip entry. A longer entry is
// cut, which is harmless for the parts read here.
func readSmall(f *zip.File, limit int64) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("%w: reading %q panicked: %v", ErrFormat, f.Name, p)
		}
	}()
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: opening %q: %w", ErrFormat, f.Name, err)
	}
	defer rc.Close()
	b, err = io.ReadAll(io.LimitReader(rc, limit))
	if err != nil {
		return nil, fmt.Errorf("%w: reading %q: %w", ErrFormat, f.Name, err)
	}
	return b, nil
}

// OLE2 header fields used to count the directory before mscfb reads it.
const (
	oleHeaderLen   = 512
	oleEndOfChain  = 0xFFFFFFFE
	oleMaxRegSect  = 0xFFFFFFFA
	oleHeaderDIFAT = 109
)

// oleDirectoryEntries follows the directory sector chain through the FAT
// and returns how many directory entries it holds, stopping once the count
// passes limit.
func oleDirectoryEntries(r io.ReaderAt, size int64, limit int) (int, error) {
	h := make([]byte, oleHeaderLen)
	if _, err := r.ReadAt(h, 0); err != nil {
		return 0, fmt.Errorf("%w: reading OLE2 header: %w", ErrFormat, err)
	}
	if !bytes.HasPrefix(h, sigOLE2) {
		return 0, fmt.Errorf("%w: bad OLE2 signature", ErrFormat)
	}
	var sectorSize int64
	switch binary.LittleEndian.Uint16(h[30:32]) {
	case 9:
		sectorSize = 512
	case 12:
		sectorSize = 4096
	default:
		return 0, fmt.Errorf("%w: bad OLE2 sector size", ErrFormat)
	}
	perFAT := uint32(sectorSize / 4)
	numDIFAT := binary.LittleEndian.Uint32(h[72:76])
	difatStart := binary.LittleEndian.Uint32(h[68:72])
	offset := func(sect uint32) int64 { return (int64(sect) + 1) * sectorSize }

	// fatSector returns the location of the idx-th FAT sector.
	fatSector := func(idx uint32) (uint32, error) {
		if idx < oleHeaderDIFAT {
			return binary.LittleEndian.Uint32(h[76+4*idx:]), nil
		}
		idx -= oleHeaderDIFAT
		per := perFAT - 1 // the last slot links to the next DIFAT sector
		hop := idx / per
		if hop >= numDIFAT || hop > uint32(size/sectorSize) {
			return 0, fmt.Errorf("%w: OLE2 FAT index out of range", ErrFormat)
		}
		d := difatStart
		b := make([]byte, 4)
		for i := uint32(0); i < hop; i++ {
			if d > oleMaxRegSect {
				return 0, fmt.Errorf("%w: broken OLE2 DIFAT chain", ErrFormat)
			}
			if _, err := r.ReadAt(b, offset(d)+sectorSize-4); err != nil {
				return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %w", ErrFormat, err)
			}
			d = binary.LittleEndian.Uint32(b)
		}
		if d > oleMaxRegSect {
			return 0, fmt.Errorf("%w: broken OLE2 DIFAT chain", ErrFormat)
		}
		if _, err := r.ReadAt(b, offset(d)+int64(idx%per)*4); err != nil {
			return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %w", ErrFormat, err)
		}
		return binary.LittleEndian.Uint32(b), nil
	}

	perSector := int(sectorSize / 128)
	entries := 0
	sect := binary.LittleEndian.Uint32(h[48:52])
	b := make([]byte, 4)
	for sect != oleEndOfChain {
		if sect > oleMaxRegSect || offset(sect) >= size {
			return 0, fmt.Errorf("%w: OLE2 directory sector out of range", ErrFormat)
		}
		entries += perSector
		if entries > limit {
			return entries, nil
		}
		fs, err := fatSector(sect / perFAT)
		if err != nil {
			return 0, err
		}
		if fs > oleMaxRegSect {
			return 0, fmt.Errorf("%w: OLE2 FAT sector missing", ErrFormat)
		}
		if _, err := r.ReadAt(b, offset(fs)+int64(sect%perFAT)*4); err != nil {
			return 0, fmt.Errorf("%w: reading OLE2 FAT: %w", ErrFormat, err)
		}
		sect = binary.LittleEndian.Uint32(b)
	}
	return entries, nil
}

// openOLE2 runs mscfb.New, turning a panic into an error.
func openOLE2(r io.ReaderAt) (doc *mscfb.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%w: OLE2 reader panicked: %v", ErrFormat, p)
		}
	}()
	doc, err = mscfb.New(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return doc, nil
}

// nextOLE2 runs doc.Next, turning a panic into an error.
func nextOLE2(doc *mscfb.Reader) (f *mscfb.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("%w: OLE2 reader panicked: %v", ErrFormat, p)
		}
	}()
	return doc.Next()
}

func refineOLE2(ctx context.Context, t Type, r io.ReaderAt, size int64) (Type, error) {
	n, err := oleDirectoryEntries(r, size, MaxContainerEntries)
	if err != nil {
		return t, err
	}
	if n > MaxContainerEntries {
		return t, nil
	}
	doc, err := openOLE2(io.NewSectionReader(r, 0, size))
	if err != nil {
		return t, err
	}
	top := map[string]bool{}
	var msg bool
	for i := 0; i < MaxContainerEntries; i++ {
		if err := ctx.Err(); err != nil {
			return t, err
		}
		f, err := nextOLE2(doc)
		if err == io.EOF {
			break
		}
		if err != nil {
			return t, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if len(f.Path) != 0 {
			continue // inside a storage: embedded objects do not count
		}
		top[f.Name] = true
		if strings.HasPrefix(f.Name, "__substg1.0_") || f.Name == "__properties_version1.0" {
			msg = true
		}
	}
	switch {
	case top["EncryptionInfo"] && top["EncryptedPackage"]:
		e := typeOLE2
		e.By = ByContainer
		e.Encrypted = true
		return e, nil
	case top["WordDocument"]:
		return typeDoc, nil
	case top["Workbook"] || top["Book"]:
		return typeXls, nil
	case top["PowerPoint Document"]:
		return typePpt, nil
	case msg:
		return typeMsg, nil
	case top["VisioDocument"]:
		return typeVsd, nil
	}
	return t, nil
}
