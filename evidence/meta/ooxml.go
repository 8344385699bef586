package meta

import (
	"context"
	"encoding/xml"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/proofpack/proofpack/evidence/identify"
)

// ooxmlMIMEs are the types NewOOXML reads: Word, Excel and PowerPoint
// packages with their macro-enabled, template and slideshow variants, the
// binary workbook (its properties are XML like the others) and Visio
// drawings (same property parts).
var ooxmlMIMEs = map[string]bool{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.ms-word.document.macroEnabled.12":                          true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.template":   true,
	"application/vnd.ms-word.template.macroEnabled.12":                          true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.ms-excel.sheet.macroEnabled.12":                            true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.template":      true,
	"application/vnd.ms-excel.template.macroEnabled.12":                         true,
	"application/vnd.ms-excel.sheet.binary.macroEnabled.12":                     true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
	"application/vnd.ms-powerpoint.presentation.macroEnabled.12":                true,
	"application/vnd.openxmlformats-officedocument.presentationml.slideshow":    true,
	"application/vnd.ms-powerpoint.slideshow.macroEnabled.12":                   true,
	"application/vnd.openxmlformats-officedocument.presentationml.template":     true,
	"application/vnd.ms-powerpoint.template.macroEnabled.12":                    true,
	"application/vnd.ms-visio.drawing":                                          true,
}

// Conventional prefixes of the core-properties namespaces, used for the
// Raw keys whatever prefix the file declares.
var ooxmlCorePrefixes = map[string]string{
	"http://purl.org/dc/elements/1.1/":                                        "dc",
	"http://purl.org/dc/terms/":                                               "dcterms",
	"http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
	"http://purl.oclc.org/ooxml/package/metadata/core-properties":             "cp", // ISO 29500 strict
}

// ooxmlNumbers and ooxmlBools are the app.xml elements kept as numbers
// and booleans; the others are kept as strings.
var (
	ooxmlNumbers = map[string]bool{
		"TotalTime": true, "Pages": true, "Words": true, "Characters": true, "CharactersWithSpaces": true,
		"Lines": true, "Paragraphs": true, "Slides": true, "Notes": true, "HiddenSlides": true,
		"MMClips": true, "DocSecurity": true,
	}
	ooxmlBools = map[string]bool{
		"ScaleCrop": true, "LinksUpToDate": true, "SharedDoc": true, "HyperlinksChanged": true,
	}
)

// ooxmlExtractor reads Office Open XML packages.
type ooxmlExtractor struct{}

// NewOOXML returns the extractor of Office Open XML packages (docx, xlsx,
// pptx and their macro-enabled and template variants). It reads the core,
// extended and custom properties, the external targets of every
// relationship part (hyperlinks, attached templates, linked objects: they
// name intranet hosts and UNC paths), the attached template, sheet names,
// comment and tracked-change authors, and the body text of documents,
// workbooks and slides. A workbook's text is the cells of its sheets in
// workbook order, one line a row, a tab between cells, each cell as a CSV
// export writes it (numbers as stored, without their display format); the
// shared strings alone when no sheet can be read.
//
// Metadata gets Authors from dc:creator (comment and revision authors stay
// in Raw), LastModifiedBy, Organisation from Company, Software from
// "Application AppVersion", Created and Modified (W3CDTF, zone kept) and
// Title. TZOffset is set only when a date carries a numeric offset: Office
// writes "Z", which says nothing of the author's zone.
func NewOOXML() Extractor { return ooxmlExtractor{} }

// Name implements Extractor.
func (ooxmlExtractor) Name() string { return "ooxml" }

// Version implements Extractor.
func (ooxmlExtractor) Version() string { return "2" }

// Accepts implements Extractor.
func (ooxmlExtractor) Accepts(t identify.Type) bool { return ooxmlMIMEs[t.MIME] }

// ooxmlRel is one relationship of a part.
type ooxmlRel struct {
	id, typ, target string
	external        bool
}

// ooxmlRun is the state of one extraction.
type ooxmlRun struct {
	p    *officePackage
	lim  Limits
	raw  map[string]any
	text officeText
	// read counts the parts read well.
	read int
	// sheets are the worksheets xl/workbook.xml lists, in its order.
	sheets []xlsxSheet
	// cellsLeftOut reports cells left out of the text by a limit (shared
	// strings past those kept, a sheet read in part): the text is
	// incomplete.
	cellsLeftOut bool
}

