package archivegen

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
)

// TextLogs writes to w a zip of n deflated text files of size bytes
// each: the text bomb of issue 12, where 2,000 repetitive 1 MiB logs
// (a zip of 19 MB) hold 2 GiB of body text, which a triage that keeps
// every item's text until the end holds in memory and writes into its
// report.
//
// Every file is log lines of a fictional company's servers, the same in
// all files, then a last line naming the file, so that no two files have
// the same content (a walk that skips duplicates still reads each). The
// text deflates about 110:1 (see logLines), within the default MaxRatio.
//
// The shared part is deflated once, ending with a sync flush, and each
// file's last line is deflated on its own after it: the two concatenate
// into one valid deflate stream, and the CRC-32 of the file extends the
// shared part's. Writing is thus cheap whatever n and size: size bytes
// are compressed once, and the zip is streamed to w. n is at most 99,999
// and size at least the 63 bytes of the last line.
func TextLogs(w io.Writer, n int, size int64) error {
	const lineLen = int64(len("-- end of logs/app00/server-00000.log, file 00001 of 02000 --\n"))
	if n < 0 || n > 99999 || size < lineLen {
		return fmt.Errorf("%w: %d files of %d bytes", ErrInvalid, n, size)
	}
	body := logLines(size - lineLen)
	var shared bytes.Buffer
	fw, err := flate.NewWriter(&shared, flate.BestCompression)
	if err != nil {
		return fmt.Errorf("archivegen: deflate: %w", err)
	}
	fw.Write(body) // a bytes.Buffer never fails
	if err := fw.Flush(); err != nil {
		return fmt.Errorf("archivegen: deflate: %w", err)
	}
	bodyCRC := crc32.ChecksumIEEE(body)

	zw := zip.NewWriter(w)
	var last bytes.Buffer
	for i := range n {
		name := fmt.Sprintf("logs/app%02d/server-%05d.log", i%16, i)
		line := fmt.Sprintf("-- end of %s, file %05d of %05d --\n", name, i+1, n)
		last.Reset()
		fw.Reset(&last)
		fw.Write([]byte(line))
		if err := fw.Close(); err != nil {
			return fmt.Errorf("archivegen: deflate: %w", err)
		}
		fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: DefaultTime}
		fh.CRC32 = crc32.Update(bodyCRC, crc32.IEEETable, []byte(line))
		fh.UncompressedSize64 = uint64(len(body) + len(line))
		fh.CompressedSize64 = uint64(shared.Len() + last.Len())
		ew, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := ew.Write(shared.Bytes()); err != nil {
			return err
		}
		if _, err := ew.Write(last.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// logLines returns size bytes of server log lines, the last one cut. The
// lines repeat every logCycle lines (17 KiB, inside deflate's 32 KiB
// window), so that the text deflates about 110:1: well compressed, yet
// within the default MaxRatio of 200 for the package as a whole too.
// Names and addresses are fictional.
func logLines(size int64) []byte {
	const logCycle = 120
	b := bytes.NewBuffer(make([]byte, 0, size+256))
	for i := 0; int64(b.Len()) < size; i++ {
		j := i % logCycle
		fmt.Fprintf(b, "2021-04-12T10:%02d:%02d+09:00 INFO web%02d sshd[%d]: Accepted password for svc-batch from 10.20.%d.%d port %d ssh2 (host web%02d.corp.kitamura-logistics.example)\n",
			j/60, j%60, j%4, 4000+j%97, j%8, j, 50000+j, j%4)
	}
	return b.Bytes()[:size]
}
