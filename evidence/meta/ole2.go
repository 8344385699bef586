package meta

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/richardlehane/mscfb"

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
// Works file), or whose property sets hold no property, holds no record:
// Extract says so with ErrNoRecord.
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
	if len(raw) == 0 && len(res.Warnings) == 0 {
		// Property sets of no property (a section of none, or of the
		// behaviour flag alone) say nothing.
		return nil, fmt.Errorf("%w: ole2: property sets without a property", ErrNoRecord)
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
