package exifcompare

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
)

func TestExiftoolDate(t *testing.T) {
	tests := []struct {
		in   string
		utc  bool
		want string
	}{
		{"2021:04:12 10:30:00+09:00", false, "2021-04-12T10:30:00+09:00"},
		{"2021:04:12 10:30:00.25+09:00", false, "2021-04-12T10:30:00.25+09:00"},
		{"2021:04:12 10:30:00Z", false, "2021-04-12T10:30:00Z"},
		{"2021:04:12 10:30:00+00:00", false, "2021-04-12T10:30:00Z"},
		{"2021:04:12 10:30:00", false, "2021-04-12T10:30:00"},
		{"2021:04:12 10:30:00", true, "2021-04-12T10:30:00Z"},
		{"2021:04:12 10:30:00-05:00", true, "2021-04-12T10:30:00-05:00"},
		{"not a date", false, "not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, exiftoolDate(tt.in, tt.utc))
		})
	}
}

func TestDateOffset(t *testing.T) {
	for in, want := range map[string]string{
		"2021:04:12 10:30:00+09:00": "+09:00", "2021:04:12 10:30:00Z": "+00:00",
		"2021:04:12 10:30:00.5-05:00": "-05:00", "2021:04:12 10:30:00": "", "": "",
	} {
		t.Run(in, func(t *testing.T) { assert.Equal(t, want, dateOffset(in)) })
	}
}

func TestParseRecords(t *testing.T) {
	data := []byte(`[{"SourceFile":"a.odt","XML:AppVersion":16.0000,"XMP:User-definedName":"AppVersion","XMP:User-defined":16.0000,` +
		`"XMP:User-definedName":"Company","XMP:User-defined":"Example Fibres K.K.","XMP:Creator":["A","B"]}]`)
	recs, err := parseRecords(data)
	require.NoError(t, err)
	require.Len(t, recs, 1)
	r := recs[0]
	assert.Equal(t, json.Number("16.0000"), r["XML:AppVersion"], "numbers keep their digits")
	assert.Equal(t, Repeated{"AppVersion", "Company"}, r["XMP:User-definedName"])
	assert.Equal(t, []string{"A", "B"}, tagStrings(r["XMP:Creator"]))

	for _, bad := range []string{``, `{}`, `[1]`, `[{"a":1}`, `[{"a":}]`} {
		t.Run(bad, func(t *testing.T) {
			_, err := parseRecords([]byte(bad))
			assert.Error(t, err)
		})
	}
}

