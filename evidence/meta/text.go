package meta

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/proofpack/proofpack/evidence/identify"
)

// NewText returns the extractor of plain text files: notes, CSV and TSV
// exports, JSON, XML, logs, scripts. It records no metadata (plain text
// has none); its Text is the file decoded from the charset identify found
// (UTF-8, UTF-16, Shift_JIS, EUC-JP, ISO-2022-JP, windows-1252) into
// UTF-8, line ends made "\n", cut at Limits.MaxTextBytes. A seller's
// README, a customer export and a hosts file name organisations and
// hosts that attribution reads. A file of white space only holds no
// record: Extract says so with ErrNoRecord.
func NewText() Extractor { return textExtractor{} }

type textExtractor struct{}

func (textExtractor) Name() string    { return "text" }
func (textExtractor) Version() string { return "1" }

// Accepts takes the text types identify tells by their content, except
// those with a reader of their own (HTML, e-mail).
func (textExtractor) Accepts(t identify.Type) bool {
	if t.Charset == "" {
		return false
	}
	switch t.MIME {
	case "text/html", "application/xhtml+xml", "message/rfc822":
		return false
	}
	return true
}

// textEncoding returns the decoder of one of identify's charsets; nil
// means the bytes are UTF-8 (ASCII included) already.
func textEncoding(cs string) encoding.Encoding {
	switch cs {
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "shift_jis":
		return japanese.ShiftJIS
	case "euc-jp":
		return japanese.EUCJP
	case "iso-2022-jp":
		return japanese.ISO2022JP
	case "windows-1252":
		return charmap.Windows1252
	}
	return nil
}

// PrefixBytes is Limits.MaxTextBytes: no more of the file is read.
func (textExtractor) PrefixBytes(lim Limits) int64 { return lim.WithDefaults().MaxTextBytes }

// Extract reads at most MaxTextBytes of the file into one buffer sized
// from the limit (or the file, if smaller), and makes the text from it in
// one pass: a UTF-8 file that needs no change becomes the text without a
// copy; any other is decoded and cleaned into one buffer of its own.
func (textExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	if in.R == nil || in.Size <= 0 {
		return nil, fmt.Errorf("%w: empty text", ErrFormat)
	}
	// Decoded text is at most about as long as the bytes read, for these
	// charsets, give or take half: read what the limit can hold.
	n := min(in.Size, lim.MaxTextBytes)
	b := make([]byte, n)
	if _, err := in.R.ReadAt(b, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%w: reading text: %w", ErrFormat, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	truncated := in.Size > n
	var s string
	var cut bool
	if enc := textEncoding(in.Type.Charset); enc != nil {
		if truncated {
			b = cutIncomplete(b, in.Type.Charset)
		}
		var err error
		if s, cut, err = decodeText(enc, b, lim.MaxTextBytes); err != nil {
			return nil, fmt.Errorf("%w: decoding %s: %w", ErrFormat, in.Type.Charset, err)
		}
	} else {
		if truncated {
			for len(b) > 0 && !utf8.FullRune(b[max(0, len(b)-utf8.UTFMax):]) {
				b = b[:len(b)-1]
			}
		}
		s, cut = cleanUTF8(b, lim.MaxTextBytes)
	}
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%w: text: white space only", ErrNoRecord)
	}
	return &Result{Text: s, TextTruncated: truncated || cut}, nil
}

// Text cleaning. The text of a file is its decoded bytes with each run of
// invalid UTF-8 made one U+FFFD, "\r\n" made "\n", a leading byte order
// mark dropped and NUL bytes dropped (in that order, each step on the
// result of the one before), cut at the text limit on a character
// boundary.

// cleanUTF8 returns the clean text of b, which it owns and never changes
// again: when b needs no cleaning and fits the limit max, the text shares
// its memory (no copy); else the text is built once. cut reports that
// the limit cut it.
func cleanUTF8(b []byte, max int64) (s string, cut bool) {
	if int64(len(b)) <= max && utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 &&
		!bytes.Contains(b, []byte("\r\n")) && !bytes.HasPrefix(b, bom) {
		if len(b) == 0 {
			return "", false
		}
		// b is this call's own buffer, not written after this point.
		return unsafe.String(unsafe.SliceData(b), len(b)), false
	}
	c := newTextCleaner(len(b), max)
	c.write(b, true)
	return c.text()
}

