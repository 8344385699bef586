package meta

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/proofpack/proofpack/evidence/identify"
)

// xmpDocumentType reports whether files of this MIME type are read by
// extractXMPDocument: XMP standing alone (an .xmp sidecar, an RDF
// document) and SVG images, whose <metadata> holds RDF.
func xmpDocumentType(mime string) bool {
	return mime == identify.MIMEXMP || mime == "image/svg+xml"
}

// extractXMPDocument reads a document whose XMP is not wrapped in a
// container: the whole file, up to Limits.MaxRecordBytes, in UTF-8 or
// UTF-16. The first rdf:RDF element is read in the context of the
// document, so that namespaces declared on an SVG root element apply;
// when the document does not parse (an SVG with entities of its own), an
// x:xmpmeta packet found in it is read alone. Of an SVG image only the
// first XMPScanWindow bytes are looked at, where drawing programs put
// <metadata>; one without RDF there holds no record, and is not parsed.
func extractXMPDocument(ctx context.Context, in Input, lim Limits) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	svg := in.Type.MIME == "image/svg+xml"
	n := min(in.Size, lim.MaxRecordBytes)
	if svg {
		n = min(n, XMPScanWindow)
	}
	if n <= 0 {
		return nil, fmt.Errorf("%w: xmp: empty document", ErrFormat)
	}
	buf := make([]byte, n) // bounded by Limits.MaxRecordBytes
	k, err := in.R.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: xmp: %v", ErrFormat, err)
	}
	doc := buf[:k]
	if enc := textEncoding(in.Type.Charset); enc != nil && !strings.HasPrefix(in.Type.Charset, "utf-16") {
		// An RDF document in a legacy charset (an RSS 1.0 feed in
		// EUC-JP): encoding/xml reads UTF-8 only.
		if d, err := enc.NewDecoder().Bytes(doc); err == nil {
			doc = d
		}
	}
	doc = xmpUTF8(doc, lim)
	if svg && !bytes.Contains(doc, []byte(xmpRDFNS)) && ScanXMP(doc) == nil {
		return nil, fmt.Errorf("%w: xmp: no RDF metadata", ErrNoRecord)
	}
	res := &Result{}
	if in.Size > n && !svg {
		res.Warnings = append(res.Warnings, fmt.Errorf("%w: xmp: document of %d bytes, the first %d read", ErrLimit, in.Size, n))
	}
	root, perr := xmpTree(doc, lim, true)
	raw := xmpProperties(root, lim)
	if len(raw) == 0 {
		if p := ScanXMP(doc); p != nil {
			raw, _, perr = ParseXMP(p, lim)
		}
	}
	if len(raw) == 0 {
		switch {
		case perr != nil:
			return nil, errors.Join(append(res.Warnings, perr)...)
		case in.Type.MIME == identify.MIMEXMP:
			return nil, errors.Join(append(res.Warnings, fmt.Errorf("%w: xmp: document has no properties", ErrFormat))...)
		}
		return nil, fmt.Errorf("%w: xmp: no RDF metadata", ErrNoRecord)
	}
	if perr != nil {
		res.Warnings = append(res.Warnings, perr)
	}
	res.Metadata = normaliseXMP(raw)
	res.Metadata.Raw = raw
	return res, nil
}
