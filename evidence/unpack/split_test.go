package unpack_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// splitZip cuts a one-disk zip into volumes of volSize bytes
// (archivegen.SplitZip).
func splitZip(t *testing.T, one []byte, volSize int) [][]byte {
	t.Helper()
	vols, err := archivegen.SplitZip(one, volSize)
	require.NoError(t, err)
	return vols
}

// splitFiles are the entries of the split zips of the tests: enough
// data, incompressible, for several volumes of 4 KiB.
func splitFiles() []archivegen.File {
	noise := make([]byte, 10<<10)
	x := uint32(2463534242)
	for i := range noise {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		noise[i] = byte(x)
	}
	return []archivegen.File{
		{Name: "scan/noise.bin", Data: noise},
		{Name: "orders.csv", Data: bytes.Repeat([]byte("00001,Northwind Traders,12000 yen\n"), 200)},
		{Name: "readme.txt", Data: []byte("Northwind Traders export (fictional)\n")},
	}
}

func readers(vols [][]byte) ([]io.ReaderAt, []int64) {
	var rs []io.ReaderAt
	var sizes []int64
	for _, v := range vols {
		rs = append(rs, bytes.NewReader(v))
		sizes = append(sizes, int64(len(v)))
	}
	return rs, sizes
}

func TestJoinSplitZip(t *testing.T) {
	files := splitFiles()
	one, err := archivegen.Zip(files, archivegen.ZipOptions{})
	require.NoError(t, err)
	vols := splitZip(t, one, 3<<10)
	require.Equal(t, 4, len(vols), "volumes")

	// Alone, the last volume's directory points into volumes that are
	// not there: archive/zip cannot read the entries of the first.
	zr, err := zip.NewReader(bytes.NewReader(vols[3]), int64(len(vols[3])))
	if err == nil {
		rc, err := zr.File[0].Open()
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
		}
		assert.Error(t, err, "the first entry is not in the last volume")
	}

	rs, sizes := readers(vols)
	r, size, err := unpack.JoinVolumes(unpack.SplitZip, rs, sizes)
	require.NoError(t, err)
	assert.Equal(t, one, readAll(t, r, size), "the volumes end to end, less the marker, directory rebased: the zip of one disk they came from")
	require.NoError(t, iotest.TestReader(io.NewSectionReader(r, 0, size), one))
	zr, err = zip.NewReader(r, size)
	require.NoError(t, err)
	require.Len(t, zr.File, len(files))
	for i, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		got, err := io.ReadAll(rc)
		require.NoError(t, err, f.Name)
		assert.Equal(t, files[i].Data, got, f.Name)
	}
	for _, v := range vols {
		assert.NotContains(t, string(v[:min(len(v), 8)]), "\x00\x00\x00\x00\x00\x00\x00\x00", "the volumes are not changed")
	}
	assert.Equal(t, uint16(3), binary.LittleEndian.Uint16(vols[3][len(vols[3])-22+4:]), "the last volume is left as it was")
}

func readAll(t *testing.T, r io.ReaderAt, size int64) []byte {
	t.Helper()
	b := make([]byte, size)
	n, err := r.ReadAt(b, 0)
	require.NoError(t, err)
	require.Equal(t, int(size), n)
	return b
}

