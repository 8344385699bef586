package archivegen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/nwaples/rardecode/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/oracle"
)

// rarFiles is the content every RAR test archives.
var rarFiles = []File{
	{Name: "docs", Mode: 1<<31 | 0o755},
	{Name: "docs/見積書.txt", Data: []byte("見積書: Example Trading Co., Ltd.\n")},
	{Name: "docs/exactly16bytes!", Data: []byte("0123456789abcdef")},
	{Name: "empty.txt"},
	{Name: "big.bin", Data: bytes.Repeat([]byte("proofpack "), 3000), Modified: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)},
	{Name: "link", Mode: 1 << 27, Link: "docs/見積書.txt"},
}

// rarEntry is what a reader sees of one RAR entry.
type rarEntry struct {
	name  string
	dir   bool
	data  string
	mtime time.Time
	link  string
}

// readRar lists and reads every entry of b with rardecode.
func readRar(b []byte, password string) ([]rarEntry, error) {
	var opts []rardecode.Option
	if password != "" {
		opts = append(opts, rardecode.Password(password))
	}
	r, err := rardecode.NewReader(bytes.NewReader(b), opts...)
	if err != nil {
		return nil, err
	}
	var out []rarEntry
	for {
		h, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return out, err
		}
		out = append(out, rarEntry{name: h.Name, dir: h.IsDir, data: string(data), mtime: h.ModificationTime, link: h.LinkTarget})
	}
}

func TestRar5(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Rar5Options
	}{
		{"plain", Rar5Options{}},
		{"encrypted-data", Rar5Options{Password: "infected", kdfLog2: 4}},
		{"encrypted-headers", Rar5Options{Password: "infected", EncryptHeaders: true, kdfLog2: 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Rar5WithOptions(rarFiles, tc.opt)
			require.NoError(t, err)
			require.True(t, bytes.HasPrefix(b, []byte(rar5Signature)))

			got, err := readRar(b, tc.opt.Password)
			require.NoError(t, err)
			require.Len(t, got, len(rarFiles))
			for i, f := range rarFiles {
				assert.Equal(t, f.Name, got[i].name)
				assert.Equal(t, f.isDir(), got[i].dir, f.Name)
				assert.Equal(t, string(f.Data), got[i].data, f.Name)
				assert.True(t, f.modified().Equal(got[i].mtime), "%s: %v", f.Name, got[i].mtime)
				assert.Equal(t, f.Link, got[i].link, f.Name)
			}

			again, err := Rar5WithOptions(rarFiles, tc.opt)
			require.NoError(t, err)
			assert.Equal(t, b, again, "output is deterministic")

			// lsar (Debian package unar) is an independent RAR5 reader; its
			// runs are kept in testdata/oracle.
			golden := func(label string) string {
				return filepath.Join("testdata", "oracle", "TestRar5."+tc.name+".a.rar."+label+".json")
			}
			args := []string{"-t", oracle.In}
			if tc.opt.Password != "" {
				args = append(args, "-p", tc.opt.Password)
			}
			rec := oracle.Run(t, oracle.Spec{Tool: oracle.Lsar, Args: args, Name: "a.rar", Data: b, Golden: golden("lsar-t")})
			require.Zero(t, rec.ExitCode, "%s%s", rec.Stdout(), rec.Stderr())
			assert.Contains(t, rec.Stdout(), fmt.Sprintf("%d passed, 0 failed", len(rarFiles)))

			if tc.opt.Password == "" {
				return
			}
			_, err = readRar(b, "wrong")
			require.ErrorIs(t, err, rardecode.ErrBadPassword)
			_, err = readRar(b, "")
			require.Error(t, err, "no password")
			rec = oracle.Run(t, oracle.Spec{Tool: oracle.Lsar, Args: []string{"-t", oracle.In, "-p", "wrong"},
				Name: "a.rar", Data: b, Golden: golden("lsar-t-wrong")})
			assert.NotZero(t, rec.ExitCode, "%s", rec.Stdout())
		})
	}
}
