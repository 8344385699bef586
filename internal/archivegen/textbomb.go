package archivegen

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"time"
)

// Defaults of TextBomb: issue 12's pack, 2,000 logs of 1 MiB.
const (
	DefaultTextBombFiles    = 2000
	DefaultTextBombFileSize = 1 << 20
)

// Bounds of TextBomb's fields, checked by WriteTo and Bytes.
const (
	// MaxTextBombFiles is the most logs a TextBomb holds: five digits
	// in their names.
	MaxTextBombFiles = 99_999
	// MaxTextBombFileSize is the largest log: the shared deflate stream
	// of one log is held in memory while the zip is written.
	MaxTextBombFileSize = 1 << 30
	// MaxTextBombCycle is the longest cycle of distinct lines, about a
	// megabyte of them: far past the 32 KiB window of deflate (about 300
	// lines), beyond which the text no longer compresses as a repetition.
	MaxTextBombCycle = 10_000
)

// TextBomb describes the text bomb of issue 12: a small zip of many
// repetitive text logs, "logs/app00/server-00000.log" and on, whose few
// megabytes hold gigabytes of text that a triage reads, hashes, keeps
// and writes. The zero value is the pack of issue 12, 2,000 logs of
// 1 MiB of a single line repeated.
//
// Every log is the same lines of a web application's log, in a cycle of
// Cycle lines, the last one cut to fit, and then a last line of its own
// that names the log ("-- end of logs/app00/server-00000.log, file 00001
// of 02000 --"), so that no two logs have the same content and a walk that
// skips duplicates still reads each.
//
// Cycle sets how well the text compresses, and so whether the pack is
// within a triage's limits. Measured on logs of 1 MiB (the zip of 2,000,
// headers included), against the default amplification budget of a
// package, MaxRatio (200) times its size:
//
//	Cycle  text:zip  2,000 logs of 1 MiB
//	1      270:1     7.8 MB: over the budget, so the walk reads about
//	                 1.8 GB and refuses the last quarter of the logs
//	8      190:1     11.1 MB: within it, every byte read
//	120    115:1     18.3 MB: well within it
//	200     97:1     21.5 MB
//
// A log of 1 MiB alone is within any ratio limit's grace (1 MiB by
// default), as real logs are. The logs' times are a minute apart from
// DefaultTime.
//
// The shared text is deflated once, ending with a sync flush, and each
// log's entry is that stream followed by a final stored block of its
// last line: the CRC-32 of a log extends the shared text's, so writing
// the pack costs one compression of FileSize bytes whatever Files is,
// and memory holds only the compressed text. The zip is streamed
// through archive/zip. The output depends on the fields alone (and the
// Go release, whose compress/flate does the deflating);
// benchpack.TextBombVersion names the layout in the benchmarks' cache
// and changes with it.
type TextBomb struct {
	// Files is the number of logs, 1 to MaxTextBombFiles;
	// DefaultTextBombFiles when zero.
	Files int
	// FileSize is the size of each log in bytes, from the 62 bytes of
	// its last line to MaxTextBombFileSize; DefaultTextBombFileSize when
	// zero.
	FileSize int64
	// Cycle is how many distinct lines the text repeats, 1 to
	// MaxTextBombCycle; 1 when zero. It sets the compression ratio (see
	// the table above): the longer the cycle, the longer the distance of
	// each back-reference of deflate, and the more bits it takes.
	Cycle int
}

// textBombEnd is the last line of a log; every one is textBombEndLen
// bytes long.
const (
	textBombEnd    = "-- end of %s, file %05d of %05d --\n"
	textBombEndLen = int64(len("-- end of logs/app00/server-00000.log, file 00001 of 00001 --\n"))
)

// textBombName is the name of the log i (from 0).
func textBombName(i int) string {
	return fmt.Sprintf("logs/app%02d/server-%05d.log", i%16, i)
}

// withDefaults returns b with its zero fields set, or an error wrapping
// ErrInvalid when a field is out of bounds.
func (b TextBomb) withDefaults() (TextBomb, error) {
	if b.Files == 0 {
		b.Files = DefaultTextBombFiles
	}
	if b.FileSize == 0 {
		b.FileSize = DefaultTextBombFileSize
	}
	if b.Cycle == 0 {
		b.Cycle = 1
	}
	if b.Files < 1 || b.Files > MaxTextBombFiles || b.FileSize < textBombEndLen || b.FileSize > MaxTextBombFileSize ||
		b.Cycle < 1 || b.Cycle > MaxTextBombCycle {
		return b, fmt.Errorf("%w: text bomb of %d files of %d bytes, cycle of %d lines", ErrInvalid, b.Files, b.FileSize, b.Cycle)
	}
	return b, nil
}

