package meta_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/oracle"
)

// oleStream is one root-level stream of a compound file built by
// buildOLE2.
type oleStream struct {
	name string
	data []byte
}

// Compound-file constants for buildOLE2.
const (
	oleFree = 0xFFFFFFFF
	oleEnd  = 0xFFFFFFFE
	oleFAT  = 0xFFFFFFFD
	oleNone = 0xFFFFFFFF
)

// buildOLE2 writes a valid compound file (version 3, 512-byte sectors,
// one FAT sector) with the given root-level streams. Streams under 4096
// bytes go to the mini stream, as Office writes them. Siblings are chained
// through right-sibling links.
func buildOLE2(t testing.TB, streams []oleStream) []byte {
	t.Helper()
	le := binary.LittleEndian
	const ss = 512
	type entry struct {
		name        string
		typ         byte
		right       uint32
		child       uint32
		start, size uint32
	}
	entries := []entry{{name: "Root Entry", typ: 5, right: oleNone, child: oleNone, start: oleEnd}}
	var mini []byte
	var miniFAT []uint32
	type bigStream struct {
		entry int
		data  []byte
	}
	var bigs []bigStream
	for i, s := range streams {
		e := entry{name: s.name, typ: 2, right: oleNone, child: oleNone, start: oleEnd, size: uint32(len(s.data))}
		if i+1 < len(streams) {
			e.right = uint32(i + 2)
		}
		if len(s.data) >= 4096 {
			bigs = append(bigs, bigStream{len(entries), s.data})
		} else if len(s.data) > 0 {
			e.start = uint32(len(mini) / 64)
			n := (len(s.data) + 63) / 64
			for j := 0; j < n; j++ {
				next := uint32(len(miniFAT) + 1)
				if j == n-1 {
					next = oleEnd
				}
				miniFAT = append(miniFAT, next)
			}
			mini = append(mini, s.data...)
			mini = append(mini, make([]byte, n*64-len(s.data))...)
		}
		entries = append(entries, e)
	}
	if len(streams) > 0 {
		entries[0].child = 1
	}
	dirSectors := (len(entries) + 3) / 4
	miniFATSectors := (len(miniFAT)*4 + ss - 1) / ss
	miniSectors := (len(mini) + ss - 1) / ss
	total := 1 + dirSectors + miniFATSectors + miniSectors
	for _, b := range bigs {
		total += (len(b.data) + ss - 1) / ss
	}
	require.LessOrEqual(t, total, 128, "buildOLE2 supports one FAT sector")
	fat := make([]uint32, 128)
	for i := range fat {
		fat[i] = oleFree
	}
	fat[0] = oleFAT
	next := uint32(1)
	chain := func(n int) uint32 {
		if n == 0 {
			return oleEnd
		}
		start := next
		for j := 0; j < n; j++ {
			fat[next] = next + 1
			next++
		}
		fat[next-1] = oleEnd
		return start
	}
	dirStart := chain(dirSectors)
	miniFATStart := chain(miniFATSectors)
	entries[0].start = chain(miniSectors)
	entries[0].size = uint32(len(mini))
	for _, b := range bigs {
		entries[b.entry].start = chain((len(b.data) + ss - 1) / ss)
	}

	out := make([]byte, ss*(1+total))
	h := out[:ss]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1)
	le.PutUint32(h[48:], dirStart)
	le.PutUint32(h[56:], 4096)
	le.PutUint32(h[60:], miniFATStart)
	le.PutUint32(h[64:], uint32(miniFATSectors))
	le.PutUint32(h[68:], oleEnd)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[76+4*i:], oleFree)
	}
	le.PutUint32(h[76:], 0)
	sector := func(n uint32) []byte { return out[ss*(int(n)+1):] }
	for i, v := range fat {
		le.PutUint32(sector(0)[4*i:], v)
	}
	for i := 0; i < dirSectors*4; i++ {
		d := sector(dirStart)[128*i : 128*(i+1)]
		le.PutUint32(d[68:], oleNone)
		le.PutUint32(d[72:], oleNone)
		le.PutUint32(d[76:], oleNone)
		if i >= len(entries) {
			continue
		}
		e := entries[i]
		name := utf16.Encode([]rune(e.name))
		for j, u := range name {
			le.PutUint16(d[2*j:], u)
		}
		le.PutUint16(d[64:], uint16(2*len(name)+2))
		d[66] = e.typ
		d[67] = 1
		le.PutUint32(d[72:], e.right)
		le.PutUint32(d[76:], e.child)
		le.PutUint32(d[116:], e.start)
		le.PutUint32(d[120:], e.size)
	}
	for i, v := range miniFAT {
		le.PutUint32(sector(miniFATStart)[4*i:], v)
	}
	if len(mini) > 0 {
		copy(sector(entries[0].start), mini)
	}
	for _, b := range bigs {
		copy(sector(entries[b.entry].start), b.data)
	}
	return out
}

