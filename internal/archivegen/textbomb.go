package archivegen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// textBombPeriod is how many log lines repeat: short enough for deflate
// to code every later line as one back-reference into its 32 KiB window.
const textBombPeriod = 8

// textBombLines returns size bytes of a web server's log, its lines
// repeating every textBombPeriod lines.
func textBombLines(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 128)
	for i := 0; b.Len() < size; i++ {
		k := i % textBombPeriod
		fmt.Fprintf(&b, "2021-04-12T10:%02d:%02d+09:00 INFO  app[%d]: GET /api/v1/orders/%d 200 %d bytes in %d ms\n",
			k/4, k, 4000+k, 1000+k, 512+k, k)
	}
	return b.Bytes()[:size]
}

// ZipTextBomb returns a zip of files plain-text logs of size bytes each,
// "logs/app-000000.log" and on: the text bomb of issue 12, whose few
// megabytes (about 5.3 KB per MiB of log) hold gigabytes of text that a
// triage reads, keeps and writes. Each log starts with a line of its own
// (its number and host), so that no two have the same content; the rest
// repeats, and is deflated once for all.
//
// ZipTextBomb(2000, 1<<20) is a zip of about 10.6 MB that holds 2,000
// MiB of text. Each entry is far below any ratio limit's grace (1 MiB by
// default), as real logs are.
func ZipTextBomb(files, size int) ([]byte, error) {
	head := func(i int) []byte {
		return fmt.Appendf(nil, "# app-%06d.log, web%02d.example.test\n", i, i%100)
	}
	if files < 0 || files > 999_999 || size < len(head(0)) {
		return nil, fmt.Errorf("%w: %d files of %d bytes", ErrInvalid, files, size)
	}
	body := textBombLines(size - len(head(0)))
	packed, err := deflate(body)
	if err != nil {
		return nil, err
	}
	z := &zipBuilder{}
	for i := range files {
		h := head(i)
		// A stored block (not the last) with the file's own line, then the
		// shared deflate stream of the body: a deflate stream may switch
		// block types at any block boundary, and a stored block ends on a
		// byte boundary, where the body's first block starts.
		data := make([]byte, 0, 5+len(h)+len(packed))
		data = append(data, 0x00)
		data = binary.LittleEndian.AppendUint16(data, uint16(len(h)))
		data = binary.LittleEndian.AppendUint16(data, ^uint16(len(h)))
		data = append(data, h...)
		data = append(data, packed...)
		crc := crc32.Update(crc32.ChecksumIEEE(h), crc32.IEEETable, body)
		name := fmt.Sprintf("logs/app-%06d.log", i)
		z.add(bombRecord(name, crc, uint64(len(data)), uint64(len(h)+len(body))), data)
	}
	return z.finish(""), nil
}
