package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/proofpack/proofpack/evidence/identify"
)

// GIMP's XCF: "gimp xcf ", a version ("file", "v001" …) and a NUL, the
// width, height and base type (and, from version 4, the precision), then
// the image's properties, each a type and a length (4 bytes each,
// big-endian) and its data, up to the property of type 0. Metadata is in
// the parasites property: a name (a length and a NUL-terminated string),
// flags, a length and the data of each.
const (
	xcfPropEnd        = 0
	xcfPropResolution = 19
	xcfPropParasites  = 21
	xcfHeaderLen      = 14
	// maxXCFProperties bounds the image properties walked.
	maxXCFProperties = 1024
)

// Parasites of an XCF image that hold metadata.
const (
	xcfParasiteComment = "gimp-comment"
	xcfParasiteEXIF    = "exif-data"
)

// xcfParasite is one parasite of an image: its name, and where its data is.
type xcfParasite struct {
	name   string
	off, n int64
}

// xcfImage is what the header and the properties of an XCF file say.
type xcfImage struct {
	version       string
	width, height uint32
	xres, yres    float64
	parasites     []xcfParasite
}

// readXCF reads the header and the image properties of an XCF file, each
// length checked against the file before it is followed.
func readXCF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (*xcfImage, error) {
	var h [xcfHeaderLen + 16]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, fmt.Errorf("%w: xcf: %v", ErrFormat, err)
	}
	if !bytes.HasPrefix(h[:], []byte("gimp xcf ")) || h[13] != 0 {
		return nil, fmt.Errorf("%w: xcf: not an XCF file", ErrFormat)
	}
	be := binary.BigEndian
	img := &xcfImage{version: string(h[9:13]), width: be.Uint32(h[14:]), height: be.Uint32(h[18:])}
	pos := int64(xcfHeaderLen + 12)
	if v := img.version; strings.HasPrefix(v, "v") && v >= "v004" {
		pos += 4 // precision
	}
	for i := 0; ; i++ {
		if i >= min(maxXCFProperties, lim.MaxRecords) {
			return img, fmt.Errorf("%w: xcf: more than %d image properties", ErrLimit, min(maxXCFProperties, lim.MaxRecords))
		}
		if err := ctx.Err(); err != nil {
			return img, err
		}
		var p [8]byte
		if pos+8 > size {
			return img, fmt.Errorf("%w: xcf: image properties end at %d without their last", ErrFormat, pos)
		}
		if _, err := r.ReadAt(p[:], pos); err != nil {
			return img, fmt.Errorf("%w: xcf: %v", ErrFormat, err)
		}
		typ, n := be.Uint32(p[:]), int64(be.Uint32(p[4:]))
		if typ == xcfPropEnd {
			return img, nil
		}
		if n > size-pos-8 {
			return img, fmt.Errorf("%w: xcf: property %d of %d bytes runs past the file", ErrFormat, typ, n)
		}
		switch typ {
		case xcfPropResolution:
			var b [8]byte
			if n == 8 {
				if _, err := r.ReadAt(b[:], pos+8); err == nil {
					img.xres = float64(math.Float32frombits(be.Uint32(b[:])))
					img.yres = float64(math.Float32frombits(be.Uint32(b[4:])))
				}
			}
		case xcfPropParasites:
			if err := img.readParasites(r, pos+8, n, lim); err != nil {
				return img, err
			}
		}
		pos += 8 + n
	}
}