// Bytes returns the zip b describes, as WriteTo writes it.
func (b TextBomb) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteTo streams the zip b describes to w and returns the number of
// bytes written. Fields out of bounds give an error wrapping ErrInvalid
// before anything is written; a failed write returns the bytes written
// so far and an error wrapping the writer's.
func (b TextBomb) WriteTo(w io.Writer) (int64, error) {
	b, err := b.withDefaults()
	if err != nil {
		return 0, err
	}
	shared, sharedCRC, err := deflateLinesOpen(b.FileSize-textBombEndLen, textBombCycle(b.Cycle))
	if err != nil {
		return 0, err
	}
	out := &countWriter{w: w}
	zw := zip.NewWriter(out)
	const end = textBombEndLen
	block := make([]byte, 0, 5+end)
	for i := range b.Files {
		name := textBombName(i)
		line := fmt.Appendf(nil, textBombEnd, name, i+1, b.Files) // textBombEndLen bytes
		// A final stored block: BFINAL set, BTYPE 00, then LEN and NLEN.
		block = append(block[:0], 0x01, byte(end), byte(end>>8), ^byte(end), ^byte(end>>8))
		block = append(block, line...)
		// CreateRaw leaves the time to its caller: Modified is not read.
		modified := DefaultTime.Add(time.Duration(i) * time.Minute)
		fh := &zip.FileHeader{
			Name:               name,
			Method:             zip.Deflate,
			Extra:              timestampExtra(modified),
			CRC32:              crc32.Update(sharedCRC, crc32.IEEETable, line),
			CompressedSize64:   uint64(len(shared) + len(block)),
			UncompressedSize64: uint64(b.FileSize),
		}
		fh.ModifiedTime, fh.ModifiedDate = dosDateTime(modified)
		ew, err := zw.CreateRaw(fh)
		if err != nil {
			return out.n, fmt.Errorf("archivegen: text bomb: %w", err)
		}
		if _, err := ew.Write(shared); err != nil {
			return out.n, fmt.Errorf("archivegen: text bomb: %w", err)
		}
		if _, err := ew.Write(block); err != nil {
			return out.n, fmt.Errorf("archivegen: text bomb: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return out.n, fmt.Errorf("archivegen: text bomb: %w", err)
	}
	return out.n, nil
}

// textBombCycle returns the n distinct lines a text bomb's logs repeat:
// the requests a web application served, one second apart. They name
// no host, address or organisation, as an application's own log often
// does not: the text bomb measures what the volume of text costs, not
// what signals in every line cost attribution (a dump's columns of
// e-mail addresses do that).
func textBombCycle(n int) []byte {
	var b []byte
	for j := range n {
		b = fmt.Appendf(b, "%s INFO  orders-api[%d]: GET /api/v1/orders/%d?page=%d 200 %d bytes in %d ms\n",
			DefaultTime.Add(time.Duration(j)*time.Second).Format("2006-01-02T15:04:05-07:00"),
			4000+j%97, 100000+j, 1+j%9, 512+j%4096, 3+j%41)
	}
	return b
}

// deflateLinesOpen deflates size bytes of cycle repeated, the last copy
// cut and ended with a newline, into a stream that is not ended: its
// last block is not final, and it stops at a byte boundary (a sync
// flush), so that further blocks can follow. It also returns the CRC-32
// of the text. The text is never held whole.
func deflateLinesOpen(size int64, cycle []byte) ([]byte, uint32, error) {
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, 0, fmt.Errorf("archivegen: deflate: %w", err)
	}
	crc := crc32.NewIEEE()
	text := io.MultiWriter(fw, crc) // neither fails: fw writes to a bytes.Buffer
	left := size
	for ; left > int64(len(cycle)); left -= int64(len(cycle)) {
		text.Write(cycle)
	}
	if left > 0 {
		last := bytes.Clone(cycle[:left])
		last[left-1] = '\n'
		text.Write(last)
	}
	if err := fw.Flush(); err != nil {
		return nil, 0, fmt.Errorf("archivegen: deflate: %w", err)
	}
	return buf.Bytes(), crc.Sum32(), nil
}

// countWriter counts the bytes written to w.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
