package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/proofpack/proofpack/evidence/identify"
)

// NewOLE2 returns the extractor of legacy Office files (doc, xls, ppt and
// other OLE2 compound files): the SummaryInformation and
// DocumentSummaryInformation property sets, user-defined properties
// included, with strings decoded by the code page the property set
// declares.
//
// Raw keys are the property names of MS-OLEPS without their prefix
// (Title, Author, LastAuthor, Template, AppName, CreateTime, LastSaveTime,
// LastPrinted, TotalEditTime in seconds, Company, Manager, Category, …),
// CodePage, and UserDefined for the user-defined properties by name.
// Times are FILETIMEs, which are UTC: they keep the "Z" zone, and
// TZOffset is not set from them. The body text of Word files is not read,
// but a Word 97–2003 document's own dates are (ole2_word.go): its FIB's
// time of the last save (FIBSaveTime, UTC) and its DOP's times of
// creation and revision (DOPCreateTime, DOPRevisionTime: local times,
// without zone); they give Created and Modified when the property sets
// do not, and a document with no property set but these dates is read.
//
// An encrypted file says so with ErrEncrypted (an error when no property
// set could be read, a warning beside them otherwise): encrypted OOXML
// (EncryptionInfo and EncryptedPackage streams), RC4 CryptoAPI encryption
// of doc, xls and ppt (its properties moved into EncryptedSummary), a Word
// document whose FIB has fEncrypted set, a workbook whose globals begin
// with a FILEPASS record (RC4 or XOR). A compound file with no property
// set and no sign of encryption (a VBA project, an embedded object, a
// Works file) holds no record: Extract says so with ErrNoRecord.
func NewOLE2() Extractor { return ole2Extractor{} }

type ole2Extractor struct{}

func (ole2Extractor) Name() string    { return "ole2" }
func (ole2Extractor) Version() string { return "3" }

// Accepts takes Word, Excel, PowerPoint and Visio files, and OLE2 files
// identify could not name: they all may hold property sets.
func (ole2Extractor) Accepts(t identify.Type) bool {
	switch t.MIME {
	case "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
		"application/vnd.visio", identify.MIMEOLE2:
		return true
	}
	return false
}

// Names of the property-set streams, without their first character, \x05.
const (
	oleStreamSummary    = "SummaryInformation"
	oleStreamDocSummary = "DocumentSummaryInformation"
)

func (ole2Extractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	doc, err := openCFB(in.R, in.Size)
	var tree cfbTreeError
	if err != nil && !errors.As(err, &tree) {
		return nil, err
	}
	res := &Result{}
	raw := map[string]any{}
	found := 0
	var encrypted string // how the file is encrypted, when it is
	if in.Type.Encrypted {
		encrypted = "an encrypted OOXML package: its properties and content are in EncryptedPackage"
	}
	// read decodes one property-set stream into raw.
	read := func(name string, b []byte, err error) {
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Errorf("%s: %w", name, err))
			if !errors.Is(err, ErrLimit) || len(b) == 0 {
				return
			}
		}
		sections, warns, err := oleParsePropertySets(b, lim.MaxRecords)
		for _, w := range warns {
			res.Warnings = append(res.Warnings, fmt.Errorf("%s: %w", name, w))
		}
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Errorf("%s: %w", name, err))
			return
		}
		found++
		for _, s := range sections {
			oleAddSection(raw, s, res)
		}
	}
	// A Word document's FIB, and its table streams by name, for the
	// dates of ole2_word.go.
	var fib oleWordFIB
	var isWord bool
	tables := map[string]*mscfb.File{}
	if doc != nil {
		err = walkCFB(ctx, doc, func(f *mscfb.File) error {
			if len(f.Path) == 0 && unicode.IsPrint(rune(f.Initial)) && encrypted == "" {
				encrypted = oleEncryption(f)
			}
			if len(f.Path) == 0 {
				switch f.Name {
				case "WordDocument":
					head := make([]byte, max(0, min(f.Size, oleFIBHead)))
					n, _ := cfbReaderAt{f}.ReadAt(head, 0)
					fib, isWord = oleParseWordFIB(head[:n])
				case "0Table", "1Table":
					tables[f.Name] = f
				}
			}
			if len(f.Path) != 0 || f.Initial != 0x0005 || (f.Name != oleStreamSummary && f.Name != oleStreamDocSummary) {
				return nil
			}
			b, err := readCFBStream(f, min(lim.MaxRecordBytes, maxPropertySetStream))
			read(f.Name, b, err)
			return nil
		})
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		res.Warnings = append(res.Warnings, err)
		if found == 0 && errors.As(err, &tree) {
			// mscfb cannot walk the directory's tree: the property sets
			// are found by their names, as exiftool finds them.
			streams, serr := cfbStreamsByName(ctx, in.R, in.Size,
				[]string{"\x05" + oleStreamSummary, "\x05" + oleStreamDocSummary}, min(lim.MaxRecordBytes, maxPropertySetStream), lim)
			for _, name := range []string{oleStreamSummary, oleStreamDocSummary} {
				if b, ok := streams["\x05"+name]; ok {
					read(name, b, nil)
				}
			}
			if serr != nil {
				res.Warnings = append(res.Warnings, fmt.Errorf("ole2: property sets by name: %w", serr))
			}
		}
	}
	if isWord && encrypted == "" {
		var table io.ReaderAt
		var size int64
		if f := tables[fib.table]; f != nil {
			table, size = cfbReaderAt{f}, f.Size
		}
		ok, err := oleWordDates(raw, fib, table, size)
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Errorf("WordDocument: %w", err))
		}
		if ok {
			found++
		}
	}
	if encrypted != "" {
		encErr := fmt.Errorf("%w: %s", ErrEncrypted, encrypted)
		if found == 0 {
			return nil, errors.Join(append([]error{encErr}, res.Warnings...)...)
		}
		res.Warnings = append(res.Warnings, encErr)
	}
	if found == 0 {
		if len(res.Warnings) > 0 {
			// Property sets were there but none could be read.
			return nil, errors.Join(res.Warnings...)
		}
		return nil, fmt.Errorf("%w: ole2: no property set stream (SummaryInformation, DocumentSummaryInformation)", ErrNoRecord)
	}
	fillOLE2Metadata(&res.Metadata, raw)
	res.Metadata.Raw = raw
	return res, nil
}

