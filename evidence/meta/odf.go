package meta

import (
	"context"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/proofpack/proofpack/evidence/identify"
)

// odfMIMEs are the types NewODF reads: text, spreadsheet, presentation and
// drawing documents and their templates.
var odfMIMEs = map[string]bool{
	odfMIMEPrefix + "text":                  true,
	odfMIMEPrefix + "text-template":         true,
	odfMIMEPrefix + "spreadsheet":           true,
	odfMIMEPrefix + "spreadsheet-template":  true,
	odfMIMEPrefix + "presentation":          true,
	odfMIMEPrefix + "presentation-template": true,
	odfMIMEPrefix + "graphics":              true,
	odfMIMEPrefix + "graphics-template":     true,
}

const odfMIMEPrefix = "application/vnd.oasis.opendocument."

// ODF namespaces the extractor tells apart.
const (
	odfNSText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odfNSOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	odfNSMeta   = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
	odfNSDC     = "http://purl.org/dc/elements/1.1/"
	odfNSXLink  = "http://www.w3.org/1999/xlink"
)

// odfPrefixes are the conventional prefixes of the meta.xml namespaces,
// used for the Raw keys whatever prefix the file declares.
var odfPrefixes = map[string]string{odfNSMeta: "meta", odfNSDC: "dc", odfNSOffice: "office"}

// odfExtractor reads OpenDocument packages.
type odfExtractor struct{}

// NewODF returns the extractor of OpenDocument packages (odt, ods, odp,
// odg and their templates). It reads meta.xml (initial creator, last
// modifier, dates, title, generator, template, user-defined fields,
// editing duration and cycles, statistics), and from content.xml the body
// text (paragraphs and headings), the hyperlinks, and the authors of
// annotations and tracked changes. Parts the manifest marks as encrypted
// are reported with ErrEncrypted.
//
// Metadata gets Authors from meta:initial-creator, LastModifiedBy from
// dc:creator, Software from meta:generator, Created from
// meta:creation-date, Modified from dc:date, Title from dc:title, and
// Organisation from a user-defined field "Company" (where LibreOffice
// keeps the Company of an OOXML file it converted).
// LibreOffice writes its dates in local time without a zone: they come
// out without offset, and TZOffset stays empty unless a date has a
// numeric one. A date in UTC ("Z", as SheetJS and other libraries write
// them whatever the author's zone) keeps its "Z" but sets no TZOffset
// either, as in OOXML.
func NewODF() Extractor { return odfExtractor{} }

// Name implements Extractor.
func (odfExtractor) Name() string { return "odf" }

// Version implements Extractor.
func (odfExtractor) Version() string { return "1" }

// Accepts implements Extractor.
func (odfExtractor) Accepts(t identify.Type) bool { return odfMIMEs[t.MIME] }

// odfRun is the state of one extraction.
type odfRun struct {
	p         *officePackage
	lim       Limits
	raw       map[string]any
	text      officeText
	encrypted map[string]bool
	read      int
}

