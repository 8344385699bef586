package samplepack

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/proofpack/proofpack/internal/docgen"
)

// FileName is the name under which the generator writes the pack.
const FileName = "fujitsu-proofpack.zip"

// Root is the top folder of every entry in the pack.
const Root = "FJ_sample/"

// CP932EntryName is the UTF-8 form of the one entry name that is stored
// in Shift_JIS (code page 932) with the UTF-8 flag off.
const CP932EntryName = Root + "営業本部/受注一覧.txt"

// Options configures Build. The zero value uses the default font path.
type Options struct {
	// CJKFontPath is the Japanese font the screenshots are drawn with;
	// docgen.DefaultCJKFontPath when empty. Ignored when Fonts is set.
	CJKFontPath string
	// Fonts, when not nil, is used instead of loading CJKFontPath.
	Fonts *docgen.Fonts
}

// jst is Japan Standard Time, fixed so that output does not depend on the
// machine's zone database.
var jst = time.FixedZone("JST", 9*60*60)

// at returns a time in Japan on the given day of 2021.
func at(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2021, month, day, hour, minute, 0, 0, jst)
}

// entry is one file of the pack.
type entry struct {
	name     string    // UTF-8 name
	cp932    bool      // store the name in Shift_JIS with the UTF-8 flag off
	modified time.Time // archive time
	data     []byte    // nil for a directory
	store    bool      // stored, not deflated (already compressed content)
}

// Build returns the bytes of the sample proof pack.
func Build(opt Options) ([]byte, error) {
	fonts := opt.Fonts
	if fonts == nil {
		var err error
		fonts, err = docgen.LoadFonts(opt.CJKFontPath)
		if err != nil {
			return nil, fmt.Errorf("samplepack: %w", err)
		}
	}
	entries, err := buildEntries(fonts)
	if err != nil {
		return nil, fmt.Errorf("samplepack: %w", err)
	}
	out, err := writeZip(entries)
	if err != nil {
		return nil, fmt.Errorf("samplepack: %w", err)
	}
	return out, nil
}

// writeZip writes the entries in order. UTF-8 names carry the UTF-8 flag
// (bit 11) even when they are ASCII, as 7-Zip and Windows write them; the
// CP932 entry has it cleared.
func writeZip(entries []entry) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		fh := &zip.FileHeader{Name: e.name, Modified: e.modified, Method: zip.Deflate}
		if e.data == nil {
			fh.Method = zip.Store
		}
		if e.store {
			fh.Method = zip.Store
		}
		if e.cp932 {
			raw, err := docgen.CP932(e.name)
			if err != nil {
				return nil, err
			}
			fh.Name = string(raw)
			fh.NonUTF8 = true
		} else {
			fh.Flags |= 0x800
		}
		// Files made on Windows: MS-DOS attributes, "made by" FAT.
		if e.data == nil {
			fh.ExternalAttrs = 0x10 // directory
		} else {
			fh.ExternalAttrs = 0x20 // archive
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			return nil, fmt.Errorf("zip entry %s: %w", e.name, err)
		}
		if _, err := w.Write(e.data); err != nil {
			return nil, fmt.Errorf("zip entry %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("close zip: %w", err)
	}
	return buf.Bytes(), nil
}

// buildEntries makes every file of the pack, in archive order.
func buildEntries(fonts *docgen.Fonts) ([]entry, error) {
	var es []entry
	dir := func(name string, t time.Time) { es = append(es, entry{name: Root + name, modified: t}) }
	file := func(name string, t time.Time, data []byte) {
		es = append(es, entry{name: Root + name, modified: t, data: data})
	}
	image := func(name string, t time.Time, data []byte) {
		es = append(es, entry{name: Root + name, modified: t, data: data, store: true})
	}

	es = append(es, entry{name: Root, modified: at(6, 14, 2, 11)})
	file("README.txt", at(6, 14, 2, 10), []byte(sellerReadme))

	dir("screenshots/", at(6, 4, 10, 41))
	shots, err := screenshots(fonts)
	if err != nil {
		return nil, err
	}
	for _, s := range shots {
		image("screenshots/"+s.name, s.modified, s.data)
	}

	dir("docs/", at(5, 21, 9, 12))
	po, err := purchaseOrder()
	if err != nil {
		return nil, err
	}
	file("docs/発注書_FJ-2021-0412.docx", at(4, 12, 10, 5), po)
	contracts, err := contractList()
	if err != nil {
		return nil, err
	}
	file("docs/保守契約一覧.xlsx", at(5, 18, 16, 47), contracts)
	overview, err := systemOverview()
	if err != nil {
		return nil, err
	}
	file("docs/system_overview.pdf", at(4, 26, 11, 3), overview)
	invoice, err := paymentRequest()
	if err != nil {
		return nil, err
	}
	// A Word document saved under a .pdf name: the second extension
	// mismatch of the pack.
	file("docs/invoice.pdf", at(5, 21, 9, 12), invoice)

	dir("mail/", at(5, 20, 14, 5))
	mail, err := renewalMail()
	if err != nil {
		return nil, err
	}
	file("mail/RE_保守契約の更新について.eml", at(5, 20, 14, 5), mail)

	dir("data/", at(6, 2, 18, 30))
	customers, err := docgen.CSV(customerRows, true)
	if err != nil {
		return nil, err
	}
	file("data/customers_export.csv", at(6, 2, 18, 29), customers)

	// No directory entry for 営業本部: the one file below it carries its
	// name in CP932, as a Japanese Windows zip tool would have written it.
	orders, err := docgen.CP932(strings.ReplaceAll(orderList, "\n", "\r\n"))
	if err != nil {
		return nil, err
	}
	es = append(es, entry{name: CP932EntryName, cp932: true, modified: at(4, 30, 17, 1), data: orders})

	dir("backup/", at(3, 31, 23, 15))
	backup, err := oldShare()
	if err != nil {
		return nil, err
	}
	image("backup/old_share.zip", at(3, 31, 23, 14), backup)
	return es, nil
}

// sellerReadme is the note the seller put at the top of the pack.
const sellerReadme = `FUJITSU INTERNAL DATA - SAMPLE
==============================

Fujitsu internal data, 4GB total. This archive is a small sample to prove access.

Full package contains:
 - internal documents, purchase orders, contracts
 - mail spools of several departments
 - customer database exports
 - file server shares and backups

Price and contact: send PM on the forum. Escrow accepted.
Serious buyers only. No free samples beyond this one.
`