// Signs of encryption in the top-level streams of a compound file.
const (
	// oleFIBFlags is the offset of the flags of a Word document's File
	// Information Block, at the start of its WordDocument stream;
	// oleFIBEncrypted is fEncrypted among them ([MS-DOC] 2.5.2).
	oleFIBFlags     = 10
	oleFIBEncrypted = 0x0100
	// oleBIFFFilePass is the FILEPASS record of a workbook's globals,
	// which follows the BOF record of an encrypted workbook
	// ([MS-XLS] 2.4.117); oleBIFFEOF ends the globals.
	oleBIFFFilePass = 0x002F
	oleBIFFEOF      = 0x000A
	// oleBIFFScan bounds the records of the globals looked at, and
	// oleBIFFHead the bytes read of them: FILEPASS comes right after BOF.
	oleBIFFScan = 64
	oleBIFFHead = 8 << 10
)

// oleEncryption returns how f, a top-level stream, says its file is
// encrypted, or "" when it does not.
func oleEncryption(f *mscfb.File) string {
	switch f.Name {
	case "EncryptedPackage":
		return "an encrypted OOXML package: its properties and content are in EncryptedPackage"
	case "EncryptedSummary":
		return "encrypted with RC4 CryptoAPI: its properties are in EncryptedSummary"
	case "WordDocument":
		b, _ := readCFBStream(f, oleFIBFlags+2)
		if len(b) == oleFIBFlags+2 && binary.LittleEndian.Uint16(b[oleFIBFlags:])&oleFIBEncrypted != 0 {
			return "an encrypted Word document (fEncrypted in its FIB)"
		}
	case "Workbook", "Book":
		b, _ := readCFBStream(f, oleBIFFHead)
		for off, n := 0, 0; off+4 <= len(b) && n < oleBIFFScan; n++ {
			typ, size := binary.LittleEndian.Uint16(b[off:]), int(binary.LittleEndian.Uint16(b[off+2:]))
			switch typ {
			case oleBIFFFilePass:
				return "an encrypted Excel workbook (a FILEPASS record)"
			case oleBIFFEOF:
				return ""
			}
			off += 4 + size
		}
	}
	return ""
}

// fillOLE2Metadata sets the normalised fields from the named properties.
func fillOLE2Metadata(m *Metadata, raw map[string]any) {
	user, _ := raw["UserDefined"].(map[string]any)
	str := func(k string) string {
		s, _ := raw[k].(string)
		if s == "" {
			// LibreOffice writes Company, Manager and AppVersion as
			// user-defined properties of those names; exiftool reads them
			// as the standard ones, and so do we.
			s, _ = user[k].(string)
		}
		return strings.TrimSpace(s)
	}
	if a := str("Author"); a != "" {
		m.Authors = []string{a}
	}
	m.LastModifiedBy = str("LastAuthor")
	m.Organisation = str("Company")
	m.Software = str("AppName")
	m.Created = str("CreateTime")
	m.Modified = str("LastSaveTime")
	m.Title = str("Title")
	// A Word document's own dates, when the property sets have none:
	// the FIB's time of the last save (UTC), the DOP's (local).
	if m.Created == "" {
		m.Created = str("DOPCreateTime")
	}
	for _, k := range []string{"FIBSaveTime", "DOPRevisionTime"} {
		if m.Modified == "" {
			m.Modified = str(k)
		}
	}
}

// Format identifiers of the property sets read, in their on-disk byte
// order (the first three fields of a GUID are little-endian).
var (
	fmtidSummary    = oleGUIDBytes(0xF29F85E0, 0x4FF9, 0x1068, [8]byte{0xAB, 0x91, 0x08, 0x00, 0x2B, 0x27, 0xB3, 0xD9})
	fmtidDocSummary = oleGUIDBytes(0xD5CDD502, 0x2E9C, 0x101B, [8]byte{0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE})
	fmtidUser       = oleGUIDBytes(0xD5CDD505, 0x2E9C, 0x101B, [8]byte{0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE})
)

// The same identifiers with their first three fields big-endian, as some
// writers put them (the GUID's text order); exiftool reads them too.
var (
	fmtidSummaryInverted    = oleGUIDInverted(fmtidSummary)
	fmtidDocSummaryInverted = oleGUIDInverted(fmtidDocSummary)
	fmtidUserInverted       = oleGUIDInverted(fmtidUser)
)

// oleGUIDInverted swaps the byte order of a GUID's first three fields.
func oleGUIDInverted(g [16]byte) [16]byte {
	out := g
	out[0], out[1], out[2], out[3] = g[3], g[2], g[1], g[0]
	out[4], out[5] = g[5], g[4]
	out[6], out[7] = g[7], g[6]
	return out
}