// Extract implements Extractor.
func (ooxmlExtractor) Extract(ctx context.Context, in Input, lim Limits) (*Result, error) {
	lim = lim.WithDefaults()
	p, err := openOfficePackage(in, lim)
	if err != nil {
		return nil, err
	}
	r := &ooxmlRun{p: p, lim: lim, raw: map[string]any{}, text: officeText{max: lim.MaxTextBytes}}
	steps := []func(context.Context) error{
		r.core, r.app, r.custom, r.rels, r.settings, r.workbook, r.comments, r.people, r.document,
		r.spreadsheet, r.slides,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	res := &Result{Warnings: p.warnings}
	if r.read == 0 && len(r.raw) == 0 {
		if len(p.warnings) > 0 {
			return nil, fmt.Errorf("%w: no readable OOXML part: %w", ErrFormat, p.warnings[0])
		}
		return nil, fmt.Errorf("%w: no OOXML property or body part", ErrFormat)
	}
	res.Metadata = r.normalise()
	res.Text = r.text.String()
	res.TextTruncated = r.text.truncated || r.cellsLeftOut
	return res, nil
}

// normalise fills the normalised fields from raw.
func (r *ooxmlRun) normalise() Metadata {
	m := Metadata{Raw: r.raw}
	str := func(k string) string { s, _ := r.raw[k].(string); return strings.TrimSpace(s) }
	if c := str("dc:creator"); c != "" {
		m.Authors = []string{c}
	}
	m.LastModifiedBy = str("cp:lastModifiedBy")
	m.Organisation = str("Company")
	m.Title = str("dc:title")
	m.Software = strings.TrimSpace(str("Application") + " " + str("AppVersion"))
	var offsets []string
	m.Created, offsets = officeDate(str("dcterms:created"), offsets)
	m.Modified, offsets = officeDate(str("dcterms:modified"), offsets)
	if len(offsets) > 0 {
		m.TZOffset = offsets[0]
	}
	return m
}

// setRaw stores a string value, cut at officeMaxValue.
func (r *ooxmlRun) setRaw(key, v string) {
	v, cut := officeCut(v)
	if cut {
		r.p.warn(fmt.Errorf("%w: %s cut at %d bytes", ErrLimit, key, officeMaxValue))
	}
	r.raw[key] = v
}

// parse reads one part and counts it when it was read well.
func (r *ooxmlRun) parse(ctx context.Context, name string, fn func(x *officeXML) error) error {
	ok, err := r.p.parse(ctx, name, fn)
	if ok {
		r.read++
	}
	return err
}

// core reads docProps/core.xml: every child of coreProperties, keyed by
// its conventional prefix ("dc:creator", "cp:lastModifiedBy").
func (r *ooxmlRun) core(ctx context.Context) error {
	vals := map[string]*strings.Builder{}
	var order []string
	err := r.parse(ctx, "docProps/core.xml", func(x *officeXML) error {
		x.onText = func(x *officeXML, s string) {
			if x.depth() < 2 {
				return
			}
			n := x.stack[1]
			key := n.Local
			if pfx, ok := ooxmlCorePrefixes[n.Space]; ok {
				key = pfx + ":" + n.Local
			}
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
		return nil
	})
	for _, k := range order {
		r.setRaw(k, strings.TrimSpace(vals[k].String()))
	}
	return err
}

// app reads docProps/app.xml: simple elements as strings, numbers or
// booleans, vectors (HeadingPairs, TitlesOfParts, HLinks) as lists.
func (r *ooxmlRun) app(ctx context.Context) error {
	type value struct {
		text   strings.Builder
		vector []string
		isVec  bool
	}
	vals := map[string]*value{}
	var order []string
	err := r.parse(ctx, "docProps/app.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			if x.depth() == 2 {
				if _, ok := vals[e.Name.Local]; !ok && len(vals) < r.lim.MaxRecords {
					vals[e.Name.Local] = &value{}
					order = append(order, e.Name.Local)
				}
			}
			if x.depth() > 2 && e.Name.Local == "vector" {
				if v := vals[x.stack[1].Local]; v != nil {
					v.isVec = true
				}
			}
		}
		x.onText = func(x *officeXML, s string) {
			if x.depth() < 2 {
				return
			}
			v := vals[x.stack[1].Local]
			if v == nil {
				return
			}
			if v.isVec && x.depth() > 2 {
				if strings.TrimSpace(s) != "" && len(v.vector) < r.lim.MaxRecords {
					s, _ = officeCut(s)
					v.vector = append(v.vector, s)
				}
				return
			}
			if v.text.Len() <= officeMaxValue {
				v.text.WriteString(s)
			}
		}
		return nil
	})
	for _, k := range order {
		v := vals[k]
		s := strings.TrimSpace(v.text.String())
		switch {
		case v.isVec:
			if len(v.vector) > 0 {
				r.raw[k] = v.vector
			}
		case ooxmlNumbers[k]:
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				r.raw[k] = n
			} else if s != "" {
				r.setRaw(k, s)
			}
		case ooxmlBools[k]:
			if b, err := strconv.ParseBool(s); err == nil {
				r.raw[k] = b
			} else if s != "" {
				r.setRaw(k, s)
			}
		case s != "":
			r.setRaw(k, s)
		}
	}
	return err
}

