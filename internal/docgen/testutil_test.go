package docgen

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// jst is Japan Standard Time for test fixtures.
var jst = time.FixedZone("JST", 9*60*60)

// exiftool runs `exiftool -json` on data written to a temporary file and
// returns the first object, or skips the calling test when exiftool is
// not installed.
func exiftool(t *testing.T, name string, data []byte, args ...string) map[string]any {
	bin, err := exec.LookPath("exiftool")
	if err != nil {
		t.Skip("exiftool not installed; skipping the outside check")
	}
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	cmdArgs := append([]string{"-json"}, args...)
	out, err := exec.Command(bin, append(cmdArgs, path)...).Output()
	require.NoError(t, err)
	var res []map[string]any
	require.NoError(t, json.Unmarshal(out, &res))
	require.Len(t, res, 1)
	return res[0]
}

// tool runs an external command on data written to a temporary file and
// returns its standard output, or skips when the command is missing.
func tool(t *testing.T, cmd, name string, data []byte, args ...string) string {
	bin, err := exec.LookPath(cmd)
	if err != nil {
		t.Skipf("%s not installed (Debian: poppler-utils); skipping the outside check", cmd)
	}
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	var stderr bytes.Buffer
	c := exec.Command(bin, append(args, path, "-")...)
	if cmd == "pdfinfo" {
		c = exec.Command(bin, append(args, path)...)
	}
	c.Stderr = &stderr
	out, err := c.Output()
	require.NoError(t, err, stderr.String())
	require.Empty(t, stderr.String(), "%s complained", cmd)
	return string(out)
}