func oleGUIDBytes(a uint32, b, c uint16, d [8]byte) [16]byte {
	var g [16]byte
	binary.LittleEndian.PutUint32(g[0:], a)
	binary.LittleEndian.PutUint16(g[4:], b)
	binary.LittleEndian.PutUint16(g[6:], c)
	copy(g[8:], d[:])
	return g
}

// Property names of the SummaryInformation set (MS-OLEPS PIDSI_*).
var oleSummaryNames = map[uint32]string{
	2: "Title", 3: "Subject", 4: "Author", 5: "Keywords", 6: "Comments", 7: "Template",
	8: "LastAuthor", 9: "RevNumber", 10: "TotalEditTime", 11: "LastPrinted", 12: "CreateTime",
	13: "LastSaveTime", 14: "PageCount", 15: "WordCount", 16: "CharCount", 17: "Thumbnail",
	18: "AppName", 19: "DocSecurity",
}

// Property names of the DocumentSummaryInformation set (PIDDSI_*).
var oleDocSummaryNames = map[uint32]string{
	2: "Category", 3: "PresentationFormat", 4: "ByteCount", 5: "LineCount", 6: "ParagraphCount",
	7: "SlideCount", 8: "NoteCount", 9: "HiddenSlideCount", 10: "MMClipCount", 11: "ScaleCrop",
	12: "HeadingPairs", 13: "TitlesOfParts", 14: "Manager", 15: "Company", 16: "LinksUpToDate",
	17: "CharCountWithSpaces", 19: "SharedDoc", 20: "LinkBase", 21: "HLinks", 22: "HyperlinksChanged",
	23: "AppVersion", 24: "DigSig", 26: "ContentType", 27: "ContentStatus", 28: "Language",
	29: "DocVersion",
}

// Property identifiers common to every set.
const (
	pidDictionary = 0
	pidCodePage   = 1
	pidLocale     = 0x80000000
	pidBehavior   = 0x80000003
)

// oleAddSection stores the properties of s into raw under their names.
func oleAddSection(raw map[string]any, s oleSection, res *Result) {
	var names map[uint32]string
	dst := raw
	switch s.fmtid {
	case fmtidSummary, fmtidSummaryInverted:
		names = oleSummaryNames
	case fmtidDocSummary, fmtidDocSummaryInverted:
		names = oleDocSummaryNames
	case fmtidUser, fmtidUserInverted:
		u, _ := raw["UserDefined"].(map[string]any)
		if u == nil {
			u = map[string]any{}
		}
		dst = u
		defer func() {
			if len(u) > 0 {
				raw["UserDefined"] = u
			}
		}()
	default:
		names = map[uint32]string{}
	}
	if s.codePage != 0 {
		raw["CodePage"] = int64(s.codePage)
	}
	for _, p := range s.props {
		switch p.id {
		case pidDictionary, pidCodePage, pidBehavior:
			continue
		case pidLocale:
			dst["Locale"] = p.value
			continue
		}
		name := names[p.id]
		if name == "" {
			name = s.dict[p.id]
		}
		if name == "" {
			name = fmt.Sprintf("PID_0x%X", p.id)
		}
		v, err := ole2RawValue(name, p.value)
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Errorf("%s: %w", name, err))
			continue
		}
		if v != nil {
			dst[name] = v
		}
	}
}

// ole2RawValue turns a decoded property value into a Raw value: times as
// RFC 3339 UTC strings (zero FILETIMEs left out), the edit time as
// seconds, AppVersion as "major.minor".
func ole2RawValue(name string, v any) (any, error) {
	switch x := v.(type) {
	case oleFiletime:
		if name == "TotalEditTime" {
			return int64(x / 10_000_000), nil
		}
		if x == 0 {
			return nil, nil
		}
		t, err := x.time()
		if err != nil {
			return nil, err
		}
		return FormatTime(t, true), nil
	case time.Time:
		return FormatTime(x, false), nil
	case int64:
		if name == "AppVersion" {
			return fmt.Sprintf("%d.%04d", x>>16&0xFFFF, x&0xFFFF), nil
		}
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if e2, err := ole2RawValue("", e); err == nil && e2 != nil {
				out = append(out, e2)
			}
		}
		return out, nil
	}
	return v, nil
}

// oleFiletime is a Windows FILETIME: 100-nanosecond ticks since 1601-01-01
// UTC. As a duration (TotalEditTime) it counts ticks.
type oleFiletime uint64

// oleTicksTo1970 is the FILETIME of the Unix epoch.
const oleTicksTo1970 = 116_444_736_000_000_000

func (f oleFiletime) time() (time.Time, error) {
	ticks := uint64(f)
	t := time.Unix(int64(ticks/10_000_000)-oleTicksTo1970/10_000_000, int64(ticks%10_000_000)*100).UTC()
	if t.Year() > 9999 {
		return time.Time{}, fmt.Errorf("%w: FILETIME after year 9999", ErrFormat)
	}
	return t, nil
}

// Bounds of the OLE2 reader.
const (
	// maxPropertySets is the number of sections a property-set stream may
	// declare: MS-OLEPS allows one or two.
	maxPropertySets = 2
	// maxPropertySetStream bounds a property-set stream: MS-OLEPS asks
	// readers to refuse streams over 2 MiB, which no real file reaches.
	maxPropertySetStream = 2 << 20
)

// oleSection is one property set of a stream.
type oleSection struct {
	fmtid    [16]byte
	codePage int
	dict     map[uint32]string
	props    []oleProperty
}

