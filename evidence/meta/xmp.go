package meta

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/proofpack/proofpack/evidence/identify"
)

// Bounds of the XMP reader.
const (
	// XMPScanWindow is how far into a file ScanXMP-based extraction looks
	// for a packet when the container does not say where it is: writers
	// put the packet near the start, and scanning further would read whole
	// images for nothing.
	XMPScanWindow = 1 << 20
	// maxXMPDepth caps element nesting. RDF needs about ten levels; a
	// packet nested thousands deep is an attack on the parser's stack.
	maxXMPDepth = 64
	// xmpTokensPerRecord is how many XML tokens one property may take on
	// average (start, text, end, and list items): the token budget of a
	// packet is this times Limits.MaxRecords.
	xmpTokensPerRecord = 8
)

// Namespaces of XMP, by the prefix exiftool and Adobe use. Properties are
// named with these prefixes whatever prefix the file declares.
var xmpPrefixes = map[string]string{
	"http://purl.org/dc/elements/1.1/":                     "dc",
	"http://ns.adobe.com/xap/1.0/":                         "xmp",
	"http://ns.adobe.com/xap/1.0/mm/":                      "xmpMM",
	"http://ns.adobe.com/xap/1.0/rights/":                  "xmpRights",
	"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#":     "stEvt",
	"http://ns.adobe.com/xap/1.0/sType/ResourceRef#":       "stRef",
	"http://ns.adobe.com/photoshop/1.0/":                   "photoshop",
	"http://ns.adobe.com/tiff/1.0/":                        "tiff",
	"http://ns.adobe.com/exif/1.0/":                        "exif",
	"http://cipa.jp/exif/1.0/":                             "exifEX",
	"http://ns.adobe.com/exif/1.0/aux/":                    "aux",
	"http://ns.adobe.com/pdf/1.3/":                         "pdf",
	"http://ns.adobe.com/pdfx/1.3/":                        "pdfx",
	"http://ns.adobe.com/camera-raw-settings/1.0/":         "crs",
	"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/":          "Iptc4xmpCore",
	"http://iptc.org/std/Iptc4xmpExt/2008-02-29/":          "Iptc4xmpExt",
	"http://ns.microsoft.com/photo/1.0/":                   "MicrosoftPhoto",
	"http://ns.google.com/photos/1.0/camera/":              "GCamera",
	"http://ns.adobe.com/xmp/1.0/DynamicMedia/":            "xmpDM",
	"http://www.aiim.org/pdfa/ns/id/":                      "pdfaid",
	"http://ns.adobe.com/xap/1.0/t/pg/":                    "xmpTPg",
	"http://ns.adobe.com/illustrator/1.0/":                 "illustrator",
	"http://ns.useplus.org/ldf/xmp/1.0/":                   "plus",
	"http://ns.adobe.com/xmp/note/":                        "xmpNote",
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#":          "rdf",
	"http://www.w3.org/XML/1998/namespace":                 "xml",
	"adobe:ns:meta/":                                       "x",
	"http://ns.adobe.com/xap/1.0/g/img/":                   "xmpGImg",
	"http://ns.adobe.com/xap/1.0/sType/Version#":           "stVer",
	"http://ns.adobe.com/xap/1.0/bj/":                      "xmpBJ",
	"http://ns.adobe.com/xap/1.0/sType/Job#":               "stJob",
	"http://ns.adobe.com/photoshop/1.0/camera-profile":     "stCamera",
	"http://ns.adobe.com/xmp/sType/Area#":                  "stArea",
	"http://www.metadataworkinggroup.com/schemas/regions/": "mwg-rs",
}

const xmpRDFNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

// xmpExtractor reads XMP packets of images.
type xmpExtractor struct{}

