package identify

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// maxSeedSize bounds the seed files taken from testdata directories.
const maxSeedSize = 4 << 20

// addSeeds adds the table's files and every file under this package's
// testdata and the repository's testdata (if present) to f.
func addSeeds(f *testing.F) {
	for _, s := range samples(f) {
		f.Add(s.data)
	}
	for _, dir := range []string{"testdata", filepath.Join("..", "..", "testdata")} {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil || !info.Mode().IsRegular() || info.Size() > maxSeedSize {
				return nil
			}
			if b, err := os.ReadFile(path); err == nil {
				f.Add(b)
			}
			return nil
		})
	}
}

func FuzzDetect(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		got := Detect(data)
		if got.MIME == "" {
			t.Fatalf("empty MIME for %q", data[:min(len(data), 32)])
		}
		if !got.Kind.Valid() {
			t.Fatalf("invalid kind %q", got.Kind)
		}
		switch got.By {
		case ByMagic, ByText, ByNone:
		default:
			t.Fatalf("Detect returned By %q", got.By)
		}
		if (got.Charset != "") != (got.By == ByText) {
			t.Fatalf("charset %q with By %q", got.Charset, got.By)
		}
		_ = ExtMismatch("jpg", got)
	})
}

func FuzzRefine(f *testing.F) {
	addSeeds(f)
	for _, tc := range refineErrorCases(f) {
		f.Add(tc.data)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		// Refine the detected type, and force both container parsers onto
		// every input so that they see more than well-formed files.
		for _, in := range []Type{Detect(data), typeZip, typeOLE2} {
			got, err := Refine(ctx, in, bytes.NewReader(data), int64(len(data)))
			if err != nil {
				if !errors.Is(err, ErrFormat) {
					t.Fatalf("error not wrapping ErrFormat: %v", err)
				}
				if got != in {
					t.Fatalf("type changed on error: %+v -> %+v", in, got)
				}
			}
			if got.MIME == "" || !got.Kind.Valid() {
				t.Fatalf("invalid refined type %+v", got)
			}
		}
	})
}