// oleProperty is one decoded value: string, int64, float64, bool, oleFiletime,
// time.Time (VT_DATE, zone unknown), []any, or nil when the type carries
// no value we keep (blobs, clipboard data).
type oleProperty struct {
	id    uint32
	value any
}

// oleParsePropertySets decodes a PropertySetStream (MS-OLEPS 2.21).
// Every offset and count is checked against b; maxProps bounds the
// properties read per section.
func oleParsePropertySets(b []byte, maxProps int) ([]oleSection, []error, error) {
	if len(b) < 28 {
		return nil, nil, fmt.Errorf("%w: property set stream of %d bytes", ErrFormat, len(b))
	}
	if binary.LittleEndian.Uint16(b[0:2]) != 0xFFFE {
		return nil, nil, fmt.Errorf("%w: bad property set byte order mark", ErrFormat)
	}
	n := binary.LittleEndian.Uint32(b[24:28])
	if n == 0 || n > maxPropertySets {
		return nil, nil, fmt.Errorf("%w: %d property sets declared", ErrFormat, n)
	}
	if 28+int(n)*20 > len(b) {
		return nil, nil, fmt.Errorf("%w: property set list past the stream", ErrFormat)
	}
	var out []oleSection
	var warns []error
	for i := 0; i < int(n); i++ {
		h := b[28+i*20:]
		var s oleSection
		copy(s.fmtid[:], h[:16])
		off := binary.LittleEndian.Uint32(h[16:20])
		ws, err := oleParseSection(&s, b, off, maxProps)
		warns = append(warns, ws...)
		if err != nil {
			warns = append(warns, err)
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, warns, fmt.Errorf("%w: no readable property set", ErrFormat)
	}
	return out, warns, nil
}

// oleParseSection decodes the property set at off in b into s.
func oleParseSection(s *oleSection, b []byte, off uint32, maxProps int) ([]error, error) {
	if uint64(off)+8 > uint64(len(b)) {
		return nil, fmt.Errorf("%w: property set offset %d past the stream", ErrFormat, off)
	}
	var warns []error
	sec := b[off:]
	size := binary.LittleEndian.Uint32(sec[0:4])
	if uint64(size) > uint64(len(sec)) {
		warns = append(warns, fmt.Errorf("%w: property set size %d past the stream", ErrFormat, size))
	} else if size >= 8 {
		sec = sec[:size]
	}
	count := binary.LittleEndian.Uint32(sec[4:8])
	if uint64(count) > uint64(len(sec)-8)/8 {
		return warns, fmt.Errorf("%w: property count %d past the property set", ErrFormat, count)
	}
	if int64(count) > int64(maxProps) {
		warns = append(warns, fmt.Errorf("%w: %d properties, %d read", ErrLimit, count, maxProps))
		count = uint32(maxProps)
	}
	type idOff struct{ id, off uint32 }
	ids := make([]idOff, count)
	dictOff := uint32(0)
	hasDict := false
	pr := &olePropReader{sec: sec, budget: maxProps}
	for i := range ids {
		ids[i] = idOff{binary.LittleEndian.Uint32(sec[8+8*i:]), binary.LittleEndian.Uint32(sec[12+8*i:])}
		if ids[i].id == pidCodePage {
			if v, _, err := pr.typed(ids[i].off, 0); err == nil {
				if cp, ok := v.(int64); ok {
					s.codePage = int(uint16(cp))
				}
			}
		}
		if ids[i].id == pidDictionary {
			dictOff, hasDict = ids[i].off, true
		}
	}
	pr.cp = s.codePage
	if hasDict {
		d, err := oleParseDictionary(sec, dictOff, s.codePage, maxProps)
		if err != nil {
			warns = append(warns, err)
		}
		s.dict = d
	}
	if s.codePage != 0 && !oleKnownCodePage(s.codePage) {
		warns = append(warns, fmt.Errorf("%w: unknown code page %d, strings read as windows-1252", ErrFormat, s.codePage))
	}
	pr.budget = maxProps
	for _, e := range ids {
		if e.id == pidDictionary {
			continue
		}
		v, _, err := pr.typed(e.off, 0)
		if err != nil {
			warns = append(warns, fmt.Errorf("property 0x%X: %w", e.id, err))
			if errors.Is(err, ErrLimit) {
				break
			}
			continue
		}
		s.props = append(s.props, oleProperty{id: e.id, value: v})
	}
	return warns, nil
}

// oleParseDictionary decodes the names of user-defined properties.
func oleParseDictionary(sec []byte, off uint32, cp int, maxEntries int) (map[uint32]string, error) {
	if uint64(off)+4 > uint64(len(sec)) {
		return nil, fmt.Errorf("%w: dictionary offset past the property set", ErrFormat)
	}
	b := sec[off:]
	n := binary.LittleEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4)/8 {
		return nil, fmt.Errorf("%w: dictionary of %d entries past the property set", ErrFormat, n)
	}
	if int64(n) > int64(maxEntries) {
		n = uint32(maxEntries)
	}
	d := make(map[uint32]string, n)
	p := 4
	for i := 0; i < int(n); i++ {
		if p+8 > len(b) {
			return d, fmt.Errorf("%w: dictionary entry past the property set", ErrFormat)
		}
		id := binary.LittleEndian.Uint32(b[p:])
		l := uint64(binary.LittleEndian.Uint32(b[p+4:]))
		p += 8
		if cp == 1200 {
			l *= 2
		}
		if l > uint64(len(b)-p) {
			return d, fmt.Errorf("%w: dictionary name past the property set", ErrFormat)
		}
		d[id] = oleDecodeCodePage(cp, b[p:p+int(l)])
		p += int(l)
		if cp == 1200 && p%4 != 0 {
			p += 4 - p%4
		}
	}
	return d, nil
}