// readParasites reads the list of parasites in r[off:off+n].
func (img *xcfImage) readParasites(r io.ReaderAt, off, n int64, lim Limits) error {
	be := binary.BigEndian
	end := off + n
	for pos := off; pos < end; {
		if len(img.parasites) >= lim.MaxRecords {
			return fmt.Errorf("%w: xcf: more than %d parasites", ErrLimit, lim.MaxRecords)
		}
		var b [4]byte
		if pos+4 > end {
			return fmt.Errorf("%w: xcf: truncated parasite", ErrFormat)
		}
		if _, err := r.ReadAt(b[:], pos); err != nil {
			return fmt.Errorf("%w: xcf: %v", ErrFormat, err)
		}
		nl := int64(be.Uint32(b[:]))
		if nl > 256 || nl > end-pos-4-8 {
			return fmt.Errorf("%w: xcf: parasite name of %d bytes", ErrFormat, nl)
		}
		name := make([]byte, nl+8) // at most 264 bytes
		if _, err := r.ReadAt(name, pos+4); err != nil {
			return fmt.Errorf("%w: xcf: %v", ErrFormat, err)
		}
		dn := int64(be.Uint32(name[nl+4:]))
		at := pos + 4 + nl + 8
		if dn > end-at {
			return fmt.Errorf("%w: xcf: parasite %q of %d bytes runs past its property", ErrFormat, bytes.TrimRight(name[:nl], "\x00"), dn)
		}
		img.parasites = append(img.parasites, xcfParasite{name: string(bytes.TrimRight(name[:nl], "\x00")), off: at, n: dn})
		pos = at + dn
	}
	return nil
}

// parasite returns the first parasite named name.
func (img *xcfImage) parasite(name string) (xcfParasite, bool) {
	for _, p := range img.parasites {
		if p.name == name {
			return p, true
		}
	}
	return xcfParasite{}, false
}

// xcfEXIF finds the EXIF block of an XCF file: its exif-data parasite,
// "Exif\0\0" then the TIFF structure.
func xcfEXIF(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (exifBlock, error) {
	img, err := readXCF(ctx, r, size, lim)
	if img == nil {
		return exifBlock{}, err
	}
	p, ok := img.parasite(xcfParasiteEXIF)
	if !ok {
		if err == nil {
			err = fmt.Errorf("%w: xcf: no exif-data parasite", ErrNoRecord)
		}
		return exifBlock{}, err
	}
	var id [6]byte
	if p.n > 6 {
		if _, e := r.ReadAt(id[:], p.off); e == nil && string(id[:]) == "Exif\x00\x00" {
			p.off, p.n = p.off+6, p.n-6
		}
	}
	return exifBlock{r, p.off, p.n}, err
}

type xcfExtractor struct{}

// NewXCF returns the extractor of GIMP's XCF images: the version, size and
// resolution of the header, and the comment parasite. The EXIF of the
// exif-data parasite is read by NewEXIF, an XMP packet by NewXMP.
func NewXCF() Extractor { return xcfExtractor{} }

// Name implements Extractor.
func (xcfExtractor) Name() string { return "xcf" }

// Version implements Extractor.
func (xcfExtractor) Version() string { return "1" }

// Accepts implements Extractor.
func (xcfExtractor) Accepts(t identify.Type) bool { return t.MIME == "image/x-xcf" }

// Extract implements Extractor.
func (xcfExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	img, err := readXCF(ctx, in.R, in.Size, lim)
	if img == nil {
		return nil, err
	}
	res := &Result{}
	if err != nil {
		res.Warnings = append(res.Warnings, err)
	}
	raw := map[string]any{"XCFVersion": img.version, "ImageWidth": int64(img.width), "ImageHeight": int64(img.height)}
	if img.xres > 0 && img.xres < 1e6 {
		raw["XResolution"], raw["YResolution"] = img.xres, img.yres
	}
	if p, ok := img.parasite(xcfParasiteComment); ok && p.n > 0 {
		b := make([]byte, min(p.n, lim.MaxRecordBytes, maxRawString)) // bounded twice
		if _, e := in.R.ReadAt(b, p.off); e != nil {
			res.Warnings = append(res.Warnings, fmt.Errorf("%w: xcf: %v", ErrFormat, e))
		} else {
			raw["Comment"] = strings.TrimRight(exifText(b), "\x00")
		}
	}
	res.Metadata.Raw = raw
	return res, nil
}