// NewXMP returns the extractor of XMP packets: the JPEG APP1 packet
// (under its standard signature and the variants writers use, with the
// extended XMP its main packet points to), the PNG text chunk
// XML:com.adobe.xmp, TIFF tag 700, the WebP "XMP " chunk, and for GIF,
// HEIF and any container where none of these is found, a scan of the
// first XMPScanWindow bytes. XMP standing alone (an .xmp sidecar, an RDF
// document) and the <metadata> of SVG images are read as documents, the
// whole file up to Limits.MaxRecordBytes. Packets in UTF-16 are read as
// well as UTF-8 ones.
func NewXMP() Extractor { return xmpExtractor{} }

// Name implements Extractor.
func (xmpExtractor) Name() string { return "xmp" }

// Version implements Extractor.
func (xmpExtractor) Version() string { return "2" }

// Accepts implements Extractor.
func (xmpExtractor) Accepts(t identify.Type) bool {
	switch t.MIME {
	case "image/jpeg", "image/tiff", "image/png", "image/webp", "image/heic", "image/heif", "image/avif", "image/gif",
		"image/x-canon-cr2", "image/x-canon-cr3", "image/x-panasonic-rw2", "image/x-olympus-orf", "image/x-fujifilm-raf",
		"image/vnd.adobe.photoshop", "image/jp2", "image/jxl", "image/vnd.ms-photo", "image/x-exv", "image/pgf",
		"application/postscript", "application/x-indesign", "image/x-xcf", "image/x-miff":
		return true
	}
	return xmpDocumentType(t.MIME)
}

// Extract implements Extractor.
func (xmpExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	if xmpDocumentType(in.Type.MIME) {
		return extractXMPDocument(ctx, in, lim)
	}
	res := &Result{}
	packet, err := locateXMP(ctx, in, lim)
	if err != nil {
		res.Warnings = append(res.Warnings, err)
	}
	if packet == nil && err == nil && structuredXMP(in.Type.MIME) {
		// The format says where XMP lives and it is not there: scanning a
		// megabyte of a photo for a packet that readers would not see
		// costs more than it finds.
		return nil, fmt.Errorf("%w: xmp: no XMP packet", ErrNoRecord)
	}
	if packet == nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		packet, err = scanXMPWindow(in, lim)
		if err != nil {
			return nil, err
		}
	}
	if packet == nil {
		return nil, fmt.Errorf("%w: xmp: no XMP packet", ErrNoRecord)
	}
	raw, md, err := ParseXMP(packet, lim)
	if err != nil {
		if len(raw) == 0 {
			return nil, err
		}
		res.Warnings = append(res.Warnings, err)
	}
	if guid, ok := raw["xmpNote:HasExtendedXMP"].(string); ok && isJPEG(in) {
		// The properties that did not fit the main packet's 64 KiB.
		more, err := readExtendedXMP(ctx, in, lim, guid)
		if err != nil {
			res.Warnings = append(res.Warnings, err)
		}
		if more != nil {
			extra, _, err := ParseXMP(more, lim)
			if err != nil {
				res.Warnings = append(res.Warnings, err)
			}
			for k, v := range extra {
				if _, ok := raw[k]; !ok {
					raw[k] = v
				}
			}
			md = normaliseXMP(raw)
		}
	}
	res.Metadata = md
	res.Metadata.Raw = raw
	return res, nil
}

