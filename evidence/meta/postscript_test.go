package meta

import (
	"context"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// epsFile is an EPS program as drawing programs write its header.
func epsFile() []byte {
	return []byte("%!PS-Adobe-3.0 EPSF-3.0\r\n" +
		"%%Title: (Site plan \\(building C\\))\r\n" +
		"%%Creator: Example Draw 9\r\n" +
		"%%For: Kenji Morita\r\n" +
		"%%CreationDate: D:20210412103000+09'00'\r\n" +
		"%%BoundingBox: 0 0 100 100\r\n" +
		"%%EndComments\r\n" +
		"%%Title: not a header comment any more\r\n" +
		"newpath 0 0 moveto showpage\r\n")
}

// dosEPS wraps a PostScript program in DOS EPS's binary header.
func dosEPS(ps []byte) []byte {
	le := binary.LittleEndian
	out := []byte{0xC5, 0xD0, 0xD3, 0xC6}
	out = le.AppendUint32(out, postscriptDOSHeader)
	out = le.AppendUint32(out, uint32(len(ps)))
	out = append(out, make([]byte, postscriptDOSHeader-len(out))...)
	return append(out, ps...)
}

func TestPostScript(t *testing.T) {
	want := Metadata{Authors: []string{"Kenji Morita"}, Software: "Example Draw 9", Title: "Site plan (building C)",
		Created: "2021-04-12T10:30:00+09:00", TZOffset: "+09:00"}
	for name, data := range map[string][]byte{"eps": epsFile(), "dos eps": dosEPS(epsFile())} {
		t.Run(name, func(t *testing.T) {
			in := bytesInput(name, data)
			require.Equal(t, "application/postscript", in.Type.MIME)
			res, err := extractImage(t, NewPostScript(), in, Limits{})
			require.NoError(t, err)
			md := res.Metadata
			assert.Equal(t, "0 0 100 100", md.Raw["BoundingBox"])
			md.Raw = nil
			assert.Equal(t, want, md)
		})
	}
	for _, tt := range []struct {
		name string
		data []byte
		want error
	}{
		{"no header comments", []byte("%!PS-Adobe-3.0\nnewpath showpage\n"), ErrNoRecord},
		{"not PostScript", []byte("plain text"), ErrFormat},
		{"dos eps section past the file", func() []byte {
			b := dosEPS(epsFile())
			binary.LittleEndian.PutUint32(b[8:], 0xFFFFFFF0)
			return b
		}(), ErrFormat},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPostScript().Extract(context.Background(), bytesInput(tt.name, tt.data), Limits{})
			assert.ErrorIs(t, err, tt.want)
		})
	}
	for s, want := range map[string]string{
		"Fri Mar 09 20:48:32 2001":   "2001-03-09T20:48:32",
		"12/29/93 13:52:08":          "1993-12-29T13:52:08",
		"(Mon Apr 12 10:30:00 2021)": "2021-04-12T10:30:00",
	} {
		tm, zone, ok := postscriptParseDate(s)
		require.True(t, ok, s)
		assert.Equal(t, want, FormatTime(tm, zone), s)
	}
}

func FuzzPostScript(f *testing.F) {
	f.Add(epsFile())
	f.Add(dosEPS(epsFile()))
	f.Add([]byte("%!PS-Adobe-3.0\n%%For: (unclosed\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, NewPostScript(), data) })
}