// custom reads docProps/custom.xml into Raw["custom"]: name → value typed
// by its vt: element.
func (r *ooxmlRun) custom(ctx context.Context) error {
	props := map[string]any{}
	var name, typ string
	var val strings.Builder
	err := r.parse(ctx, "docProps/custom.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			switch {
			case x.depth() == 2 && e.Name.Local == "property":
				name, _ = officeAttr(e, "name")
				typ = ""
				val.Reset()
			case x.depth() == 3:
				typ = e.Name.Local
			}
		}
		x.onText = func(x *officeXML, s string) {
			if x.depth() >= 3 && val.Len() <= officeMaxValue {
				val.WriteString(s)
			}
		}
		x.onEnd = func(x *officeXML, e xml.EndElement) {
			if x.depth() != 2 || e.Name.Local != "property" || name == "" {
				return
			}
			if len(props) >= r.lim.MaxRecords {
				return
			}
			name, _ = officeCut(name)
			props[name] = ooxmlVariant(typ, val.String())
		}
		return nil
	})
	if len(props) > 0 {
		r.raw["custom"] = props
	}
	return err
}

// ooxmlVariant types a custom property value by its vt: element.
func ooxmlVariant(typ, s string) any {
	t := strings.TrimSpace(s)
	switch typ {
	case "i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint":
		if n, err := strconv.ParseInt(t, 10, 64); err == nil {
			return n
		}
	case "r4", "r8", "decimal":
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return f
		}
	case "bool":
		switch strings.ToLower(t) {
		case "true", "1":
			return true
		case "false", "0":
			return false
		}
	}
	s, _ = officeCut(s)
	return s
}

// ooxmlRelsPart returns the relationship part of a part name:
// word/document.xml → word/_rels/document.xml.rels.
func ooxmlRelsPart(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// readRels reads one .rels part.
func (r *ooxmlRun) readRels(ctx context.Context, name string) ([]ooxmlRel, error) {
	var rels []ooxmlRel
	err := r.parse(ctx, name, func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			if e.Name.Local != "Relationship" || len(rels) >= r.lim.MaxRecords {
				return
			}
			var rel ooxmlRel
			rel.id, _ = officeAttr(e, "Id")
			rel.typ, _ = officeAttr(e, "Type")
			rel.target, _ = officeAttr(e, "Target")
			mode, _ := officeAttr(e, "TargetMode")
			rel.external = strings.EqualFold(mode, "External")
			rels = append(rels, rel)
		}
		return nil
	})
	return rels, err
}