// locateXMP reads the packet from where the container keeps it; nil when
// the container has no such place or it is empty.
func locateXMP(ctx context.Context, in Input, lim Limits) ([]byte, error) {
	var head [16]byte
	k, _ := in.R.ReadAt(head[:], 0)
	h := head[:k]
	var off, n int64 = -1, 0
	var err error
	switch {
	case bytes.HasPrefix(h, []byte{0xff, 0xd8}):
		off, n, err = jpegXMP(ctx, in.R, 2, in.Size)
	case bytes.HasPrefix(h, exvSignature):
		off, n, err = jpegXMP(ctx, in.R, int64(len(exvSignature)), in.Size)
	case bytes.HasPrefix(h, []byte("FUJIFILMCCD-RAW ")):
		var jpg *io.SectionReader
		if jpg, err = rafJPEG(in.R, in.Size); err == nil {
			if off, n, err = jpegXMP(ctx, jpg, 2, jpg.Size()); off >= 0 {
				_, base, _ := jpg.Outer()
				off += base
			}
		}
	case bytes.HasPrefix(h, []byte("PGF")):
		png, err := pgfPNG(in.R, in.Size)
		if png == nil {
			return nil, err
		}
		return locateXMP(ctx, Input{Name: in.Name, Type: in.Type, R: png, Size: png.Size()}, lim)
	case bytes.HasPrefix(h, []byte("8BPS")):
		off, n, err = psdResource(ctx, in.R, in.Size, lim, psdResourceXMP)
		if n == 0 {
			off = -1
		}
	case bytes.HasPrefix(h, []byte("\x00\x00\x00\x0cjP  ")), bytes.HasPrefix(h, []byte("\x00\x00\x00\x0cJXL ")),
		len(h) >= 12 && string(h[4:12]) == "ftypcrx ":
		off, n, err = boxXMP(ctx, in.R, in.Size, lim)
	case bytes.HasPrefix(h, pngSignature):
		var packet []byte
		err = walkPNG(ctx, in.R, in.Size, lim, func(c pngChunk) (bool, error) {
			if c.typ != "iTXt" && c.typ != "tEXt" && c.typ != "zTXt" {
				return c.typ != "IEND", nil
			}
			var kw [len(pngProfileXMP) + 1]byte
			if c.n < int64(len(kw)) {
				return true, nil
			}
			if _, e := in.R.ReadAt(kw[:], c.off); e != nil {
				return true, nil
			}
			profile := string(kw[:]) == pngProfileXMP+"\x00"
			if !profile && string(kw[:len(xmpPNGKeyword)+1]) != xmpPNGKeyword+"\x00" {
				return true, nil
			}
			if c.n > lim.MaxRecordBytes {
				return false, fmt.Errorf("%w: xmp: PNG chunk of %d bytes", ErrLimit, c.n)
			}
			data := make([]byte, c.n) // bounded just above
			if _, e := in.R.ReadAt(data, c.off); e != nil {
				return false, fmt.Errorf("%w: xmp: %v", ErrFormat, e)
			}
			_, text, e := pngText(c.typ, data, lim)
			if e != nil {
				return false, e
			}
			if profile {
				// ImageMagick's raw profile: the packet in hexadecimal.
				packet, e = decodeRawProfile(text, lim)
				return false, e
			}
			packet = []byte(text)
			return false, nil
		})
		if packet != nil {
			return packet, err
		}
	case tiffHeader(h) && !bigTIFFHeader(h), bytes.HasPrefix(h, []byte("II\xbc\x01")):
		// Classic TIFF, the TIFF of camera raw files, JPEG XR.
		off, n, err = tiffXMPTag(in.R, in.Size)
	case len(h) >= 12 && string(h[:4]) == "RIFF" && string(h[8:12]) == "WEBP":
		err = walkRIFF(ctx, in.R, in.Size, lim, func(fourcc string, o, l int64) (bool, error) {
			if fourcc == "XMP " {
				off, n = o, l
				return false, nil
			}
			return true, nil
		})
	}
	if off < 0 || n <= 0 {
		return nil, err
	}
	if n > lim.MaxRecordBytes {
		return nil, errors.Join(err, fmt.Errorf("%w: xmp: packet of %d bytes", ErrLimit, n))
	}
	packet := make([]byte, n) // bounded just above
	if _, e := in.R.ReadAt(packet, off); e != nil {
		return nil, errors.Join(err, fmt.Errorf("%w: xmp: %v", ErrFormat, e))
	}
	return packet, err
}

