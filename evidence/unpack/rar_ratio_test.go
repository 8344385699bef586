package unpack_test

import (
	"github.com/proofpack/proofpack/internal/testenv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/unpack"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestRarRatioBomb: a RAR member of 2 GiB of zeros (hand-coded, about
// 32 000:1) stops at the ratio limit once about RatioGraceBytes came out,
// counted from the packed bytes read for it, whether its header declares
// its real packed size (64 KiB, which would let 13 MiB out) or a terabyte
// (which would let it all out). The files around it are read.
func TestRarRatioBomb(t *testing.T) {
	before, after := reportFiles(0, 3), reportFiles(3, 3)
	for _, tc := range []struct {
		name     string
		declared uint64
		after    []archivegen.File
	}{
		{"declared-real", 0, after},
		{"declared-huge", 1 << 40, nil}, // its data run to the end: nothing can follow
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := must(t)(archivegen.Rar5WithZeros(before,
				archivegen.Rar5ZeroFile{Name: "zeros.bin", Size: zeroMember, DeclaredPacked: tc.declared}, tc.after))
			var got []*seen
			alloc := testenv.Allocated(func() {
				var err error
				got, err = walkAll(t, data, unpack.Options{})
				if tc.declared == 0 {
					require.NoError(t, err)
				}
			})
			checkReports(t, got, append(append([]archivegen.File{}, before...), tc.after...))
			m := byPath(got)
			bomb := m["pkg!/zeros.bin"]
			require.NotNil(t, bomb)
			requireRatio(t, bomb.Err, bomb.Name)
			assert.Less(t, bomb.N, int64(sevenZipRatioRead), "bytes read of the bomb")
			assert.Less(t, alloc, uint64(32<<20), "bytes allocated")
		})
	}
}

// rarRatioSeeds returns small versions of the RAR bombs above, for the
// fuzz targets.
func rarRatioSeeds() [][]byte {
	var out [][]byte
	for _, declared := range []uint64{0, 1 << 40} {
		b, err := archivegen.Rar5WithZeros(reportFiles(0, 1), archivegen.Rar5ZeroFile{Name: "zeros.bin", Size: 2 << 20, DeclaredPacked: declared}, nil)
		if err == nil {
			out = append(out, b)
		}
	}
	return out
}