// psValue is one property of a section built by propertySet: its id,
// variant type and value bytes (without the type header).
type psValue struct {
	id  uint32
	typ uint16
	val []byte
}

// Property set writers for tests.
func psI2(v int16) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
func psI4(v int32) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(v)) }

// psString is a VT_LPSTR value: byte count with the NUL, then the bytes.
func psString(b []byte) []byte {
	b = append(append([]byte{}, b...), 0)
	return append(binary.LittleEndian.AppendUint32(nil, uint32(len(b))), b...)
}

// psFiletime is a VT_FILETIME value.
func psFiletime(t time.Time) []byte {
	ft := uint64(t.UnixNano()/100) + 116444736000000000
	return binary.LittleEndian.AppendUint64(nil, ft)
}

// propertySection encodes one property set.
func propertySection(props []psValue) []byte {
	le := binary.LittleEndian
	head := 8 + 8*len(props)
	var body []byte
	table := make([]byte, 0, 8*len(props))
	for _, p := range props {
		table = le.AppendUint32(table, p.id)
		table = le.AppendUint32(table, uint32(head+len(body)))
		body = le.AppendUint16(body, p.typ)
		body = append(body, 0, 0)
		body = append(body, p.val...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	out := le.AppendUint32(nil, uint32(head+len(body)))
	out = le.AppendUint32(out, uint32(len(props)))
	return append(append(out, table...), body...)
}

// propertySetStream encodes a stream of one or two sections; fmtids are
// the on-disk bytes of the format identifiers.
func propertySetStream(fmtids [][16]byte, sections ...[]byte) []byte {
	le := binary.LittleEndian
	out := le.AppendUint16(nil, 0xFFFE)
	out = le.AppendUint16(out, 0)
	out = le.AppendUint32(out, 0x00020006)
	out = append(out, make([]byte, 16)...)
	out = le.AppendUint32(out, uint32(len(sections)))
	off := 28 + 20*len(sections)
	for i, s := range sections {
		out = append(out, fmtids[i][:]...)
		out = le.AppendUint32(out, uint32(off))
		off += len(s)
	}
	for _, s := range sections {
		out = append(out, s...)
	}
	return out
}

// Format identifiers, in their on-disk byte order.
var (
	fmtidSummaryBytes    = [16]byte{0xE0, 0x85, 0x9F, 0xF2, 0xF9, 0x4F, 0x68, 0x10, 0xAB, 0x91, 0x08, 0x00, 0x2B, 0x27, 0xB3, 0xD9}
	fmtidDocSummaryBytes = [16]byte{0x02, 0xD5, 0xCD, 0xD5, 0x9C, 0x2E, 0x1B, 0x10, 0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE}
	fmtidUserBytes       = [16]byte{0x05, 0xD5, 0xCD, 0xD5, 0x9C, 0x2E, 0x1B, 0x10, 0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE}
)

func sjis(t testing.TB, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

// cp932Document is a Word-like compound file whose property sets are in
// code page 932, as Japanese Office writes them, with a user-defined
// property whose name is Japanese too.
func cp932Document(t testing.TB) []byte {
	t.Helper()
	created := time.Date(2021, 4, 12, 1, 30, 0, 0, time.UTC)
	saved := time.Date(2021, 4, 13, 9, 5, 0, 0, time.UTC)
	si := propertySection([]psValue{
		{1, 2, psI2(932)},
		{2, 0x1E, psString(sjis(t, "見積書 第3版"))},
		{4, 0x1E, psString(sjis(t, "北川 花"))},
		{7, 0x1E, psString(sjis(t, `\\fs01.corp.example.co.jp\テンプレート\見積.dot`))},
		{8, 0x1E, psString(sjis(t, "森田 健二"))},
		{9, 0x1E, psString([]byte("3"))},
		{10, 0x40, binary.LittleEndian.AppendUint64(nil, 90*60*10_000_000)},
		{11, 0x40, make([]byte, 8)},
		{12, 0x40, psFiletime(created)},
		{13, 0x40, psFiletime(saved)},
		{14, 3, psI4(2)},
		{18, 0x1E, psString([]byte("Microsoft Office Word"))},
	})
	// The dictionary of the user-defined section: one name, in CP932.
	name := append(sjis(t, "部署"), 0)
	dict := binary.LittleEndian.AppendUint32(nil, 1)
	dict = binary.LittleEndian.AppendUint32(dict, 2)
	dict = binary.LittleEndian.AppendUint32(dict, uint32(len(name)))
	dict = append(dict, name...)
	dsi := propertySection([]psValue{
		{1, 2, psI2(932)},
		{14, 0x1E, psString(sjis(t, "佐藤 由紀"))},
		{15, 0x1E, psString(sjis(t, "株式会社サンプル繊維"))},
		{23, 3, psI4(16<<16 | 0)},
	})
	user := propertySection([]psValue{
		{1, 2, psI2(932)},
		{2, 0x1E, psString(sjis(t, "調達部"))},
	})
	// Put the dictionary in by hand: its value has no type header.
	user = withDictionary(user, dict)
	return buildOLE2(t, []oleStream{
		{name: "\x05SummaryInformation", data: propertySetStream([][16]byte{fmtidSummaryBytes}, si)},
		{name: "\x05DocumentSummaryInformation", data: propertySetStream([][16]byte{fmtidDocSummaryBytes, fmtidUserBytes}, dsi, user)},
		{name: "WordDocument", data: bytes.Repeat([]byte{0}, 64)},
	})
}

// withDictionary adds property 0 (the dictionary) to an encoded section.
func withDictionary(sec, dict []byte) []byte {
	le := binary.LittleEndian
	n := int(le.Uint32(sec[4:]))
	// Rebuild: header, n+1 table entries, old values shifted by 8, dict.
	oldHead := 8 + 8*n
	out := le.AppendUint32(nil, 0)
	out = le.AppendUint32(out, uint32(n+1))
	for i := 0; i < n; i++ {
		out = le.AppendUint32(out, le.Uint32(sec[8+8*i:]))
		out = le.AppendUint32(out, le.Uint32(sec[12+8*i:])+8)
	}
	out = le.AppendUint32(out, 0)
	out = le.AppendUint32(out, uint32(len(sec)+8))
	out = append(out, sec[oldHead:]...)
	out = append(out, dict...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	le.PutUint32(out, uint32(len(out)))
	return out
}

func extractOLE2(t testing.TB, data []byte, mime string) (*meta.Result, error) {
	t.Helper()
	in := meta.Input{Name: "t", Type: identify.Type{MIME: mime}, R: bytes.NewReader(data), Size: int64(len(data))}
	return meta.NewOLE2().Extract(context.Background(), in, meta.Limits{})
}

func TestOLE2Files(t *testing.T) {
	tests := []struct {
		file, mime string
		want       meta.Metadata
	}{
		{"lo-memo.doc", "application/msword", meta.Metadata{
			Authors: []string{"北川 花"}, LastModifiedBy: "Kenji Morita", Organisation: "株式会社サンプル繊維",
			Created: "2021-04-12T01:30:00Z", Modified: "2021-04-13T09:05:00Z", Title: "購買依頼書 2021年4月",
		}},
		{"lo-sheet.xls", "application/vnd.ms-excel", meta.Metadata{
			Authors: []string{"北川 花"}, LastModifiedBy: "Kenji Morita", Organisation: "株式会社サンプル繊維",
			Created: "2021-04-12T01:30:00Z", Modified: "2021-04-13T09:05:00Z", Title: "Supplier list",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "ole2", tt.file)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			res, err := extractOLE2(t, data, tt.mime)
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			m := res.Metadata
			raw := m.Raw
			m.Raw = nil
			assert.Equal(t, tt.want, m)
			assert.Equal(t, `\\fs01.corp.example.co.jp\templates\memo.dotx`, raw["Template"])
			assert.Equal(t, int64(65001), raw["CodePage"])
			// LibreOffice writes the extended properties as user-defined ones.
			assert.Equal(t, map[string]any{"Department": "調達部", "OOXMLCorePropertyCategory": "Procurement",
				"Company": "株式会社サンプル繊維", "Manager": "Yuki Sato", "AppVersion": "16.0000"}, raw["UserDefined"])
			compareExiftoolOLE2(t, tt.file, data, res.Metadata, true)

			// Through Run, Harvest finds the template's server and path.
			all, err := meta.Run(context.Background(), []meta.Extractor{meta.NewOLE2()},
				meta.Input{Type: identify.Type{MIME: tt.mime}, R: bytes.NewReader(data), Size: int64(len(data))}, meta.Limits{})
			require.NoError(t, err)
			assert.Contains(t, all.Metadata.Hosts, "fs01.corp.example.co.jp")
			assert.Contains(t, all.Metadata.Paths, `\\fs01.corp.example.co.jp\templates\memo.dotx`)
		})
	}
}

func TestOLE2CodePage932(t *testing.T) {
	data := cp932Document(t)
	res, err := extractOLE2(t, data, "application/msword")
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	m := res.Metadata
	assert.Equal(t, []string{"北川 花"}, m.Authors)
	assert.Equal(t, "森田 健二", m.LastModifiedBy)
	assert.Equal(t, "株式会社サンプル繊維", m.Organisation)
	assert.Equal(t, "Microsoft Office Word", m.Software)
	assert.Equal(t, "見積書 第3版", m.Title)
	assert.Equal(t, "2021-04-12T01:30:00Z", m.Created)
	assert.Equal(t, "2021-04-13T09:05:00Z", m.Modified)
	assert.Empty(t, m.TZOffset, "FILETIMEs are UTC stamps, not the author's zone")
	assert.Equal(t, int64(5400), m.Raw["TotalEditTime"])
	assert.NotContains(t, m.Raw, "LastPrinted", "a zero FILETIME is no date")
	assert.Equal(t, "16.0000", m.Raw["AppVersion"])
	assert.Equal(t, "佐藤 由紀", m.Raw["Manager"])
	assert.Equal(t, map[string]any{"部署": "調達部"}, m.Raw["UserDefined"])
	assert.Equal(t, `\\fs01.corp.example.co.jp\テンプレート\見積.dot`, m.Raw["Template"])
	// exiftool 12 has no CP932 decoder (its FlashPix reader knows the
	// Windows single-byte code pages only) and prints "?" for each byte:
	// only the dates can be compared.
	compareExiftoolOLE2(t, "cp932.doc", data, m, false)
}

// compareExiftoolOLE2 checks the normalised fields against what
// `exiftool -json -G -n` read from the same bytes, kept in the golden
// testdata/ole2/oracle/<name>.exiftool.json.
func compareExiftoolOLE2(t *testing.T, name string, data []byte, m meta.Metadata, withText bool) {
	t.Helper()
	rec := oracle.Run(t, oracle.Spec{Tool: oracle.Exiftool, Args: []string{"-json", "-G", "-n", oracle.In},
		Name: name, Data: data, Golden: oracle.Golden(filepath.Join("testdata", "ole2", name), oracle.Exiftool, "")})
	x, err := rec.ExiftoolTags()
	require.NoError(t, err)
	str := func(k string) string {
		v, _ := x["FlashPix:"+k].(string)
		return v
	}
	// exiftool prints FILETIMEs as "2021:04:12 01:30:00", in UTC.
	date := func(k string) string {
		v := str(k)
		if len(v) < 19 {
			return ""
		}
		return strings.Replace(v[:10], ":", "-", 2) + "T" + v[11:19] + "Z"
	}
	assert.Equal(t, date("CreateDate"), m.Created, "CreateDate")
	assert.Equal(t, date("ModifyDate"), m.Modified, "ModifyDate")
	if !withText {
		return
	}
	if len(m.Authors) > 0 {
		assert.Equal(t, str("Author"), m.Authors[0], "Author")
	}
	assert.Equal(t, str("LastModifiedBy"), m.LastModifiedBy, "LastModifiedBy")
	assert.Equal(t, str("Company"), m.Organisation, "Company")
	assert.Equal(t, str("Software"), m.Software, "Software")
	assert.Equal(t, str("Title"), m.Title, "Title")
	assert.Equal(t, str("Template"), m.Raw["Template"], "Template")
}

func TestOLE2Accepts(t *testing.T) {
	ex := meta.NewOLE2()
	assert.Equal(t, "ole2", ex.Name())
	assert.Equal(t, "3", ex.Version())
	for mime, want := range map[string]bool{
		"application/msword": true, "application/vnd.ms-excel": true, "application/vnd.ms-powerpoint": true,
		identify.MIMEOLE2: true, "application/vnd.ms-outlook": false, "application/pdf": false,
	} {
		assert.Equal(t, want, ex.Accepts(identify.Type{MIME: mime}), mime)
	}
}

// hostileOLE2 returns the hostile compound files and property sets, each
// with the sentinel its error or first warning must wrap.
func hostileOLE2(t testing.TB) []struct {
	name    string
	data    []byte
	wantErr error // error of Extract
	wantW   error // a warning of the result
} {
	le := binary.LittleEndian
	good := cp932Document(t)
	mutate := func(f func(b []byte) []byte) []byte { return f(append([]byte{}, good...)) }
	withSI := func(si []byte) []byte {
		return buildOLE2(t, []oleStream{{name: "\x05SummaryInformation", data: si}})
	}
	okSection := propertySection([]psValue{{1, 2, psI2(1252)}, {2, 0x1E, psString([]byte("Quote"))}})
	hugeCount := append([]byte{}, okSection...)
	le.PutUint32(hugeCount[4:], 0xFFFFFFFF)
	pastOffset := append([]byte{}, okSection...)
	le.PutUint32(pastOffset[8+8+4:], 0x7FFFFFF0)
	hugeVector := propertySection([]psValue{{2, 0x101E, le.AppendUint32(nil, 0xFFFFFFFF)}})
	hugeString := propertySection([]psValue{{2, 0x1E, le.AppendUint32(nil, 0xFFFFFFF0)}})
	sectionOff := propertySetStream([][16]byte{fmtidSummaryBytes}, okSection)
	le.PutUint32(sectionOff[44:], 0xFFFFFFF0)
	manySets := propertySetStream([][16]byte{fmtidSummaryBytes}, okSection)
	le.PutUint32(manySets[24:], 0xFFFFFFFF)

	return []struct {
		name    string
		data    []byte
		wantErr error
		wantW   error
	}{
		{"not OLE2", []byte("plain text, no compound file here at all"), meta.ErrFormat, nil},
		{"truncated header", good[:300], meta.ErrFormat, nil},
		{"directory chain loops on itself", mutate(func(b []byte) []byte {
			dir := le.Uint32(b[48:])
			le.PutUint32(b[512+4*dir:], dir)
			return b
		}), meta.ErrFormat, nil},
		{"directory sector past the end", mutate(func(b []byte) []byte {
			le.PutUint32(b[48:], 0x00FFFFFF)
			return b
		}), meta.ErrFormat, nil},
		{"FAT count of 2^31", mutate(func(b []byte) []byte {
			le.PutUint32(b[44:], 1<<31)
			return b
		}), meta.ErrFormat, nil},
		{"mini FAT count of 2^32-1", mutate(func(b []byte) []byte {
			le.PutUint32(b[64:], 0xFFFFFFFF)
			return b
		}), meta.ErrFormat, nil},
		{"bad sector shift", mutate(func(b []byte) []byte {
			le.PutUint16(b[30:], 30)
			return b
		}), meta.ErrFormat, nil},
		// mscfb refuses the tree; the property sets are found by name,
		// and the tree is reported.
		{"directory tree loops", loopingTree(t), nil, meta.ErrFormat},
		{"tree loops and a stream claims 1 GiB", func() []byte {
			b := loopingTree(t)
			dir := int(le.Uint32(b[48:]))
			le.PutUint32(b[512*(dir+1)+128+120:], 1<<30)
			return b
		}(), nil, meta.ErrFormat},
		{"tree loops and the mini stream's chain too", func() []byte {
			b := loopingTree(t)
			dir := int(le.Uint32(b[48:]))
			root := le.Uint32(b[512*(dir+1)+116:])
			le.PutUint32(b[512+4*int(root):], root) // the FAT sends it to itself
			return b
		}(), meta.ErrFormat, nil},
		{"directory of 20 000 entries", hugeDirectory(t), meta.ErrLimit, nil},
		{"stream sector chain loops", loopingStream(t), nil, meta.ErrLimit},
		{"property count 2^32-1", withSI(propertySetStream([][16]byte{fmtidSummaryBytes}, hugeCount)), meta.ErrFormat, nil},
		{"property offset past the stream", withSI(propertySetStream([][16]byte{fmtidSummaryBytes}, pastOffset)), nil, meta.ErrFormat},
		{"section offset past the stream", withSI(sectionOff), meta.ErrFormat, nil},
		{"set count 2^32-1", withSI(manySets), meta.ErrFormat, nil},
		{"vector count 2^32-1", withSI(propertySetStream([][16]byte{fmtidSummaryBytes}, hugeVector)), nil, meta.ErrFormat},
		{"string size 2^32-16", withSI(propertySetStream([][16]byte{fmtidSummaryBytes}, hugeString)), nil, meta.ErrFormat},
		{"stream of zeros", withSI(make([]byte, 100)), meta.ErrFormat, nil},
	}
}

// loopingTree is cp932Document whose directory tree loops: the last
// stream's right sibling points back to the first.
func loopingTree(t testing.TB) []byte {
	b := cp932Document(t)
	le := binary.LittleEndian
	dir := int(le.Uint32(b[48:]))
	le.PutUint32(b[512*(dir+1)+128*3+72:], 1)
	return b
}

// TestOLE2BrokenTree reads the property sets of a compound file whose
// directory tree mscfb cannot walk (a fuzzed file of POI's tests has a
// sibling index of 0xF8000007): found by name, every value comes back,
// and the broken tree is reported.
func TestOLE2BrokenTree(t *testing.T) {
	res, err := extractOLE2(t, loopingTree(t), "application/msword")
	require.NoError(t, err)
	m := res.Metadata
	assert.Equal(t, []string{"北川 花"}, m.Authors)
	assert.Equal(t, "株式会社サンプル繊維", m.Organisation)
	assert.Equal(t, "2021-04-13T09:05:00Z", m.Modified)
	assert.Equal(t, map[string]any{"部署": "調達部"}, m.Raw["UserDefined"])
	require.NotEmpty(t, res.Warnings)
	assert.ErrorIs(t, res.Warnings[0], meta.ErrFormat)
}

// hugeDirectory is a compound file whose directory chain runs through
// 5000 sectors: 20 000 entries, past identify.MaxContainerEntries.
func hugeDirectory(t testing.TB) []byte {
	t.Helper()
	le := binary.LittleEndian
	const dirSectors = 5000
	fatSectors := (dirSectors + 40 + 127) / 128
	total := fatSectors + dirSectors
	out := make([]byte, 512*(1+total))
	copy(out, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(out[26:], 3)
	le.PutUint16(out[28:], 0xFFFE)
	le.PutUint16(out[30:], 9)
	le.PutUint16(out[32:], 6)
	le.PutUint32(out[44:], uint32(fatSectors))
	le.PutUint32(out[48:], uint32(fatSectors))
	le.PutUint32(out[60:], oleEnd)
	le.PutUint32(out[68:], oleEnd)
	for i := 0; i < 109; i++ {
		v := uint32(oleFree)
		if i < fatSectors {
			v = uint32(i)
		}
		le.PutUint32(out[76+4*i:], v)
	}
	fat := out[512 : 512*(1+fatSectors)]
	for i := 0; i < fatSectors; i++ {
		le.PutUint32(fat[4*i:], oleFAT)
	}
	for i := fatSectors; i < total; i++ {
		next := uint32(i + 1)
		if i == total-1 {
			next = oleEnd
		}
		le.PutUint32(fat[4*i:], next)
	}
	return out
}

// loopingStream is a compound file whose SummaryInformation stream says
// it is 1 GiB and whose sector chain loops back on itself.
func loopingStream(t testing.TB) []byte {
	t.Helper()
	le := binary.LittleEndian
	si := propertySetStream([][16]byte{fmtidSummaryBytes},
		propertySection([]psValue{{1, 2, psI2(1252)}, {2, 0x1E, psString([]byte("Loop"))}}))
	si = append(si, make([]byte, 4096+512-len(si))...) // a big stream of 9 sectors
	b := buildOLE2(t, []oleStream{{name: "\x05SummaryInformation", data: si}})
	dir := int(le.Uint32(b[48:]))
	e := b[512*(dir+1)+128:]
	start := le.Uint32(e[116:])
	le.PutUint32(e[120:], 1<<30)
	// The stream's last sector links back to its first.
	le.PutUint32(b[512+4*int(start+8):], start)
	return b
}

func TestOLE2Hostile(t *testing.T) {
	for _, tt := range hostileOLE2(t) {
		t.Run(tt.name, func(t *testing.T) {
			var res *meta.Result
			var err error
			in := meta.Input{Name: "t", Type: identify.Type{MIME: "application/msword"}, R: bytes.NewReader(tt.data), Size: int64(len(tt.data))}
			work := meta.MeasureWork(in, 64*in.Size+(8<<20), func(in meta.Input) {
				res, err = meta.NewOLE2().Extract(context.Background(), in, meta.Limits{})
			})
			t.Log(work)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
				require.NotNil(t, res)
				require.NotEmpty(t, res.Warnings)
				found := false
				for _, w := range res.Warnings {
					found = found || errors.Is(w, tt.wantW)
				}
				assert.True(t, found, "no warning wraps %v: %v", tt.wantW, res.Warnings)
				_, err := json.Marshal(res.Metadata)
				require.NoError(t, err)
			}
			// Sector chains that loop are cut: nothing is read again and
			// again. The 1 GiB stream is read up to the 2 MiB cap of a
			// property set stream; nothing else comes near.
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.LessOrEqual(t, work.Read, 4*in.Size+(4<<20), "bytes read")
			assert.Less(t, work.Alloc, uint64(32<<20), "bytes allocated")
		})
	}
}

func TestOLE2Cancelled(t *testing.T) {
	data := cp932Document(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := meta.NewOLE2().Extract(ctx, meta.Input{Type: identify.Type{MIME: "application/msword"},
		R: bytes.NewReader(data), Size: int64(len(data))}, meta.Limits{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestOLE2RecordLimit(t *testing.T) {
	data := cp932Document(t)
	res, err := meta.NewOLE2().Extract(context.Background(), meta.Input{Type: identify.Type{MIME: "application/msword"},
		R: bytes.NewReader(data), Size: int64(len(data))}, meta.Limits{MaxRecords: 3})
	require.NoError(t, err)
	found := false
	for _, w := range res.Warnings {
		found = found || errors.Is(w, meta.ErrLimit)
	}
	assert.True(t, found, "warnings: %v", res.Warnings)
}

func ExampleNewOLE2() {
	data, err := os.ReadFile("testdata/ole2/lo-memo.doc")
	if err != nil {
		panic(err)
	}
	in := meta.Input{Name: "lo-memo.doc", Type: identify.Type{MIME: "application/msword"},
		R: bytes.NewReader(data), Size: int64(len(data))}
	res, err := meta.Run(context.Background(), []meta.Extractor{meta.NewOLE2()}, in, meta.Limits{})
	if err != nil {
		panic(err)
	}
	m := res.Metadata
	fmt.Println(m.Authors, "/", m.Organisation)
	fmt.Println(m.Created)
	fmt.Println(m.Paths)
	// Output:
	// [北川 花] / 株式会社サンプル繊維
	// 2021-04-12T01:30:00Z
	// [\\fs01.corp.example.co.jp\templates\memo.dotx]
}