// rels reads every relationship part and keeps the external targets in
// Raw["ExternalRelationships"]: part, type (last path element of the
// relationship type URI), target.
func (r *ooxmlRun) rels(ctx context.Context) error {
	var ext []any
	seen := map[string]bool{}
	for _, name := range r.p.names {
		if low := strings.ToLower(name); !strings.HasSuffix(low, ".rels") || !strings.Contains(low, "_rels/") {
			continue
		}
		rels, err := r.readRels(ctx, name)
		if err != nil {
			return err
		}
		for _, rel := range rels {
			if !rel.external || rel.target == "" {
				continue
			}
			typ := path.Base(rel.typ)
			target, _ := officeCut(rel.target)
			key := typ + "\x00" + target
			if seen[key] {
				continue
			}
			seen[key] = true
			if len(ext) >= r.lim.MaxRecords {
				r.p.warn(fmt.Errorf("%w: more than %d external relationships", ErrLimit, r.lim.MaxRecords))
				break
			}
			ext = append(ext, map[string]any{"Part": ooxmlPartOfRels(name), "Type": typ, "Target": target})
		}
	}
	if len(ext) > 0 {
		r.raw["ExternalRelationships"] = ext
	}
	return nil
}

// ooxmlPartOfRels is the part a .rels part describes: "word/_rels/
// settings.xml.rels" → "word/settings.xml"; "_rels/.rels" → "".
func ooxmlPartOfRels(rels string) string {
	dir, file := path.Split(rels)
	dir = strings.TrimSuffix(strings.TrimSuffix(dir, "/"), "_rels")
	return dir + strings.TrimSuffix(file, ".rels")
}

// settings reads the attached template of a Word document:
// w:attachedTemplate r:id in word/settings.xml, resolved through the
// settings part's relationships.
func (r *ooxmlRun) settings(ctx context.Context) error {
	var id string
	if err := r.parse(ctx, "word/settings.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			if e.Name.Local == "attachedTemplate" {
				id, _ = officeAttr(e, "id")
				x.stop = true
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if id == "" {
		return nil
	}
	rels, err := r.readRels(ctx, ooxmlRelsPart("word/settings.xml"))
	if err != nil {
		return err
	}
	for _, rel := range rels {
		if rel.id == id && rel.target != "" {
			r.setRaw("AttachedTemplate", rel.target)
		}
	}
	return nil
}

// workbook reads the sheet names of xl/workbook.xml, and which are
// hidden, and keeps the sheets' relationship ids for the text.
func (r *ooxmlRun) workbook(ctx context.Context) error {
	names := newOfficeValues(r.lim.MaxRecords)
	hidden := newOfficeValues(r.lim.MaxRecords)
	err := r.parse(ctx, "xl/workbook.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			if e.Name.Local != "sheet" || x.parent(1) != "sheets" {
				return
			}
			n, _ := officeAttr(e, "name")
			names.add(n, false)
			if len(r.sheets) < r.lim.MaxRecords {
				id, _ := officeAttr(e, "id") // r:id; sheetId is another attribute
				r.sheets = append(r.sheets, xlsxSheet{name: n, id: id})
			}
			if st, _ := officeAttr(e, "state"); st == "hidden" || st == "veryHidden" {
				hidden.add(n, false)
			}
		}
		return nil
	})
	if len(names.list) > 0 {
		r.raw["SheetNames"] = names.list
	}
	if len(hidden.list) > 0 {
		r.raw["HiddenSheets"] = hidden.list
	}
	return err
}

// comments reads the authors of comments: word/comments.xml w:author,
// xl/comments*.xml <author>, ppt/commentAuthors.xml cmAuthor name.
func (r *ooxmlRun) comments(ctx context.Context) error {
	authors := newOfficeValues(r.lim.MaxRecords)
	for _, name := range r.p.names {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch low := strings.ToLower(name); {
		case low == "word/comments.xml":
			err = r.parse(ctx, name, func(x *officeXML) error {
				x.onStart = func(x *officeXML, e xml.StartElement) {
					if e.Name.Local == "comment" {
						a, _ := officeAttr(e, "author")
						authors.add(a, true)
					}
				}
				return nil
			})
		case strings.HasPrefix(low, "xl/comments") && strings.HasSuffix(low, ".xml"):
			err = r.parse(ctx, name, func(x *officeXML) error {
				x.onText = func(x *officeXML, s string) {
					if x.parent(0) == "author" && x.parent(1) == "authors" {
						authors.add(s, true)
					}
				}
				return nil
			})
		case low == "ppt/commentauthors.xml":
			err = r.parse(ctx, name, func(x *officeXML) error {
				x.onStart = func(x *officeXML, e xml.StartElement) {
					if e.Name.Local == "cmAuthor" {
						a, _ := officeAttr(e, "name")
						authors.add(a, true)
					}
				}
				return nil
			})
		}
		if err != nil {
			return err
		}
	}
	if len(authors.list) > 0 {
		r.raw["CommentAuthors"] = authors.list
	}
	return nil
}

