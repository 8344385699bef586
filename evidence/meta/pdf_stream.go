package meta

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"

	"golang.org/x/image/tiff/lzw"
)

// Bounds of the streams of a PDF file.
const (
	// pdfMaxFilters caps the filters of one stream: writers chain two or
	// three (ASCII85 over Flate), and each costs a decoder and a pass.
	pdfMaxFilters = 8
)

// streamData returns the decoded data of s, at most MaxRecordBytes. On
// a limit or a corrupt filter it returns what it decoded with the error.
func (d *pdfDoc) streamData(s *pdfStream) ([]byte, error) { return d.streamDataTo(s, nil) }

// streamDataTo is streamData decoding into the room of dst (its bytes
// are overwritten) when the stream has filters: streams read and dropped
// page after page take no new memory once dst has grown.
func (d *pdfDoc) streamDataTo(s *pdfStream, dst []byte) ([]byte, error) {
	max := d.lim.MaxRecordBytes
	length := int64(-1)
	if n, ok := d.get(s.dict["Length"]).(int64); ok && n >= 0 && n <= d.size-s.start {
		length = n
	} else {
		d.warnf("%w: stream of object %d has a bad /Length %s", ErrFormat, s.ref.num, pdfBrief(s.dict["Length"]))
		length = d.findEndstream(s.start)
	}
	if length > max {
		return nil, fmt.Errorf("%w: stream of object %d is %d bytes, over %d", ErrLimit, s.ref.num, length, max)
	}
	if err := d.spend(length); err != nil {
		return nil, err
	}
	data := make([]byte, length)
	n, err := d.r.ReadAt(data, s.start)
	if n < len(data) {
		return nil, fmt.Errorf("%w: stream of object %d cut short: %w", ErrFormat, s.ref.num, err)
	}
	typ := s.dict["Type"]
	if d.crypt != nil && typ != pdfName("XRef") && (typ != pdfName("Metadata") || !d.crypt.metaPlain) {
		data = d.crypt.decrypt(data, s.ref)
	}
	filters, parms := d.filters(s.dict)
	if len(filters) > pdfMaxFilters {
		return nil, fmt.Errorf("%w: stream of object %d has %d filters, over %d", ErrLimit, s.ref.num, len(filters), pdfMaxFilters)
	}
	for i, f := range filters {
		var parm pdfDict
		if i < len(parms) {
			parm, _ = d.get(parms[i]).(pdfDict)
		}
		var room []byte
		if i == len(filters)-1 {
			room = dst
		}
		out, err := d.decoders.decode(f, parm, data, max, room)
		if err := d.spend(int64(len(out))); err != nil {
			return nil, err
		}
		if err != nil {
			return out, fmt.Errorf("stream of object %d: %w", s.ref.num, err)
		}
		data = out
	}
	return data, nil
}

// filters returns the names of the filters of a stream and their
// parameters.
func (d *pdfDoc) filters(dict pdfDict) ([]string, []any) {
	var names []string
	switch f := d.get(dict["Filter"]).(type) {
	case pdfName:
		names = []string{string(f)}
	case []any:
		for _, v := range f {
			if n, ok := d.get(v).(pdfName); ok {
				names = append(names, string(n))
			}
		}
	}
	var parms []any
	switch p := d.get(dict["DecodeParms"]).(type) {
	case pdfDict:
		parms = []any{p}
	case []any:
		parms = p
	}
	return names, parms
}

// findEndstream returns the length of the stream data starting at start
// when its /Length cannot be trusted, searching at most MaxRecordBytes.
func (d *pdfDoc) findEndstream(start int64) int64 {
	const chunk = 64 << 10
	limit := min(d.size, start+d.lim.MaxRecordBytes+16)
	// A stream near the end of the file needs no more than what is left.
	buf := make([]byte, max(0, min(chunk+16, limit-start)))
	for off := start; off < limit; off += chunk {
		if d.spend(min(chunk, limit-off)) != nil {
			break
		}
		n, _ := d.r.ReadAt(buf[:min(int64(len(buf)), d.size-off)], off)
		if i := bytes.Index(buf[:n], []byte("endstream")); i >= 0 {
			end := off + int64(i)
			// The end of line before endstream is not data.
			for end > start {
				c := [1]byte{}
				_, _ = d.r.ReadAt(c[:], end-1)
				if c[0] != '\n' && c[0] != '\r' {
					break
				}
				end--
			}
			return end - start
		}
		if n < chunk {
			break
		}
	}
	return min(limit, d.size) - start
}

// pdfDecoders decode the streams of a file. The decompressors of
// FlateDecode (each holds a 32 KiB window and its tables) are made once
// and reset for each stream: a file of a thousand pages makes one, not a
// thousand.
type pdfDecoders struct {
	src bytes.Reader
	// zr is the zlib decompressor, once one was made; fr the raw
	// deflate one, for streams written without the zlib header.
	zr io.ReadCloser
	fr io.ReadCloser
}

// inflater returns a reader of the FlateDecode data: zlib, else raw
// deflate when the zlib header is not there.
func (z *pdfDecoders) inflater(data []byte) io.Reader {
	z.src.Reset(data)
	if z.zr == nil {
		if zr, err := zlib.NewReader(&z.src); err == nil {
			z.zr = zr
			return zr
		}
	} else if err := z.zr.(zlib.Resetter).Reset(&z.src, nil); err == nil {
		return z.zr
	}
	z.src.Reset(data)
	if z.fr == nil {
		z.fr = flate.NewReader(&z.src)
	} else if err := z.fr.(flate.Resetter).Reset(&z.src, nil); err != nil {
		z.fr = flate.NewReader(&z.src)
	}
	return z.fr
}

