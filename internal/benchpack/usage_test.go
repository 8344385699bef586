package benchpack_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/internal/benchpack"
)

func TestTimedCommand(t *testing.T) {
	t.Parallel()
	cmd := benchpack.TimedCommand("/usr/bin/time", "/tmp/r.time", "triage", "-json", "--", "pack.zip")
	assert.Equal(t, []string{"/usr/bin/time", "-f", "%M %U %S", "-o", "/tmp/r.time", "--", "triage", "-json", "--", "pack.zip"}, cmd.Args,
		"the command's own arguments are not GNU time's")
}

func TestReadTimeReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, tt := range map[string]struct {
		report string
		want   benchpack.Usage
		err    bool
	}{
		"status 0":     {report: "2948 7.12 0.25\n", want: benchpack.Usage{PeakRSS: 2948 << 10, CPU: 7370 * time.Millisecond}},
		"status not 0": {report: "Command exited with non-zero status 3\n1548 0.00 0.01\n", want: benchpack.Usage{PeakRSS: 1548 << 10, CPU: 10 * time.Millisecond}},
		"empty":        {report: "", err: true},
		"other format": {report: "0:07.38 elapsed\n", err: true},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			require.NoError(t, os.WriteFile(path, []byte(tt.report), 0o600))
			u, err := benchpack.ReadTimeReport(path)
			if tt.err {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want.PeakRSS, u.PeakRSS)
			assert.InDelta(t, tt.want.CPU, u.CPU, float64(time.Microsecond))
		})
	}
	_, err := benchpack.ReadTimeReport(filepath.Join(dir, "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
