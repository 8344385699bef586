package meta_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

// An OLE2 file whose content is encrypted says so, and one with no
// property set says it holds no record: neither comes back empty and
// silent. The streams that tell are read within a few kilobytes.

// wordFIB returns the start of a WordDocument stream: the FIB's magic and
// its flags.
func wordFIB(flags uint16) []byte {
	b := make([]byte, 64)
	binary.LittleEndian.PutUint16(b, 0xA5EC)
	binary.LittleEndian.PutUint16(b[10:], flags)
	return b
}

// biffRecords returns BIFF records of the given types, each with a few
// bytes of data.
func biffRecords(types ...uint16) []byte {
	var b []byte
	for _, typ := range types {
		b = binary.LittleEndian.AppendUint16(b, typ)
		b = binary.LittleEndian.AppendUint16(b, 4)
		b = append(b, 1, 2, 3, 4)
	}
	return b
}

// oleEncryptedCase is a compound file, the type it is given, and what the
// OLE2 extractor must say of it.
type oleEncryptedCase struct {
	name    string
	typ     identify.Type
	streams []oleStream
	want    error // the error of Extract, or nil
	warn    error // a warning beside the metadata read, or nil
}

// oleEncryptedCases are encrypted compound files, and files without
// property sets or with empty ones, of every kind the extractor tells
// apart.
func oleEncryptedCases() []oleEncryptedCase {
	summary := oleStream{name: "\x05SummaryInformation", data: propertySetStream([][16]byte{fmtidSummaryBytes},
		propertySection([]psValue{{1, 2, psI2(1252)}, {4, 0x1E, psString([]byte("Hana Kitagawa"))}}))}
	const bof, filepass, eof, other = 0x0809, 0x002F, 0x000A, 0x0042
	return []oleEncryptedCase{
		{"encrypted OOXML", identify.Type{MIME: identify.MIMEOLE2, Encrypted: true},
			[]oleStream{{"EncryptionInfo", make([]byte, 200)}, {"EncryptedPackage", make([]byte, 5000)}}, meta.ErrEncrypted, nil},
		{"RC4 CryptoAPI ppt", identify.Type{MIME: "application/vnd.ms-powerpoint"},
			[]oleStream{{"PowerPoint Document", make([]byte, 600)}, {"EncryptedSummary", make([]byte, 300)}}, meta.ErrEncrypted, nil},
		{"encrypted doc", identify.Type{MIME: "application/msword"},
			[]oleStream{{"WordDocument", wordFIB(0x0100 | 0x0200)}, {"1Table", make([]byte, 100)}}, meta.ErrEncrypted, nil},
		{"XOR workbook", identify.Type{MIME: "application/vnd.ms-excel"},
			[]oleStream{{"Workbook", biffRecords(bof, filepass, other, eof)}}, meta.ErrEncrypted, nil},
		{"encrypted workbook with its properties", identify.Type{MIME: "application/vnd.ms-excel"},
			[]oleStream{{"Workbook", biffRecords(bof, filepass, eof)}, summary}, nil, meta.ErrEncrypted},
		{"plain workbook, no properties", identify.Type{MIME: "application/vnd.ms-excel"},
			[]oleStream{{"Workbook", biffRecords(bof, other, eof, filepass)}}, meta.ErrNoRecord, nil},
		{"plain doc, no properties", identify.Type{MIME: "application/msword"},
			[]oleStream{{"WordDocument", wordFIB(0x0200)}}, meta.ErrNoRecord, nil},
		{"property set of no property", identify.Type{MIME: "application/msword"},
			[]oleStream{{"\x05SummaryInformation", propertySetStream([][16]byte{fmtidSummaryBytes}, propertySection(nil))}}, meta.ErrNoRecord, nil},
		{"property set of the behaviour flag alone", identify.Type{MIME: "application/msword"},
			[]oleStream{{"\x05SummaryInformation", propertySetStream([][16]byte{fmtidSummaryBytes},
				propertySection([]psValue{{0x80000003, 3, psI4(0)}}))}}, meta.ErrNoRecord, nil},
		{"VBA project", identify.Type{MIME: identify.MIMEOLE2},
			[]oleStream{{"PROJECT", []byte("ID=\"{00000000}\"\r\n")}, {"PROJECTwm", make([]byte, 40)}}, meta.ErrNoRecord, nil},
	}
}

func TestOLE2EncryptedAndEmpty(t *testing.T) {
	for _, tc := range oleEncryptedCases() {
		t.Run(tc.name, func(t *testing.T) {
			data := buildOLE2(t, tc.streams)
			in := meta.Input{Name: tc.name, Type: tc.typ, R: bytes.NewReader(data), Size: int64(len(data))}
			var res *meta.Result
			var err error
			work := meta.MeasureWork(in, 2*in.Size+(64<<10), func(in meta.Input) {
				res, err = meta.NewOLE2().Extract(context.Background(), in, meta.Limits{})
			})
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.Less(t, work.Alloc, uint64(1<<20), "bytes allocated")
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				assert.Nil(t, res)
				if tc.want == meta.ErrNoRecord {
					assert.False(t, errors.Is(err, meta.ErrEncrypted))
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []string{"Hana Kitagawa"}, res.Metadata.Authors)
			found := false
			for _, w := range res.Warnings {
				found = found || errors.Is(w, tc.warn)
			}
			assert.True(t, found, "a warning wraps %v: %v", tc.warn, res.Warnings)
		})
	}
}
