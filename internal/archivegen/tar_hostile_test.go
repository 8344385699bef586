package archivegen

import (
	"archive/tar"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPAXRecord(t *testing.T) {
	for _, tc := range []struct{ k, v, want string }{
		{"path", "a", "9 path=a\n"},
		{"k", strings.Repeat("v", 93), "99 k=" + strings.Repeat("v", 93) + "\n"},
		{"k", strings.Repeat("v", 94), "101 k=" + strings.Repeat("v", 94) + "\n"},
		{"k", strings.Repeat("v", 95), "102 k=" + strings.Repeat("v", 95) + "\n"},
	} {
		assert.Equal(t, tc.want, paxRecord(tc.k, tc.v))
	}
}

// TarRaw's archives read back with archive/tar, sparse files included,
// holes as zeros.
func TestTarRawReadable(t *testing.T) {
	regions := []TarRegion{{Offset: 0, Length: 3}, {Offset: 10, Length: 3}, {Offset: 600, Length: 3},
		{Offset: 700, Length: 3}, {Offset: 800, Length: 3}, {Offset: 900, Length: 3}}
	want := make([]byte, 1000)
	for i, r := range regions {
		copy(want[r.Offset:], []byte{'a' + byte(i), 'a' + byte(i), 'a' + byte(i)})
	}
	for _, format := range []string{"gnu", "0.0", "0.1", "1.0"} {
		t.Run(format, func(t *testing.T) {
			b, err := TarRaw([]TarMember{
				{Name: "plain.txt", Data: []byte("plain\n"), PAX: []TarRecord{{"mtime", "1618191000.25"}}},
				{Name: "sparse.bin", Data: []byte("aaabbbcccdddeeefff"), Sparse: &TarSparse{Format: format, Size: 1000, Regions: regions}},
				{Name: strings.Repeat("d/", 60) + "long.txt", Data: []byte("long\n"), LongName: true},
				{Name: "link", Typeflag: tar.TypeSymlink, LongLink: strings.Repeat("t/", 60) + "target"},
			})
			require.NoError(t, err)
			assert.Zero(t, len(b)%tarRecordSize)
			tr := tar.NewReader(bytes.NewReader(b))
			for _, w := range []struct {
				name, link string
				data       []byte
			}{
				{"plain.txt", "", []byte("plain\n")},
				{"sparse.bin", "", want},
				{strings.Repeat("d/", 60) + "long.txt", "", []byte("long\n")},
				{"link", strings.Repeat("t/", 60) + "target", nil},
			} {
				h, err := tr.Next()
				require.NoError(t, err)
				assert.Equal(t, w.name, h.Name)
				assert.Equal(t, w.link, h.Linkname)
				data, err := io.ReadAll(tr)
				require.NoError(t, err)
				assert.Equal(t, len(w.data), len(data), w.name)
				assert.True(t, bytes.Equal(w.data, data) || w.data == nil, w.name)
			}
			_, err = tr.Next()
			assert.Equal(t, io.EOF, err)
		})
	}
}

// archive/tar gives up on the whole archive at each oversized header of
// TarHostile; it reads the sparse ones, holes as 2 GiB of zeros.
func TestTarHostile(t *testing.T) {
	cases, err := TarHostile(1<<20 + 1)
	require.NoError(t, err)
	names := map[string]bool{}
	for _, c := range cases {
		assert.False(t, names[c.Name], "duplicate %s", c.Name)
		names[c.Name] = true
		tr := tar.NewReader(bytes.NewReader(c.Data))
		h, err := tr.Next()
		require.NoError(t, err, c.Name)
		assert.Equal(t, "before.txt", h.Name)
		h, err = tr.Next()
		if !strings.HasPrefix(c.Name, "sparse") {
			assert.ErrorIs(t, err, tar.ErrFieldTooLong, c.Name)
			continue
		}
		require.NoError(t, err, c.Name)
		assert.Equal(t, c.Hostile, h.Name)
		assert.Equal(t, int64(2<<30), h.Size, c.Name)
	}
	_, err = TarHostile(1 << 20)
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestDamageGzip(t *testing.T) {
	gz, err := Gzip("a", DefaultTime, []byte("hello"))
	require.NoError(t, err)
	assert.Equal(t, len(gz)-8, len(DamageGzip(gz, GzipNoTrailer)))
	assert.Equal(t, gz[len(gz)-8]^1, DamageGzip(gz, GzipBadCRC)[len(gz)-8])
	assert.Equal(t, gz[len(gz)-4]^1, DamageGzip(gz, GzipBadSize)[len(gz)-4])
	assert.True(t, bytes.HasSuffix(DamageGzip(gz, GzipTrailingGarbage), []byte(GzipTrailingBytes)))
	orig := bytes.Clone(gz)
	DamageGzip(gz, GzipBadCRC)
	assert.Equal(t, orig, gz)
}
