package meta

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

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
	if enc := textEncoding(in.Type.Charset); enc != nil {
		if truncated {
			b = cutIncomplete(b, in.Type.Charset)
		}
		d, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			return nil, fmt.Errorf("%w: decoding %s: %w", ErrFormat, in.Type.Charset, err)
		}
		s = string(d)
	} else {
		if truncated {
			for len(b) > 0 && !utf8.FullRune(b[max(0, len(b)-utf8.UTFMax):]) {
				b = b[:len(b)-1]
			}
		}
		s = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.ReplaceAll(s, "\x00", "")
	if int64(len(s)) > lim.MaxTextBytes {
		s, truncated = CutText(s, lim.MaxTextBytes), true
	}
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%w: text: white space only", ErrNoRecord)
	}
	return &Result{Text: s, TextTruncated: truncated}, nil
}

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