// people reads the people lists of modern comments: word/people.xml
// (w15:person w15:author), xl/persons/person.xml (displayName) and
// ppt/authors.xml (author name).
func (r *ooxmlRun) people(ctx context.Context) error {
	people := newOfficeValues(r.lim.MaxRecords)
	for _, part := range []struct{ name, elem, attr string }{
		{"word/people.xml", "person", "author"},
		{"xl/persons/person.xml", "person", "displayName"},
		{"ppt/authors.xml", "author", "name"},
	} {
		err := r.parse(ctx, part.name, func(x *officeXML) error {
			x.onStart = func(x *officeXML, e xml.StartElement) {
				if e.Name.Local == part.elem {
					a, _ := officeAttr(e, part.attr)
					people.add(a, true)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(people.list) > 0 {
		r.raw["People"] = people.list
	}
	return nil
}

// document reads word/document.xml: the body text (w:t runs, tabs and
// breaks, one line per paragraph) and the tracked changes (w:ins, w:del,
// w:moveFrom, w:moveTo with w:author and w:date).
func (r *ooxmlRun) document(ctx context.Context) error {
	authors := newOfficeValues(r.lim.MaxRecords)
	var changes []any
	dropped := 0
	err := r.parse(ctx, "word/document.xml", func(x *officeXML) error {
		x.onStart = func(x *officeXML, e xml.StartElement) {
			switch e.Name.Local {
			case "ins", "del", "moveFrom", "moveTo":
				a, _ := officeAttr(e, "author")
				d, _ := officeAttr(e, "date")
				if a == "" && d == "" {
					return
				}
				authors.add(a, true)
				if len(changes) >= r.lim.MaxRecords {
					dropped++
					return
				}
				a, _ = officeCut(a)
				d, _ = officeCut(d)
				changes = append(changes, map[string]any{"Kind": e.Name.Local, "Author": a, "Date": d})
			case "tab":
				if x.parent(1) == "r" {
					r.text.write("\t")
				}
			case "br", "cr":
				r.text.write("\n")
			}
		}
		x.onEnd = func(x *officeXML, e xml.EndElement) {
			if e.Name.Local == "p" {
				r.text.newline()
			}
		}
		x.onText = func(x *officeXML, s string) {
			if x.parent(0) == "t" {
				r.text.write(s)
			}
		}
		return nil
	})
	if len(authors.list) > 0 {
		r.raw["TrackedChangeAuthors"] = authors.list
	}
	if len(changes) > 0 {
		r.raw["TrackedChanges"] = changes
	}
	if dropped > 0 {
		r.p.warn(fmt.Errorf("%w: %d tracked changes past %d left out", ErrLimit, dropped, r.lim.MaxRecords))
	}
	return err
}

// slides reads the text of ppt/slides/slideN.xml in slide order.
func (r *ooxmlRun) slides(ctx context.Context) error {
	type slide struct {
		n    int
		name string
	}
	var list []slide
	for _, name := range r.p.names {
		rest, ok := strings.CutPrefix(strings.ToLower(name), "ppt/slides/slide")
		if !ok {
			continue
		}
		num, ok := strings.CutSuffix(rest, ".xml")
		if n, err := strconv.Atoi(num); ok && err == nil {
			list = append(list, slide{n, name})
		}
	}
	slices.SortFunc(list, func(a, b slide) int { return a.n - b.n })
	for _, s := range list {
		if r.text.full() {
			break
		}
		err := r.parse(ctx, s.name, func(x *officeXML) error {
			x.onEnd = func(x *officeXML, e xml.EndElement) {
				if e.Name.Local == "p" {
					r.text.newline()
				}
			}
			x.onText = func(x *officeXML, s string) {
				if x.parent(0) == "t" {
					r.text.write(s)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		r.text.newline()
	}
	return nil
}