// tiffXMPTag finds tag 700 (XMLPacket) in IFD0 of a TIFF file.
func tiffXMPTag(r io.ReaderAt, size int64) (int64, int64, error) {
	var h [8]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return -1, 0, fmt.Errorf("%w: xmp: %v", ErrFormat, err)
	}
	var order binary.ByteOrder = binary.LittleEndian
	if h[0] == 'M' {
		order = binary.BigEndian
	}
	ifd := int64(order.Uint32(h[4:]))
	var c [2]byte
	if ifd < 8 || ifd+2 > size {
		return -1, 0, fmt.Errorf("%w: xmp: IFD0 offset %d outside the file", ErrFormat, ifd)
	}
	if _, err := r.ReadAt(c[:], ifd); err != nil {
		return -1, 0, fmt.Errorf("%w: xmp: %v", ErrFormat, err)
	}
	count := int64(order.Uint16(c[:]))
	if ifd+2+12*count > size {
		return -1, 0, fmt.Errorf("%w: xmp: IFD0 runs past the file", ErrFormat)
	}
	entries := make([]byte, 12*count) // at most 786 420 bytes
	if _, err := r.ReadAt(entries, ifd+2); err != nil {
		return -1, 0, fmt.Errorf("%w: xmp: %v", ErrFormat, err)
	}
	for i := int64(0); i < count; i++ {
		e := entries[12*i:]
		if order.Uint16(e) != tagXMP {
			continue
		}
		sz := tiffTypeSize(order.Uint16(e[2:]))
		n := sz * int64(order.Uint32(e[4:]))
		if sz != 1 || n <= 4 {
			return -1, 0, fmt.Errorf("%w: xmp: tag 700 of unexpected type", ErrFormat)
		}
		off := int64(order.Uint32(e[8:]))
		if off+n > size {
			return -1, 0, fmt.Errorf("%w: xmp: tag 700 runs past the file", ErrFormat)
		}
		return off, n, nil
	}
	return -1, 0, nil
}

// scanXMPWindow looks for a packet in the first XMPScanWindow bytes.
// structuredXMP reports whether the format has a defined place for its
// XMP packet, which locateXMP reads.
func structuredXMP(mime string) bool {
	switch mime {
	case "image/jpeg", "image/png", "image/tiff", "image/webp",
		"image/x-canon-cr2", "image/x-canon-cr3", "image/x-panasonic-rw2", "image/x-olympus-orf",
		"image/x-fujifilm-raf", "image/vnd.adobe.photoshop", "image/jp2", "image/jxl", "image/vnd.ms-photo", "image/x-exv",
		"image/pgf":
		return true
	}
	return false
}

func scanXMPWindow(in Input, lim Limits) ([]byte, error) {
	n := min(in.Size, XMPScanWindow, lim.MaxRecordBytes)
	if n <= 0 {
		return nil, nil
	}
	buf := make([]byte, n) // at most XMPScanWindow
	k, err := in.R.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: xmp: %v", ErrFormat, err)
	}
	p := ScanXMP(buf[:k])
	if p == nil {
		return nil, nil
	}
	return bytes.Clone(p), nil
}

// ScanXMP returns the first XMP packet of data: from "<x:xmpmeta" (or the
// older "<x:xapmeta") to the matching close tag, or from "<rdf:RDF" to
// "</rdf:RDF>" for bare packets. It returns nil when there is none. The
// result aliases data. Callers bound data themselves, typically to
// XMPScanWindow bytes or one decoded metadata stream.
func ScanXMP(data []byte) []byte {
	for _, p := range [][2]string{
		{"<x:xmpmeta", "</x:xmpmeta>"}, {"<x:xapmeta", "</x:xapmeta>"}, {"<rdf:RDF", "</rdf:RDF>"},
	} {
		i := bytes.Index(data, []byte(p[0]))
		if i < 0 {
			continue
		}
		j := bytes.Index(data[i:], []byte(p[1]))
		if j < 0 {
			continue
		}
		return data[i : i+j+len(p[1])]
	}
	return nil
}

