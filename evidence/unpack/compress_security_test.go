package unpack_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// A compressed stream's integrity checks (gzip's CRC-32 and size, bzip2's
// CRCs, xz's check and index) only run when the stream is read to its
// end. A tar ends before its compressor does, so the walker reads on
// after the tar: a damaged end is an error of the archive, alone or
// nested, and the members stay listed.

// damaged is one way to damage the end of a compressed tar, and the
// error the walk must end with.
type damaged struct {
	name string
	data []byte
	want error // nil: the walk ends cleanly
}

func damagedTars(t *testing.T) []damaged {
	tar := must(t)(archivegen.Tar(sampleFiles))
	gz := must(t)(archivegen.Gzip("", time.Time{}, tar))
	bz := must(t)(archivegen.Bzip2(tar))
	xz := must(t)(archivegen.Xz(tar))
	flip := func(b []byte, i int) []byte {
		b = bytes.Clone(b)
		b[i] ^= 0x10
		return b
	}
	// The tar split in two gzip members, as pigz -i or concatenated
	// gzip files make it.
	half := len(tar) / 2
	twoMembers := append(must(t)(archivegen.Gzip("", time.Time{}, tar[:half])), must(t)(archivegen.Gzip("", time.Time{}, tar[half:]))...)
	return []damaged{
		{"tar.gz", gz, nil},
		{"tar.gz two members", twoMembers, nil},
		{"tar.gz padded with zeros", append(bytes.Clone(gz), make([]byte, 4096)...), nil},
		{"tar.gz bad crc", archivegen.DamageGzip(gz, archivegen.GzipBadCRC), unpack.ErrFormat},
		{"tar.gz bad size", archivegen.DamageGzip(gz, archivegen.GzipBadSize), unpack.ErrFormat},
		{"tar.gz no trailer", archivegen.DamageGzip(gz, archivegen.GzipNoTrailer), unpack.ErrTruncated},
		{"tar.gz half a trailer", gz[:len(gz)-4], unpack.ErrTruncated},
		{"tar.gz trailing garbage", archivegen.DamageGzip(gz, archivegen.GzipTrailingGarbage), unpack.ErrTrailingData},
		{"tar.gz second member bad crc", append(bytes.Clone(gz), archivegen.DamageGzip(must(t)(archivegen.Gzip("", time.Time{}, make([]byte, 100))), archivegen.GzipBadCRC)...), unpack.ErrFormat},
		{"tar.bz2", bz, nil},
		{"tar.bz2 bad stream crc", flip(bz, len(bz)-2), unpack.ErrFormat},
		{"tar.bz2 cut", bz[:len(bz)-3], unpack.ErrTruncated},
		{"tar.bz2 trailing garbage", append(bytes.Clone(bz), "appended"...), unpack.ErrTrailingData},
		{"tar.xz", xz, nil},
		{"tar.xz bad footer", flip(xz, len(xz)-12), unpack.ErrFormat},
		{"tar.xz cut", xz[:len(xz)-12], unpack.ErrTruncated},
	}
}

