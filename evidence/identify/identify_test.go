package identify

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"
)

func prefixOf(b []byte) []byte {
	return b[:min(len(b), PrefixLen)]
}

func TestDetect(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			got := Detect(prefixOf(s.data))
			assert.Equal(t, s.want, got)
			assert.True(t, got.Kind.Valid())
		})
	}
}

func TestRefine(t *testing.T) {
	ctx := context.Background()
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			want := s.refined
			if want == (Type{}) {
				want = s.want
			}
			got, err := Refine(ctx, Detect(prefixOf(s.data)), bytes.NewReader(s.data), int64(len(s.data)))
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

// TestDetectCutPrefix cuts multi-byte text at every byte of a character at
// the end of the prefix: the charset must not change.
func TestDetectCutPrefix(t *testing.T) {
	long := strings.Repeat(japaneseText, 200)
	tests := []struct {
		name    string
		data    []byte
		charset string
	}{
		{"utf-8", []byte(long), CharsetUTF8},
		{"shift_jis", encode(t, japanese.ShiftJIS, long), CharsetShiftJIS},
		{"euc-jp", encode(t, japanese.EUCJP, long), CharsetEUCJP},
		{"utf-16le", utf16Bytes(long, false, true), CharsetUTF16LE},
		{"utf-16be", utf16Bytes(long, true, true), CharsetUTF16BE},
		{"utf-16le-latin", utf16Bytes(strings.Repeat("Supplier review of page 1.\n", 400), false, false), CharsetUTF16LE},
	}
	for _, tt := range tests {
		require.Greater(t, len(tt.data), PrefixLen+8)
		for cut := PrefixLen - 4; cut <= PrefixLen; cut++ {
			t.Run(tt.name+"/"+string(rune('0'+PrefixLen-cut)), func(t *testing.T) {
				got := Detect(tt.data[:cut])
				assert.Equal(t, tt.charset, got.Charset)
				assert.Equal(t, "text/plain", got.MIME)
			})
		}
	}
}

func TestDetectCutCSV(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,note\n")
	for i := 0; b.Len() < 3*PrefixLen; i++ {
		b.WriteString("1,北川花,\"multi\nline, quoted\"\n")
	}
	data := []byte(b.String())
	for cut := PrefixLen - 40; cut <= PrefixLen; cut += 3 {
		got := Detect(data[:cut])
		assert.Equal(t, "text/csv", got.MIME, "cut at %d", cut)
	}
}

func TestDetectLongPrefixIsCut(t *testing.T) {
	// Content after PrefixLen must not change the answer.
	data := append(bytes.Repeat([]byte("plain words\n"), PrefixLen/12+1), garbage(1000)...)
	assert.Equal(t, Detect(data[:PrefixLen]), Detect(data))
}

func TestDetectEmpty(t *testing.T) {
	got := Detect(nil)
	assert.Equal(t, MIMEOctetStream, got.MIME)
	assert.Equal(t, KindOther, got.Kind)
	assert.Equal(t, ByNone, got.By)
}

func TestDeclaredExt(t *testing.T) {
	tests := []struct{ name, want string }{
		{"a.tar.gz", "tar.gz"},
		{"x.TGZ", "tgz"},
		{"dir/sub/photo.JPG", "jpg"},
		{`C:\Users\hana\見積書.xlsx`, "xlsx"},
		{"docs\\report.final.pdf", "pdf"},
		{"README", ""},
		{".profile", ""},
		{"dir.d/file", ""},
		{"invoice.pdf   ", "pdf"},
		{"invoice.pdf.", "pdf"},
		{"notes.tar.GZ", "tar.gz"},
		{".tar.gz", "gz"},
		{"report.final version", ""},
		{"a.verylongextensionthatisnotone", ""},
		{"", ""},
		{"archive.7z", "7z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, DeclaredExt(tt.name))
		})
	}
}

