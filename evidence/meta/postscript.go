package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Bounds of the PostScript reader.
const (
	// postscriptHeaderBytes is how much of a PostScript program is read
	// for its header comments: they come first, and are a few hundred
	// bytes in the files of every writer we know.
	postscriptHeaderBytes = 64 << 10
	// postscriptDOSHeader is the binary header of DOS EPS: its signature,
	// then the offset and length of the PostScript section, of a WMF
	// preview and of a TIFF preview (4 bytes each, little-endian), and a
	// checksum.
	postscriptDOSHeader = 30
	// postscriptMaxValue cuts one header comment's value.
	postscriptMaxValue = 4 << 10
)

// postscriptKeys are the header comments (DSC) kept, by the names exiftool
// gives them.
var postscriptKeys = map[string]string{
	"Title": "Title", "Creator": "Creator", "For": "For", "Author": "Author", "CreationDate": "CreateDate",
	"ModDate": "ModifyDate", "BoundingBox": "BoundingBox", "Pages": "Pages", "LanguageLevel": "LanguageLevel",
	"Routing": "Routing", "Copyright": "Copyright",
}

type postscriptExtractor struct{}

// NewPostScript returns the extractor of PostScript and EPS files (DOS
// EPS included, whose binary header gives the PostScript section): the
// document structuring comments of the header, %%Title, %%Creator,
// %%For, %%CreationDate and others. Authors come from %%For (the user
// who printed or saved the file) and %%Author, Software from %%Creator,
// Title from %%Title, Created from %%CreationDate when it parses. Only the
// first postscriptHeaderBytes of the program are read; the XMP a file may
// hold is read by NewXMP. A program without header comments holds no
// record.
func NewPostScript() Extractor { return postscriptExtractor{} }

// Name implements Extractor.
func (postscriptExtractor) Name() string { return "postscript" }

// Version implements Extractor.
func (postscriptExtractor) Version() string { return "1" }

// Accepts implements Extractor.
func (postscriptExtractor) Accepts(t identify.Type) bool { return t.MIME == "application/postscript" }

// Extract implements Extractor.
func (postscriptExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start, n := int64(0), in.Size
	var h [postscriptDOSHeader]byte
	k, _ := in.R.ReadAt(h[:], 0)
	if k >= 12 && bytes.HasPrefix(h[:], []byte{0xC5, 0xD0, 0xD3, 0xC6}) {
		start, n = int64(binary.LittleEndian.Uint32(h[4:])), int64(binary.LittleEndian.Uint32(h[8:]))
		if start < 12 || start > in.Size || n > in.Size-start {
			return nil, fmt.Errorf("%w: postscript: DOS EPS section at %d+%d outside the file of %d bytes", ErrFormat, start, n, in.Size)
		}
	}
	buf := make([]byte, min(n, postscriptHeaderBytes)) // at most 64 KiB
	k, err := in.R.ReadAt(buf, start)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: postscript: %v", ErrFormat, err)
	}
	buf = buf[:k]
	if !bytes.HasPrefix(buf, []byte("%!")) {
		return nil, fmt.Errorf("%w: postscript: no %%! header", ErrFormat)
	}
	raw := postscriptComments(buf)
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: postscript: no header comments", ErrNoRecord)
	}
	res := &Result{}
	md := &res.Metadata
	for _, k := range []string{"For", "Author"} {
		if s, _ := raw[k].(string); s != "" && !strings.EqualFold(s, "unknown") {
			md.Authors = append(md.Authors, s)
		}
	}
	md.Software, _ = raw["Creator"].(string)
	md.Title, _ = raw["Title"].(string)
	if s, _ := raw["CreateDate"].(string); s != "" {
		if t, zone, ok := postscriptParseDate(s); ok {
			md.Created = FormatTime(t, zone)
			if zone {
				md.TZOffset = FormatOffset(zoneOffset(t))
			}
		}
	}
	md.Raw = raw
	return res, nil
}

// postscriptComments reads the header comments of a PostScript program:
// the lines "%%Key: value" from the second line up to %%EndComments, or
// to the first line that is not a comment.
func postscriptComments(b []byte) map[string]any {
	raw := map[string]any{}
	lines := bytes.FieldsFunc(b, func(r rune) bool { return r == '\n' || r == '\r' })
	for i, line := range lines {
		if i == 0 {
			continue // %!PS-Adobe-3.0 [EPSF-3.0]
		}
		if !bytes.HasPrefix(line, []byte("%")) || bytes.HasPrefix(line, []byte("%%EndComments")) {
			break
		}
		key, value, ok := bytes.Cut(bytes.TrimPrefix(line, []byte("%%")), []byte(":"))
		if !ok {
			continue
		}
		name, keep := postscriptKeys[string(key)]
		if !keep {
			continue
		}
		if _, dup := raw[name]; dup {
			continue // the first wins; "(atend)" is resolved by nobody here
		}
		v := postscriptText(bytes.TrimSpace(value))
		if v != "" && v != "(atend)" {
			raw[name] = CutText(v, postscriptMaxValue)
		}
	}
	return raw
}

// postscriptText decodes a comment's value: a PostScript string in
// parentheses loses them and its escapes; text is read as UTF-8 when
// valid, else as Latin-1.
func postscriptText(v []byte) string {
	if len(v) >= 2 && v[0] == '(' && v[len(v)-1] == ')' {
		v = v[1 : len(v)-1]
		var out []byte
		for i := 0; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) {
				i++
				switch v[i] {
				case 'n':
					out = append(out, '\n')
				case 'r':
					out = append(out, '\r')
				case 't':
					out = append(out, '\t')
				default:
					out = append(out, v[i])
				}
				continue
			}
			out = append(out, v[i])
		}
		v = out
	}
	return strings.TrimSpace(exifText(v))
}

// postscriptDateLayouts are the forms of %%CreationDate writers use; the
// standard leaves it free. Zone says whether the form carries one.
var postscriptDateLayouts = []struct {
	layout string
	zone   bool
}{
	{time.ANSIC, false},                     // Fri Mar  9 20:48:32 2001
	{"Mon Jan 02 15:04:05 2006", false},     // Fri Mar 09 20:48:32 2001
	{"Mon Jan _2 15:04:05 MST 2006", false}, // with a zone abbreviation, which says nothing sure
	{"01/02/06 15:04:05", false},            // 12/29/93 13:52:08
	{"1/2/06 3:04 PM", false},
	{"2006-01-02T15:04:05Z07:00", true},
	{"2006-01-02 15:04:05", false},
	{"January 2, 2006 15:04", false},
}

// postscriptParseDate parses a %%CreationDate, PDF-style dates included
// ("D:20210412103000+09'00'").
func postscriptParseDate(s string) (time.Time, bool, bool) {
	s = strings.Trim(strings.TrimSpace(s), "()")
	if strings.HasPrefix(s, "D:") {
		s = strings.TrimPrefix(s, "D:")
		if len(s) >= 14 {
			if t, err := time.ParseInLocation("20060102150405", s[:14], time.UTC); err == nil {
				if off, ok := exifParseOffset(strings.ReplaceAll(strings.TrimSuffix(s[14:], "'"), "'", ":")); ok {
					return t.Add(-time.Duration(off) * time.Second).In(time.FixedZone("", off)), true, true
				}
				return t, false, true
			}
		}
	}
	for _, l := range postscriptDateLayouts {
		if t, err := time.ParseInLocation(l.layout, s, time.UTC); err == nil {
			return t, l.zone, true
		}
	}
	return time.Time{}, false, false
}