// xmpNode is one element of a parsed packet.
type xmpNode struct {
	name  xml.Name
	attr  []xml.Attr
	kids  []*xmpNode
	text  strings.Builder
	depth int
}

// ParseXMP parses one XMP packet (the bytes from "<x:xmpmeta" or
// "<rdf:RDF" to its end tag; an "<?xpacket" wrapper is fine). It returns
// the properties as read, keyed by standard prefix and name
// ("dc:creator", "xmp:CreateDate"; lists as []string, structures as
// map[string]any), and the normalised fields they give: Authors from
// dc:creator, Title from dc:title, Software from xmp:CreatorTool (else
// pdf:Producer), Created from xmp:CreateDate (else photoshop:DateCreated,
// exif:DateTimeOriginal), Modified from xmp:ModifyDate, TZOffset from the
// zone of those dates, Organisation from a holder named in dc:rights, GPS
// from exif:GPSLatitude/GPSLongitude. Metadata.Raw is left nil for the
// caller to fill.
//
// Parsing is bounded: at most lim.MaxRecordBytes of input, maxXMPDepth
// levels of nesting and 8×lim.MaxRecords XML tokens. encoding/xml expands
// no external or DTD entities. On malformed XML the error wraps ErrFormat
// (or ErrLimit) and raw and the Metadata hold what was read before it.
func ParseXMP(packet []byte, lim Limits) (map[string]any, Metadata, error) {
	lim = lim.WithDefaults()
	packet = xmpUTF8(packet, lim)
	if p := ScanXMP(packet); p != nil {
		// What follows the packet's end tag (a cut "<?xpacket end",
		// the NULs that pad a segment) is not XMP.
		packet = p
	}
	root, perr := xmpTree(packet, lim, false)
	raw := xmpProperties(root, lim)
	md := normaliseXMP(raw)
	if len(raw) == 0 && perr == nil {
		perr = fmt.Errorf("%w: xmp: packet has no properties", ErrFormat)
	}
	return raw, md, perr
}

// xmpProperties collects the properties of every rdf:Description under
// root, and of every typed node (an element of rdf:RDF other than
// rdf:Description, such as the cc:Work of SVG images), the first value
// of a property winning.
func xmpProperties(root *xmpNode, lim Limits) map[string]any {
	raw := map[string]any{}
	if root == nil {
		return raw
	}
	add := func(props map[string]any) {
		for k, v := range props {
			if _, ok := raw[k]; !ok {
				raw[k] = v
			}
		}
	}
	for _, d := range xmpFindAll(root, xmpRDFNS, "Description", lim.MaxRecords) {
		add(xmpDescribe(d, 0))
	}
	for _, r := range xmpFindAll(root, xmpRDFNS, "RDF", lim.MaxRecords) {
		for _, k := range r.kids {
			if k.name.Space != xmpRDFNS {
				add(xmpDescribe(k, 0))
			}
		}
	}
	return raw
}

// xmpUTF8 returns packet in UTF-8: a packet in UTF-16, with or without a
// byte-order mark, is decoded (XMP allows UTF-16 and UTF-32; writers use
// UTF-16 when they use anything but UTF-8). Other packets are returned as
// they are.
func xmpUTF8(packet []byte, lim Limits) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(packet, []byte{0xFF, 0xFE}):
		order, packet = binary.LittleEndian, packet[2:]
	case bytes.HasPrefix(packet, []byte{0xFE, 0xFF}):
		order, packet = binary.BigEndian, packet[2:]
	case len(packet) >= 4 && packet[0] == '<' && packet[1] == 0 && packet[2] != 0 && packet[3] == 0:
		order = binary.LittleEndian
	case len(packet) >= 4 && packet[0] == 0 && packet[1] == '<' && packet[2] == 0 && packet[3] != 0:
		order = binary.BigEndian
	default:
		return packet
	}
	packet = packet[:min(int64(len(packet)), lim.MaxRecordBytes)&^1]
	u := make([]uint16, len(packet)/2) // bounded by the packet
	for i := range u {
		u[i] = order.Uint16(packet[2*i:])
	}
	return []byte(string(utf16.Decode(u)))
}

