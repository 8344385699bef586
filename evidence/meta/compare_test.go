//go:build exiftool

package meta_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/exifcompare"
)

// TestCompareExiftool reads every fixture of the repository (the sample
// pack unpacked) with Extractors and with exiftool, and fails on any
// difference that is not one of exifcompare.IntendedDifferences. Run it
// with `go test -tags exiftool ./evidence/meta/` or `make compare-exiftool`.
func TestCompareExiftool(t *testing.T) {
	rep, err := exifcompare.Compare(context.Background(), []string{"../../testdata", "testdata"}, t.TempDir())
	if errors.Is(err, exifcompare.ErrNoExiftool) {
		t.Skip("exiftool not on PATH")
	}
	require.NoError(t, err)
	var table bytes.Buffer
	require.NoError(t, rep.Print(&table))
	t.Log("\n" + table.String())
	require.NotZero(t, rep.Totals.Agree, "nothing was compared")
	for _, f := range rep.Files {
		for _, c := range f.Cells {
			t.Run(f.File.Display+"/"+string(c.Field), func(t *testing.T) {
				assert.NotEqual(t, exifcompare.Differ, c.Outcome,
					"ours %q, exiftool %q (%s): not an intended difference", c.Ours, c.Exiftool, c.Tag)
			})
		}
	}
}