// Extract implements Extractor.
func (odfExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	p, err := openOfficePackage(in, lim)
	if err != nil {
		return nil, err
	}
	r := &odfRun{p: p, lim: lim, raw: map[string]any{}, text: officeText{max: lim.MaxTextBytes}, encrypted: map[string]bool{}}
	for _, step := range []func(context.Context) error{r.manifest, r.meta, r.content} {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	if r.read == 0 && len(r.raw) == 0 {
		if len(r.encrypted) > 0 {
			return nil, fmt.Errorf("%w: ODF parts are encrypted", ErrEncrypted)
		}
		if len(p.warnings) > 0 {
			return nil, fmt.Errorf("%w: no readable ODF part: %w", ErrFormat, p.warnings[0])
		}
		return nil, fmt.Errorf("%w: no ODF meta or content part", ErrFormat)
	}
	if len(r.encrypted) > 0 {
		r.raw["EncryptedParts"] = int64(len(r.encrypted))
	}
	res := &Result{Warnings: p.warnings, Text: r.text.String(), TextTruncated: r.text.truncated}
	res.Metadata = r.normalise()
	return res, nil
}

// normalise fills the normalised fields from raw.
func (r *odfRun) normalise() Metadata {
	m := Metadata{Raw: r.raw}
	str := func(k string) string { s, _ := r.raw[k].(string); return strings.TrimSpace(s) }
	if c := str("meta:initial-creator"); c != "" {
		m.Authors = []string{c}
	}
	m.LastModifiedBy = str("dc:creator")
	m.Software = str("meta:generator")
	m.Title = str("dc:title")
	if user, ok := r.raw["meta:user-defined"].(map[string]any); ok {
		// LibreOffice keeps the Company of an OOXML file it converted as a
		// user-defined field of that name.
		if c, ok := user["Company"].(string); ok {
			m.Organisation = strings.TrimSpace(c)
		}
	}
	var offsets []string
	m.Created, offsets = officeDate(str("meta:creation-date"), offsets)
	m.Modified, offsets = officeDate(str("dc:date"), offsets)
	if len(offsets) > 0 {
		m.TZOffset = offsets[0]
	}
	return m
}

// parse reads one part unless the manifest says it is encrypted.
func (r *odfRun) parse(ctx context.Context, name string, fn func(x *officeXML) error) error {
	if r.encrypted[name] {
		r.p.warn(fmt.Errorf("%w: part %s", ErrEncrypted, name))
		return nil
	}
	ok, err := r.p.parse(ctx, name, fn)
	if ok {
		r.read++
	}
	return err
}

// manifest reads META-INF/manifest.xml for the parts that carry
// encryption data.
func (r *odfRun) manifest(ctx context.Context) error {
	var entry string
	_, err := r.p.parse(ctx, "META-INF/manifest.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			switch e.Name.Local {
			case "file-entry":
				entry, _ = officeAttr(e, "full-path")
			case "encryption-data":
				if entry != "" && len(r.encrypted) < r.lim.MaxRecords {
					r.encrypted[entry] = true
				}
			}
		}
		return nil
	})
	return err
}

// setRaw stores a string value, cut at officeMaxValue.
func (r *odfRun) setRaw(key, v string) {
	v, cut := officeCut(v)
	if cut {
		r.p.warn(fmt.Errorf("%w: %s cut at %d bytes", ErrLimit, key, officeMaxValue))
	}
	r.raw[key] = v
}

// odfKey is the Raw key of an element: "meta:initial-creator".
func odfKey(n xml.Name) string {
	if pfx, ok := odfPrefixes[n.Space]; ok {
		return pfx + ":" + n.Local
	}
	return n.Local
}

// meta reads meta.xml: the children of office:meta.
func (r *odfRun) meta(ctx context.Context) error {
	vals := map[string]*strings.Builder{}
	var order []string
	keywords := newOfficeValues(r.lim.MaxRecords)
	user := map[string]any{}
	var userName, userType string
	var userVal strings.Builder
	err := r.parse(ctx, "meta.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			if x.depth() != 3 {
				return
			}
			switch e.Name.Local {
			case "user-defined":
				userName, _ = officeAttr(e, "name")
				userType, _ = officeAttr(e, "value-type")
				userVal.Reset()
			case "document-statistic":
				stats := map[string]any{}
				for _, a := range e.Attr {
					if n, err := strconv.ParseInt(a.Value, 10, 64); err == nil && len(stats) < r.lim.MaxRecords {
						stats[a.Name.Local] = n
					}
				}
				r.raw["meta:document-statistic"] = stats
			case "template", "auto-reload", "hyperlink-behaviour":
				attrs := map[string]any{}
				for _, a := range e.Attr {
					if len(attrs) < r.lim.MaxRecords {
						v, _ := officeCut(a.Value)
						attrs[a.Name.Local] = v
					}
				}
				r.raw[odfKey(e.Name)] = attrs
			}
		}
		x.onText = func(x *officeXML, s string) {
			if x.depth() < 3 {
				return
			}
			n := x.stack[2]
			switch n.Local {
			case "user-defined":
				if userVal.Len() <= officeMaxValue {
					userVal.WriteString(s)
				}
				return
			case "keyword":
				keywords.add(s, false)
				return
			}
			key := odfKey(n)
			b, ok := vals[key]
			if !ok {
				if len(vals) >= r.lim.MaxRecords {
					return
				}
				b = &strings.Builder{}
				vals[key] = b
				order = append(order, key)
			}
			if b.Len() <= officeMaxValue {
				b.WriteString(s)
			}
		}
		x.onEnd = func(x *officeXML, e xml.EndElement) {
			if x.depth() == 3 && e.Name.Local == "user-defined" && userName != "" && len(user) < r.lim.MaxRecords {
				userName, _ = officeCut(userName)
				user[userName] = odfUserValue(userType, userVal.String())
			}
		}
		return nil
	})
	for _, k := range order {
		r.setRaw(k, strings.TrimSpace(vals[k].String()))
	}
	if len(keywords.list) > 0 {
		r.raw["meta:keyword"] = keywords.list
	}
	if len(user) > 0 {
		r.raw["meta:user-defined"] = user
	}
	return err
}