// Variant types (MS-OLEPS 2.15) this reader decodes.
const (
	vtEmpty    = 0x00
	vtNull     = 0x01
	vtI2       = 0x02
	vtI4       = 0x03
	vtR4       = 0x04
	vtR8       = 0x05
	vtCY       = 0x06
	vtDate     = 0x07
	vtBSTR     = 0x08
	vtError    = 0x0A
	vtBool     = 0x0B
	vtVariant  = 0x0C
	vtDecimal  = 0x0E
	vtI1       = 0x10
	vtUI1      = 0x11
	vtUI2      = 0x12
	vtUI4      = 0x13
	vtI8       = 0x14
	vtUI8      = 0x15
	vtInt      = 0x16
	vtUInt     = 0x17
	vtLPSTR    = 0x1E
	vtLPWSTR   = 0x1F
	vtFiletime = 0x40
	vtBlob     = 0x41
	vtBlobObj  = 0x46
	vtCF       = 0x47
	vtCLSID    = 0x48
	vtVector   = 0x1000
)

// olePropReader decodes the values of one property set. budget counts the
// values still allowed, vector elements included, so that a section of
// forged vectors cannot make millions of small allocations.
type olePropReader struct {
	sec    []byte
	cp     int
	budget int
}

// typed decodes the TypedPropertyValue at off in b, returning the value
// and the bytes it used. depth is 1 inside a vector of variants.
func (pr *olePropReader) typed(off uint32, depth int) (any, int, error) {
	return pr.typedIn(pr.sec, off, depth)
}

func (pr *olePropReader) typedIn(sec []byte, off uint32, depth int) (any, int, error) {
	if uint64(off)+4 > uint64(len(sec)) {
		return nil, 0, fmt.Errorf("%w: property offset %d past the property set", ErrFormat, off)
	}
	b := sec[off:]
	typ := binary.LittleEndian.Uint16(b)
	if typ&vtVector != 0 {
		if depth > 0 {
			return nil, 0, fmt.Errorf("%w: vector inside a vector", ErrFormat)
		}
		v, n, err := pr.vector(b[4:], typ&^vtVector)
		return v, n + 4, err
	}
	if typ == vtVariant {
		return nil, 0, fmt.Errorf("%w: variant outside a vector", ErrFormat)
	}
	// A string inside a vector of variants (the heading of a HeadingPairs
	// element) is not padded, as in a vector of strings; other values
	// of a variant are.
	v, n, err := pr.scalar(b[4:], typ, depth > 0 && oleIsString(typ))
	return v, n + 4, err
}

// oleIsString reports whether typ is one of the string types.
func oleIsString(typ uint16) bool {
	return typ == vtLPSTR || typ == vtBSTR || typ == vtLPWSTR
}

// vector decodes a vector of elements of type typ.
func (pr *olePropReader) vector(b []byte, typ uint16) (any, int, error) {
	if len(b) < 4 {
		return nil, 0, fmt.Errorf("%w: vector past the property set", ErrFormat)
	}
	n := binary.LittleEndian.Uint32(b)
	// Every element takes at least one byte, so a count above the bytes
	// left is a lie, and it must not size anything.
	if uint64(n) > uint64(len(b)-4) {
		return nil, 0, fmt.Errorf("%w: vector of %d elements past the property set", ErrFormat, n)
	}
	out := make([]any, 0, min(int(n), 64))
	p := 4
	for i := 0; i < int(n); i++ {
		if p%4 != 0 && oleZeroPadded(b, p) && pr.elementAt(b, p+4-p%4, typ) {
			// The string before was padded to 4 bytes after all, as
			// MS-OLEPS (not Office) writes it.
			p += 4 - p%4
		}
		var v any
		var used int
		var err error
		if typ == vtVariant {
			v, used, err = pr.typedIn(b, uint32(p), 1)
		} else {
			v, used, err = pr.scalar(b[p:], typ, true)
		}
		if err != nil {
			return nil, 0, err
		}
		if used <= 0 {
			return nil, 0, fmt.Errorf("%w: empty vector element", ErrFormat)
		}
		p += used
		out = append(out, v)
	}
	return out, p, nil
}

// oleZeroPadded reports whether b holds zero bytes from p up to the next
// multiple of 4, and something after them.
func oleZeroPadded(b []byte, p int) bool {
	q := p + 4 - p%4
	if q >= len(b) {
		return false
	}
	for _, c := range b[p:q] {
		if c != 0 {
			return false
		}
	}
	return true
}

// elementAt reports whether a vector element of type typ can start at q
// in b: only strings (alone or in a variant) leave a vector unaligned,
// and a string Office writes ends with its NUL within the bytes left.
func (pr *olePropReader) elementAt(b []byte, q int, typ uint16) bool {
	if typ == vtVariant {
		if q+4 > len(b) {
			return false
		}
		typ = binary.LittleEndian.Uint16(b[q:])
		if !oleIsString(typ) {
			return oleFixedSize(typ) >= 0
		}
		q += 4
	}
	if !oleIsString(typ) || q+4 > len(b) {
		return false
	}
	unit := uint64(1)
	if typ == vtLPWSTR {
		unit = 2
	}
	n := uint64(binary.LittleEndian.Uint32(b[q:])) * unit
	if n == 0 || n > uint64(len(b)-q-4) {
		return false
	}
	end := q + 4 + int(n)
	for _, c := range b[end-int(unit) : end] {
		if c != 0 {
			return false
		}
	}
	return true
}