// TestJoinSplitZipHostile: a directory that does not hold together is an
// error, never a panic nor an allocation by a number it gives.
func TestJoinSplitZipHostile(t *testing.T) {
	one, err := archivegen.Zip(splitFiles(), archivegen.ZipOptions{})
	require.NoError(t, err)
	le := binary.LittleEndian
	tests := []struct {
		name  string
		edit  func(vols [][]byte) [][]byte
		want  error
		match string
	}{
		{"a volume missing", func(v [][]byte) [][]byte { return append(v[:1:1], v[2:]...) }, unpack.ErrFormat, "disk 4 of 4; 3 volumes given"},
		{"an entry on a volume past the last", func(v [][]byte) [][]byte {
			last := v[len(v)-1]
			dirOff := int(le.Uint32(last[len(last)-22+16:]))
			le.PutUint16(last[dirOff+34:], 7)
			return v
		}, unpack.ErrFormat, "an entry on volume 8"},
		{"an offset past its volume", func(v [][]byte) [][]byte {
			last := v[len(v)-1]
			dirOff := int(le.Uint32(last[len(last)-22+16:]))
			le.PutUint32(last[dirOff+42:], 0x7fffffff)
			return v
		}, unpack.ErrFormat, "past what was given"},
		{"a directory larger than the volume", func(v [][]byte) [][]byte {
			last := v[len(v)-1]
			le.PutUint32(last[len(last)-22+12:], 0xfffffff0)
			return v
		}, unpack.ErrFormat, "central directory past the end record"},
		{"zip64 marks", func(v [][]byte) [][]byte {
			last := v[len(v)-1]
			le.PutUint32(last[len(last)-22+16:], 0xffffffff)
			return v
		}, unpack.ErrUnsupported, "zip64"},
		{"directory starting before the last volume", func(v [][]byte) [][]byte {
			last := v[len(v)-1]
			le.PutUint16(last[len(last)-22+6:], 1)
			return v
		}, unpack.ErrUnsupported, "starts on volume 2"},
		{"a record cut short", func(v [][]byte) [][]byte {
			last := v[len(v)-1]
			size := le.Uint32(last[len(last)-22+12:])
			le.PutUint32(last[len(last)-22+12:], size+10)
			le.PutUint32(last[len(last)-22+16:], le.Uint32(last[len(last)-22+16:])-10)
			return v
		}, unpack.ErrFormat, "central directory record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vols := tt.edit(splitZip(t, bytes.Clone(one), 3<<10))
			rs, sizes := readers(vols)
			_, _, err := unpack.JoinVolumes(unpack.SplitZip, rs, sizes)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.want), "%v", err)
			assert.Contains(t, err.Error(), tt.match)
		})
	}
	_, _, err = unpack.JoinVolumes(unpack.SplitRar, []io.ReaderAt{bytes.NewReader(nil)}, []int64{0})
	assert.ErrorIs(t, err, unpack.ErrUnsupported, "RAR volumes are archives of their own")
	_, _, err = unpack.JoinVolumes(unpack.SplitZip, nil, nil)
	assert.ErrorIs(t, err, unpack.ErrFormat)
}

// TestJoinSplitSevenZip: a 7z cut into volumes is its volumes end to
// end.
func TestJoinSplitSevenZip(t *testing.T) {
	whole, err := os.ReadFile("../../testdata/archives/plain.7z")
	require.NoError(t, err)
	cut := len(whole) / 3
	vols := [][]byte{whole[:cut], whole[cut : 2*cut], whole[2*cut:]}
	rs, sizes := readers(vols)
	r, size, err := unpack.JoinVolumes(unpack.SplitSevenZip, rs, sizes)
	require.NoError(t, err)
	assert.Equal(t, whole, readAll(t, r, size))
	require.NoError(t, iotest.TestReader(io.NewSectionReader(r, 0, size), whole))
}

// rar5Main is a RAR 5 signature and main archive header with the
// archive flags given, and the volume number field when number >= 0.
func rar5Main(flags uint64, number int64) []byte {
	var body []byte
	body = binary.AppendUvarint(body, 1) // type: main archive header
	body = binary.AppendUvarint(body, 0) // header flags
	body = binary.AppendUvarint(body, flags)
	if number >= 0 {
		body = binary.AppendUvarint(body, uint64(number))
	}
	h := binary.AppendUvarint(nil, uint64(len(body)))
	out := append([]byte("Rar!\x1a\x07\x01\x00"), 0, 0, 0, 0) // CRC, not checked here
	return append(append(append(out, h...), body...), make([]byte, 32)...)
}