// odfUserValue types a meta:user-defined value by its meta:value-type.
func odfUserValue(typ, s string) any {
	t := strings.TrimSpace(s)
	switch typ {
	case "float", "percentage":
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return f
		}
	case "boolean":
		if b, err := strconv.ParseBool(t); err == nil {
			return b
		}
	}
	s, _ = officeCut(s)
	return s
}

// content reads content.xml: the text of paragraphs and headings (line
// breaks, tabs and runs of spaces kept), hyperlinks, and the creators of
// annotations and tracked changes.
func (r *odfRun) content(ctx context.Context) error {
	annot := newOfficeValues(r.lim.MaxRecords)
	changes := newOfficeValues(r.lim.MaxRecords)
	links := newOfficeValues(r.lim.MaxRecords)
	err := r.parse(ctx, "content.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			if e.Name.Space == odfNSText {
				switch e.Name.Local {
				case "s":
					n := 1
					if c, ok := officeAttr(e, "c"); ok {
						if v, err := strconv.Atoi(c); err == nil && v > 0 {
							n = min(v, 1024)
						}
					}
					r.text.write(strings.Repeat(" ", n))
				case "tab":
					r.text.write("\t")
				case "line-break":
					r.text.write("\n")
				}
			}
			for _, a := range e.Attr {
				if a.Name.Space == odfNSXLink && a.Name.Local == "href" && !strings.HasPrefix(a.Value, "#") &&
					!strings.HasPrefix(a.Value, "./") && !strings.HasPrefix(a.Value, "Pictures/") {
					links.add(a.Value, true)
				}
			}
		}
		x.onEnd = func(x *officeXML, e xml.EndElement) {
			if e.Name.Space == odfNSText && (e.Name.Local == "p" || e.Name.Local == "h") &&
				!x.inside("tracked-changes") && !x.inside("annotation") {
				r.text.newline()
			}
		}
		x.onText = func(x *officeXML, s string) {
			inner := x.stack[len(x.stack)-1]
			if inner.Space == odfNSDC && inner.Local == "creator" {
				switch {
				case x.inside("annotation"):
					annot.add(s, true)
				case x.inside("changed-region"):
					changes.add(s, true)
				}
				return
			}
			// Deleted text (kept in tracked-changes) and annotations are
			// not part of the body, as in the OOXML extractor.
			if inner.Space == odfNSText && (x.inside("p") || x.inside("h")) &&
				!x.inside("tracked-changes") && !x.inside("annotation") {
				r.text.write(s)
			}
		}
		return nil
	})
	if len(annot.list) > 0 {
		r.raw["AnnotationAuthors"] = annot.list
	}
	if len(changes.list) > 0 {
		r.raw["TrackedChangeAuthors"] = changes.list
	}
	if len(links.list) > 0 {
		r.raw["Links"] = links.list
	}
	return err
}