func TestExiftoolValues(t *testing.T) {
	tests := []struct {
		name string
		fam  Family
		tags Tags
		want map[Field]string
	}{
		{
			name: "photo",
			fam:  FamilyImage,
			tags: Tags{"EXIF:Artist": "山田 太郎", "EXIF:OwnerName": "Taro Yamada", "XMP:Creator": "ignored",
				"EXIF:Make": "Canon", "EXIF:Model": "Canon EOS R5", "Composite:SubSecDateTimeOriginal": "2021:04:12 10:30:00.25+09:00",
				"EXIF:ModifyDate": "2021:04:13 08:00:00", "Composite:GPSLatitude": json.Number("35.68"),
				"Composite:GPSLongitude": json.Number("-139.7600004"), "EXIF:Copyright": "© 2021 Toray Industries, Inc."},
			want: map[Field]string{Authors: "山田 太郎; Taro Yamada", Camera: "Canon EOS R5", Created: "2021-04-12T10:30:00.25+09:00",
				Modified: "2021-04-13T08:00:00", TZOffset: "+09:00", GPSField: "35.680000,-139.760000",
				Organisation: "© 2021 Toray Industries, Inc."},
		},
		{
			name: "photo with offset tag only",
			fam:  FamilyImage,
			tags: Tags{"EXIF:DateTimeOriginal": "2021:04:12 10:30:00", "EXIF:OffsetTime": "-05:00", "EXIF:Make": "FUJIFILM", "EXIF:Model": "X-T30"},
			want: map[Field]string{Created: "2021-04-12T10:30:00", TZOffset: "-05:00", Camera: "FUJIFILM X-T30"},
		},
		{
			name: "ooxml",
			fam:  FamilyOOXML,
			tags: Tags{"XMP:Creator": "A", "XML:Application": "Microsoft Excel", "XML:AppVersion": json.Number("16.0000"),
				"XML:CreateDate": "2021:04:12 01:30:00Z", "XMP:Title": json.Number("2021")},
			want: map[Field]string{Authors: "A", Software: "Microsoft Excel 16.0000", Created: "2021-04-12T01:30:00Z",
				TZOffset: "+00:00", Title: "2021"},
		},
		{
			name: "odf company among user fields",
			fam:  FamilyODF,
			tags: Tags{"XMP:User-definedName": Repeated{"AppVersion", "Company"}, "XMP:User-defined": Repeated{json.Number("16.0000"), "Example Fibres K.K."}},
			want: map[Field]string{Organisation: "Example Fibres K.K."},
		},
		{
			name: "ole2 filetime is utc, no zone",
			fam:  FamilyOLE2,
			tags: Tags{"FlashPix:CreateDate": "2021:04:12 01:30:00", "FlashPix:Author": "北川 花"},
			want: map[Field]string{Created: "2021-04-12T01:30:00Z", Authors: "北川 花"},
		},
		{
			name: "pdf producer when no creator",
			fam:  FamilyPDF,
			tags: Tags{"PDF:Producer": "Acrobat Distiller 21.0", "XMP:CreatorTool": "ignored", "PDF:ModifyDate": "2022:02:01 04:05:09Z"},
			want: map[Field]string{Software: "Acrobat Distiller 21.0", Modified: "2022-02-01T04:05:09Z", TZOffset: "+00:00"},
		},
		{
			name: "email has no mapping",
			fam:  FamilyEmail,
			tags: Tags{"XMP:Title": "x"},
			want: map[Field]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := ExiftoolValues(tt.fam, tt.tags)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompareFile(t *testing.T) {
	f := File{Display: "x.doc", Path: "x.doc"}
	o := Ours{
		Type: identify.Type{MIME: "application/msword"},
		Metadata: meta.Metadata{Authors: []string{"北川 花"}, Title: "Memo", Created: "2021-04-12T01:30:00Z",
			Software: "Microsoft Office Word"},
	}
	tg := Tags{"FlashPix:Author": "?k?? ??", "FlashPix:Title": "Memo", "FlashPix:CreateDate": "2021:04:12 01:30:00",
		"FlashPix:Software": "Microsoft Word"}
	fr := CompareFile(f, o, tg)
	byField := map[Field]Cell{}
	for _, c := range fr.Cells {
		byField[c.Field] = c
	}
	assert.Equal(t, FamilyOLE2, fr.Family)
	assert.Equal(t, Intended, byField[Authors].Outcome)
	require.NotNil(t, byField[Authors].Why)
	assert.Equal(t, "cp932", byField[Authors].Why.Name)
	assert.Equal(t, Agree, byField[Title].Outcome)
	assert.Equal(t, Agree, byField[Created].Outcome)
	assert.Equal(t, Differ, byField[Software].Outcome)
	rep := &Report{Files: []FileResult{fr}, Totals: total([]FileResult{fr})}
	assert.Equal(t, Totals{Files: 1, FilesCompared: 1, Agree: 2, Intended: 1, Differ: 1}, rep.Totals)
	require.Len(t, rep.Unexpected(), 1)
	var buf bytes.Buffer
	require.NoError(t, rep.Print(&buf))
	assert.Contains(t, buf.String(), "1 unexpected differences")
}

func TestCP932Question(t *testing.T) {
	tests := []struct {
		ours, theirs string
		want         bool
	}{
		// 北 is 0x96 0x6B in CP932: its second byte is "k".
		{"北川 花", "?k?? ??", true},
		{"北川 花", "???? ??", false},
		// As exiftool prints the title of poi's 54880_chinese.ppt.
		{"スライド 1", "?X???C?h 1", true},
		{"株式会社ｻﾝﾌﾟﾙ", "?????????????", true},
		{"Memo 北", "Memo ?k", true},
		{"北川", "??", false},
		{"Memo", "Memo", false},
		{"Memo", "Mem?", false},
		{"\u00e9t\u00e9", "?t?", false}, // not in CP932
	}
	for _, tt := range tests {
		t.Run(tt.ours+"|"+tt.theirs, func(t *testing.T) {
			assert.Equal(t, tt.want, cp932Question(tt.ours, tt.theirs))
		})
	}
}

func TestCollectUnpacksZips(t *testing.T) {
	root := t.TempDir()
	var inner bytes.Buffer
	zw := zip.NewWriter(&inner)
	w, err := zw.Create("deep/note.txt")
	require.NoError(t, err)
	_, err = w.Write([]byte("hello"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())

	var outer bytes.Buffer
	zw = zip.NewWriter(&outer)
	for name, data := range map[string][]byte{"../../escape.png": []byte("x"), "inner.zip": inner.Bytes()} {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(filepath.Join(root, "pack.zip"), outer.Bytes(), 0o600))

	tmp := t.TempDir()
	files, err := Collect(context.Background(), []string{root}, tmp)
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.Display))
		if f.Path != filepath.Join(root, "pack.zip") {
			assert.Equal(t, tmp, filepath.Dir(f.Path), "unpacked files stay in tmp")
		}
	}
	assert.ElementsMatch(t, []string{"pack.zip", "escape.png", "inner.zip", "note.txt"}, names)
	assert.NoFileExists(t, filepath.Join(filepath.Dir(root), "escape.png"))
}

func TestSafeExt(t *testing.T) {
	for in, want := range map[string]string{
		"a/発注書.docx": ".docx", "x.PDF": ".pdf", `..\..\evil.e$e`: "", "noext": "", "a.verylongextension": "",
	} {
		t.Run(in, func(t *testing.T) { assert.Equal(t, want, safeExt(in)) })
	}
}

func TestBuildTreeDeterministic(t *testing.T) {
	fixtures, err := FixtureDir()
	require.NoError(t, err)
	a, b := t.TempDir(), t.TempDir()
	ca, err := BuildTree(a, 30, fixtures)
	require.NoError(t, err)
	_, err = BuildTree(b, 30, fixtures)
	require.NoError(t, err)
	total := 0
	for _, n := range ca {
		total += n
	}
	assert.Equal(t, 30, total)
	fa, err := treeFiles(a)
	require.NoError(t, err)
	for _, p := range fa {
		rel, err := filepath.Rel(a, p)
		require.NoError(t, err)
		da, err := os.ReadFile(p)
		require.NoError(t, err)
		db, err := os.ReadFile(filepath.Join(b, rel))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(da, db), rel)
	}
	timing, err := TimeOurs(context.Background(), a, 2)
	require.NoError(t, err)
	assert.Equal(t, 30, timing.Files)
}

