package benchpack

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"time"

	"github.com/klauspost/compress/flate"
)

// TextBombVersion names the layout of the packs WriteTextBomb makes, as
// Version does for Write.
const TextBombVersion = "1"

// Defaults of TextBombOptions: 2,000 logs of 1 MiB make a zip of about
// 7.5 MB that holds 2 GiB of text.
const (
	DefaultTextBombFiles    = 2000
	DefaultTextBombFileSize = 1 << 20
)

// TextBombOptions choose the pack WriteTextBomb makes. The zero value
// gives the default pack.
type TextBombOptions struct {
	// Files is the number of logs, DefaultTextBombFiles when zero.
	Files int
	// FileSize is the size of each log in bytes, DefaultTextBombFileSize
	// when zero; it is raised to the length of a log's first line when
	// smaller.
	FileSize int64
}

// bombLine is the line every log repeats: a log of a service that
// loops on one failure is as repetitive as that.
const bombLine = "2021-03-01T09:00:00+09:00 WARN  [mailgw] host=app03.corp.example.co.jp user=kenji.mori action=login status=403\n"

// WriteTextBomb streams to w a zip of opt.Files logs of opt.FileSize
// bytes each and returns the number of bytes written. Each log is one
// first line of its own (so that every log has its own hashes and none
// is a duplicate of another) and then one line repeated: deflate shrinks
// a 1 MiB log to under 4 KB, so the default pack is a zip of about
// 7.5 MB that unpacks to 2 GiB of text, every byte of which the triage
// reads, and each log up to the text limit of an item. It measures what
// the triage's memory does when the text of a pack is large and its bytes
// are few: the case of a 7.5 MB zip that once drove the command to
// 1.54 GB of resident memory.
//
// The repeated part is deflated once and shared by every log, after the
// log's first line in a stored block (a deflate stream is a sequence of
// blocks, and a stored one ends on a byte boundary), so writing the pack
// costs a CRC of its text, not its compression. The output depends on opt alone. A failed write returns
// the bytes written so far and an error wrapping ErrWrite.
func WriteTextBomb(w io.Writer, opt TextBombOptions) (int64, error) {
	files := opt.Files
	if files <= 0 {
		files = DefaultTextBombFiles
	}
	width := len(strconv.Itoa(files))
	head := func(i int) []byte {
		return fmt.Appendf(nil, "# app03.corp.example.co.jp mailgw.log, part %0*d of %d\n", width, i, files)
	}
	headLen := int64(len(head(1)))
	size := opt.FileSize
	if size <= 0 {
		size = DefaultTextBombFileSize
	}
	size = max(size, headLen)

	body := repeatLines(size-headLen, bombLine)
	bodyZ, err := deflateAll(body)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrWrite, err)
	}
	crc := crc32.NewIEEE()

	out := &counter{w: w}
	zw := zip.NewWriter(out)
	if _, err := zw.CreateHeader(&zip.FileHeader{Name: "logs/", Method: zip.Store, Modified: startTime}); err != nil {
		return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
	}
	for i := 1; i <= files; i++ {
		h := head(i)
		headZ := storedBlock(h)
		crc.Reset()
		crc.Write(h)
		crc.Write(body)
		fh := &zip.FileHeader{
			Name:               fmt.Sprintf("logs/mailgw_%0*d.log", width, i),
			Method:             zip.Deflate,
			Modified:           startTime.Add(time.Duration(i) * time.Minute),
			CRC32:              crc.Sum32(),
			CompressedSize64:   uint64(len(headZ) + len(bodyZ)),
			UncompressedSize64: uint64(size),
		}
		fw, err := zw.CreateRaw(fh)
		if err != nil {
			return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
		}
		if _, err := fw.Write(headZ); err != nil {
			return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
		}
		if _, err := fw.Write(bodyZ); err != nil {
			return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
		}
	}
	if err := zw.Close(); err != nil {
		return out.n, fmt.Errorf("%w: %w", ErrWrite, err)
	}
	return out.n, nil
}

// repeatLines returns n bytes of line repeated, the last copy cut and
// ended with a newline (line is ASCII, so any cut is at a character
// boundary).
func repeatLines(n int64, line string) []byte {
	b := bytes.Repeat([]byte(line), int(n)/len(line)+1)[:n]
	if n > 0 {
		b[n-1] = '\n'
	}
	return b
}

// deflateAll deflates b whole, as a complete stream.
func deflateAll(b []byte) ([]byte, error) {
	var z bytes.Buffer
	fw, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(b); err != nil {
		return nil, err
	}
	err = fw.Close()
	return z.Bytes(), err
}

// storedBlock returns b, at most 65535 bytes, as one stored deflate block
// that is not the last (RFC 1951, 3.2.4): a header byte, the length and
// its complement, then b. It ends byte-aligned, so a deflate stream may
// follow it.
func storedBlock(b []byte) []byte {
	n := uint16(len(b))
	out := []byte{0, byte(n), byte(n >> 8), ^byte(n), ^byte(n >> 8)}
	return append(out, b...)
}
