package benchpack_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
	"github.com/proofpack/proofpack/internal/benchpack"
)

// textBombSHA256 is the SHA-256 of archivegen.TextBomb{}'s pack, the one
// BenchmarkTriageCommand caches under TextBombName. When it changes,
// the cached packs of the old layout no longer match: bump
// TextBombVersion, then this.
const textBombSHA256 = "938e0b1d5350b8de3dcf34db726d1ab33f9723dccdffe426001beffc329c9e6b"

// TestTextBombVersion pins the bytes of the benchmarks' text bomb to
// TextBombVersion, and its cache name to its fields.
func TestTextBombVersion(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	n, err := archivegen.TextBomb{}.WriteTo(&b)
	require.NoError(t, err)
	require.Equal(t, int64(b.Len()), n)
	sum := sha256.Sum256(b.Bytes())
	assert.Equal(t, textBombSHA256, hex.EncodeToString(sum[:]),
		"archivegen.TextBomb's output changed: bump benchpack.TextBombVersion (now %s) and textBombSHA256", benchpack.TextBombVersion)
	assert.Equal(t, "textbomb-v"+benchpack.TextBombVersion+"-2000x1048576-cycle1.zip", benchpack.TextBombName(archivegen.TextBomb{}))
	assert.Equal(t, benchpack.TextBombName(archivegen.TextBomb{}),
		benchpack.TextBombName(archivegen.TextBomb{Files: archivegen.DefaultTextBombFiles, FileSize: archivegen.DefaultTextBombFileSize, Cycle: 1}),
		"zero fields are their defaults")
	assert.Equal(t, "textbomb-v"+benchpack.TextBombVersion+"-3x4096-cycle120.zip",
		benchpack.TextBombName(archivegen.TextBomb{Files: 3, FileSize: 4096, Cycle: 120}))
}

// TestTextBombTriage triages a small text bomb of the benchmarks' shape:
// every log is a text item with its whole text, and none is taken for a
// duplicate.
func TestTextBombTriage(t *testing.T) {
	t.Parallel()
	const files, size = 8, 64 << 10
	pack, err := archivegen.TextBomb{Files: files, FileSize: size}.Bytes()
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "bomb.zip")
	require.NoError(t, os.WriteFile(path, pack, 0o600))
	rep, err := evidence.Analyze(context.Background(), path, evidence.Options{})
	require.NoError(t, err)
	assert.Zero(t, rep.Stats.Problems)
	assert.Equal(t, int64(files*size), rep.Stats.Bytes)
	assert.Equal(t, files, rep.Stats.ByKind["text"])
	for _, it := range rep.Items {
		if it.Kind == "text" {
			assert.Len(t, it.Text, size, it.Path)
		}
	}
}