func TestCompressedTarEnd(t *testing.T) {
	for _, tc := range damagedTars(t) {
		t.Run(tc.name, func(t *testing.T) {
			format := unpack.DetectFormat(tc.data)
			got, _, err := walkTar(t, format, tc.data, unpack.Options{})
			assert.Len(t, got, len(sampleFiles), "every member is listed")
			for _, e := range got {
				assert.NoError(t, e.Err, e.Name)
			}
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

// Nested in a zip, the same damage is an error of the nested archive.
func TestCompressedTarEndNested(t *testing.T) {
	cases := damagedTars(t)
	var files []archivegen.File
	for _, tc := range cases {
		files = append(files, archivegen.File{Name: "x/" + tc.name, Data: tc.data})
	}
	files = append(files, archivegen.File{Name: "after.txt", Data: []byte("after")})
	zip := must(t)(archivegen.Zip(files, archivegen.ZipOptions{}))
	got, err := walkAll(t, zip, unpack.Options{})
	require.NoError(t, err)
	m := byPath(got)
	for _, tc := range cases {
		e := m["pkg!/x/"+tc.name]
		require.NotNil(t, e, tc.name)
		if tc.want == nil {
			assert.NoError(t, e.NestedErr, tc.name)
		} else {
			assert.ErrorIs(t, e.NestedErr, tc.want, tc.name)
		}
		assert.NotNil(t, m["pkg!/x/"+tc.name+"!/docs/readme.txt"], "%s: members listed", tc.name)
	}
	assert.Equal(t, []byte("after"), m["pkg!/after.txt"].Data)
}

// A compressed single file: its checks are errors of the entry's body,
// read to its end; what follows the stream is an error of the archive.
func TestCompressedFileEnd(t *testing.T) {
	data := bytes.Repeat([]byte("2021-04-12 10:30:00 login yamada\n"), 2000)
	gz := must(t)(archivegen.Gzip("access.log", time.Time{}, data))
	bz := must(t)(archivegen.Bzip2(data))
	for _, tc := range []struct {
		name     string
		in       []byte
		want     []byte // the content read
		bodyErr  error
		walkErr  error
		complete bool
	}{
		{"gzip", gz, data, nil, nil, true},
		{"gzip two members", append(bytes.Clone(gz), must(t)(archivegen.Gzip("", time.Time{}, []byte("more\n")))...), append(bytes.Clone(data), "more\n"...), nil, nil, true},
		{"gzip bad crc", archivegen.DamageGzip(gz, archivegen.GzipBadCRC), data, unpack.ErrFormat, nil, false},
		{"gzip no trailer", archivegen.DamageGzip(gz, archivegen.GzipNoTrailer), data, unpack.ErrTruncated, nil, false},
		{"gzip trailing garbage", archivegen.DamageGzip(gz, archivegen.GzipTrailingGarbage), data, nil, unpack.ErrTrailingData, true},
		{"gzip trailing zeros", append(bytes.Clone(gz), make([]byte, 100)...), data, nil, nil, true},
		{"gzip trailing byte", append(bytes.Clone(gz), 0x1f), data, nil, unpack.ErrTrailingData, true},
		{"bzip2 trailing garbage", append(bytes.Clone(bz), "appended"...), data, nil, unpack.ErrTrailingData, true},
		{"bzip2 trailing zeros", append(bytes.Clone(bz), make([]byte, 100)...), data, nil, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := walkTar(t, unpack.DetectFormat(tc.in), tc.in, unpack.Options{})
			require.Len(t, got, 1)
			if tc.complete {
				assert.Equal(t, tc.want, got[0].Data)
			}
			if tc.bodyErr == nil {
				assert.NoError(t, got[0].Err)
			} else {
				assert.ErrorIs(t, got[0].Err, tc.bodyErr)
			}
			if tc.walkErr == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tc.walkErr)
			}
		})
	}
}

// What follows a tar inside a compressed stream is read up to 1 MiB: a
// tar.gz whose stream goes on with 4 MiB of other data after the tar is
// not decompressed to its end.
func TestCompressedTarLongTail(t *testing.T) {
	tar := must(t)(archivegen.Tar(sampleFiles))
	tail := make([]byte, 4<<20)
	_, _ = rand.NewChaCha8([32]byte{1}).Read(tail)
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	require.NoError(t, err)
	_, err = zw.Write(append(bytes.Clone(tar), tail...))
	require.NoError(t, err)
	require.NoError(t, zw.Close())

	in := &countReader{r: bytes.NewReader(gz.Bytes())}
	w := unpack.NewWalker(unpack.Options{})
	defer w.Close()
	n := 0
	err = w.WalkStream(context.Background(), unpack.Parent{Path: "pkg"}, unpack.FormatGzip, in,
		func(_ context.Context, e *unpack.Entry) error { n++; return nil })
	assert.ErrorIs(t, err, unpack.ErrTrailingData)
	assert.Equal(t, len(sampleFiles), n)
	assert.Less(t, in.n, int64(3<<19), "compressed bytes read of %d", gz.Len())
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// A compressed stream cut anywhere (inside its header, inside the
// compressed data, inside or before its trailer) is truncated: the walk
// or the entry's body says so with ErrTruncated, for a single file and
// for a tar, never a clean end. Cuts are taken in the first and last 12
// bytes, where headers and trailers are, and every 31st byte between.
func TestCompressedStreamCut(t *testing.T) {
	data := bytes.Repeat([]byte("2021-04-12 10:30:00 login yamada from 10.0.0.1\n"), 600)
	tar := must(t)(archivegen.Tar(sampleFiles))
	for _, tc := range []struct {
		name   string
		stream []byte
	}{
		{"gzip", must(t)(archivegen.Gzip("access.log", time.Time{}, data))},
		{"bzip2", must(t)(archivegen.Bzip2(data))},
		{"xz", must(t)(archivegen.Xz(data))},
		{"tar.gz", must(t)(archivegen.Gzip("", time.Time{}, tar))},
		{"tar.bz2", must(t)(archivegen.Bzip2(tar))},
		{"tar.xz", must(t)(archivegen.Xz(tar))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for n := 1; n < len(tc.stream); n++ {
				if n > 12 && n < len(tc.stream)-12 && n%31 != 0 {
					continue
				}
				cut := tc.stream[:n]
				format := unpack.DetectFormat(cut)
				if format == "" {
					continue // too short to be told from anything else
				}
				got, _, err := walkTar(t, format, cut, unpack.Options{})
				truncated := errors.Is(err, unpack.ErrTruncated)
				for _, e := range got {
					truncated = truncated || errors.Is(e.Err, unpack.ErrTruncated)
					assert.LessOrEqual(t, len(e.Data), len(data)+len(tar), "cut at %d", n)
				}
				assert.True(t, truncated, "%s cut at %d of %d: walk %v, %d entries", tc.name, n, len(tc.stream), err, len(got))
			}
		})
	}
}
