package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// Tar and compressed-stream cases of issue 11: a header archive/tar will
// not hold ended the walk (r08), a sparse file's holes spent the byte
// budget (r04 a), a tar.gz with a damaged end was reported clean (r09).

// itemByPath returns the report's item of that path.
func itemByPath(t *testing.T, rep *evidence.Report, path string) evidence.Item {
	t.Helper()
	for _, it := range rep.Items {
		if it.Path == path {
			return it
		}
	}
	require.Failf(t, "item not found", "no item %q in %d items", path, len(rep.Items))
	return evidence.Item{}
}

// A PAX header over 1 MiB in the middle of a tar costs its member a
// problem; the 50 members after it are triaged (r08).
func TestHostileTarBigHeader(t *testing.T) {
	var members []archivegen.TarMember
	for i := range 50 {
		members = append(members, archivegen.TarMember{Name: fmt.Sprintf("before%02d.txt", i), Data: fmt.Appendf(nil, "evidence %d\n", i)})
	}
	members = append(members, archivegen.TarMember{Name: "hostile.txt", Data: []byte("x"),
		PAX: []archivegen.TarRecord{{Key: "comment", Value: strings.Repeat("C", 2<<20)}}})
	for i := range 50 {
		members = append(members, archivegen.TarMember{Name: fmt.Sprintf("after%02d.txt", i), Data: fmt.Appendf(nil, "evidence %d\n", i)})
	}
	tar, err := archivegen.TarRaw(members)
	require.NoError(t, err)
	p := writeTemp(t, "bigpax.tar", tar)

	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", p}})
	assert.Equal(t, 0, r.Exit)
	require.NotNil(t, r.Report)
	assert.Empty(t, r.Report.Problems, "the archive is read to its end")
	assert.Len(t, r.Report.Items, 101)
	h := itemByPath(t, r.Report, "bigpax.tar!/hostile.txt")
	assert.Equal(t, []string{evidence.ProblemLimitPrefix + "header_bytes"}, problemCodes(h.Problems))
	last := itemByPath(t, r.Report, "bigpax.tar!/after49.txt")
	assert.True(t, last.Complete)
	assert.Empty(t, last.Problems)
	assert.Equal(t, sha256Hex([]byte("evidence 49\n")), last.SHA256)
}

// A 10 KiB sparse tar declaring a 2 GiB hole (GNU tar --sparse
// --format=pax) does not spend a 1 MB byte budget: the file after it is
// triaged whole (r04 a).
func TestHostileTarSparse(t *testing.T) {
	const hole = 2 << 30
	tar, err := archivegen.TarRaw([]archivegen.TarMember{
		{Name: "hole.bin", Sparse: &archivegen.TarSparse{Format: "1.0", Size: hole, Regions: []archivegen.TarRegion{{Offset: hole}}}},
		{Name: "data.bin", Data: []byte("head"), Sparse: &archivegen.TarSparse{Format: "1.0", Size: hole, Regions: []archivegen.TarRegion{{Offset: 0, Length: 4}, {Offset: hole}}}},
		{Name: "after.txt", Data: []byte("password list acme\n")},
	})
	require.NoError(t, err)
	p := writeTemp(t, "sparse.tar", tar)

	r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", "-max-total-bytes", "1MB", p}})
	assert.Equal(t, 0, r.Exit)
	require.NotNil(t, r.Report)
	assert.Empty(t, r.Report.Problems)
	h := itemByPath(t, r.Report, "sparse.tar!/hole.bin")
	assert.Equal(t, []string{evidence.ProblemSparse}, problemCodes(h.Problems))
	assert.Equal(t, int64(hole), h.DeclaredSize)
	assert.Zero(t, h.Size, "nothing is stored")
	assert.False(t, h.Complete, "the holes were not read")
	assert.Empty(t, h.SHA256, "the hash of nothing is not the file's")
	d := itemByPath(t, r.Report, "sparse.tar!/data.bin")
	assert.Equal(t, int64(4), d.Size, "the data region is read")
	assert.False(t, d.Complete)
	assert.Empty(t, d.SHA256, "the hash of the data regions is not the file's")
	after := itemByPath(t, r.Report, "sparse.tar!/after.txt")
	assert.Empty(t, after.Problems)
	assert.True(t, after.Complete)
	assert.Equal(t, "text", after.Kind)
	assert.Less(t, r.Report.Stats.Bytes, int64(1<<10), "bytes read")
}

