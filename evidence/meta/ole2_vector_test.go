package meta_test

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/proofpack/proofpack/evidence/meta"
)

// psVectorLPSTR is a VT_VECTOR | VT_LPSTR value as Office writes it:
// the count, then each string's byte count (with its NUL) and bytes, one
// after the other without padding ([MS-OSHARED] UnalignedLpstr). With pad
// each string is padded to 4 bytes, as [MS-OLEPS] CodePageString says.
func psVectorLPSTR(pad bool, ss ...string) []byte {
	le := binary.LittleEndian
	out := le.AppendUint32(nil, uint32(len(ss)))
	for _, s := range ss {
		out = le.AppendUint32(out, uint32(len(s)+1))
		out = append(append(out, s...), 0)
		for pad && len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// psHeadingPairs is a VT_VECTOR | VT_VARIANT value of heading pairs: each
// a VT_LPSTR heading (unpadded, as Office writes it, unless pad) and a
// VT_I4 count of parts.
func psHeadingPairs(pad bool, pairs ...any) []byte {
	le := binary.LittleEndian
	out := le.AppendUint32(nil, uint32(len(pairs)))
	for _, p := range pairs {
		switch v := p.(type) {
		case string:
			out = le.AppendUint32(out, 0x1E)
			out = le.AppendUint32(out, uint32(len(v)+1))
			out = append(append(out, v...), 0)
			for pad && len(out)%4 != 0 {
				out = append(out, 0)
			}
		case int:
			out = le.AppendUint32(out, 3)
			out = le.AppendUint32(out, uint32(v))
		}
	}
	return out
}

// psVectorLPWSTR is a VT_VECTOR | VT_LPWSTR value: each string's count of
// UTF-16 units (with its NUL), the units, and padding to 4 bytes, which
// [MS-OSHARED] Lpwstr keeps.
func psVectorLPWSTR(ss ...string) []byte {
	le := binary.LittleEndian
	out := le.AppendUint32(nil, uint32(len(ss)))
	for _, s := range ss {
		out = le.AppendUint32(out, uint32(len(s)+1))
		for _, r := range s {
			out = le.AppendUint16(out, uint16(r))
		}
		out = append(out, 0, 0)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// docSummaryWithParts is a workbook whose DocumentSummaryInformation
// holds HeadingPairs and TitlesOfParts before Company and Manager, in the
// layout pad chooses.
func docSummaryWithParts(t testing.TB, pad bool) []byte {
	dsi := propertySection([]psValue{
		{1, 2, psI2(1252)},
		{12, 0x100C, psHeadingPairs(pad, "Worksheets", 3, "Named Ranges", 1)},
		{13, 0x101E, psVectorLPSTR(pad, "Orders", "Q3", "Suppliers (EU)", "Print_Area")},
		{14, 0x1E, psString([]byte("Hana Kitagawa"))},
		{15, 0x1E, psString([]byte("Example Fibres K.K."))},
		{0x21, 0x101F, psVectorLPWSTR("Draft", "Ops")},
	})
	si := propertySection([]psValue{
		{1, 2, psI2(1252)},
		{4, 0x1E, psString([]byte("Kenji Morita"))},
	})
	return buildOLE2(t, []oleStream{
		{name: "\x05SummaryInformation", data: propertySetStream([][16]byte{fmtidSummaryBytes}, si)},
		{name: "\x05DocumentSummaryInformation", data: propertySetStream([][16]byte{fmtidDocSummaryBytes}, dsi)},
		{name: "Workbook", data: make([]byte, 64)},
	})
}

// TestOLE2Vectors reads the string vectors of DocumentSummaryInformation
// as Office writes them (strings one after the other) and as MS-OLEPS
// writes them (each padded to 4 bytes): every value comes back, and the
// property set is not called malformed.
func TestOLE2Vectors(t *testing.T) {
	for _, pad := range []bool{false, true} {
		name := "Office, unpadded"
		if pad {
			name = "MS-OLEPS, padded"
		}
		t.Run(name, func(t *testing.T) {
			res, err := extractOLE2(t, docSummaryWithParts(t, pad), "application/vnd.ms-excel")
			require.NoError(t, err)
			assert.Empty(t, res.Warnings)
			raw := res.Metadata.Raw
			assert.Equal(t, []any{"Worksheets", int64(3), "Named Ranges", int64(1)}, raw["HeadingPairs"])
			assert.Equal(t, []any{"Orders", "Q3", "Suppliers (EU)", "Print_Area"}, raw["TitlesOfParts"])
			assert.Equal(t, []any{"Draft", "Ops"}, raw["PID_0x21"])
			assert.Equal(t, "Example Fibres K.K.", res.Metadata.Organisation)
			assert.Equal(t, "Hana Kitagawa", raw["Manager"])
			assert.Equal(t, []string{"Kenji Morita"}, res.Metadata.Authors)
		})
	}
}

// TestOLE2VectorPastTheSet keeps the bounds: a string of a vector that
// claims more bytes than the set holds is malformed, the property is
// dropped with a warning, and the properties after it are still read.
func TestOLE2VectorPastTheSet(t *testing.T) {
	vec := psVectorLPSTR(false, "Orders", "Q3")
	binary.LittleEndian.PutUint32(vec[4+4+7:], 0x7FFFFFF0) // the second string's count
	dsi := propertySection([]psValue{
		{1, 2, psI2(1252)},
		{13, 0x101E, vec},
		{15, 0x1E, psString([]byte("Example Fibres K.K."))},
	})
	data := buildOLE2(t, []oleStream{
		{name: "\x05DocumentSummaryInformation", data: propertySetStream([][16]byte{fmtidDocSummaryBytes}, dsi)},
	})
	res, err := extractOLE2(t, data, "application/vnd.ms-excel")
	require.NoError(t, err)
	require.NotEmpty(t, res.Warnings)
	assert.ErrorIs(t, res.Warnings[0], meta.ErrFormat)
	assert.NotContains(t, res.Metadata.Raw, "TitlesOfParts")
	assert.Equal(t, "Example Fibres K.K.", res.Metadata.Organisation)
}

// TestOLE2MacCodePages reads property sets in the East Asian code pages
// of Office for Mac (10008: simplified Chinese) without calling them
// malformed.
func TestOLE2MacCodePages(t *testing.T) {
	gb, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("演示文稿"))
	require.NoError(t, err)
	si := propertySection([]psValue{
		{1, 2, psI2(10008)},
		{2, 0x1E, psString(append([]byte("PowerPoint "), gb...))},
		{4, 0x1E, psString([]byte("Lin Wei"))},
	})
	data := buildOLE2(t, []oleStream{
		{name: "\x05SummaryInformation", data: propertySetStream([][16]byte{fmtidSummaryBytes}, si)},
	})
	res, err := extractOLE2(t, data, "application/vnd.ms-powerpoint")
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, "PowerPoint 演示文稿", res.Metadata.Title)
}

// embeddedBeforeRoot is a document whose directory holds, before the
// document's own SummaryInformation, a storage (an embedded workbook)
// with a SummaryInformation of its own; and whose tree mscfb cannot walk
// (a left-sibling index of 0xF8000007 in the embedded storage, as in a
// fuzzed file of POI's tests).
func embeddedBeforeRoot(t testing.TB) []byte {
	summary := func(author, app string) []byte {
		return propertySetStream([][16]byte{fmtidSummaryBytes}, propertySection([]psValue{
			{1, 2, psI2(1252)}, {4, 0x1E, psString([]byte(author))}, {18, 0x1E, psString([]byte(app))},
		}))
	}
	b := buildOLE2(t, []oleStream{
		{name: "ObjectPool", data: nil},
		{name: "\x05SummaryInformation", data: summary("Someone Else", "Microsoft Excel")},
		{name: "\x05SummaryInformation", data: summary("Kenji Morita", "Microsoft Office Word")},
		{name: "WordDocument", data: make([]byte, 64)},
	})
	// Entries 1 to 4 are chained by their right siblings. Make 1 a
	// storage whose child is 2, and chain 1 to 3 directly.
	le := binary.LittleEndian
	dir := int(le.Uint32(b[48:]))
	entry := func(i int) []byte { return b[512*(dir+1)+128*i:] }
	entry(1)[66] = 1 // storage
	le.PutUint32(entry(1)[76:], 2)
	le.PutUint32(entry(1)[72:], 3)
	le.PutUint32(entry(2)[72:], oleNone)
	le.PutUint32(entry(2)[68:], 0xF8000007)
	return b
}

// TestOLE2BrokenTreeRootOnly: when the tree must be walked without mscfb,
// the property sets taken are the root storage's, never those of an
// embedded object, whatever their order on disk.
func TestOLE2BrokenTreeRootOnly(t *testing.T) {
	res, err := extractOLE2(t, embeddedBeforeRoot(t), "application/msword")
	require.NoError(t, err)
	assert.Equal(t, []string{"Kenji Morita"}, res.Metadata.Authors)
	assert.Equal(t, "Microsoft Office Word", res.Metadata.Software)
	require.NotEmpty(t, res.Warnings)
	assert.ErrorIs(t, res.Warnings[0], meta.ErrFormat)
}

// TestOLE2InvertedFormatID reads a property set whose format identifier
// has its first three fields big-endian, as some writers put it.
func TestOLE2InvertedFormatID(t *testing.T) {
	inverted := fmtidSummaryBytes
	inverted[0], inverted[1], inverted[2], inverted[3] = inverted[3], inverted[2], inverted[1], inverted[0]
	inverted[4], inverted[5], inverted[6], inverted[7] = inverted[5], inverted[4], inverted[7], inverted[6]
	si := propertySection([]psValue{{1, 2, psI2(1252)}, {4, 0x1E, psString([]byte("Hana Kitagawa"))}})
	data := buildOLE2(t, []oleStream{{name: "\x05SummaryInformation", data: propertySetStream([][16]byte{inverted}, si)}})
	res, err := extractOLE2(t, data, "application/msword")
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	assert.Equal(t, []string{"Hana Kitagawa"}, res.Metadata.Authors)
}
