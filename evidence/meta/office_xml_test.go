package meta_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/proofpack/proofpack/evidence/identify"
	"github.com/proofpack/proofpack/evidence/meta"
	"github.com/proofpack/proofpack/internal/oracle"
)

// MIME types of the fixtures.
const (
	officeDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	officeXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	officePptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	officeOdt  = "application/vnd.oasis.opendocument.text"
	officeOds  = "application/vnd.oasis.opendocument.spreadsheet"
	officeOdp  = "application/vnd.oasis.opendocument.presentation"
)

// officeDir holds the office fixtures (see its README.md).
const officeDir = "testdata/office"

func officeInput(name, mime string, data []byte) meta.Input {
	return meta.Input{Name: name, Type: identify.Type{MIME: mime}, R: bytes.NewReader(data), Size: int64(len(data))}
}

func officeRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(officeDir, name))
	require.NoError(t, err)
	return data
}

// officePart is one entry of a zip built by officeZip.
type officePart struct {
	name, body string
}

// officeZip builds a zip of parts, deflated, in order.
func officeZip(t testing.TB, parts ...officePart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		require.NoError(t, err)
		_, err = w.Write([]byte(p.body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// officeExiftool returns what `exiftool -json -G -n` reports for a
// fixture, from its golden (testdata/office/oracle), as strings (numbers
// as exiftool wrote them).
func officeExiftool(t *testing.T, path string) map[string]string {
	t.Helper()
	res, err := oracle.Fixture(t, oracle.Exiftool, path, "-json", "-G", "-n", oracle.In).ExiftoolTagsNumbers()
	require.NoError(t, err)
	tags := map[string]string{}
	for k, v := range res {
		tags[k] = fmt.Sprint(v)
	}
	return tags
}

// officeExifDate turns exiftool's "2021:04:12 01:30:00Z" into the
// report's "2021-04-12T01:30:00Z".
func officeExifDate(s string) string {
	if len(s) < 19 {
		return s
	}
	return strings.ReplaceAll(s[:10], ":", "-") + "T" + s[11:]
}

// officeAgree asserts that each normalised field of m equals what
// exiftool reports under the tag mapped to it; a tag exiftool does not
// report must leave the field empty.
func officeAgree(t *testing.T, path string, m meta.Metadata, tags map[string]string) {
	t.Helper()
	et := officeExiftool(t, path)
	got := map[string]string{
		"authors":          strings.Join(m.Authors, "; "),
		"last_modified_by": m.LastModifiedBy,
		"organisation":     m.Organisation,
		"software":         m.Software,
		"created":          m.Created,
		"modified":         m.Modified,
		"title":            m.Title,
	}
	for field, tag := range tags {
		var want string
		for i, part := range strings.Split(tag, "+") {
			v, ok := et[part]
			if !ok {
				continue
			}
			if i > 0 && want != "" {
				want += " "
			}
			want += v
		}
		if field == "created" || field == "modified" {
			want = officeExifDate(want)
		}
		assert.Equal(t, want, got[field], "%s against exiftool %s", field, tag)
	}
}

// officeCheck asserts what the extraction of an office fixture must give:
// no error nor warning, the normalised fields of want, no zone (zoneWhy
// says why), the raw values, the texts in order and not the notText, an
// untruncated text, and metadata that marshals. It returns the metadata.
func officeCheck(t *testing.T, res *meta.Result, err error, want meta.Metadata, raw map[string]any, text, notText []string, zoneWhy string) meta.Metadata {
	t.Helper()
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	m := res.Metadata
	assert.Equal(t, want.Authors, m.Authors)
	assert.Equal(t, want.LastModifiedBy, m.LastModifiedBy)
	assert.Equal(t, want.Organisation, m.Organisation)
	assert.Equal(t, want.Software, m.Software)
	assert.Equal(t, want.Created, m.Created)
	assert.Equal(t, want.Modified, m.Modified)
	assert.Equal(t, want.Title, m.Title)
	assert.Empty(t, m.TZOffset, zoneWhy)
	for k, v := range raw {
		assert.Equal(t, v, m.Raw[k], "raw %s", k)
	}
	rest := res.Text
	for _, s := range text {
		i := strings.Index(rest, s)
		require.GreaterOrEqual(t, i, 0, "text %q in %q", s, res.Text)
		rest = rest[i+len(s):]
	}
	for _, s := range notText {
		assert.NotContains(t, res.Text, s)
	}
	assert.False(t, res.TextTruncated)
	_, err = json.Marshal(res.Metadata)
	require.NoError(t, err)
	return m
}

// Hostile parts shared by the OOXML and ODF tests.
const (
	officeBillionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
`
	officeCoreNS = `xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"`
	// officeUnusedDTD declares an entity that nothing uses; officeExternalDTD
	// names an external subset. Both are refused as the bomb is: the part
	// is refused for its DTD, not for what the DTD would do.
	officeUnusedDTD   = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]>`
	officeExternalDTD = `<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd">`
)

// officeUTF16 encodes an XML part in UTF-16LE with its byte order mark,
// the form that goes to encoding/xml rather than xmltok.
func officeUTF16(s string) string {
	u := utf16.Encode([]rune(s))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return string(b)
}

// officeDeep returns n nested elements.
func officeDeep(n int) string {
	return strings.Repeat("<a>", n) + strings.Repeat("</a>", n)
}

// officeManyPartsZip caches officeManyParts(100 000), slow to build
// under the race detector.
var officeManyPartsZip = sync.OnceValues(func() ([]byte, error) { return officeManyPartsBuild(100000) })

// officeManyParts returns a stored zip of n empty parts.
func officeManyParts(t testing.TB, n int) []byte {
	t.Helper()
	build := func() ([]byte, error) { return officeManyPartsBuild(n) }
	if n == 100000 {
		build = officeManyPartsZip
	}
	data, err := build()
	require.NoError(t, err)
	return data
}

func officeManyPartsBuild(n int) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("p/%d", i), Method: zip.Store}); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// officeDeclaring returns a zip whose core.xml declares size bytes
// uncompressed while holding a few.
func officeDeclaring(t testing.TB, size uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "docProps/core.xml", Method: zip.Store,
		CompressedSize64: 5, UncompressedSize64: size})
	require.NoError(t, err)
	_, err = w.Write([]byte("<a/>\n"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// officeHostile lists hostile packages for both extractors: name, data,
// and the sentinel the error (whole failure) or a warning must wrap.
type officeHostileCase struct {
	name     string
	data     []byte
	lim      meta.Limits
	sentinel error
	// fails: the extraction as a whole fails (nothing readable).
	fails bool
}

// checkHostile runs ex on every case: it must finish fast, with a warning
// or an error wrapping the sentinel, and whatever it returns must marshal.
func checkHostile(t *testing.T, ex meta.Extractor, mime string, cases []officeHostileCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var res *meta.Result
			var err error
			in := officeInput(tc.name, mime, tc.data)
			work := meta.MeasureWork(in, 64*in.Size+(1<<20), func(in meta.Input) {
				res, err = ex.Extract(context.Background(), in, tc.lim)
			})
			t.Log(work)
			// Each zip entry is read once; neither the bombs nor the
			// deep trees reach memory (the worst case allocates under
			// 1 MiB; without the depth or token limits, tens of MiB).
			assert.False(t, work.OverBudget, "bytes read again and again")
			assert.LessOrEqual(t, work.Read, 4*in.Size+(64<<10), "bytes read")
			assert.Less(t, work.Alloc, uint64(8<<20), "bytes allocated")
			if tc.fails {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.sentinel)
				assert.Nil(t, res)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, res)
			found := false
			for _, w := range res.Warnings {
				found = found || errors.Is(w, tc.sentinel)
			}
			assert.True(t, found, "a warning wraps %v: %v", tc.sentinel, res.Warnings)
			assert.Equal(t, "Example Fibres K.K.", res.Metadata.Organisation, "the rest is still read")
			_, err = json.Marshal(res)
			require.NoError(t, err)
		})
	}
}