func TestExtMismatch(t *testing.T) {
	png := imageType("image/png", "png")
	jpg := imageType("image/jpeg", "jpg")
	xlsx := container(oxExcel+"sheet", "xlsx", KindSpreadsheet)
	ole := Type{MIME: MIMEOLE2, Kind: KindOther, By: ByMagic}
	enc := Type{MIME: MIMEOLE2, Kind: KindOther, By: ByContainer, Encrypted: true}
	tests := []struct {
		name     string
		declared string
		typ      Type
		want     bool
	}{
		{"jpg is png", "jpg", png, true},
		{"png is png", "png", png, false},
		{"jpeg alias", "jpeg", jpg, false},
		{"jfif alias", "jfif", jpg, false},
		{"jpe alias", "jpe", jpg, false},
		{"tiff alias", "tiff", imageType("image/tiff", "tif"), false},
		{"htm alias", "htm", textType(typeHTML, CharsetUTF8), false},
		{"log is text", "log", textType(typePlain, CharsetASCII), false},
		{"md is text", "md", textType(typePlain, CharsetASCII), false},
		{"text in a jpg", "jpg", textType(typePlain, CharsetASCII), true},
		{"tgz", "tgz", typeGzip, false},
		{"tar.gz", "tar.gz", typeGzip, false},
		{"tar.gz that is bzip2", "tar.gz", typeBzip2, true},
		{"pdf that is zip", "pdf", typeZip, true},
		{"xlsm is xlsx family", "xlsm", xlsx, false},
		{"xltx is xlsx family", "xltx", xlsx, false},
		{"docx that is xlsx", "docx", xlsx, true},
		{"csv as txt", "txt", textType(typeCSV, CharsetASCII), false},
		{"tsv as csv", "csv", textType(typeTSV, CharsetASCII), false},
		{"json as txt", "txt", textType(typeJSON, CharsetASCII), false},
		{"eml", "eml", textType(typeEmail, CharsetASCII), false},
		{"msg that is eml", "msg", textType(typeEmail, CharsetASCII), true},
		{"unrefined ole as xls", "xls", ole, false},
		{"unrefined ole as jpg", "jpg", ole, true},
		{"encrypted ole as docx", "docx", enc, false},
		{"encrypted ole as pdf", "pdf", enc, true},
		{"doc that is rtf", "doc", typeRTF, true},
		{"no declared ext", "", png, false},
		{"unknown type", "exe", unknownType, false},
		{"declared with dot and case", ".PNG", png, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ExtMismatch(tt.declared, tt.typ))
		})
	}
}

// zipWithEntryCount builds a zip whose end-of-central-directory record
// declares count entries (zip64 when count does not fit 16 bits).
func zipWithEntryCount(t testing.TB, count uint64) []byte {
	b := buildZip(t, zipEntry{name: "a.txt", body: "a"})
	eocd := bytes.LastIndex(b, []byte("PK\x05\x06"))
	if count < 0xFFFF {
		binary.LittleEndian.PutUint16(b[eocd+8:], uint16(count))
		binary.LittleEndian.PutUint16(b[eocd+10:], uint16(count))
		return b
	}
	head := append([]byte(nil), b[:eocd]...)
	tail := append([]byte(nil), b[eocd:]...)
	rec := make([]byte, 56)
	copy(rec, "PK\x06\x06")
	binary.LittleEndian.PutUint64(rec[4:], 44)
	binary.LittleEndian.PutUint64(rec[24:], count)
	binary.LittleEndian.PutUint64(rec[32:], count)
	binary.LittleEndian.PutUint64(rec[40:], uint64(binary.LittleEndian.Uint32(tail[12:])))
	binary.LittleEndian.PutUint64(rec[48:], uint64(binary.LittleEndian.Uint32(tail[16:])))
	loc := make([]byte, 20)
	copy(loc, "PK\x06\x07")
	binary.LittleEndian.PutUint64(loc[8:], uint64(len(head)))
	binary.LittleEndian.PutUint32(loc[16:], 1)
	binary.LittleEndian.PutUint16(tail[8:], 0xFFFF)
	binary.LittleEndian.PutUint16(tail[10:], 0xFFFF)
	out := append(head, rec...)
	out = append(out, loc...)
	return append(out, tail...)
}