// xmpTree parses packet into a tree, within the bounds of ParseXMP. With
// rdfOnly (a whole document, such as an SVG image) only the first
// rdf:RDF element and what it holds are kept, and parsing stops at its
// end.
func xmpTree(packet []byte, lim Limits, rdfOnly bool) (*xmpNode, error) {
	d := xml.NewDecoder(io.LimitReader(bytes.NewReader(packet), lim.MaxRecordBytes))
	d.Strict = true
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		// XMP is UTF-8; a packet that says otherwise is read as UTF-8.
		return input, nil
	}
	root := &xmpNode{}
	stack := []*xmpNode{root}
	budget := xmpTokensPerRecord * lim.MaxRecords
	var textBytes int64
	outside := 0 // elements open around rdf:RDF, with rdfOnly
	for tokens := 0; ; {
		if tokens >= budget {
			return root, fmt.Errorf("%w: xmp: more than %d XML tokens", ErrLimit, budget)
		}
		tok, err := d.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return root, fmt.Errorf("%w: xmp: %v", ErrFormat, err)
		}
		top := stack[len(stack)-1]
		if !rdfOnly || len(stack) > 1 {
			// The document around rdf:RDF is not kept, and does not
			// count against the budget of the properties.
			tokens++
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if rdfOnly && len(stack) == 1 && (t.Name.Space != xmpRDFNS || t.Name.Local != "RDF") {
				outside++
				continue
			}
			if len(stack) > maxXMPDepth {
				return root, fmt.Errorf("%w: xmp: nesting deeper than %d", ErrLimit, maxXMPDepth)
			}
			n := &xmpNode{name: t.Name, attr: t.Attr, depth: len(stack)}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			switch {
			case len(stack) > 1:
				stack = stack[:len(stack)-1]
				if rdfOnly && len(stack) == 1 {
					return root, nil // the end of rdf:RDF
				}
			case outside > 0:
				outside--
			}
		case xml.CharData:
			if len(stack) > 1 && textBytes < lim.MaxRecordBytes {
				textBytes += int64(len(t))
				top.text.Write(t)
			}
		}
	}
}

// xmpFindAll returns the elements named space:local under n, depth first,
// at most limit of them.
func xmpFindAll(n *xmpNode, space, local string, limit int) []*xmpNode {
	var out []*xmpNode
	var visit func(*xmpNode)
	visit = func(n *xmpNode) {
		for _, k := range n.kids {
			if len(out) >= limit {
				return
			}
			if k.name.Space == space && k.name.Local == local {
				out = append(out, k)
				continue // nested descriptions are values, read by xmpDescribe
			}
			visit(k)
		}
	}
	visit(n)
	return out
}

// xmpPropName names a property by its namespace's standard prefix.
func xmpPropName(n xml.Name, prefixes map[string]string) string {
	if p, ok := xmpPrefixes[n.Space]; ok {
		return p + ":" + n.Local
	}
	if p, ok := prefixes[n.Space]; ok && p != "" {
		return p + ":" + n.Local
	}
	if n.Space == "" {
		return n.Local
	}
	return n.Space + n.Local
}

// xmpSyntaxAttr reports whether a is RDF or XML syntax, not a property.
func xmpSyntaxAttr(a xml.Attr) bool {
	return a.Name.Space == xmpRDFNS || a.Name.Space == "xmlns" || a.Name.Local == "xmlns" ||
		a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace"
}