// TestSameSecond: an OLE2 date we keep to the millisecond is exiftool's
// whole second when the fraction is cut off, never rounded, and only for
// the date fields.
func TestSameSecond(t *testing.T) {
	tests := []struct {
		field        Field
		ours, theirs string
		want         bool
	}{
		{Modified, "2006-07-02T17:27:50.997Z", "2006-07-02T17:27:50Z", true},
		{Created, "2019-03-20T13:43:09.25Z", "2019-03-20T13:43:09Z", true},
		{Created, "2006-07-02T17:27:50.997Z", "2006-07-02T17:27:51Z", false}, // rounded: not what exiftool does
		{Created, "2006-07-02T17:27:50Z", "2006-07-02T17:27:50Z", false},     // equal: agrees, not intended
		{Created, "2006-07-02T17:27:50.5Z", "2006-07-02T17:27:50.4Z", false},
		{Created, "2006-07-02T17:27:50.5Z", "", false},
		{Title, "2006-07-02T17:27:50.5Z", "2006-07-02T17:27:50Z", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.field)+"|"+tt.ours+"|"+tt.theirs, func(t *testing.T) {
			assert.Equal(t, tt.want, sameSecond(tt.field, tt.ours, tt.theirs))
		})
	}
	f := File{Display: "x.ppt", Path: "x.ppt"}
	o := Ours{Type: identify.Type{MIME: "application/vnd.ms-powerpoint"}, Metadata: meta.Metadata{Modified: "2006-07-02T17:27:50.997Z"}}
	fr := CompareFile(f, o, Tags{"FlashPix:ModifyDate": "2006:07:02 17:27:50"})
	require.Len(t, fr.Cells, 1)
	assert.Equal(t, Intended, fr.Cells[0].Outcome)
	assert.Equal(t, "filetime-fraction", fr.Cells[0].Why.Name)
}