// oleFixedSize is the byte size of the fixed-length scalar types, -1 for
// the others.
func oleFixedSize(typ uint16) int {
	switch typ {
	case vtEmpty, vtNull:
		return 0
	case vtI1, vtUI1:
		return 1
	case vtI2, vtUI2, vtBool:
		return 2
	case vtI4, vtUI4, vtInt, vtUInt, vtR4, vtError:
		return 4
	case vtI8, vtUI8, vtR8, vtCY, vtDate, vtFiletime:
		return 8
	case vtCLSID, vtDecimal:
		return 16
	}
	return -1
}

// scalar decodes one value of type typ at the start of b. Values of one
// or two bytes are padded to four, except packed in a vector. Strings in
// a vector are not padded either: Office writes the strings of its
// TitlesOfParts and HeadingPairs vectors one after the other
// (UnalignedLpstr, [MS-OSHARED] 2.3.3.1.5), and vector reads the padding
// of writers that add it.
func (pr *olePropReader) scalar(b []byte, typ uint16, packed bool) (any, int, error) {
	if pr.budget <= 0 {
		return nil, 0, fmt.Errorf("%w: more than the allowed values in a property set", ErrLimit)
	}
	pr.budget--
	if n := oleFixedSize(typ); n >= 0 {
		if n > len(b) {
			return nil, 0, fmt.Errorf("%w: value of type 0x%X past the property set", ErrFormat, typ)
		}
		used := n
		if !packed && used%4 != 0 {
			used += 4 - used%4
		}
		used = min(used, len(b))
		le := binary.LittleEndian
		switch typ {
		case vtEmpty, vtNull:
			return nil, 0, nil
		case vtI1:
			return int64(int8(b[0])), used, nil
		case vtUI1:
			return int64(b[0]), used, nil
		case vtI2:
			return int64(int16(le.Uint16(b))), used, nil
		case vtUI2:
			return int64(le.Uint16(b)), used, nil
		case vtBool:
			return le.Uint16(b) != 0, used, nil
		case vtI4, vtInt, vtError:
			return int64(int32(le.Uint32(b))), used, nil
		case vtUI4, vtUInt:
			return int64(le.Uint32(b)), used, nil
		case vtR4:
			return oleFinite(float64(math.Float32frombits(le.Uint32(b)))), used, nil
		case vtI8:
			return int64(le.Uint64(b)), used, nil
		case vtUI8:
			u := le.Uint64(b)
			if u > math.MaxInt64 {
				return float64(u), used, nil
			}
			return int64(u), used, nil
		case vtR8:
			return oleFinite(math.Float64frombits(le.Uint64(b))), used, nil
		case vtCY:
			return float64(int64(le.Uint64(b))) / 10000, used, nil
		case vtDate:
			return oleDate(math.Float64frombits(le.Uint64(b))), used, nil
		case vtFiletime:
			return oleFiletime(le.Uint64(b)), used, nil
		case vtCLSID:
			return oleGUIDString(b[:16]), used, nil
		default: // vtDecimal: not kept
			return nil, used, nil
		}
	}
	switch typ {
	case vtLPSTR, vtBSTR:
		// CodePageString: a byte count, then bytes in the set's code
		// page (UTF-16LE when it is 1200).
		s, used, err := oleSizedBytes(b, 1, !packed)
		if err != nil {
			return nil, 0, err
		}
		return oleDecodeCodePage(pr.cp, s), used, nil
	case vtLPWSTR:
		s, used, err := oleSizedBytes(b, 2, !packed)
		if err != nil {
			return nil, 0, err
		}
		return oleDecodeCodePage(1200, s), used, nil
	case vtBlob, vtBlobObj, vtCF:
		_, used, err := oleSizedBytes(b, 1, true)
		return nil, used, err
	}
	return nil, 0, fmt.Errorf("%w: unsupported property type 0x%X", ErrFormat, typ)
}

// oleSizedBytes reads a 4-byte count of units of unit bytes, then the
// bytes, and returns them and the bytes used, padded to 4 when pad is set.
func oleSizedBytes(b []byte, unit uint64, pad bool) ([]byte, int, error) {
	if len(b) < 4 {
		return nil, 0, fmt.Errorf("%w: string past the property set", ErrFormat)
	}
	n := uint64(binary.LittleEndian.Uint32(b)) * unit
	if n > uint64(len(b)-4) {
		return nil, 0, fmt.Errorf("%w: string of %d bytes past the property set", ErrFormat, n)
	}
	used := 4 + int(n)
	if pad && used%4 != 0 {
		used += 4 - used%4
	}
	return b[4 : 4+n], min(used, len(b)), nil
}

