package evidence_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence"
	"github.com/proofpack/proofpack/internal/archivegen"
)

// TestPasswordNeeded: a report says when nothing could be read for want
// of a password (every entry with content locked, no password or a wrong
// one), and only then: not when the password opens them, nor when
// another item could be read.
func TestPasswordNeeded(t *testing.T) {
	var minutes []archivegen.File
	for i := range 12 {
		minutes = append(minutes, archivegen.File{Name: fmt.Sprintf("board/minutes-%02d.txt", i),
			Data: fmt.Appendf(nil, "Northwind Traders board minutes, meeting %d (fictional)\n", i)})
	}
	locked := func(t *testing.T, files []archivegen.File, enc archivegen.ZipEncryption) []byte {
		b, err := archivegen.Zip(files, archivegen.ZipOptions{Encryption: enc, Password: archivegen.FixturePassword})
		require.NoError(t, err)
		return b
	}
	aes := locked(t, minutes, archivegen.AES256)
	plainPlus := func(t *testing.T, inner []byte, extra ...archivegen.File) []byte {
		b, err := archivegen.Zip(append([]archivegen.File{{Name: "sample.zip", Data: inner}}, extra...), archivegen.ZipOptions{})
		require.NoError(t, err)
		return b
	}
	rarHeaders, err := archivegen.Rar5WithOptions(minutes[:3], archivegen.Rar5Options{Password: archivegen.FixturePassword, EncryptHeaders: true})
	require.NoError(t, err)

	tests := []struct {
		name     string
		pkg      []byte
		password string
		detail   string // "" when no password_needed problem is wanted
	}{
		{"aes, no password", aes, "", "all 12 entries with content are encrypted and no password was given: nothing could be read; triage it again with the password"},
		{"zipcrypto, wrong password", locked(t, minutes, archivegen.ZipCrypto), "letmein", "all 12 entries with content are encrypted and the password given does not decrypt them"},
		{"one entry", locked(t, minutes[:1], archivegen.AES256), "", "the one entry with content is encrypted and no password was given"},
		{"the password opens them", aes, archivegen.FixturePassword, ""},
		{"nested in a plain zip", plainPlus(t, aes), "", "all 12 entries with content are encrypted"},
		{"a readable note beside", plainPlus(t, aes, archivegen.File{Name: "README.txt", Data: []byte("password on request\n")}), "", ""},
		{"rar, headers encrypted", rarHeaders, "", "the archive's headers are encrypted and no password was given: nothing could be read, not even the names of its entries"},
		{"rar, headers encrypted, wrong password", rarHeaders, "letmein", "the archive's headers are encrypted and the password given does not decrypt them"},
		{"plain", plainPlus(t, []byte("not a zip")), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, _ := analyzeBytes(t, "pack.bin", tt.pkg, evidence.Options{Password: tt.password})
			require.NotNil(t, rep)
			var got []evidence.Problem
			for _, p := range rep.Problems {
				if p.Code == evidence.ProblemPasswordNeeded {
					got = append(got, p)
				}
			}
			if tt.detail == "" {
				assert.Empty(t, got, "%+v", rep.Problems)
				return
			}
			require.Len(t, got, 1, "%+v", rep.Problems)
			assert.Contains(t, got[0].Detail, tt.detail)
			assert.Equal(t, "pack.bin", got[0].Path)
			assert.Contains(t, evidence.ProblemCodes, evidence.ProblemPasswordNeeded)
		})
	}
}