// TestFiletimeZero: a date never set (a zero FILETIME) is empty on our
// side and 0 on exiftool's: intended, for the OLE2 dates only.
func TestFiletimeZero(t *testing.T) {
	f := File{Display: "x.doc", Path: "x.doc"}
	o := Ours{Type: identify.Type{MIME: "application/msword"}, Metadata: meta.Metadata{Title: "Memo"}}
	fr := CompareFile(f, o, Tags{"FlashPix:ModifyDate": "0", "FlashPix:Title": "Memo", "FlashPix:Author": "0"})
	byField := map[Field]Cell{}
	for _, c := range fr.Cells {
		byField[c.Field] = c
	}
	require.NotNil(t, byField[Modified].Why)
	assert.Equal(t, "filetime-zero", byField[Modified].Why.Name)
	assert.Equal(t, Differ, byField[Authors].Outcome, "only dates")
}

// TestLegacyAsUTF8: the title of a page in a legacy charset, which
// exiftool reads as UTF-8 with "?" for each byte that is not.
func TestLegacyAsUTF8(t *testing.T) {
	tests := []struct {
		ours, theirs string
		want         bool
	}{
		// Shift_JIS: の違い is 82 CC 88 E1 82 A2, read as ? U+0308 U+10A2.
		{"の違い", "?\u0308\u10a2", true},
		{"で shiftjis", "?? shiftjis", true},
		// EUC-JP: 日本 is C6 FC CB DC.
		{"日本", "????", true},
		// KOI8-R: Привет.
		{"Привет", "??????", true},
		{"Привет", "?????", false},
		{"Memo", "Memo", false},
		{"", "?", false},
		{"Memo", "M?mo", false},
	}
	for _, tt := range tests {
		t.Run(tt.ours+"|"+tt.theirs, func(t *testing.T) {
			assert.Equal(t, tt.want, legacyAsUTF8(tt.ours, tt.theirs))
		})
	}
}