// oleFinite replaces NaN and infinities, which JSON cannot carry, by nil.
func oleFinite(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

// oleDate converts an OLE automation date (days since 1899-12-30, zone
// unknown) to a time, nil when out of range.
func oleDate(d float64) any {
	if math.IsNaN(d) || d < -657434 || d > 2958465 { // years 100 to 9999
		return nil
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return base.Add(time.Duration(d * 24 * float64(time.Hour)))
}

func oleGUIDString(b []byte) string {
	le := binary.LittleEndian
	return fmt.Sprintf("{%08X-%04X-%04X-%X-%X}", le.Uint32(b), le.Uint16(b[4:]), le.Uint16(b[6:]), b[8:10], b[10:16])
}

// Bounds of the compound-file check.
const (
	cfbHeaderLen  = 512
	cfbEndOfChain = 0xFFFFFFFE
	cfbMaxRegSect = 0xFFFFFFFA
	cfbHeaderFATs = 109
)

var cfbSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// checkCFB verifies what mscfb trusts before it allocates or recurses:
// the sector counts of the header must fit in the file, and the directory
// chain must end, without a cycle, before it holds more than
// identify.MaxContainerEntries entries (mscfb reads the whole directory
// and walks its tree recursively).
func checkCFB(r io.ReaderAt, size int64) error {
	if size < cfbHeaderLen {
		return fmt.Errorf("%w: OLE2 file of %d bytes", ErrFormat, size)
	}
	h := make([]byte, cfbHeaderLen)
	if _, err := r.ReadAt(h, 0); err != nil {
		return fmt.Errorf("%w: reading OLE2 header: %w", ErrFormat, err)
	}
	if !bytes.HasPrefix(h, cfbSignature) {
		return fmt.Errorf("%w: not an OLE2 file", ErrFormat)
	}
	var ss int64
	switch binary.LittleEndian.Uint16(h[30:32]) {
	case 9:
		ss = 512
	case 12:
		ss = 4096
	default:
		return fmt.Errorf("%w: bad OLE2 sector size", ErrFormat)
	}
	sectors := (size + ss - 1) / ss
	le := binary.LittleEndian
	for _, f := range []struct {
		name string
		n    uint32
	}{
		{"directory", le.Uint32(h[40:44])}, {"FAT", le.Uint32(h[44:48])},
		{"mini FAT", le.Uint32(h[64:68])}, {"DIFAT", le.Uint32(h[72:76])},
	} {
		if int64(f.n) > sectors {
			return fmt.Errorf("%w: OLE2 header declares %d %s sectors in a file of %d", ErrFormat, f.n, f.name, sectors)
		}
	}
	perFAT := uint32(ss / 4)
	numDIFAT := le.Uint32(h[72:76])
	difatStart := le.Uint32(h[68:72])
	offset := func(sect uint32) int64 { return (int64(sect) + 1) * ss }
	b := make([]byte, 4)
	// fatSector returns the location of the idx-th FAT sector.
	fatSector := func(idx uint32) (uint32, error) {
		if idx < cfbHeaderFATs {
			return le.Uint32(h[76+4*idx:]), nil
		}
		idx -= cfbHeaderFATs
		per := perFAT - 1 // the last slot links to the next DIFAT sector
		hop := idx / per
		if hop >= numDIFAT {
			return 0, fmt.Errorf("%w: OLE2 FAT index out of range", ErrFormat)
		}
		d := difatStart
		for i := uint32(0); i < hop; i++ {
			if d > cfbMaxRegSect {
				return 0, fmt.Errorf("%w: broken OLE2 DIFAT chain", ErrFormat)
			}
			if _, err := r.ReadAt(b, offset(d)+ss-4); err != nil {
				return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %w", ErrFormat, err)
			}
			d = le.Uint32(b)
		}
		if d > cfbMaxRegSect {
			return 0, fmt.Errorf("%w: broken OLE2 DIFAT chain", ErrFormat)
		}
		if _, err := r.ReadAt(b, offset(d)+int64(idx%per)*4); err != nil {
			return 0, fmt.Errorf("%w: reading OLE2 DIFAT: %w", ErrFormat, err)
		}
		return le.Uint32(b), nil
	}
	perSector := int(ss / 128)
	entries := 0
	seen := map[uint32]bool{}
	for sect := le.Uint32(h[48:52]); sect != cfbEndOfChain; {
		if sect > cfbMaxRegSect || offset(sect) >= size {
			return fmt.Errorf("%w: OLE2 directory sector out of range", ErrFormat)
		}
		if seen[sect] {
			return fmt.Errorf("%w: OLE2 directory chain loops at sector %d", ErrFormat, sect)
		}
		seen[sect] = true
		entries += perSector
		if entries > identify.MaxContainerEntries {
			return fmt.Errorf("%w: OLE2 directory of more than %d entries", ErrLimit, identify.MaxContainerEntries)
		}
		fs, err := fatSector(sect / perFAT)
		if err != nil {
			return err
		}
		if fs > cfbMaxRegSect {
			return fmt.Errorf("%w: OLE2 FAT sector missing", ErrFormat)
		}
		if _, err := r.ReadAt(b, offset(fs)+int64(sect%perFAT)*4); err != nil {
			return fmt.Errorf("%w: reading OLE2 FAT: %w", ErrFormat, err)
		}
		sect = le.Uint32(b)
	}
	if entries == 0 {
		return fmt.Errorf("%w: OLE2 directory empty", ErrFormat)
	}
	return nil
}

// openCFB checks the compound file and opens it with mscfb, recovering
// its panics.
func openCFB(r io.ReaderAt, size int64) (doc *mscfb.Reader, err error) {
	if r == nil || size <= 0 {
		return nil, fmt.Errorf("%w: empty input", ErrFormat)
	}
	if err := checkCFB(r, size); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%w: mscfb: %v", ErrPanic, p)
		}
	}()
	doc, err = mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, cfbTreeError{fmt.Errorf("%w: %w", ErrFormat, err)}
	}
	return doc, nil
}

// walkCFB calls fn for every entry of doc, checking ctx between entries.
func walkCFB(ctx context.Context, doc *mscfb.Reader, fn func(*mscfb.File) error) error {
	for i := 0; i <= identify.MaxContainerEntries; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := nextCFB(doc)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return fmt.Errorf("%w: more than %d OLE2 entries", ErrLimit, identify.MaxContainerEntries)
}

