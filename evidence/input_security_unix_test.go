//go:build unix

package evidence_test

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
)

// TestNotRegular: Analyze refuses what is not a regular file without
// opening it: opening a FIFO would wait for a writer forever.
func TestNotRegular(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pack.fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	fifoLink := filepath.Join(dir, "fifo-link.zip")
	require.NoError(t, os.Symlink(fifo, fifoLink))
	regular := filepath.Join(dir, "note.txt")
	require.NoError(t, os.WriteFile(regular, []byte("a note\n"), 0o600))
	regularLink := filepath.Join(dir, "note-link.txt")
	require.NoError(t, os.Symlink(regular, regularLink))
	// A socket path must be short; t.TempDir's may not be.
	sockDir, err := os.MkdirTemp("", "pp")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	sock := filepath.Join(sockDir, "s")
	l, err := net.Listen("unix", sock)
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })

	for _, path := range []string{fifo, fifoLink, sock, os.DevNull, dir} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := evidence.Analyze(t.Context(), path, evidence.Options{TempDir: t.TempDir()})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				// A hang guard, not a measure: release an open(2) that
				// waits for a writer, and fail.
				if f, ferr := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); ferr == nil {
					f.Close()
				}
				t.Fatal("Analyze blocked on a path that is not a regular file")
			}
			assert.ErrorIs(t, err, evidence.ErrOpen)
			assert.ErrorIs(t, err, evidence.ErrNotRegular)
		})
	}
	rep, err := evidence.Analyze(t.Context(), regularLink, evidence.Options{TempDir: t.TempDir()})
	require.NoError(t, err, "a link to a regular file is read")
	assert.Equal(t, sha([]byte("a note\n")), rep.Package.SHA256)
	assert.False(t, errors.Is(err, evidence.ErrNotRegular))
}