// decode applies one filter, keeping at most max bytes of output, in the
// room of dst when it has some.
func (z *pdfDecoders) decode(filter string, parm pdfDict, data []byte, max int64, dst []byte) ([]byte, error) {
	var r io.Reader
	switch filter {
	case "FlateDecode", "Fl":
		r = z.inflater(data)
	case "LZWDecode", "LZW":
		r = pdfSafeReader{lzw.NewReader(bytes.NewReader(data), lzw.MSB, 8)}
	case "ASCIIHexDecode", "AHx":
		return pdfHexDecode(data), nil
	case "ASCII85Decode", "A85":
		data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("<~"))
		if i := bytes.Index(data, []byte("~>")); i >= 0 {
			data = data[:i]
		}
		r = ascii85.NewDecoder(bytes.NewReader(data))
	default:
		return nil, fmt.Errorf("%w: filter %s not supported", ErrFormat, filter)
	}
	// Decoded content is some times the size of its data: room for
	// that at once, then twice as much each time it runs out.
	out, err := pdfReadAll(dst, r, max+1, 4*int64(len(data))+512)
	if int64(len(out)) > max {
		return out[:max], fmt.Errorf("%w: %s output over %d bytes", ErrLimit, filter, max)
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return out, fmt.Errorf("%w: %s: %w", ErrFormat, filter, err)
	}
	if pred, _ := parm["Predictor"].(int64); pred >= 10 {
		return pdfPNGPredict(out, parm)
	} else if pred == 2 {
		return out, fmt.Errorf("%w: TIFF predictor not supported", ErrFormat)
	}
	return out, nil
}

// pdfReadAll reads r as io.ReadAll(io.LimitReader(r, limit)) does, into
// the room of dst, else into a buffer of min(hint, limit) bytes; the
// buffer doubles when full.
func pdfReadAll(dst []byte, r io.Reader, limit, hint int64) ([]byte, error) {
	if limit <= 0 {
		return nil, nil
	}
	b := dst[:0]
	if int64(cap(b)) > limit {
		b = b[:0:limit]
	} else if cap(b) == 0 {
		b = make([]byte, 0, max(1, min(hint, limit)))
	}
	for {
		if len(b) == cap(b) {
			grown := make([]byte, len(b), min(2*int64(cap(b)), limit))
			copy(grown, b)
			b = grown
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if int64(len(b)) >= limit {
			return b, nil
		}
	}
}

// pdfSafeReader turns a panic of a third-party decoder into an error.
type pdfSafeReader struct{ r io.Reader }

func (s pdfSafeReader) Read(p []byte) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("%w: decoder: %v", ErrPanic, v)
		}
	}()
	return s.r.Read(p)
}

// pdfPNGPredict undoes PNG predictors, row by row.
func pdfPNGPredict(data []byte, parm pdfDict) ([]byte, error) {
	get := func(k string, def int64) int64 {
		if v, ok := parm[k].(int64); ok {
			return v
		}
		return def
	}
	colors, bpc, cols := get("Colors", 1), get("BitsPerComponent", 8), get("Columns", 1)
	if colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || cols < 1 || cols > 1<<20 {
		return nil, fmt.Errorf("%w: predictor parameters out of range", ErrFormat)
	}
	bpp := int(max((colors*bpc)/8, 1))
	rowLen := int((colors*bpc*cols + 7) / 8)
	if rowLen >= len(data) {
		return nil, fmt.Errorf("%w: predictor rows longer than the data", ErrFormat)
	}
	// Rows are decoded in place in out, each against the one before it
	// (zeros above the first): no buffer per row.
	out := make([]byte, 0, len(data)/(rowLen+1)*rowLen)
	zero := make([]byte, rowLen)
	for i := 0; i+rowLen+1 <= len(data); i += rowLen + 1 {
		ft, row := data[i], data[i+1:i+1+rowLen]
		prev := zero
		if len(out) >= rowLen {
			prev = out[len(out)-rowLen:]
		}
		out = append(out, row...)
		cur := out[len(out)-rowLen:]
		for j := range row {
			var a, b, c int
			if j >= bpp {
				a, c = int(cur[j-bpp]), int(prev[j-bpp])
			}
			b = int(prev[j])
			var p int
			switch ft {
			case 1:
				p = a
			case 2:
				p = b
			case 3:
				p = (a + b) / 2
			case 4:
				pa, pb, pc := pdfAbs(b-c), pdfAbs(a-c), pdfAbs(a+b-2*c)
				switch {
				case pa <= pb && pa <= pc:
					p = a
				case pb <= pc:
					p = b
				default:
					p = c
				}
			}
			cur[j] = row[j] + byte(p)
		}
	}
	return out, nil
}

func pdfAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func pdfHexDecode(data []byte) []byte {
	out := make([]byte, 0, len(data)/2)
	var hi byte
	half := false
	for _, c := range data {
		if c == '>' {
			break
		}
		v, ok := pdfHexVal(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}