// TestIntendedByTags: the differences that depend on what the file holds
// match only when exiftool's tags say so.
func TestIntendedByTags(t *testing.T) {
	tests := []struct {
		name string
		mime string
		ours meta.Metadata
		tags Tags
		// why names the intended difference of field, "" for none.
		field Field
		why   string
	}{
		{"word dop dates are local", "application/msword", meta.Metadata{Created: "2022-02-02T17:33:00"},
			Tags{"FlashPix:Identification": json.Number("42476"), "FlashPix:CreateDate": "2022:02:02 17:33:00"}, Created, "word-dop-local"},
		{"not without a FIB", "application/msword", meta.Metadata{Created: "2022-02-02T17:33:00"},
			Tags{"FlashPix:CreateDate": "2022:02:02 17:33:00"}, Created, ""},
		{"dop, not another time", "application/msword", meta.Metadata{Created: "2022-02-02T17:34:00"},
			Tags{"FlashPix:Identification": json.Number("42476"), "FlashPix:CreateDate": "2022:02:02 17:33:00"}, Created, ""},
		{"altitude without its reference", "image/jpeg", meta.Metadata{GPS: &meta.GPS{Lat: 34.5, Lon: 119.7, Alt: ptr(1118.4)}},
			Tags{"Composite:GPSLatitude": json.Number("34.5"), "Composite:GPSLongitude": json.Number("119.7"), "EXIF:GPSAltitude": json.Number("1118.4")},
			GPSField, "gps-altitude-ref"},
		{"not when the reference is written", "image/jpeg", meta.Metadata{GPS: &meta.GPS{Lat: 34.5, Lon: 119.7, Alt: ptr(1118.4)}},
			Tags{"Composite:GPSLatitude": json.Number("34.5"), "Composite:GPSLongitude": json.Number("119.7"), "EXIF:GPSAltitude": json.Number("1118.4"),
				"EXIF:GPSAltitudeRef": json.Number("0")}, GPSField, ""},
		{"not another position", "image/jpeg", meta.Metadata{GPS: &meta.GPS{Lat: 34.6, Lon: 119.7, Alt: ptr(1118.4)}},
			Tags{"Composite:GPSLatitude": json.Number("34.5"), "Composite:GPSLongitude": json.Number("119.7"), "EXIF:GPSAltitude": json.Number("1118.4")},
			GPSField, ""},
		{"pdf zone of hours", "application/pdf", meta.Metadata{Created: "2005-05-26T15:55:03-05:00"},
			Tags{"PDF:CreateDate": "2005:05:26 15:55:03"}, Created, "pdf-zone-hours"},
		{"not a zone of minutes", "application/pdf", meta.Metadata{Created: "2005-05-26T15:55:03+05:30"},
			Tags{"PDF:CreateDate": "2005:05:26 15:55:03"}, Created, ""},
		{"pdf, not another time", "application/pdf", meta.Metadata{Created: "2005-05-26T15:55:04-05:00"},
			Tags{"PDF:CreateDate": "2005:05:26 15:55:03"}, Created, ""},
		{"odf in utc", "application/vnd.oasis.opendocument.spreadsheet", meta.Metadata{Created: "2022-12-07T17:11:41Z"},
			Tags{"XMP:Creation-date": "2022:12:07 17:11:41Z"}, TZOffset, "odf-utc"},
		{"odf with an offset", "application/vnd.oasis.opendocument.spreadsheet", meta.Metadata{Created: "2022-12-07T17:11:41+09:00"},
			Tags{"XMP:Creation-date": "2022:12:07 17:11:41+09:00"}, TZOffset, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr := CompareFile(File{Display: "x", Path: "x"}, Ours{Type: identify.Type{MIME: tt.mime}, Metadata: tt.ours}, tt.tags)
			var cell *Cell
			for i := range fr.Cells {
				if fr.Cells[i].Field == tt.field {
					cell = &fr.Cells[i]
				}
			}
			require.NotNil(t, cell, "%+v", fr.Cells)
			if tt.why == "" {
				assert.Equal(t, Differ, cell.Outcome)
				return
			}
			assert.Equal(t, Intended, cell.Outcome)
			require.NotNil(t, cell.Why)
			assert.Equal(t, tt.why, cell.Why.Name)
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestBlankDate: EXIF's date of blanks is no value; the next tag gives
// exiftool's side.
func TestBlankDate(t *testing.T) {
	got, from := ExiftoolValues(FamilyImage, Tags{"EXIF:DateTimeOriginal": ":  :     :  :", "EXIF:CreateDate": "2003:09:10 20:59:18"})
	assert.Equal(t, "2003-09-10T20:59:18", got[Created])
	assert.Equal(t, "EXIF:CreateDate", from[Created])
	got, _ = ExiftoolValues(FamilyImage, Tags{"EXIF:DateTimeOriginal": "    :  :     :  :  "})
	assert.NotContains(t, got, Created)
	for in, want := range map[string]bool{":  :     :  :": true, "    :  :  ": true, "": false, "   ": false, "2003:09:10": false} {
		assert.Equal(t, want, blankDate(in), "%q", in)
	}
}