// oleWithLongDirectory builds a compound file whose directory chain is
// longer than MaxContainerEntries allows.
func oleWithLongDirectory(t testing.TB) []byte {
	b := buildCFB(t, streams("WordDocument"))
	// Point the directory at a chain of sectors that loops forward through
	// many FAT sectors: make the FAT say every sector links to the next.
	const sectors = MaxContainerEntries/4 + 10
	fatSectors := sectors/128 + 1
	out := make([]byte, 512*(1+fatSectors+sectors))
	copy(out, b[:512])
	binary.LittleEndian.PutUint32(out[44:], uint32(fatSectors))
	binary.LittleEndian.PutUint32(out[48:], uint32(fatSectors))
	for i := 0; i < 109; i++ {
		v := uint32(0xFFFFFFFF)
		if i < fatSectors {
			v = uint32(i)
		}
		binary.LittleEndian.PutUint32(out[76+4*i:], v)
	}
	for s := 0; s < fatSectors+sectors; s++ {
		v := uint32(s + 1)
		if s < fatSectors {
			v = 0xFFFFFFFD
		}
		if s == fatSectors+sectors-1 {
			v = 0xFFFFFFFE
		}
		binary.LittleEndian.PutUint32(out[512+4*s:], v)
	}
	return out
}

// refineCase is a container Refine is given as type in, and what it must
// answer.
type refineCase struct {
	name    string
	data    []byte
	in      Type
	want    Type
	wantErr error
}

// refineErrorCases are containers at and past Refine's limits, broken,
// or with a [Content_Types].xml that is malformed or holds a DTD.
func refineErrorCases(t testing.TB) []refineCase {
	docx := buildOOXML(t, "/word/document.xml", oxWord+"document.main+xml")
	doc := buildCFB(t, streams("WordDocument"))
	return []refineCase{
		{"zip declaring too many entries", zipWithEntryCount(t, MaxContainerEntries+1), typeZip, typeZip, nil},
		{"zip64 declaring too many entries", zipWithEntryCount(t, 1<<40), typeZip, typeZip, nil},
		{"truncated zip", docx[:len(docx)/2], typeZip, typeZip, ErrFormat},
		{"zip without directory", []byte("PK\x03\x04 nothing else here"), typeZip, typeZip, ErrFormat},
		{"ole with long directory", oleWithLongDirectory(t), typeOLE2, typeOLE2, nil},
		{"truncated ole", doc[:700], typeOLE2, typeOLE2, ErrFormat},
		{"ole with bad sector size", append(append([]byte(nil), doc[:30]...), append([]byte{7, 0}, doc[32:]...)...), typeOLE2, typeOLE2, ErrFormat},
		{"not a container", []byte("hello"), typePlain, typePlain, nil},
		{"content types with a DTD", buildZip(t,
			zipEntry{name: "[Content_Types].xml", body: `<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "b">]>` + contentTypesXML("/word/document.xml", oxWord+"document.main+xml")[len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`):]},
			zipEntry{name: "word/document.xml", body: "<w/>"}), byMagic(ooxmlFormats[0].typ), byMagic(ooxmlFormats[0].typ), ErrDTD},
		{"content types not XML", buildZip(t,
			zipEntry{name: "[Content_Types].xml", body: "<Types><Override"},
			zipEntry{name: "word/document.xml", body: "<w/>"}), byMagic(ooxmlFormats[0].typ), byMagic(ooxmlFormats[0].typ), ErrDeclaration},
	}
}

func TestRefineLimitsAndErrors(t *testing.T) {
	ctx := context.Background()
	tests := refineErrorCases(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Refine(ctx, tt.in, bytes.NewReader(tt.data), int64(len(tt.data)))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				require.ErrorIs(t, err, ErrFormat, "every error of Refine wraps ErrFormat")
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestRefineCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, data := range [][]byte{buildOOXML(t, "/word/document.xml", oxWord+"document.main+xml"), buildCFB(t, streams("WordDocument"))} {
		in := Detect(data)
		got, err := Refine(ctx, in, bytes.NewReader(data), int64(len(data)))
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, in, got)
	}
}

func TestTextHelpers(t *testing.T) {
	t.Run("validUTF8Prefix", func(t *testing.T) {
		s := []byte("見積")
		for cut := 1; cut <= len(s); cut++ {
			assert.True(t, validUTF8Prefix(s[:cut]), "cut %d", cut)
		}
		assert.False(t, validUTF8Prefix([]byte("ab\xff")))
		assert.False(t, validUTF8Prefix([]byte("ab\x81\x81\x81\x81")))
	})
	t.Run("fewControls", func(t *testing.T) {
		assert.True(t, fewControls([]byte("a\tb\r\n\f\x1b[0m")))
		assert.False(t, fewControls([]byte("abc\x00")))
	})
}

func BenchmarkDetect(b *testing.B) {
	for _, s := range samples(b) {
		p := prefixOf(s.data)
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				Detect(p)
			}
		})
	}
}