func nextCFB(doc *mscfb.Reader) (f *mscfb.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("%w: mscfb: %v", ErrPanic, p)
		}
	}()
	f, err = doc.Next()
	if err != nil && err != io.EOF {
		err = cfbTreeError{fmt.Errorf("%w: %w", ErrFormat, err)}
	}
	return f, err
}

// readCFBStream reads a stream of at most max bytes. A longer stream
// returns its first max bytes with an error wrapping ErrLimit.
// cfbReaderAt reads a stream of a compound file at offsets, turning a
// panic of mscfb into ErrPanic.
type cfbReaderAt struct{ f *mscfb.File }

func (r cfbReaderAt) ReadAt(p []byte, off int64) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("%w: mscfb: %v", ErrPanic, v)
		}
	}()
	return r.f.ReadAt(p, off)
}

func readCFBStream(f *mscfb.File, max int64) (b []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("%w: mscfb: %v", ErrPanic, p)
		}
	}()
	if f.Size <= 0 {
		return nil, nil
	}
	n := min(f.Size, max)
	buf := bytes.NewBuffer(make([]byte, 0, min(n, 64<<10)))
	if _, err := io.Copy(buf, io.LimitReader(&progressReader{r: f}, n)); err != nil && err != io.EOF {
		return buf.Bytes(), fmt.Errorf("%w: reading stream: %w", ErrFormat, err)
	}
	if f.Size > max {
		return buf.Bytes(), fmt.Errorf("%w: stream of %d bytes, %d read", ErrLimit, f.Size, max)
	}
	return buf.Bytes(), nil
}

// oleCodePages maps Windows code page numbers to their decoders. 1200
// (UTF-16LE), 1201 (UTF-16BE) and 65001 (UTF-8) are handled apart.
var oleCodePages = map[int]encoding.Encoding{
	437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852,
	855: charmap.CodePage855, 858: charmap.CodePage858, 860: charmap.CodePage860,
	862: charmap.CodePage862, 863: charmap.CodePage863, 865: charmap.CodePage865,
	866: charmap.CodePage866, 874: charmap.Windows874,
	932: japanese.ShiftJIS, 936: simplifiedchinese.GBK, 949: korean.EUCKR,
	950:  traditionalchinese.Big5,
	1250: charmap.Windows1250, 1251: charmap.Windows1251, 1252: charmap.Windows1252,
	1253: charmap.Windows1253, 1254: charmap.Windows1254, 1255: charmap.Windows1255,
	1256: charmap.Windows1256, 1257: charmap.Windows1257, 1258: charmap.Windows1258,
	10000: charmap.Macintosh, 10007: charmap.MacintoshCyrillic,
	// Office for Mac writes its East Asian code pages; each is the
	// Windows one of its script with a few Apple symbols more.
	10001: japanese.ShiftJIS, 10002: traditionalchinese.Big5,
	10003: korean.EUCKR, 10008: simplifiedchinese.GBK,
	20127: charmap.Windows1252, // US-ASCII; 1252 is a superset
	20866: charmap.KOI8R, 21866: charmap.KOI8U,
	20932: japanese.EUCJP, 51932: japanese.EUCJP,
	28591: charmap.ISO8859_1, 28592: charmap.ISO8859_2, 28593: charmap.ISO8859_3,
	28594: charmap.ISO8859_4, 28595: charmap.ISO8859_5, 28596: charmap.ISO8859_6,
	28597: charmap.ISO8859_7, 28598: charmap.ISO8859_8, 28599: charmap.ISO8859_9,
	28603: charmap.ISO8859_13, 28605: charmap.ISO8859_15,
	50220: japanese.ISO2022JP, 50221: japanese.ISO2022JP, 50222: japanese.ISO2022JP,
	51949: korean.EUCKR, 52936: simplifiedchinese.HZGB2312, 54936: simplifiedchinese.GB18030,
}

// oleKnownCodePage reports whether oleDecodeCodePage knows cp.
func oleKnownCodePage(cp int) bool {
	_, ok := oleCodePages[cp]
	return ok || cp == 1200 || cp == 1201 || cp == 65001
}

// oleDecodeCodePage decodes b from Windows code page cp to UTF-8, cut at
// the first NUL. An unknown or missing code page reads valid UTF-8 as is
// and anything else as windows-1252. The result is always valid UTF-8.
func oleDecodeCodePage(cp int, b []byte) string {
	var s string
	switch cp {
	case 1200, 1201:
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			var c uint16
			if cp == 1200 {
				c = binary.LittleEndian.Uint16(b[i:])
			} else {
				c = binary.BigEndian.Uint16(b[i:])
			}
			if c == 0 {
				break
			}
			u = append(u, c)
		}
		return string(utf16.Decode(u))
	case 65001:
		s = string(b)
	default:
		if i := bytes.IndexByte(b, 0); i >= 0 {
			b = b[:i]
		}
		enc, ok := oleCodePages[cp]
		if !ok {
			if utf8.Valid(b) {
				return string(b)
			}
			enc = charmap.Windows1252
		}
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			out = b
		}
		s = string(out)
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// progressReader fails a reader that returns no bytes and no error
// several times in a row, which would spin io.Copy forever.
type progressReader struct {
	r     io.Reader
	stuck int
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n == 0 && err == nil {
		p.stuck++
		if p.stuck > 8 {
			return 0, fmt.Errorf("%w: stream read makes no progress", ErrFormat)
		}
		return 0, nil
	}
	p.stuck = 0
	return n, err
}
