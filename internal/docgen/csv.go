package docgen

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"golang.org/x/text/encoding/japanese"
)

// CP932 encodes s in Shift_JIS as Windows writes it (code page 932). It
// fails when s holds a character the code page lacks.
func CP932(s string) ([]byte, error) {
	out, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("docgen: cp932: %w", err)
	}
	return out, nil
}

// CSV writes rows as comma-separated values with CRLF line ends, as Excel
// saves them. When cp932 is true the result is encoded in Shift_JIS (the
// "CSV (comma delimited)" format of Japanese Excel); otherwise it is UTF-8
// without a byte-order mark.
func CSV(rows [][]string, cp932 bool) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("docgen: csv: %w", err)
	}
	if !cp932 {
		return buf.Bytes(), nil
	}
	return CP932(buf.String())
}