// bom is the UTF-8 byte order mark.
var bom = []byte("\uFEFF")

// decodeBufSize is the buffer decoded text passes through.
const decodeBufSize = 32 << 10

// decodeText decodes b with enc and cleans the result into a text of at
// most max bytes, decoding no more than the limit keeps.
func decodeText(enc encoding.Encoding, b []byte, max int64) (s string, cut bool, err error) {
	// UTF-8 is at most half again as long as these charsets' two-byte
	// characters (and as long as ASCII): one buffer of that size, within
	// the limit, holds the text of nearly every file.
	c := newTextCleaner(min(len(b)+len(b)/2+utf8.UTFMax, int(min(max, math.MaxInt32))), max)
	dec := enc.NewDecoder()
	buf := make([]byte, decodeBufSize)
	for !c.full() {
		nDst, nSrc, terr := dec.Transform(buf, b, true)
		c.write(buf[:nDst], false)
		b = b[nSrc:]
		if terr != transform.ErrShortDst {
			if terr != nil {
				return "", false, terr
			}
			break
		}
	}
	c.write(nil, true)
	s, cut = c.text()
	return s, cut, nil
}

// textCleaner cleans text written to it in pieces, each of whole UTF-8
// sequences (or invalid bytes), into at most max bytes.
type textCleaner struct {
	out     strings.Builder
	max     int64
	started bool // the first character has been seen (a BOM there is dropped)
	cr      bool // a '\r' waits to see whether '\n' follows
	invalid bool // within a run of invalid bytes
	cut     bool // the limit was reached
}

// newTextCleaner returns a cleaner of text that holds about size bytes,
// cut at max.
func newTextCleaner(size int, max int64) *textCleaner {
	c := &textCleaner{max: max}
	c.out.Grow(int(min(int64(size), max)))
	return c
}

// full reports whether the limit was reached: what follows is dropped.
func (c *textCleaner) full() bool { return c.cut }

// write cleans p; last says that no more follows.
func (c *textCleaner) write(p []byte, last bool) {
	for len(p) > 0 && !c.cut {
		r, w := rune(p[0]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRune(p)
		}
		p = p[w:]
		if r == utf8.RuneError && w == 1 {
			if !c.invalid {
				c.invalid = true
				c.put('\uFFFD')
			}
			continue
		}
		c.invalid = false
		c.put(r)
	}
	if last && c.cr && !c.cut {
		c.cr = false
		c.emit('\r')
	}
}

// put takes one character of the text with invalid runs replaced.
func (c *textCleaner) put(r rune) {
	first := !c.started
	c.started = true
	if c.cr {
		c.cr = false
		if r == '\n' {
			c.emit('\n')
			return
		}
		c.emit('\r')
	}
	switch {
	case r == '\r':
		c.cr = true
	case r == 0, r == '\uFEFF' && first:
	default:
		c.emit(r)
	}
}

// emit appends r unless it would pass the limit, which then ends the text.
func (c *textCleaner) emit(r rune) {
	if c.cut {
		return
	}
	if int64(c.out.Len()+utf8.RuneLen(r)) > c.max {
		c.cut = true
		return
	}
	c.out.WriteRune(r)
}

// text returns the clean text, and whether the limit cut it.
func (c *textCleaner) text() (string, bool) { return c.out.String(), c.cut }

// cutIncomplete drops the bytes of a character cut at the end of a
// prefix: half a UTF-16 unit, or the lead byte of a two-byte Shift_JIS
// or EUC-JP character (a lone lead byte at the end would decode to a
// replacement character).
func cutIncomplete(b []byte, cs string) []byte {
	switch cs {
	case "utf-16le", "utf-16be":
		return b[:len(b)&^1]
	case "shift_jis", "euc-jp":
		// Walk the characters from the start to find where the last
		// whole one ends.
		end := 0
		for i := 0; i < len(b); {
			c := b[i]
			w := 1
			switch {
			case cs == "shift_jis" && (c >= 0x81 && c <= 0x9F || c >= 0xE0 && c <= 0xFC):
				w = 2
			case cs == "euc-jp" && c == 0x8F:
				w = 3
			case cs == "euc-jp" && c >= 0x8E:
				w = 2
			}
			if i+w > len(b) {
				break
			}
			i += w
			end = i
		}
		return b[:end]
	}
	return b
}