// xmpDescribe reads the properties of an rdf:Description (or a structure
// written as one): attributes and child elements.
func xmpDescribe(n *xmpNode, depth int) map[string]any {
	out := map[string]any{}
	prefixes := map[string]string{}
	for _, a := range n.attr {
		if a.Name.Space == "xmlns" {
			prefixes[a.Value] = a.Name.Local
		}
	}
	for _, a := range n.attr {
		if xmpSyntaxAttr(a) {
			continue
		}
		out[xmpPropName(a.Name, prefixes)] = imgCutRaw(a.Value)
	}
	for _, k := range n.kids {
		if v := xmpValue(k, depth+1); v != nil {
			name := xmpPropName(k.name, prefixes)
			if _, dup := out[name]; !dup {
				out[name] = v
			}
		}
	}
	return out
}

// xmpValue reads the value of a property element: text, a resource, an
// array (rdf:Seq, rdf:Bag; rdf:Alt gives its x-default item) or a
// structure.
func xmpValue(n *xmpNode, depth int) any {
	if depth > maxXMPDepth {
		return nil
	}
	for _, a := range n.attr {
		if a.Name.Space == xmpRDFNS && a.Name.Local == "resource" {
			return imgCutRaw(a.Value)
		}
		if a.Name.Space == xmpRDFNS && a.Name.Local == "parseType" && a.Value == "Resource" {
			return xmpDescribe(n, depth)
		}
	}
	for _, k := range n.kids {
		if k.name.Space != xmpRDFNS {
			continue
		}
		switch k.name.Local {
		case "Seq", "Bag":
			var items []any
			allStrings := true
			for _, li := range k.kids {
				if li.name.Space != xmpRDFNS || li.name.Local != "li" {
					continue
				}
				v := xmpValue(li, depth+1)
				if v == nil {
					continue
				}
				if _, ok := v.(string); !ok {
					allStrings = false
				}
				items = append(items, v)
			}
			if allStrings {
				ss := make([]string, len(items))
				for i, v := range items {
					ss[i] = v.(string)
				}
				return ss
			}
			return items
		case "Alt":
			var first any
			for _, li := range k.kids {
				if li.name.Space != xmpRDFNS || li.name.Local != "li" {
					continue
				}
				v := xmpValue(li, depth+1)
				if first == nil {
					first = v
				}
				for _, a := range li.attr {
					if a.Name.Local == "lang" && a.Value == "x-default" {
						return v
					}
				}
			}
			return first
		case "Description":
			return xmpDescribe(k, depth)
		}
	}
	// Shorthand structure: property qualifiers as attributes, no text.
	hasProps := false
	for _, a := range n.attr {
		if !xmpSyntaxAttr(a) {
			hasProps = true
		}
	}
	if hasProps && strings.TrimSpace(n.text.String()) == "" && len(n.kids) == 0 {
		return xmpDescribe(n, depth)
	}
	if len(n.kids) > 0 && strings.TrimSpace(n.text.String()) == "" {
		return xmpDescribe(n, depth) // an unmarked structure
	}
	return imgCutRaw(strings.TrimSpace(n.text.String()))
}