func TestSplitVolumeOf(t *testing.T) {
	one, err := archivegen.Zip(splitFiles(), archivegen.ZipOptions{})
	require.NoError(t, err)
	vols := splitZip(t, one, 3<<10)
	seven, err := os.ReadFile("../../testdata/archives/plain.7z")
	require.NoError(t, err)
	noise := splitFiles()[0].Data
	rar4 := append([]byte("Rar!\x1a\x07\x00"), 0, 0, 0x73, 0x01, 0x01, 13, 0)

	tests := []struct {
		name    string
		data    []byte
		want    string // SplitVolume.String(), "" for not a volume
		missing string
	}{
		{"pack.z01", vols[0], "volume 1 of a split zip", "pack.zip …"},
		{"pack.z01", noise, "", ""},
		{"pack.z02", noise, "volume 2 of a split zip", "pack.z01 pack.zip …"},
		{"dir/PACK.Z03", vols[2], "volume 3 of a split zip", "PACK.z01 PACK.z02 PACK.zip …"},
		{"pack.zip", vols[3], "the last volume (4 of 4) of a split zip", "pack.z01 pack.z02 pack.z03"},
		{"renamed.bin", vols[3], "the last volume (4 of 4) of a split zip", "renamed.bin.z01 renamed.bin.z02 renamed.bin.z03"},
		{"pack.zip", one, "", ""},
		{"pack.z0400", noise, "volume 400 of a split zip", "pack.z01 pack.z02 pack.z03 pack.z04 pack.z05 pack.z06 pack.z07 pack.z08 …"},
		{"pack.z99999", noise, "", ""},
		{"pack.7z.001", seven[:len(seven)/2], "volume 1 of a split 7z archive", "…"},
		{"pack.7z.001", seven, "", ""},
		{"pack.7z.002", noise, "volume 2 of a split 7z archive", "pack.7z.001 …"},
		{"pack.part2.rar", rar5Main(0x3, 1), "volume 2 of a multi-volume RAR archive", "pack.part1.rar …"},
		{"pack.part02.rar", rar5Main(0x3, 1), "volume 2 of a multi-volume RAR archive", "pack.part01.rar …"},
		{"pack.part1.rar", rar5Main(0x0, -1), "", ""},
		{"pack.rar", rar5Main(0x1, -1), "volume 1 of a multi-volume RAR archive", "…"},
		{"pack.r00", rar5Main(0x3, 1), "volume 2 of a multi-volume RAR archive", "pack.rar …"},
		{"pack.rar", rar5Main(0x3, 1<<60), "a volume of a multi-volume RAR archive", "…"},
		{"pack.rar", rar4, "volume 1 of a multi-volume RAR archive", "…"},
		{"pack.r05", noise, "", ""},
		{"short.z01", []byte("PK"), "", ""},
		{"empty.zip", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.name, len(tt.data)), func(t *testing.T) {
			v, ok := unpack.SplitVolumeOf(tt.name, bytes.NewReader(tt.data), int64(len(tt.data)))
			if ok && tt.name != "renamed.bin" {
				assert.True(t, unpack.SplitName(tt.name), "a volume's name passes SplitName")
			}
			if tt.want == "" {
				assert.False(t, ok, "%v", v)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.want, v.String())
			names, more := v.Missing(nil)
			if more {
				names = append(names, "…")
			}
			assert.Equal(t, tt.missing, joinSpace(names))
		})
	}
	v, ok := unpack.SplitVolumeOf("pack.zip", bytes.NewReader(vols[3]), int64(len(vols[3])))
	require.True(t, ok)
	names, more := v.Missing(func(n string) bool { return n == "pack.z02" })
	assert.Equal(t, []string{"pack.z01", "pack.z03"}, names, "volumes given are not missing")
	assert.False(t, more)
}

func joinSpace(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

// FuzzSplitVolume: any name and content: no panic, a volume number in
// range, and a bounded list of missing names; any last volume joined
// with two others: an error or a view of the size of the three.
func FuzzSplitVolume(f *testing.F) {
	one, err := archivegen.Zip(splitFiles(), archivegen.ZipOptions{})
	require.NoError(f, err)
	vols, err := archivegen.SplitZip(one, 3<<10)
	require.NoError(f, err)
	f.Add("pack.zip", vols[len(vols)-1])
	f.Add("pack.z01", vols[0])
	f.Add("pack.part2.rar", rar5Main(0x3, 1))
	f.Add("pack.7z.001", []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		v, ok := unpack.SplitVolumeOf(name, bytes.NewReader(data), int64(len(data)))
		if ok {
			if v.Number < 0 || v.Number > 65535 || v.Total < 0 || v.Total > 65535 { // names say at most 9999, a zip end record 65535
				t.Fatalf("volume %+v", v)
			}
			names, _ := v.Missing(nil)
			if len(names) > 8 {
				t.Fatalf("%d names", len(names))
			}
			_ = v.String()
		}
		rs := []io.ReaderAt{bytes.NewReader(vols[0]), bytes.NewReader(vols[1]), bytes.NewReader(data)}
		sizes := []int64{int64(len(vols[0])), int64(len(vols[1])), int64(len(data))}
		r, size, err := unpack.JoinVolumes(unpack.SplitZip, rs, sizes)
		if err != nil {
			return
		}
		if want := sizes[0] + sizes[1] + sizes[2]; size != want {
			t.Fatalf("size %d, want %d", size, want)
		}
		if zr, err := zip.NewReader(r, size); err == nil {
			for _, f := range zr.File {
				if rc, err := f.Open(); err == nil {
					io.Copy(io.Discard, io.LimitReader(rc, 1<<20))
					rc.Close()
				}
			}
		}
	})
}
