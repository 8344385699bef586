package benchpack_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/benchpack"
)

func TestCached(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "cache")
	calls := 0
	write := func(w io.Writer) (int64, error) {
		calls++
		n, err := io.WriteString(w, "pack")
		return int64(n), err
	}
	path, size, generated, err := benchpack.Cached(dir, "a.zip", write)
	require.NoError(t, err)
	assert.True(t, generated)
	assert.Equal(t, filepath.Join(dir, "a.zip"), path)
	assert.Equal(t, int64(4), size)
	path2, size2, generated, err := benchpack.Cached(dir, "a.zip", write)
	require.NoError(t, err)
	assert.False(t, generated, "served from the cache")
	assert.Equal(t, path, path2)
	assert.Equal(t, size, size2)
	assert.Equal(t, 1, calls)

	// A failed write leaves nothing behind, under the final name or
	// another.
	_, _, _, err = benchpack.Cached(dir, "b.zip", func(w io.Writer) (int64, error) {
		return benchpack.Write(&failWriter{limit: 1000}, benchpack.Options{})
	})
	require.ErrorIs(t, err, benchpack.ErrWrite)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, "a.zip", entries[0].Name())

	for _, bad := range []string{"", ".", "..", "../x.zip", "d/x.zip", ".hidden"} {
		_, _, _, err := benchpack.Cached(dir, bad, write)
		assert.Error(t, err, "%q", bad)
	}
}

func TestCacheNames(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "pack-v"+benchpack.Version+"-500000000-seed1.zip", benchpack.MixedName(benchpack.Options{Size: 500e6, Seed: 1}),
		"the name the benchmarks of package evidence give the same pack")
	assert.NotEqual(t, benchpack.DumpName(benchpack.DumpOptions{Seed: 1}), benchpack.DumpName(benchpack.DumpOptions{Seed: 2}))
	assert.NotEqual(t, benchpack.TextBombName(archivegen.TextBomb{Files: 3}), benchpack.TextBombName(archivegen.TextBomb{}))
	assert.NotEqual(t, benchpack.TextBombName(archivegen.TextBomb{Cycle: 120}), benchpack.TextBombName(archivegen.TextBomb{}))
}