// normaliseXMP fills the normalised fields from XMP properties, and adds
// HistorySoftwareAgent (the programs of xmpMM:History) to raw.
func normaliseXMP(raw map[string]any) Metadata {
	var md Metadata
	first := func(key string) string {
		v, ok := raw[key]
		if !ok {
			// Writers that misspell the case of a name (Getty's
			// "dc:Rights") are read as exiftool reads them.
			for k, kv := range raw {
				if strings.EqualFold(k, key) {
					v = kv
					break
				}
			}
		}
		switch v := v.(type) {
		case string:
			return strings.TrimSpace(v)
		case []string:
			if len(v) > 0 {
				return strings.TrimSpace(v[0])
			}
		}
		return ""
	}
	switch v := raw["dc:creator"].(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" {
			md.Authors = []string{s}
		}
	case []string:
		for _, s := range v {
			if s = strings.TrimSpace(s); s != "" {
				md.Authors = append(md.Authors, s)
			}
		}
	}
	md.Title = first("dc:title")
	md.Software = first("xmp:CreatorTool")
	if md.Software == "" {
		md.Software = first("pdf:Producer")
	}
	md.Organisation = copyrightHolder(first("dc:rights"))
	var tz string
	for _, k := range []string{"xmp:CreateDate", "photoshop:DateCreated", "exif:DateTimeOriginal"} {
		if t, zone, ok := xmpParseDate(first(k)); ok {
			md.Created = FormatTime(t, zone)
			if zone {
				tz = FormatOffset(zoneOffset(t))
			}
			break
		}
	}
	if t, zone, ok := xmpParseDate(first("xmp:ModifyDate")); ok {
		md.Modified = FormatTime(t, zone)
		if zone && tz == "" {
			tz = FormatOffset(zoneOffset(t))
		}
	}
	md.TZOffset = tz
	if h, ok := raw["xmpMM:History"].([]any); ok {
		var agents []string
		seen := map[string]bool{}
		for _, e := range h {
			if m, ok := e.(map[string]any); ok {
				if s, ok := m["stEvt:softwareAgent"].(string); ok && s != "" && !seen[s] {
					seen[s] = true
					agents = append(agents, s)
				}
			}
		}
		if len(agents) > 0 {
			raw["HistorySoftwareAgent"] = agents
		}
	}
	lat, ok1 := xmpParseCoord(first("exif:GPSLatitude"))
	lon, ok2 := xmpParseCoord(first("exif:GPSLongitude"))
	if ok1 && ok2 {
		md.GPS = &GPS{Lat: lat, Lon: lon}
	}
	return md
}

// xmpTimeLayouts are the ISO 8601 forms XMP dates take, zone first.
var xmpTimeLayouts = []struct {
	layout string
	zone   bool
}{
	{"2006-01-02T15:04:05.999999999Z07:00", true}, {"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04:05.999999999", false}, {"2006-01-02T15:04", false},
	{"2006-01-02", false}, {"2006-01", false}, {"2006", false},
	{"2006:01:02 15:04:05Z07:00", true}, {"2006:01:02 15:04:05", false},
}

// xmpParseDate parses an XMP date; zone says whether it carried one.
func xmpParseDate(s string) (time.Time, bool, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	for _, l := range xmpTimeLayouts {
		if t, err := time.ParseInLocation(l.layout, s, time.UTC); err == nil {
			return t, l.zone, true
		}
	}
	// "2015-01-22T00:00:00 +00:00": a space before the zone.
	if i := strings.LastIndexByte(s, ' '); i > 0 && i+1 < len(s) && strings.ContainsRune("+-Z", rune(s[i+1])) {
		return xmpParseDate(s[:i] + s[i+1:])
	}
	return time.Time{}, false, false
}

// xmpParseCoord parses an XMP GPS coordinate, "35,40.8N" or "35,40,48N"
// as XMP writes it, or written otherwise as text ("35.68", "35.68N").
func xmpParseCoord(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if d, ok := xmpParseDMSCoord(s); ok {
		return d, true
	}
	return parseTextCoord(s)
}

// xmpParseDMSCoord parses a coordinate in the form XMP specifies.
func xmpParseDMSCoord(s string) (float64, bool) {
	if len(s) < 2 {
		return 0, false
	}
	ref := s[len(s)-1]
	sign := 1.0
	switch ref {
	case 'N', 'E':
	case 'S', 'W':
		sign = -1
	default:
		return 0, false
	}
	parts := strings.Split(s[:len(s)-1], ",")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	d := 0.0
	for i, p := range parts {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
			return 0, false
		}
		d += f / math.Pow(60, float64(i))
	}
	if d > 180 {
		return 0, false
	}
	return sign * d, true
}
