package identify

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/internal/xmltok"
)

// contentTypesSeeds are [Content_Types].xml documents: those of the office
// fixtures of package meta, and odd ones.
func contentTypesSeeds(t testing.TB) [][]byte {
	seeds := [][]byte{
		[]byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/a" ContentType="b" PartName="/c"/><x><Override PartName="/deep"/></x></Types><Override PartName="/after"/>`),
		[]byte(`<?xml version="1.0"?><!-- only a comment -->`),
		[]byte(`<Types><Override PartName="/a"></Types>`),
		[]byte(`<Types><p:Override xmlns:p="urn:p" p:PartName="/a" ContentType="c"/></Types>trailing junk <<`),
		[]byte(xlsbContentTypes),
		[]byte(`<Types><Default Extension="" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default/></Types>`),
		[]byte(`<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "b">]><Types><Override PartName="/a" ContentType="&a;"/></Types>`),
	}
	matches, err := filepath.Glob(filepath.Join("..", "meta", "testdata", "office", "*.*x"))
	require.NoError(t, err)
	for _, m := range matches {
		zr, err := zip.OpenReader(m)
		require.NoError(t, err)
		for _, f := range zr.File {
			if f.Name == "[Content_Types].xml" {
				rc, err := f.Open()
				require.NoError(t, err)
				b, err := io.ReadAll(rc)
				require.NoError(t, err)
				rc.Close()
				seeds = append(seeds, b)
			}
		}
		zr.Close()
	}
	return seeds
}

// sameAsUnmarshal holds scanContentTypes to xml.Unmarshal on doc.
func sameAsUnmarshal(t *testing.T, doc []byte) {
	if !xmltok.Supported(doc) {
		return
	}
	var want, got contentTypes
	wantErr := xml.Unmarshal(doc, &want)
	gotErr := scanContentTypes(doc, &got)
	require.Equal(t, wantErr == nil, gotErr == nil, "errors %v and %v on %q", wantErr, gotErr, doc)
	if wantErr == nil {
		require.Equal(t, want, got, "%q", doc)
	}
}

func TestScanContentTypesMatchesUnmarshal(t *testing.T) {
	seeds := contentTypesSeeds(t)
	require.Greater(t, len(seeds), 4, "the office fixtures hold [Content_Types].xml")
	for i, doc := range seeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) { sameAsUnmarshal(t, doc) })
	}
}

func FuzzScanContentTypes(f *testing.F) {
	for _, s := range contentTypesSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(sameAsUnmarshal)
}

func TestZipEntryCount(t *testing.T) {
	for _, comment := range []string{"", "short", strings.Repeat("c", 4000), strings.Repeat("PK", 30000)} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range 3 {
			w, err := zw.Create(fmt.Sprintf("f%d.txt", i))
			require.NoError(t, err)
			_, err = w.Write([]byte("x"))
			require.NoError(t, err)
		}
		require.NoError(t, zw.SetComment(comment))
		require.NoError(t, zw.Close())
		n, err := ZipEntryCount(bytes.NewReader(buf.Bytes()), int64(buf.Len()), 100)
		require.NoError(t, err, "comment of %d bytes", len(comment))
		require.Equal(t, uint64(3), n, "comment of %d bytes", len(comment))
	}
	_, err := ZipEntryCount(strings.NewReader(strings.Repeat("x", 1000)), 1000, 100)
	require.ErrorIs(t, err, ErrFormat)
}