// A tar.gz with a wrong CRC-32 or without its trailer is corrupt or
// truncated, alone and nested in a zip; so is a plain .gz; data after
// the gzip stream is noted (r09).
func TestHostileTarGzipEnd(t *testing.T) {
	tar, err := archivegen.Tar([]archivegen.File{{Name: "a.txt", Data: []byte(strings.Repeat("hello world\n", 1000))}})
	require.NoError(t, err)
	tgz, err := archivegen.Gzip("", time.Time{}, tar)
	require.NoError(t, err)
	gz, err := archivegen.Gzip("notes.txt", time.Time{}, []byte("meeting notes of Example Trading Co.\n"))
	require.NoError(t, err)
	badCRC := archivegen.DamageGzip(tgz, archivegen.GzipBadCRC)
	noTrailer := archivegen.DamageGzip(tgz, archivegen.GzipNoTrailer)

	for name, tc := range map[string]struct {
		data []byte
		code string
	}{
		"badcrc.tar.gz":    {badCRC, evidence.ProblemCorrupt},
		"notrailer.tar.gz": {noTrailer, evidence.ProblemTruncated},
	} {
		t.Run(name, func(t *testing.T) {
			p := writeTemp(t, name, tc.data)
			r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", p}})
			require.NotNil(t, r.Report)
			assert.Equal(t, []string{tc.code}, problemCodes(r.Report.Problems))
			a := itemByPath(t, r.Report, name+"!/a.txt")
			assert.True(t, a.Complete, "the member itself is whole")
		})
	}

	t.Run("nested", func(t *testing.T) {
		zip, err := archivegen.Zip([]archivegen.File{
			{Name: "x/badcrc.tar.gz", Data: badCRC},
			{Name: "x/notrailer.tar.gz", Data: noTrailer},
			{Name: "x/trailing.tar.gz", Data: archivegen.DamageGzip(tgz, archivegen.GzipTrailingGarbage)},
			{Name: "x/clean.tar.gz", Data: tgz},
			{Name: "x/notes.txt.gz", Data: archivegen.DamageGzip(gz, archivegen.GzipBadCRC)},
		}, archivegen.ZipOptions{})
		require.NoError(t, err)
		p := writeTemp(t, "nested.zip", zip)
		r := runHostile(t, hostileRun{Args: []string{"-json", "-ocr=false", p}})
		require.NotNil(t, r.Report)
		for path, want := range map[string][]string{
			"nested.zip!/x/badcrc.tar.gz":           {evidence.ProblemCorrupt},
			"nested.zip!/x/notrailer.tar.gz":        {evidence.ProblemTruncated},
			"nested.zip!/x/trailing.tar.gz":         {evidence.ProblemTrailingData},
			"nested.zip!/x/clean.tar.gz":            {},
			"nested.zip!/x/clean.tar.gz!/a.txt":     {},
			"nested.zip!/x/notes.txt.gz!/notes.txt": {evidence.ProblemCorrupt},
			"nested.zip!/x/trailing.tar.gz!/a.txt":  {},
			"nested.zip!/x/notrailer.tar.gz!/a.txt": {},
			"nested.zip!/x/badcrc.tar.gz!/a.txt":    {},
		} {
			assert.Equal(t, want, problemCodes(itemByPath(t, r.Report, path).Problems), filepath.Base(path))
		}
	})
}
